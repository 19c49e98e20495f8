#!/bin/sh
# store_crash.sh - kill -9 an ingest at random moments, many times: after
# each kill the database passes PRAGMA integrity_check, holds no document in
# part (every stored document has all its sentences, entities, mentions and
# evidence) and its aggregates agree with its rows; a final re-run completes
# the work, and one more changes nothing.
set -u
NG=${NG:-build/newsgraph}
KILLS=${KILLS:-10}
DOCS=${DOCS:-3000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1
fail() { echo "FAIL: $*"; exit 1; }
db=$tmp/kb.db
q() { "$NG" sql --db "$db" "$1"; }

awk -v n="$DOCS" -v seed=11 -f tests/cli/store_gen.awk >"$tmp/big.jsonl"

check() {
    [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill $1: $(q 'PRAGMA integrity_check')"
    bad=$(q "SELECT
        (SELECT count(*) FROM documents d WHERE nsentences <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE nentities <> (SELECT count(*) FROM doc_entities x WHERE x.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE nfacts > 0 AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.document_id = d.id))
      + (SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) <> 3)
      + (SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities))
      + (SELECT count(*) FROM evidence WHERE fact_id NOT IN (SELECT id FROM facts))
      + (SELECT count(*) FROM facts f WHERE nevidence <> (SELECT count(*) FROM evidence v WHERE v.fact_id = f.id))
      + (SELECT count(*) FROM entities e WHERE ndocs <> (SELECT count(DISTINCT document_id) FROM doc_entities x WHERE x.entity_id = e.id))
      + (SELECT count(*) FROM sentences_fts) - (SELECT count(*) FROM sentences)")
    [ "$bad" = 0 ] || fail "inconsistent rows after kill $1 ($bad)"
}

i=1
stored_before=0
while [ $i -le "$KILLS" ]; do
    delay=$(awk -v s="$$$i" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 0.5 }')
    "$NG" ingest -q -j 2 --batch 50 --db "$db" "$tmp/big.jsonl" &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if "$NG" sql --db "$db" 'SELECT 1' >/dev/null 2>"$tmp/err"; then
        check $i
        stored=$(q "SELECT count(*) FROM documents")
        [ "$stored" -ge "$stored_before" ] || fail "documents went from $stored_before to $stored"
        stored_before=$stored
    elif [ -f "$db" ]; then # killed before the first commit: no schema yet, nothing stored
        grep -q 'empty knowledge base' "$tmp/err" || fail "after kill $i: $(cat "$tmp/err")"
    fi
    i=$((i + 1))
done
echo "FIGURE after $KILLS kills: $stored_before of $DOCS documents stored"
"$NG" ingest -q -j 2 --db "$db" "$tmp/big.jsonl" || fail "the re-run did not complete"
check final
[ "$(q 'SELECT count(*) FROM documents')" = "$DOCS" ] || fail "documents after the re-run: $(q 'SELECT count(*) FROM documents')"
before=$(q "SELECT (SELECT count(*) FROM entities) || ' ' || (SELECT count(*) FROM facts) || ' ' || (SELECT sum(nsources) FROM facts)")
out=$("$NG" ingest --json --db "$db" "$tmp/big.jsonl") || fail "third run"
echo "$out" | grep -q "\"new\":0,\"duplicates\":$DOCS," || fail "third run stored something: $out"
after=$(q "SELECT (SELECT count(*) FROM entities) || ' ' || (SELECT count(*) FROM facts) || ' ' || (SELECT sum(nsources) FROM facts)")
[ "$before" = "$after" ] || fail "third run changed $before -> $after"
echo "ok"
