#!/bin/sh
# Dependency parsing (issue: parser), one core.  (1) The parser alone: the
# gold words and tags of EWT train+dev+test (254k words) parsed by `eval
# dep --gold-tags`, which times only the parsing (words/s wall and CPU).
# (2) A 1,000-word sentence, to show there is no pathological slowdown.
# (3) Tokenize + tag + parse (+ lemmas, and whatever other stages exist)
# over the small news corpus with `extract --format conllu`.
. bench/lib.sh
need_shared
[ -f models/dep.model ] || { echo "  skipped: models/dep.model absent (make models)"; exit 0; }
EWT=$SHARED/data/ud-english-ewt
all=$BENCH_DIR/ewt-all.conllu
cat "$EWT"/en_ewt-ud-train.conllu "$EWT"/en_ewt-ud-dev.conllu "$EWT"/en_ewt-ud-test.conllu >"$all"
measure "$BENCH_DIR/dep.out" "$NG" eval dep --gold-tags --test "$all"
echo "  parser alone: $(sed -n 's/^parsing: //p' "$BENCH_DIR/dep.out") (1 core), peak RSS ${RSS_MB} MB"
echo "  model: $(wc -c <models/dep.model) bytes"

long=$BENCH_DIR/long.conllu
awk 'BEGIN { for (i = 1; i <= 1000; i++) { f = (i % 9 == 0) ? "," : (i % 2 ? "the" : "report");
     u = (i % 9 == 0) ? "PUNCT" : (i % 2 ? "DET" : "NOUN"); x = (i % 9 == 0) ? "," : (i % 2 ? "DT" : "NN");
     printf "%d\t%s\t_\t%s\t%s\t_\t%d\tdep\t_\t_\n", i, f, u, x, (i == 1 ? 0 : 1) } print "" }' >"$long"
measure "$BENCH_DIR/long.out" "$NG" eval dep --gold-tags --test "$long"
echo "  one 1,000-word sentence: $(sed -n 's/^parsing: //p' "$BENCH_DIR/long.out")"

small=$(sh bench/corpus.sh small)
measure "$BENCH_DIR/pipe.conllu" "$NG" extract --format conllu "$small"
n=$(grep -c '^[0-9]' "$BENCH_DIR/pipe.conllu")
echo "  tokenize+tag+parse+lemma (+other stages present): $n tokens in ${SECS}s: $(rate "$n" "$SECS") tokens/s (1 core), peak RSS ${RSS_MB} MB"
rm -f "$all" "$long" "$BENCH_DIR/dep.out" "$BENCH_DIR/long.out" "$BENCH_DIR/pipe.conllu"
