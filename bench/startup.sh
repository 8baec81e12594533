#!/usr/bin/env bash
# Start-up benchmark: figures printed, never a pass/fail test.
#
# Starts the built jar once on a fresh embedded store with the demo catalogue (without the
# demo files, whose background commits would be measured too) and stops it, then restarts
# it BENCH_RESTARTS times on that data directory. For each restart it prints Spring Boot's
# "Started ModelLibraryApplication in X seconds" figure, the wall time from launching java
# to the first healthy /actuator/health, and the machine's load (the machine is shared);
# then the medians. Server logs go to bench/out/ (git-ignored).
#
#   bench/startup.sh                      # builds target/*.jar first if it is missing
#   BENCH_REBUILD=1 bench/startup.sh      # rebuild the jar anyway
#   BENCH_JAVA_OPTS='-XX:SharedArchiveFile=bench/out/app.jsa' bench/startup.sh
#
# Class-data sharing (Java 17: no -XX:+AutoCreateSharedArchive): BENCH_CDS=1 makes the first
# (fresh) start write an archive of the classes it loaded with -XX:ArchiveClassesAtExit and
# the restarts use it with -XX:SharedArchiveFile. The same two flags work for any deployment:
# one run with the first, then every start with the second, for the same jar and JDK.
#
# Settings (environment): BENCH_PORT (3601), BENCH_RESTARTS (5), BENCH_CDS (0),
# BENCH_JAVA_OPTS (none, passed to every start).
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-3601}
RESTARTS=${BENCH_RESTARTS:-5}
BASE="http://127.0.0.1:$PORT"
OUT="bench/out/startup-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA_DIR=$(mktemp -d -t modellibrary-bench.XXXXXX)
# shellcheck source=server.sh
source bench/server.sh

ensure_jar

now() { date +%s.%N; }

# Starts the jar (arguments: the log file, then extra JVM options) and waits for health;
# sets HEALTHY to the seconds from launch to the first healthy answer.
launch() {
    local logfile=$1; shift
    curl -s -o /dev/null "$BASE/" && die "port $PORT is already in use"
    local t0; t0=$(now)
    # shellcheck disable=SC2086
    env -u MONGODB_URI -u SPRING_MONGODB_URI java ${BENCH_JAVA_OPTS:-} "$@" -jar "$JAR" \
        --server.port="$PORT" --modellibrary.data-dir="$DATA_DIR" --modellibrary.demo-files=false \
        >"$logfile" 2>&1 &
    SERVER_PID=$!
    until curl -sf -o /dev/null "$BASE/actuator/health"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "the server exited"; }
        awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a < 300) }' || die "not healthy after 300 s"
        sleep 0.05
    done
    HEALTHY=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
}

# Stops the server and keeps its data directory.
halt() {
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

started() { grep -o 'Started ModelLibraryApplication in [0-9.]* seconds' "$1" | grep -o '[0-9.]*' | head -n 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

CDS_WRITE=() CDS_READ=()
if [[ "${BENCH_CDS:-0}" == 1 ]]; then
    CDS_WRITE=("-XX:ArchiveClassesAtExit=$OUT/app.jsa")
    CDS_READ=("-XX:SharedArchiveFile=$OUT/app.jsa")
fi

log "first start on a fresh data directory $DATA_DIR (demo catalogue, no demo files)"
launch "$OUT/first.log" "${CDS_WRITE[@]}"; health=$HEALTHY
printf 'first start:  Started in %6s s, healthy after %6s s   (load %s)\n' "$(started "$OUT/first.log")" "$health" "$(load)"
halt

: >"$OUT/started.txt" && : >"$OUT/healthy.txt"
for i in $(seq 1 "$RESTARTS"); do
    sleep 2
    launch "$OUT/restart-$i.log" "${CDS_READ[@]}"; health=$HEALTHY
    s=$(started "$OUT/restart-$i.log")
    printf 'restart %d:    Started in %6s s, healthy after %6s s   (load %s)\n' "$i" "$s" "$health" "$(load)"
    echo "$s" >>"$OUT/started.txt"
    echo "$health" >>"$OUT/healthy.txt"
    halt
done
printf 'median of %d restarts: Started in %s s, healthy after %s s   (load %s)\n' "$RESTARTS" \
    "$(median <"$OUT/started.txt")" "$(median <"$OUT/healthy.txt")" "$(load)"
