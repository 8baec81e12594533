#!/usr/bin/env bash
# Drives the Model Library web pages in Debian's Chromium (playwright-core, pinned in
# package.json; never a downloaded browser) against a freshly started server. Builds nothing:
# give it the packaged jar.
#
#   browser/run.sh [path/to/model-library-*.jar]     (default: target/model-library-*.jar)
#
# Starts the jar on a free port with an empty data directory whose path is all lower-case
# (the embedded database's socket path) and a small demo catalogue without files (the catalogue
# tests need cards), waits for /actuator/health, runs `npm ci` when node_modules is missing, runs
# `node --test` with ML_ENDPOINT set, and stops the server. Screenshots of every page the tests
# visit are kept in target/browser-screenshots/.
#
# Without Chromium (CHROMIUM_PATH, default /usr/bin/chromium) or node it prints
# "BROWSER SKIPPED: ..." and exits 0, unless MODELLIBRARY_REQUIRE_ALL_SUITES=1, where the skip is
# a failure (CI sets it). Environment: BROWSER_KEEP_DATA=1 keeps the data dir and server log;
# BROWSER_TEST_ARGS adds arguments to `node --test` (e.g. --test-name-pattern=upload).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

skip() {
    echo "=================================================================="
    echo "BROWSER SKIPPED: $1"
    echo "=================================================================="
    if [ "${MODELLIBRARY_REQUIRE_ALL_SUITES:-}" = "1" ]; then
        echo "MODELLIBRARY_REQUIRE_ALL_SUITES=1: a skipped suite fails the build" >&2
        exit 1
    fi
    exit 0
}

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || skip "chromium not found (looked for $CHROMIUM_PATH; set CHROMIUM_PATH or apt-get install chromium)"
command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || skip "node $(node --version) is older than 20"
command -v java >/dev/null 2>&1 || { echo "browser: java not found" >&2; exit 1; }

jar="${1:-}"
if [ -z "$jar" ]; then
    jar="$(ls "$root"/target/model-library-*.jar 2>/dev/null | grep -v -- '\.original$' | grep -v -- '-plain\.jar$' | head -n 1 || true)"
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    echo "browser: no jar (looked for target/model-library-*.jar); build it first: ./mvnw -B package -DskipTests" >&2
    exit 1
fi

if [ ! -d "$here/node_modules" ]; then
    echo "browser: npm ci"
    (cd "$here" && npm ci --no-audit --no-fund)
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# Lower-case only: the MongoDB driver lower-cases Unix socket paths.
data="/tmp/modellibrary-browser-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -m 700 "$data"
log="$data/server.log"
shots="$root/target/browser-screenshots"
rm -rf "$shots"
mkdir -p "$shots"
server_pid=""
tests_ran=""

cleanup() {
    status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$log" ]; then
        echo "---- last 40 lines of the server log ($log) ----"
        tail -n 40 "$log" || true
        echo "----"
    fi
    if [ "${BROWSER_KEEP_DATA:-}" = "1" ]; then
        echo "browser: data dir and server log kept in $data"
    else
        rm -rf "$data"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "browser: starting $(basename "$jar") on 127.0.0.1:$port, data dir $data"
java ${BROWSER_JAVA_OPTS:--Xmx1g} -jar "$jar" \
    --server.port="$port" --server.address=127.0.0.1 \
    --modellibrary.data-dir="$data/data" \
    --modellibrary.demo-data=true --modellibrary.demo-size=45 --modellibrary.demo-files=false \
    >"$log" 2>&1 &
server_pid=$!

endpoint="http://127.0.0.1:$port"
deadline=$((SECONDS + ${BROWSER_START_TIMEOUT:-180}))
until curl -fsS "$endpoint/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "browser: the server exited during startup" >&2
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "browser: the server did not report UP on /actuator/health in time" >&2
        exit 1
    fi
    sleep 1
done
echo "browser: server up after ${SECONDS}s; $("$CHROMIUM_PATH" --version 2>/dev/null || echo chromium)"

export ML_ENDPOINT="$endpoint"
export ML_SCREENSHOTS="$shots"
export ML_WORK="$data/work"
mkdir -p "$ML_WORK"
cd "$here"
tests_ran=1
set +e
# web.test.mjs first (the catalogue and repository pages), then the other files by name (accounts.test.mjs, ...),
# one `node --test` each: given several files at once, node orders them itself.
rc=0
for test_file in test/web.test.mjs $(ls test/*.test.mjs | grep -vx 'test/web.test.mjs'); do
    # shellcheck disable=SC2086
    node --test --test-concurrency=1 --test-reporter=spec ${BROWSER_TEST_ARGS:-} "$test_file" || rc=$?
done
set -e
echo "browser: screenshots in $shots ($(ls "$shots" | wc -l) files)"
if [ "$rc" -ne 0 ]; then
    echo "BROWSER FAILED: the web pages do not work in Chromium (exit $rc)"
fi
exit "$rc"
