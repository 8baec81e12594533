#!/usr/bin/env bash
# Web pages benchmark (web interface issue): figures printed, never a pass/fail test.
#
# Builds, at the engine level (bench/PagesRepo.java: blob writer and Versions.commit inside
# the application, no uploads), a 10,000-repository demo catalogue whose most downloaded
# dataset holds a repository of 1,000,000 files, 100,000 of them in one folder (big/), the
# others in folders of 10,000; then starts the built jar on that data directory and a small
# Java client (bench/PagesBench.java, run from source) times the server-rendered pages one
# request at a time over loopback after a warm-up: the catalogue (/models, and a filtered,
# sorted page 3), the repository page, big/'s first page, the page in the middle of big/
# (reached by following the "Next page" links, the walk being a row of its own), a
# 10,000-entry folder and a file page. Targets: p99 <= 50 ms. The server logs go to
# bench/out/ (git-ignored).
#
#   bench/pages.sh                               # full size: about 5 min on 2 busy cores
#   FILES=200000 FOLDER=50000 bench/pages.sh     # smaller
#   BENCH_REBUILD=1 bench/pages.sh               # rebuild the jar first
#
# Settings (environment): FILES (1000000), FOLDER (100000), DISTINCT (1000 blob contents the
# files share), BENCH_REPOS (10000), BENCH_SAMPLES (300 per page), BENCH_PORT (3701),
# BENCH_JAVA_OPTS (none; passed to the server and to the builder), BENCH_KEEP (0; 1 keeps the
# data directory, /tmp/mlpages-*, for a look afterwards).
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-3701}
REPOS=${BENCH_REPOS:-10000}
SAMPLES=${BENCH_SAMPLES:-300}
export FILES=${FILES:-1000000} FOLDER=${FOLDER:-100000}
BASE="http://127.0.0.1:$PORT"
OUT="bench/out/pages-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
# lower case: the embedded database's Unix socket lives there, and the driver lower-cases its path
WORK=/tmp/mlpages-$$-$(date +%s)
mkdir -m700 "$WORK"
DATA_DIR="$WORK/data"
# shellcheck source=server.sh
source bench/server.sh
trap 'stop_server; [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$WORK"' EXIT

command -v curl >/dev/null || die "curl is needed"
command -v java >/dev/null || die "java is needed"
ensure_jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CATALOGUE=(--modellibrary.demo-data=true --modellibrary.demo-size="$REPOS" --modellibrary.demo-files=false)

# The application's classes on a plain class path, for the builder (Spring Boot's extract).
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
log "building $REPOS repositories and one of $FILES files ($FOLDER in big/) at the engine level"
started=$SECONDS
# shellcheck disable=SC2086
env -u MONGODB_URI -u SPRING_MONGODB_URI java ${BENCH_JAVA_OPTS:-} -cp "$WORK/app/$(basename "$JAR")" bench/PagesRepo.java \
    --modellibrary.data-dir="$DATA_DIR" "${CATALOGUE[@]}" >"$OUT/build.log" 2>"$OUT/build.err" \
    || { tail -n 40 "$OUT/build.log" "$OUT/build.err" >&2; die "the build failed"; }
BUILD_SECONDS=$(( SECONDS - started ))
NAME=$(sed -n 's/^\[bench\] repository: //p' "$OUT/build.err")
[[ -n "$NAME" ]] || die "the builder named no repository (see $OUT/build.err)"
log "built $NAME in $BUILD_SECONDS s"

start_server "${CATALOGUE[@]}"
printf '\nWeb pages benchmark: %s repositories; dataset %s with %s files, %s in big/ (built at the engine level in %s s); embedded store\n' \
    "$REPOS" "$NAME" "$FILES" "$FOLDER" "$BUILD_SECONDS"
printf 'machine: %s cores, load average before %s\n\n' "$(nproc)" "$LOAD_BEFORE"
java bench/PagesBench.java "$BASE" "$NAME" "$FOLDER" "$SAMPLES" "$SERVER_PID" | tee "$OUT/summary.txt"
printf '\nserver peak RSS %s; load average after %s; server log: %s\n' "$(awk '/VmHWM/ {print $2" kB"}' "/proc/$SERVER_PID/status")" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT/server.log"
