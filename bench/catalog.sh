#!/usr/bin/env bash
# Catalogue benchmark (issue 2): figures printed, never a pass/fail test.
#
# Starts the built jar on a fresh embedded store holding a 10,000-repository demo
# catalogue (modellibrary.demo-size; without the demo files, whose background commits
# would be measured too), then measures with wrk, after a warm-up, the
# label list, a filtered and sorted page and a repository detail at 8 and 32
# connections. Raw wrk output and the server log go to bench/out/ (git-ignored).
#
#   bench/catalog.sh                      # builds target/*.jar first if it is missing
#   BENCH_REBUILD=1 bench/catalog.sh      # rebuild the jar anyway
#
# Settings (environment): BENCH_PORT (3401), BENCH_REPOS (10000), BENCH_DURATION (15s),
# BENCH_WARMUP (5s per endpoint and connection count), BENCH_THREADS (2), BENCH_TIMEOUT (10s,
# wrk's per-request limit), BENCH_JAVA_OPTS (none).
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-3401}
REPOS=${BENCH_REPOS:-10000}
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-5s}
THREADS=${BENCH_THREADS:-2}
TIMEOUT=${BENCH_TIMEOUT:-10s}
BASE="http://127.0.0.1:$PORT"

# What is measured. The seeded catalogue is deterministic, so these exist in it:
# "Text Generation" + "English" matches about 150 models, so page 3 is a full page.
LABELS_PATH="/api/modelLabel"
LIST_PATH="/api/modelList?task=Text%20Generation&language=English&sortType=most-downloads&pageIndex=3"
DETAIL_PATH="/api/model?name=dslim/bert-base-NER"

OUT="bench/out/catalog-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA_DIR=$(mktemp -d -t modellibrary-bench.XXXXXX)
# shellcheck source=server.sh
source bench/server.sh

# ---- load generator ----
ensure_wrk() {
    command -v wrk >/dev/null && return
    log "installing wrk (Debian package)"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q wrk >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q wrk >/dev/null; } \
        || die "could not install wrk"
}

# ---- sanity: the measured URLs answer what we think they answer ----
json() { curl -sf "$BASE$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"; }

check_data() {
    local models datasets page detail
    models=$(json "/api/modelList" "d['data']['numTotalItems']")
    datasets=$(json "/api/datasetList" "d['data']['numTotalItems']")
    (( models + datasets == REPOS )) \
        || die "catalogue holds $models models + $datasets datasets, not $REPOS (jar too old? BENCH_REBUILD=1)"
    page=$(json "$LIST_PATH" "'%d of %d' % (len(d['data']['modelList']), d['data']['numTotalItems'])")
    [[ "$page" == 30\ of* ]] || die "the filtered page is not a full page: $page"
    detail=$(json "$DETAIL_PATH" "d['msg'] + ' ' + d['data']['options']['name']")
    [[ "$detail" == "success dslim/bert-base-NER" ]] || die "detail answered: $detail"
    log "catalogue: $models models + $datasets datasets; filtered page 3: $page items"
}

# ---- measuring ----
to_ms() { # wrk latency such as 850.00us, 1.23ms, 1.05s
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        printf "%.2f", n }'
}

ROWS=()

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

settle() { # waits (up to 60 s) until the server uses less than a fifth of a core
    local before after
    for _ in $(seq 1 60); do
        before=$(cpu_ticks)
        sleep 1
        after=$(cpu_ticks)
        (( (after - before) * 100 < 20 * $(getconf CLK_TCK) )) && return
    done
    log "WARNING: the server is still busy after 60 s"
}

measure() { # name path connections
    local name=$1 path=$2 conns=$3 file="$OUT/wrk-$1-c$3.txt"
    settle
    local cpu_before cpu_after
    cpu_before=$(cpu_ticks)
    wrk -t"$THREADS" -c"$conns" -d"$DURATION" --timeout "$TIMEOUT" --latency "$BASE$path" >"$file"
    cpu_after=$(cpu_ticks)
    local rps p50 p99 bad errors requests cpu
    requests=$(awk '/requests in/ {print $1}' "$file")
    # Server CPU time per answered request: less sensitive than wall time to other load.
    cpu=$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        'BEGIN {printf "%.3f", (n > 0) ? t * 1000 / hz / n : 0}')
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    errors=$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$file")
    [[ -z "$bad" ]] || log "WARNING: $name c$conns: $bad non-2xx responses"
    [[ -z "$errors" ]] || log "WARNING: $name c$conns: socket errors: $errors"
    local failed=$(( ${bad:-0} + $(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$file") + 0 ))
    log "$(printf '%-8s c%-3s %8s req/s  p50 %8s ms  p99 %8s ms' "$name" "$conns" "$rps" "$p50" "$p99")"
    ROWS+=("$name|$conns|$rps|$p50|$p99|$failed|$cpu")
}

verdict() { # name conns rps p99
    local name=$1 conns=$2 rps=$3 p99=$4
    [[ $conns == 8 ]] || { echo "-|-"; return; }
    case $name in
        labels) echo "req/s >= 5000|$(awk -v x="$rps" 'BEGIN {print (x >= 5000) ? "met" : "MISSED"}')" ;;
        list)   echo "p99 <= 150 ms|$(awk -v x="$p99" 'BEGIN {print (x <= 150) ? "met" : "MISSED"}')" ;;
        detail) echo "p99 <= 20 ms|$(awk -v x="$p99" 'BEGIN {print (x <= 20) ? "met" : "MISSED"}')" ;;
    esac
}

print_table() {
    printf '\n'
    printf 'Catalogue benchmark: %s repositories, embedded store, wrk -t%s -d%s --timeout %s (after %s warm-ups)\n' \
        "$REPOS" "$THREADS" "$DURATION" "$TIMEOUT" "$WARMUP"
    printf 'machine: %s cores, load average before %s, after %s\n' "$(nproc)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '  labels = %s\n  list   = %s\n  detail = %s\n\n' "$LABELS_PATH" "$LIST_PATH" "$DETAIL_PATH"
    printf '%-7s %5s %9s %9s %9s %7s %8s  %-15s %s\n' endpoint conns "req/s" "p50 ms" "p99 ms" failed "cpu ms" target result
    local row name conns rps p50 p99 failed cpu target result
    for row in "${ROWS[@]}"; do
        IFS='|' read -r name conns rps p50 p99 failed cpu <<<"$row"
        IFS='|' read -r target result <<<"$(verdict "$name" "$conns" "$rps" "$p99")"
        printf '%-7s %5s %9s %9s %9s %7s %8s  %-15s %s\n' "$name" "$conns" "$rps" "$p50" "$p99" "$failed" "$cpu" "$target" "$result"
    done
    printf '\nTargets apply at 8 connections; the 32-connection rows are for information.\n'
    printf 'failed = non-2xx responses + socket errors (timeouts included); p50/p99 cover answered requests.\n'
    printf 'cpu ms = server CPU time per answered request (all its threads, embedded database included).\n'
    printf 'Raw output: %s\n' "$OUT"
}

command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed"
ensure_wrk
ensure_jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server --modellibrary.demo-data=true --modellibrary.demo-size="$REPOS" --modellibrary.demo-files=false
check_data

# The list goes last: on the embedded store its scans queue behind one collection lock,
# and a backlog left by an overloaded run would slow whatever is measured next.
ENDPOINTS=("labels $LABELS_PATH" "detail $DETAIL_PATH" "list $LIST_PATH")
# Warm every endpoint before measuring any: they share the web, JSON and driver code
# that the JIT compiles in the first seconds.
for endpoint in "${ENDPOINTS[@]}"; do
    read -r name path <<<"$endpoint"
    log "warming up $name ($WARMUP at 8 and at 32 connections, unmeasured)"
    wrk -t"$THREADS" -c8 -d"$WARMUP" "$BASE$path" >/dev/null
    wrk -t"$THREADS" -c32 -d"$WARMUP" "$BASE$path" >/dev/null
done
for endpoint in "${ENDPOINTS[@]}"; do
    read -r name path <<<"$endpoint"
    for conns in 8 32; do
        measure "$name" "$path" "$conns"
    done
done

print_table | tee "$OUT/summary.txt"
