// The Hugging Face Hub API against the seed API and nginx (bench/hub.sh starts everything).
// node bench/HubBench.mjs BASE TOKEN JWT NGINX_BASE FILE RUNS
// Prints each measurement and, last, the ratios with their targets (issue "The Hugging Face
// Hub API", benchmark section). Large transfers go through curl on both sides, so only the
// server differs; the small-file comparison runs in this Node process on both sides.
import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { openSync, writeSync, closeSync, copyFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(new URL("../interop/package.json", import.meta.url));
const hub = await import(require.resolve("@huggingface/hub"));

const [base, token, jwt, nginx, file, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 5);
const auth = { Authorization: `Bearer ${token}` };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const mbps = (bytes, s) => bytes / 1e6 / s;
const size = statSync(file).size;
const log = (...a) => console.log(...a);

function curl(expect, ...args) {
  const out = execFileSync("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", ...args]).toString();
  const [code, secs] = out.split(" ");
  if (code !== String(expect)) throw new Error(`HTTP ${code} for curl ${args.join(" ")}`);
  return Number(secs);
}

async function call(method, path, body, headers = {}) {
  const res = await fetch(base + path, { method, headers: { ...auth, ...headers }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function createRepo(name) {
  await call("POST", "/api/repos/create", JSON.stringify({ name: name.split("/")[1], organization: name.split("/")[0], type: "model" }),
    { "Content-Type": "application/json" });
}

/** A new version of the big file (its first 32 bytes random), so that no upload finds its blob stored. */
function mutate() {
  const fd = openSync(file, "r+");
  writeSync(fd, randomBytes(32), 0, 32, 0);
  closeSync(fd);
  return execFileSync("sha256sum", [file]).toString().split(" ")[0];
}

async function lfsUpload(repo, path) {
  const oid = mutate();
  const start = process.hrtime.bigint();
  const batch = await call("POST", `/${repo}.git/info/lfs/objects/batch`, JSON.stringify({
    operation: "upload", transfers: ["basic"], hash_algo: "sha256", objects: [{ oid, size }] }),
    { "Content-Type": "application/vnd.git-lfs+json", Accept: "application/vnd.git-lfs+json" });
  const actions = batch.objects[0].actions;
  const put = actions.upload;
  const headers = Object.entries(put.header || {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  curl(200, "-X", "PUT", "-T", file, ...headers, put.href);
  if (actions.verify) {
    await call("POST", new URL(actions.verify.href).pathname + new URL(actions.verify.href).search, JSON.stringify({ oid, size }),
      { "Content-Type": "application/vnd.git-lfs+json", ...(actions.verify.header || {}) });
  }
  const ndjson = [{ key: "header", value: { summary: "lfs upload" } }, { key: "lfsFile", value: { path, algo: "sha256", oid, size } }]
    .map((l) => JSON.stringify(l)).join("\n");
  await call("POST", `/api/models/${repo}/commit/main`, ndjson, { "Content-Type": "application/x-ndjson" });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function seedUpload(repo, path) {
  mutate();
  return curl(200, "-H", `Authorization: Bearer ${jwt}`, "-F", `name=${repo}`, "-F", `file=@${file};filename=${path}`, `${base}/api/files`);
}

// 1. One large file up and down.
await createRepo("bench/seed-up");
await createRepo("bench/lfs-up");
const up = { seed: [], lfs: [] };
for (let i = 0; i < RUNS; i++) {
  up.seed.push(mbps(size, seedUpload("bench/seed-up", "model.safetensors")));
  up.lfs.push(mbps(size, await lfsUpload("bench/lfs-up", "model.safetensors")));
  log(`upload run ${i + 1}: seed ${up.seed.at(-1).toFixed(0)} MB/s, LFS basic ${up.lfs.at(-1).toFixed(0)} MB/s`);
}
copyFileSync(file, process.env.NGINX_ROOT + "/big.bin");
const down = { resolve: [], seed: [], nginx: [] };
for (let i = 0; i < RUNS; i++) {
  down.resolve.push(mbps(size, curl(200, `${base}/bench/lfs-up/resolve/main/model.safetensors`)));
  down.seed.push(mbps(size, curl(200, `${base}/api/files/download?name=bench%2Flfs-up&path=model.safetensors`)));
  down.nginx.push(mbps(size, curl(200, `${nginx}/big.bin`)));
  log(`download run ${i + 1}: resolve ${down.resolve.at(-1).toFixed(0)}, seed ${down.seed.at(-1).toFixed(0)}, nginx ${down.nginx.at(-1).toFixed(0)} MB/s`);
}

// 2. A recursive tree listing of a 100,000-file repository, page by page.
const MANY = Number(process.env.TREE_FILES || 100000);
await createRepo("bench/many");
{
  const boundary = "----hubbench" + randomBytes(8).toString("hex");
  const parts = [`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbench/many\r\n`];
  for (let i = 0; i < MANY; i++) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d${i % 100}/f${i}.json"\r\n`
      + `Content-Type: application/octet-stream\r\n\r\n{"i":${i}}\r\n`);
  }
  parts.push(`--${boundary}--\r\n`);
  const t = Date.now();
  const res = await fetch(`${base}/api/files`, { method: "POST", body: parts.join(""),
    headers: { Authorization: `Bearer ${jwt}`, "Content-Type": `multipart/form-data; boundary=${boundary}` } });
  if (!res.ok) throw new Error(`many-file upload: ${res.status} ${await res.text()}`);
  log(`uploaded ${MANY} files in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const pages = [];
let listed = 0;
for (let pass = 0; pass < 2; pass++) { // the first pass warms up; the second is measured
  let url = `${base}/api/models/bench/many/tree/main?recursive=true`;
  const times = [];
  listed = 0;
  while (url) {
    const t = process.hrtime.bigint();
    const res = await fetch(url, { headers: auth });
    const entries = await res.json();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    listed += entries.filter((e) => e.type === "file").length;
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") || "");
    url = next ? next[1] : null;
  }
  if (pass === 1) pages.push(...times);
}
log(`tree: ${listed} files in ${pages.length} pages; per page p50 ${pct(pages, 0.5).toFixed(1)} ms, p99 ${pct(pages, 0.99).toFixed(1)} ms`);

// 3. 2,000 small files: the JS client's listFiles + downloadFile, and the seed API's filesTable + download.
const SMALL = 2000;
await createRepo("bench/small");
{
  const boundary = "----hubbench" + randomBytes(8).toString("hex");
  const parts = [`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbench/small\r\n`];
  for (let i = 0; i < SMALL; i++) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f${i}.json"\r\n\r\n{"file":${i},"pad":"${"x".repeat(200)}"}\r\n`);
  }
  parts.push(`--${boundary}--\r\n`);
  const res = await fetch(`${base}/api/files`, { method: "POST", body: parts.join(""),
    headers: { Authorization: `Bearer ${jwt}`, "Content-Type": `multipart/form-data; boundary=${boundary}` } });
  if (!res.ok) throw new Error(`small-file upload: ${res.status}`);
}
const credentials = { accessToken: token };
// every repository created through the Hub API starts with the Hub's .gitattributes: both sides leave it out
const GITATTRIBUTES = ".gitattributes";
async function viaJsClient() {
  const t = process.hrtime.bigint();
  const paths = [];
  for await (const f of hub.listFiles({ repo: "bench/small", recursive: true, hubUrl: base, ...credentials })) {
    if (f.type === "file" && f.path !== GITATTRIBUTES) paths.push(f.path);
  }
  for (const path of paths) {
    const blob = await hub.downloadFile({ repo: "bench/small", path, hubUrl: base, ...credentials });
    await blob.arrayBuffer();
  }
  if (paths.length !== SMALL) throw new Error(`JS client listed ${paths.length}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}
async function viaSeedApi() {
  const t = process.hrtime.bigint();
  const paths = [];
  let cursor = "";
  do {
    const res = await fetch(`${base}/api/filesTable?name=bench%2Fsmall${cursor ? "&cursor=" + encodeURIComponent(cursor) : ""}`,
      { headers: { Authorization: `Bearer ${jwt}` } });
    const data = (await res.json()).data;
    data.filesTable.forEach((e) => { if (!e.isAFolder && e.key !== GITATTRIBUTES) paths.push(e.key); });
    cursor = data.cursor;
  } while (cursor);
  for (const path of paths) {
    const res = await fetch(`${base}/api/files/download?name=bench%2Fsmall&path=${encodeURIComponent(path)}`,
      { headers: { Authorization: `Bearer ${jwt}` } });
    await res.arrayBuffer();
  }
  if (paths.length !== SMALL) throw new Error(`seed API listed ${paths.length}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}
const small = { js: [], seed: [] };
for (let i = 0; i < RUNS; i++) {
  small.js.push(SMALL / await viaJsClient());
  small.seed.push(SMALL / await viaSeedApi());
  log(`2,000 small files run ${i + 1}: JS client ${small.js.at(-1).toFixed(0)} files/s, seed API ${small.seed.at(-1).toFixed(0)} files/s`);
}

const m = (xs) => median(xs).toFixed(1);
log("");
log(`file: ${size} bytes; medians of ${RUNS} alternating runs`);
log(`upload   seed API ${m(up.seed)} MB/s | LFS basic ${m(up.lfs)} MB/s`);
log(`download seed API ${m(down.seed)} MB/s | resolve ${m(down.resolve)} MB/s | nginx sendfile ${m(down.nginx)} MB/s`);
log(`tree     ${pages.length} pages of a ${MANY}-file repository: p50 ${pct(pages, 0.5).toFixed(1)} ms, p99 ${pct(pages, 0.99).toFixed(1)} ms`);
log(`2,000 small files: JS client ${m(small.js)} files/s | seed API ${m(small.seed)} files/s`);
log(`resolve download = ${(median(down.resolve) / median(down.seed)).toFixed(2)} x seed download (target >= 0.95), ${(median(down.resolve) / median(down.nginx)).toFixed(2)} x nginx`);
log(`LFS basic upload = ${(median(up.lfs) / median(up.seed)).toFixed(2)} x seed upload (target >= 0.95)`);
log(`tree page p99    = ${pct(pages, 0.99).toFixed(1)} ms (target <= 50 ms)`);
log(`JS client files  = ${(median(small.js) / median(small.seed)).toFixed(2)} x seed API (target >= 0.8)`);
