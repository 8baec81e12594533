#!/usr/bin/env bash
# Transfer benchmark (issue 5): upload and download one large file through Model Library,
# and the same file through nginx on the same disk, over loopback with curl. Prints MB/s,
# the server's peak RSS and the JVM's SHA-256 rate; figures, not a pass/fail test.
#
#   bench/transfer.sh                 # 2 GiB file, server on port 3301, nginx on 3302
#   SIZE_MB=512 PORT=3311 bench/transfer.sh
#
# Needs the accounts feature (POST /api/register/submitUserInfo) and repository creation
# (POST /api/model); nginx is installed from Debian's packages when missing (root only).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-3301}
NGINX_PORT=${NGINX_PORT:-3302}
SIZE_MB=${SIZE_MB:-2048}
HEAP=${HEAP:--Xmx256m}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ml-bench.XXXXXX")
FILE="$WORK/file.bin"
SERVER_PID=""
NGINX_STARTED=""

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$NGINX_STARTED" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# curl -w: "<status> <seconds>"; fails loudly on anything but the expected status.
timed_curl() {
    local expect=$1; shift
    local out
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$@")
    [ "${out%% *}" = "$expect" ] || { echo "unexpected HTTP status: $out ($*)" >&2; exit 1; }
    echo "${out#* }"
}

build_jar() {
    JAR=$(ls "$ROOT"/target/model-library-*.jar 2>/dev/null | grep -v original | head -1 || true)
    if [ -z "$JAR" ]; then
        (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
        JAR=$(ls "$ROOT"/target/model-library-*.jar | grep -v original | head -1)
    fi
}

start_server() {
    java $HEAP -jar "$JAR" --server.port="$PORT" --modellibrary.data-dir="$WORK/data" \
        --modellibrary.demo-data=false >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "the server did not start; see its log:" >&2; tail -50 "$WORK/server.log" >&2; exit 1
}

sign_up_and_create_repo() {
    local headers="$WORK/register.headers"
    curl -sS -o /dev/null -D "$headers" -F username=bench -F password=bench-password-1 -F team=benchteam \
        "http://127.0.0.1:$PORT/api/register/submitUserInfo"
    TOKEN=$(grep -i '^authorization:' "$headers" | head -1 | cut -d' ' -f2- | tr -d '\r')
    if [ -z "$TOKEN" ]; then
        echo "registration gave no token: this branch lacks the accounts feature (run after merging it)" >&2; exit 1
    fi
    curl -sS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d '{"name":"bench/transfer","isPrivate":false}' "http://127.0.0.1:$PORT/api/model"
}

bench_model_library() {
    UP_S=$(timed_curl 200 -H "Authorization: Bearer $TOKEN" -F name=bench/transfer -F "file=@$FILE;filename=file.bin" \
        "http://127.0.0.1:$PORT/api/files")
    DOWN_URL="http://127.0.0.1:$PORT/api/files/download?name=bench%2Ftransfer&path=file.bin"
    DOWN_S=$(timed_curl 200 "$DOWN_URL")
    ETAG=$(curl -sS -I "$DOWN_URL" | grep -i '^etag:' | tr -d '"\r' | cut -d' ' -f2)
    RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
}

install_nginx() {
    command -v nginx >/dev/null && return 0
    if [ "$(id -u)" = 0 ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >/dev/null
    fi
    command -v nginx >/dev/null
}

bench_nginx() {
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
    nginx -c "$WORK/nginx.conf" && NGINX_STARTED=1 || { cat "$WORK/nginx-error.log" >&2; return 1; }
    NGINX_UP_S=$(timed_curl 201 -T "$FILE" "http://127.0.0.1:$NGINX_PORT/dav/file.bin") \
        || { tail -5 "$WORK/nginx-error.log" >&2; exit 1; }
    NGINX_DOWN_S=$(timed_curl 200 "http://127.0.0.1:$NGINX_PORT/dav/file.bin")
}

echo "Generating a ${SIZE_MB} MiB file in $WORK ..."
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$FILE"
BYTES=$(stat -c %s "$FILE")
EXPECTED_SHA=$(sha256sum "$FILE" | cut -d' ' -f1)

build_jar
start_server
sign_up_and_create_repo
bench_model_library
read -r SHA_MBPS SHA_HEX < <(java "$ROOT/bench/Sha256Rate.java" "$FILE")
if install_nginx; then bench_nginx; else echo "nginx is not available: no comparison" >&2; fi

UP=$(mbps "$BYTES" "$UP_S"); DOWN=$(mbps "$BYTES" "$DOWN_S")
echo
echo "file: $BYTES bytes, sha256 $EXPECTED_SHA"
echo "integrity: download ETag $([ "$ETAG" = "$EXPECTED_SHA" ] && echo matches || echo "DIFFERS ($ETAG)")," \
     "JVM sha256 $([ "$SHA_HEX" = "$EXPECTED_SHA" ] && echo matches || echo DIFFERS)"
printf '%-34s %10s MB/s\n' "Model Library upload (hash+fsync)" "$UP" "Model Library download" "$DOWN" "JVM SHA-256" "$SHA_MBPS"
if [ -n "${NGINX_UP_S:-}" ]; then
    NUP=$(mbps "$BYTES" "$NGINX_UP_S"); NDOWN=$(mbps "$BYTES" "$NGINX_DOWN_S")
    printf '%-34s %10s MB/s\n' "nginx WebDAV PUT" "$NUP" "nginx download (sendfile)" "$NDOWN"
    echo "upload   = $(ratio "$UP" "$NUP") x nginx  (target >= 0.5)"
    echo "download = $(ratio "$DOWN" "$NDOWN") x nginx  (target >= 0.9)"
fi
echo "server peak RSS (VmHWM): $((RSS_KB / 1024)) MB at $HEAP  (target < 600 MB)"
