#!/bin/sh
# extract_txt.sh - plain-text articles written for the project, one per site
# convention (tests/golden/txt/NAME.txt), against their expected document
# records (NAME.expect: "field<TAB>value" for title, date, author, publisher,
# url ("-" = none), "paragraphs<TAB>N", and "keep"/"drop" lines that must be
# in / absent from the body).  Then bad input: empty, blank, binary, invalid
# UTF-8, and a single line over the 64 MB document limit.
set -u
NG=${NG:-build/newsgraph}
dir=tests/golden/txt
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to compare records"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# --- golden articles -----------------------------------------------------
"$NG" extract --format jsonl -r document "$dir"/*.txt >"$tmp/out.jsonl" 2>"$tmp/err" || {
    echo "extract failed:"; cat "$tmp/err"; exit 1; }
python3 - "$dir" "$tmp/out.jsonl" <<'PY' || fail=1
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
docs = {}
for line in open(out, encoding="utf-8"):
    r = json.loads(line)
    docs[r["doc"]] = r
ok = bad = 0
for name in sorted(os.listdir(d)):
    if not name.endswith(".expect"):
        continue
    doc = name[:-7]
    r = docs.get(doc)
    if r is None:
        print(f"FAIL {doc}: no document record"); bad += 1; continue
    body = r.get("body") or ""
    for line in open(os.path.join(d, name), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        field, want = line.split("\t", 1)
        if field == "keep":
            good, got = want in body, "missing from body"
        elif field == "drop":
            good, got = want not in body, "kept in body"
        elif field == "paragraphs":
            n = len([p for p in body.split("\n\n") if p.strip()])
            good, got = n == int(want), f"{n} paragraphs"
        else:
            val = r.get(field)
            good = (val is None) if want == "-" else val == want
            got = repr(val)
        if good:
            ok += 1
        else:
            bad += 1
            print(f"FAIL {doc} {field}: want {want!r}, got {got}")
    # the body is clean text: no blank-line runs, no stray spaces
    if "\n\n\n" in body or "  " in body or body != body.strip():
        bad += 1
        print(f"FAIL {doc}: body is not normalised")
print(f"FIGURE golden txt checks: {ok}/{ok + bad}")
sys.exit(1 if bad else 0)
PY

# --- bad input -----------------------------------------------------------
# expect_error FILE PATTERN: extract fails (exit 1) with PATTERN on stderr.
expect_error() {
    if "$NG" extract --format jsonl -r document "$1" >"$tmp/o" 2>"$tmp/e"; then
        echo "FAIL $1: accepted"; fail=1
    elif ! grep -q "$2" "$tmp/e"; then
        echo "FAIL $1: want '$2' in:"; cat "$tmp/e"; fail=1
    fi
}
: >"$tmp/empty.txt"
expect_error "$tmp/empty.txt" "empty.txt: empty file"
printf '  \n\t\n \302\240 \n\n' >"$tmp/blank.txt"
expect_error "$tmp/blank.txt" "blank.txt: only whitespace"
head -c 4096 /dev/urandom >"$tmp/junk.txt"
expect_error "$tmp/junk.txt" "junk.txt"

# Invalid UTF-8 is repaired and reported, and the article still comes out.
printf 'A title line\n\nThe caf\351 on the corner reopened on Monday after a fire in March.\n' >"$tmp/latin1.txt"
if ! "$NG" extract --format jsonl -r document "$tmp/latin1.txt" >"$tmp/o" 2>"$tmp/e"; then
    echo "FAIL latin1.txt: rejected"; cat "$tmp/e"; fail=1
elif ! grep -q "repaired 1 invalid" "$tmp/e" || ! grep -q 'caf\\ufffd\|caf�' "$tmp/o"; then
    echo "FAIL latin1.txt: no repair warning or no replacement character"; cat "$tmp/e"; fail=1
fi

# A single line past the document limit fails fast with a clear error.
python3 -c "import sys; sys.stdout.write('word ' * (14 << 20))" >"$tmp/huge.txt"
start=$(date +%s)
expect_error "$tmp/huge.txt" "limit for one document"
echo "FIGURE 70 MB single line rejected in $(($(date +%s) - start)) s"

exit $fail
