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
POS_ARGS="--epochs 15 --seed 1 --min-updates 3"

[ -x "$NG" ] || { echo "train-models.sh: $NG not built (run make)" >&2; exit 1; }
mkdir -p models

sha() { sha256sum "$1" | cut -d' ' -f1; }

# The word -> Penn tags lexicon the POS model takes features from: the npm
# package en-lexicon (MIT licence, (c) 2017 Alex Corvi), pinned, turned into
# "word TAB tags" lines.  Only training needs it; the model holds what it uses.
LEXICON_PKG=en-lexicon@1.0.11
LEXICON_SHA=a3cc3d1e44233d1897dbf71c0f9a372f168bab4a86a609e587b82ecb9bfeff48
fetch_lexicon() {
    dir=$1
    (cd "$dir" && npm pack --silent "$LEXICON_PKG" >/dev/null 2>&1 && tar xzf en-lexicon-*.tgz) || return 1
    node -e '
        const m = require(process.argv[1] + "/package/dist/lexicon.js");
        const l = m.default || m.lexicon;
        const out = [];
        for (const k of Object.keys(l)) if (!/[\t\n\r]/.test(k) && l[k]) out.push(k + "\t" + l[k]);
        require("fs").writeFileSync(process.argv[1] + "/lexicon.tsv", out.join("\n") + "\n");
    ' "$dir" || return 1
    [ "$(sha "$dir/lexicon.tsv")" = "$LEXICON_SHA" ] || { echo "train-models.sh: $LEXICON_PKG changed (sha256)" >&2; return 1; }
}

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
    lexdir=$(mktemp -d)
    trap 'rm -rf "$lexdir"' EXIT
    if ! fetch_lexicon "$lexdir"; then
        echo "train-models.sh: could not fetch $LEXICON_PKG with npm; pos.model not retrained" >&2
        return 1
    fi
    args="$POS_ARGS"
    cmd="newsgraph train pos --train $train --dev $dev --lexicon LEXICON.tsv -o models/pos.model $args"
    echo "train-models.sh: $cmd"
    # shellcheck disable=SC2086
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train pos --train "$train" --dev "$dev" --lexicon "$lexdir/lexicon.tsv" \
        -o models/pos.model.new $args
    mv models/pos.model.new models/pos.model
    devs=$("$NG" eval pos --model models/pos.model --test "$dev" | tail -1 | sed 's/^pos: //')
    tests=$("$NG" eval pos --model models/pos.model --test "$test" | tail -1 | sed 's/^pos: //')
    block=$(mktemp)
    cat >"$block" <<EOB
[pos.model]
what: part-of-speech tagger (UPOS + XPOS), greedy averaged perceptron, two passes (newsgraph eval pos)
data: UD English EWT v2.16, train split ($(basename "$train")); dev split for tuning; test split for the figure
origin: github.com/UniversalDependencies/UD_English-EWT (see ../shared/data/SOURCES.md)
licence: CC BY-SA 4.0 (annotations); texts from the LDC English Web Treebank
lexicon: npm $LEXICON_PKG (MIT licence, (c) 2017 Alex Corvi), as "word TAB tags" lines (LEXICON.tsv, sha256 $LEXICON_SHA); its tag sets are model features
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

# NER: CoNLL-2003 English train + valid (valid chose the epoch count: the
# dev F1 of a train-only run peaks at epoch 11), with the lexicons'
# gazetteers and Brown clusters.
train_ner() {
    data=$SHARED/data/conll2003
    if [ ! -f "$data/train.txt" ]; then
        echo "train-models.sh: $data not found; ner.model not retrained" >&2
        return 0
    fi
    work=$(mktemp -d)
    cat "$data/train.txt" "$data/valid.txt" >"$work/conll2003-train-valid.txt"
    echo "train-models.sh: newsgraph train ner --train conll2003-train-valid.txt -o models/ner.model --epochs 11 --seed 1 --lexicons lexicons"
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train ner --train "$work/conll2003-train-valid.txt" -o models/ner.model \
        --epochs 11 --seed 1 --lexicons lexicons
    "$NG" eval ner --model models/ner.model --lexicons lexicons --test "$data/test.txt" | tail -1
    sha256sum models/ner.model
    rm -rf "$work"
}

[ $# -gt 0 ] || set -- pos ner
for m in "$@"; do
    case $m in
    pos) train_pos ;;
    ner) train_ner ;;
    *) echo "train-models.sh: unknown model '$m'" >&2; exit 2 ;;
    esac
done
