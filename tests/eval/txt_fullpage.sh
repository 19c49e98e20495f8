#!/bin/sh
# txt_fullpage.sh - the plain-text cleaner on whole web pages flattened to
# text (every block element a paragraph: navigation, link lists, footers and
# all), from ../shared/data/article-extraction-benchmark: word-level
# precision, recall and F1 of the body against the ground-truth article,
# next to the raw page text.  Harder than scraped article text (the seeds),
# so it shows whether the line classifier generalises.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FLOOR_F1=0.84
dir=$SHARED/data/article-extraction-benchmark
[ -f "$dir/ground-truth.json" ] || { echo "skip: $dir not found (../shared is absent)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$dir" "$tmp" <<'PY'
import gzip, json, re, sys
from html.parser import HTMLParser
src, out = sys.argv[1], sys.argv[2]
BLOCK = set("p div br li h1 h2 h3 h4 h5 h6 tr section article header footer nav aside ul ol table "
            "blockquote figcaption figure title dd dt pre".split())
SKIP = {"script", "style", "noscript", "svg", "template", "iframe", "head"}
class Flat(HTMLParser):
    def __init__(self):
        super().__init__(); self.out = []; self.skip = 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in SKIP
        if tag in BLOCK: self.out.append("\n")
    def handle_endtag(self, tag):
        if tag in SKIP and self.skip: self.skip -= 1
        if tag in BLOCK: self.out.append("\n")
    def handle_data(self, data):
        if not self.skip: self.out.append(data)
for k in json.load(open(f"{src}/ground-truth.json", encoding="utf-8")):
    f = Flat(); f.feed(gzip.open(f"{src}/html/{k}.html.gz").read().decode("utf-8", "replace"))
    lines = [re.sub(r"[ \t\xa0]+", " ", l).strip() for l in "".join(f.out).split("\n")]
    open(f"{out}/{k[:16]}.txt", "w", encoding="utf-8").write("\n\n".join(l for l in lines if l))
PY
"$NG" extract --format jsonl -r document "$tmp"/*.txt >"$tmp/out.jsonl" 2>"$tmp/err"
python3 - "$dir" "$tmp" "$FLOOR_F1" <<'PY'
import collections, json, re, sys
src, d, floor = sys.argv[1], sys.argv[2], float(sys.argv[3])
gold = {k[:16]: v["articleBody"] for k, v in json.load(open(f"{src}/ground-truth.json", encoding="utf-8")).items()}
def prf(pred, ref):
    p = collections.Counter(re.findall(r"\w+", pred.lower())); g = collections.Counter(re.findall(r"\w+", ref.lower()))
    tp = sum((p & g).values()); P = tp / max(sum(p.values()), 1); R = tp / max(sum(g.values()), 1)
    return P, R, 2 * P * R / max(P + R, 1e-9)
tot = {"raw": [0, 0, 0], "clean": [0, 0, 0]}; n = 0
for line in open(f"{d}/out.jsonl", encoding="utf-8"):
    r = json.loads(line); n += 1
    page = open(f"{d}/{r['doc']}.txt", encoding="utf-8").read()
    for name, text in (("raw", page), ("clean", r.get("body") or "")):
        for i, v in enumerate(prf(text, gold[r["doc"]])): tot[name][i] += v
raw, clean = ([v / max(n, 1) for v in tot[k]] for k in ("raw", "clean"))
print(f"FIGURE txt full pages ({n}): raw text P={raw[0]:.3f} R={raw[1]:.3f} F1={raw[2]:.3f}; "
      f"cleaned P={clean[0]:.3f} R={clean[1]:.3f} F1={clean[2]:.3f} (floor {floor})")
sys.exit(0 if clean[2] >= floor else 1)
PY
