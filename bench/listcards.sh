#!/usr/bin/env bash
# cardData in the Hub's lists (issue 17): a page of REPOS public models, each with a README.md
# whose front matter is a card, listed by GET /api/models?author=...&limit=REPOS without and
# with cardData=true (what huggingface_hub list_models(cardData=True) sends), RUNS times each,
# alternating, after a warm-up. Prints p50/p99 of each, and the first request with cardData
# after the start and after every README changed (no card cached: each README read once).
# Figures printed, never a pass/fail test.
#   bench/listcards.sh                     # REPOS=100 RUNS=200
set -euo pipefail
cd "$(dirname "$0")/.."
REPOS=${REPOS:-100}; RUNS=${RUNS:-200}; WARMUP=${WARMUP:-20}
PORT=${PORT:-3131}; BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d /tmp/listcards.XXXXXX); DATA_DIR="$OUT/data"
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
source bench/server.sh
trap 'stop_server; rm -rf "$OUT"' EXIT

ensure_jar
start_server --modellibrary.demo-data=false
curl -sf -o /dev/null -F username=cards -F password=cards-password-1 "$BASE/api/register/submitUserInfo" || die "registration failed"
AUTH="Authorization: Bearer $(curl -si -H 'Content-Type: application/json' -d '{"username":"cards","password":"cards-password-1"}' \
      "$BASE/api/login" | sed -n 's/^[Aa]uthorization: *//p' | tr -d '\r')"

# README.md of model $1 at edition $2: a card of a few keys, then a body of about 2 KB
readme() {
    printf -- '---\\nlicense: mit\\nlanguage: [en, fr]\\ntags: [bench, edition-%s]\\npipeline_tag: fill-mask\\nlibrary_name: transformers\\n---\\n# Model %s\\n' "$2" "$1"
    for _ in $(seq 1 40); do printf 'A line of the model card that says what the model is for.\\n'; done
}
write_readmes() {
    for i in $(seq 1 "$REPOS"); do
        curl -sf -o /dev/null -X PUT -H "$AUTH" -H 'Content-Type: application/json' \
            -d "{\"name\":\"cards/m-$i\",\"path\":\"README.md\",\"content\":\"$(readme "$i" "$1")\"}" "$BASE/api/files/text" \
            || die "README of cards/m-$i"
    done
}
log "creating $REPOS models with a card"
for i in $(seq 1 "$REPOS"); do
    curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d "{\"name\":\"cards/m-$i\",\"isPrivate\":false}" "$BASE/api/model" \
        || die "create cards/m-$i"
done
write_readmes 1

PLAIN="$BASE/api/models?author=cards&limit=$REPOS"
CARDS="$PLAIN&cardData=true"
seconds() { curl -sf -o "$OUT/body.json" -w '%{time_total}\n' "$1"; }
cold() {
    local t; t=$(seconds "$CARDS")
    [ "$(grep -o '"cardData":{' "$OUT/body.json" | wc -l)" -eq "$REPOS" ] || die "not every item carries its card"
    grep -q "\"edition-$1\"" "$OUT/body.json" || die "the list does not show the new card"
    awk -v t="$t" -v what="$2" 'BEGIN { printf "first cardData page %s: %.1f ms\n", what, t * 1000 }'
}
log "load before: $(uptime)"
cold 1 "after the start (every README read)"
for _ in $(seq 1 "$WARMUP"); do seconds "$PLAIN" >/dev/null; seconds "$CARDS" >/dev/null; done
: >"$OUT/plain"; : >"$OUT/cards"
for _ in $(seq 1 "$RUNS"); do seconds "$PLAIN" >>"$OUT/plain"; seconds "$CARDS" >>"$OUT/cards"; done
for kind in plain cards; do
    sort -g "$OUT/$kind" | awk -v kind="$kind" -v repos="$REPOS" '{ t[NR] = $1 } END {
        p50 = t[int((NR + 1) * 0.50)]; p99 = t[int(NR * 0.99 + 0.999)]
        printf "%-6s %d pages of %s: p50 %.1f ms, p99 %.1f ms\n", kind, NR, repos, p50 * 1000, p99 * 1000 }'
done
log "changing every README"
write_readmes 2
cold 2 "after every README changed (every README read)"
log "server peak RSS: $(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$SERVER_PID/status"); load after: $(uptime)"
