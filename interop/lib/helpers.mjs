import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const env = {
	endpoint: required("HF_ENDPOINT").replace(/\/+$/, ""),
	token: required("HF_TOKEN"),
	readToken: required("HF_READ_TOKEN"),
	user: required("HF_USER"),
	org: required("HF_ORG"),
};

function required(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run the suite through interop/run.sh`);
	return value;
}

export const MB = 1024 * 1024;

export function sha256(bytes) {
	return createHash("sha256").update(bytes).digest("hex");
}

export async function blobSha256(blob) {
	return sha256(Buffer.from(await blob.arrayBuffer()));
}

/** A unique repository name; `prefix` keeps them readable in the server log. */
export function repoName(prefix) {
	return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/**
 * A folder as a user would have it on disk:
 *   bundle/config.json, bundle/model.bin (random, `bigSize` bytes), bundle/nested/meta.json
 * Returns the folder and the sha256 of every file, keyed by the path it gets in the repo.
 */
export function makeBundle(bigSize) {
	const dir = mkdtempSync(join(tmpdir(), "interop-"));
	const bundle = join(dir, "bundle");
	mkdirSync(join(bundle, "nested"), { recursive: true });
	const files = {
		"bundle/config.json": Buffer.from(JSON.stringify({ model_type: "bert", hidden_size: 8 }, null, 2) + "\n"),
		"bundle/model.bin": randomBytes(bigSize),
		"bundle/nested/meta.json": Buffer.from(JSON.stringify({ note: "nested small file", n: 1 }) + "\n"),
	};
	writeFileSync(join(bundle, "config.json"), files["bundle/config.json"]);
	writeFileSync(join(bundle, "model.bin"), files["bundle/model.bin"]);
	writeFileSync(join(bundle, "nested", "meta.json"), files["bundle/nested/meta.json"]);
	const sums = Object.fromEntries(Object.entries(files).map(([p, b]) => [p, { sha256: sha256(b), size: b.length }]));
	return { dir, bundle, sums, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A raw call to a Hub route that @huggingface/hub has no function for (e.g. tags). */
export async function hubFetch(method, path, { token = env.token, json, headers = {} } = {}) {
	const res = await fetch(env.endpoint + path, {
		method,
		headers: {
			...(token ? { Authorization: `Bearer ${token}` } : {}),
			...(json !== undefined ? { "Content-Type": "application/json" } : {}),
			...headers,
		},
		body: json !== undefined ? JSON.stringify(json) : undefined,
		redirect: "manual",
	});
	return res;
}

/** Collects an async generator into an array. */
export async function collect(gen) {
	const out = [];
	for await (const x of gen) out.push(x);
	return out;
}

/**
 * Steps of one scenario run in order; a step whose prerequisite failed is reported as
 * skipped (naming the prerequisite) instead of failing again for the same reason.
 */
export class Steps {
	constructor() {
		this.done = new Set();
	}
	/** Marks `name` as having succeeded. */
	ok(name) {
		this.done.add(name);
	}
	/** True when all of `names` succeeded; otherwise skips the test `t` and returns false. */
	need(t, ...names) {
		const missing = names.filter((n) => !this.done.has(n));
		if (missing.length) {
			t.skip(`needs ${missing.join(", ")}, which did not pass`);
			return false;
		}
		return true;
	}
}
