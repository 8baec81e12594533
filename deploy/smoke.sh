#!/usr/bin/env bash
# Smoke test of two Model Library nodes behind a load balancer (docker-compose.yml, profile
# "scale"; CI's scale job). Through the load balancer: sign up, create a private model, upload
# a file. Then each node directly: the same file, byte for byte, with the same session token
# (one JWT_SECRET, one database, one bucket). Then the operator's side: metrics on each node's
# management port, and none through the load balancer.
#
#   LB=http://localhost:8080 NODE1=http://127.0.0.1:3001 NODE2=http://127.0.0.1:3002 \
#   MGMT1=http://127.0.0.1:9091 MGMT2=http://127.0.0.1:9092 deploy/smoke.sh
#
# Against one server (all variables naming it) it checks the same on one node. Prints
# "N passed, 0 failed" and exits 0, or stops at the first failure with exit 1.
set -euo pipefail

LB=${LB:-http://localhost:8080}
NODE1=${NODE1:-http://127.0.0.1:3001}
NODE2=${NODE2:-http://127.0.0.1:3002}
MGMT1=${MGMT1:-http://127.0.0.1:9091}
MGMT2=${MGMT2:-http://127.0.0.1:9092}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0

fail() { echo "FAIL: $*" >&2; echo "$passed passed, 1 failed"; exit 1; }
ok() { passed=$((passed + 1)); echo "ok $passed - $*"; }

# The load balancer answers once both nodes do (compose starts it after their health checks).
for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$LB/api/modelList" 2>/dev/null && break
    sleep 2
done
curl -fsS -o /dev/null "$LB/api/modelList" || fail "the load balancer does not answer at $LB"
ok "the load balancer answers"

user="smoke$(date +%s)$RANDOM"
password="a long smoke-test passphrase"
jwt=$(curl -fsS -D - -o /dev/null -F "username=$user" -F "password=$password" "$LB/api/register/submitUserInfo" \
    | sed -n 's/^[Aa]uthorization: *//p' | tr -d '\r' | sed 's/^Bearer //')
[ -n "$jwt" ] || fail "sign-up answered no token"
ok "signed up $user through the load balancer"

curl -fsS -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$user/smoke\",\"isPrivate\":true}" "$LB/api/model" | grep -q '"msg":"success"' \
    || fail "creating $user/smoke failed"
ok "created the private model $user/smoke"

head -c 3000000 /dev/urandom > "$work/weights.bin"
expected=$(sha256sum "$work/weights.bin" | cut -d' ' -f1)
curl -fsS -H "Authorization: Bearer $jwt" -F "name=$user/smoke" -F type=model -F message=smoke \
    -F "file=@$work/weights.bin;filename=weights.bin" "$LB/api/files" >/dev/null || fail "the upload failed"
ok "uploaded weights.bin (3 MB) through the load balancer"

download() { # base-url: the file's sha256 as that server sends it
    curl -fsS -H "Authorization: Bearer $jwt" "$1/api/files/download?name=$user/smoke&type=model&path=weights.bin" \
        | sha256sum | cut -d' ' -f1
}
for node in "$NODE1" "$NODE2"; do
    [ "$(download "$node")" = "$expected" ] || fail "$node does not serve the uploaded bytes"
    ok "$node serves the same bytes with the same session"
done
[ "$(download "$LB")" = "$expected" ] || fail "the load balancer does not serve the uploaded bytes"
ok "the load balancer serves them"

anonymous=$(curl -s -o /dev/null -w '%{http_code}' "$NODE2/api/files/download?name=$user/smoke&type=model&path=weights.bin")
[ "$anonymous" = 404 ] || fail "a private file answered $anonymous to a stranger on $NODE2"
ok "the private file is 404 to a stranger"

for mgmt in "$MGMT1" "$MGMT2"; do
    metrics=$(curl -fsS "$mgmt/actuator/prometheus") || fail "$mgmt/actuator/prometheus does not answer"
    grep -q '^modellibrary_blobs_stored_blobs' <<<"$metrics" || fail "$mgmt/actuator/prometheus has no blob store metrics"
    ok "$mgmt serves Prometheus metrics"
done
public=$(curl -s -o /dev/null -w '%{http_code}' "$LB/actuator/prometheus")
[ "$public" = 404 ] || fail "metrics answered $public through the load balancer"
ok "no metrics through the load balancer"

echo "$passed passed, 0 failed"
