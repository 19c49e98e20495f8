#!/bin/sh
# serve_api.sh - `newsgraph serve` as a command: options, start on a free
# loopback port, every endpoint over real HTTP (curl), errors as JSON with
# the right status, traversal and oversize requests refused, a clean stop on
# SIGTERM.  The database comes from tests/e2e/fixture.jsonl (no model needed).
set -u
command -v curl >/dev/null || { echo "skip: curl is not installed"; exit 77; }
. tests/e2e/server.sh
tmp=$(mktemp -d)
trap 'stop_server; rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Options.
"$NG" serve --help | grep -q -- '--bind ADDR' || fail "serve --help"
"$NG" serve --port 70000 2>/dev/null; [ $? -eq 2 ] || fail "--port 70000 is misuse (exit 2)"
"$NG" serve --threads 0 2>/dev/null; [ $? -eq 2 ] || fail "--threads 0 is misuse (exit 2)"
"$NG" serve --db "$tmp/none.db" --port 0 2>"$tmp/err"; [ $? -eq 1 ] || fail "a missing database fails (exit 1)"
"$NG" serve --db "$tmp/none.db" --bind nowhere --port 0 2>"$tmp/err"; [ $? -eq 1 ] || fail "a bad --bind fails"

make_db "$tmp/kb.db" tests/e2e/fixture.jsonl || exit 1
start_server "$tmp/kb.db" --web "" --threads 2 || exit 1
grep -q "127.0.0.1:$PORT" "$SERVER_LOG" || fail "binds loopback by default"

# status PATH WANT [curl args]: the status of GET PATH, and a JSON error body for 4xx/5xx.
status() {
    path=$1 want=$2
    shift 2
    got=$(curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' "$@" "$BASE$path")
    [ "$got" = "$want" ] || fail "$path: status $got, want $want ($(head -c 200 "$tmp/body"))"
    if [ "$want" -ge 400 ] && [ "$want" != 414 ] && [ "$want" != 431 ]; then
        grep -q '^{"error":"' "$tmp/body" || fail "$path: error body is not {\"error\": ...}"
    fi
}

for p in /healthz /api/overview "/api/entities?q=whit&type=person&limit=5&offset=0" /api/entities/2 \
         "/api/facts?relation=attended&subject=Whitfield&year=2019" /api/facts/2 /api/timeline/2 \
         "/api/search?q=summit" /api/documents/1 /api/graph/2 /api/events/1 "/api/suggest?q=dan"; do
    status "$p" 200
done
curl -s "$BASE/api/entities/2" | grep -q '"name":"Dana Whitfield"' || fail "entity 2 is Dana Whitfield"
curl -s "$BASE/api/facts?format=csv&relation=attended" | head -1 | grep -q '^id,relation,' || fail "CSV header"
n=$(curl -s "$BASE/api/facts?format=csv&relation=attended" | wc -l)
[ "$n" -eq 10 ] || fail "CSV: $n lines, want header + 9"

status "/api/entities?limit=0" 400
status "/api/entities?bogus=1" 400
status "/api/entities?=x" 400
status "/api/entities/abc" 400
status /api/entities/424242 404
status /api/nowhere 404
status "/api/search?q=%22" 400
status "/api/facts?relation=x%27%20OR%201=1--" 400
status "/api/entities?q=%27%20OR%201=1--" 200
status "/api/search?q=NEAR(summit%20port)%20OR%20*" 200
status /../../etc/passwd 404
status /%2e%2e/%2e%2e/etc/passwd 404
curl -s "$BASE/" | grep -q 'make web' || fail "/ without a UI says how to build it"
status /api/entities 405 -X POST -d x=1
status /api/entities 413 -X GET -H 'Content-Length: 4' -d abcd
long=$(head -c 3000 /dev/zero | tr '\0' 1)
status "/api/entities/$long" 414
big=$(head -c 40000 /dev/zero | tr '\0' h)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$BASE/healthz")
case $code in 413 | 414 | 431) ;; *) fail "40 KB of headers: status $code" ;; esac
curl -s "$BASE/api/overview" | grep -q '"facts":20' || fail "the database is unchanged after the attempts"

# Keep-alive: two requests, one connection.
curl -s -v "$BASE/healthz" "$BASE/healthz" -o /dev/null -o /dev/null 2>&1 | grep -q 'Re-using existing connection' ||
    fail "keep-alive"

# The port is taken: a second server fails.
"$NG" serve --db "$tmp/kb.db" --port "$PORT" 2>/dev/null; [ $? -eq 1 ] || fail "a taken port fails (exit 1)"

stop_server
[ "$STOP_RC" -eq 0 ] || fail "SIGTERM: exit $STOP_RC, want 0"
[ "$fails" -eq 0 ] && echo "serve API: all checks passed"
[ "$fails" -eq 0 ]
