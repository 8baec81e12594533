#!/usr/bin/env bash
# Runs the unchanged @huggingface/hub client (pinned in package.json) against a freshly started
# Model Library server. Builds nothing: give it the packaged jar.
#
#   interop/run.sh [path/to/model-library-*.jar]     (default: target/model-library-*.jar)
#
# Starts the jar on a free port with an empty temporary data directory and no demo data,
# waits for /actuator/health, registers a user, creates an organisation and two access
# tokens (write and read) through the server's own API, runs `npm ci` when node_modules is
# missing, runs `node --test` with HF_ENDPOINT / HF_TOKEN set, and stops the server.
#
# Without node/npm it prints "INTEROP SKIPPED: node not found" and exits 0, unless
# MODELLIBRARY_REQUIRE_ALL_SUITES=1, where the skip is a failure (CI sets it).
# Environment: INTEROP_KEEP_DATA=1 keeps the data dir and server log; INTEROP_TEST_ARGS adds
# arguments to `node --test` (e.g. --test-name-pattern=whoAmI).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

skip() {
    echo "=================================================================="
    echo "INTEROP SKIPPED: $1"
    echo "=================================================================="
    if [ "${MODELLIBRARY_REQUIRE_ALL_SUITES:-}" = "1" ]; then
        echo "MODELLIBRARY_REQUIRE_ALL_SUITES=1: a skipped suite fails the build" >&2
        exit 1
    fi
    exit 0
}

command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || skip "node $(node --version) is older than 20"
command -v java >/dev/null 2>&1 || { echo "interop: java not found" >&2; exit 1; }

jar="${1:-}"
if [ -z "$jar" ]; then
    jar="$(ls "$root"/target/model-library-*.jar 2>/dev/null | grep -v -- '\.original$' | grep -v -- '-plain\.jar$' | head -n 1 || true)"
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    echo "interop: no jar (looked for target/model-library-*.jar); build it first: ./mvnw -B package -DskipTests" >&2
    exit 1
fi

if [ ! -d "$here/node_modules" ]; then
    echo "interop: npm ci"
    (cd "$here" && npm ci --no-audit --no-fund)
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
data="$(mktemp -d "${TMPDIR:-/tmp}/modellibrary-interop.XXXXXX")"
log="$data/server.log"
server_pid=""
tests_ran=""

cleanup() {
    status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -z "$tests_ran" ] && [ -f "$log" ]; then
        echo "---- last 40 lines of the server log ($log) ----"
        tail -n 40 "$log" || true
        echo "----"
    fi
    if [ "${INTEROP_KEEP_DATA:-}" = "1" ]; then
        echo "interop: data dir and server log kept in $data"
    else
        rm -rf "$data"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "interop: starting $(basename "$jar") on 127.0.0.1:$port, data dir $data"
java ${INTEROP_JAVA_OPTS:--Xmx1g} -jar "$jar" \
    --server.port="$port" --server.address=127.0.0.1 \
    --modellibrary.data-dir="$data/data" --modellibrary.demo-data=false \
    >"$log" 2>&1 &
server_pid=$!

endpoint="http://127.0.0.1:$port"
deadline=$((SECONDS + ${INTEROP_START_TIMEOUT:-180}))
until curl -fsS "$endpoint/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "interop: the server exited during startup" >&2
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "interop: the server did not report UP on /actuator/health in time" >&2
        exit 1
    fi
    sleep 1
done
echo "interop: server up after ${SECONDS}s"

# Registers the user, creates the organisation and the tokens; prints KEY=value lines.
setup="$(HF_ENDPOINT="$endpoint" node "$here/setup.mjs")"
while IFS='=' read -r key value; do
    case "$key" in
        HF_TOKEN|HF_READ_TOKEN|HF_USER|HF_ORG) export "$key=$value" ;;
    esac
done <<<"$setup"
export HF_ENDPOINT="$endpoint"
echo "interop: user $HF_USER, organisation $HF_ORG, write token ${HF_TOKEN:0:4}…, read token ${HF_READ_TOKEN:0:4}…"

cd "$here"
tests_ran=1
set +e
# shellcheck disable=SC2086
node --test --test-concurrency=1 --test-reporter=spec ${INTEROP_TEST_ARGS:-} test/
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    echo "INTEROP FAILED: the Hugging Face JS client does not work against this server (exit $rc)"
fi
exit "$rc"
