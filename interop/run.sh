#!/usr/bin/env bash
# Runs an unchanged Hugging Face client against a freshly started Model Library server. Builds
# nothing: give it the packaged jar.
#
#   interop/run.sh [path/to/model-library-*.jar]            the JS client, @huggingface/hub (package.json)
#   interop/run.sh --python [path/to/model-library-*.jar]   the Python client, huggingface_hub, as installed
#
# Starts the jar on a free port with an empty temporary data directory and no demo data,
# waits for /actuator/health, registers a user, creates an organisation and two access
# tokens (write and read) through the server's own API (setup.mjs), then runs `node --test`
# (after `npm ci` when node_modules is missing) or the Python scenarios in python/ with
# HF_ENDPOINT / HF_TOKEN / HF_READ_TOKEN / HF_USER / HF_ORG set, and stops the server.
#
# Without node/npm it prints "INTEROP SKIPPED: node not found" and exits 0, unless
# MODELLIBRARY_REQUIRE_ALL_SUITES=1, where the skip is a failure (CI sets it). --python is never
# skipped: it is asked for explicitly (the GitHub workflow's python job), so a missing
# huggingface_hub fails. Environment: INTEROP_KEEP_DATA=1 keeps the data dir and server log;
# INTEROP_TEST_ARGS adds arguments to `node --test` (e.g. --test-name-pattern=whoAmI).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
SUITE=interop
SUITE_ENV=INTEROP
# shellcheck source=../src/test/sh/jar-server.sh
. "$root/src/test/sh/jar-server.sh"

client=js
if [ "${1:-}" = "--python" ]; then
    client=python
    shift
fi

suite_require_node
if [ "$client" = python ]; then
    python="${PYTHON:-python3}"
    version="$("$python" -c 'import huggingface_hub; print(huggingface_hub.__version__)' 2>/dev/null)" || {
        echo "interop: --python needs huggingface_hub (pip install huggingface_hub)" >&2
        exit 1
    }
    echo "interop: huggingface_hub $version, HF_HUB_DISABLE_XET=${HF_HUB_DISABLE_XET:-unset}"
fi
suite_find_jar "$root" "${1:-}"
[ "$client" = js ] && suite_npm_ci "$here"
suite_start_server "$jar" --modellibrary.demo-data=false

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
if [ "$client" = python ]; then
    HF_HOME="$data/hf-home" HF_HUB_DISABLE_TELEMETRY=1 "$python" -m unittest -v python/test_hub_python.py
else
    # shellcheck disable=SC2086
    node --test --test-concurrency=1 --test-reporter=spec ${INTEROP_TEST_ARGS:-} test/
fi
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    echo "INTEROP FAILED: the Hugging Face $client client does not work against this server (exit $rc)"
fi
exit "$rc"
