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

# NER: CoNLL-2003 English train + valid (valid chose the epoch count: the
# dev F1 of a train-only run peaks at epoch 11), with the lexicons'
# gazetteers and Brown clusters.
train_ner() {
    cat "$DATA/conll2003/train.txt" "$DATA/conll2003/valid.txt" >"$work/conll2003-train-valid.txt"
    run "$NG" train ner --train "$work/conll2003-train-valid.txt" -o models/ner.model --epochs 11 --seed 1 \
        --lexicons lexicons
    run "$NG" eval ner --model models/ner.model --lexicons lexicons --test "$DATA/conll2003/test.txt" | tail -1
    sha256sum models/ner.model
}

for step in ${*:-ner}; do
    case $step in
    ner) train_ner ;;
    *) echo "train-models: unknown model '$step'" >&2; exit 2 ;;
    esac
done
