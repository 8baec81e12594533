#!/usr/bin/env bash
# History benchmark (issue 11): figures printed, never a pass/fail test.
#
# Starts the built jar on a fresh embedded store (no demo catalogue), then a small Java
# client (bench/HistoryBench.java, run from source, nothing to install) builds a model of
# 2,000 files with 1,000 commits through the HTTP API and times, one request at a time after
# a warm-up, filesTable at the head and at the oldest commit, a path's history, the log,
# a diff of one commit and one across 500 commits, and revision-prefix resolution. The
# server log goes to bench/out/ (git-ignored).
#
#   bench/history.sh                       # builds target/*.jar first if it is missing
#   BENCH_REBUILD=1 bench/history.sh       # rebuild the jar anyway
#
# Settings (environment): BENCH_PORT (3501), BENCH_FILES (2000), BENCH_COMMITS (1000),
# BENCH_SAMPLES (300 per row), BENCH_JAVA_OPTS (none).
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-3501}
FILES=${BENCH_FILES:-2000}
COMMITS=${BENCH_COMMITS:-1000}
SAMPLES=${BENCH_SAMPLES:-300}
BASE="http://127.0.0.1:$PORT"
OUT="bench/out/history-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA_DIR=$(mktemp -d -t modellibrary-bench.XXXXXX)
# shellcheck source=server.sh
source bench/server.sh

command -v curl >/dev/null || die "curl is needed"
command -v java >/dev/null || die "java is needed"
ensure_jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server --modellibrary.demo-data=false
printf '\nHistory benchmark: %s files, %s commits made through the API, embedded store\n' "$FILES" "$COMMITS"
printf 'machine: %s cores, load average before %s\n\n' "$(nproc)" "$LOAD_BEFORE"
java bench/HistoryBench.java "$BASE" "$FILES" "$COMMITS" "$SAMPLES"
printf '\nload average after %s; server log: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT/server.log"
