#!/bin/sh
# train-models.sh - retrain the shipped models from ../shared/data (make models).
# Each step prints the exact command it runs; models/MANIFEST records them
# with the scores and sha256 of the committed files.
#
#   scripts/train-models.sh          every model
#   scripts/train-models.sh ner      one model
set -eu
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
DATA=$SHARED/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { echo "+ $*"; "$@"; }

# NER: a two-stage model on CoNLL-2003 English train + valid, with the
# lexicons' gazetteers and Brown clusters.  valid chose the epoch counts:
# in train-only runs (seeds 1-3) stage 1 peaks at epochs 5-9 and stage 2 at
# 6-8, on a flat plateau; 8 and 8 are taken.  --min-updates 3 drops the
# features of a single mistake (an update touches a row twice), which keeps
# the file under 10 MB.
train_ner() {
    cat "$DATA/conll2003/train.txt" "$DATA/conll2003/valid.txt" >"$work/conll2003-train-valid.txt"
    run "$NG" train ner --train "$work/conll2003-train-valid.txt" -o models/ner.model --epochs 8 --epochs2 8 \
        --min-updates 3 --seed 1 --lexicons lexicons
    run "$NG" eval ner --model models/ner.model --lexicons lexicons --test "$DATA/conll2003/test.txt" | tail -1
    sha256sum models/ner.model
}

for step in ${*:-ner}; do
    case $step in
    ner) train_ner ;;
    *) echo "train-models: unknown model '$step'" >&2; exit 2 ;;
    esac
done
