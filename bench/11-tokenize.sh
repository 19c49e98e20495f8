#!/bin/sh
# 11-tokenize.sh - tokenizer throughput: builds a corpus of at least 50 MB by
# repeating the raw text of the CoNLL-U files in ../shared/data (documents
# and paragraphs kept apart by blank lines), then runs the hidden
# `newsgraph bench tokenize` and prints MB/s, tokens/s and peak RSS.
# Skips (exit 77) when ../shared is absent.  bench/run.sh calls it.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
OUT=${BENCH_DIR:-build/bench}
MIN_BYTES=${MIN_BYTES:-50000000}
corpus=$OUT/tokenize-corpus.txt

files=$(ls "$SHARED"/data/ud-english-ewt/*.conllu "$SHARED"/data/gum/dep/*/*.conllu 2>/dev/null)
if [ -z "$files" ]; then
    echo "skip: no CoNLL-U files under $SHARED/data"
    exit 77
fi
mkdir -p "$OUT"
if [ ! -s "$corpus" ] || [ "$(wc -c <"$corpus")" -lt "$MIN_BYTES" ]; then
    base=$OUT/tokenize-base.txt
    # '# text' lines; a blank line before each new document and paragraph.
    awk '/^# newdoc/ || /^# newpar/ { if (n) printf "\n\n"; n = 0; next }
         /^# text = / { sub(/^# text = /, ""); printf "%s%s", (n ? " " : ""), $0; n = 1 }
         END { printf "\n" }' $files >"$base"
    size=$(wc -c <"$base")
    [ "$size" -gt 0 ] || { echo "skip: no text in the CoNLL-U files"; exit 77; }
    : >"$corpus"
    while [ "$(wc -c <"$corpus")" -lt "$MIN_BYTES" ]; do cat "$base" >>"$corpus"; done
    rm -f "$base"
fi
echo "corpus: $corpus, $(wc -c <"$corpus") bytes"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "peak RSS (time): %M KB, wall %e s" "$NG" bench tokenize "$corpus"
else
    "$NG" bench tokenize "$corpus"
fi
