#!/bin/sh
# `newsgraph serve` under load (issue: serve): wrk, 10 s at 64 connections on
# loopback, against the search and entity endpoints of a knowledge base of
# 3,000 synthetic articles (tests/e2e/make-fixture.mjs --docs 3000, ingested
# as records: no model needed).  Prints requests/s, p99 latency, and errors
# (non-2xx responses or socket errors), which should be none.
. bench/lib.sh
command -v wrk >/dev/null || { echo "  skipped: needs wrk (scripts/deps.sh)"; exit 0; }
command -v node >/dev/null || { echo "  skipped: needs node"; exit 0; }
. tests/e2e/server.sh
tmp=$(mktemp -d)
trap 'stop_server; rm -rf "$tmp"' EXIT
node tests/e2e/make-fixture.mjs --docs 3000 >"$tmp/big.jsonl"
make_db "$tmp/kb.db" "$tmp/big.jsonl" || { echo "  ingest failed"; exit 1; }
nent=$("$NG" sql --db "$tmp/kb.db" "SELECT count(*) FROM entities")
nfacts=$("$NG" sql --db "$tmp/kb.db" "SELECT count(*) FROM facts")
start_server "$tmp/kb.db" --web "" || exit 1
echo "  knowledge base: 3006 documents, $nent entities, $nfacts facts; server threads: $(nproc)"

# Each request picks its target at random (fixed seed), so the caches see a mix.
cat >"$tmp/search.lua" <<'LUA'
local words = {"summit", "forum", "attended", "bank", "Valmora", "evening", "company people",
               "Harbour", "Media Days", "finance", "Ekström", "motors", "late", "employs"}
math.randomseed(7)
request = function()
  local w = words[math.random(#words)]
  return wrk.format("GET", "/api/search?q=" .. w:gsub(" ", "%%20") .. "&limit=20")
end
LUA
cat >"$tmp/entity.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/entities/" .. math.random($nent))
end
LUA

# run NAME SCRIPT: one wrk run; prints requests/s, p99, errors.
run() {
    wrk -t 2 -c 64 -d 10s --latency -s "$2" "$BASE" >"$tmp/$1.out" 2>&1
    rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$tmp/$1.out")
    p99=$(awk '$1 == "99%" { print $2 }' "$tmp/$1.out")
    p50=$(awk '$1 == "50%" { print $2 }' "$tmp/$1.out")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$tmp/$1.out")
    sock=$(awk '/Socket errors/ { print }' "$tmp/$1.out")
    echo "  $1: $rps requests/s, p50 $p50, p99 $p99, errors: ${non2xx:-0} non-2xx${sock:+; $sock} (wrk -t2 -c64 -d10s)"
}
run search "$tmp/search.lua"
run entity "$tmp/entity.lua"
