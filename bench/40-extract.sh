#!/bin/sh
# The whole pipeline (issue: knowledge extraction): read, tokenize, tag, NER,
# parse, lemma, time, entities, facts, JSON Lines out, on ~1.2M tokens of
# news-like articles, one core; the seed articles as a small real sample.
. bench/lib.sh
need_shared
arts=$(sh bench/corpus.sh articles)
measure "$BENCH_DIR/all.conllu" "$NG" extract --stages all --format conllu "$arts"
n=$(grep -c '^[0-9]' "$BENCH_DIR/all.conllu")
measure "$BENCH_DIR/all.jsonl" "$NG" extract "$arts"
docs=$(grep -c '"kind":"document"' "$BENCH_DIR/all.jsonl")
facts=$(grep -c '"kind":"fact"' "$BENCH_DIR/all.jsonl")
echo "  extract (all stages, JSON Lines): $docs documents, $n tokens in ${SECS}s: $(rate "$n" "$SECS") tokens/s," \
    "$(rate "$docs" "$SECS") documents/s (1 core), $facts facts, peak RSS ${RSS_MB} MB"
rm -f "$BENCH_DIR/all.conllu" "$BENCH_DIR/all.jsonl"
