#!/bin/sh
# store_query.sh - the query commands on a small annotated knowledge base
# built from records: entities, entity (profile), facts with filters,
# timeline, search, sql (read-only), and every export format.
# NG_BACKEND=pg runs it on PostgreSQL (tests/cli/pg_store.sh does).
set -u
NG=${NG:-build/newsgraph}
tmp=$(mktemp -d)
. tests/cli/store_db.inc
trap 'db_cleanup; rm -rf "$tmp"' EXIT
NEWSGRAPH_DB=$(newdb kb)
export NEWSGRAPH_NO_PROGRESS=1 NEWSGRAPH_DB
fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WHAT EXPECTED ACTUAL
    [ "$2" = "$3" ] || fail "$1: expected
$2
got
$3"
}

cat >"$tmp/rec.jsonl" <<'RECORDS'
{"kind":"document","doc":"r1","title":"Vale joins Kestrel","date":"2020-02-02","body":"Nora Vale joined Kestrel Systems as chief executive. She said: growth first."}
{"kind":"entity","doc":"r1","id":0,"name":"Nora Vale","type":"PERSON","aliases":["Vale"],"mentions":[[0,9]]}
{"kind":"entity","doc":"r1","id":1,"name":"Kestrel Systems","type":"ORG","aliases":[],"mentions":[[17,32]]}
{"kind":"fact","doc":"r1","relation":"role","subject":{"id":0},"object":{"id":1},"time":"2020","title":"Chief Executive","evidence":{"start":0,"end":52}}
{"kind":"fact","doc":"r1","relation":"said","subject":{"id":0},"object":{"name":"growth first","type":"LITERAL"},"evidence":{"start":53,"end":76}}
{"kind":"document","doc":"r2","title":"Summit","date":"2021-05-02","body":"Kestrel Systems Inc. attended the Cloud Summit 2021 in Porto. Nora Vale did not attend."}
{"kind":"entity","doc":"r2","id":0,"name":"Kestrel Systems Inc.","type":"ORG","aliases":["Kestrel"],"mentions":[[0,20]]}
{"kind":"entity","doc":"r2","id":1,"name":"Cloud Summit 2021","type":"EVENT","aliases":[],"mentions":[[34,51]]}
{"kind":"entity","doc":"r2","id":2,"name":"Nora Vale","type":"PERSON","aliases":[],"mentions":[[62,71]]}
{"kind":"fact","doc":"r2","relation":"attended","subject":{"id":0},"object":{"id":1},"evidence":{"start":0,"end":61}}
{"kind":"fact","doc":"r2","relation":"attended","subject":{"id":2},"object":{"id":1},"polarity":"negative","evidence":{"start":62,"end":87}}
{"kind":"document","doc":"r3","title":"Summit again","date":"2023-05-09","body":"Nora Vale will attend the Cloud Summit 2023, organisers said."}
{"kind":"entity","doc":"r3","id":0,"name":"Nora Vale","type":"PERSON","aliases":[],"mentions":[[0,9]]}
{"kind":"entity","doc":"r3","id":1,"name":"Cloud Summit 2023","type":"EVENT","aliases":[],"mentions":[[26,43]]}
{"kind":"fact","doc":"r3","relation":"attended","subject":{"id":0},"object":{"id":1},"modality":"planned","evidence":{"start":0,"end":61}}
RECORDS
"$NG" ingest -q "$tmp/rec.jsonl" || fail "ingest"

expect entities "$(printf '1\tNora Vale\tPERSON\t3\t3\t4\t2020-02-02\t2023-05-09\n3\tCloud Summit\tEVENT\t2\t2\t3\t2021-05-02\t2023-05-09\n2\tKestrel Systems Inc.\tORG\t2\t2\t2\t2020-02-02\t2021-05-02')" \
    "$("$NG" entities)"
expect "entities --type" "Cloud Summit" "$("$NG" entities --type event | cut -f 2)"
expect "entities --search" "Kestrel Systems Inc." "$("$NG" entities --search 'systems inc' | cut -f 2)"
expect "entity aliases" "$(printf 'alias\tKestrel\t1\nalias\tKestrel Systems\t1')" "$("$NG" entity kestrel | grep '^alias')"
expect "entity sections" "entity alias alias role fact fact cooccurs cooccurs document document" \
    "$("$NG" entity Kestrel | cut -f 1 | tr '\n' ' ' | sed 's/ $//')"
expect "entity #id" "Nora Vale" "$("$NG" entity '#1' | head -1 | cut -f 3)"
"$NG" entity 'Nobody Here' 2>/dev/null && fail "an unknown entity succeeded"
expect "facts --relation --negated" "Nora Vale	Cloud Summit	negative	2021" \
    "$("$NG" facts --relation attended --negated | cut -f 3,5,7,10)"
expect "facts --planned" "Nora Vale	planned	2023" "$("$NG" facts --planned | cut -f 3,10,8)"
expect "facts --subject alias" "said role attended attended" "$("$NG" facts --subject vale | cut -f 2 | tr '\n' ' ' | sed 's/ $//')"
expect "facts --year" "2" "$("$NG" facts --year 2021 | wc -l | tr -d ' ')"
expect "facts --object quote" "said" "$("$NG" facts --object growth | cut -f 2)"
expect "role title folded" "chief executive" "$("$NG" facts --relation role | cut -f 11)"
expect "timeline order" "2020 2020-02-02 2021 2023" "$("$NG" timeline 'Nora Vale' | cut -f 1 | tr '\n' ' ' | sed 's/ $//')"
expect "search" "r2	Nora Vale did not attend.	Nora Vale" "$("$NG" search 'did not attend' | cut -f 1,5,6)"
expect "search --fts" "3" "$("$NG" search --fts 'summit OR growth' | wc -l | tr -d ' ')"
expect "sql --header" "$(printf 'n\n3')" "$("$NG" sql --header 'SELECT count(*) AS n FROM documents')"
"$NG" sql 'DROP TABLE facts' 2>/dev/null && fail "sql ran a write"
"$NG" sql 'SELECT 1; DELETE FROM facts' 2>/dev/null && fail "sql ran a second statement"
expect "facts survive" 5 "$("$NG" sql 'SELECT count(*) FROM facts')"
"$NG" search --db "$NEWSGRAPH_DB" "" 2>/dev/null && fail "an empty search succeeded"

# JSON everywhere.
expect "entities --json" '{"id":3,"name":"Cloud Summit","type":"EVENT","documents":2,"mentions":2,"facts":3,"first_seen":"2021-05-02","last_seen":"2023-05-09"}' \
    "$("$NG" entities --json --type EVENT)"
if command -v python3 >/dev/null 2>&1; then
    for c in "entities" "entity Vale" "facts" "timeline Kestrel" "search summit" "sql SELECT*FROM\ documents"; do
        eval "\"\$NG\" $c --json" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' ||
            fail "$c --json is not JSON Lines"
    done
    "$NG" entity --json Vale | python3 -c '
import json, sys
p = json.load(sys.stdin)
assert p["entity"]["name"] == "Nora Vale", p
assert sorted(p["facts"]) == ["attended", "role", "said"], p["facts"]
assert p["roles"][0]["title"] == "chief executive"
assert p["cooccurring"][0]["name"] in ("Kestrel Systems", "Cloud Summit")' || fail "entity --json"
fi

# Exports.
"$NG" export >"$tmp/g.jsonl" || fail "export jsonl"
expect "jsonl nodes/edges" "3 4" "$(grep -c '"kind":"node"' "$tmp/g.jsonl") $(grep -c '"kind":"edge"' "$tmp/g.jsonl")"
"$NG" export -f csv -o "$tmp/csv" || fail "export csv"
expect "csv rows" "4 5" "$(wc -l <"$tmp/csv/nodes.csv" | tr -d ' ') $(wc -l <"$tmp/csv/edges.csv" | tr -d ' ')"
head -1 "$tmp/csv/edges.csv" | grep -q '^id,source,target,relation,' || fail "edges.csv header"
"$NG" export -f csv 2>/dev/null && fail "csv without -o succeeded"
"$NG" export -f graphml -o "$tmp/g.graphml" || fail "export graphml"
"$NG" export -f gexf >"$tmp/g.gexf" || fail "export gexf"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/g.graphml" "$tmp/g.gexf" <<'PY' || fail "GraphML/GEXF not well-formed or incomplete"
import sys, xml.etree.ElementTree as ET
g = ET.parse(sys.argv[1]).getroot()
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
assert len(g.findall(".//g:node", ns)) == 3 and len(g.findall(".//g:edge", ns)) == 4
x = ET.parse(sys.argv[2]).getroot()
ns = {"x": "http://gexf.net/1.3"}
assert len(x.findall(".//x:node", ns)) == 3 and len(x.findall(".//x:edge", ns)) == 4
PY
fi
"$NG" export -f dot 2>/dev/null && fail "an unknown format succeeded"
echo "ok"
