// The web pages in Chromium: catalogue, sign-up, upload of a folder with a 20 MB file through
// the upload page, browsing, file view, the "Use this" snippets' boxes (no sideways scroll at 1280 and 375 px,
// copied exactly), history and commit, download compared by sha256,
// sign-out, and a private repository that is absent (404) for another user and for anonymous
// visitors. Steps run in order and share one browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiToken, endpoint, launch, report, shot, signUp, username, visit, work } from "../lib/browser.mjs";

const password = randomBytes(9).toString("base64url");
const alice = username("alice");
const bob = username("bob");
const repo = `${alice}/private-weights`;
const folder = join(work, "upload", "weights");
const big = randomBytes(20 * 1024 * 1024);
const bigSha = createHash("sha256").update(big).digest("hex");
const config = JSON.stringify({ hidden_size: 64, layers: 2, note: "<script>alert(1)</script>" }, null, 2) + "\n";

let browser;
let page;

/**
 * The page's "Use this" boxes, in order: their scroll and client widths, their code as copied ({@code text}), its
 * lines and the lines the box shows (its height over a line's: more when a line wraps).
 */
async function snippetBoxes(where) {
	return where.locator("pre.snippet").evaluateAll((pres) => pres.map((pre) => {
		const style = getComputedStyle(pre);
		const inner = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
		const text = pre.querySelector("code").textContent;
		return { scrollWidth: pre.scrollWidth, clientWidth: pre.clientWidth, text, lines: text.split("\n").length,
			shown: Math.round(inner / parseFloat(style.lineHeight)) };
	}));
}

before(async () => {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, "big.bin"), big);
	writeFileSync(join(folder, "config.json"), config);
	writeFileSync(join(work, "upload", "README.md"), "---\nlicense: mit\ntags:\n- tiny\n---\n# Private weights\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
	browser = await launch();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
});

after(async () => {
	await browser?.close();
});

describe("web pages", () => {
	it("shows the catalogue with cards, search, sort and paging, before any script", async () => {
		const response = await visit(page, "/", "catalogue");
		assert.equal(response.status(), 200);
		assert.ok(await page.locator("li.card").count() > 0, "cards are shown");
		assert.equal(await page.locator("li.card").count(), 30, "30 cards a page");
		await assert.doesNotReject(page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).waitFor());
		await page.getByLabel("Sort").selectOption("alphabetical");
		await page.waitForURL(/sort=alphabetical/);
		const names = await page.locator("li.card h2 a").allTextContents();
		assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		await report(page, "catalogue-sorted");
		const first = names[0];
		const term = first.split("/")[1];
		await page.getByLabel("Search by name").fill(term);
		// The sorted page's URL already carries an empty q=: wait for this search's own URL.
		await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === term),
			page.getByRole("button", { name: "Apply" }).click()]);
		const found = await page.locator("li.card h2 a").allTextContents();
		assert.ok(found.includes(first), `searching ${term} finds ${first}: ${found.join(", ")} at ${page.url()}`);
		await report(page, "catalogue-search");
		assert.equal((await visit(page, "/datasets", "datasets")).status(), 200);
		assert.ok(await page.locator("li.card").count() > 0, "dataset cards are shown");
	});

	it("shows a demo repository's page with its use-this panel", async () => {
		await visit(page, "/", "catalogue-again");
		const link = page.locator("li.card h2 a").first();
		const name = await link.textContent();
		await Promise.all([page.waitForURL(/\/[^/]+\/[^/]+$/), link.click()]);
		await report(page, "demo-repository");
		assert.match((await page.locator(".use-this").textContent()).replace(/ \\\n {2}/g, " "), new RegExp(`hf download ${name}`));
		assert.match(await page.locator(".use-this").textContent(), /from_pretrained/);
		for (const box of await snippetBoxes(page)) {
			assert.ok(box.scrollWidth <= box.clientWidth, `no sideways scroll at 1280 px: ${JSON.stringify(box)}`);
		}
		// the panel spans the side column (as the chart above it does), however short its lines
		const [panel, chart] = [await page.locator(".use-this").boundingBox(), await page.locator(".downloads-chart").boundingBox()];
		assert.ok(Math.abs(panel.width - chart.width) <= 1 && panel.width >= 470, `the panel is ${panel.width} px wide, the chart ${chart.width} px`);
	});

	it("signs up through the page and shows who is signed in", async () => {
		await signUp(page, alice, password);
		await report(page, "signed-in");
		assert.equal(await page.locator(".whoami").textContent(), alice);
	});

	it("uploads a folder with a 20 MB file through the upload page, progress reaching 100 %", async () => {
		const token = await apiToken(alice, password);
		const created = await fetch(endpoint + "/api/model", {
			method: "POST",
			headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
			body: JSON.stringify({ name: repo, isPrivate: true }),
		});
		assert.equal(created.status, 200, await created.text());
		assert.equal((await visit(page, `/${repo}/upload/main`, "upload-empty")).status(), 200);
		await page.getByLabel("Commit message").fill("Add the weights folder");
		// The folder through the folder picker (webkitdirectory), a README through drag and drop.
		await page.getByLabel("A folder").setInputFiles(folder);
		const readme = readFileSync(join(work, "upload", "README.md"), "utf8");
		const dropped = await page.evaluateHandle((text) => {
			const data = new DataTransfer();
			data.items.add(new File([text], "README.md", { type: "text/markdown" }));
			return data;
		}, readme);
		await page.locator("#drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
		await page.locator("#file-list li").nth(2).waitFor();
		assert.deepEqual((await page.locator("#file-list .name").allTextContents()).map((t) => t.split(" (")[0]).sort(),
			["README.md", "weights/big.bin", "weights/config.json"]);
		await report(page, "upload-chosen");
		await page.getByRole("button", { name: "Commit upload" }).click();
		await page.locator("#overall-text", { hasText: "100 %" }).waitFor({ timeout: 120_000 });
		await page.locator("#upload-status", { hasText: "Uploaded and committed" }).waitFor();
		for (const text of await page.locator("#file-list .percent").allTextContents()) {
			assert.equal(text, "100 %");
		}
		await report(page, "upload-done");
		// Nothing stays chosen for a second press; a file chosen next replaces the committed rows.
		assert.ok(await page.getByRole("button", { name: "Commit upload" }).isDisabled());
		assert.equal(await page.getByLabel("A folder").evaluate((input) => input.files.length), 0);
		// A refusal shows the server's reason (the error page's message, not its status code).
		await page.getByLabel("Into folder").fill("C:\\weights");
		await page.getByLabel("Files", { exact: true }).setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
		assert.deepEqual(await page.locator("#file-list .name").allTextContents(), ["notes.txt (2 B) "]);
		await page.getByRole("button", { name: "Commit upload" }).click();
		await page.locator("#upload-status", { hasText: "The upload failed (HTTP 400)" }).waitFor();
		assert.equal(await page.locator("#upload-status").textContent(),
			"The upload failed (HTTP 400): path contains a backslash; use / between folders");
		// beside the refusal the bars say it failed, not a percentage short of 100
		assert.deepEqual(await page.locator("#file-list .percent").allTextContents(), ["failed"]);
		assert.equal(await page.locator("#file-list li.failed").count(), 1);
		assert.equal(await page.locator("#overall-text").textContent(), "failed");
		assert.ok(await page.locator("#overall-bar.failed").isVisible());
		await report(page, "upload-refused");
	});

	it("browses the folder, opens a file with line numbers, and shows the card rendered safely", async () => {
		await visit(page, `/${repo}`, "private-repository");
		assert.equal(await page.locator(".markdown h1").textContent(), "Private weights");
		assert.equal(await page.locator(".markdown table td").first().textContent(), "1");
		assert.ok((await page.locator(".front-matter li").allTextContents()).includes("license: mit"));
		await page.getByRole("link", { name: "Files", exact: true }).click();
		await page.waitForURL(/\/tree\/main$/);
		await report(page, "tree-root");
		await page.getByRole("link", { name: "weights (folder)" }).click();
		await page.waitForURL(/\/tree\/main\/weights$/);
		await report(page, "tree-weights");
		const bigRow = page.locator("table.files tr", { hasText: "big.bin" });
		assert.match(await bigRow.textContent(), /21\.0 MB/);
		await page.getByRole("link", { name: "config.json" }).click();
		await page.waitForURL(/\/blob\/main\/weights\/config\.json$/);
		await report(page, "blob-config");
		assert.equal(await page.locator("table.lines tr").count(), config.trimEnd().split("\n").length);
		assert.match(await page.locator("#L4").textContent(), /<script>alert\(1\)<\/script>/, "shown as text, not run");
	});

	it("lays the use-this snippets out to be read without scrolling sideways, at 1280 px and on a phone, copied exactly", async () => {
		await visit(page, `/${repo}`, "use-this-1280");
		const [hf, python, curl] = await snippetBoxes(page);
		// the shell command continued with backslashes, as a shell reads it; the Python call's arguments on their own lines
		assert.equal(hf.text, `HF_ENDPOINT=${endpoint} \\\n  hf download ${repo} \\\n  --token "$HF_TOKEN"`);
		assert.match(python.text, new RegExp(`model = AutoModel\\.from_pretrained\\(\\n {4}"${repo}",\\n {4}token=os\\.environ\\["HF_TOKEN"\\],\\n\\)$`));
		assert.match(curl.text.replace(/ \\\n {2}/g, " "), new RegExp(`^curl -L -H "Authorization: Bearer \\$HF_TOKEN" -O ${endpoint}/${repo}/resolve/main/README\\.md$`));
		for (const box of [hf, python, curl]) {
			assert.ok(box.scrollWidth <= box.clientWidth, `no sideways scroll at 1280 px: ${JSON.stringify(box)}`);
		}
		for (const box of [hf, python]) {
			assert.equal(box.shown, box.lines, `each line on one line of the box at 1280 px: ${JSON.stringify(box)}`);
		}
		await page.locator(".use-this").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-use-this-1280-close.png` });
		// the Copy button copies the code exactly (backslashes and line breaks as shown, nothing the wrapping added)
		await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: endpoint });
		await page.getByRole("button", { name: "Copy: With curl" }).click();
		await page.getByRole("button", { name: "Copy: With curl" }).filter({ hasText: "Copied" }).waitFor();
		assert.equal(await page.evaluate(() => navigator.clipboard.readText()), curl.text);

		await page.setViewportSize({ width: 375, height: 800 });
		await report(page, "use-this-375");
		for (const box of await snippetBoxes(page)) {
			assert.ok(box.scrollWidth <= box.clientWidth, `no sideways scroll at 375 px: ${JSON.stringify(box)}`);
		}
		assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
			"the repository page fits the phone");
		await page.locator(".use-this").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-use-this-375-close.png` });
		await page.setViewportSize({ width: 1280, height: 900 });
	});

	it("shows the upload's commit in the history and its changed files on the commit page", async () => {
		await visit(page, `/${repo}/commits/main`, "history");
		assert.equal(await page.locator("ol.commits li").count(), 1);
		await page.getByRole("link", { name: "Add the weights folder" }).click();
		await page.waitForURL(/\/commit\/[0-9a-f]{40}$/);
		await report(page, "commit");
		const paths = await page.locator(".change h3 a").allTextContents();
		assert.deepEqual(paths.sort(), ["README.md", "weights/big.bin", "weights/config.json"]);
		assert.ok(await page.locator("table.diff tr.add").count() > 0, "text files have a diff");
	});

	it("downloads the 20 MB file from the file page with the same sha256", async () => {
		await visit(page, `/${repo}/blob/main/weights/big.bin`, "blob-big");
		assert.equal(await page.locator("code.sha").textContent(), bigSha);
		const [download] = await Promise.all([page.waitForEvent("download"),
			page.getByRole("link", { name: "Download big.bin" }).click()]);
		const saved = join(work, "downloaded.bin");
		await download.saveAs(saved);
		assert.equal(createHash("sha256").update(readFileSync(saved)).digest("hex"), bigSha);
	});

	it("signs out, and the private repository answers 404 to anonymous visitors and to another user", async () => {
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.waitForURL(endpoint + "/");
		await page.getByRole("link", { name: "Sign in" }).waitFor();
		await shot(page, "signed-out");
		for (const path of [`/${repo}`, `/${repo}/tree/main`, `/${repo}/blob/main/weights/config.json`, `/${repo}/commits/main`]) {
			assert.equal((await page.goto(endpoint + path)).status(), 404, `anonymous ${path}`);
		}
		await report(page, "private-anonymous-404");
		const missing = await page.goto(endpoint + `/${alice}/no-such-repository`);
		assert.equal(missing.status(), 404);
		assert.equal(await page.locator("main").textContent(), await (async () => {
			await page.goto(endpoint + `/${repo}`);
			return page.locator("main").textContent();
		})(), "a private repository's 404 is the same page as a missing one's");
		await signUp(page, bob, password);
		assert.equal((await visit(page, `/${repo}`, "private-other-user-404")).status(), 404);
		assert.equal((await page.goto(endpoint + `/${repo}/resolve/main/weights/config.json`)).status(), 404);
	});

	it("works without script: signs in, uploads many files with the plain form, pages the folder", async () => {
		const plain = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })).newPage();
		const many = join(work, "many");
		mkdirSync(many, { recursive: true });
		const files = [];
		for (let i = 0; i < 55; i++) {
			const file = join(many, `part-${String(i).padStart(3, "0")}.txt`);
			writeFileSync(file, `part ${i}\n`);
			files.push(file);
		}
		await visit(plain, `/${repo}/upload/main`, "noscript-upload-redirects-to-sign-in");
		assert.match(plain.url(), /\/login\?next=/);
		await plain.getByLabel("Username").fill(alice);
		await plain.getByLabel("Password").fill("not the password");
		await plain.getByRole("button", { name: "Sign in" }).click();
		await plain.getByRole("alert").waitFor();
		await report(plain, "noscript-wrong-password");
		await plain.getByLabel("Password").fill(password);
		await Promise.all([plain.waitForURL(new RegExp(`/${repo}/upload/main$`)), plain.getByRole("button", { name: "Sign in" }).click()]);
		assert.equal(await plain.locator("#drop-zone").isVisible(), false, "no drop zone without script");
		await plain.getByLabel("Commit message").fill("Many parts without script");
		await plain.getByLabel("Into folder").fill("parts");
		await plain.getByLabel("Files", { exact: true }).setInputFiles(files);
		await report(plain, "noscript-upload-chosen");
		await Promise.all([plain.waitForURL(/\/tree\/main$/), plain.getByRole("button", { name: "Commit upload" }).click()]);
		await plain.getByRole("link", { name: "parts (folder)" }).click();
		await plain.waitForURL(/\/tree\/main\/parts$/);
		assert.equal(await plain.locator("table.files tbody tr").count(), 50, "a folder page holds 50 entries");
		assert.match(await plain.locator(".bar .count").textContent(), /55 entries/);
		await report(plain, "noscript-folder-page-1");
		await plain.getByRole("link", { name: "Next page" }).click();
		assert.deepEqual(await plain.locator("table.files tbody tr td:first-child").allTextContents(),
			["part-050.txt", "part-051.txt", "part-052.txt", "part-053.txt", "part-054.txt"]);
		await report(plain, "noscript-folder-page-2");
		await plain.context().close();
	});

	it("refuses a state-changing form without its CSRF token", async () => {
		const res = await page.request.post(endpoint + "/logout", { maxRedirects: 0 });
		assert.equal(res.status(), 403);
	});

	it("is readable on a narrow screen", async () => {
		const narrow = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
		await visit(narrow, "/", "narrow-catalogue");
		const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
		const first = await narrow.locator("li.card h2 a").first().getAttribute("href");
		for (const [path, name] of [[first, "narrow-repository"], ["/login", "narrow-login"]]) {
			await visit(narrow, path, name);
			const wide = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(wide <= 0, `${path}: no horizontal scrolling (${wide}px)`);
		}
		await visit(narrow, first, "narrow-repository");
		const reader = await tabRow(narrow);
		assert.equal(reader.rows, 1, `a reader's tabs stay on one line: ${JSON.stringify(reader)}`);
		assert.ok(reader.overflow <= 0, `a reader's ${reader.tabs} tabs fit the screen without scrolling the row (${reader.overflow}px)`);
		// the owner's six tabs (Upload and Settings too) scroll inside their row: on the card, the branches
		// page and the settings page, whose tab is past the screen's edge until tabs.js brings it in
		await narrow.goto(endpoint + "/login");
		await narrow.getByLabel("Username").fill(alice);
		await narrow.getByLabel("Password").fill(password);
		await Promise.all([narrow.waitForURL((url) => !url.pathname.startsWith("/login")), narrow.getByRole("button", { name: "Sign in" }).click()]);
		for (const [path, name] of [[`/${repo}`, "narrow-repository-owner"], [`/${repo}/refs`, "narrow-refs-owner"],
			[`/${repo}/settings`, "narrow-settings-owner"]]) {
			assert.equal((await visit(narrow, path, name)).status(), 200);
			const owner = await tabRow(narrow);
			assert.equal(owner.tabs, 6, `${path}: the owner's tabs`);
			assert.equal(owner.rows, 1, `${path}: the owner's tabs stay on one line: ${JSON.stringify(owner)}`);
			assert.ok(owner.activeInSight, `${path}: the current tab is in sight: ${JSON.stringify(owner)}`);
			const wide = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(wide <= 0, `${path}: no horizontal scrolling of the page (${wide}px)`);
		}
		await narrow.close();
	});
});

/** The repository tab row as laid out: tabs, rows (distinct tops), how far it overflows its width, and whether the current tab is inside it. */
async function tabRow(page) {
	return page.locator("nav.tabs").evaluate((nav) => {
		const box = nav.getBoundingClientRect();
		const links = [...nav.querySelectorAll("a")].map((a) => ({ text: a.textContent.trim(), rect: a.getBoundingClientRect(), active: a.classList.contains("active") }));
		const active = links.find((l) => l.active);
		return {
			tabs: links.length,
			rows: new Set(links.map((l) => Math.round(l.rect.top))).size,
			overflow: nav.scrollWidth - nav.clientWidth,
			activeInSight: !active || (active.rect.left >= box.left - 1 && active.rect.right <= box.right + 1),
			widths: links.map((l) => `${l.text} ${Math.round(l.rect.width)}`).join(", ") + ` of ${Math.round(box.width)}`,
		};
	});
}
