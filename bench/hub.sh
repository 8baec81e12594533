#!/usr/bin/env bash
# The Hugging Face Hub API's transfers and listings against the seed API and nginx:
# a SIZE_MB file up through the LFS batch (basic) and the seed upload, down through
# resolve, the seed download and nginx sendfile; a recursive tree of TREE_FILES files
# page by page; 2,000 small files listed and downloaded by @huggingface/hub and through
# the seed API. Medians of RUNS alternating runs; ratios last.
#   bench/hub.sh                       # SIZE_MB=1024 RUNS=5 TREE_FILES=100000
# Needs node (the interop/ client; npm ci runs when missing) and nginx (installed from
# Debian's packages when missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}; RUNS=${RUNS:-5}
PORT=${PORT:-3121}; BASE="http://127.0.0.1:$PORT"; NGINX_PORT=${NGINX_PORT:-3122}
OUT=$(mktemp -d /tmp/hubbench.XXXXXX); DATA_DIR="$OUT/data"
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
source bench/server.sh
stop_all() { nginx -c "$OUT/nginx.conf" -s stop 2>/dev/null || true; stop_server; rm -rf "$OUT"; }
trap stop_all EXIT

command -v node >/dev/null || die "node is needed (the @huggingface/hub client)"
[ -d interop/node_modules ] || (cd interop && npm ci --no-audit --no-fund >/dev/null)
if ! command -v nginx >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >/dev/null
fi
command -v nginx >/dev/null || die "nginx is needed for the comparison"
mkdir -p "$OUT/www"
cat >"$OUT/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 64; }
http { access_log off; sendfile on; tcp_nopush on;
       server { listen 127.0.0.1:$NGINX_PORT; root $OUT/www; } }
CONF
nginx -c "$OUT/nginx.conf"

ensure_jar
start_server --modellibrary.demo-data=false
curl -sf -o /dev/null -F username=bench -F password=bench-password-1 "$BASE/api/register/submitUserInfo" || die "registration failed"
JWT=$(curl -si -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' "$BASE/api/login" \
      | sed -n 's/^[Aa]uthorization: *//p' | tr -d '\r')
TOKEN=$(curl -sf -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -d '{"name":"bench","role":"write"}' \
      "$BASE/api/tokens" | sed -n 's/.*"token":"\(hf_[^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "no access token"
log "generating a ${SIZE_MB} MiB file"
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$OUT/big.bin"
log "load before: $(uptime)"
NGINX_ROOT="$OUT/www" node bench/HubBench.mjs "$BASE" "$TOKEN" "$JWT" "http://127.0.0.1:$NGINX_PORT" "$OUT/big.bin" "$RUNS"
log "server peak RSS: $(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$SERVER_PID/status"); load after: $(uptime)"
