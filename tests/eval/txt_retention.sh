#!/bin/sh
# txt_retention.sh - boilerplate removal must not eat articles: the clean
# article bodies of ../shared/data/article-extraction-benchmark (181 pages'
# ground truth) go through the plain-text reader as .txt files, and we count
# how much of them survives: all words, and whole prose paragraphs (8+ words
# ending in . ! ?).  Lists and subheads may go; prose must stay.
set -u
NG=${NG:-build/newsgraph}
SHARED=${SHARED:-../shared}
FLOOR_WORDS=0.93
FLOOR_PROSE=0.99
gt=$SHARED/data/article-extraction-benchmark/ground-truth.json
[ -f "$gt" ] || { echo "skip: $gt not found (../shared is absent)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$gt" "$tmp" <<'PY'
import json, sys
for k, v in json.load(open(sys.argv[1], encoding="utf-8")).items():
    open(f"{sys.argv[2]}/{k[:16]}.txt", "w", encoding="utf-8").write(v["articleBody"])
PY
"$NG" extract --format jsonl -r document "$tmp"/*.txt >"$tmp/out.jsonl" 2>"$tmp/err"
python3 - "$tmp" "$FLOOR_WORDS" "$FLOOR_PROSE" <<'PY'
import json, re, sys
d, fw, fp = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def norm(s): return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", s.lower())).strip()
win = wout = paras = kept = 0
for line in open(f"{d}/out.jsonl", encoding="utf-8"):
    r = json.loads(line)
    src = open(f"{d}/{r['doc']}.txt", encoding="utf-8").read().replace("\xad", "")
    body = norm(r.get("body") or "")
    win += len(norm(src).split()); wout += len(body.split())
    for p in src.split("\n"):
        p = p.strip()
        if len(p.split()) >= 8 and re.search(r"[.!?][\"”’)]?$", p):
            paras += 1; kept += norm(p) in body
w, p = wout / max(win, 1), kept / max(paras, 1)
print(f"FIGURE txt retention: words kept {w:.4f} (floor {fw}), prose paragraphs kept {kept}/{paras} = {p:.4f} (floor {fp})")
sys.exit(0 if w >= fw and p >= fp else 1)
PY
