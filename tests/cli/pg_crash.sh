#!/bin/sh
# pg_crash.sh - kill -9 a writer of a PostgreSQL knowledge base mid-batch,
# several times, while another writer goes on: after each kill no document
# is stored in part and the aggregates agree with their rows; re-running
# the killed command completes the work, and the result equals one SQLite
# run of the same records (canonical exports).  Skips (exit 77) when
# PostgreSQL cannot run.
set -u
NG=${NG:-build/newsgraph}
KILLS=${KILLS:-4}
DOCS=${DOCS:-1500}
tmp=$(mktemp -d)
NG_BACKEND=pg
. tests/cli/store_db.inc
trap 'db_cleanup; rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
pg_server
db=$(newdb crash)
q() { "$NG" sql --db "$db" "$1"; }

awk -v n="$DOCS" -v seed=11 -f tests/cli/store_gen.awk >"$tmp/big.jsonl"
awk -v n=300 -v seed=12 -f tests/cli/store_gen.awk >"$tmp/other.jsonl"

check() {
    bad=$(q "SELECT
        (SELECT count(*) FROM documents d WHERE nsentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE nentities <> (SELECT count(*) FROM doc_entities x WHERE x.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE nfacts > 0 AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) <> 3)
      + (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_hashes h WHERE h.document_id = d.id))
      + (SELECT count(*) FROM doc_hashes h WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = h.document_id))
      + (SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities))
      + (SELECT count(*) FROM evidence WHERE fact_id NOT IN (SELECT id FROM facts))
      + (SELECT count(*) FROM facts f WHERE nevidence <> (SELECT count(*) FROM evidence v WHERE v.fact_id = f.id))
      + (SELECT count(*) FROM entities e WHERE ndocs <> (SELECT count(DISTINCT document_id) FROM doc_entities x WHERE x.entity_id = e.id))") ||
        fail "reading after kill $1"
    [ "$bad" = 0 ] || fail "inconsistent rows after kill $1 ($bad)"
}

"$NG" load -q --batch 100 --db "$db" "$tmp/other.jsonl" &
other=$!
i=1
stored_before=0
while [ $i -le "$KILLS" ]; do
    delay=$(awk -v s="$$$i" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 1.2 }')
    "$NG" ingest -q --records -j 2 --batch 50 --db "$db" "$tmp/big.jsonl" &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if q 'SELECT 1' >/dev/null 2>"$tmp/err"; then
        check $i
        stored=$(q "SELECT count(*) FROM documents")
        [ "$stored" -ge "$stored_before" ] || fail "documents went from $stored_before to $stored"
        stored_before=$stored
    else
        grep -q 'empty knowledge base' "$tmp/err" || fail "after kill $i: $(cat "$tmp/err")"
    fi
    i=$((i + 1))
done
wait $other || fail "the other writer failed while one was killed"
echo "FIGURE after $KILLS kills: $stored_before of $((DOCS + 300)) documents stored"
"$NG" ingest -q --records -j 2 --db "$db" "$tmp/big.jsonl" || fail "the re-run did not complete"
check final
[ "$(q 'SELECT count(*) FROM documents')" = $((DOCS + 300)) ] || fail "documents after the re-run: $(q 'SELECT count(*) FROM documents')"
out=$("$NG" ingest --records --json --db "$db" "$tmp/big.jsonl") || fail "third run"
echo "$out" | grep -q "\"new\":0,\"duplicates\":$DOCS," || fail "third run stored something: $out"

seq=$tmp/seq.db
"$NG" ingest -q --records --db "$seq" "$tmp/other.jsonl" "$tmp/big.jsonl" || fail "the SQLite run"
canon "$seq" | LC_ALL=C sort >"$tmp/seq.txt"
canon "$db" | LC_ALL=C sort >"$tmp/pg.txt"
cmp -s "$tmp/seq.txt" "$tmp/pg.txt" || { diff "$tmp/seq.txt" "$tmp/pg.txt" | head; fail "killed and re-run differs from one SQLite run"; }
echo "ok"
