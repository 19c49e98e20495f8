/*
 * test_store_pg.c - the store suite of test_store.c on PostgreSQL: the server
 * in $NEWSGRAPH_PG_URL, or one scripts/pg-test-server starts for the run;
 * every test is skipped (saying why) when there is neither.
 */
#define NG_TEST_PG 1
#include "test_store.c"
