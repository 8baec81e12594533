// The header on a 375 px phone (W26): a 32-character user name with 3 organisation invitations waiting
// keeps the whole header, Sign out included, inside the screen; the name ends in an ellipsis, whole in
// its title. Invitations from a second user's organisations, through the API.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { apiToken, endpoint, launch, signUp, username, visit } from "../lib/browser.mjs";

const password = randomBytes(9).toString("base64url");
const longName = `${username("longname")}-${"x".repeat(32)}`.slice(0, 32);
const inviter = username("inviter");

let browser;
let phone;
let desk;

before(async () => {
	browser = await launch();
	phone = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
	desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
	await browser?.close();
});

describe("the header on a phone", () => {
	it("fits 375 px with a 32-character name and 3 invitations", async () => {
		assert.equal(longName.length, 32);
		await signUp(phone, longName, password);
		await signUp(desk, inviter, password);
		const token = await apiToken(inviter, password);
		for (let i = 0; i < 3; i++) {
			const org = username(`hdr${i}`);
			for (const [path, body] of [["/api/orgs", { name: org }], [`/api/orgs/${org}/invitations`, { username: longName, role: "read" }]]) {
				const res = await fetch(endpoint + path, { method: "POST", body: JSON.stringify(body),
					headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
				assert.equal((await res.json()).msg, "success", path);
			}
		}
		await visit(phone, "/models", "header-phone-long-name");
		assert.equal((await phone.locator("header.top a.invitations-notice").textContent()).replace(/\s+/g, " ").trim(), "3 invitations");
		const width = await phone.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= 375, `the page is ${width} px wide`);
		const signOut = await phone.locator("header.top").getByRole("button", { name: "Sign out" }).boundingBox();
		assert.ok(signOut.x >= 0 && signOut.x + signOut.width <= 375, `Sign out at ${signOut.x}..${signOut.x + signOut.width}`);
		const name = phone.locator("header.top .whoami");
		assert.equal(await name.getAttribute("title"), longName);
		assert.ok(await name.evaluate((n) => n.scrollWidth > n.clientWidth), "the name is cut (with an ellipsis)");
		await phone.locator("header.top").screenshot({ path: `${process.env.ML_SCREENSHOTS ?? "."}/zz-header-phone-long-name.png` });
	});
});
