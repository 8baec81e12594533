// Resuming a large upload on the upload page in Chromium: a 24 MiB file goes through the Git LFS
// batch API in parts (run.sh starts the server with 1 MB parts, so anything above 2 MB is "large"),
// the connection drops at part 7 (Playwright's route API aborts it), Commit upload continues it in
// the same tab until the user cancels during part 10, the page is reloaded and names the
// unfinished upload, the same file is chosen again, and the upload finishes without sending the
// nine parts the server kept (its batch answer lists them; the route counts every part PUT). The
// committed file downloads with the same sha256. Steps run in order and share one browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiToken, endpoint, launch, report, signUp, username, visit, work } from "../lib/browser.mjs";

const password = randomBytes(9).toString("base64url");
const erin = username("erin");
const repo = `${erin}/resumed-weights`;
const folder = join(work, "resume");
const big = randomBytes(24 * 1024 * 1024);
const bigSha = createHash("sha256").update(big).digest("hex");
const bigFile = join(folder, "big.bin");
const PART = /\/api\/lfs\/[^/]+\/[0-9a-f]{64}\/part\/(\d+)\?/;
const CUT_AT = 7;

let browser;
let page;
/** Part number → how many PUTs of it reached the network (an aborted one included). */
const puts = new Map();
let cut = true;
/** A part whose PUT waits until release() (the user cancels meanwhile). */
let hold = 0;
let release = () => {};
const partOf = (url) => Number(PART.exec(url)?.[1] ?? 0);

before(async () => {
	mkdirSync(folder, { recursive: true });
	writeFileSync(bigFile, big);
	browser = await launch();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
	await page.route(PART, async (route) => {
		const part = partOf(route.request().url());
		puts.set(part, (puts.get(part) ?? 0) + 1);
		if (part === hold) {
			await new Promise((resolve) => { release = resolve; });
			await route.abort("aborted").catch(() => {}); // cancelled by the page already
		} else if (cut && part === CUT_AT) {
			await route.abort("connectionreset");
		} else {
			await route.continue();
		}
	});
});

after(async () => {
	await browser?.close();
});

describe("resumable upload", () => {
	it("sends a large file in parts until the connection drops, and says the parts are kept", async () => {
		await signUp(page, erin, password);
		const token = await apiToken(erin, password);
		const created = await fetch(endpoint + "/api/model", {
			method: "POST",
			headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
			body: JSON.stringify({ name: repo, isPrivate: true }),
		});
		assert.equal(created.status, 200, await created.text());
		assert.equal((await visit(page, `/${repo}/upload/main`, "resume-empty")).status(), 200);
		await page.getByLabel("Commit message").fill("Add the big weights");
		await page.getByLabel("Files", { exact: true }).setInputFiles(bigFile);
		await page.getByRole("button", { name: "Commit upload" }).click();
		await page.locator("#upload-status", { hasText: "connection was lost" }).waitFor({ timeout: 120_000 });
		assert.match(await page.locator("#upload-status").textContent(), /kept for 24 hours/);
		assert.deepEqual([...puts.keys()].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7], "parts 1 to 7 sent, 7 cut off");
		const percent = Number((await page.locator("#file-list .percent").textContent()).replace(" %", ""));
		assert.ok(percent >= 24 && percent < 30, `six of 24 parts shown as sent: ${percent} %`);
		await report(page, "resume-connection-lost");
	});

	it("continues in the same tab from part 7 until the user cancels during part 10", async () => {
		cut = false;
		hold = 10;
		const held = page.waitForRequest((r) => partOf(r.url()) === 10);
		await page.getByRole("button", { name: "Commit upload" }).click();
		await held;
		await page.getByRole("button", { name: "Cancel" }).click();
		release();
		await page.locator("#upload-status", { hasText: "Upload cancelled" }).waitFor();
		assert.match(await page.locator("#upload-status").textContent(), /nothing was committed.*kept for 24 hours/);
		assert.deepEqual([...puts.entries()].sort((a, b) => a[0] - b[0]),
			[[1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1], [7, 2], [8, 1], [9, 1], [10, 1]], "parts 1 to 6 not sent again");
		await report(page, "resume-cancelled");
		hold = 0;
	});

	it("names the unfinished upload after a reload, and finishes it without sending the kept parts again", async () => {
		await page.reload();
		await page.locator("#unfinished").waitFor();
		assert.match(await page.locator("#unfinished").textContent(), /big\.bin \(25\.2 MB\): at least 9 of 24 parts sent/);
		await report(page, "resume-unfinished-after-reload");

		await page.getByLabel("Files", { exact: true }).setInputFiles(bigFile);
		assert.match(await page.locator("#file-list .note").textContent(), /at least 9 of 24 parts sent earlier/);
		await report(page, "resume-chosen-again");
		const [batch] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(".git/info/lfs/objects/batch")),
			page.getByRole("button", { name: "Commit upload" }).click(),
		]);
		const answer = await batch.json();
		assert.deepEqual(answer.objects[0].actions.upload.stored_parts.map((p) => p.partNumber), [1, 2, 3, 4, 5, 6, 7, 8, 9],
			"the server kept the nine parts received whole");
		await page.locator("#upload-status", { hasText: "Uploaded and committed" }).waitFor({ timeout: 120_000 });
		await report(page, "resume-done");
		assert.equal(await page.locator("#file-list .percent").textContent(), "100 %");
		for (let part = 1; part <= 24; part++) {
			assert.equal(puts.get(part), part === CUT_AT || part === 10 ? 2 : 1, `part ${part} PUT ${puts.get(part)} times`);
		}
		assert.equal(await page.locator("#unfinished").isHidden(), true);
	});

	it("downloads the resumed file with the same sha256, and forgets it once committed", async () => {
		const res = await page.request.get(endpoint + `/${repo}/resolve/main/big.bin`);
		assert.equal(res.status(), 200);
		assert.equal(createHash("sha256").update(await res.body()).digest("hex"), bigSha);
		await visit(page, `/${repo}/upload/main`, "resume-upload-page-after");
		assert.equal(await page.locator("#unfinished").isHidden(), true, "nothing unfinished is named any more");
		await visit(page, `/${repo}/tree/main`, "resume-tree");
		assert.match(await page.locator("table.files tr", { hasText: "big.bin" }).textContent(), /25\.2 MB/);
	});
});
