#!/bin/sh
# extract_html.sh - golden-file tests of the HTML reader: each
# tests/golden/html/NAME.html gives the document record in NAME.jsonl (title,
# date, author, publisher, url, language, body); a page without an article
# fails with a message naming it.
set -u
NG=${NG:-build/newsgraph}
dir=tests/golden/html
fail=0 n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for html in "$dir"/*.html; do
    want=${html%.html}.jsonl
    [ -f "$want" ] || continue
    n=$((n + 1))
    # Dates are compared to the day: the date parser may add the time.
    "$NG" extract -r document --format jsonl "$html" 2>&1 |
        sed -E 's/"date":"([0-9]{4}-[0-9]{2}-[0-9]{2})[^"]*"/"date":"\1"/' >"$tmp"
    if ! cmp -s "$tmp" "$want"; then
        echo "FAIL $html:"
        diff "$want" "$tmp" | head -20
        fail=1
    fi
done
# No article: exit 1 and a message that names the input.
"$NG" extract -r document --format jsonl "$dir/only_nav.html" >"$tmp" 2>&1
rc=$?
if [ $rc -ne 1 ] || ! grep -q "only_nav.html: no article text" "$tmp"; then
    echo "FAIL only_nav.html: want exit 1 and a message naming it, got $rc:"
    cat "$tmp"
    fail=1
fi
echo "FIGURE extract_html $n golden pages"
[ $n -gt 0 ] && [ $fail -eq 0 ]
