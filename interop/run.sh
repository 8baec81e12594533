#!/usr/bin/env bash
# Runs an unchanged Hugging Face client against a freshly started Model Library server. Builds
# nothing: give it the packaged jar.
#
#   interop/run.sh [path/to/model-library-*.jar]            the JS client, @huggingface/hub (package.json)
#   interop/run.sh --python [path/to/model-library-*.jar]   the Python client, huggingface_hub, as installed
#   interop/run.sh --python-vendored [jar]                  the Python client from python/vendor/ (pinned
#                                                           release, sha256-checked) on the distribution's python3
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
# huggingface_hub fails. --python-vendored (run by `./mvnw verify`) skips like the JS suite when
# Debian's python3 or the client's dependencies are missing ("INTEROP SKIPPED: ..."; CI installs
# them: see python/vendor/README.md). Environment: INTEROP_KEEP_DATA=1 keeps the data dir and server log;
# INTEROP_TEST_ARGS adds arguments to `node --test` (e.g. --test-name-pattern=whoAmI).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
SUITE=interop
SUITE_ENV=INTEROP
# shellcheck source=../src/test/sh/jar-server.sh
. "$root/src/test/sh/jar-server.sh"

client=js
vendored=
if [ "${1:-}" = "--python" ]; then
    client=python
    shift
elif [ "${1:-}" = "--python-vendored" ]; then
    client=python
    vendored=1
    shift
fi

suite_require_node
if [ -n "$vendored" ]; then
    # Debian's interpreter, where python3-httpx and the others land (a pyenv python3 on PATH has none of them).
    python="${PYTHON:-/usr/bin/python3}"
    [ -x "$python" ] || suite_skip "the Python client needs $python (apt-get install python3)"
    missing="$("$python" -c 'import importlib.util as u; print(" ".join(m for m in ("httpx", "yaml", "tqdm", "fsspec", "packaging", "typing_extensions") if u.find_spec(m) is None))')"
    [ -z "$missing" ] || suite_skip "the Python client needs $missing for $python (apt-get install python3-httpx python3-yaml python3-tqdm python3-fsspec python3-packaging python3-typing-extensions)"
    (cd "$here/python/vendor" && sha256sum --quiet -c SHA256SUMS) || { echo "interop: python/vendor archives do not match SHA256SUMS" >&2; exit 1; }
fi
if [ "$client" = python ] && [ -z "$vendored" ]; then
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
if [ -n "$vendored" ]; then
    mkdir "$data/vendor" # removed with the data directory
    for archive in "$here"/python/vendor/*.tar.gz; do tar -xzf "$archive" -C "$data/vendor"; done
    export PYTHONPATH="$data/vendor${PYTHONPATH:+:$PYTHONPATH}"
    echo "interop: huggingface_hub $("$python" -c 'import huggingface_hub; print(huggingface_hub.__version__)') from python/vendor on $("$python" --version)"
fi

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
