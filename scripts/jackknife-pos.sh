#!/bin/sh
# jackknife-pos.sh - K POS taggers for jackknifing a treebank: tagger f is
# trained on the treebank without its f-th fold (sentences [n*f/K, n*(f+1)/K),
# the split `newsgraph train dep --fold-models` uses), so every fold can be
# tagged by a model that never saw it.  Prints the models, comma-separated.
#
#   scripts/jackknife-pos.sh K TRAIN.conllu OUTDIR [train pos options...]
set -eu
[ $# -ge 3 ] || { echo "usage: scripts/jackknife-pos.sh K TRAIN.conllu OUTDIR [train pos options...]" >&2; exit 2; }
K=$1 train=$2 out=$3
shift 3
NG=${NG:-build/newsgraph}
mkdir -p "$out"
# Sentences are blocks separated by blank lines (awk paragraph mode).
n=$(awk 'BEGIN { RS = "" } END { print NR }' "$train")
models=
f=0
while [ "$f" -lt "$K" ]; do
    awk -v n="$n" -v f="$f" -v k="$K" 'BEGIN { RS = ""; ORS = "\n\n"; lo = int(n * f / k); hi = int(n * (f + 1) / k) }
        NR - 1 < lo || NR - 1 >= hi { print }' "$train" >"$out/rest.$f.conllu"
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train pos --train "$out/rest.$f.conllu" -o "$out/pos.$f.model" "$@" >"$out/pos.$f.log"
    rm -f "$out/rest.$f.conllu"
    models=${models:+$models,}$out/pos.$f.model
    f=$((f + 1))
done
echo "$models"
