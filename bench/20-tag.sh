#!/bin/sh
# Tokenize + POS + NER (issue: learned taggers) on ~1.2M tokens of news-like
# articles, one core; the ratio against the npm package compromise doing its
# tagging and people/places/organisations pass on the same text, in the same
# run.  Peak RSS with the models loaded.
. bench/lib.sh
need_shared
arts=$(sh bench/corpus.sh articles)
measure "$BENCH_DIR/tag.conllu" "$NG" extract --stages tokenize,pos,ner --format conllu "$arts"
n=$(grep -c '^[0-9]' "$BENCH_DIR/tag.conllu")
ours=$(rate "$n" "$SECS")
echo "  newsgraph tokenize+pos+ner: $n tokens in ${SECS}s: $ours tokens/s (1 core), peak RSS ${RSS_MB} MB"
if [ -d bench/node_modules/compromise ]; then
    python3 -c "import json,sys; [print(json.loads(l)['text'] + '\n') for l in open(sys.argv[1])]" "$arts" >"$BENCH_DIR/arts.txt"
    peer=$(taskset -c 0 node bench/peer/compromise.js "$BENCH_DIR/arts.txt")
    pn=$(echo "$peer" | cut -d' ' -f1) ps=$(echo "$peer" | cut -d' ' -f2)
    prate=$(rate "$pn" "$ps")
    echo "  compromise (npm) tagging + people/places/organisations: $pn tokens in ${ps}s: $prate tokens/s (1 core)"
    echo "  ratio: newsgraph is $(ratio "$ours" "$prate")x compromise"
else
    echo "  peer: bench/node_modules/compromise absent (make bench installs it)"
fi
rm -f "$BENCH_DIR/tag.conllu" "$BENCH_DIR/arts.txt"
