#!/usr/bin/env bash
# Transfer benchmark (issues 5 and 18): large files in and out of Model Library against nginx
# on the same disk, over loopback with curl. Figures, not a pass/fail test; the ratios last.
#
#   bench/transfer.sh                          # 512 MiB files, 5 alternating runs of each side
#   SIZE_MB=2048 RUNS=7 bench/transfer.sh
#   BENCH_REBUILD=1 bench/transfer.sh          # rebuild the jar first (else target/'s jar is used)
#
# The upload cases run first (RUNS runs), then, once the server is idle, the download cases
# (RUNS runs); each run measures Model Library then nginx (the order flips every run), and the
# medians are printed:
#   upload        one file: the seed's multipart POST /api/files (sha256 + fsync before the
#                 answer) | nginx WebDAV PUT (neither hashes nor syncs)
#   lfs upload    one file: Hugging Face LFS basic PUT to the batch answer's signed URL
#                 (a new object each run: its first bytes carry the run number) | nginx PUT
#   download      GET /api/files/download | nginx GET (sendfile)
#   ranged        the same with Range: bytes=N- (N = a quarter of the file)
#   resolve       GET /{namespace}/{name}/resolve/main/file.bin | nginx GET
#   8 downloads   PARALLEL different files at once (aggregate MB/s over the wall time)
#   8 ranged      PARALLEL ranges of one file at once, each an eighth (as hf_transfer does)
#   8 uploads     PARALLEL different files at once, each to its own repository
# and the median time to the first byte of the single downloads (download, ranged, resolve):
# what a request costs before its bytes flow (issue 18, docs/decisions.md), on the warmed server
# and on the fresh one.
# plus the server's peak RSS (VmHWM) over all of it, the JVM's SHA-256 rate, and the multipart
# parsing alone (bench/MultipartParse.java: transfer.MultipartReader against commons-fileupload2's
# streaming API on the same body). Settings: PORT (3301), NGINX_PORT (3302), SIZE_MB (512),
# RUNS (5), PARALLEL (8), HEAP (-Xmx256m), WARMUP (2000: pairs of small ranged requests that warm
# the server before the runs; the first bytes of a fresh server are printed apart). nginx is installed from Debian's packages when missing (root
# only). Note the machine's load with the figures: the script prints it.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-3301}
NGINX_PORT=${NGINX_PORT:-3302}
SIZE_MB=${SIZE_MB:-512}
RUNS=${RUNS:-5}
PARALLEL=${PARALLEL:-8}
WARMUP=${WARMUP:-2000}
HEAP=${HEAP:--Xmx256m}
BASE="http://127.0.0.1:$PORT"
NGINX="http://127.0.0.1:$NGINX_PORT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ml-transfer.XXXXXX")
OUT=$WORK
DATA_DIR=$WORK/data
BENCH_JAVA_OPTS="$HEAP ${BENCH_EXTRA_OPTS:-}"
NGINX_STARTED=""
# shellcheck source=server.sh
source bench/server.sh
cleanup() {
    stop_server
    [[ -n "$NGINX_STARTED" ]] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# curl -w: "<status> <seconds>"; fails loudly on anything but the expected status.
timed_curl() {
    local expect=$1; shift
    local out
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$@")
    [[ "${out%% *}" == "$expect" ]] || die "unexpected HTTP status: $out ($*)"
    echo "${out#* }"
}

# Runs "$@" (a function name and arguments, with %i for the index) PARALLEL times at once;
# prints the wall time in seconds. Every one must succeed.
parallel_wall() {
    local start pids=() i
    start=$(now)
    for ((i = 0; i < PARALLEL; i++)); do
        "${@//%i/$i}" >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || die "a parallel transfer failed"; done
    elapsed "$start" "$(now)"
}

declare -A FIG
record() { FIG[$1]="${FIG[$1]:-} $2"; }

# ---- files --------------------------------------------------------------------------------
log "generating $((PARALLEL + 1)) files of $SIZE_MB MiB in $WORK"
FILE="$WORK/file.bin"
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$FILE"
for ((i = 0; i < PARALLEL; i++)); do head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$WORK/p$i.bin"; done
cp "$FILE" "$WORK/lfs.bin"
BYTES=$(stat -c %s "$FILE")
EXPECTED_SHA=$(sha256sum "$FILE" | cut -d' ' -f1)
RANGE_FROM=$((BYTES / 4))
CHUNK=$(((BYTES + PARALLEL - 1) / PARALLEL))

# ---- Model Library ------------------------------------------------------------------------
ensure_jar
start_server --modellibrary.demo-data=false --modellibrary.files.max-request-size=64GB \
    --modellibrary.files.max-file-size=64GB
HEADERS="$WORK/register.headers"
curl -sS -o /dev/null -D "$HEADERS" -F username=bench -F password=bench-password-1 -F team=benchteam \
    "$BASE/api/register/submitUserInfo"
TOKEN=$(grep -i '^authorization:' "$HEADERS" | head -1 | cut -d' ' -f2- | tr -d '\r')
[[ -n "$TOKEN" ]] || die "registration gave no token"
AUTH=(-H "Authorization: Bearer $TOKEN")
for repo in transfer $(seq -f 'p%g' 0 $((PARALLEL - 1))); do
    curl -sS -o /dev/null "${AUTH[@]}" -H 'Content-Type: application/json' \
        -d "{\"name\":\"bench/$repo\",\"isPrivate\":false}" "$BASE/api/model"
done

ml_upload() { # file repo
    timed_curl 200 "${AUTH[@]}" -F "name=bench/$2" -F "file=@$1;filename=$(basename "$1")" "$BASE/api/files"
}
# A single download (either side): seconds, as timed_curl; its time to the first byte goes to
# $WORK/first-byte.<port> (the request's own cost before the bytes flow, shown beside the rates).
ml_get() {
    local expect=$1 url=${*: -1} out code first total; shift
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_starttransfer} %{time_total}' "$@")
    read -r code first total <<<"$out"
    [[ "$code" == "$expect" ]] || die "unexpected HTTP status: $out ($*)"
    local port=${url#http://127.0.0.1:}
    echo "$first" >>"$WORK/first-byte.${port%%/*}"
    echo "$total"
}
ml_url() { echo "$BASE/api/files/download?name=bench%2F$1&path=$2"; }

# LFS basic: a new object each run (8 bytes of the run number at the start), batch, then PUT.
ml_lfs_upload() {
    printf '%08d' "$1" | dd of="$WORK/lfs.bin" bs=8 count=1 conv=notrunc status=none
    local oid href
    oid=$(sha256sum "$WORK/lfs.bin" | cut -d' ' -f1)
    href=$(curl -sS "${AUTH[@]}" -H 'Content-Type: application/vnd.git-lfs+json' -H 'Accept: application/vnd.git-lfs+json' \
        -d "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\",\"objects\":[{\"oid\":\"$oid\",\"size\":$BYTES}]}" \
        "$BASE/bench/transfer.git/info/lfs/objects/batch" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"][0]["actions"]["upload"]["href"])') \
        || die "no LFS upload URL from the batch answer"
    timed_curl 200 -T "$WORK/lfs.bin" "$href"
}

# ---- nginx --------------------------------------------------------------------------------
install_nginx() {
    command -v nginx >/dev/null && return 0
    if [[ "$(id -u)" == 0 ]]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >/dev/null
    fi
    command -v nginx >/dev/null
}
install_nginx || die "nginx is not available: no comparison"
mkdir -p "$WORK/www/dav" "$WORK/nginx-tmp" && chmod -R a+rwx "$WORK/www" "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $WORK/nginx-tmp;
    client_max_body_size 0;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location /dav/ { dav_methods PUT; create_full_put_path on; dav_access user:rw all:r; }
    }
}
CONF
nginx -c "$WORK/nginx.conf" && NGINX_STARTED=1 || { cat "$WORK/nginx-error.log" >&2; die "nginx did not start"; }
nginx_put() { timed_curl "$3" -T "$1" "$NGINX/dav/$2"; }

# ---- setup: the files both sides serve ------------------------------------------------------
ml_upload "$FILE" transfer >/dev/null
nginx_put "$FILE" file.bin 201 >/dev/null
for ((i = 0; i < PARALLEL; i++)); do
    ml_upload "$WORK/p$i.bin" "p$i" >/dev/null
    nginx_put "$WORK/p$i.bin" "p$i.bin" 201 >/dev/null
done
ETAG=$(curl -sS -I "$(ml_url transfer file.bin)" | grep -i '^etag:' | tr -d '"\r' | cut -d' ' -f2)
RESOLVE_OK=$(cmp -s <(curl -sS "$BASE/bench/transfer/resolve/main/file.bin" 2>/dev/null | head -c 1048576) <(head -c 1048576 "$FILE") && echo yes || echo NO)
RANGE_OK=$(cmp -s <(curl -sS -H "Range: bytes=$RANGE_FROM-" "$(ml_url transfer file.bin)" 2>/dev/null | head -c 1048576) \
    <(tail -c +$((RANGE_FROM + 1)) "$FILE" | head -c 1048576) && echo yes || echo NO)

# ---- the runs -----------------------------------------------------------------------------
one_case() { # name bytes ml-command... -- nginx-command...
    local name=$1 bytes=$2; shift 2
    local ml=() ng=()
    while [[ $1 != -- ]]; do ml+=("$1"); shift; done
    shift
    ng=("$@")
    local s
    if (( RUN % 2 )); then
        s=$("${ml[@]}"); record "ml:$name" "$(mbps "$bytes" "$s")"
        s=$("${ng[@]}"); record "ng:$name" "$(mbps "$bytes" "$s")"
    else
        s=$("${ng[@]}"); record "ng:$name" "$(mbps "$bytes" "$s")"
        s=$("${ml[@]}"); record "ml:$name" "$(mbps "$bytes" "$s")"
    fi
}
ml_lfs_run() { ml_lfs_upload "$RUN"; }
par_ml_down() { parallel_wall timed_curl 200 "$BASE/api/files/download?name=bench%2Fp%i&path=p%i.bin"; }
par_ng_down() { parallel_wall timed_curl 200 "$NGINX/dav/p%i.bin"; }
range_of() { echo "bytes=$(($1 * CHUNK))-$(( ($1 + 1) * CHUNK - 1 < BYTES - 1 ? ($1 + 1) * CHUNK - 1 : BYTES - 1 ))"; }
par_range() { # url
    local start pids=() i
    start=$(now)
    for ((i = 0; i < PARALLEL; i++)); do
        timed_curl 206 -H "Range: $(range_of "$i")" "$1" >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || die "a parallel ranged download failed"; done
    elapsed "$start" "$(now)"
}
par_ml_up() { parallel_wall ml_upload "$WORK/p%i.bin" "p%i"; }
par_ng_up() { parallel_wall nginx_put "$WORK/p%i.bin" "p%i.bin" 204; }

# ---- the cold first byte, then a warm server ----------------------------------------------
# A server in use has run its download paths many times, and the JVM compiles what runs often;
# the first requests of a fresh JVM are interpreted (docs/decisions.md, "Downloads against
# nginx"). So the first bytes of three single downloads on the fresh server (download, ranged,
# resolve | nginx the same) are timed first and printed as the cold figure, then WARMUP
# requests (100 KB ranges on the sendfile path, download and resolve in turn, on one kept-alive
# connection) and one round of every case warm the server, and only then are the runs timed.
# nginx, native code, needs no warm-up.
ML_URL=$(ml_url transfer file.bin)
for url in "$ML_URL" "$BASE/bench/transfer/resolve/main/file.bin" "$NGINX/dav/file.bin"; do
    port=${url#http://127.0.0.1:}
    curl -sS -o /dev/null -w '%{time_starttransfer}\n' "$url" >>"$WORK/first-byte-cold.${port%%/*}"
    curl -sS -o /dev/null -w '%{time_starttransfer}\n' -H "Range: bytes=$RANGE_FROM-" "$url" >>"$WORK/first-byte-cold.${port%%/*}"
done
for ((i = 0; i < WARMUP; i++)); do
    printf 'url = "%s"\noutput = /dev/null\nurl = "%s"\noutput = /dev/null\n' "$ML_URL" "$BASE/bench/transfer/resolve/main/file.bin"
done >"$WORK/warm.curl"
log "warming the server: $((2 * WARMUP)) ranged requests and one round of every case"
curl -sS -r 0-102399 -K "$WORK/warm.curl" || die "the warm-up requests failed"
par_range "$ML_URL" >/dev/null
par_ml_down >/dev/null
ml_get 200 "$(ml_url transfer file.bin)" >/dev/null
ml_get 206 -H "Range: bytes=$RANGE_FROM-" "$(ml_url transfer file.bin)" >/dev/null
ml_get 200 "$BASE/bench/transfer/resolve/main/file.bin" >/dev/null
rm -f "$WORK/first-byte.$PORT"

# Uploads first, all runs, then downloads, all runs: what an upload leaves the server to do
# afterwards (the collector recording the new blob's references, the embedded database's
# housekeeping) and the page cache's write-back of nginx's unsynced PUTs would otherwise run
# during whichever download came next; before the downloads the script waits (up to a minute)
# until the server has used under 5 % of a core for a second.
settle() {
    local t0 t1
    for _ in $(seq 60); do
        t0=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
        sleep 1
        t1=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
        (( t1 - t0 <= 5 )) && return 0
    done
}
LOADS=""
for ((RUN = 1; RUN <= RUNS; RUN++)); do
    log "uploads, run $RUN of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
    LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
    one_case upload "$BYTES" ml_upload "$FILE" transfer -- nginx_put "$FILE" file.bin 204
    one_case lfs "$BYTES" ml_lfs_run -- nginx_put "$FILE" file.bin 204
    one_case par-up $((BYTES * PARALLEL)) par_ml_up -- par_ng_up
done
sync
settle
for ((RUN = 1; RUN <= RUNS; RUN++)); do
    log "downloads, run $RUN of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
    LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
    one_case download "$BYTES" ml_get 200 "$(ml_url transfer file.bin)" -- ml_get 200 "$NGINX/dav/file.bin"
    one_case ranged $((BYTES - RANGE_FROM)) ml_get 206 -H "Range: bytes=$RANGE_FROM-" "$(ml_url transfer file.bin)" \
        -- ml_get 206 -H "Range: bytes=$RANGE_FROM-" "$NGINX/dav/file.bin"
    one_case resolve "$BYTES" ml_get 200 "$BASE/bench/transfer/resolve/main/file.bin" -- ml_get 200 "$NGINX/dav/file.bin"
    one_case par-down $((BYTES * PARALLEL)) par_ml_down -- par_ng_down
    one_case par-range "$BYTES" par_range "$(ml_url transfer file.bin)" -- par_range "$NGINX/dav/file.bin"
done
RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")

# ---- CPU-only figures ---------------------------------------------------------------------
read -r SHA_MBPS SHA_HEX < <(java "$ROOT/bench/Sha256Rate.java" "$FILE")
PARSE=""
fileupload_jars() {
    find ~/.m2/repository/org/apache/commons/commons-fileupload2-core ~/.m2/repository/org/apache/commons/commons-fileupload2-jakarta-servlet6 \
        ~/.m2/repository/commons-io/commons-io ~/.m2/repository/org/apache/tomcat/embed/tomcat-embed-core \
        ~/.m2/repository/org/springframework/spring-web ~/.m2/repository/org/springframework/spring-core \
        -name '*.jar' 2>/dev/null | sort -V | awk -F/ '{ k = $(NF-2) } { last[k] = $0 } END { for (k in last) print last[k] }' | paste -sd:
}
if [[ -z "$(find ~/.m2/repository/org/apache/commons/commons-fileupload2-jakarta-servlet6 -name '*.jar' 2>/dev/null)" ]]; then
    ./mvnw -B -q dependency:get -Dartifact=org.apache.commons:commons-fileupload2-jakarta-servlet6:2.0.0-M4 >/dev/null 2>&1 || true
fi
[[ -d target/classes/io ]] || ./mvnw -B -q -o compile
if PARSE=$(java -cp "target/classes:$(fileupload_jars)" bench/MultipartParse.java "$FILE" "$RUNS" 2>"$WORK/parse.err"); then
    read -r PARSE_OURS PARSE_FU _ <<<"$PARSE"
else
    log "multipart parse comparison failed: $(tail -3 "$WORK/parse.err")"
fi

# ---- report -------------------------------------------------------------------------------
med() { echo "${FIG[$1]:-}" | median; }
echo
echo "file: $BYTES bytes x $((PARALLEL + 1)) (+ one LFS object a run), sha256 $EXPECTED_SHA; $RUNS alternating runs, medians"
echo "load average (1 min) at each run (uploads, then downloads):$LOADS; now $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "integrity: download ETag $([[ "$ETAG" == "$EXPECTED_SHA" ]] && echo matches || echo "DIFFERS ($ETAG)")," \
     "resolve bytes $RESOLVE_OK, ranged bytes $RANGE_OK, JVM sha256 $([[ "$SHA_HEX" == "$EXPECTED_SHA" ]] && echo matches || echo DIFFERS)"
printf '%-44s %10s %10s   %s\n' "MB/s (median)" "Model Lib" "nginx" "all runs: Model Library | nginx"
for c in upload lfs download ranged resolve par-down par-range par-up; do
    case $c in
        upload) label="upload (multipart, sha256+fsync | PUT)" ;;
        lfs) label="LFS basic upload (sha256+fsync | PUT)" ;;
        download) label="download (sendfile)" ;;
        ranged) label="ranged download bytes=$RANGE_FROM-" ;;
        resolve) label="download via resolve | GET" ;;
        par-down) label="$PARALLEL parallel downloads, different files" ;;
        par-range) label="$PARALLEL parallel ranges of one file" ;;
        par-up) label="$PARALLEL parallel uploads (aggregate)" ;;
    esac
    printf '%-44s %10s %10s  %s |%s\n' "$label" "$(med "ml:$c")" "$(med "ng:$c")" "${FIG[ml:$c]}" "${FIG[ng:$c]}"
done
first_byte() { awk '{ print $1 * 1000 }' "$WORK/first-byte${2:+-$2}.$1" | median | awk '{ printf "%.1f", $1 }'; }
printf '%-44s %10s %10s\n' "first byte of a single download (ms, median)" "$(first_byte "$PORT")" "$(first_byte "$NGINX_PORT")"
printf '%-44s %10s %10s\n' "the same on the fresh server (cold)" "$(first_byte "$PORT" cold)" "$(first_byte "$NGINX_PORT" cold)"
printf '%-44s %10s\n' "JVM SHA-256 (one core)" "$SHA_MBPS"
if [[ -n "$PARSE" ]]; then
    printf '%-44s %10s\n' "multipart parse: transfer.MultipartReader" "$PARSE_OURS" "multipart parse: commons-fileupload2 stream" "$PARSE_FU"
fi
echo "server peak RSS (VmHWM): $((RSS_KB / 1024)) MB at $HEAP  (target < 600 MB)"
echo
r() { ratio "$(med "ml:$1")" "$(med "ng:$1")"; }
echo "upload            = $(r upload) x nginx  (target >= 0.9)"
echo "LFS basic upload  = $(r lfs) x nginx  (target >= 0.9)"
echo "download          = $(r download) x nginx  (target >= 1.0)"
echo "ranged download   = $(r ranged) x nginx  (target >= 1.0)"
echo "resolve download  = $(r resolve) x nginx  (target >= 1.0)"
echo "$PARALLEL downloads       = $(r par-down) x nginx  (target >= 1.0)"
echo "$PARALLEL ranged          = $(r par-range) x nginx  (target >= 1.0)"
echo "$PARALLEL uploads         = $(r par-up) x nginx  (target >= 0.8)"
[[ -n "$PARSE" ]] && echo "multipart parse   = $(ratio "$PARSE_OURS" "$PARSE_FU") x commons-fileupload2"
echo "peak RSS          = $((RSS_KB / 1024)) MB  (target < 600)"
