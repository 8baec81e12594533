#!/usr/bin/env bash
# migrate-blobs benchmark: copies a disk store of many small blobs into S3Proxy (filesystem
# backend, started here from the jar in ~/.m2) and prints the command's own summary, its wall
# and CPU time, blobs a second and MB a second. Figures, not a pass/fail test.
#
#   bench/migrate.sh                          # 1,269 blobs of 1-370 KB (about 235 MB, as the probe of session 16)
#   BLOBS=300 bench/migrate.sh                # a quick look
#   BENCH_JAR=/path/to/other.jar bench/migrate.sh   # another build (before/after)
#   MIGRATE_ARGS="--modellibrary.migrate-blobs-threads=1" bench/migrate.sh   # extra settings for the command
#
# Settings: BLOBS (1269), MAX_KB (370: sizes uniform over 1..MAX_KB KB), S3_PORT (3344), RUNS (1:
# each run a fresh data directory and bucket), HEAP (-Xmx256m), KEEP_LOG (a path: the command's
# output of run N is kept as PATH.N, each line stamped). The same blobs (seeded) every run.
set -euo pipefail

cd "$(dirname "$0")/.."
BLOBS=${BLOBS:-1269}
MAX_KB=${MAX_KB:-370}
S3_PORT=${S3_PORT:-3344}
RUNS=${RUNS:-1}
HEAP=${HEAP:--Xmx256m}
S3="http://127.0.0.1:$S3_PORT"
WORK="${TMPDIR:-/tmp}/mlmig-$$-$RANDOM"
mkdir -m700 "$WORK"
OUT=$WORK DATA_DIR=$WORK/data PORT=0 BASE=$S3
# shellcheck source=server.sh
source bench/server.sh
S3PROXY_PID=""
cleanup() {
    [[ -n "$S3PROXY_PID" ]] && kill "$S3PROXY_PID" 2>/dev/null && wait "$S3PROXY_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -n "${BENCH_JAR:-}" ]]; then JAR=$BENCH_JAR; else ensure_jar; fi
start_s3proxy "$WORK" "$S3" local-identity local-credential

cpu_s() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

for run in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/data" && mkdir -m700 -p "$WORK/data/blobs"
    BUCKET="migrate$run"
    mkdir -p "$WORK/s3/$BUCKET"
    python3 - "$WORK/data/blobs" "$BLOBS" "$MAX_KB" <<'PY'
import hashlib, os, random, sys
root, count, max_kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(17)
total = 0
for i in range(count):
    data = rng.randbytes(rng.randint(1, max_kb) * 1024 - rng.randint(0, 1023))
    sha = hashlib.sha256(data).hexdigest()
    os.makedirs(os.path.join(root, sha[:2]), exist_ok=True)
    with open(os.path.join(root, sha[:2], sha), "wb") as f:
        f.write(data)
    total += len(data)
print(f"[bench] {count} blobs, {total} bytes on disk", file=sys.stderr)
PY
    log "run $run: migrate-blobs with $JAR into $S3/$BUCKET (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    proxy_cpu_before=$(cpu_s "$S3PROXY_PID")
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    env -u MONGODB_URI -u SPRING_MONGODB_URI /usr/bin/time -f "%U %S" -o "$WORK/time" java $HEAP -jar "$JAR" migrate-blobs \
        --modellibrary.data-dir="$WORK/data" --modellibrary.blobs.s3.bucket="$BUCKET" --modellibrary.blobs.s3.endpoint="$S3" \
        --modellibrary.blobs.s3.path-style=true --modellibrary.blobs.s3.access-key=local-identity \
        --modellibrary.blobs.s3.secret-key=local-credential ${MIGRATE_ARGS:-} 2>&1 \
        | while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done >"$WORK/migrate.log"
    [[ ${PIPESTATUS[0]} == 0 ]] || { tail -n 30 "$WORK/migrate.log" >&2; die "migrate-blobs failed"; }
    end=$(date +%s.%N)
    [[ -z "${KEEP_LOG:-}" ]] || cp "$WORK/migrate.log" "$KEEP_LOG.$run"
    grep 'migrate-blobs:' "$WORK/migrate.log" | grep -v 'blobs done' | sed 's/^.*migrate-blobs:/migrate-blobs:/' >&2
    # the copy itself: from the command's first line to its summary (each line stamped as it came)
    first=$(grep -m1 'migrate-blobs: [0-9]* blobs on disk to' "$WORK/migrate.log" | cut -d' ' -f1)
    last=$(grep -m1 'migrate-blobs: [0-9]* blobs on disk:' "$WORK/migrate.log" | cut -d' ' -f1)
    bytes=$(grep -o 'copied ([0-9]* bytes)' "$WORK/migrate.log" | grep -o '[0-9]*' | head -1)
    read -r user sys <"$WORK/time"
    printf 'run %s: command %.1f s wall, %.1f s CPU; S3Proxy %.1f s CPU\n' "$run" "$(echo "$end - $start" | bc)" \
        "$(echo "$user + $sys" | bc)" "$(echo "$(cpu_s "$S3PROXY_PID") - $proxy_cpu_before" | bc)"
    if [[ -n "$first" && -n "$last" ]]; then
        copy=$(echo "$last - $first" | bc)
        awk -v n="$BLOBS" -v b="$bytes" -v s="$copy" 'BEGIN { printf "  copy %.1f s: %.1f blobs/s, %.1f MB/s\n", s, n / s, b / 1e6 / s }'
    else
        echo "  (the log has no timestamps to time the copy by)"
    fi
done
