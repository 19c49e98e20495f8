#!/bin/sh
# dev3.sh - fact extraction and document metadata on the dev3 development set
# (tests/dev3: eight short articles written for the project as a development set),
# scored by ../shared/eval/score.py.  Fails below the committed floors.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FACTS_FLOOR=0.86
META_FLOOR=0.83
SCORER=$SHARED/eval/score.py
DIR=tests/dev3
if [ ! -f "$SCORER" ]; then
    echo "skip: $SCORER not found (../shared/eval is absent)"
    exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$NG" extract --format jsonl "$DIR"/articles/* >"$tmp" || { echo "extract failed"; exit 1; }
facts=$(python3 "$SCORER" facts "$DIR/facts.gold.tsv" "$tmp" ${VERBOSE:+-v}) || { echo "$facts"; exit 1; }
meta=$(python3 "$SCORER" meta "$DIR/meta.gold.tsv" "$tmp" ${VERBOSE:+-v}) || { echo "$meta"; exit 1; }
echo "$facts"
echo "$meta"
f1=$(echo "$facts" | tail -1 | sed -n 's/.*F1=\([0-9.]*\).*/\1/p')
ms=$(echo "$meta" | tail -1 | sed -n 's/.*= \([0-9.]*\)$/\1/p')
n=$(ls "$DIR"/articles/* | wc -l)
echo "FIGURE dev3 facts F1=$f1 (floor $FACTS_FLOOR) $(echo "$facts" | tail -2 | head -1) on $n dev3 articles"
echo "FIGURE dev3 meta $ms (floor $META_FLOOR) on $n dev3 articles"
ok=0
awk -v f="${f1:-0}" -v m="$FACTS_FLOOR" 'BEGIN { exit !(f >= m) }' || { echo "facts F1 $f1 is below the floor $FACTS_FLOOR"; ok=1; }
awk -v f="${ms:-0}" -v m="$META_FLOOR" 'BEGIN { exit !(f >= m) }' || { echo "meta $ms is below the floor $META_FLOOR"; ok=1; }
exit $ok
