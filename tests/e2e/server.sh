# server.sh - start and stop `newsgraph serve` for a test or benchmark
# (sourced, not run).  Needs NG (the binary); sets PORT, BASE and SERVER_PID.
#
#   make_db DB RECORDS       ingest newsgraph records into a fresh database
#   start_server DB [ARGS]   serve DB on a free loopback port (--port 0)
#   stop_server              SIGTERM, then wait for a clean exit (status in STOP_RC)

make_db() {
    rm -f "$1" "$1-wal" "$1-shm"
    # Records need no model: warnings about missing ones are shown only on failure.
    NEWSGRAPH_NO_PROGRESS=1 "$NG" ingest -q --db "$1" --records "$2" 2>"$1.log" || { cat "$1.log"; return 1; }
    rm -f "$1.log"
}

start_server() {
    db=$1
    shift
    SERVER_LOG=$(mktemp)
    "$NG" serve --db "$db" --port 0 "$@" 2>"$SERVER_LOG" &
    SERVER_PID=$!
    PORT=""
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's/.*http:\/\/[^ ]*:\([0-9][0-9]*\)\/.*/\1/p' "$SERVER_LOG" | head -1)
        [ -n "$PORT" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$PORT" ]; then
        echo "server did not start:"
        cat "$SERVER_LOG"
        return 1
    fi
    BASE="http://127.0.0.1:$PORT"
}

stop_server() {
    STOP_RC=0
    [ -n "${SERVER_PID:-}" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    STOP_RC=$?
    SERVER_PID=""
    rm -f "$SERVER_LOG"
}
