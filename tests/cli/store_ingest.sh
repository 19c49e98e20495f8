#!/bin/sh
# store_ingest.sh - `newsgraph ingest`: a second run changes nothing, the
# syndicated copy in the demo corpus is linked as a near-duplicate, records
# with annotations give the same knowledge base with 1 or 2 threads, and
# malformed inputs in a batch are reported while the rest is stored.
# NG_BACKEND=pg runs it on PostgreSQL (tests/cli/pg_store.sh does).
set -u
NG=${NG:-build/newsgraph}
tmp=$(mktemp -d)
. tests/cli/store_db.inc
trap 'db_cleanup; rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
counts() {
    "$NG" sql --db "$1" "SELECT (SELECT count(*) FROM documents) || ' ' || (SELECT count(*) FROM sentences)
        || ' ' || (SELECT count(*) FROM entities) || ' ' || (SELECT count(*) FROM aliases)
        || ' ' || (SELECT count(*) FROM mentions) || ' ' || (SELECT count(*) FROM facts)
        || ' ' || (SELECT count(*) FROM evidence) || ' ' || (SELECT coalesce(sum(nsources), 0) FROM facts)"
}

# The demo corpus, twice.
db=$(newdb demo)
out=$("$NG" ingest --json -j 2 --db "$db" examples/corpus) || fail "first ingest of the demo corpus"
echo "$out" | grep -q '"new":15,"duplicates":0,"near_duplicates":1,' || fail "first run summary: $out"
c1=$(counts "$db")
out=$("$NG" ingest --json -j 2 --db "$db" examples/corpus) || fail "second ingest"
c2=$(counts "$db")
[ "$c1" = "$c2" ] || fail "a second ingest changed the counts: $c1 -> $c2"
echo "$out" | grep -q '"documents":16,"new":0,"duplicates":16,' || fail "second run summary: $out"
near=$("$NG" sql --db "$db" "SELECT d.doc || ' ' || o.doc FROM documents d JOIN documents o ON o.id = d.dup_of")
[ "$near" = "2016-09-harbor-summit-debuts-syndicated 2016-09-harbor-summit-debuts" ] ||
    [ "$near" = "2016-09-harbor-summit-debuts 2016-09-harbor-summit-debuts-syndicated" ] ||
    fail "near-duplicates: '$near'"
echo "FIGURE demo corpus: $c1 (documents sentences entities aliases mentions facts evidence sources)"

# Annotated records: the same knowledge base whatever the thread count.
awk -v n=300 -v seed=3 -f tests/cli/store_gen.awk >"$tmp/gen.jsonl"
j1=$(newdb j1)
j2=$(newdb j2)
"$NG" ingest -q -j 1 --db "$j1" "$tmp/gen.jsonl" || fail "ingest -j 1"
"$NG" ingest -q -j 2 --batch 7 --db "$j2" "$tmp/gen.jsonl" || fail "ingest -j 2"
"$NG" ingest -q -j 2 --db "$j2" "$tmp/gen.jsonl" || fail "ingest -j 2 again"
[ "$(counts "$j1")" = "$(counts "$j2")" ] || fail "-j 1 and -j 2 differ: $(counts "$j1") / $(counts "$j2")"
[ "$("$NG" sql --db "$j1" "SELECT count(*) FROM documents")" = 300 ] || fail "not 300 documents"

# Malformed inputs in one batch: reported with a reason, the rest stored.
mkdir "$tmp/mixed"
printf 'Harbor Tech Summit opens\n\nThe summit opened on Tuesday in a large hall by the river.\n' >"$tmp/mixed/good.txt"
printf '   \n\n  \n' >"$tmp/mixed/empty.txt"
{
    echo '{"id": "w1", "title": "One", "text": "The first wire story is about a ferry strike in the north."}'
    echo '{"id": "w2", "title": "Two", "text": "broken'
    echo '{"id": "w3", "title": "Three", "text": "The third wire story covers a bridge that opened on time."}'
} >"$tmp/mixed/wire.jsonl"
mixed=$(newdb mixed)
"$NG" ingest --batch 100 --db "$mixed" "$tmp/mixed" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "exit status $rc with failed inputs (want 1)"
grep -q 'wire.jsonl:2' "$tmp/err" || fail "the bad JSONL line is not named: $(cat "$tmp/err")"
grep -q 'no article text' "$tmp/err" || fail "the empty file is not reported: $(cat "$tmp/err")"
grep -q '5 documents .*3 new, 0 duplicates, 0 near-duplicates, 2 failed' "$tmp/err" ||
    fail "summary: $(cat "$tmp/err")"
grep -q 'failed: .*bad input format.*no article text' "$tmp/err" || fail "reasons: $(cat "$tmp/err")"
[ "$("$NG" sql --db "$mixed" "SELECT group_concat(doc, ' ') FROM (SELECT doc FROM documents ORDER BY doc) t")" = \
  "good w1 w3" ] || fail "stored: $("$NG" sql --db "$mixed" "SELECT doc FROM documents")"

# A bad record drops its whole document, never part of it.
{
    echo '{"kind":"document","doc":"r1","body":"Ada Quin spoke. Nobody listened to her."}'
    echo '{"kind":"entity","doc":"r1","id":0,"name":"Ada Quin","type":"PERSON","mentions":[[0,8]]}'
    echo '{"kind":"document","doc":"r2","body":"Bram Rask left early. It rained."}'
    echo '{"kind":"entity","doc":"r2","id":0,"name":"Bram Rask","type":"PERSON","mentions":[[0,9000]]}'
    echo '{"kind":"fact","doc":"r2","relation":"said","subject":{"id":0},"object":{"name":"x","type":"LITERAL"},"evidence":{"start":0,"end":5}}'
} >"$tmp/rec.jsonl"
rec=$(newdb rec)
"$NG" ingest -q --db "$rec" "$tmp/rec.jsonl" && fail "a bad record did not fail"
[ "$(counts "$rec")" = "1 2 1 1 1 0 0 0" ] || fail "records: $(counts "$rec")"

if [ "$NG_BACKEND" = pg ]; then # the URL from the environment; a reader never creates the schema
    env=$(newdb env)
    NEWSGRAPH_DB=$env "$NG" ingest -q examples/corpus/2014-11-kestrel-names-vale.txt || fail "NEWSGRAPH_DB ingest"
    [ "$("$NG" sql --db "$env" "SELECT count(*) FROM documents")" = 1 ] || fail "NEWSGRAPH_DB not used"
    none=$(newdb none)
    "$NG" entities --db "$none" 2>"$tmp/err" && fail "query on an empty schema succeeded"
    grep -q 'empty knowledge base' "$tmp/err" || fail "empty schema message: $(cat "$tmp/err")"
    grep -q 'options=' "$tmp/err" || fail "the message does not name the database: $(cat "$tmp/err")"
    echo "ok"
    exit 0
fi

# The database path from the environment; read-only commands on a missing one fail cleanly.
(cd "$tmp" && NEWSGRAPH_DB=env.db "$OLDPWD/$NG" ingest -q "$OLDPWD/examples/corpus/2014-11-kestrel-names-vale.txt") ||
    fail "NEWSGRAPH_DB ingest"
[ -f "$tmp/env.db" ] || fail "NEWSGRAPH_DB not used"
"$NG" entities --db "$tmp/none.db" 2>"$tmp/err" && fail "query on a missing database succeeded"
grep -q 'no such knowledge base' "$tmp/err" || fail "missing database message: $(cat "$tmp/err")"
[ ! -f "$tmp/none.db" ] || fail "a query created a database"
echo "ok"
