// What a newcomer's probe of the pages found (session 17), in Chromium: a repository without a card offers "Create
// model card"; a file deleted by accident is put back alone from the delete commit's page (the confirmation names
// that file only, as it was before that commit, a later upload is kept); a blank unchanged line of a diff keeps a line's height; an avatar that
// only starts like an image is refused on the settings page, one past the size limit is a page leading back to the
// settings; revoking a token asks first. Runs after web.test.mjs; steps run in order and share one browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { apiToken, endpoint, launch, report, signUp, username, visit } from "../lib/browser.mjs";

const password = randomBytes(9).toString("base64url");
const erin = username("erin");
const repo = `${erin}/probe-model`;
const home = `/${repo}`;
const vocab = "alpha\n\nomega\n";

let browser;
let page;
let token;

before(async () => {
	browser = await launch();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
	await browser?.close();
});

/** Clicks what leads to another page and waits for it. */
async function follow(target, url, name) {
	await Promise.all([page.waitForURL(url), target.click()]);
	await report(page, name);
}

/** An API call as erin: answers the parsed envelope. */
async function api(method, path, body) {
	const res = await fetch(endpoint + path, {
		method,
		headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
		body: JSON.stringify(body),
	});
	const answer = await res.json();
	assert.equal(answer.msg, "success", `${method} ${path}: ${JSON.stringify(answer)}`);
	return answer;
}

const writeText = (path, content) => api("PUT", "/api/files/text", { name: repo, path, content });

describe("a newcomer's probe of the pages", () => {
	it("offers to create the model card of a repository without one, starting with README.md", async () => {
		await signUp(page, erin, password);
		token = await apiToken(erin, password);
		await api("POST", "/api/model", { name: repo, isPrivate: false });
		await visit(page, home, "probe-no-card");
		await follow(page.getByRole("link", { name: "Create model card" }), /\/new\/main\?filename=README\.md$/, "probe-new-card");
		assert.equal(await page.getByLabel("Path").inputValue(), "README.md");
		assert.match(await page.getByLabel("Content").inputValue(), new RegExp(`^# ${repo}\n`));
		await follow(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/README\.md$/, "probe-card-created");
		await visit(page, home, "probe-card");
		assert.equal(await page.locator(".card-text h1").textContent(), repo);
	});

	it("puts back one file deleted by accident from the delete commit, keeping a later upload", async () => {
		await writeText("ckpt/vocab.txt", vocab);
		await visit(page, `${home}/blob/main/ckpt/vocab.txt`, "probe-vocab");
		await follow(page.getByRole("link", { name: "Delete", exact: true }), /\/delete\/main\/ckpt\/vocab\.txt$/, "probe-delete-form");
		await page.getByLabel("Commit message").fill("Clean up by accident");
		await follow(page.getByRole("button", { name: "Delete", exact: true }), /\/tree\/main/, "probe-deleted");
		await writeText("later.txt", "uploaded after the delete\n");

		await visit(page, `${home}/commits/main`, "probe-history");
		await follow(page.getByRole("link", { name: "Clean up by accident" }), /\/commit\/[0-9a-f]{40}$/, "probe-delete-commit");
		const deleteCommit = page.url().slice(-40);
		const short = deleteCommit.slice(0, 7);
		const restore = page.getByRole("link", { name: "Restore ckpt/vocab.txt as it was before this commit" });
		assert.ok(await restore.isVisible(), "the deleted file offers its own restore");
		await follow(restore, new RegExp(`/restore/[0-9a-f]{40}\\?path=ckpt/vocab\\.txt&before=${deleteCommit}$`), "probe-restore-one-file");
		// the page names the version by the commit the link was on, and which commit holds it
		assert.match((await page.locator("h2").first().textContent()).replace(/\s+/g, " "),
			new RegExp(`^Restore ckpt/vocab\\.txt as it was before commit ${short} on main\\?$`));
		assert.match((await page.locator("main > p.muted").first().textContent()).replace(/\s+/g, " "),
			new RegExp(`^The version restored is that of commit [0-9a-f]{7}, the one before ${short}\\.$`));
		assert.match(await page.title(), new RegExp(`^Restore ckpt/vocab\\.txt as before ${short} · `));
		assert.equal(await page.getByLabel("Commit message").inputValue(), `Restore ckpt/vocab.txt as before ${short}`);
		assert.deepEqual((await page.getByRole("list", { name: "Files that change" }).locator("li").allTextContents())
			.map((t) => t.replace(/\s+/g, " ").trim()), ["ckpt/vocab.txt comes back"]);
		// the one-file sentence, not the whole revision's ("files added since are deleted")
		assert.match((await page.locator("form.danger-zone p").first().textContent()).replace(/\s+/g, " "),
			new RegExp(`puts ckpt/vocab\\.txt back as it was before commit ${short} \\(it comes back if it was deleted since\\)\\. Other files stay as they are unless listed below\\.`));
		// its folder's confirmation, as a folder's history offers it (the commit's own version), says so for a folder
		const oneFile = page.url().slice(endpoint.length);
		await visit(page, oneFile.replace(/\?path=.*$/, "?path=ckpt"), "probe-restore-folder");
		assert.match((await page.locator("h2").first().textContent()).replace(/\s+/g, " "), /^Restore ckpt as in commit [0-9a-f]{7} on main\?$/);
		assert.match((await page.locator("form.danger-zone p").first().textContent()).replace(/\s+/g, " "),
			/puts the folder ckpt back as it was in this commit: files added to it since are deleted, .* Files outside it stay as they are unless listed below\./);
		await visit(page, oneFile, "probe-restore-one-file-again");
		await follow(page.getByRole("button", { name: "Restore", exact: true }), /\/commit\/[0-9a-f]{40}\?restored=main/, "probe-restored");
		assert.match((await page.locator("[role=status]").textContent()).replace(/\s+/g, " "),
			new RegExp(`Restored\\. This new commit on main puts ckpt/vocab\\.txt back as it was before commit ${short} \\(its version in commit [0-9a-f]{7}\\)\\.`));
		assert.equal(await (await fetch(`${endpoint}${home}/resolve/main/ckpt/vocab.txt`)).text(), vocab);
		assert.equal((await fetch(`${endpoint}${home}/resolve/main/later.txt`)).status, 200, "the later upload is kept");
	});

	it("keeps a blank unchanged line of a diff a line tall", async () => {
		await writeText("ckpt/vocab.txt", "alpha\n\nbeta\n");
		await visit(page, `${home}/commits/main/ckpt/vocab.txt`, "probe-file-history");
		// the two older versions (not the deletion, not main's own) offer a restore, labelled with the file
		const offered = page.locator("ol.commits a.button", { hasText: "Restore this version…" });
		assert.equal(await offered.count(), 2, "the two older versions offer a restore");
		assert.match(await offered.first().getAttribute("aria-label"), /^Restore ckpt\/vocab\.txt as in [0-9a-f]{7}$/);
		await follow(page.locator("ol.commits a.message").first(), /\/commit\/[0-9a-f]{40}$/, "probe-blank-line-diff");
		const same = page.locator("table.diff tr.same");
		assert.deepEqual(await same.locator("td:last-child").allTextContents(), ["alpha", ""]);
		const text = await same.nth(0).boundingBox();
		const blank = await same.nth(1).boundingBox();
		assert.ok(blank.height >= text.height - 1, `the blank line is ${blank.height} px tall, a line of text ${text.height} px`);
		await page.locator("article.change").first().screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-probe-blank-line-diff-close.png` });
	});

	it("refuses an avatar that only starts like an image, and leads back from one past the limit", async () => {
		await visit(page, "/settings/profile", "probe-settings");
		const before = await page.locator("img.avatar").first().getAttribute("src");
		await page.getByLabel("New avatar").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("GIF89a-not-really") });
		const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Save avatar" }).click()]);
		assert.equal(refused.status(), 400);
		assert.match(await page.getByRole("alert").textContent(), /avatar is not a valid GIF image/);
		await report(page, "probe-avatar-refused");
		assert.equal(await page.locator("img.avatar").first().getAttribute("src"), before, "the avatar is unchanged");

		await visit(page, "/settings/profile", "probe-settings-again");
		await page.getByLabel("New avatar").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(3 * 1024 * 1024) });
		const [tooLarge] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Save avatar" }).click()]);
		assert.equal(tooLarge.status(), 413);
		assert.match(await page.locator("main").textContent(), /Nothing was changed: choose a smaller image and send the form again/);
		await report(page, "probe-avatar-too-large");
		await follow(page.getByRole("link", { name: "Back to your profile settings" }), `${endpoint}/settings/profile`, "probe-back-to-settings");
		assert.equal(await page.locator(".whoami").textContent(), erin, "signed in still");
	});

	it("asks before revoking a token", async () => {
		await visit(page, "/settings/tokens", "probe-tokens");
		await page.getByLabel("Name").fill("probe");
		await page.getByRole("button", { name: "Create token" }).click();
		await page.locator("#new-token").waitFor();
		await visit(page, "/settings/tokens", "probe-token-listed");
		let question;
		page.once("dialog", (dialog) => { question = dialog.message(); dialog.dismiss(); });
		await page.getByRole("button", { name: "Revoke probe" }).click();
		assert.match(question, /^Revoke the token probe\? Scripts using it stop working at once\.$/);
		await page.reload();
		assert.ok(await page.getByRole("button", { name: "Revoke probe" }).isVisible(), "a dismissed question revokes nothing");
		page.once("dialog", (dialog) => dialog.accept());
		await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Revoke probe" }).click()]);
		assert.match(await page.locator("main").textContent(), /No tokens yet/);
		await report(page, "probe-token-revoked");
	});
});
