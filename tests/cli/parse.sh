#!/bin/sh
# parse.sh - `extract --format conllu` with the shipped POS and parser models
# and lemma lists: every sentence is a tree (one root, heads in range, no
# cycles), and an easy sentence written for this test parses as expected.
NG=${NG:-build/newsgraph}
for m in pos.model dep.model; do
    [ -f "models/$m" ] || { echo "skip: models/$m absent (make models)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/a.txt" <<'EOT'
The minister said that the delegation would attend the summit.

Officials from both countries met in the capital on Monday, and they signed three agreements covering trade, energy and the shared border, while protesters gathered outside the building where the talks were held.
EOT
NEWSGRAPH_MODELS=models NEWSGRAPH_LEXICONS=lexicons "$NG" extract --format conllu "$tmp/a.txt" >"$tmp/out" || exit 1
awk -F'\t' '
    /^#/ { next }
    NF == 0 { if (n) check(); n = 0; next }
    { n++; h[n] = $7 }
    END { if (n) check(); exit bad }
    function check(   i, roots, x, steps) {
        roots = 0
        for (i = 1; i <= n; i++) {
            if (h[i] !~ /^[0-9]+$/ || h[i] + 0 > n || h[i] + 0 == i) { print "bad head at " i; bad = 1 }
            if (h[i] == 0) roots++
            x = i; steps = 0
            while (x != 0 && steps <= n) { x = h[x]; steps++ }
            if (steps > n) { print "cycle through " i; bad = 1 }
        }
        if (roots != 1) { print roots " roots"; bad = 1 }
    }' "$tmp/out" || { cat "$tmp/out"; exit 1; }
# "said" is the root, "minister" its subject, "attend" its clausal complement.
line() { awk -F'\t' -v w="$1" '$2 == w { print $3, $7, $8; exit }' "$tmp/out"; }
[ "$(line said)" = "say 0 root" ] || { echo "said: $(line said)"; cat "$tmp/out"; exit 1; }
[ "$(line minister)" = "minister 3 nsubj" ] || { echo "minister: $(line minister)"; exit 1; }
[ "$(line attend)" = "attend 3 ccomp" ] || { echo "attend: $(line attend)"; exit 1; }
[ "$(line held | cut -d' ' -f1)" = "hold" ] || { echo "held: $(line held)"; exit 1; }
echo "FIGURE parse: $(grep -c '^[0-9]' "$tmp/out") tokens parsed into trees"
