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
POS_ARGS="--epochs 15 --seed 1 --min-updates 5 --sure 16"

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

# GUM genres whose texts are CC BY / CC BY-SA (../shared/data/SOURCES.md):
# they may go into shipped models; the non-commercial ones may not.
GUM_GENRES="academic bio court voyage news interview"

# gum_train OUT: the GUM train documents of GUM_GENRES, concatenated.
gum_train() {
    : >"$1"
    for g in $GUM_GENRES; do
        for f in "$SHARED"/data/gum/dep/train/GUM_"$g"_*.conllu; do
            [ -f "$f" ] || { echo "train-models.sh: no GUM $g documents" >&2; return 1; }
            cat "$f" >>"$1"
        done
    done
}

# POS: EWT train + dev + the GUM genres above.  A run of the same recipe
# without EWT dev gives the dev figure.
train_pos() {
    train=$EWT/en_ewt-ud-train.conllu dev=$EWT/en_ewt-ud-dev.conllu test=$EWT/en_ewt-ud-test.conllu
    if [ ! -f "$train" ] || [ ! -d "$SHARED/data/gum/dep/train" ]; then
        echo "train-models.sh: $EWT or $SHARED/data/gum not found; pos.model not retrained" >&2
        return 0
    fi
    pwork=$(mktemp -d)
    trap 'rm -rf "$pwork"' EXIT
    if ! fetch_lexicon "$pwork"; then
        echo "train-models.sh: could not fetch $LEXICON_PKG with npm; pos.model not retrained" >&2
        return 1
    fi
    gum_train "$pwork/gum.conllu" || return 1
    cat "$train" "$pwork/gum.conllu" >"$pwork/ewt-gum.conllu"
    cat "$train" "$dev" "$pwork/gum.conllu" >"$pwork/ewt-dev-gum.conllu"
    echo "train-models.sh: pos: the dev figure (EWT train + GUM, scored on EWT dev)"
    # shellcheck disable=SC2086
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train pos --train "$pwork/ewt-gum.conllu" --dev "$dev" \
        --lexicon "$pwork/lexicon.tsv" -o "$pwork/dev.model" $POS_ARGS
    devs=$("$NG" eval pos --model "$pwork/dev.model" --test "$dev" | tail -1 | sed 's/^pos: //')
    cmd="newsgraph train pos --train ewt-dev-gum.conllu --lexicon LEXICON.tsv -o models/pos.model $POS_ARGS"
    echo "train-models.sh: $cmd"
    # shellcheck disable=SC2086
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train pos --train "$pwork/ewt-dev-gum.conllu" --lexicon "$pwork/lexicon.tsv" \
        -o models/pos.model.new $POS_ARGS
    mv models/pos.model.new models/pos.model
    tests=$("$NG" eval pos --model models/pos.model --test "$test" | tail -1 | sed 's/^pos: //')
    raw=$("$NG" eval pos --raw --model models/pos.model --test "$test" | tail -1 | sed 's/^pos: //')
    block=$(mktemp)
    cat >"$block" <<EOB
[pos.model]
what: part-of-speech tagger (UPOS + XPOS), greedy averaged perceptron, two passes (newsgraph eval pos)
data: UD English EWT v2.16 train + dev splits ($(basename "$train"), $(basename "$dev")); test split for the figure;
      GUM train documents of the genres $GUM_GENRES (../shared/data/gum/dep/train/GUM_<genre>_*.conllu)
origin: github.com/UniversalDependencies/UD_English-EWT; github.com/amir-zeldes/gum (see ../shared/data/SOURCES.md)
licence: EWT CC BY-SA 4.0 (annotations; texts from the LDC English Web Treebank); GUM annotations CC BY 4.0,
      texts CC BY 4.0 (academic, court), CC BY-SA 3.0 (bio, voyage), CC BY 2.5 (news, interview)
lexicon: npm $LEXICON_PKG (MIT licence, (c) 2017 Alex Corvi), as "word TAB tags" lines (LEXICON.tsv, sha256 $LEXICON_SHA); its tag sets are model features
data sha256: train $(sha "$train") dev $(sha "$dev") test $(sha "$test") gum $(sha "$pwork/gum.conllu")
command: cat en_ewt-ud-train.conllu en_ewt-ud-dev.conllu GUM_{$(echo "$GUM_GENRES" | tr ' ' ',')}_*.conllu > ewt-dev-gum.conllu
         $cmd
dev: $devs (the same recipe trained without EWT dev: train + GUM, scored on EWT dev)
test: $tests (gold tokenization)
test-raw: $raw (F1 from raw text: our tokenizer and sentence splitter; newsgraph eval pos --raw)
size: $(wc -c <models/pos.model) bytes
sha256: $(sha models/pos.model)
EOB
    replace_block pos.model "$block"
    rm -f "$block"
    rm -rf "$pwork"
    echo "train-models.sh: pos.model dev $devs, test $tests, test from raw text $raw"
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
