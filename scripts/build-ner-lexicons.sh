#!/bin/sh
# build-ner-lexicons.sh - regenerate the NER's company and brand gazetteers
# (lexicons/known_companies.txt, lexicons/brands.txt) from pinned npm
# packages.  Not part of the build: the outputs are committed.  Needs node/npm
# and python3; run after scripts/build-lexicons.sh (it filters against the
# place, name and cluster files).
set -eu
OUT=lexicons
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null 2>&1 &&
    npm install --no-audit --no-fund --silent @cspell/dict-companies@3.2.13 simple-icons@16.37.0 >/dev/null)
python3 tools/build_ner_lexicons.py "$work/node_modules" "$OUT"
