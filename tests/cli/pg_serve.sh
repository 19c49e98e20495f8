#!/bin/sh
# pg_serve.sh - `newsgraph serve --db postgresql://...`: the same records in
# SQLite and in PostgreSQL, served side by side, give the same answer to
# every endpoint of the JSON API (only the ingest time and the full-text
# ranking may differ); `newsgraph sql --db URL` is read-only.  Skips (exit
# 77) when PostgreSQL or curl is missing.
set -u
NG=${NG:-build/newsgraph}
command -v curl >/dev/null || { echo "skip: curl is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
tmp=$(mktemp -d)
NG_BACKEND=pg
. tests/cli/store_db.inc
. tests/e2e/server.sh
A_PID="" B_PID=""
trap 'kill $A_PID $B_PID 2>/dev/null; wait 2>/dev/null; db_cleanup; rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
pg_server
db=$(newdb serve)
"$NG" load -q --db "$db" tests/e2e/fixture.jsonl || fail "loading the fixture into PostgreSQL"
"$NG" load -q --db "$tmp/kb.db" tests/e2e/fixture.jsonl || fail "loading the fixture into SQLite"

start_server "$tmp/kb.db" --web "" --threads 2 || exit 1
A=$BASE A_PID=$SERVER_PID
start_server "$db" --web "" --threads 2 || exit 1
B=$BASE B_PID=$SERVER_PID

python3 - "$A" "$B" <<'PY' >"$tmp/cmp" || { cat "$tmp/cmp"; fail "the API differs between SQLite and PostgreSQL"; }
import json, sys, urllib.request, urllib.error
a, b = sys.argv[1], sys.argv[2]
paths = ["/healthz", "/api/overview", "/api/entities?limit=50", "/api/entities?q=whit&type=person&limit=5&offset=0",
         "/api/entities?type=org", "/api/entities/1", "/api/entities/2", "/api/entities/3", "/api/timeline/2",
         "/api/timeline/5", "/api/graph/2", "/api/graph/3?limit=3", "/api/events/1", "/api/events/4",
         "/api/documents/1", "/api/documents/3", "/api/facts?limit=100",
         "/api/facts?relation=attended&subject=Whitfield&year=2019", "/api/facts?polarity=negative",
         "/api/facts?modality=planned", "/api/facts?entity=2&offset=1&limit=3", "/api/facts?format=csv&relation=attended",
         "/api/facts?source=wire", "/api/facts/1", "/api/facts/2", "/api/facts/7", "/api/suggest?q=dan",
         "/api/suggest?q=summ", "/api/search?q=summit&limit=100", "/api/search?q=summit%20har*",
         "/api/search?q=summit&sort=relevance&limit=100", "/api/entities/424242", "/api/search?q=%22"]

def get(base, path):
    try:
        with urllib.request.urlopen(base + path) as r:
            status, body = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read().decode()
    try:
        j = json.loads(body)
    except ValueError:
        return status, body
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "ingested"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    j = strip(j)
    if path.startswith("/api/search") and isinstance(j, dict) and "items" in j:
        j["items"] = sorted(j["items"], key=lambda i: i.get("sentence_id", 0))  # bm25 and ts_rank differ
    return status, json.dumps(j, sort_keys=True)

bad = 0
for p in paths:
    x, y = get(a, p), get(b, p)
    if x != y:
        bad += 1
        print("differs:", p, "\nsqlite:    ", str(x)[:700], "\npostgresql:", str(y)[:700])
print(len(paths) - bad)
sys.exit(1 if bad else 0)
PY
n=$(tail -1 "$tmp/cmp")
echo "FIGURE $n API answers equal on SQLite and PostgreSQL"

# Read-only SQL through the URL.
[ "$("$NG" sql --db "$db" 'SELECT count(*) FROM facts')" = "$("$NG" sql --db "$tmp/kb.db" 'SELECT count(*) FROM facts')" ] ||
    fail "sql count(*) differs"
"$NG" sql --db "$db" 'DELETE FROM facts' 2>/dev/null && fail "sql ran a DELETE"
"$NG" sql --db "$db" 'WITH x AS (DELETE FROM facts RETURNING 1) SELECT count(*) FROM x' 2>/dev/null && fail "sql ran a DELETE in WITH"
"$NG" sql --db "$db" "SELECT nextval('facts_id_seq')" 2>/dev/null && fail "sql advanced a sequence"
"$NG" sql --db "$db" 'SELECT 1; DELETE FROM facts' 2>/dev/null && fail "sql ran two statements"
[ "$("$NG" sql --db "$db" 'SELECT count(*) FROM facts')" -gt 0 ] || fail "facts were deleted"
echo "ok"
