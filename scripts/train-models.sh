#!/bin/sh
# train-models.sh - retrain the shipped models from ../shared/data and record
# each in models/MANIFEST (data, origin, licence, exact command, scores, sha256).
# Reproducible: the same data and build give byte-identical models.  Without
# ../shared it says so and changes nothing.  Called by `make models`.
#
#   scripts/train-models.sh          every model this script knows (pos)
#   scripts/train-models.sh pos      just one
set -eu
SHARED=${SHARED:-../shared}
NG=${NG:-build/newsgraph}
MANIFEST=models/MANIFEST
EWT=$SHARED/data/ud-english-ewt

[ -x "$NG" ] || { echo "train-models.sh: $NG not built (run make)" >&2; exit 1; }
mkdir -p models

sha() { sha256sum "$1" | cut -d' ' -f1; }

# replace_block NAME FILE: put FILE's text in MANIFEST as the block [NAME],
# replacing an older block of that name and keeping the others.
replace_block() {
    tmp=$(mktemp)
    if [ -f "$MANIFEST" ]; then
        awk -v name="[$1]" '
            $0 == name { skip = 1; next }
            skip && /^\[/ { skip = 0 }
            !skip { print }' "$MANIFEST" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$tmp"
    else
        printf '# models/MANIFEST - the shipped models: what each is, the data it was trained\n# on (origin, licence), the exact command, its scores and its sha256.\n# Written by scripts/train-models.sh; one [block] per model.\n' >"$tmp"
    fi
    { cat "$tmp"; echo; cat "$2"; } >"$MANIFEST"
    rm -f "$tmp"
}

train_pos() {
    train=$EWT/en_ewt-ud-train.conllu dev=$EWT/en_ewt-ud-dev.conllu test=$EWT/en_ewt-ud-test.conllu
    if [ ! -f "$train" ]; then
        echo "train-models.sh: $EWT not found; pos.model not retrained" >&2
        return 0
    fi
    args="--epochs 12 --seed 1"
    cmd="newsgraph train pos --train $train --dev $dev -o models/pos.model $args"
    echo "train-models.sh: $cmd"
    # shellcheck disable=SC2086
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train pos --train "$train" --dev "$dev" -o models/pos.model.new $args
    mv models/pos.model.new models/pos.model
    devs=$("$NG" eval-pos --model models/pos.model --test "$dev" | tail -1 | sed 's/^pos: //')
    tests=$("$NG" eval-pos --model models/pos.model --test "$test" | tail -1 | sed 's/^pos: //')
    block=$(mktemp)
    cat >"$block" <<EOB
[pos.model]
what: part-of-speech tagger (UPOS + XPOS), greedy averaged perceptron, two passes
data: UD English EWT v2.16, train split ($(basename "$train")); dev split for tuning; test split for the figure
origin: github.com/UniversalDependencies/UD_English-EWT (see ../shared/data/SOURCES.md)
licence: CC BY-SA 4.0 (annotations); texts from the LDC English Web Treebank
data sha256: train $(sha "$train") dev $(sha "$dev") test $(sha "$test")
command: $cmd
dev: $devs
test: $tests
size: $(wc -c <models/pos.model) bytes
sha256: $(sha models/pos.model)
EOB
    replace_block pos.model "$block"
    rm -f "$block"
    echo "train-models.sh: pos.model dev $devs, test $tests"
}

[ $# -gt 0 ] || set -- pos
for m in "$@"; do
    case $m in
    pos) train_pos ;;
    *) echo "train-models.sh: unknown model '$m'" >&2; exit 2 ;;
    esac
done
