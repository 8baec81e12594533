// The change pages in Chromium: a private dataset created and uploaded to through the pages, a file edited in
// place (its commit and diff), an edit kept though another file changed meanwhile, a stale edit of a changed file refused, a tag, a download at the tag compared by
// sha256, the first revision restored as a new commit (and restored again: nothing changed), two revisions compared, per-path history,
// a restore refused because the branch moved after its confirmation, a new file, a file and a folder deleted,
// bidirectional controls in a commit message shown as codes, a like and the downloads chart, rename and delete
// through the settings, and a second user for whom every new page is 404. Runs after
// web.test.mjs (node --test takes the files in order); steps run in order and share one browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { endpoint, launch, report, signUp, username, visit, work } from "../lib/browser.mjs";

const password = randomBytes(9).toString("base64url");
const carol = username("carol");
const dave = username("dave");
const repo = `${carol}/private-data`;
const home = `/datasets/${repo}`;
const folder = join(work, "changes");
const original = "first line\nsecond line\n";
const edited = "first line\nsecond line, edited\nthird line\n";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

let browser;
let page;

before(async () => {
	mkdirSync(join(folder, "data"), { recursive: true });
	writeFileSync(join(folder, "notes.txt"), original);
	writeFileSync(join(folder, "params.py"), "# Parameters\ndef rate(step):\n    \"\"\"The learning rate.\"\"\"\n    return 0.1 / step\n");
	writeFileSync(join(folder, "data", "train.csv"), "x,y\n1,2\n");
	browser = await launch();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
});

after(async () => {
	await browser?.close();
});

/** Clicks what submits a form and waits for the page it leads to. */
async function submit(target, url, name) {
	await Promise.all([page.waitForURL(url), target.click()]);
	await report(page, name);
}

/** Someone else commits meanwhile: the edit or new-file form at `form` (below the dataset) filled with `fields`, in another tab. */
async function commitElsewhere(form, fields) {
	const other = await page.context().newPage();
	await other.goto(endpoint + home + form);
	for (const [label, value] of Object.entries(fields)) {
		await other.getByLabel(label, { exact: true }).fill(value);
	}
	await Promise.all([other.waitForURL(/\/blob\/main\//), other.getByRole("button", { name: "Commit changes" }).click()]);
	await other.close();
}

/** From the history to the first upload's commit, then to its restore confirmation (screenshots named by `shots`); its id. */
async function confirmRestoringTheFirstUpload(shots) {
	await visit(page, `${home}/commits/main`, shots[0]);
	await submit(page.getByRole("link", { name: "First upload" }), /\/commit\/[0-9a-f]{40}$/, shots[1]);
	const first = page.url().match(/[0-9a-f]{40}$/)[0];
	await submit(page.getByRole("link", { name: "Restore this revision on main" }), new RegExp(`/restore/${first}$`), shots[2]);
	return first;
}

describe("change pages", () => {
	it("uploads to a new private dataset without README.md, whose curl line names a file that exists", async () => {
		await signUp(page, carol, password);
		// created through the new-dataset page, reached from the user menu
		await page.locator(".user-menu summary").click();
		await Promise.all([page.waitForURL(`${endpoint}/new-dataset`), page.getByRole("link", { name: "New dataset" }).click()]);
		await report(page, "changes-new-dataset");
		assert.equal(await page.getByLabel("Owner", { exact: true }).inputValue(), carol);
		await page.getByLabel("Dataset name").fill("private-data");
		await page.getByRole("radio", { name: /^Private/ }).check();
		await submit(page.getByRole("button", { name: "Create dataset" }), `${endpoint}${home}`, "changes-new-dataset-created");
		assert.match(await page.locator("main").textContent(), /private/);
		await visit(page, `${home}/upload/main`, "changes-upload");
		await page.getByLabel("Commit message").fill("First upload");
		await page.getByLabel("Files", { exact: true }).setInputFiles([join(folder, "notes.txt"), join(folder, "params.py")]);
		await page.getByLabel("A folder").setInputFiles(join(folder, "data"));
		await page.locator("#file-list li").nth(2).waitFor();
		assert.deepEqual((await page.locator("#file-list .name").allTextContents()).map((t) => t.split(" (")[0]).sort(),
			["data/train.csv", "notes.txt", "params.py"]);
		await page.getByRole("button", { name: "Commit upload" }).click();
		await page.locator("#upload-status", { hasText: "Uploaded and committed" }).waitFor();
		await visit(page, home, "changes-repository");
		const curl = await page.locator(".use-this code").last().textContent();
		assert.match(curl, /\/resolve\/main\/notes\.txt$/, curl);
		const res = await page.request.get(curl.split(" ").pop());
		assert.equal(res.status(), 200, "the file the curl line names exists");
		assert.equal(await res.text(), original);
	});

	it("edits a file in place, then shows its commit with the diff", async () => {
		await visit(page, `${home}/blob/main/notes.txt`, "changes-blob");
		await submit(page.getByRole("link", { name: "Edit", exact: true }), /\/edit\/main\/notes\.txt$/, "changes-edit-form");
		assert.equal(await page.getByLabel("Content").inputValue(), original);
		await page.getByLabel("Content").fill(edited);
		await page.getByLabel("Commit message").fill("Edit the notes");
		await submit(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/notes\.txt$/, "changes-edited");
		assert.deepEqual(await page.locator("td.lc").allTextContents(), edited.trimEnd().split("\n"));
		await visit(page, `${home}/commits/main`, "changes-history");
		await submit(page.getByRole("link", { name: "Edit the notes" }), /\/commit\/[0-9a-f]{40}$/, "changes-commit");
		assert.deepEqual(await page.locator("table.diff tr.del td:last-child").allTextContents(), ["second line"]);
		assert.deepEqual(await page.locator("table.diff tr.add td:last-child").allTextContents(), ["second line, edited", "third line"]);
	});

	it("commits an edit although another file changed since the form was opened", async () => {
		await visit(page, `${home}/edit/main/data/train.csv`, "changes-other-file-form");
		await commitElsewhere("/edit/main/params.py", { Content: "# changed first\ndef rate(step):\n    return 0.3 / step\n" });
		await page.getByLabel("Content").fill("x,y\n1,2\n3,4\n");
		await submit(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/data\/train\.csv$/, "changes-other-file-kept");
		assert.deepEqual(await page.locator("td.lc").allTextContents(), ["x,y", "1,2", "3,4"]);
		assert.match(await (await page.request.get(endpoint + `${home}/resolve/main/params.py`)).text(), /^# changed first/,
			"the other commit is kept");
	});

	it("refuses an edit of a file changed since the form was opened, saying so", async () => {
		await visit(page, `${home}/edit/main/params.py`, "changes-stale-form");
		await commitElsewhere("/edit/main/params.py", { Content: "# changed meanwhile\ndef rate(step):\n    return 0.2 / step\n" });
		await page.getByLabel("Content").fill("lost edit\n");
		const [response] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Commit changes" }).click()]);
		assert.equal(response.status(), 409);
		assert.match(await page.locator("[role=alert]").textContent(),
			/main has moved since this form was opened: someone changed params\.py there, and nothing of yours was saved/);
		assert.equal(await page.getByLabel("Content").inputValue(), "lost edit\n", "the user's text is kept");
		assert.ok(await page.getByRole("link", { name: "View the current file" }).isVisible());
		await report(page, "changes-stale-refused");
		assert.match(await (await page.request.get(endpoint + `${home}/resolve/main/params.py`)).text(), /^# changed meanwhile/);
	});

	it("highlights code in the file view", async () => {
		await visit(page, `${home}/blob/main/params.py`, "changes-highlighted");
		await page.locator(".code.highlighted").waitFor();
		assert.equal(await page.locator("td.lc .hljs-comment").textContent(), "# changed meanwhile");
		assert.equal(await page.locator("td.lc .hljs-keyword").first().textContent(), "def");
	});

	it("creates a tag, picks it in the revision selector and downloads a file at it with the same sha256", async () => {
		await visit(page, `${home}/refs`, "changes-refs-empty");
		await page.getByRole("radio", { name: "Tag" }).check();
		await page.getByLabel("Name").fill("v1");
		await submit(page.getByRole("button", { name: "Create" }), new RegExp(`${home}/refs$`), "changes-refs-tag");
		assert.deepEqual(await page.locator("section[aria-label=Tags] .refs a").allTextContents(), ["v1"]);
		// main moves on, so that the tag and main differ
		await visit(page, `${home}/edit/main/notes.txt`, "changes-edit-again");
		await page.getByLabel("Content").fill("after the tag\n");
		await submit(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/notes\.txt$/, "changes-after-tag");
		await visit(page, `${home}/tree/main`, "changes-tree");
		await page.locator(".rev-select summary").click();
		await report(page, "changes-revision-selector");
		await submit(page.locator(".rev-menu").getByRole("link", { name: "v1" }), /\/tree\/v1$/, "changes-tree-v1");
		await submit(page.getByRole("link", { name: "notes.txt" }), /\/blob\/v1\/notes\.txt$/, "changes-blob-v1");
		assert.equal(await page.getByRole("link", { name: "Edit", exact: true }).count(), 0, "a tag is not edited");
		const [download] = await Promise.all([page.waitForEvent("download"),
			page.getByRole("link", { name: "Download notes.txt" }).click()]);
		const saved = join(work, "notes-v1.txt");
		await download.saveAs(saved);
		assert.equal(sha256(readFileSync(saved)), sha256(edited));
	});

	it("compares two revisions file by file", async () => {
		await visit(page, `${home}/commits/main`, "changes-history-compare");
		await page.getByLabel("Compare").fill("v1");
		await page.getByLabel("with").fill("main");
		await submit(page.getByRole("button", { name: "Compare" }), new RegExp(`${home}/compare/v1\\.\\.\\.main$`), "changes-compare");
		assert.deepEqual(await page.locator(".change h3 a").allTextContents(), ["notes.txt"], "params.py changed before the tag");
		assert.ok((await page.locator("table.diff tr.add td:last-child").allTextContents()).includes("after the tag"));
	});

	it("refuses a restore confirmed before the branch moved, showing what it would change now", async () => {
		await confirmRestoringTheFirstUpload(["changes-history-before-moved-restore", "changes-first-commit-moved",
			"changes-restore-confirm-before-move"]);
		await commitElsewhere("/new/main", { Path: "extra.txt", Content: "committed while the confirmation was open\n" });
		await page.getByLabel("Commit message").fill("My restore");
		const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Restore", exact: true }).click()]);
		assert.equal(refused.status(), 409);
		assert.match(await page.getByRole("alert").textContent(),
			/main has moved since this page was shown: someone committed there, and nothing was restored/);
		assert.ok((await page.locator(".change h3").allTextContents()).some(t => t.includes("extra.txt")), "what would change now");
		assert.equal(await page.getByLabel("Commit message").inputValue(), "My restore", "the typed message is kept");
		await report(page, "changes-restore-moved");
		assert.equal((await page.request.get(endpoint + `${home}/resolve/main/extra.txt`)).status(), 200, "nothing was restored");
	});

	it("restores the first revision as a new commit", async () => {
		const first = await confirmRestoringTheFirstUpload(["changes-history-before-restore", "changes-first-commit",
			"changes-restore-confirm"]);
		assert.ok((await page.locator(".change h3").allTextContents()).some(t => t.includes("notes.txt")), "the confirmation lists what changes");
		await submit(page.getByRole("button", { name: "Restore", exact: true }),
			new RegExp(`/commit/[0-9a-f]{40}\\?restored=main&from=${first}$`), "changes-restored");
		assert.match(await page.locator("#commit-title").textContent(), /^Restore /);
		assert.match(await page.getByRole("status").textContent(),
			new RegExp(`Restored\\.\\s+This new commit on\\s+main\\s+puts\\s+every file\\s+back as it was in commit ${first.slice(0, 7)}`));
		assert.equal(await (await page.request.get(endpoint + `${home}/resolve/main/notes.txt`)).text(), original);
	});

	it("says that nothing changed when the branch holds the restored revision's files already", async () => {
		const head = page.url().match(/\/commit\/([0-9a-f]{40})/)[1];
		await submit(page.getByRole("link", { name: "Restore this revision on main" }), new RegExp(`/restore/${head}$`),
			"changes-restore-confirm-unchanged");
		assert.match(await page.locator("main").textContent(), /Nothing would change:/);
		await submit(page.getByRole("button", { name: "Restore", exact: true }),
			new RegExp(`/commit/${head}\\?unchanged=main$`), "changes-restore-unchanged");
		assert.match(await page.getByRole("status").textContent(), /Nothing changed: no new commit was made\.\s+main\s+already holds/);
	});

	it("shows the history of one file and of one folder", async () => {
		await visit(page, `${home}/blob/main/notes.txt`, "changes-blob-restored");
		await submit(page.getByRole("link", { name: "History", exact: true }).last(), /\/commits\/main\/notes\.txt$/, "changes-file-history");
		const messages = await page.locator("ol.commits .message").allTextContents();
		assert.match(messages[0], /^Restore /);
		assert.deepEqual(messages.slice(1), ["Update notes.txt", "Edit the notes", "First upload"], "the refused edit made no commit");
		await visit(page, `${home}/commits/main/data`, "changes-folder-history");
		const folder = await page.locator("ol.commits .message").allTextContents();
		assert.match(folder[0], /^Restore /, "the restore put data/train.csv back");
		assert.deepEqual(folder.slice(1), ["Update data/train.csv", "First upload"], "the edit made while another file changed");
	});

	it("creates a new file, deletes a file and a folder after confirmation", async () => {
		await visit(page, `${home}/tree/main`, "changes-tree-before-new");
		await submit(page.getByRole("link", { name: "New file" }), /\/new\/main$/, "changes-new-form");
		await page.getByLabel("Path").fill("docs/usage.md");
		await page.getByLabel("Content").fill("# Usage\n");
		await submit(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/docs\/usage\.md$/, "changes-new-file");
		await visit(page, `${home}/blob/main/params.py`, "changes-blob-to-delete");
		await submit(page.getByRole("link", { name: "Delete", exact: true }), /\/delete\/main\/params\.py$/, "changes-delete-file-confirm");
		await submit(page.getByRole("button", { name: "Delete", exact: true }), /\/tree\/main$/, "changes-file-deleted");
		await visit(page, `${home}/tree/main/data`, "changes-folder");
		await submit(page.getByRole("link", { name: "Delete folder" }), /\/delete\/main\/data$/, "changes-delete-folder-confirm");
		await submit(page.getByRole("button", { name: "Delete", exact: true }), /\/tree\/main$/, "changes-folder-deleted");
		assert.deepEqual((await page.locator("table.files tbody td:first-child").allTextContents()).sort(),
			[".gitattributes", "docs (folder)", "notes.txt"]);
	});

	it("shows bidirectional controls in a commit message as their codes", async () => {
		await visit(page, `${home}/edit/main/docs/usage.md`, "changes-bidi-form");
		await page.getByLabel("Content").fill("# Usage\nRun it.\n");
		await page.getByLabel("Commit message").fill("Explain \u202Eexe.txt\u202C usage");
		await submit(page.getByRole("button", { name: "Commit changes" }), /\/blob\/main\/docs\/usage\.md$/, "changes-bidi-committed");
		await visit(page, `${home}/commits/main/docs`, "changes-bidi-history");
		const shown = "Explain <U+202E>exe.txt<U+202C> usage";
		assert.equal((await page.locator("ol.commits .message").first().textContent()).trim(), shown);
		await submit(page.locator("ol.commits .message").first(), /\/commit\/[0-9a-f]{40}$/, "changes-bidi-commit");
		assert.equal((await page.locator("#commit-title").textContent()).trim(), shown);
		assert.deepEqual(await page.locator("#commit-title .control-char").allTextContents(), ["<U+202E>", "<U+202C>"]);
		assert.match(await page.title(), /^Explain <U\+202E>exe\.txt<U\+202C> usage · /);
	});

	it("likes the dataset and charts its downloads of the last 30 days", async () => {
		await visit(page, home, "changes-before-like");
		await submit(page.getByRole("button", { name: "♡ Like" }), new RegExp(`${home}$`), "changes-liked");
		assert.equal(await page.getByRole("button", { name: "♥ Liked" }).getAttribute("aria-pressed"), "true");
		assert.match(await page.locator(".repo-stats").textContent(), /1 like\b/);
		assert.equal(await page.locator(".downloads-chart rect").count(), 30);
		assert.ok(Number((await page.locator(".chart-total strong").textContent()).replace(/,/g, "")) >= 1, "the download counted");
	});

	it("answers 404 on every new page of the private dataset to another user", async () => {
		const other = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
		await other.goto(endpoint + "/signup");
		await other.getByLabel("Username").fill(dave);
		await other.getByLabel("Password").fill(password);
		await Promise.all([other.waitForURL(endpoint + "/"), other.getByRole("button", { name: "Sign up" }).click()]);
		for (const path of ["/edit/main/notes.txt", "/new/main", "/delete/main/notes.txt", "/refs", "/settings",
			"/compare/v1...main", "/commits/main/notes.txt"]) {
			assert.equal((await other.goto(endpoint + home + path)).status(), 404, path);
		}
		await report(other, "changes-other-user-404");
		await other.context().close();
	});

	it("renames the dataset through its settings (the old URL redirects to the new one), then deletes it by typing its name", async () => {
		await visit(page, `${home}/settings`, "changes-settings");
		const renamed = `${carol}/renamed-data`;
		await page.getByLabel("New name").fill(renamed);
		await submit(page.getByRole("button", { name: "Rename" }), new RegExp(`/datasets/${renamed}/settings$`), "changes-renamed");
		const old = await visit(page, `${home}/tree/main?from=old`, "changes-old-name");
		assert.equal(old.status(), 200);
		assert.equal(page.url(), `${endpoint}/datasets/${renamed}/tree/main?from=old`, "the old name's page redirects to the new name's");
		assert.equal(await page.locator(".repo-title h1 a").textContent(), "renamed-data");
		await visit(page, `/datasets/${renamed}/settings`, "changes-settings-renamed");
		await page.getByLabel(/to confirm/).fill(repo);
		const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Delete this repository" }).click()]);
		assert.equal(refused.status(), 400, "the old name does not confirm the deletion");
		await report(page, "changes-delete-refused");
		await visit(page, `/datasets/${renamed}/settings`, "changes-settings-again");
		await page.getByLabel(/to confirm/).fill(renamed);
		await submit(page.getByRole("button", { name: "Delete this repository" }), new RegExp(`/datasets\\?deleted=${renamed}$`), "changes-deleted");
		assert.equal((await page.getByRole("status").textContent()).replace(/\s+/g, " "), `Deleted ${renamed}.`);
		assert.equal((await page.goto(endpoint + `/datasets/${renamed}`)).status(), 404);
	});
});
