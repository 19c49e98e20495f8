# tests/eval/lib/gold_set.sh - score a set of articles written for the
# project (DIR/articles, DIR/facts.gold.tsv, DIR/meta.gold.tsv) with
# ../shared/eval/score.py; sourced by the per-set scripts, which set NAME,
# DIR, WHAT (how the FIGURE line names the articles) and the two floors.
# Exits 77 without ../shared, 1 below a floor.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
SCORER=$SHARED/eval/score.py
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
echo "FIGURE $NAME facts F1=$f1 (floor $FACTS_FLOOR) $(echo "$facts" | tail -2 | head -1) on $n $WHAT"
echo "FIGURE $NAME meta $ms (floor $META_FLOOR) on $n $WHAT"
ok=0
awk -v f="${f1:-0}" -v m="$FACTS_FLOOR" 'BEGIN { exit !(f >= m) }' || { echo "facts F1 $f1 is below the floor $FACTS_FLOOR"; ok=1; }
awk -v f="${ms:-0}" -v m="$META_FLOOR" 'BEGIN { exit !(f >= m) }' || { echo "meta $ms is below the floor $META_FLOOR"; ok=1; }
exit $ok
