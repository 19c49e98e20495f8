#!/bin/sh
# dep.sh - the dependency parser and lemmatizer of the shipped models on UD
# English EWT test (gold words; our POS tags, then the file's) and GUM test;
# and the dynamic oracle rebuilding every EWT train tree.  Fails when a score
# drops below its committed floor (set a little under what was measured).
NG=${NG:-build/newsgraph}
BUILD=${BUILD:-$(dirname "$NG")}
SHARED=${SHARED:-../shared}
EWT=$SHARED/data/ud-english-ewt
GUM=$SHARED/data/gum/dep/test
LAS_PRED_FLOOR=0.815
LAS_GOLD_FLOOR=0.850
LAS_GUM_FLOOR=0.775
LEMMA_FLOOR=0.962
if [ ! -f "$EWT/en_ewt-ud-test.conllu" ]; then
    echo "skip: $EWT not found"
    exit 77
fi
for m in dep.model pos.model; do
    [ -f "models/$m" ] || { echo "skip: models/$m absent (make models)"; exit 77; }
done
status=0

# check NAME VALUE FLOOR: print a FIGURE line; fail below the floor.
check() {
    echo "FIGURE $1: $2 (floor $3)"
    awk -v v="$2" -v f="$3" 'BEGIN { exit !(v >= f) }' || { echo "$1 below the floor"; status=1; }
}

# las OUTPUT: the LAS of an eval dep output's last line.
las() { echo "$1" | tail -1 | sed -n 's/^dep: UAS=[0-9.]* LAS=\([0-9.]*\)$/\1/p'; }

pred=$("$NG" eval dep --test "$EWT/en_ewt-ud-test.conllu") || { echo "$pred"; exit 1; }
echo "$pred"
check "dep EWT test, our POS tags, LAS" "$(las "$pred")" $LAS_PRED_FLOOR
lemma=$(echo "$pred" | sed -n 's/^lemma: \([0-9.]*\)$/\1/p')
check "lemma EWT test, our POS tags" "${lemma:-0}" $LEMMA_FLOOR

gold=$("$NG" eval dep --gold-tags --test "$EWT/en_ewt-ud-test.conllu") || { echo "$gold"; exit 1; }
echo "$gold"
check "dep EWT test, gold POS tags, LAS" "$(las "$gold")" $LAS_GOLD_FLOOR
echo "FIGURE parser alone: $(echo "$gold" | sed -n 's/^parsing: //p')"

if [ -d "$GUM" ]; then
    tmp=$(mktemp)
    cat "$GUM"/*.conllu >"$tmp"
    gum=$("$NG" eval dep --test "$tmp") || { echo "$gum"; rm -f "$tmp"; exit 1; }
    rm -f "$tmp"
    echo "$gum"
    check "dep GUM test, our POS tags, LAS" "$(las "$gum")" $LAS_GUM_FLOOR
fi

# The oracle rebuilds every (projectivised) tree of EWT train.
if [ -x "$BUILD/tests/test_parse" ]; then
    out=$(NG_ORACLE_CONLLU="$EWT/en_ewt-ud-train.conllu" "$BUILD/tests/test_parse" 2>&1)
    echo "$out" | grep '^oracle:' | sed 's/^/FIGURE /'
    echo "$out" | grep -q '^oracle: \([0-9]*\) of \1 trees rebuilt' || { echo "$out" | tail -20; status=1; }
fi
exit $status
