#!/bin/sh
# ner.sh - NER entity F1 (conlleval semantics) of the shipped model on the
# CoNLL-2003 English test split and on UNER English EWT test (PER/ORG/LOC;
# the model's MISC is not scored there).  Fails below the committed floors.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
CONLL=$SHARED/data/conll2003/test.txt
UNER=$SHARED/data/uner-en-ewt/en_ewt-ud-test.iob2
FLOOR_CONLL=0.85
FLOOR_UNER=0.45
[ -f "$CONLL" ] || { echo "skip: $CONLL is absent"; exit 77; }
[ -f models/ner.model ] || { echo "skip: models/ner.model is absent"; exit 77; }

f1() { sed -n 's/^ner: .*F1=\([0-9.]*\)$/\1/p' "$1" | tail -1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0

"$NG" eval ner --model models/ner.model --lexicons lexicons --test "$CONLL" >"$out" || exit 1
cat "$out"
f=$(f1 "$out")
echo "FIGURE ner CoNLL-2003 test F1 $f (floor $FLOOR_CONLL)"
awk -v f="$f" -v m="$FLOOR_CONLL" 'BEGIN { exit !(f >= m) }' || { echo "FAIL: CoNLL-2003 F1 $f < $FLOOR_CONLL"; status=1; }

if [ -f "$UNER" ]; then
    "$NG" eval ner --model models/ner.model --lexicons lexicons --test "$UNER" >"$out" || exit 1
    cat "$out"
    f=$(f1 "$out")
    echo "FIGURE ner UNER EWT test F1 $f (floor $FLOOR_UNER)"
    awk -v f="$f" -v m="$FLOOR_UNER" 'BEGIN { exit !(f >= m) }' || { echo "FAIL: UNER F1 $f < $FLOOR_UNER"; status=1; }
fi
exit $status
