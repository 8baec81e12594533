// Shared by the browser tests: Chromium through playwright-core, a screenshot of every page.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const endpoint = process.env.ML_ENDPOINT ?? "http://127.0.0.1:3000";
const shots = process.env.ML_SCREENSHOTS ?? "../target/browser-screenshots";
export const work = process.env.ML_WORK ?? "/tmp/modellibrary-browser-work";
mkdirSync(shots, { recursive: true });
mkdirSync(work, { recursive: true });

/** Debian's Chromium, never a downloaded one. */
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--no-first-run"],
	});
}

let shotNumber = 0;

/** A full-page screenshot named after the step, numbered in the order taken. */
export async function shot(page, name) {
	shotNumber += 1;
	const file = join(shots, `${String(shotNumber).padStart(2, "0")}-${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/**
 * Opens a URL, screenshots it and prints its first render time and the bytes of script and
 * style it loaded. Answers the response (its status is asserted by the caller).
 */
export async function visit(page, path, name) {
	const response = await page.goto(endpoint + path, { waitUntil: "load" });
	await report(page, name);
	return response;
}

/** The current page's first render time and script/style bytes, and its screenshot. */
export async function report(page, name) {
	const metrics = await page.evaluate(() => {
		const nav = performance.getEntriesByType("navigation")[0];
		const paint = performance.getEntriesByName("first-contentful-paint")[0];
		let script = 0;
		let style = 0;
		for (const r of performance.getEntriesByType("resource")) {
			if (r.initiatorType === "script") script += r.encodedBodySize;
			if (r.initiatorType === "link" && r.name.endsWith(".css")) style += r.encodedBodySize;
		}
		return { firstRender: Math.round(paint ? paint.startTime : nav ? nav.domContentLoadedEventEnd : 0), script, style };
	});
	console.log(`# page ${name}: first render ${metrics.firstRender} ms, script ${metrics.script} B, style ${metrics.style} B`);
	await shot(page, name);
	return metrics;
}

/** A fresh user name. */
export function username(prefix) {
	return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Signs up through the page; the session cookie is kept by the context. */
export async function signUp(page, user, password) {
	await visit(page, "/signup", `signup-${user.split("-")[0]}`);
	await page.getByLabel("Username").fill(user);
	await page.getByLabel("Password").fill(password);
	await Promise.all([page.waitForURL(endpoint + "/"), page.getByRole("button", { name: "Sign up" }).click()]);
}

/** Signs in through the API and answers the session JWT (for API calls the tests make). */
export async function apiToken(user, password) {
	const res = await fetch(endpoint + "/api/login", {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ username: user, password }),
	});
	const token = res.headers.get("Authorization");
	if (!token) throw new Error(`login of ${user} answered ${res.status} without a token`);
	return token.replace(/^Bearer\s+/i, "");
}
