# Shared by the benchmark scripts (sourced, not run): logging, the jar, and one server
# on the embedded store. The caller sets PORT, BASE, OUT and DATA_DIR first;
# start_server passes its arguments on to the server (e.g. --modellibrary.demo-size=10000).

SERVER_PID=""

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$DATA_DIR"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

find_jar() { ls target/model-library-*.jar 2>/dev/null | grep -v original | head -n 1 || true; }

ensure_jar() {
    if [[ -z "$(find_jar)" || "${BENCH_REBUILD:-0}" == 1 ]]; then
        log "building the jar: ./mvnw -B -q package -DskipTests"
        ./mvnw -B -q package -DskipTests
    fi
    JAR=$(find_jar)
    [[ -n "$JAR" ]] || die "no jar in target/"
}

start_server() {
    curl -s -o /dev/null "$BASE/" && die "port $PORT is already in use"
    # The server runs as the Docker image runs it: MALLOC_ARENA_MAX=2 (Dockerfile, README "Memory").
    log "starting $JAR on port $PORT, data dir $DATA_DIR, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} $*"
    # shellcheck disable=SC2086
    env -u MONGODB_URI -u SPRING_MONGODB_URI MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" java ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
        --server.port="$PORT" --modellibrary.data-dir="$DATA_DIR" "$@" \
        >"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
    local started=$SECONDS
    until curl -sf -o /dev/null "$BASE/actuator/health"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$OUT/server.log" >&2; die "the server exited"; }
        (( SECONDS - started < 300 )) || die "the server did not become healthy in 300 s"
        sleep 1
    done
    log "server up after $(( SECONDS - started )) s"
}

# S3Proxy 4.1.0 (filesystem backend over $1/s3) from ~/.m2 on $2 (the endpoint URL) with the keys
# $3 and $4, fetched first when missing; waits until it answers and sets S3PROXY_PID. Its log is
# $1/s3proxy.log. For bench/s3.sh and bench/migrate.sh.
S3PROXY_VERSION=4.1.0
S3PROXY_JAR=~/.m2/repository/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
start_s3proxy() {
    local dir=$1 endpoint=$2 identity=$3 credential=$4
    if [[ ! -f $S3PROXY_JAR ]]; then
        log "fetching S3Proxy $S3PROXY_VERSION from Maven Central"
        ./mvnw -B -q dependency:get -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" >/dev/null
    fi
    mkdir -p "$dir/s3"
    cat >"$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/s3
CONF
    curl -s -o /dev/null "$endpoint/" && die "the address of S3Proxy, $endpoint, is already in use"
    java -jar "$S3PROXY_JAR" --properties "$dir/s3proxy.conf" >"$dir/s3proxy.log" 2>&1 &
    S3PROXY_PID=$!
    for _ in $(seq 1 60); do curl -s -o /dev/null "$endpoint/" && break; sleep 1; done
    curl -s -o /dev/null "$endpoint/" || { tail -n 20 "$dir/s3proxy.log" >&2; die "S3Proxy did not start"; }
}
