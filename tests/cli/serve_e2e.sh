#!/bin/sh
# serve_e2e.sh - the web UI end to end in Debian's chromium (tests/e2e/app.mjs):
# a database from tests/e2e/fixture.jsonl, the server on a free loopback
# port, the UI built by `make web`; screenshots in $BUILD/e2e/*.png.
# Skips only when chromium is absent.
set -u
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "skip: $CHROMIUM is not installed (scripts/deps.sh installs it)"; exit 77; }
command -v node >/dev/null || { echo "node is not installed (scripts/deps.sh installs it)"; exit 1; }
. tests/e2e/server.sh
make --no-print-directory -s web BUILD=build || { echo "make web failed"; exit 1; }
[ -f web/node_modules/playwright-core/package.json ] || { echo "playwright-core missing: make web installs it"; exit 1; }
tmp=$(mktemp -d)
trap 'stop_server; rm -rf "$tmp"' EXIT
make_db "$tmp/kb.db" tests/e2e/fixture.jsonl || exit 1
start_server "$tmp/kb.db" --web build/web || exit 1
BASE=$BASE OUT=${BUILD:-build}/e2e CHROMIUM=$CHROMIUM node tests/e2e/app.mjs
rc=$?
stop_server
[ "$STOP_RC" -eq 0 ] || { echo "the server did not stop cleanly (exit $STOP_RC)"; exit 1; }
exit $rc
