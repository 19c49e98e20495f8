#!/bin/sh
# train-models.sh - retrain the shipped models from ../shared/data and record
# each in models/MANIFEST (data, origin, licence, exact command, scores, sha256).
# Reproducible: the same data and build give byte-identical models.  Without
# ../shared it says so and changes nothing.  Called by `make models`.
#
#   scripts/train-models.sh          every model this script knows (pos, dep, lemma)
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

# NER: a two-stage model on CoNLL-2003 English train + valid, with the
# lexicons' gazetteers and Brown clusters.  valid chose the epoch counts:
# in train-only runs (seeds 1-3) stage 1 peaks at epochs 5-9 and stage 2 at
# 6-8, on a flat plateau; 8 and 8 are taken.  --min-updates 3 drops the
# features of a single mistake (an update touches a row twice), which keeps
# the file under 10 MB.
train_ner() {
    data=$SHARED/data/conll2003
    if [ ! -f "$data/train.txt" ]; then
        echo "train-models.sh: $data not found; ner.model not retrained" >&2
        return 0
    fi
    work=$(mktemp -d)
    cat "$data/train.txt" "$data/valid.txt" >"$work/conll2003-train-valid.txt"
    echo "train-models.sh: newsgraph train ner --train conll2003-train-valid.txt -o models/ner.model --epochs 8 --epochs2 8 --min-updates 3 --seed 1 --lexicons lexicons"
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train ner --train "$work/conll2003-train-valid.txt" -o models/ner.model \
        --epochs 8 --epochs2 8 --min-updates 3 --seed 1 --lexicons lexicons
    "$NG" eval ner --model models/ner.model --lexicons lexicons --test "$data/test.txt" | tail -1
    sha256sum models/ner.model
    rm -rf "$work"
}

# The parser: trained on EWT train with POS tags from 5-fold jackknifing
# (each fifth tagged by a tagger trained on the other four, by
# scripts/jackknife-pos.sh), dev tagged by models/pos.model; pruned to
# stay under 10 MB.  Brown-cluster features (--clusters) gained nothing on
# dev at this pruning and cost ~20% of the speed (docs/parser.md).
train_dep() {
    train=$EWT/en_ewt-ud-train.conllu dev=$EWT/en_ewt-ud-dev.conllu test=$EWT/en_ewt-ud-test.conllu
    if [ ! -f "$train" ]; then
        echo "train-models.sh: $EWT not found; dep.model not retrained" >&2
        return 0
    fi
    [ -f models/pos.model ] || { echo "train-models.sh: models/pos.model missing: train pos first" >&2; exit 1; }
    dwork=$(mktemp -d)
    echo "train-models.sh: dep: 5 POS fold models (scripts/jackknife-pos.sh)"
    folds=$(NG=$NG sh scripts/jackknife-pos.sh 5 "$train" "$dwork")
    args="--epochs 15 --seed 1 --min-updates 8 --min-weight 1.4 --groups full --pos-model models/pos.model"
    cmd="scripts/jackknife-pos.sh 5 $train FOLDS; newsgraph train dep --train $train --dev $dev -o models/dep.model $args --fold-models FOLDS/pos.0.model,...,FOLDS/pos.4.model"
    echo "train-models.sh: $cmd"
    # shellcheck disable=SC2086
    NEWSGRAPH_NO_PROGRESS=1 "$NG" train dep --train "$train" --dev "$dev" -o models/dep.model.new $args \
        --fold-models "$folds"
    rm -rf "$dwork"
    mv models/dep.model.new models/dep.model
    pred=$("$NG" eval dep --model models/dep.model --test "$test")
    gold=$("$NG" eval dep --model models/dep.model --gold-tags --test "$test" | tail -1 | sed 's/^dep: //')
    devs=$("$NG" eval dep --model models/dep.model --test "$dev" | tail -1 | sed 's/^dep: //')
    tests=$(echo "$pred" | tail -1 | sed 's/^dep: //')
    gum="not measured ($SHARED/data/gum absent)"
    if [ -d "$SHARED/data/gum/dep/test" ]; then
        gtmp=$(mktemp)
        cat "$SHARED"/data/gum/dep/test/*.conllu >"$gtmp"
        gum=$("$NG" eval dep --model models/dep.model --test "$gtmp" | tail -1 | sed 's/^dep: //')
        rm -f "$gtmp"
    fi
    block=$(mktemp)
    cat >"$block" <<EOB
[dep.model]
what: dependency parser, greedy arc-hybrid (root last), averaged perceptron with a dynamic oracle, UD labels with subtypes predicted with the transition (feature set 2, joint labels, no clusters)
data: UD English EWT v2.16, train split ($(basename "$train")) with jackknifed POS tags; dev split for tuning; test split for the figures
pos.model used for dev tags and the figures: sha256 $(sha models/pos.model) (it was trained on EWT dev too: dev tags are near-gold, dev scores optimistic)
origin: github.com/UniversalDependencies/UD_English-EWT (see ../shared/data/SOURCES.md)
licence: CC BY-SA 4.0 (annotations); texts from the LDC English Web Treebank
data sha256: train $(sha "$train") dev $(sha "$dev") test $(sha "$test")
command: $cmd
dev (our POS tags): $devs
test (our POS tags): $tests
test (gold POS tags): $gold
GUM test, all genres, evaluation only (our POS tags): $gum
scores: CoNLL 2018 style, punctuation included, LAS on universal labels
size: $(wc -c <models/dep.model) bytes
sha256: $(sha models/dep.model)
EOB
    replace_block dep.model "$block"
    rm -f "$block"
    echo "train-models.sh: dep.model test $tests (our tags), $gold (gold tags)"
}

# The lemmatizer's derived lists (lexicons/lemma_words.txt, lemma_exceptions.txt).
train_lemma() {
    train=$EWT/en_ewt-ud-train.conllu test=$EWT/en_ewt-ud-test.conllu
    if [ ! -f "$train" ]; then
        echo "train-models.sh: $EWT not found; lemma lists not rebuilt" >&2
        return 0
    fi
    cmd="newsgraph train lemma --train $train -o lexicons"
    echo "train-models.sh: $cmd"
    "$NG" train lemma --train "$train" -o lexicons >/dev/null
    acc=$("$NG" eval dep --lexicons lexicons --gold-tags --test "$test" 2>/dev/null | sed -n 's/^lemma: //p')
    block=$(mktemp)
    cat >"$block" <<EOB
[lemma lists]
what: lexicons/lemma_words.txt (known lemmas) and lexicons/lemma_exceptions.txt (forms the suffix rules miss), used with the hand-written lexicons/lemma_irregular.txt
data: UD English EWT v2.16, train split ($(basename "$train"))
origin: github.com/UniversalDependencies/UD_English-EWT (see ../shared/data/SOURCES.md)
licence: CC BY-SA 4.0 (annotations)
data sha256: train $(sha "$train")
command: $cmd
test lemma accuracy (gold POS tags): ${acc:-not measured (no dep.model)}
sha256: words $(sha lexicons/lemma_words.txt) exceptions $(sha lexicons/lemma_exceptions.txt)
EOB
    replace_block "lemma lists" "$block"
    rm -f "$block"
}

[ $# -gt 0 ] || set -- pos ner dep lemma
for m in "$@"; do
    case $m in
    pos) train_pos ;;
    ner) train_ner ;;
    dep) train_dep ;;
    lemma) train_lemma ;;
    *) echo "train-models.sh: unknown model '$m'" >&2; exit 2 ;;
    esac
done
