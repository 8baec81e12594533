// Creates, through the server's own (seed) API, what the interop tests need: a user, an
// organisation the user administers, a write token and a read token. Prints KEY=value lines.
// Usage: HF_ENDPOINT=http://127.0.0.1:PORT node setup.mjs
import { randomBytes } from "node:crypto";

const endpoint = process.env.HF_ENDPOINT;
if (!endpoint) throw new Error("HF_ENDPOINT is not set");

const suffix = randomBytes(3).toString("hex");
const user = `interop-user-${suffix}`;
const org = `interop-org-${suffix}`;
const password = randomBytes(12).toString("base64url");

async function call(method, path, { jwt, json, form } = {}) {
	const headers = {};
	if (jwt) headers.Authorization = `Bearer ${jwt}`;
	let body;
	if (json !== undefined) {
		headers["Content-Type"] = "application/json";
		body = JSON.stringify(json);
	} else if (form) {
		body = form;
	}
	const res = await fetch(endpoint + path, { method, headers, body });
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	// The seed envelope: HTTP 200 with code 0 and a msg can still be a refusal.
	if (!res.ok || (parsed && typeof parsed === "object" && parsed.code === 0 && parsed.msg !== "success")) {
		throw new Error(`setup: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
	}
	return { res, body: parsed };
}

const form = new FormData();
form.set("username", user);
form.set("password", password);
form.set("team", "");
const registered = await call("POST", "/api/register/submitUserInfo", { form });
let jwt = registered.res.headers.get("Authorization");
if (!jwt) {
	const login = await call("POST", "/api/login", { json: { username: user, password } });
	jwt = login.res.headers.get("Authorization");
}
if (!jwt) throw new Error("setup: neither registration nor login returned a token in the Authorization header");
jwt = jwt.replace(/^Bearer\s+/i, "");

await call("POST", "/api/orgs", { jwt, json: { name: org } });
const write = await call("POST", "/api/tokens", { jwt, json: { name: "interop-write", role: "write" } });
const read = await call("POST", "/api/tokens", { jwt, json: { name: "interop-read", role: "read" } });

console.log(`HF_USER=${user}`);
console.log(`HF_ORG=${org}`);
console.log(`HF_TOKEN=${write.body.data.token}`);
console.log(`HF_READ_TOKEN=${read.body.data.token}`);
