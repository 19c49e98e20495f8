#!/bin/sh
# Reading + cleaning + tokenizing (issue: foundation): text and HTML corpora,
# one core, MB/s and tokens/s, peak RSS.  Only the tokenize stage runs
# (NEWSGRAPH_MODELS points at an empty directory).
. bench/lib.sh
need_shared
news=$(sh bench/corpus.sh news)
html=$(sh bench/corpus.sh html)
empty=$(mktemp -d)
mb=$(du -m "$news" | cut -f1)
NEWSGRAPH_MODELS=$empty measure "$BENCH_DIR/tok.conllu" "$NG" extract --format conllu "$news"
n=$(grep -c '^[0-9]' "$BENCH_DIR/tok.conllu")
echo "  text: $mb MB, $n tokens in ${SECS}s: $(rate "$mb" "$SECS") MB/s, $(rate "$n" "$SECS") tokens/s (1 core), peak RSS ${RSS_MB} MB"
hmb=$(cat "$html"/*.gz | gunzip | wc -c | awk '{printf "%d", $1 / 1048576}')
NEWSGRAPH_MODELS=$empty measure "$BENCH_DIR/html.conllu" "$NG" extract --format conllu "$html"
n=$(grep -c '^[0-9]' "$BENCH_DIR/html.conllu")
pages=$(ls "$html" | wc -l)
echo "  html: $pages pages, $hmb MB decompressed, $n tokens in ${SECS}s: $(rate "$hmb" "$SECS") MB/s, $(rate "$pages" "$SECS") pages/s (1 core), peak RSS ${RSS_MB} MB"
rm -rf "$empty" "$BENCH_DIR/tok.conllu" "$BENCH_DIR/html.conllu"
