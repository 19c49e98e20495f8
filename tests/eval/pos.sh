#!/bin/sh
# pos.sh - POS accuracy of the shipped model on UD English EWT test (gold
# tokenization).  Fails when UPOS or XPOS drops below the committed floor.
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
TEST=$SHARED/data/ud-english-ewt/en_ewt-ud-test.conllu
UPOS_FLOOR=0.950
XPOS_FLOOR=0.945
if [ ! -f "$TEST" ]; then
    echo "skip: $TEST not found"
    exit 77
fi
out=$("$NG" eval-pos --test "$TEST") || { echo "$out"; exit 1; }
echo "$out"
last=$(echo "$out" | tail -1)
upos=$(echo "$last" | sed -n 's/^pos: UPOS=\([0-9.]*\) XPOS=\([0-9.]*\)$/\1/p')
xpos=$(echo "$last" | sed -n 's/^pos: UPOS=\([0-9.]*\) XPOS=\([0-9.]*\)$/\2/p')
[ -n "$upos" ] && [ -n "$xpos" ] || { echo "unexpected last line: $last"; exit 1; }
rate=$(echo "$out" | sed -n 's/^tagging: .*, \([0-9]*\) words\/s$/\1/p')
echo "FIGURE pos EWT test: UPOS $upos XPOS $xpos (floors $UPOS_FLOOR, $XPOS_FLOOR); $rate words/s"
awk -v u="$upos" -v x="$xpos" -v fu="$UPOS_FLOOR" -v fx="$XPOS_FLOOR" 'BEGIN { exit !(u >= fu && x >= fx) }' || {
    echo "below the floor"
    exit 1
}
