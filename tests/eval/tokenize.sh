#!/bin/sh
# tokenize.sh - tokenizer and sentence splitter against UD English EWT gold
# (dev and test): token F1 over syntactic words and sentence F1.  Fails when
# a score drops below the floors, set a little under what was measured.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
EWT=$SHARED/data/ud-english-ewt
TOKENS_FLOOR=0.990
SENTENCES_FLOOR=0.840
if [ ! -f "$EWT/en_ewt-ud-test.conllu" ]; then
    echo "skip: $EWT/en_ewt-ud-test.conllu is absent"
    exit 77
fi
status=0
for split in dev test; do
    line=$("$NG" eval tokenize "$EWT/en_ewt-ud-$split.conllu" | tail -1) || { echo "eval failed on $split"; exit 1; }
    tok=$(echo "$line" | sed -n 's/.*tokens=\([0-9.]*\).*/\1/p')
    sen=$(echo "$line" | sed -n 's/.*sentences=\([0-9.]*\).*/\1/p')
    echo "FIGURE EWT $split: token F1 $tok, sentence F1 $sen"
    if [ "$split" = test ]; then
        awk -v t="$tok" -v s="$sen" -v tf="$TOKENS_FLOOR" -v sf="$SENTENCES_FLOOR" \
            'BEGIN { exit !(t >= tf && s >= sf) }' || { echo "below the floors ($TOKENS_FLOOR, $SENTENCES_FLOOR)"; status=1; }
    fi
done
exit $status
