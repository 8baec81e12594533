#!/usr/bin/env bash
# Start-up benchmark: figures printed, never a pass/fail test.
#
# Starts the built jar once on a fresh embedded store with the demo catalogue (without the
# demo files, whose background commits would be measured too) and stops it, then restarts
# it BENCH_RESTARTS times on that data directory. For each restart it prints Spring Boot's
# "Started ModelLibraryApplication in X seconds" figure, the wall time from launching java
# to the first healthy /actuator/health, the CPU time the JVM used until then, and the
# machine's load (the machine is shared);
# then the medians. Server logs go to bench/out/ (git-ignored).
#
#   bench/startup.sh                      # builds target/*.jar first if it is missing
#   BENCH_REBUILD=1 bench/startup.sh      # rebuild the jar anyway
#   BENCH_CDS=0 bench/startup.sh          # without class-data sharing
#
# Class-data sharing (CDS), on by default (BENCH_CDS=0: the plain `java -jar` of the jar):
# the jar is extracted (java -Djarmode=tools -jar app.jar extract), since the JVM archives
# only classes its own class loaders read and not those inside a Spring Boot jar; the first
# start writes the archive of every class it loaded (-XX:ArchiveClassesAtExit, Java 17 has
# no -XX:+AutoCreateSharedArchive) and the restarts map it (-XX:SharedArchiveFile). The same
# three steps serve any deployment; see the README, "Faster restarts".
#
# On Java 24 or later (BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java) the same two steps
# write and map an ahead-of-time cache instead (-XX:AOTCacheOutput, then -XX:AOTCache; JEP 483
# and 514): the classes loaded and linked, and on Java 25 the first start's method profiles.
#
# Settings (environment): BENCH_PORT (3601), BENCH_RESTARTS (5), BENCH_CDS (1),
# BENCH_JAVA (java: the JVM that runs the server), BENCH_JAVA_OPTS (none, passed to every start).
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
# sets HEALTHY to the seconds from launch to the first healthy answer and CPU to the CPU
# seconds the JVM used until then (all its threads; steadier than wall time on a busy machine).
launch() {
    local logfile=$1; shift
    curl -s -o /dev/null "$BASE/" && die "port $PORT is already in use"
    local t0; t0=$(now)
    # shellcheck disable=SC2086
    env -u MONGODB_URI -u SPRING_MONGODB_URI "$JAVA" ${BENCH_JAVA_OPTS:-} "$@" -jar "$RUN_JAR" \
        --server.port="$PORT" --modellibrary.data-dir="$DATA_DIR" --modellibrary.demo-files=false \
        >"$logfile" 2>&1 &
    SERVER_PID=$!
    until curl -sf -o /dev/null "$BASE/actuator/health"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "the server exited"; }
        awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a < 300) }' || die "not healthy after 300 s"
        sleep 0.05
    done
    HEALTHY=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
    CPU=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat")
}

# Stops the server and keeps its data directory.
halt() {
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done # an archive takes a while
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

started() { grep -o 'Started ModelLibraryApplication in [0-9.]* seconds' "$1" | grep -o '[0-9.]*' | head -n 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

JAVA=${BENCH_JAVA:-java}
# The JVM's feature release: "17.0.15" -> 17, "25.0.3" -> 25 (java.version, printed by -XshowSettings).
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/^ *java.specification.version =/ { print $2 }')
log "server JVM: $JAVA (Java $JAVA_FEATURE)"
RUN_JAR=$JAR CDS_WRITE=() CDS_READ=()
if [[ "${BENCH_CDS:-1}" == 1 ]]; then
    log "extracting $JAR to $OUT/app for class-data sharing"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
    RUN_JAR="$OUT/app/$(basename "$JAR")"
    if (( JAVA_FEATURE >= 24 )); then
        CDS_WRITE=("-XX:AOTCacheOutput=$OUT/app.jsa")
        CDS_READ=("-XX:AOTCache=$OUT/app.jsa")
    else
        CDS_WRITE=("-XX:ArchiveClassesAtExit=$OUT/app.jsa")
        CDS_READ=("-XX:SharedArchiveFile=$OUT/app.jsa")
    fi
fi

log "first start on a fresh data directory $DATA_DIR (demo catalogue, no demo files)"
launch "$OUT/first.log" "${CDS_WRITE[@]}"; health=$HEALTHY
printf 'first start:  Started in %6s s, healthy after %6s s, cpu %5s s   (load %s)\n' "$(started "$OUT/first.log")" "$health" "$CPU" "$(load)"
halt
if [[ "${BENCH_CDS:-1}" == 1 ]]; then
    [[ -s "$OUT/app.jsa" ]] || die "no class-data archive written (see $OUT/first.log)"
    log "class-data archive (${CDS_READ[0]%%=*}): $(du -h "$OUT/app.jsa" | cut -f1)"
fi

: >"$OUT/started.txt" && : >"$OUT/healthy.txt" && : >"$OUT/cpu.txt"
for i in $(seq 1 "$RESTARTS"); do
    sleep 2
    launch "$OUT/restart-$i.log" "${CDS_READ[@]}"; health=$HEALTHY
    s=$(started "$OUT/restart-$i.log")
    printf 'restart %d:    Started in %6s s, healthy after %6s s, cpu %5s s   (load %s)\n' "$i" "$s" "$health" "$CPU" "$(load)"
    echo "$s" >>"$OUT/started.txt"
    echo "$health" >>"$OUT/healthy.txt"
    echo "$CPU" >>"$OUT/cpu.txt"
    halt
done
printf 'median of %d restarts: Started in %s s, healthy after %s s, cpu %s s   (load %s)\n' "$RESTARTS" \
    "$(median <"$OUT/started.txt")" "$(median <"$OUT/healthy.txt")" "$(median <"$OUT/cpu.txt")" "$(load)"
