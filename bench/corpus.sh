#!/bin/sh
# bench/corpus.sh KIND - assemble a benchmark corpus in $BENCH_DIR (cached)
# from the public data in ../shared/data and print its path.
#   news   plain text, >= 50 MB: CoNLL-2003 and EWT sentences as paragraphs
#   small  the first ~1.2M tokens of news (for slower stages and peers)
#   html   the article benchmark's pages, repeated to >= 50 MB (gzip)
#   articles  JSON Lines news-like articles of ~25 sentences, ~1.2M tokens
set -eu
kind=$1
out="$BENCH_DIR/$kind"
case $kind in
news)
    out="$out.txt"
    [ -s "$out" ] && { echo "$out"; exit 0; }
    python3 - "$SHARED/data" "$out" <<'PY'
import os, sys
data, out = sys.argv[1], sys.argv[2]
paras = []
def conll(path):
    cur = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("-DOCSTART-"):
            if cur: paras.append(" ".join(cur)); cur.clear()
            continue
        cur.append(line.split()[0])
def ewt(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("# text = "):
            paras.append(line[9:].strip())
conll(os.path.join(data, "conll2003", "train.txt"))
ewt(os.path.join(data, "ud-english-ewt", "en_ewt-ud-train.conllu"))
text = "\n\n".join(" ".join(paras[k:k + 8]) for k in range(0, len(paras), 8)) + "\n"
with open(out, "w", encoding="utf-8") as f:
    n = 0
    while n < 50 << 20:
        f.write(text); n += len(text.encode())
PY
    ;;
small)
    out="$out.txt"
    [ -s "$out" ] && { echo "$out"; exit 0; }
    news=$(sh "$0" news)
    head -c 7000000 "$news" > "$out"
    ;;
articles)
    out="$out.jsonl"
    [ -s "$out" ] && { echo "$out"; exit 0; }
    python3 - "$SHARED/data" "$out" <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
docs, cur, sent = [], [], []
for line in open(os.path.join(data, "conll2003", "train.txt"), encoding="utf-8"):
    line = line.strip()
    if line.startswith("-DOCSTART-"):
        if cur: docs.append(cur); cur = []
        continue
    if not line:
        if sent: cur.append(" ".join(sent)); sent = []
        continue
    sent.append(line.split()[0])
if cur: docs.append(cur)
with open(out, "w", encoding="utf-8") as f:
    ntok, k = 0, 0
    while ntok < 1_200_000:
        for d in docs:
            text = "\n\n".join(" ".join(d[i:i + 3]) for i in range(0, len(d), 3))
            f.write(json.dumps({"id": f"a{k}", "date": "2019-06-01", "text": text}) + "\n")
            ntok += sum(len(s.split()) for s in d); k += 1
            if ntok >= 1_200_000: break
PY
    ;;
html)
    [ -d "$out" ] && { echo "$out"; exit 0; }
    mkdir -p "$out"
    i=0
    while [ "$(du -sm "$out" | cut -f1)" -lt 12 ]; do
        for f in "$SHARED"/data/article-extraction-benchmark/html/*.html.gz; do
            cp "$f" "$out/$i-$(basename "$f")"
        done
        i=$((i + 1))
    done
    ;;
esac
echo "$out"
