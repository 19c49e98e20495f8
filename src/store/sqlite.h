/*
 * sqlite.h - the SQLite backend's shared state, internal to sqlite*.c.
 * Invariant: every statement is prepared once per connection (the cache
 * below) and reset before reuse; nothing builds SQL from data.
 */
#ifndef NG_STORE_SQLITE_H
#define NG_STORE_SQLITE_H

#include "store/store.h"

#include <sqlite3.h>

#define NG_SCHEMA_VERSION 1       /* PRAGMA user_version of a current database */
#define NG_SQLITE_BUSY_MS 60000   /* wait this long for another writer */
#define NG_MAX_CANDIDATES 64      /* entities one name may match before merging */

/* Statements of the write path, prepared on first use. */
typedef enum sq_stmt_id {
    S_DOC_BY_SHA, S_BAND_CANDIDATES, S_DOC_SIG, S_DOC_INSERT, S_BAND_INSERT,
    S_SENT_INSERT, S_FTS_INSERT,
    S_ALIAS_LOOKUP, S_ENT_INSERT, S_ALIAS_UPSERT, S_DOCENT_EXISTS, S_DOCENT_INSERT,
    S_ENT_STATS, S_ENT_RENAME, S_MENTION_INSERT,
    S_FACT_FIND, S_FACT_INSERT, S_EVID_SOURCE_SEEN, S_EVID_INSERT, S_FACT_STATS,
    S_MERGE_ALIAS_COUNTS, S_MERGE_ALIAS_MOVE, S_MERGE_ALIAS_DROP, S_MERGE_DOCENT, S_MERGE_MENTIONS,
    S_MERGE_FACTS_OF, S_FACT_REKEY, S_EVID_MOVE, S_EVID_DROP, S_FACT_DELETE, S_FACT_RECOUNT,
    S_ENT_RECOUNT, S_ENT_TYPE, S_ENT_SET_TYPE, S_ENT_UPGRADE, S_ENT_DELETE,
    S_NSTMTS
} sq_stmt_id;

typedef struct sq {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmts[S_NSTMTS];
    ng_buf key;                  /* scratch: fact keys */
} sq;

static inline sq *sq_of(ng_kb *kb) { return kb->impl; }

/* The cached statement id, reset and with bindings cleared; NULL with err
 * filled when it cannot be prepared. */
sqlite3_stmt *sq_stmt(sq *s, sq_stmt_id id, ng_error *err);
/* Fill err from the connection's last error; returns NG_EDB. */
int sq_fail(sq *s, ng_error *err, const char *what);
/* Run a statement that returns no rows. */
int sq_exec(sq *s, const char *sql, ng_error *err);
/* Step a statement to completion (no rows expected). */
int sq_done(sq *s, sqlite3_stmt *st, ng_error *err, const char *what);
/* Bind a string or NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);

/* sqlite_put.c */
int sq_put(ng_kb *kb, ng_put_plan *plan, ng_kb_put_info *info, ng_error *err);
/* sqlite_query.c */
int sq_query(ng_kb *kb, const char *name, const ng_kb_param *params, size_t nparams,
             ng_kb_row_fn fn, void *ud, ng_error *err);
int sq_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err);
/* Step st and hand each row to fn; NG_OK at the end or when fn stops. */
int sq_rows(sq *s, sqlite3_stmt *st, ng_kb_row_fn fn, void *ud, ng_error *err);

#endif /* NG_STORE_SQLITE_H */
