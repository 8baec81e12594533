#!/usr/bin/env bash
# The crash suite (issue 15): kill -9 the packaged server during a large upload, a 2,000-file
# upload, a repository deletion, a collection and a Git LFS upload, restart it on the same
# data directory and check what survived. Builds nothing: give it the packaged jar.
#
#   src/test/sh/crash.sh [path/to/model-library-*.jar]     (default: target/model-library-*.jar)
#
# Needs only the JDK (the suite is one Java source file, run as such). Prints
# "N passed, M failed" and exits non-zero on a failure. Run from Maven's integration-test phase
# (skip with -Dcrash.skip=true). Environment: CRASH_ROUNDS (10), CRASH_BIG_MB (300),
# CRASH_KEEP_DATA=1 keeps the data directory and the server logs.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="${1:-}"
if [ -z "$jar" ]; then
    jar="$(ls "$root"/target/model-library-*.jar 2>/dev/null | grep -v -- '\.original$' | grep -v -- '-plain\.jar$' | head -n 1 || true)"
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    echo "crash: no jar (looked for target/model-library-*.jar); build it first: ./mvnw -B package -DskipTests" >&2
    exit 1
fi
java_bin="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_bin="$JAVA_HOME/bin/java"
fi
exec "$java_bin" "$here/CrashSuite.java" "$jar"
