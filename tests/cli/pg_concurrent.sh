#!/bin/sh
# pg_concurrent.sh - 4 writers at once into one PostgreSQL knowledge base
# (2 `ingest` and 2 `load`, on overlapping shards of one corpus, one shard
# in reverse order) end with exactly the documents, entities, facts,
# evidence and mentions of one SQLite run of the whole corpus (a canonical
# export: natural keys instead of ids, sorted); readers during the run see
# only whole batches; running a writer again changes nothing.  The corpus:
# examples/corpus extracted, plus records from store_gen.awk (no model needed
# for those).  Skips (exit 77) when PostgreSQL cannot run.
set -u
NG=${NG:-build/newsgraph}
DOCS=${DOCS:-1200}
tmp=$(mktemp -d)
NG_BACKEND=pg
. tests/cli/store_db.inc
trap 'db_cleanup; rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
pg_server

"$NG" extract examples/corpus >"$tmp/corpus.jsonl" 2>"$tmp/err" || fail "extract: $(cat "$tmp/err")"
awk -v n="$DOCS" -v seed=21 -f tests/cli/store_gen.awk >"$tmp/gen.jsonl"
cat "$tmp/corpus.jsonl" "$tmp/gen.jsonl" >"$tmp/all.jsonl"
total=$(grep -c '"kind":"document"' "$tmp/all.jsonl")

# Four shards by document, each overlapping the next by a fifth of a shard.
awk -v dir="$tmp" -v total="$total" '
    /"kind":"document"/ { d++ }
    {
        size = total / 4
        s = int((d - 1) / size)
        print > (dir "/shard" s ".jsonl")
        if (s < 3 && d - 1 >= (s + 1) * size - size / 5) print > (dir "/shard" (s + 1) ".jsonl")
        if (s == 3 && d <= size / 5) print > (dir "/shard0.jsonl")
    }' "$tmp/all.jsonl"
# Shard 3 in reverse document order.
awk '/"kind":"document"/ { n++ } { doc[n] = doc[n] $0 "\n" } END { for (i = n; i >= 1; i--) printf "%s", doc[i] }' \
    "$tmp/shard3.jsonl" >"$tmp/shard3r.jsonl"

seq=$tmp/seq.db
"$NG" ingest -q --records --db "$seq" "$tmp/all.jsonl" || fail "the SQLite run"

db=$(newdb concurrent) # an empty schema: the first writers also race to create the tables
"$NG" ingest -q --records -j 1 --batch 40 --db "$db" "$tmp/shard1.jsonl" &
w1=$!
"$NG" ingest -q --records -j 2 --batch 25 --db "$db" "$tmp/shard0.jsonl" &
w2=$!
"$NG" load -q --batch 60 --db "$db" "$tmp/shard2.jsonl" &
w3=$!
"$NG" load -q --batch 35 --db "$db" "$tmp/shard3r.jsonl" &
w4=$!

reads=0 last=0
while kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null || kill -0 $w3 2>/dev/null || kill -0 $w4 2>/dev/null; do
    if ! n=$("$NG" sql --db "$db" "SELECT count(*) FROM documents" 2>"$tmp/err"); then
        grep -q 'empty knowledge base' "$tmp/err" || fail "a read failed during the writes: $(cat "$tmp/err")"
        continue # no table yet
    fi
    [ "$n" -ge "$last" ] || fail "documents went from $last to $n"
    half=$("$NG" sql --db "$db" "SELECT count(*) FROM documents d
        WHERE nsentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)
           OR nentities <> (SELECT count(*) FROM doc_entities x WHERE x.document_id = d.id)") || fail "a read failed"
    [ "$half" = 0 ] || fail "a reader saw $half documents in part"
    last=$n
    reads=$((reads + 1))
done
for w in $w1 $w2 $w3 $w4; do
    wait $w || fail "a concurrent writer failed"
done
echo "FIGURE 4 writers on overlapping shards of $total documents, $reads rounds of reads meanwhile"

canon "$seq" | LC_ALL=C sort >"$tmp/seq.txt" || fail "canonical export of the SQLite run"
canon "$db" | LC_ALL=C sort >"$tmp/pg.txt" || fail "canonical export of PostgreSQL"
[ "$(grep -c '^D|' "$tmp/seq.txt")" = "$total" ] || fail "the SQLite run stored $(grep -c '^D|' "$tmp/seq.txt") of $total"
if ! cmp -s "$tmp/seq.txt" "$tmp/pg.txt"; then
    diff "$tmp/seq.txt" "$tmp/pg.txt" | head -20
    fail "4 writers built a different knowledge base than one SQLite run ($(diff "$tmp/seq.txt" "$tmp/pg.txt" | grep -c '^[<>]') lines differ)"
fi
echo "FIGURE canonical exports equal: $(grep -c '^E|' "$tmp/pg.txt") entities, $(grep -c '^F|' "$tmp/pg.txt") facts, $(grep -c '^V|' "$tmp/pg.txt") evidence"

out=$("$NG" load --json --db "$db" "$tmp/shard2.jsonl") || fail "loading a shard again"
echo "$out" | grep -q '"new":0,' || fail "loading a shard again stored something: $out"
canon "$db" | LC_ALL=C sort | cmp -s - "$tmp/pg.txt" || fail "loading a shard again changed the knowledge base"
echo "ok"
