#!/bin/sh
# Ingest into SQLite (issue: knowledge base): documents/s and tokens/s with
# one extraction thread and with -j 2, on the news-like articles.
. bench/lib.sh
need_shared
arts=$(sh bench/corpus.sh articles)
toks=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$arts")
for j in 1 2; do
    db="$BENCH_DIR/ingest-$j.db"
    rm -f "$db" "$db-wal" "$db-shm"
    tf=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$tf" "$NG" ingest -q -j "$j" --db "$db" "$arts" >/dev/null 2>&1
    secs=$(cut -d' ' -f1 "$tf") rss=$(awk '{printf "%.1f", $2 / 1024}' "$tf")
    docs=$("$NG" sql --db "$db" 'SELECT count(*) FROM documents')
    echo "  ingest -j $j: $docs documents, ~$toks tokens in ${secs}s: $(rate "$docs" "$secs") documents/s," \
        "$(rate "$toks" "$secs") tokens/s, peak RSS ${rss} MB"
    rm -f "$tf" "$db" "$db-wal" "$db-shm"
done
