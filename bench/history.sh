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
SERVER_PID=""

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

find_jar() { ls target/model-library-*.jar 2>/dev/null | grep -v original | head -n 1 || true; }

ensure_jar() {
    if [[ -z "$(find_jar)" || "${BENCH_REBUILD:-0}" == 1 ]]; then
        log "building the jar: ./mvnw -B -q package -DskipTests"
        ./mvnw -B -q package -DskipTests
    fi
    JAR=$(find_jar)
    [[ -n "$JAR" ]] || die "no jar in target/"
}

start_server() {
    curl -s -o /dev/null "$BASE/" && die "port $PORT is already in use"
    log "starting $JAR on port $PORT, data dir $DATA_DIR"
    # shellcheck disable=SC2086
    env -u MONGODB_URI -u SPRING_MONGODB_URI java ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
        --server.port="$PORT" \
        --modellibrary.data-dir="$DATA_DIR" \
        --modellibrary.demo-data=false \
        >"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
    local started=$SECONDS
    until curl -sf -o /dev/null "$BASE/actuator/health"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$OUT/server.log" >&2; die "the server exited"; }
        (( SECONDS - started < 300 )) || die "the server did not become healthy in 300 s"
        sleep 1
    done
    log "server up after $(( SECONDS - started )) s"
}

command -v curl >/dev/null || die "curl is needed"
command -v java >/dev/null || die "java is needed"
ensure_jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
printf '\nHistory benchmark: %s files, %s commits made through the API, embedded store\n' "$FILES" "$COMMITS"
printf 'machine: %s cores, load average before %s\n\n' "$(nproc)" "$LOAD_BEFORE"
java bench/HistoryBench.java "$BASE" "$FILES" "$COMMITS" "$SAMPLES"
printf '\nload average after %s; server log: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT/server.log"
