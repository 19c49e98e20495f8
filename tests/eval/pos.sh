#!/bin/sh
# pos.sh - POS accuracy of the shipped model on UD English EWT test: with
# gold tokenization (accuracy), and from raw text with our tokenizer (F1 of
# tags on tokens whose span matches a gold word).  Fails when a score drops
# below its committed floor.
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
TEST=$SHARED/data/ud-english-ewt/en_ewt-ud-test.conllu
UPOS_FLOOR=0.956
XPOS_FLOOR=0.950
RAW_UPOS_FLOOR=0.950
if [ ! -f "$TEST" ]; then
    echo "skip: $TEST not found"
    exit 77
fi
# tags NAME OUTPUT: the UPOS and XPOS of OUTPUT's last line into $upos, $xpos.
tags() {
    last=$(echo "$2" | tail -1)
    upos=$(echo "$last" | sed -n 's/^pos: UPOS=\([0-9.]*\) XPOS=\([0-9.]*\)$/\1/p')
    xpos=$(echo "$last" | sed -n 's/^pos: UPOS=\([0-9.]*\) XPOS=\([0-9.]*\)$/\2/p')
    [ -n "$upos" ] && [ -n "$xpos" ] || { echo "$1: unexpected last line: $last"; exit 1; }
}
out=$("$NG" eval pos --test "$TEST") || { echo "$out"; exit 1; }
echo "$out"
tags gold "$out"
rate=$(echo "$out" | sed -n 's/^tagging: .*, \([0-9]*\) words\/s$/\1/p')
echo "FIGURE pos EWT test: UPOS $upos XPOS $xpos (floors $UPOS_FLOOR, $XPOS_FLOOR); $rate words/s"
gold_upos=$upos gold_xpos=$xpos
raw=$("$NG" eval pos --raw --test "$TEST") || { echo "$raw"; exit 1; }
echo "$raw"
tags raw "$raw"
echo "FIGURE pos EWT test from raw text: UPOS F1 $upos XPOS F1 $xpos (floor $RAW_UPOS_FLOOR)"
awk -v u="$gold_upos" -v x="$gold_xpos" -v r="$upos" -v fu="$UPOS_FLOOR" -v fx="$XPOS_FLOOR" -v fr="$RAW_UPOS_FLOOR" \
    'BEGIN { exit !(u >= fu && x >= fx && r >= fr) }' || {
    echo "below the floor"
    exit 1
}
