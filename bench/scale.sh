#!/usr/bin/env bash
# Scale benchmark (issue 9): through the HTTP API, build a dataset repository of 1,000,000
# files (uploads of 10,000: 90 folders of 10,000 files and one of 100,000) and print upload
# files/s against git add + git commit of the same small files, filesTable p50/p99 at head and
# at an old commit, one-file commit latency as the repository grows, database growth per
# one-file commit, and the time to reclaim a deleted 100,000-file repository with other
# requests' latency meanwhile. Figures, not a pass/fail test.
#
#   bench/scale.sh                                      # the full million (long)
#   FOLDERS=10 BIG=100000 DOOMED=100000 bench/scale.sh  # 200,000 files
#
# The server runs with the grace period at 0 so that the reclaim is measured, not waited for.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-3321}
HEAP=${HEAP:--Xmx2g}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ml-scale.XXXXXX")
SERVER_PID=""

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

JAR=$(ls "$ROOT"/target/model-library-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
    JAR=$(ls "$ROOT"/target/model-library-*.jar | grep -v original | head -1)
fi

java $HEAP -jar "$JAR" --server.port="$PORT" --modellibrary.data-dir="$WORK/data" --modellibrary.demo-data=false \
    --modellibrary.storage.grace=0s --modellibrary.storage.gc-interval=1m \
    --modellibrary.files.max-request-size=2GB >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/server.log" >&2; exit 1; }

HEADERS="$WORK/register.headers"
curl -sS -o /dev/null -D "$HEADERS" -F username=bench -F password=bench-password-1 -F team=benchteam \
    "http://127.0.0.1:$PORT/api/register/submitUserInfo"
TOKEN=$(grep -i '^authorization:' "$HEADERS" | head -1 | cut -d' ' -f2- | tr -d '\r')
[ -n "$TOKEN" ] || { echo "registration gave no token" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MB"}' /proc/meminfo), disk $(df -T "$WORK" | awk 'NR==2 {print $2}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
java "$ROOT/bench/Scale.java" "http://127.0.0.1:$PORT" "$TOKEN" "$WORK/data" "$WORK"
echo "server peak RSS: $(awk '/VmHWM/ {print $2" kB"}' "/proc/$SERVER_PID/status")"
