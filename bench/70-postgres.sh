#!/bin/sh
# Scale-out (issue: PostgreSQL knowledge base): documents/s stored into
# PostgreSQL by 1, 2 and 4 concurrent writers (`newsgraph load` of extract
# records, disjoint shards; SQLite with one writer for comparison), and
# extract as a pure filter: documents/s and tokens/s of `newsgraph extract`
# on one core (the article benchmark's HTML pages; the demo corpus repeated
# when ../shared is absent).  The server is a throw-away one
# (scripts/pg-test-server), or $NEWSGRAPH_PG_URL.
. bench/lib.sh
DOCS=${BENCH_PG_DOCS:-4000}
tmp=$(mktemp -d)
pgdir=""
trap '[ -n "$pgdir" ] && scripts/pg-test-server stop "$pgdir"; rm -rf "$tmp"' EXIT
export NEWSGRAPH_NO_PROGRESS=1

# ------------------------------------------------------ extract as a filter
if [ -d "$SHARED/data/article-extraction-benchmark/html" ]; then
    src="$SHARED/data/article-extraction-benchmark/html"
    what="article benchmark HTML pages"
else
    src="$tmp/demo"
    mkdir -p "$src"
    for i in 1 2 3 4 5 6 7 8 9 10; do
        for f in examples/corpus/*.txt examples/corpus/*.html; do cp "$f" "$src/$i-$(basename "$f")"; done
    done
    what="demo corpus x10"
fi
empty=$(mktemp -d)
NEWSGRAPH_MODELS=$empty "$NG" extract --format conllu "$src" 2>/dev/null >"$tmp/tok.conllu"
tokens=$(grep -c '^[0-9]' "$tmp/tok.conllu")
rmdir "$empty"
measure "$tmp/ex.jsonl" "$NG" extract "$src"
docs=$(grep -c '"kind":"document"' "$tmp/ex.jsonl")
echo "  extract (filter, JSONL out): $docs $what, $tokens tokens in ${SECS}s: $(rate "$docs" "$SECS") documents/s," \
     "$(rate "$tokens" "$SECS") tokens/s (1 core), peak RSS ${RSS_MB} MB"

# ------------------------------------------------------- writers into the KB
if [ -n "${NEWSGRAPH_PG_URL:-}" ]; then
    url=$NEWSGRAPH_PG_URL
else
    out=$(scripts/pg-test-server start "$tmp/pg" 2>&1) || { echo "  PostgreSQL: skipped: $(echo "$out" | tail -1)"; exit 0; }
    pgdir=$tmp/pg
    url=$(echo "$out" | tail -1)
fi
case $url in *\?*) sep='&' ;; *) sep='?' ;; esac
psql_q() { PGOPTIONS="-c client_min_messages=warning" psql -q -X "$url" -c "$1" >/dev/null; }

awk -v n="$DOCS" -v seed=70 -f tests/cli/store_gen.awk >"$tmp/all.jsonl"
for k in 1 2 4; do
    awk -v dir="$tmp" -v k="$k" '/"kind":"document"/ { d++ } { print > (dir "/s" k "_" (d % k) ".jsonl") }' "$tmp/all.jsonl"
done
t0=$(date +%s.%N)
"$NG" load -q --db "$tmp/kb.db" "$tmp/all.jsonl"
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
echo "  SQLite, 1 writer: $DOCS documents in ${secs}s: $(rate "$DOCS" "$secs") documents/s"
for k in 1 2 4; do
    schema="ngbench_$$_$k"
    psql_q "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
    db="$url${sep}options=-csearch_path%3D$schema"
    t0=$(date +%s.%N)
    pids=""
    i=0
    while [ $i -lt $k ]; do
        "$NG" load -q --batch 250 --db "$db" "$tmp/s${k}_$i.jsonl" &
        pids="$pids $!"
        i=$((i + 1))
    done
    ok=1
    for p in $pids; do wait "$p" || ok=0; done
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    n=$("$NG" sql --db "$db" "SELECT count(*) FROM documents")
    [ $ok = 1 ] && [ "$n" = "$DOCS" ] || echo "  (a writer failed: $n of $DOCS documents stored)"
    echo "  PostgreSQL, $k writer(s): $DOCS documents in ${secs}s: $(rate "$DOCS" "$secs") documents/s ($(nproc) cores)"
    psql_q "DROP SCHEMA $schema CASCADE"
done
