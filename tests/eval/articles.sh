#!/bin/sh
# articles.sh - article-body extraction on the article-extraction benchmark
# (181 news pages with hand-made article bodies): word 4-gram F1 as the
# benchmark defines it.  Fails below the committed floor.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FLOOR=0.96
BENCH=$SHARED/data/article-extraction-benchmark
SCORER=$SHARED/eval/score_articles.py
if [ ! -d "$BENCH/html" ] || [ ! -f "$SCORER" ]; then
    echo "skip: $BENCH or $SCORER is absent"
    exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is needed to score"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
bytes=$(cat "$BENCH"/html/*.html.gz | gzip -dc | wc -c)
tf=$(mktemp)
trap 'rm -f "$out" "$tf"' EXIT
if [ -x /usr/bin/time ]; then # CPU seconds: the machine may be shared
    /usr/bin/time -o "$tf" -f "%U %S" "$NG" extract --format jsonl "$BENCH"/html/*.html.gz >"$out" 2>/dev/null
    secs=$(awk '{ print $1 + $2 }' "$tf")
else
    t0=$(date +%s)
    "$NG" extract --format jsonl "$BENCH"/html/*.html.gz >"$out" 2>/dev/null
    secs=$(($(date +%s) - t0))
fi
res=$(python3 "$SCORER" "$BENCH/ground-truth.json" "$out" | tail -1)
echo "$res"
f1=$(echo "$res" | sed -n 's/.*F1=\([0-9.]*\).*/\1/p')
mbs=$(echo "$bytes $secs" | awk '{ printf "%.1f", ($2 > 0 ? $1 / 1e6 / $2 : 0) }')
echo "FIGURE articles F1=$f1 (floor $FLOOR; trafilatura 0.958) $res"
echo "FIGURE articles throughput ${mbs} MB/s of HTML per CPU second (extract, $bytes bytes)"
[ -n "$f1" ] && awk -v f="$f1" -v m="$FLOOR" 'BEGIN { exit !(f >= m) }'
