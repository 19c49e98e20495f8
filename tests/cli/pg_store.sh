#!/bin/sh
# pg_store.sh - the store's CLI tests (store_ingest.sh, store_query.sh) on
# PostgreSQL: the server in $NEWSGRAPH_PG_URL (run-tests.sh starts one), or
# one started here.  Skips (exit 77, saying why) when PostgreSQL cannot run.
set -u
NG=${NG:-build/newsgraph}
tmp=$(mktemp -d)
. tests/cli/store_db.inc
trap 'db_cleanup; rm -rf "$tmp"' EXIT
pg_server
export NEWSGRAPH_PG_URL=$PG_URL NG NG_BACKEND=pg
for t in store_ingest store_query; do
    out=$(sh "tests/cli/$t.sh" 2>&1)
    rc=$?
    echo "$out" | grep '^FIGURE' | sed "s/^FIGURE /FIGURE postgresql: /"
    [ $rc -eq 0 ] || { echo "$out" | tail -20; echo "FAIL: $t.sh on PostgreSQL (exit $rc)"; exit 1; }
done
echo "ok"
