#!/usr/bin/env bash
# The crash suite (issue 15): kill -9 the packaged server during a large upload, a 2,000-file
# upload, a repository deletion, a collection and a Git LFS upload, restart it on the same
# data directory and check what survived. Builds nothing: give it the packaged jar.
#
#   src/test/sh/crash.sh [path/to/model-library-*.jar]     (default: target/model-library-*.jar)
#
# Needs only the JDK (the suite is one Java source file, run as such). Prints each round's
# checks, then "N passed, M failed", and exits non-zero on a failure. Run from Maven's
# integration-test phase (skip with -Dcrash.skip=true). Environment: CRASH_ROUNDS (10),
# CRASH_BIG_MB (300), CRASH_KEEP_DATA=1 keeps the data directory and the server logs.
#
# The number of checks depends on the round count only, never on where a kill landed. Round r
# (scenario (r-1) mod 5: large upload, 2,000 files, deletion, collection, LFS upload) makes
#   2              for the interrupted request: all of it or none, then its files download
#                  (or, deleted, its repository's do not; the name is then created again empty)
#   2 x repos      a listing and a history check per repository: 4 at first, 1 more per deletion round so far
#   4              for the server: nothing in blobs/tmp, nothing in lfs-parts, health UP, no ERROR logged
#   1              in an LFS round that kills the PUT (variants 0 and 2 of rounds 5, 15, 20, 30...; not the
#                  commit-killing variant 1 of rounds 10, 25...): the object commits after the restart,
#                  answered before the kill or sent again
# Ten rounds: 14+14+16+16+17+16+16+18+18+18 = 163. (Before, a deletion that happened dropped its
# repository's checks from later rounds, a repository without acknowledged commits skipped its
# history check and only an answered LFS PUT was committed after the restart: 126 to 132.)
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
