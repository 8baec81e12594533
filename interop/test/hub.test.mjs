// The unchanged @huggingface/hub client against a Model Library server.
// Run through interop/run.sh (it sets HF_ENDPOINT, HF_TOKEN, HF_READ_TOKEN, HF_USER, HF_ORG).
// Tests assert what a user of the client notices: names, counts, sizes, the sha256 of the bytes.
import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import {
	createRepo,
	deleteRepo,
	repoExists,
	modelInfo,
	datasetInfo,
	uploadFiles,
	listFiles,
	fileExists,
	fileDownloadInfo,
	downloadFile,
	listCommits,
	createBranch,
	deleteBranch,
	listModels,
	listDatasets,
	whoAmI,
} from "@huggingface/hub";
import { env, MB, sha256, blobSha256, repoName, makeBundle, hubFetch, collect, Steps } from "../lib/helpers.mjs";

const hubUrl = env.endpoint;
const accessToken = env.token;
const T = { timeout: 180_000 };
const BIG = 30 * MB;

/** The repo page prefix the clients use: "" for models, "datasets/" for datasets. */
const prefix = (type) => (type === "model" ? "" : `${type}s/`);

async function statusOf(promise) {
	try {
		await promise;
		return "resolved";
	} catch (err) {
		return err.statusCode ?? `${err.name}: ${err.message}`;
	}
}

test("the access tokens carry the Hub's prefix hf_ (the JS client refuses any other)", () => {
	assert.ok(env.token.startsWith("hf_"), `the write token starts with ${JSON.stringify(env.token.slice(0, 4))}`);
	assert.ok(env.readToken.startsWith("hf_"), `the read token starts with ${JSON.stringify(env.readToken.slice(0, 4))}`);
});

test("whoAmI names the token's user, its organisation and the token's role", T, async () => {
	const me = await whoAmI({ hubUrl, accessToken });
	assert.equal(me.type, "user");
	assert.equal(me.name, env.user);
	assert.ok(
		me.orgs.some((o) => o.name === env.org),
		`orgs ${JSON.stringify(me.orgs.map((o) => o.name))} should include ${env.org}`,
	);
	assert.equal(me.auth.type, "access_token");
	assert.equal(me.auth.accessToken?.role, "write");
});

for (const [nsLabel, namespace] of [
	["user", env.user],
	["organisation", env.org],
]) {
	for (const type of ["model", "dataset"]) {
		describe(`${type} in the ${nsLabel} namespace`, () => {
			const steps = new Steps();
			const id = `${namespace}/${repoName(`interop-${type}`)}`;
			const repo = { type, name: id };
			const files = makeBundle(BIG);
			const config1 = Buffer.from(JSON.stringify({ model_type: "bert", hidden_size: 8 }, null, 2) + "\n");
			const config2 = Buffer.from(JSON.stringify({ model_type: "bert", hidden_size: 16 }, null, 2) + "\n");
			const readme = Buffer.from(`---\nlicense: mit\n---\n# ${id}\n\nInterop test repository.\n`);
			const extra = randomBytes(12 * MB);
			let commit1;
			let commit2;
			after(() => files.cleanup());

			test("createRepo answers the repository's URL", T, async () => {
				const created = await createRepo({ repo, accessToken, hubUrl });
				assert.equal(created.repoUrl, `${hubUrl}/${prefix(type)}${id}`);
				steps.ok("createRepo");
			});

			test("repoExists: true for it, false for a name never created", T, async (t) => {
				if (!steps.need(t, "createRepo")) return;
				assert.equal(await repoExists({ repo, accessToken, hubUrl }), true);
				assert.equal(await repoExists({ repo: { type, name: `${namespace}/never-created-${randomBytes(3).toString("hex")}` }, accessToken, hubUrl }), false);
			});

			test(`${type}Info names it, public`, T, async (t) => {
				if (!steps.need(t, "createRepo")) return;
				const info = type === "model" ? await modelInfo({ name: id, accessToken, hubUrl }) : await datasetInfo({ name: id, accessToken, hubUrl });
				assert.equal(info.name, id);
				assert.equal(info.private, false);
				assert.ok(!Number.isNaN(info.updatedAt.getTime()), "updatedAt should be a date");
			});

			test("uploadFiles: a folder with a 30 MB file and small JSON files, plus a README (xet not offered)", T, async (t) => {
				if (!steps.need(t, "createRepo")) return;
				const res = await uploadFiles({
					repo,
					accessToken,
					hubUrl,
					useXet: false,
					commitTitle: "Add bundle",
					files: [pathToFileURL(files.bundle), { path: "README.md", content: new Blob([readme]) }],
				});
				assert.match(res?.commit.oid ?? "", /^[0-9a-f]{40}$/, "the commit id");
				commit1 = res.commit.oid;
				steps.ok("upload1");
			});

			test("uploadFiles with xet offered (the client's default): the server answers basic/multipart and the upload works", T, async (t) => {
				if (!steps.need(t, "upload1")) return;
				const res = await uploadFiles({
					repo,
					accessToken,
					hubUrl,
					useXet: true,
					commitTitle: "Update config",
					files: [
						{ path: "bundle/config.json", content: new Blob([config2]) },
						{ path: "extra/weights-2.bin", content: new Blob([extra]) },
					],
				});
				assert.match(res?.commit.oid ?? "", /^[0-9a-f]{40}$/);
				assert.notEqual(res.commit.oid, commit1);
				commit2 = res.commit.oid;
				steps.ok("upload2");
			});

			test("listFiles at the root, not recursive: files and folders of the root only", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const entries = await collect(listFiles({ repo, accessToken, hubUrl }));
				const byPath = Object.fromEntries(entries.map((e) => [e.path, e.type]));
				assert.equal(byPath["README.md"], "file");
				assert.equal(byPath["bundle"], "directory");
				assert.equal(byPath["extra"], "directory");
				assert.ok(!entries.some((e) => e.path.includes("/")), `no nested path expected: ${Object.keys(byPath)}`);
			});

			test("listFiles of a folder lists its direct entries with sizes", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const entries = await collect(listFiles({ repo, path: "bundle", accessToken, hubUrl }));
				const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
				assert.deepEqual(Object.keys(byPath).sort(), ["bundle/config.json", "bundle/model.bin", "bundle/nested"]);
				assert.equal(byPath["bundle/nested"].type, "directory");
				assert.equal(byPath["bundle/model.bin"].size, BIG);
				assert.equal(byPath["bundle/config.json"].size, config2.length);
			});

			test("listFiles recursive: every uploaded file, large ones with their sha256", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const entries = await collect(listFiles({ repo, recursive: true, accessToken, hubUrl }));
				const fileEntries = Object.fromEntries(entries.filter((e) => e.type === "file").map((e) => [e.path, e]));
				for (const p of ["README.md", "bundle/config.json", "bundle/model.bin", "bundle/nested/meta.json", "extra/weights-2.bin"]) {
					assert.ok(fileEntries[p], `${p} should be listed; got ${Object.keys(fileEntries)}`);
				}
				assert.ok(entries.some((e) => e.path === "bundle/nested" && e.type === "directory"), "bundle/nested is listed as a directory");
				assert.equal(fileEntries["bundle/model.bin"].size, BIG);
				assert.equal(fileEntries["bundle/model.bin"].lfs?.oid, files.sums["bundle/model.bin"].sha256, "lfs.oid is the sha256 of the content");
				assert.equal(fileEntries["extra/weights-2.bin"].lfs?.oid, sha256(extra));
				assert.equal(fileEntries["bundle/nested/meta.json"].size, files.sums["bundle/nested/meta.json"].size);
				assert.equal(fileEntries["bundle/model.bin"].xetHash, undefined, "no xetHash while the server does not speak Xet");
			});

			test("fileExists: true for an uploaded file, false for a missing one", T, async (t) => {
				if (!steps.need(t, "upload1")) return;
				assert.equal(await fileExists({ repo, path: "bundle/nested/meta.json", accessToken, hubUrl }), true);
				assert.equal(await fileExists({ repo, path: "no-such-file.txt", accessToken, hubUrl }), false);
			});

			test("fileDownloadInfo: size and ETag (the sha256 for a large file); null for a missing file", T, async (t) => {
				if (!steps.need(t, "upload1")) return;
				const big = await fileDownloadInfo({ repo, path: "bundle/model.bin", accessToken, hubUrl });
				assert.equal(big?.size, BIG);
				assert.equal(big.etag.replace(/^W\//, "").replaceAll('"', ""), files.sums["bundle/model.bin"].sha256);
				const small = await fileDownloadInfo({ repo, path: "README.md", accessToken, hubUrl });
				assert.equal(small?.size, readme.length);
				assert.ok(small.etag.length > 0);
				assert.equal(await fileDownloadInfo({ repo, path: "no-such-file.txt", accessToken, hubUrl }), null);
			});

			test("downloadFile at main: the bytes that were uploaded (sha256)", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const big = await downloadFile({ repo, path: "bundle/model.bin", accessToken, hubUrl });
				assert.equal(big?.size, BIG);
				assert.equal(await blobSha256(big), files.sums["bundle/model.bin"].sha256);
				const cfg = await downloadFile({ repo, path: "bundle/config.json", revision: "main", accessToken, hubUrl });
				assert.equal(await blobSha256(cfg), sha256(config2));
				const x = await downloadFile({ repo, path: "extra/weights-2.bin", accessToken, hubUrl });
				assert.equal(await blobSha256(x), sha256(extra));
			});

			test("downloadFile at the first commit id: the file as it was then; a later file is absent", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const cfg = await downloadFile({ repo, path: "bundle/config.json", revision: commit1, accessToken, hubUrl });
				assert.equal(await blobSha256(cfg), sha256(config1));
				assert.equal(await downloadFile({ repo, path: "extra/weights-2.bin", revision: commit1, accessToken, hubUrl }), null);
			});

			test("a tag (POST /api/{type}s/{id}/tag/{rev}, as huggingface_hub create_tag) is listed in refs and downloads like its commit", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const res = await hubFetch("POST", `/api/${type}s/${id}/tag/${commit1}`, { json: { tag: "v1.0", message: "first" } });
				assert.ok(res.ok, `tag creation answered ${res.status}`);
				const refs = await hubFetch("GET", `/api/${type}s/${id}/refs`);
				assert.equal(refs.status, 200);
				const body = await refs.json();
				assert.ok(body.tags.some((r) => r.name === "v1.0" && r.ref === "refs/tags/v1.0" && r.targetCommit === commit1), JSON.stringify(body.tags));
				assert.ok(body.branches.some((r) => r.name === "main" && r.targetCommit === commit2), JSON.stringify(body.branches));
				const cfg = await downloadFile({ repo, path: "bundle/config.json", revision: "v1.0", accessToken, hubUrl });
				assert.equal(await blobSha256(cfg), sha256(config1));
			});

			test("listCommits: newest first, with the titles given", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				const commits = await collect(listCommits({ repo, accessToken, hubUrl }));
				assert.ok(commits.length >= 2, `at least the 2 uploads; got ${commits.length}`);
				assert.equal(commits[0].oid, commit2);
				assert.equal(commits[0].title, "Update config");
				assert.equal(commits[1].oid, commit1);
				assert.equal(commits[1].title, "Add bundle");
				assert.equal(commits[0].authors[0]?.username, env.user);
				const paged = await collect(listCommits({ repo, accessToken, hubUrl, batchSize: 1 }));
				assert.deepEqual(paged.map((c) => c.oid), commits.map((c) => c.oid), "paging by Link rel=next gives the same list");
			});

			test("createBranch at the first commit, download from it, deleteBranch", T, async (t) => {
				if (!steps.need(t, "upload2")) return;
				await createBranch({ repo, branch: "dev", revision: commit1, accessToken, hubUrl });
				const cfg = await downloadFile({ repo, path: "bundle/config.json", revision: "dev", accessToken, hubUrl });
				assert.equal(await blobSha256(cfg), sha256(config1));
				await deleteBranch({ repo, branch: "dev", accessToken, hubUrl });
				assert.equal(await statusOf(fileDownloadInfo({ repo, path: "bundle/config.json", revision: "dev", accessToken, hubUrl })), 404);
			});

			test(`list${type === "model" ? "Models" : "Datasets"} by owner includes it`, T, async (t) => {
				if (!steps.need(t, "createRepo")) return;
				const list = type === "model" ? listModels : listDatasets;
				const names = (await collect(list({ search: { owner: namespace }, accessToken, hubUrl }))).map((r) => r.name);
				assert.ok(names.includes(id), `${id} in ${JSON.stringify(names)}`);
			});

			test("deleteRepo: afterwards it does not exist", T, async (t) => {
				if (!steps.need(t, "createRepo")) return;
				await deleteRepo({ repo, accessToken, hubUrl });
				assert.equal(await repoExists({ repo, accessToken, hubUrl }), false);
			});
		});
	}
}

describe("a private repository", () => {
	const steps = new Steps();
	const id = `${env.user}/${repoName("interop-private")}`;
	const repo = { type: "model", name: id };
	const secret = Buffer.from(JSON.stringify({ secret: randomBytes(8).toString("hex") }) + "\n");

	test("created private, a file uploaded with the write token", T, async () => {
		await createRepo({ repo, private: true, accessToken, hubUrl });
		await uploadFiles({ repo, accessToken, hubUrl, files: [{ path: "secret.json", content: new Blob([secret]) }] });
		steps.ok("private");
	});

	test("a read token sees it: info, listing, download", T, async (t) => {
		if (!steps.need(t, "private")) return;
		const info = await modelInfo({ name: id, accessToken: env.readToken, hubUrl });
		assert.equal(info.private, true);
		const entries = await collect(listFiles({ repo, accessToken: env.readToken, hubUrl }));
		assert.ok(entries.some((e) => e.path === "secret.json"));
		const blob = await downloadFile({ repo, path: "secret.json", accessToken: env.readToken, hubUrl });
		assert.equal(await blobSha256(blob), sha256(secret));
	});

	test("a read token cannot write to it", T, async (t) => {
		if (!steps.need(t, "private")) return;
		const status = await statusOf(
			uploadFiles({ repo, accessToken: env.readToken, hubUrl, files: [{ path: "nope.txt", content: new Blob(["no"]) }] }),
		);
		assert.ok(status === 401 || status === 403, `refused with 401/403, got ${status}`);
		assert.equal(await fileExists({ repo, path: "nope.txt", accessToken, hubUrl }), false);
	});

	test("without a token it is not found (exactly like a missing repository)", T, async (t) => {
		if (!steps.need(t, "private")) return;
		assert.equal(await repoExists({ repo, hubUrl }), false);
		const infoStatus = await statusOf(modelInfo({ name: id, hubUrl }));
		assert.ok(infoStatus === 401 || infoStatus === 404, `modelInfo: 401/404, got ${infoStatus}`);
		const head = await hubFetch("HEAD", `/${id}/resolve/main/secret.json`, { token: null });
		assert.ok(head.status === 401 || head.status === 404, `resolve: 401/404, got ${head.status}`);
		assert.equal(head.headers.get("X-Error-Code"), "RepoNotFound");
		const names = (await collect(listModels({ search: { owner: env.user }, hubUrl }))).map((r) => r.name);
		assert.ok(!names.includes(id), "anonymous listModels does not show it");
	});

	after(async () => {
		await deleteRepo({ repo, accessToken, hubUrl }).catch(() => {});
	});
});

describe("createRepo with files", () => {
	const id = `${env.user}/${repoName("interop-js-made")}`;
	const repo = { type: "model", name: id };
	const hello = Buffer.from("hello from createRepo\n");
	const weights = randomBytes(4096);

	test("the files are the repository's first commit on main", T, async () => {
		await createRepo({
			repo,
			accessToken,
			hubUrl,
			files: [
				{ path: "a.txt", content: new Blob([hello]) },
				{ path: "sub/w.bin", content: new Blob([weights]) },
			],
		});
		const paths = (await collect(listFiles({ repo, recursive: true, accessToken, hubUrl })))
			.filter((e) => e.type === "file")
			.map((e) => e.path)
			.sort();
		assert.deepEqual(paths, [".gitattributes", "a.txt", "sub/w.bin"], "the files sent and the Hub's .gitattributes, in one first commit");
		assert.equal(await blobSha256(await downloadFile({ repo, path: "sub/w.bin", accessToken, hubUrl })), sha256(weights));
		const commits = await collect(listCommits({ repo, accessToken, hubUrl }));
		assert.equal(commits.length, 1);
	});

	test("a file with a path the server refuses creates no repository", T, async () => {
		const refused = { type: "model", name: `${env.user}/${repoName("interop-refused")}` };
		const status = await statusOf(
			createRepo({ repo: refused, accessToken, hubUrl, files: [{ path: "../escape.txt", content: new Blob(["x"]) }] }),
		);
		assert.equal(status, 400);
		assert.equal(await repoExists({ repo: refused, accessToken, hubUrl }), false);
	});

	after(async () => {
		await deleteRepo({ repo, accessToken, hubUrl }).catch(() => {});
	});
});

describe("what huggingface_hub (Python) reads from a download HEAD", () => {
	const steps = new Steps();
	const id = `${env.user}/${repoName("interop-head")}`;
	const repo = { type: "model", name: id };
	const big = randomBytes(11 * MB);
	const small = Buffer.from('{"a": 1}\n');
	let commit;

	test("set up: a repository with a large and a small file", T, async () => {
		await createRepo({ repo, accessToken, hubUrl });
		const res = await uploadFiles({
			repo,
			accessToken,
			hubUrl,
			useXet: false,
			files: [
				{ path: "weights.bin", content: new Blob([big]) },
				{ path: "sub dir/inner/config.json", content: new Blob([small]) },
			],
		});
		commit = res.commit.oid;
		steps.ok("setup");
	});

	test("HEAD resolve (Accept-Encoding: identity): X-Repo-Commit, ETag = sha256 for LFS, X-Linked-Size, relative redirects only", T, async (t) => {
		if (!steps.need(t, "setup")) return;
		let url = `/${id}/resolve/main/weights.bin`;
		let res;
		for (let hops = 0; hops < 5; hops++) {
			res = await hubFetch("HEAD", url, { headers: { "Accept-Encoding": "identity" } });
			const location = res.headers.get("Location");
			if (res.status >= 300 && res.status < 400 && location && !/^https?:/.test(location)) {
				url = location; // huggingface_hub follows relative redirects itself
				continue;
			}
			break;
		}
		assert.ok(res.status === 200 || (res.status >= 300 && res.status < 400), `status ${res.status}`);
		assert.equal(res.headers.get("X-Repo-Commit"), commit);
		const etag = (res.headers.get("X-Linked-Etag") ?? res.headers.get("ETag") ?? "").replace(/^W\//, "").replaceAll('"', "");
		assert.equal(etag, sha256(big));
		const size = res.headers.get("X-Linked-Size") ?? (res.status === 200 ? res.headers.get("Content-Length") : null);
		assert.equal(Number(size), big.length);
	});

	test("HEAD resolve of a small file in a folder with a space: commit, ETag, size", T, async (t) => {
		if (!steps.need(t, "setup")) return;
		const res = await hubFetch("HEAD", `/${id}/resolve/${commit}/sub%20dir/inner/config.json`, { headers: { "Accept-Encoding": "identity" } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("X-Repo-Commit"), commit);
		assert.ok((res.headers.get("X-Linked-Etag") ?? res.headers.get("ETag") ?? "").length > 2);
		assert.equal(Number(res.headers.get("X-Linked-Size") ?? res.headers.get("Content-Length")), small.length);
	});

	test("ranged GET resumes: 206 with the asked bytes", T, async (t) => {
		if (!steps.need(t, "setup")) return;
		const res = await hubFetch("GET", `/${id}/resolve/main/weights.bin`, { headers: { Range: `bytes=${big.length - 100}-` } });
		assert.equal(res.status, 206);
		assert.equal(res.headers.get("Content-Range"), `bytes ${big.length - 100}-${big.length - 1}/${big.length}`);
		assert.equal(sha256(Buffer.from(await res.arrayBuffer())), sha256(big.subarray(big.length - 100)));
	});

	test("errors carry X-Error-Code: EntryNotFound (with X-Repo-Commit), RevisionNotFound, RepoNotFound", T, async (t) => {
		if (!steps.need(t, "setup")) return;
		const entry = await hubFetch("HEAD", `/${id}/resolve/main/missing.bin`);
		assert.equal(entry.status, 404);
		assert.equal(entry.headers.get("X-Error-Code"), "EntryNotFound");
		assert.equal(entry.headers.get("X-Repo-Commit"), commit);
		const rev = await hubFetch("HEAD", `/${id}/resolve/no-such-branch/weights.bin`);
		assert.equal(rev.status, 404);
		assert.equal(rev.headers.get("X-Error-Code"), "RevisionNotFound");
		const missingRepo = await hubFetch("GET", `/api/models/${env.user}/no-such-repo-${randomBytes(3).toString("hex")}`);
		assert.ok(missingRepo.status === 401 || missingRepo.status === 404, `status ${missingRepo.status}`);
		assert.equal(missingRepo.headers.get("X-Error-Code"), "RepoNotFound");
		assert.ok(typeof (await missingRepo.json()).error === "string", 'body {"error": "..."}');
	});

	test("tree paging: Link rel=next is an absolute URL; the revision and a path with a slash are percent-encoded (huggingface_hub quotes with safe='')", T, async (t) => {
		if (!steps.need(t, "setup")) return;
		const res = await hubFetch("GET", `/api/models/${id}/tree/${encodeURIComponent(commit)}/${encodeURIComponent("sub dir/inner")}?recursive=true&expand=false`);
		assert.equal(res.status, 200);
		const entries = await res.json();
		assert.deepEqual(entries.map((e) => e.path), ["sub dir/inner/config.json"]);
		const link = res.headers.get("Link");
		if (link) assert.match(link, /<https?:\/\/[^>]+>;\s+rel="next"/);
	});

	after(async () => {
		await deleteRepo({ repo, accessToken, hubUrl }).catch(() => {});
	});
});
