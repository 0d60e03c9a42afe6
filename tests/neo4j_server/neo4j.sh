#!/usr/bin/env bash
# A real Neo4j Community 5.26 server for tests, without Docker.
#
#   neo4j.sh start [--clean]  fetch the jars (cached), start the server, wait for Bolt,
#                             then print `export NEO4J_URI=... NEO4J_USERNAME=...
#                             NEO4J_PASSWORD=...` lines on stdout (everything else goes to
#                             stderr). --clean wipes the database first.
#   neo4j.sh env              print those export lines (the server need not run)
#   neo4j.sh conf             print the neo4j.conf that start writes
#   neo4j.sh stop             stop the server by its recorded PID
#   neo4j.sh status           "running"/"not running", exit 0/1
#   neo4j.sh reset            stop, then delete the server home (data, logs, conf)
#   neo4j.sh fetch            only download the jars into the cache
#
# Environment: NEO4J_PORT (Bolt, default 7687), NEO4J_HTTP_PORT (when set, the HTTP
# connector listens there on 127.0.0.1, for Neo4j Browser), NEO4J_PASSWORD (default
# geokg-test-password, at least 8 characters), NEO4J_HEAP (default 1g),
# NEO4J_START_TIMEOUT (seconds, default 120), NEO4J_JAVA (java binary to use),
# NEO4J_PYTHON (python with the `neo4j` driver, used for the readiness check),
# NEO4J_CACHE_DIR (jars + server home, default tests/neo4j_server/.cache).
#
# Usage in a shell or script:  eval "$(bash tests/neo4j_server/neo4j.sh start)"
# (exports the three variables, so that geokg and pytest run next see them).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/pom.xml"
CACHE="${NEO4J_CACHE_DIR:-$HERE/.cache}"
NEO4J_VERSION="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM")"
LIB="$CACHE/lib-$NEO4J_VERSION"
SERVER_HOME="$CACHE/home"
CONF_DIR="$SERVER_HOME/conf"
PID_FILE="$CACHE/neo4j.pid"
CONSOLE_LOG="$SERVER_HOME/logs/console.log"
PASSWORD_STAMP="$SERVER_HOME/.initial-password.sha256"

PORT="${NEO4J_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-}"
PASSWORD="${NEO4J_PASSWORD:-geokg-test-password}"
HEAP="${NEO4J_HEAP:-1g}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
USERNAME=neo4j
URI="bolt://127.0.0.1:$PORT"

log() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

password_hash() { printf '%s' "$PASSWORD" | sha256sum | cut -d' ' -f1; }

print_credentials() {
    printf 'export NEO4J_URI=%s\nexport NEO4J_USERNAME=%s\nexport NEO4J_PASSWORD=%s\n' \
        "$URI" "$USERNAME" "$PASSWORD"
}

# ---------------------------------------------------------------- java / python
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }

find_java() {
    local cand major
    for cand in "${NEO4J_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
                /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/java-21-openjdk-amd64/bin/java; do
        [[ -n "$cand" && -x "$cand" ]] || continue
        major="$(java_major "$cand")"
        # Neo4j 5.26 supports Java 17 and 21.
        if [[ "$major" == 17 || "$major" == 21 ]]; then
            echo "$cand"
            return 0
        fi
        log "skipping $cand (Java $major; Neo4j $NEO4J_VERSION needs Java 17 or 21)"
    done
    die "no Java 17 or 21 found (set NEO4J_JAVA)"
}

# A python that can import the neo4j driver, or nothing.
find_python() {
    local cand
    for cand in "${NEO4J_PYTHON:-}" "${VIRTUAL_ENV:+$VIRTUAL_ENV/bin/python}" python3 python; do
        [[ -n "$cand" ]] || continue
        if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import neo4j' >/dev/null 2>&1; then
            echo "$cand"
            return 0
        fi
    done
    return 0
}

# ---------------------------------------------------------------- jars
fetch() {
    local stamp="$LIB/.complete" want
    want="$(sha256sum "$POM" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch the Neo4j jars)"
    log "fetching Neo4j $NEO4J_VERSION jars from Maven Central into $LIB (one time, can take minutes)"
    local tmp="$LIB.tmp" t0=$SECONDS
    rm -rf "$tmp"
    mkdir -p "$tmp"
    # cd + -f: the caller's cwd (another pom.xml or .mvn/) must not interfere.
    (cd "$HERE" && mvn -B -q -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >&2) \
        || { rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed"; }
    [[ -f "$tmp/neo4j-$NEO4J_VERSION.jar" ]] \
        || { rm -rf "$tmp"; die "download incomplete: neo4j-$NEO4J_VERSION.jar missing"; }
    echo "$want" >"$tmp/.complete"
    rm -rf "$LIB"
    mv "$tmp" "$LIB"
    # Drop jars of other pinned versions.
    find "$CACHE" -maxdepth 1 -name 'lib-*' ! -name "lib-$NEO4J_VERSION" -exec rm -rf {} +
    log "fetched $(find "$LIB" -name '*.jar' | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- process helpers
server_pid() {
    local pid
    [[ -f "$PID_FILE" ]] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled PID.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.neo4j.server.CommunityEntryPoint' || return 1
    echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/${1:-$PORT}") 2>/dev/null; }

# The Bolt port of the running server, from the conf it was started with.
running_port() {
    sed -n 's/^server.bolt.listen_address=.*:\([0-9]*\)$/\1/p' "$CONF_DIR/neo4j.conf" 2>/dev/null || true
}

# Exit 0: a Cypher query ran with our credentials. 3: authentication refused. Other: not ready.
bolt_query() {
    local py="$1"
    "$py" - "$URI" "$USERNAME" "$PASSWORD" <<'EOF' 2>/dev/null
import sys
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
uri, user, password = sys.argv[1:4]
try:
    with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS ok")
        sys.exit(0 if records[0]["ok"] == 1 else 1)
except AuthError as e:
    print(e, file=sys.stderr)
    sys.exit(3)
except Exception:
    sys.exit(1)
EOF
}

log_tail() {
    local f
    for f in "$CONSOLE_LOG" "$SERVER_HOME/logs/debug.log"; do
        if [[ -s "$f" ]]; then
            log "---- last lines of $f ----"
            tail -n 40 "$f" >&2
        fi
    done
}

# ---------------------------------------------------------------- home dir
http_conf() {
    if [[ -n "$HTTP_PORT" ]]; then
        printf 'server.http.enabled=true\nserver.http.listen_address=127.0.0.1:%s\n' "$HTTP_PORT"
        printf 'server.http.advertised_address=127.0.0.1:%s\n' "$HTTP_PORT"
    else
        printf 'server.http.enabled=false\n'
    fi
}

conf_text() {
    cat <<EOF
# Written by tests/neo4j_server/neo4j.sh on every start; edits are lost.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.bolt.tls_level=DISABLED
$(http_conf)
server.https.enabled=false
dbms.usage_report.enabled=false
dbms.security.auth_enabled=true
# Default 3: a few wrong-password attempts (as tests make on purpose) would lock user
# neo4j for 5s (AuthenticationRateLimit) and fail the next, correct login. 0 = no lock.
dbms.security.auth_max_failed_attempts=0
server.memory.pagecache.size=128m
db.tx_log.preallocate=false
db.tx_log.rotation.retention_policy=1 files
server.directories.import=import
EOF
}

write_conf() {
    mkdir -p "$CONF_DIR" "$SERVER_HOME/logs" "$SERVER_HOME/data" "$SERVER_HOME/run"
    conf_text >"$CONF_DIR/neo4j.conf"
}

set_initial_password() {
    local java="$1"
    if [[ -d "$SERVER_HOME/data/databases/system" ]]; then
        # The database exists already: the password it was created with stays in force.
        if [[ -f "$PASSWORD_STAMP" && "$(cat "$PASSWORD_STAMP")" != "$(password_hash)" ]]; then
            die "the database in $SERVER_HOME was created with another NEO4J_PASSWORD; run '$0 start --clean' (wipes it)"
        fi
        return 0
    fi
    log "setting the initial password of user '$USERNAME'"
    NEO4J_HOME="$SERVER_HOME" NEO4J_CONF="$CONF_DIR" \
        "$java" -Xmx256m -cp "$LIB/*" org.neo4j.cli.AdminTool dbms set-initial-password "$PASSWORD" \
        >>"$SERVER_HOME/logs/admin.log" 2>&1 \
        || { tail -n 20 "$SERVER_HOME/logs/admin.log" >&2; die "set-initial-password failed"; }
    password_hash >"$PASSWORD_STAMP"
}

# ---------------------------------------------------------------- commands
cmd_start() {
    local clean=0 arg
    # Printed as NAME=value lines meant for eval or a plain split on '=': keep it shell-safe.
    [[ "$PASSWORD" =~ ^[A-Za-z0-9._@%+=:,/-]{8,}$ ]] \
        || die "NEO4J_PASSWORD needs at least 8 characters from A-Z a-z 0-9 . _ @ % + = : , / -"
    for arg in "$@"; do
        case "$arg" in
            --clean) clean=1 ;;
            *) die "unknown option for start: $arg" ;;
        esac
    done

    if server_pid >/dev/null; then
        if (( clean )); then
            cmd_stop
        elif [[ "$(running_port)" != "$PORT" ]]; then
            die "the server is running on port $(running_port), not $PORT; run '$0 stop' first"
        elif port_open; then
            if [[ -f "$PASSWORD_STAMP" && "$(cat "$PASSWORD_STAMP")" != "$(password_hash)" ]]; then
                die "running server was started with another NEO4J_PASSWORD; run '$0 start --clean'"
            fi
            log "already running (pid $(server_pid)) on $URI"
            print_credentials
            return 0
        else
            die "server process $(server_pid) is alive but $URI does not answer; run '$0 stop' first"
        fi
    fi
    rm -f "$PID_FILE"
    if (( clean )); then
        log "--clean: removing $SERVER_HOME"
        rm -rf "$SERVER_HOME"
    fi

    if port_open; then
        die "port $PORT is already in use by another process; set NEO4J_PORT"
    fi
    [[ -z "$HTTP_PORT" || "$HTTP_PORT" =~ ^[0-9]+$ ]] || die "NEO4J_HTTP_PORT must be a port number"
    if [[ -n "$HTTP_PORT" ]] && port_open "$HTTP_PORT"; then
        die "HTTP port $HTTP_PORT is already in use by another process; set NEO4J_HTTP_PORT"
    fi

    fetch
    local java py
    java="$(find_java)"
    py="$(find_python)"
    [[ -n "$py" ]] || log "no python with the neo4j driver found; readiness check is port + log only"

    write_conf
    set_initial_password "$java"

    log "starting Neo4j $NEO4J_VERSION ($java, heap $HEAP) on $URI, log $CONSOLE_LOG"
    local t0=$SECONDS pid
    : >"$CONSOLE_LOG"
    # Neither the caller's stdin nor stdout: a caller capturing our output must not hang.
    nohup "$java" \
        -Xms256m "-Xmx$HEAP" \
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        --enable-native-access=ALL-UNNAMED \
        -Dio.netty.tryReflectionSetAccessible=true \
        -Dfile.encoding=UTF-8 \
        -cp "$LIB/*" org.neo4j.server.CommunityEntryPoint \
        --home-dir="$SERVER_HOME" --config-dir="$CONF_DIR" --console-mode \
        </dev/null >>"$CONSOLE_LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"

    local rc
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            log "server process exited during start-up"
            log_tail
            exit 1
        fi
        if (( SECONDS - t0 >= START_TIMEOUT )); then
            log "Bolt did not answer within ${START_TIMEOUT}s; stopping the server"
            log_tail
            cmd_stop || true
            exit 1
        fi
        if port_open && grep -q 'Started\.' "$CONSOLE_LOG"; then
            if [[ -z "$py" ]]; then
                break
            fi
            rc=0
            bolt_query "$py" || rc=$?
            if (( rc == 0 )); then
                break
            elif (( rc == 3 )); then
                log "Bolt refused the credentials $USERNAME/NEO4J_PASSWORD; use '$0 start --clean'"
                cmd_stop || true
                exit 1
            fi
        fi
        sleep 1
    done
    log "ready in $((SECONDS - t0))s (pid $pid)"
    [[ -z "$HTTP_PORT" ]] || log "Neo4j Browser: http://127.0.0.1:$HTTP_PORT (user $USERNAME)"
    print_credentials
}

cmd_stop() {
    local pid i
    if ! pid="$(server_pid)"; then
        log "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still alive after 60s; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$PID_FILE"
    log "stopped"
}

cmd_status() {
    local pid
    if pid="$(server_pid)"; then
        local port
        port="$(running_port)"
        if port_open "$port"; then
            echo "running (pid $pid, bolt://127.0.0.1:$port)"
        else
            echo "running (pid $pid, bolt://127.0.0.1:$port not answering yet)"
        fi
        return 0
    fi
    echo "not running"
    return 1
}

cmd_reset() {
    cmd_stop
    rm -rf "$SERVER_HOME"
    log "removed $SERVER_HOME (the jar cache is kept)"
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    fetch) fetch ;;
    env) print_credentials ;;
    conf) conf_text ;;
    *)
        echo "usage: $0 {start [--clean]|stop|status|reset|fetch|env|conf}" >&2
        exit 2
        ;;
esac
