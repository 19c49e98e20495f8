#!/bin/sh
# meta.sh - document metadata and boilerplate removal on the seed articles
# (../shared/seeds): title, date, author, publisher, and which lines must be
# absent from / present in the body, scored by ../shared/eval/score.py.
# Fails below the committed floor.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FLOOR=0.95
gold=$SHARED/eval/seeds.meta.gold.tsv
if [ ! -f "$gold" ] || [ ! -f "$SHARED/eval/score.py" ]; then
    echo "skip: $gold not found (../shared is absent)"
    exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$NG" extract --format jsonl -r document "$SHARED"/seeds/*.txt >"$tmp" || { echo "extract failed"; exit 1; }
out=$(python3 "$SHARED/eval/score.py" meta "$gold" "$tmp" -v) || { echo "$out"; exit 1; }
echo "$out"
score=$(echo "$out" | tail -1 | sed -n 's/.*= \([0-9.]*\)$/\1/p')
echo "FIGURE meta $score (floor $FLOOR) on $(ls "$SHARED"/seeds/*.txt | wc -l) seed articles"
python3 -c "import sys; sys.exit(0 if float('$score' or 0) >= $FLOOR else 1)" || { echo "meta $score is below the floor $FLOOR"; exit 1; }
