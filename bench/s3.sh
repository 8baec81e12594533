#!/usr/bin/env bash
# S3 benchmark (the scale-out issue): Model Library on the S3 blob store against the AWS SDK's
# own transfer, both to one S3-compatible server (S3Proxy with its filesystem backend, started
# here from the jar in ~/.m2), and many small files on S3 against the disk store. Figures, not a
# pass/fail test; the ratios last. The SDK's transfer is measured two ways (bench/S3Transfer.java,
# a new JVM per transfer, the clock started once the client is connected): one PutObject /
# GetObject on the sync client the server uses (Apache 5 HTTP client), and the S3 Transfer
# Manager's uploadFile / downloadFile, the SDK's API for large files, on the Java-based
# multipart async client (Netty NIO HTTP client) at the SDK's defaults: 8 MiB parts from 8 MiB
# up, as many parts at once as Netty's pool allows (50 connections), downloads by part number up
# to 50 in flight. Its two jars are not the server's dependencies: bench/pom-s3sdk.xml resolves
# them at the server's SDK version, from Maven Central the first time (then from ~/.m2).
# PutObject/GetObject stay: the server's own client doing one request, they tell what Model
# Library adds around the transfer; the transfer manager is what the SDK offers a user for a large
# file, so it is "the SDK's own transfer" the issue compares with (both ratios printed).
#
#   bench/s3.sh                                   # 2 GiB file, 20,000 small files, 5 runs
#   SIZE_MB=256 RUNS=3 FILES=5000 bench/s3.sh     # a quick look
#   BENCH_REBUILD=1 bench/s3.sh                   # rebuild the jar first
#   CASES="download" SIZE_MB=2048 bench/s3.sh     # some cases only (a look at one figure)
#
# Each run measures every side of each case, the order rotating every run (A B C, B C A, C A B;
# two sides alternate), and the medians are printed:
#   upload      one SIZE_MB file: the seed's multipart POST /api/files to the S3 server (its sha256
#               unknown until the end: sent in part-size parts while it arrives to a pack of one,
#               docs/decisions.md T30) | the SDK's PutObject of the file (one request) | the
#               transfer manager's uploadFile of it (a multipart upload, 256 parts for 2 GiB; the
#               object deleted after, untimed, for disk space). The file's first bytes carry the
#               run number so that each run stores a new object on every side.
#   lfs upload  the same file as a Git LFS object (batch, then the basic PUT to the answer's
#               URL; the hash announced, so it is sent in parts while the body arrives; its 9th
#               byte differs from the seed upload's) | the SDK's PutObject again | uploadFile again
#   multipart   (only when CASES names it) the SDK's multipart upload of the file as the server sends
#               one (16 MiB parts, three at a time) | the SDK's PutObject: what multipart itself
#               costs the S3 server, for reading the two upload ratios
#   download    GET /{namespace}/{name}/resolve/main/file.bin (streamed through the server from
#               the bucket, read to the end by curl) | the SDK's GetObject read to the end |
#               the transfer manager's downloadFile of the same object (PutObject's, so one part:
#               a single GET, partNumber=1, written to a file in TMPDIR, deleted after; S3Proxy
#               answers 501 to a part GET of a multipart object, so the transfer manager's own
#               upload cannot be read back this way here)
#   small files FILES small files in one upload (as bench/scale.sh's uploads: one multipart
#               POST /api/files), new contents each run: the server on S3 | a second server on
#               the disk store. On S3 the small files of each sync batch are one PutObject (a
#               pack, docs/storage.md); the issue asks for at least a quarter of the disk store's
#               rate, so the ratio is printed.
# plus the S3 server's peak RSS (VmHWM) over all of it, and the CPU seconds the S3 server,
# S3Proxy and the disk server used during the runs (where the two cores went). Settings: PORT (3341, the S3 server),
# DISK_PORT (3342), S3_PORT (3343, S3Proxy), SIZE_MB (2048), FILES (20000), RUNS (5),
# HEAP (-Xmx256m, both servers), CASES (all: upload lfs download small; download without upload
# stores the file once first). Needs up to SIZE_MB x (2 x RUNS + 5) MB of disk in TMPDIR (each
# run stores a new object for upload and one for lfs).
set -euo pipefail

cd "$(dirname "$0")/.."
S3_SERVER_PORT=${PORT:-3341}
DISK_PORT=${DISK_PORT:-3342}
S3_PORT=${S3_PORT:-3343}
SIZE_MB=${SIZE_MB:-2048}
FILES=${FILES:-20000}
RUNS=${RUNS:-5}
CASES=" ${CASES:-upload lfs download small} "
HEAP=${HEAP:--Xmx256m}
IDENTITY=local-identity
CREDENTIAL=local-credential
BUCKET=bench
S3="http://127.0.0.1:$S3_PORT"
# lower case: the MongoDB driver lower-cases the embedded database's Unix socket path
WORK="${TMPDIR:-/tmp}/mls3-$$-$RANDOM"
mkdir -m700 "$WORK"
BENCH_JAVA_OPTS="$HEAP ${BENCH_EXTRA_OPTS:-}"
# shellcheck source=server.sh
source bench/server.sh
S3PROXY_PID="" S3ML_PID="" DISK_PID=""
cleanup() {
    for pid in "$S3ML_PID" "$DISK_PID"; do SERVER_PID=$pid; BENCH_KEEP=1 stop_server; done
    [[ -n "$S3PROXY_PID" ]] && kill "$S3PROXY_PID" 2>/dev/null && wait "$S3PROXY_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "n/a" && b != "n/a" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timed_curl() { # expected status, curl arguments; prints the seconds
    local expect=$1 out; shift
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$@")
    [[ "${out%% *}" == "$expect" ]] || die "unexpected HTTP status: $out ($*)"
    echo "${out#* }"
}
declare -A FIG
record() { FIG[$1]="${FIG[$1]:-} $2"; }

# ---- S3Proxy and the SDK's class paths, all from ~/.m2 -------------------------------------
start_s3proxy "$WORK" "$S3" "$IDENTITY" "$CREDENTIAL"

ensure_jar
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.all" -Dmdep.includeScope=runtime >/dev/null
SDK_CP=$(tr ':' '\n' <"$WORK/cp.all" | grep -E '/(software/amazon|org/apache/httpcomponents|org/reactivestreams|org/slf4j/slf4j-api|commons-logging|commons-codec)/' | paste -sd:)
# The transfer manager's: its jars at the version of the server's own s3 jar.
AWSSDK_VERSION=$(tr ':' '\n' <"$WORK/cp.all" | sed -n 's:.*/software/amazon/awssdk/s3/\([^/]*\)/s3-[^/]*\.jar$:\1:p')
[[ -n "$AWSSDK_VERSION" ]] || die "no AWS SDK s3 jar on the server's class path"
tm_classpath() { ./mvnw -B -q "$@" -f bench/pom-s3sdk.xml -Dawssdk.version="$AWSSDK_VERSION" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.tm" >/dev/null 2>&1; }
if ! tm_classpath -o; then
    log "fetching the S3 Transfer Manager and the Netty NIO client $AWSSDK_VERSION from Maven Central"
    tm_classpath || die "cannot resolve bench/pom-s3sdk.xml at AWS SDK $AWSSDK_VERSION"
fi
TM_CP=$(cat "$WORK/cp.tm")
javac -cp "$TM_CP" -d "$WORK/sdk" bench/S3Transfer.java
sdk() { java -cp "$WORK/sdk:$SDK_CP" S3Transfer "$S3" "$IDENTITY" "$CREDENTIAL" "$BUCKET" "$@" 2>>"$WORK/sdk.log"; }
tm() { java -cp "$WORK/sdk:$TM_CP" S3Transfer "$S3" "$IDENTITY" "$CREDENTIAL" "$BUCKET" "$@" 2>>"$WORK/sdk.log"; }
tm_upload() { # key; the transfer manager's uploadFile of FILE, the object deleted after (disk space); prints the seconds
    local s
    s=$(tm tmput "$FILE" "$1") || return
    rm -f "$WORK/s3/$BUCKET/$1"  # S3Proxy's filesystem backend: one file per object
    echo "$s"
}
tm_download() { # key; the transfer manager's downloadFile to a file in WORK, deleted after; prints the seconds
    local s
    s=$(tm tmget "$1" "$WORK/tm-download.bin") || return
    rm -f "$WORK/tm-download.bin"
    echo "$s"
}

# ---- two servers: one on the bucket, one on its disk ---------------------------------------
serve() { # port name server-arguments...; sets BASE and the PID variable named NAME_PID
    PORT=$1 BASE="http://127.0.0.1:$1" OUT="$WORK/$2" DATA_DIR="$WORK/$2/data"
    mkdir -p "$OUT"
    start_server --modellibrary.demo-data=false --modellibrary.files.max-request-size=64GB \
        --modellibrary.files.max-file-size=64GB "${@:3}"
    printf -v "${2^^}_PID" '%s' "$SERVER_PID"
}
register() { # base URL; prints a bearer token
    curl -sS -o /dev/null -D "$WORK/register.headers" -F username=bench -F password=bench-password-1 -F team=benchteam \
        "$1/api/register/submitUserInfo"
    grep -i '^authorization:' "$WORK/register.headers" | head -1 | cut -d' ' -f2- | tr -d '\r'
}
create() { # base token repository
    curl -sS -f -o /dev/null -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
        -d "{\"name\":\"bench/$3\",\"isPrivate\":false}" "$1/api/model" || die "cannot create bench/$3"
}
serve "$S3_SERVER_PORT" s3ml --modellibrary.blobs.store=s3 --modellibrary.blobs.s3.endpoint="$S3" \
    --modellibrary.blobs.s3.bucket="$BUCKET" --modellibrary.blobs.s3.prefix=ml --modellibrary.blobs.s3.path-style=true \
    --modellibrary.blobs.s3.access-key="$IDENTITY" --modellibrary.blobs.s3.secret-key="$CREDENTIAL"
S3_BASE=$BASE
serve "$DISK_PORT" disk
DISK_BASE=$BASE
S3_TOKEN=$(register "$S3_BASE")
DISK_TOKEN=$(register "$DISK_BASE")
[[ -n "$S3_TOKEN" && -n "$DISK_TOKEN" ]] || die "registration gave no token"
create "$S3_BASE" "$S3_TOKEN" big
create "$S3_BASE" "$S3_TOKEN" small
create "$DISK_BASE" "$DISK_TOKEN" small

# ---- files --------------------------------------------------------------------------------
log "generating a $SIZE_MB MiB file in $WORK"
FILE="$WORK/file.bin"
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$FILE"
BYTES=$(stat -c %s "$FILE")
mark() { printf '%08d' "$1" | dd of="$FILE" bs=8 count=1 conv=notrunc status=none; }

# One multipart body of FILES small files under r<run>/ whose contents name the run and side.
small_body() { # run side
    python3 - "$WORK/small.body" "$1" "$2" "$FILES" <<'PY'
import sys
out, run, side, files = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
b = b"----S3BenchBoundary7c1e"
with open(out, "wb") as f:
    f.write(b"--" + b + b'\r\nContent-Disposition: form-data; name="name"\r\n\r\nbench/small\r\n')
    for i in range(files):
        name = f"r{run}/f{i:06d}.txt"
        f.write(b"--" + b + f'\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'.encode()
                + b"Content-Type: application/octet-stream\r\n\r\n"
                + f"content of {name} in run {run} on {side}\n".encode() + b"\r\n")
    f.write(b"--" + b + b"--\r\n")
PY
}
ml_small() { # base token run side
    small_body "$3" "$4"
    timed_curl 200 -H "Authorization: Bearer $2" -H 'Content-Type: multipart/form-data; boundary=----S3BenchBoundary7c1e' \
        --data-binary "@$WORK/small.body" "$1/api/files"
}
ml_upload() { timed_curl 200 -H "Authorization: Bearer $S3_TOKEN" -F name=bench/big -F "file=@$FILE;filename=file.bin" "$S3_BASE/api/files"; }
ml_lfs_upload() {
    printf 'L' | dd of="$FILE" bs=1 seek=8 count=1 conv=notrunc status=none
    local oid href
    oid=$(sha256sum "$FILE" | cut -d' ' -f1)
    href=$(curl -sS -H "Authorization: Bearer $S3_TOKEN" -H 'Content-Type: application/vnd.git-lfs+json' -H 'Accept: application/vnd.git-lfs+json' \
        -d "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\",\"objects\":[{\"oid\":\"$oid\",\"size\":$BYTES}]}" \
        "$S3_BASE/bench/big.git/info/lfs/objects/batch" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"][0]["actions"]["upload"]["href"])') \
        || die "no LFS upload URL from the batch answer"
    timed_curl 200 -T "$FILE" "$href"
}
ml_download() { timed_curl 200 "$S3_BASE/bench/big/resolve/main/file.bin"; }

# ---- the runs -----------------------------------------------------------------------------
sides() { # name unit(bytes|files) amount command-A... -- command-B... [-- command-C...]; A is Model
    # Library on S3, recorded as a:NAME, B as b:NAME, C as c:NAME; run R starts at side (R - 1) mod n
    local name=$1 unit=$2 amount=$3 cmds=() cmd="" arg s i k letters=(a b c) fmt=mbps; shift 3
    [[ $unit == files ]] && fmt=per_s
    for arg; do
        if [[ $arg == -- ]]; then cmds+=("$cmd"); cmd=""; else cmd+="$(printf '%q ' "$arg")"; fi
    done
    cmds+=("$cmd")
    for ((k = 0; k < ${#cmds[@]}; k++)); do
        i=$(( (RUN - 1 + k) % ${#cmds[@]} ))
        s=$(eval "${cmds[i]}"); record "${letters[i]}:$name" "$($fmt "$amount" "$s")"
    done
}
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; } # user + system CPU seconds of a process
cpu_all() { echo "$(cpu_s "$S3ML_PID") $(cpu_s "$S3PROXY_PID") $(cpu_s "$DISK_PID")"; }
CPU_BEFORE=$(cpu_all)
LOADS=""
for ((RUN = 1; RUN <= RUNS; RUN++)); do
    log "run $RUN of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))"
    LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"
    if [[ $CASES == *" upload "* || $CASES == *" lfs "* ]] || (( RUN == 1 )); then
        mark "$RUN"  # new content each run, but for a look at download or small files only
    fi
    printf 'S' | dd of="$FILE" bs=1 seek=8 count=1 conv=notrunc status=none
    if [[ $CASES == *" upload "* ]]; then
        sides upload bytes "$BYTES" ml_upload -- sdk put "$FILE" "sdk/file.bin" -- tm_upload "sdk/tm.bin"
    elif (( RUN == 1 )); then
        ml_upload >/dev/null
        sdk put "$FILE" "sdk/file.bin" >/dev/null
    fi
    if [[ $CASES == *" lfs "* ]]; then
        sides lfs bytes "$BYTES" ml_lfs_upload -- sdk put "$FILE" "sdk/lfs.bin" -- tm_upload "sdk/tm.bin"
    fi
    if [[ $CASES == *" multipart "* ]]; then  # what multipart itself costs the S3 server: SDK against SDK
        sides multipart bytes "$BYTES" sdk putmp "$FILE" "sdk/mp.bin" -- sdk put "$FILE" "sdk/file.bin"
    fi
    if [[ $CASES == *" download "* ]]; then
        sides download bytes "$BYTES" ml_download -- sdk get "sdk/file.bin" -- tm_download "sdk/file.bin"
    fi
    if [[ $CASES == *" small "* ]]; then
        sides small files "$FILES" ml_small "$S3_BASE" "$S3_TOKEN" "$RUN" s3 -- ml_small "$DISK_BASE" "$DISK_TOKEN" "$RUN" disk
    fi
done
CPU_USED=$(paste -d' ' <(echo "$CPU_BEFORE" | tr ' ' '\n') <(cpu_all | tr ' ' '\n') | awk '{ printf "%.1f ", $2 - $1 }')
RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$S3ML_PID/status")
printf 'S' | dd of="$FILE" bs=1 seek=8 count=1 conv=notrunc status=none  # the seed upload's content
EXPECTED_SHA=$(sha256sum "$FILE" | cut -d' ' -f1)
GOT_SHA=$(curl -sS "$S3_BASE/bench/big/resolve/main/file.bin" | sha256sum | cut -d' ' -f1)
STORED=$(find "$WORK/s3/$BUCKET/ml" -type f | wc -l)

# ---- report -------------------------------------------------------------------------------
med() { echo "${FIG[$1]:-}" | median; }
row() { # label case; the medians of its sides (the third only where it has one), then every run
    printf '%-54s %10s %10s %10s  %s |%s' "$1" "$(med "a:$2")" "$(med "b:$2")" "${FIG[c:$2]:+$(med "c:$2")}" \
        "${FIG[a:$2]:-}" "${FIG[b:$2]:-}"
    [[ -n "${FIG[c:$2]:-}" ]] && printf ' |%s' "${FIG[c:$2]}"
    echo
}
echo
echo "S3Proxy $S3PROXY_VERSION (filesystem backend) on $S3; file $BYTES bytes; $FILES small files an upload; $RUNS rotating runs, medians"
echo "AWS SDK $AWSSDK_VERSION: PutObject/GetObject on the sync client (Apache 5); transfer manager (TM) on the Java-based multipart client (Netty), its defaults"
echo "load average (1 min) at each run:$LOADS; now $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "integrity: the last upload's resolve download sha256 $([[ "$GOT_SHA" == "$EXPECTED_SHA" ]] && echo matches || echo "DIFFERS ($GOT_SHA)"); objects under ml/ in the bucket: $STORED"
printf '%-54s %10s %10s %10s   %s\n' "median" "Model Lib" "baseline" "TM" "all runs: Model Library | baseline | TM"
row "upload MB/s (seed POST | PutObject | TM uploadFile)" upload
row "LFS upload MB/s (basic PUT | PutObject | TM uploadFile)" lfs
row "SDK multipart MB/s (16 MiB x3 | PutObject)" multipart
row "download MB/s (resolve | GetObject | TM downloadFile)" download
row "$FILES small files, files/s (S3 | disk store)" small
echo "S3 server peak RSS (VmHWM): $((RSS_KB / 1024)) MB at $HEAP"
read -r CPU_S3ML CPU_S3PROXY CPU_DISK <<<"$CPU_USED"
echo "CPU seconds over the runs: server on S3 $CPU_S3ML, S3Proxy $CPU_S3PROXY, server on disk $CPU_DISK"
echo
sdk_ratios() { echo "$(ratio "$(med "a:$1")" "$(med "b:$1")") x $2, $(ratio "$(med "a:$1")" "$(med "c:$1")") x the transfer manager"; }
echo "upload      = $(sdk_ratios upload PutObject)  (target >= 0.8 the AWS SDK)"
echo "LFS upload  = $(sdk_ratios lfs PutObject)  (target >= 0.8 the AWS SDK)"
echo "SDK multipart = $(ratio "$(med a:multipart)" "$(med b:multipart)") x its PutObject  (no target: the S3 server's own cost of multipart)"
echo "download    = $(sdk_ratios download GetObject)  (target >= 0.8 the AWS SDK)"
echo "small files = $(ratio "$(med a:small)" "$(med b:small)") x the disk store  (target >= 0.25)"
echo "peak RSS    = $((RSS_KB / 1024)) MB  (target < 600)"
