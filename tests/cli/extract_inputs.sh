#!/bin/sh
# extract_inputs.sh - every input kind and every kind of bad input through
# `newsgraph extract`: text, HTML (plain and gzip), JSON Lines, WARC (plain
# and gzip; chunked and gzip-encoded HTTP bodies; request and non-HTML
# records skipped), directories, stdin; empty, binary, NUL-laden, invalid
# UTF-8, truncated gzip, truncated WARC, bad JSON lines, deeply nested HTML.
# Bad inputs are reported with their name and reason, the run goes on, and
# the exit status is 1.  Texts written for this test.
set -u
NG=${NG:-build/newsgraph}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

article="Harbor Lights Ltd said on Monday it would open a second plant in Porto next year. The company employs 900 people and makes lamps for ships. Its chief executive, Rita Moss, said demand from shipyards had doubled since 2021."
mkdir -p "$t/in/sub/deeper"
printf 'Harbor Lights to open Porto plant\n\nBy Dana Kerr\nMarch 4, 2024\n\n%s\n' "$article" >"$t/in/a.txt"
printf 'Second article in a subdirectory.\n\n%s\n' "$article" >"$t/in/sub/deeper/b.txt"
: >"$t/in/empty.txt"
head -c 3000 /dev/urandom >"$t/in/binary.txt"
printf 'Text with a NUL \000 byte and \377 invalid UTF-8 in it. %s\n' "$article" >"$t/in/broken.txt"
printf '<html><head><title>Lamps | Site</title></head><body><article><h1>Lamps</h1><p>%s</p></article></body></html>' \
    "$article" | gzip >"$t/in/page.html.gz"
printf '<html><head><title>Lamps</title></head><body><p>%s</p></body></html>' "$article" | gzip | head -c 60 >"$t/in/cut.html.gz"
python3 - "$t/in/deep.html" <<'PY'
import sys
open(sys.argv[1], "w").write("<html><body>" + "<div>" * 100000 + "<p>Deep text that still counts as an article paragraph with enough words in it to keep.</p>" + "</body></html>")
PY
{
    printf '{"id": "j1", "title": "Lamps", "date": "2024-03-04", "text": "%s"}\n' "$article"
    printf '{"id": "j2", "not json\n'
    printf '{"id": "j3", "url": "http://example.test/x"}\n'
    printf '{"id": "j4", "html": "<p>%s</p>"}\n' "$article"
} >"$t/in/feed.jsonl"
python3 - "$t/in/crawl.warc" "$article" <<'PY'
import gzip, sys
path, article = sys.argv[1], sys.argv[2]
html = ("<html><head><title>Lamps</title><meta property='article:published_time' content='2024-03-04T08:00:00Z'>"
        "</head><body><article><p>" + article + "</p></article></body></html>").encode()
def record(kind, uri, block, ctype="application/http; msgtype=response"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"
chunked = b"".join(b"%x\r\n" % len(html[i:i + 50]) + html[i:i + 50] + b"\r\n" for i in range(0, len(html), 50)) + b"0\r\n\r\n"
plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
zipped = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(html)
image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"
out = (record("warcinfo", "", b"software: test", "application/warc-fields")
       + record("request", "http://example.test/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request")
       + record("response", "http://example.test/a", plain) + record("response", "http://example.test/b", zipped)
       + record("response", "http://example.test/c.png", image))
truncated = record("response", "http://example.test/d", plain)[:-200]
open(path, "wb").write(out + truncated)
open(path.replace(".warc", "2.warc.gz"), "wb").write(gzip.compress(out))
PY
printf 'Die Hafenlichter GmbH will im kommenden Jahr ein zweites Werk in Porto eröffnen. Das Unternehmen beschäftigt 900 Menschen und stellt Lampen für Schiffe her.\n' >"$t/in/german.txt"

"$NG" extract -r document --no-body "$t/in" >"$t/out.jsonl" 2>"$t/err"
status=$?
sed "s|$t/||" "$t/err"
check "exit status 1 when some input failed" '[ $status -eq 1 ]'
check "empty file named with its reason" 'grep -q "empty.txt: .*\(no article\|empty\)" "$t/err"'
check "binary file named" 'grep -q "binary.txt: .*binary" "$t/err"'
check "truncated gzip named" 'grep -q "cut.html.gz: .*\(truncated\|corrupt\)" "$t/err"'
check "bad JSON line named with its line number" 'grep -q "feed.jsonl:2: not JSON" "$t/err"'
check "JSON record without text named" 'grep -q "feed.jsonl:3: .*no \"text\" or \"html\"" "$t/err"'
check "truncated WARC record named" 'grep -q "crawl.warc@[0-9]*: truncated WARC record" "$t/err"'
check "every error is one line naming an input" '! grep -v "^newsgraph: \(warning: \)\?[^ ]*$t/in/" "$t/err" | grep -q .'
docs() { grep -c "\"doc\":\"$1\"" "$t/out.jsonl"; }
check "text file read" '[ "$(docs a)" = 1 ]'
check "directories read recursively" '[ "$(docs b)" = 1 ]'
check "NUL bytes and invalid UTF-8 repaired" '[ "$(docs broken)" = 1 ] && grep -q "broken.txt: repaired" "$t/err"'
check "gzip HTML read" '[ "$(docs page)" = 1 ]'
check "deeply nested HTML read" '[ "$(docs deep)" = 1 ]'
check "JSON Lines records read, bad lines skipped" '[ "$(docs j1)" = 1 ] && [ "$(docs j4)" = 1 ]'
check "WARC: chunked and gzip-encoded responses read, others skipped" \
    '[ "$(grep -c "\"doc\":\"crawl-" "$t/out.jsonl")" = 2 ] && [ "$(grep -c "\"doc\":\"crawl2-" "$t/out.jsonl")" = 2 ]'
check "WARC: target URI kept as url" 'grep "\"doc\":\"crawl-" "$t/out.jsonl" | grep -q "http://example.test/a"'
check "HTML date from meta tag" 'grep "\"doc\":\"crawl-" "$t/out.jsonl" | head -1 | grep -q "\"date\":\"2024-03-04"'
check "text metadata: title, author, date" \
    'grep "\"doc\":\"a\"" "$t/out.jsonl" | grep -q "\"title\":\"Harbor Lights to open Porto plant\".*\"date\":\"2024-03-04\".*\"author\":\"Dana Kerr\""'
check "language identified (en, de)" \
    'grep "\"doc\":\"a\"" "$t/out.jsonl" | grep -q "\"language\":\"en\"" && grep "\"doc\":\"german\"" "$t/out.jsonl" | grep -q "\"language\":\"de\""'
printf '%s\n' "$article" | "$NG" extract -r document - >"$t/stdin.jsonl" 2>/dev/null
check "stdin read with -" '[ "$(grep -c "\"kind\":\"document\"" "$t/stdin.jsonl")" = 1 ]'
"$NG" extract "$t/in/a.txt" "$t/nonexistent.txt" >/dev/null 2>"$t/err2"
check "missing file reported, the others still read" 'grep -q "nonexistent.txt: No such file" "$t/err2"'
"$NG" extract --format nope "$t/in/a.txt" >/dev/null 2>&1
check "misuse exits 2" '[ $? -eq 2 ]'
echo "FIGURE extract inputs: $(grep -c '"kind":"document"' "$t/out.jsonl") documents from $(find "$t/in" -type f | wc -l) files"
exit $fail
