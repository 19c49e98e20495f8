#!/bin/sh
# store_concurrent.sh - readers during an ingest: every query started while
# documents are being written succeeds, sees only whole batches (counts
# never go down, documents always have their sentences), and two ingests
# into one database at once store each document exactly once.
set -u
NG=${NG:-build/newsgraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
db=$tmp/kb.db
awk -v n=2000 -v seed=5 -f tests/cli/store_gen.awk >"$tmp/gen.jsonl"
"$NG" ingest -q --db "$db" examples/corpus/2014-11-kestrel-names-vale.txt || fail "creating the database"

"$NG" ingest -q -j 1 --batch 5 --db "$db" "$tmp/gen.jsonl" &
writer=$!
reads=0 last=0
while kill -0 $writer 2>/dev/null; do
    n=$("$NG" sql --db "$db" "SELECT count(*) FROM documents") || fail "a read failed during the ingest"
    [ "$n" -ge "$last" ] || fail "documents went from $last to $n"
    half=$("$NG" sql --db "$db" "SELECT count(*) FROM documents d
        WHERE nsentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)") || fail "a read failed"
    [ "$half" = 0 ] || fail "a reader saw $half documents without all their sentences"
    "$NG" entities --db "$db" --limit 3 >/dev/null || fail "entities failed during the ingest"
    last=$n
    reads=$((reads + 1))
done
wait $writer || fail "the ingest failed while being read"
echo "FIGURE $reads rounds of reads during one ingest, all succeeded"

# Two writers on the same inputs: each document is stored once.
db2=$tmp/two.db
"$NG" ingest -q --db "$db2" examples/corpus/2014-11-kestrel-names-vale.txt || fail "creating the second database"
"$NG" ingest -q -j 1 --batch 10 --db "$db2" "$tmp/gen.jsonl" &
a=$!
"$NG" ingest -q -j 1 --batch 10 --db "$db2" "$tmp/gen.jsonl" &
b=$!
wait $a || fail "first concurrent writer failed"
wait $b || fail "second concurrent writer failed"
[ "$("$NG" sql --db "$db2" "SELECT count(*) FROM documents")" = 2001 ] || fail "two writers stored the wrong number"
[ "$("$NG" sql --db "$db2" "SELECT (SELECT count(*) FROM entities) || ' ' || (SELECT sum(nevidence) FROM facts)")" = \
  "$("$NG" sql --db "$db" "SELECT (SELECT count(*) FROM entities) || ' ' || (SELECT sum(nevidence) FROM facts)")" ] ||
    fail "two writers built a different knowledge base than one"
echo "ok"
