// Accounts and teams in Chromium, after web.test.mjs: sign-up with an avatar, the profile page,
// an organisation with a second user who asks to join and is accepted, the header's avatar and its count of
// pending invitations (followed to the profile, gone once accepted), a private dataset created in
// it through the new-dataset page (seen by members only; its name then refused as taken), a second
// organisation deleted from its members page (refused on a mistyped name and while it holds a model), an access token created
// with the read role, used with fetch against the API and refused once revoked, a password
// change and a sign-in with the new one, sign-out everywhere (an old session cookie no longer
// signs in), and the account's deletion. Steps run in order and share one browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { apiToken, endpoint, launch, report, signUp, username, visit } from "../lib/browser.mjs";

// A 2x2 red PNG: the server checks avatars by their content.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==", "base64");
const password = randomBytes(9).toString("base64url");
const newPassword = randomBytes(9).toString("base64url");
const carla = username("carla");
const dan = username("dan");
const team = username("team");
const invitingTeam = username("inviting");

let browser;
let page;
let other;

before(async () => {
	browser = await launch();
	page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
	other = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
	await browser?.close();
});

/** Opens the user menu in the header and follows one of its links. */
async function menu(where, link) {
	await where.locator(".user-menu summary").click();
	await Promise.all([where.waitForLoadState("load"), where.locator(".user-menu").getByRole("link", { name: link }).click()]);
}

describe("accounts and teams", () => {
	it("signs up with an avatar and shows it on the profile page", async () => {
		await visit(page, "/signup", "accounts-signup");
		await page.getByLabel("Username").fill(carla);
		await page.getByLabel("Password").fill(password);
		await page.getByLabel("Avatar").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
		await Promise.all([page.waitForURL(endpoint + "/"), page.getByRole("button", { name: "Sign up" }).click()]);
		await menu(page, "Profile");
		assert.equal(page.url(), `${endpoint}/${carla}`);
		await report(page, "accounts-profile");
		assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), carla);
		const avatar = page.locator(".profile-head img.avatar");
		assert.match(await avatar.getAttribute("src"), /^\/images\/[0-9a-f]{32}\.png$/);
		assert.ok(await avatar.evaluate((img) => img.complete && img.naturalWidth === 2), "the uploaded avatar is shown");
		const first = await avatar.getAttribute("src");
		await menu(page, "Settings");
		await report(page, "accounts-settings-profile");
		await page.getByLabel("New avatar").setInputFiles({ name: "new.png", mimeType: "image/png", buffer: png });
		await Promise.all([page.waitForURL(`${endpoint}/settings/profile`), page.getByRole("button", { name: "Save avatar" }).click()]);
		const replaced = await page.locator(".avatar-row").getByAltText("Your avatar").getAttribute("src");
		assert.notEqual(replaced, first, "the new avatar replaces the first");
		assert.equal((await fetch(endpoint + first)).status, 404, "the old image is gone");
	});

	it("says a taken name in words on the sign-up page and keeps its token out of the address bar", async () => {
		const stranger = await (await browser.newContext()).newPage();
		await visit(stranger, "/signup", "accounts-signup-empty");
		await stranger.getByLabel("Username").fill(carla);
		await stranger.getByLabel("Password").fill(password);
		await Promise.all([stranger.waitForLoadState("load"), stranger.getByRole("button", { name: "Sign up" }).click()]);
		await stranger.locator(".error-message", { hasText: "This name is already taken" }).waitFor();
		assert.equal(stranger.url(), `${endpoint}/signup`);
		assert.equal(await stranger.getByLabel("Username").inputValue(), carla);
		await report(stranger, "accounts-signup-taken");
		await stranger.context().close();
	});

	it("creates an organisation, and a second user joins it on request", async () => {
		await menu(page, "New organisation");
		await report(page, "accounts-org-new");
		await page.getByLabel("Organisation name").fill(team);
		await Promise.all([page.waitForURL(`${endpoint}/${team}`), page.getByRole("button", { name: "Create organisation" }).click()]);
		await report(page, "accounts-org-page-admin");
		assert.match(await page.locator(".profile-head").textContent(), /your role:\s+admin/);

		await signUp(other, dan, password);
		await visit(other, `/${team}`, "accounts-org-page-visitor");
		assert.match(await other.locator("main").textContent(), /Members are shown to members/);
		await Promise.all([other.waitForURL(`${endpoint}/${team}`), other.getByRole("button", { name: "Request to join" }).click()]);
		await other.getByText("Your join request is waiting for an admin.").waitFor();

		await page.getByRole("link", { name: "Manage members" }).click();
		await page.waitForURL(`${endpoint}/organizations/${team}/settings/members`);
		await report(page, "accounts-org-members-request");
		await Promise.all([page.waitForURL(`${endpoint}/organizations/${team}/settings/members`),
			page.getByRole("button", { name: `Accept ${dan}` }).click()]);
		await report(page, "accounts-org-members");
		assert.equal(await page.getByLabel(`Role of ${dan}`).inputValue(), "write");
		await page.getByLabel(`Role of ${dan}`).selectOption("admin");
		await Promise.all([page.waitForURL(`${endpoint}/organizations/${team}/settings/members`),
			page.locator("tr", { hasText: dan }).getByRole("button", { name: "Change" }).click()]);
		assert.equal(await page.getByLabel(`Role of ${dan}`).inputValue(), "admin");

		await visit(other, `/${team}`, "accounts-org-page-member");
		assert.deepEqual((await other.locator(".org-list a").allTextContents()).sort(), [carla, dan].sort());
		await visit(other, `/${dan}`, "accounts-profile-member");
		assert.ok((await other.locator(".org-list a").allTextContents()).includes(team), "the profile lists the organisation");
	});

	it("shows the signed-in user's avatar and the invitations waiting for them in the header", async () => {
		await visit(page, "/models", "accounts-header-avatar");
		const mine = page.locator("header.top .user-menu summary img.avatar");
		assert.equal(await mine.getAttribute("alt"), "Your avatar");
		assert.match(await mine.getAttribute("src"), /^\/images\/[0-9a-f]{32}\.png$/);
		assert.ok(await mine.evaluate((img) => img.complete && img.naturalWidth === 2), "the avatar is loaded");
		const box = await mine.boundingBox();
		assert.ok(box.width === 24 && box.height === 24, `a small avatar: ${box.width}x${box.height}`);
		const name = await page.locator(".whoami").boundingBox();
		assert.ok(Math.abs((box.y + box.height / 2) - (name.y + name.height / 2)) <= 3 && box.x < name.x, "beside the name, before it");
		await page.locator("header.top").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-accounts-header-avatar-close.png` });
		assert.equal(await other.locator("header.top img.avatar").count(), 0, "dan has no avatar: none shown");

		// carla founds a second organisation and invites dan: the header counts it and leads to his profile
		const token = await apiToken(carla, password);
		const api = async (path, body, method = "POST") => {
			const res = await fetch(endpoint + path, { method, body: body && JSON.stringify(body),
				headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
			assert.equal((await res.json()).msg, "success", path);
		};
		await api("/api/orgs", { name: invitingTeam });
		await api(`/api/orgs/${invitingTeam}/invitations`, { username: dan, role: "read" });
		await visit(other, "/models", "accounts-header-one-invitation");
		const notice = other.locator("header.top a.invitations-notice");
		assert.equal((await notice.textContent()).replace(/\s+/g, " ").trim(), "1 invitation");
		assert.equal(await notice.getAttribute("aria-label"), "1 organisation invitation waits for you: accept or decline on your profile");
		await other.locator("header.top").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-accounts-header-invitation-close.png` });
		await other.setViewportSize({ width: 375, height: 800 });
		await visit(other, "/models", "accounts-header-invitation-375");
		assert.ok(await other.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
			"the header with its notice fits a phone");
		await other.locator("header.top").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-accounts-header-invitation-375-close.png` });
		await other.setViewportSize({ width: 1280, height: 900 });
		await other.reload();
		await Promise.all([other.waitForURL(`${endpoint}/${dan}#invitations-title`), notice.click()]);
		await report(other, "accounts-header-invitation-followed");
		assert.ok(await other.getByRole("heading", { name: "Invitations" }).isVisible());
		await Promise.all([other.waitForURL(`${endpoint}/${invitingTeam}`),
			other.locator(".profile-side .org-list").getByRole("link", { name: invitingTeam }).click()]);
		await Promise.all([other.waitForURL(`${endpoint}/${invitingTeam}`), other.getByRole("button", { name: "Accept the invitation" }).click()]);
		await report(other, "accounts-header-invitation-accepted");
		assert.equal(await other.locator("header.top a.invitations-notice").count(), 0, "no invitation waits any more");
		await api(`/api/orgs/${invitingTeam}`, undefined, "DELETE"); // the steps after know carla's one organisation
	});

	it("creates a private dataset in the organisation through the new-dataset page, seen by its members only", async () => {
		await visit(page, `/${team}`, "accounts-org-before-dataset");
		await Promise.all([page.waitForURL(`${endpoint}/new-dataset?owner=${team}`),
			page.getByRole("link", { name: "Create a dataset" }).click()]);
		await report(page, "accounts-new-dataset");
		assert.deepEqual(await page.getByLabel("Owner", { exact: true }).locator("option").allTextContents(), [carla, team]);
		assert.equal(await page.getByLabel("Owner", { exact: true }).inputValue(), team);
		await page.getByLabel("Dataset name").fill("survey-rows");
		await page.getByLabel(/^Task/).selectOption("Text Classification");
		await page.getByRole("radio", { name: /^Private/ }).check();
		await Promise.all([page.waitForURL(`${endpoint}/datasets/${team}/survey-rows`), page.getByRole("button", { name: "Create dataset" }).click()]);
		await report(page, "accounts-new-dataset-created");
		assert.equal((await visit(other, `/datasets/${team}/survey-rows`, "accounts-new-dataset-member")).status(), 200);
		const stranger = await (await browser.newContext()).newPage();
		assert.equal((await stranger.goto(`${endpoint}/datasets/${team}/survey-rows`)).status(), 404, "private to the organisation");
		await stranger.context().close();

		await visit(page, `/new-dataset?owner=${team}`, "accounts-new-dataset-again");
		await page.getByLabel("Dataset name").fill("survey-rows");
		const [taken] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Create dataset" }).click()]);
		assert.equal(taken.status(), 409);
		assert.match(await page.getByRole("alert").textContent(), /already exists/);
		assert.equal(await page.getByLabel("Dataset name").inputValue(), "survey-rows", "the form keeps what was typed");
		await report(page, "accounts-new-dataset-taken");
	});

	it("deletes an organisation from its members page once its name is typed, not while it holds a repository", async () => {
		const doomed = username("Doomed");
		await menu(page, "New organisation");
		await page.getByLabel("Organisation name").fill(doomed);
		await Promise.all([page.waitForURL(`${endpoint}/${doomed}`), page.getByRole("button", { name: "Create organisation" }).click()]);
		await visit(page, `/new?owner=${doomed}`, "accounts-org-delete-new-model");
		await page.getByLabel("Model name").fill("kept");
		await Promise.all([page.waitForURL(`${endpoint}/${doomed}/kept`), page.getByRole("button", { name: "Create model" }).click()]);

		await visit(page, `/organizations/${doomed}/settings/members`, "accounts-org-delete-zone");
		const zone = page.locator("section.danger-zone");
		await zone.getByLabel("to confirm").fill(doomed.toLowerCase());
		const [typo] = await Promise.all([page.waitForNavigation(), zone.getByRole("button", { name: "Delete this organisation" }).click()]);
		assert.equal(typo.status(), 400);
		assert.match(await zone.getByRole("alert").textContent(), new RegExp(`type the organisation's name ${doomed}`));
		await zone.getByLabel("to confirm").fill(doomed);
		const [held] = await Promise.all([page.waitForNavigation(), zone.getByRole("button", { name: "Delete this organisation" }).click()]);
		assert.equal(held.status(), 409);
		assert.match(await zone.getByRole("alert").textContent(), /still holds 1 repository/);
		await report(page, "accounts-org-delete-refused");

		await visit(page, `/${doomed}/kept/settings`, "accounts-org-delete-model-settings");
		await page.getByLabel("to confirm").fill(`${doomed}/kept`);
		await Promise.all([page.waitForURL(`${endpoint}/models?deleted=${doomed}/kept`),
			page.getByRole("button", { name: "Delete this repository" }).click()]);
		await visit(page, `/organizations/${doomed}/settings/members`, "accounts-org-delete-empty");
		await page.locator("section.danger-zone").getByLabel("to confirm").fill(doomed);
		await Promise.all([page.waitForURL(`${endpoint}/${carla}?deletedOrg=${doomed}`),
			page.getByRole("button", { name: "Delete this organisation" }).click()]);
		await report(page, "accounts-org-deleted");
		assert.match(await page.getByRole("status").textContent(), new RegExp(`${doomed}\\s+is deleted`));
		assert.equal((await page.goto(`${endpoint}/${doomed}`)).status(), 404, "the organisation is gone");
	});

	it("creates a read token that the API accepts, shown once, and refuses it once revoked", async () => {
		await menu(page, "Access tokens");
		await page.getByLabel("Name").fill("notebook");
		await page.getByLabel("read").check();
		await page.getByRole("button", { name: "Create token" }).click();
		await page.locator("#new-token").waitFor();
		await report(page, "accounts-token-created");
		const token = (await page.locator("#new-token").textContent()).trim();
		assert.match(token, /^hf_/);
		const whoami = await fetch(endpoint + "/api/whoami-v2", { headers: { Authorization: `Bearer ${token}` } });
		assert.equal(whoami.status, 200);
		const me = await whoami.json();
		assert.equal(me.name, carla);
		assert.equal(me.auth.accessToken.role, "read");

		await visit(page, "/settings/tokens", "accounts-tokens");
		assert.equal(await page.locator("#new-token").count(), 0, "the token is not shown again");
		page.once("dialog", (dialog) => dialog.accept()); // "Revoke the token notebook? …" (webprobe.test.mjs checks it)
		await Promise.all([page.waitForURL(`${endpoint}/settings/tokens`), page.getByRole("button", { name: "Revoke notebook" }).click()]);
		assert.match(await page.locator("main").textContent(), /No tokens yet/);
		const refused = await fetch(endpoint + "/api/whoami-v2", { headers: { Authorization: `Bearer ${token}` } });
		assert.equal(refused.status, 401);
	});

	it("changes the password, and the new one signs in", async () => {
		await visit(page, "/settings/password", "accounts-password");
		await page.getByLabel("Current password").fill("not the password");
		await page.getByLabel("New password").fill(newPassword);
		await page.getByRole("button", { name: "Change password" }).click();
		await page.getByRole("alert").waitFor();
		await report(page, "accounts-password-wrong");
		await page.getByLabel("Current password").fill(password);
		await page.getByLabel("New password").fill(newPassword);
		await Promise.all([page.waitForURL(/\/settings\/password\?changed$/), page.getByRole("button", { name: "Change password" }).click()]);
		await page.getByText("Your password is changed.").waitFor();
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.waitForURL(endpoint + "/");
		await visit(page, "/login", "accounts-login-new-password");
		await page.getByLabel("Username").fill(carla);
		await page.getByLabel("Password").fill(newPassword);
		await Promise.all([page.waitForURL(endpoint + "/"), page.getByRole("button", { name: "Sign in" }).click()]);
		assert.equal(await page.locator(".whoami").textContent(), carla);
	});

	it("signs out everywhere: an old session cookie no longer signs in", async () => {
		const old = (await page.context().cookies()).find((c) => c.name === "ml_session");
		assert.ok(old, "a session cookie");
		await visit(page, "/settings/account", "accounts-account");
		await Promise.all([page.waitForURL(/\/login$/), page.getByRole("button", { name: "Sign out everywhere" }).click()]);
		const replay = await (await browser.newContext()).newPage();
		await replay.context().addCookies([old]);
		await replay.goto(endpoint + "/settings/profile");
		assert.match(replay.url(), /\/login\?next=/, "the old cookie is refused");
		await replay.context().close();
	});

	it("deletes the account once its name is typed", async () => {
		await page.getByLabel("Username").fill(carla);
		await page.getByLabel("Password").fill(newPassword);
		await Promise.all([page.waitForURL(endpoint + "/"), page.getByRole("button", { name: "Sign in" }).click()]);
		await visit(page, "/settings/account", "accounts-account-again");
		await page.getByLabel("to confirm").fill("somebody else");
		await page.getByLabel("Password").fill(newPassword);
		await page.getByRole("button", { name: "Delete my account" }).click();
		await page.getByRole("alert").waitFor();
		await report(page, "accounts-delete-refused");
		// dan is an admin of the organisation too, so it stays (its last admin's deletion would remove it).
		await page.getByLabel("to confirm").fill(carla);
		await page.getByLabel("Password").fill(newPassword);
		await Promise.all([page.waitForURL(endpoint + "/"), page.getByRole("button", { name: "Delete my account" }).click()]);
		await page.getByRole("link", { name: "Sign in" }).waitFor();
		assert.equal((await page.goto(`${endpoint}/${carla}`)).status(), 404);
		await visit(page, `/${team}`, "accounts-org-after-deletion");
		assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), team);
	});

	it("shows the account pages on a narrow screen", async () => {
		const narrow = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
		await signUp(narrow, username("narrow"), password);
		for (const [path, name] of [["/settings/tokens", "narrow-tokens"], ["/settings/account", "narrow-account"],
			[`/${team}`, "narrow-org"], [`/${dan}`, "narrow-profile"], ["/new", "narrow-new-model"], ["/new-dataset", "narrow-new-dataset"]]) {
			assert.equal((await visit(narrow, path, name)).status(), 200);
			const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(overflow <= 0, `${path} fits the narrow screen (overflow ${overflow}px)`);
		}
		await other.setViewportSize({ width: 375, height: 800 });
		assert.equal((await visit(other, `/organizations/${team}/settings/members`, "narrow-org-members")).status(), 200);
		assert.ok(await other.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
			"the members page fits the narrow screen");
		await narrow.locator(".user-menu summary").click();
		await report(narrow, "narrow-user-menu");
		await narrow.context().close();
	});
});
