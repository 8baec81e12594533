# The packaged server for the suites that drive it from outside (interop/run.sh, browser/run.sh):
# finding the jar, a free port, a fresh data directory, start-up until /actuator/health is UP,
# and the stop on exit. Sourced, never run. Before sourcing, set:
#
#   SUITE        the suite's name in messages ("interop", "browser")
#   SUITE_ENV    the prefix of its environment settings ("INTEROP", "BROWSER"): ${SUITE_ENV}_KEEP_DATA=1
#                keeps the data directory and server log, ${SUITE_ENV}_START_TIMEOUT (180 s) bounds
#                the start-up, ${SUITE_ENV}_JAVA_OPTS (-Xmx1g) the JVM's options
#
# then call suite_start_server with the jar and the application's extra arguments. It sets
# `endpoint` (http://127.0.0.1:PORT), `data` (the data directory's parent, also holding
# server.log) and `server_pid`. Set `tests_ran=1` once the tests start: a failure before that
# prints the server log's last 40 lines; after it, only when SUITE_LOG_ON_FAILURE=1.

# Prints "<SUITE> SKIPPED: <why>" and exits 0, or 1 under MODELLIBRARY_REQUIRE_ALL_SUITES=1 (CI).
suite_skip() {
    local label
    label="$(echo "$SUITE" | tr '[:lower:]' '[:upper:]')"
    echo "=================================================================="
    echo "$label SKIPPED: $1"
    echo "=================================================================="
    if [ "${MODELLIBRARY_REQUIRE_ALL_SUITES:-}" = "1" ]; then
        echo "MODELLIBRARY_REQUIRE_ALL_SUITES=1: a skipped suite fails the build" >&2
        exit 1
    fi
    exit 0
}

# Skips unless node >= 20 and npm are on the PATH.
suite_require_node() {
    command -v node >/dev/null 2>&1 || suite_skip "node not found"
    command -v npm >/dev/null 2>&1 || suite_skip "npm not found"
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || suite_skip "node $(node --version) is older than 20"
    command -v java >/dev/null 2>&1 || { echo "$SUITE: java not found" >&2; exit 1; }
}

# Sets `jar`: the argument, else target/model-library-*.jar under $1's project root.
suite_find_jar() {
    local root="$1" given="${2:-}"
    jar="$given"
    if [ -z "$jar" ]; then
        jar="$(ls "$root"/target/model-library-*.jar 2>/dev/null | grep -v -- '\.original$' | grep -v -- '-plain\.jar$' | head -n 1 || true)"
    fi
    if [ -z "$jar" ] || [ ! -f "$jar" ]; then
        echo "$SUITE: no jar (looked for target/model-library-*.jar); build it first: ./mvnw -B package -DskipTests" >&2
        exit 1
    fi
}

# Runs `npm ci` in the folder when its node_modules is missing.
suite_npm_ci() {
    if [ ! -d "$1/node_modules" ]; then
        echo "$SUITE: npm ci"
        (cd "$1" && npm ci --no-audit --no-fund)
    fi
}

suite_cleanup() {
    local status=$?
    if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && { [ -z "${tests_ran:-}" ] || [ "${SUITE_LOG_ON_FAILURE:-}" = "1" ]; } \
        && [ -f "${data:-}/server.log" ]; then
        echo "---- last 40 lines of the server log ($data/server.log) ----"
        tail -n 40 "$data/server.log" || true
        echo "----"
    fi
    local keep="${SUITE_ENV}_KEEP_DATA"
    if [ "${!keep:-}" = "1" ]; then
        echo "$SUITE: data dir and server log kept in $data"
    elif [ -n "${data:-}" ]; then
        rm -rf "$data"
    fi
    exit "$status"
}

# suite_start_server JAR [APPLICATION ARGUMENTS...]: starts the jar on a free loopback port with an
# empty data directory (its path all lower-case: the MongoDB driver lower-cases Unix socket paths)
# and waits for /actuator/health to report UP.
suite_start_server() {
    local jar_path="$1"
    shift
    local port opts_var timeout_var deadline
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    data="/tmp/modellibrary-$SUITE-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    mkdir -m 700 "$data"
    server_pid=""
    tests_ran=""
    trap suite_cleanup EXIT
    trap 'exit 130' INT TERM
    opts_var="${SUITE_ENV}_JAVA_OPTS"
    timeout_var="${SUITE_ENV}_START_TIMEOUT"
    echo "$SUITE: starting $(basename "$jar_path") on 127.0.0.1:$port, data dir $data"
    # shellcheck disable=SC2086
    java ${!opts_var:--Xmx1g} -jar "$jar_path" \
        --server.port="$port" --server.address=127.0.0.1 \
        --modellibrary.data-dir="$data/data" "$@" \
        >"$data/server.log" 2>&1 &
    server_pid=$!
    endpoint="http://127.0.0.1:$port"
    deadline=$((SECONDS + ${!timeout_var:-180}))
    until curl -fsS "$endpoint/actuator/health" 2>/dev/null | grep -q '"UP"'; do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "$SUITE: the server exited during startup" >&2
            exit 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "$SUITE: the server did not report UP on /actuator/health in time" >&2
            exit 1
        fi
        sleep 1
    done
    echo "$SUITE: server up after ${SECONDS}s"
}
