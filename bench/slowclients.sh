#!/usr/bin/env bash
# Slow clients and a login flood (hardening issue, items 2 and 3): health and the catalogue
# sampled every 100 ms, quiet and then under attack; the ratio of their p99s is printed last.
#   bench/slowclients.sh [SLOW=200] [LOGINS=200] [SECONDS=60]
# Starts its own server (bench/server.sh) on the embedded store, demo catalogue on, demo files off.
set -euo pipefail
cd "$(dirname "$0")/.."
SLOW=${1:-200}; LOGINS=${2:-200}; DURATION=${3:-60}
PORT=${PORT:-3117}; BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d); DATA_DIR="$OUT/data"
source bench/server.sh
log "output in $OUT"
ensure_jar
start_server --modellibrary.demo-files=false
curl -sf -o /dev/null -F username=flood -F password=correct-horse-battery "$BASE/api/register/submitUserInfo" \
    || die "could not register the login user"
log "attack: $SLOW slow clients, $LOGINS parallel logins, $DURATION s"
python3 bench/SlowClients.py "$BASE" "$SLOW" "$LOGINS" "$DURATION" flood correct-horse-battery
log "threads at the end: $(grep -c 'http-nio' <(jcmd "$SERVER_PID" Thread.print 2>/dev/null) || true)"
