#!/usr/bin/env bash
# Scale benchmark (issue 9): through the HTTP API, build a dataset repository of 1,000,000
# files (uploads of 10,000: 90 folders of 10,000 files and one of 100,000) and print upload
# files/s against git add + git commit of the same small files, filesTable p50/p99 at head and
# at an old commit, one-file commit latency as the repository grows, database growth per
# one-file commit (document bytes, from dbStats), and the time to reclaim a deleted
# 100,000-file repository with other requests' latency meanwhile. Figures, not a pass/fail test.
#
#   bench/scale.sh                                      # the full million (about 30 min)
#   FOLDERS=10 BIG=100000 DOOMED=100000 bench/scale.sh  # 200,000 files
#
# The server runs with the grace period at 0 so that the reclaim is measured, not waited for.
# The client (bench/Scale.java, run from source) reads the database's figures through the
# MongoDB driver taken from the built jar. Settings (environment): BENCH_PORT (3321),
# BENCH_JAVA_OPTS (-Xmx2g), and the sizes Scale.java documents.
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-3321}
BASE="http://127.0.0.1:$PORT"
OUT="bench/out/scale-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA_DIR=$(mktemp -d -t modellibrary-bench.XXXXXX)
WORK=$(mktemp -d -t modellibrary-scale.XXXXXX)
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx2g}
# shellcheck source=server.sh
source bench/server.sh
trap 'stop_server; rm -rf "$WORK"' EXIT

command -v git >/dev/null || die "git is needed"
ensure_jar
JAR_PATH="$PWD/$JAR"
(cd "$WORK" && jar tf "$JAR_PATH" | grep -E '^BOOT-INF/lib/(mongodb-driver-(core|sync)|bson|jnr-[a-z0-9-]+|jffi|asm(-[a-z]+)?)-[0-9].*\.jar$' | xargs jar xf "$JAR_PATH")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server --modellibrary.demo-data=false --modellibrary.storage.grace=0s --modellibrary.storage.gc-interval=1m \
    --modellibrary.files.max-request-size=2GB
# The embedded database listens on a Unix socket only (its path percent-encoded in the URI).
SOCKET=$(grep -o 'Unix socket [^ ]*' "$OUT/server.log" | head -1 | awk '{print $3}')
[[ -n "$SOCKET" ]] || die "no embedded database socket in $OUT/server.log"
MONGO=${SOCKET//\//%2F}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)" MB"}' /proc/meminfo), disk $(df -T "$WORK" | awk 'NR==2 {print $2}'), load before $LOAD_BEFORE"
curl -sS -o /dev/null -D "$WORK/register.headers" -F username=bench -F password=bench-password-1 -F team=benchteam \
    "$BASE/api/register/submitUserInfo"
TOKEN=$(grep -i '^authorization:' "$WORK/register.headers" | head -1 | cut -d' ' -f2- | tr -d '\r')
[[ -n "$TOKEN" ]] || die "registration gave no token"
# the driver logs through java.util.logging when SLF4J is absent: an empty configuration keeps it quiet
: > "$WORK/logging.properties"
java -Djava.util.logging.config.file="$WORK/logging.properties" -cp "$WORK/BOOT-INF/lib/*" bench/Scale.java "$BASE" "$TOKEN" "$DATA_DIR" "$WORK" "mongodb://$MONGO/modellibrary"
echo "server peak RSS: $(awk '/VmHWM/ {print $2" kB"}' "/proc/$SERVER_PID/status"); load after $(cut -d' ' -f1-3 /proc/loadavg); server log: $OUT/server.log"
