#!/usr/bin/env bash
# The load suite (hardening issue): 60 s of mixed traffic from 64 clients on loopback while 200
# slow clients and a login flood run, then 25 s more of the same; no 5xx, no connection errors,
# 429 only for the flood, health answering UP within 5 s, no 10 s without an answer; after the second load no more map entries
# than the bounded caches added, heap at the first load's level, open descriptors at the warm-up's
# (class histograms of the server after each phase show what grew); p50/p99 printed per operation.
# The traffic is one Java source file (src/test/sh/LoadSuite.java, run as such, with the multipart
# form it shares with RaceSuiteTest compiled beside it: support/MultipartForm.java);
# the server is started and stopped by bench/server.sh on a fresh data directory (demo
# catalogue on, demo files off). Builds nothing: give it the packaged jar.
#
#   src/test/sh/load.sh [path/to/model-library-*.jar]     (default: target/model-library-*.jar)
#
# Needs a JDK (java, jcmd), curl and Linux's /proc. Without one of them it prints
# "LOAD SKIPPED: ..." and exits 0, unless MODELLIBRARY_REQUIRE_ALL_SUITES=1, where the skip
# is a failure. Prints "N passed, M failed" and exits non-zero on a failure. Run from Maven's
# integration-test phase (skip with -Dload.skip=true); about 2½ minutes. Environment:
# LOAD_SECONDS (60), LOAD_AGAIN_SECONDS (25), LOAD_CLIENTS (64), LOAD_SLOW (200), LOAD_FLOOD (50),
# BENCH_KEEP=1 keeps the data directory, the server log and the class histograms (*.histo).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

skip() {
    echo "LOAD SKIPPED: $*" >&2
    if [ "${MODELLIBRARY_REQUIRE_ALL_SUITES:-}" = "1" ]; then
        echo "MODELLIBRARY_REQUIRE_ALL_SUITES=1: a skipped suite fails the build" >&2
        exit 1
    fi
    exit 0
}

java_bin="java"; jcmd_bin="jcmd"; javac_bin="javac"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_bin="$JAVA_HOME/bin/java"; jcmd_bin="$JAVA_HOME/bin/jcmd"; javac_bin="$JAVA_HOME/bin/javac"
fi
command -v "$jcmd_bin" >/dev/null || skip "jcmd not found (a JDK, not a JRE, measures the heap)"
command -v "$javac_bin" >/dev/null || skip "javac not found (a JDK, not a JRE, compiles the suite's multipart form)"
command -v curl >/dev/null || skip "curl not found"
[ -d /proc/self/fd ] || skip "no /proc/<pid>/fd here (Linux only) to count open descriptors"
# 200 slow connections, 64 clients and the flood, on both ends of loopback
ulimit -n 4096 2>/dev/null || [ "$(ulimit -n)" -ge 2048 ] || skip "cannot open 2048 files (ulimit -n is $(ulimit -n))"

JAR="${1:-}"
if [ -z "$JAR" ]; then
    JAR="$(ls target/model-library-*.jar 2>/dev/null | grep -v -- '\.original$' | grep -v -- '-plain\.jar$' | head -n 1 || true)"
fi
if [ -z "$JAR" ] || [ ! -f "$JAR" ]; then
    echo "load: no jar (looked for target/model-library-*.jar); build it first: ./mvnw -B package -DskipTests" >&2
    exit 1
fi

PORT=""
for candidate in $(shuf -i 20000-40000 -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || { echo "load: no free port found" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
# all lower case, short: the embedded database's Unix socket lives in the data directory
OUT="${TMPDIR:-/tmp}/mlload-$$-$RANDOM"
mkdir -m 700 -p "$OUT"
DATA_DIR="$OUT/data"
source bench/server.sh
cleanup() {
    local status=$?
    stop_server
    if [ "$status" -eq 0 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$OUT"; else log "server log kept in $OUT/server.log"; fi
}
trap cleanup EXIT
# The embedded database's page cache (heap / 8 by default, 64 MB here) fills as the load writes:
# bounded, not a leak, but as large as the heap check's tolerance; 16 MB keeps the check about leaks.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}" start_server --modellibrary.demo-files=false --modellibrary.mongo.embedded-cache-mb=16
"$javac_bin" -d "$OUT/classes" "$root/src/test/java/io/modellibrary/support/MultipartForm.java"
"$java_bin" -cp "$OUT/classes" "$here/LoadSuite.java" "$BASE" "$SERVER_PID" "$OUT"
