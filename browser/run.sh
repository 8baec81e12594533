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

SUITE=browser
SUITE_ENV=BROWSER
SUITE_LOG_ON_FAILURE=1
# shellcheck source=../src/test/sh/jar-server.sh
. "$root/src/test/sh/jar-server.sh"

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || suite_skip "chromium not found (looked for $CHROMIUM_PATH; set CHROMIUM_PATH or apt-get install chromium)"
suite_require_node
suite_find_jar "$root" "${1:-}"
suite_npm_ci "$here"
shots="$root/target/browser-screenshots"
rm -rf "$shots"
mkdir -p "$shots"
# Git LFS parts of 1 MB (default 16 MB): the upload page sends files above 2 MB in parts, so that
# resume.test.mjs interrupts and resumes a 24 MiB upload of 24 parts.
suite_start_server "$jar" \
    --modellibrary.demo-data=true --modellibrary.demo-size=45 --modellibrary.demo-files=false \
    --modellibrary.files.lfs-part-size=1MB
echo "browser: $("$CHROMIUM_PATH" --version 2>/dev/null || echo chromium)"

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
