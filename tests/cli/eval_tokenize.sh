#!/bin/sh
# eval_tokenize.sh - `newsgraph eval tokenize` on small CoNLL-U files written
# for this test: raw text rebuilt from SpaceAfter=No, multiword tokens,
# paragraphs and documents; a perfect score, then a known imperfect one.
set -u
NG=${NG:-build/newsgraph}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

row() { # ID FORM [MISC]
    printf '%s\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n' "$1" "$2" "${3:-_}"
}

{
    echo "# newdoc id = d1"
    echo "# newpar id = d1-p1"
    echo "# text = We don't know."
    row 1 We; row 2-3 "don't"; row 2 do; row 3 "n't"; row 4 know SpaceAfter=No; row 5 .
    echo
    echo "# text = Mr. Li left."
    row 1 Mr.; row 2 Li; row 3 left SpaceAfter=No; row 4 .
    echo
    echo "# newpar id = d1-p2"
    echo "# text = A new paragraph"
    row 1 A; row 2 new; row 3 paragraph
    echo
    echo "# newdoc id = d2"
    echo "# text = Jones' e-mail, sent at 5pm!"
    row 1-2 "Jones'"; row 1 Jones; row 2 "'"; row 3 e-mail SpaceAfter=No; row 4 ,; row 5 sent; row 6 at
    row 7 5 SpaceAfter=No; row 8 pm SpaceAfter=No; row 9 !
    echo
} >"$dir/good.conllu"

out=$("$NG" eval tokenize "$dir/good.conllu") || { echo "eval failed"; exit 1; }
echo "$out"
last=$(echo "$out" | tail -1)
[ "$last" = "tokenize: tokens=1.0000 sentences=1.0000" ] || { echo "expected a perfect score, got: $last"; exit 1; }

{
    echo "# text = The state-run firm."
    row 1 The; row 2 state-run; row 3 firm SpaceAfter=No; row 4 .
    echo
} >"$dir/diff.conllu"
# gold 4 words, predicted 6 (state - run), 3 shared: P 0.5, R 0.75, F1 0.6
last=$("$NG" eval tokenize --test "$dir/diff.conllu" | tail -1)
[ "$last" = "tokenize: tokens=0.6000 sentences=1.0000" ] || { echo "unexpected score: $last"; exit 1; }

# Misuse: no file, an unknown kind, a missing file.
"$NG" eval tokenize >/dev/null 2>&1; [ $? -eq 2 ] || { echo "no file: expected exit 2"; exit 1; }
"$NG" eval nosuchkind x >/dev/null 2>&1; [ $? -eq 2 ] || { echo "unknown kind: expected exit 2"; exit 1; }
"$NG" eval tokenize "$dir/absent.conllu" >/dev/null 2>&1; [ $? -eq 1 ] || { echo "missing file: expected exit 1"; exit 1; }
printf 'x\ty\n' >"$dir/bad.conllu"
"$NG" eval tokenize "$dir/bad.conllu" >/dev/null 2>&1; [ $? -eq 1 ] || { echo "malformed file: expected exit 1"; exit 1; }
echo "FIGURE eval tokenize: scorer checks pass"
