#!/bin/sh
# facts.sh - relations and events on the seed articles (../shared/seeds)
# against ../shared/eval/seeds.facts.gold.tsv, scored by ../shared/eval/score.py.
# The seeds are a development set; tests/eval/heldout.sh measures articles
# written for the project that no rule was tuned on.  Fails below the floor.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FLOOR=0.95
gold=$SHARED/eval/seeds.facts.gold.tsv
if [ ! -f "$gold" ] || [ ! -f "$SHARED/eval/score.py" ]; then
    echo "skip: $gold not found (../shared is absent)"
    exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$NG" extract --format jsonl "$SHARED"/seeds/*.txt >"$tmp" 2>/dev/null || { echo "extract failed"; exit 1; }
out=$(python3 "$SHARED/eval/score.py" facts "$gold" "$tmp" -v) || { echo "$out"; exit 1; }
echo "$out"
f1=$(echo "$out" | tail -1 | sed -n 's/.*F1=\([0-9.]*\).*/\1/p')
echo "FIGURE $(echo "$out" | tail -1) (floor F1 $FLOOR)"
echo "FIGURE $(echo "$out" | tail -2 | head -1)"
python3 -c "import sys; sys.exit(0 if float('$f1' or 0) >= $FLOOR else 1)" || { echo "facts F1 $f1 is below the floor $FLOOR"; exit 1; }
