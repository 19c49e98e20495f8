/*
 * sqlite.c - the SQLite backend: connection, schema creation and migration,
 * batches, and the prepared statements of the write path.  WAL mode: one
 * writer, any number of readers, and a crash at any moment leaves the last
 * committed batch intact.
 */
#include "store/sqlite.h"

#include <errno.h>
#include <unistd.h>

/* The write path's SQL, indexed by sq_stmt_id. */
static const char *const stmt_sql[S_NSTMTS] = {
    [S_DOC_BY_SHA] = "SELECT id FROM documents WHERE sha256 = ?1",
    [S_BAND_CANDIDATES] = "SELECT DISTINCT document_id FROM doc_bands WHERE band IN "
                          "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) LIMIT 64",
    [S_DOC_SIG] = "SELECT minhash, coalesce(dup_of, id) FROM documents WHERE id = ?1",
    [S_DOC_INSERT] = "INSERT INTO documents (doc, sha256, title, date, year, author, publisher, language, url, "
                     "source, body, nsentences, nentities, nfacts, dup_of, similarity, minhash) "
                     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    [S_BAND_INSERT] = "INSERT OR IGNORE INTO doc_bands (band, document_id) VALUES (?1, ?2)",
    [S_SENT_INSERT] = "INSERT INTO sentences (document_id, idx, start_byte, end_byte, text) VALUES (?1,?2,?3,?4,?5)",
    [S_FTS_INSERT] = "INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)",
    [S_ALIAS_LOOKUP] = "SELECT DISTINCT a.entity_id FROM aliases a WHERE a.key = ?1 AND a.tclass = ?2 AND a.strong",
    [S_ENT_INSERT] = "INSERT INTO entities (name, type) VALUES (?1, ?2)",
    [S_ALIAS_UPSERT] = "INSERT INTO aliases (entity_id, alias, key, tclass, strong, ndocs, ncanonical) "
                       "VALUES (?1,?2,?3,?4,?5,1,?6) ON CONFLICT (entity_id, alias) DO UPDATE SET "
                       "ndocs = ndocs + 1, ncanonical = ncanonical + excluded.ncanonical",
    [S_DOCENT_EXISTS] = "SELECT 1 FROM doc_entities WHERE entity_id = ?1 AND document_id = ?2 LIMIT 1",
    [S_DOCENT_INSERT] = "INSERT INTO doc_entities (document_id, local_id, entity_id, name, type, aliases, "
                        "nmentions) VALUES (?1,?2,?3,?4,?5,?7,?6)",
    [S_ENT_STATS] = "UPDATE entities SET ndocs = ndocs + ?2, nmentions = nmentions + ?3, "
                    "first_seen = min(coalesce(first_seen, ?4), coalesce(?4, first_seen)), "
                    "last_seen = max(coalesce(last_seen, ?4), coalesce(?4, last_seen)) WHERE id = ?1",
    /* The name documents use most; for an event series, a name without an
     * edition year when there is one. */
    [S_ENT_RENAME] = "UPDATE entities SET name = (SELECT alias FROM aliases WHERE entity_id = ?1 "
                     "ORDER BY ((SELECT type FROM entities WHERE id = ?1) = 'EVENT' AND alias GLOB '*[12][0-9][0-9][0-9]*'), "
                     "ncanonical DESC, ndocs DESC, length(alias) DESC, alias LIMIT 1) WHERE id = ?1",
    [S_MENTION_INSERT] = "INSERT INTO mentions (entity_id, document_id, local_id, sentence_id, start_byte, "
                         "end_byte, text) VALUES (?1,?2,?3,?4,?5,?6,?7)",
    [S_FACT_FIND] = "SELECT id FROM facts WHERE key = ?1",
    [S_FACT_INSERT] = "INSERT INTO facts (key, relation, subject_id, object_id, object_text, negated, modality, "
                      "time, year, title, confidence) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [S_EVID_SOURCE_SEEN] = "SELECT 1 FROM evidence WHERE fact_id = ?1 AND source_id = ?2 LIMIT 1",
    [S_EVID_INSERT] = "INSERT OR IGNORE INTO evidence (fact_id, document_id, source_id, sentence_id, start_byte, "
                      "end_byte, trigger_start, trigger_end, confidence, subject_local, object_local) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [S_FACT_STATS] = "UPDATE facts SET nevidence = nevidence + 1, nsources = nsources + ?2, "
                     "confidence = max(confidence, ?3), "
                     "first_seen = min(coalesce(first_seen, ?4), coalesce(?4, first_seen)), "
                     "last_seen = max(coalesce(last_seen, ?4), coalesce(?4, last_seen)) WHERE id = ?1",
    [S_MERGE_ALIAS_COUNTS] = "UPDATE aliases AS a SET ndocs = a.ndocs + b.ndocs, ncanonical = a.ncanonical + "
                             "b.ncanonical FROM aliases AS b WHERE a.entity_id = ?1 AND b.entity_id = ?2 "
                             "AND b.alias = a.alias",
    [S_MERGE_ALIAS_MOVE] = "UPDATE OR IGNORE aliases SET entity_id = ?1 WHERE entity_id = ?2",
    [S_MERGE_ALIAS_DROP] = "DELETE FROM aliases WHERE entity_id = ?2",
    [S_MERGE_DOCENT] = "UPDATE doc_entities SET entity_id = ?1 WHERE entity_id = ?2",
    [S_MERGE_MENTIONS] = "UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2",
    [S_MERGE_FACTS_OF] = "SELECT id, relation, subject_id, object_id, object_text, negated, modality, time, title "
                         "FROM facts WHERE subject_id = ?1 OR object_id = ?1",
    [S_FACT_REKEY] = "UPDATE facts SET key = ?2, subject_id = ?3, object_id = ?4 WHERE id = ?1",
    [S_EVID_MOVE] = "UPDATE OR IGNORE evidence SET fact_id = ?2 WHERE fact_id = ?1",
    [S_EVID_DROP] = "DELETE FROM evidence WHERE fact_id = ?1",
    [S_FACT_DELETE] = "DELETE FROM facts WHERE id = ?1",
    [S_FACT_RECOUNT] =
        "UPDATE facts SET nevidence = (SELECT count(*) FROM evidence WHERE fact_id = ?1), "
        "nsources = (SELECT count(DISTINCT source_id) FROM evidence WHERE fact_id = ?1), "
        "confidence = coalesce((SELECT max(confidence) FROM evidence WHERE fact_id = ?1), confidence), "
        "first_seen = (SELECT min(d.date) FROM evidence e JOIN documents d ON d.id = e.document_id "
        "WHERE e.fact_id = ?1), "
        "last_seen = (SELECT max(d.date) FROM evidence e JOIN documents d ON d.id = e.document_id "
        "WHERE e.fact_id = ?1) WHERE id = ?1",
    [S_ENT_RECOUNT] =
        "UPDATE entities SET ndocs = (SELECT count(DISTINCT document_id) FROM doc_entities WHERE entity_id = ?1), "
        "nmentions = (SELECT coalesce(sum(nmentions), 0) FROM doc_entities WHERE entity_id = ?1), "
        "first_seen = (SELECT min(d.date) FROM doc_entities x JOIN documents d ON d.id = x.document_id "
        "WHERE x.entity_id = ?1), "
        "last_seen = (SELECT max(d.date) FROM doc_entities x JOIN documents d ON d.id = x.document_id "
        "WHERE x.entity_id = ?1) WHERE id = ?1",
    [S_ENT_TYPE] = "SELECT type FROM entities WHERE id = ?1",
    [S_ENT_SET_TYPE] = "UPDATE entities SET type = ?2 WHERE id = ?1",
    [S_ENT_UPGRADE] = "UPDATE entities SET type = ?2 WHERE id = ?1 AND type = ?3",
    [S_ENT_DELETE] = "DELETE FROM entities WHERE id = ?1",
};

/* Migrations from version `from` to from + 1, applied in order.  Version 1
 * is the first schema, so there are none yet; a new version appends here. */
static const struct migration {
    int from;
    const char *sql;
} migrations[] = {
    {0, NULL},
};

int sq_fail(sq *s, ng_error *err, const char *what)
{
    return ng_err(err, NG_EDB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *sq_stmt(sq *s, sq_stmt_id id, ng_error *err)
{
    sqlite3_stmt *st = s->stmts[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL) != SQLITE_OK) {
        sq_fail(s, err, "preparing a statement");
        return NULL;
    }
    return s->stmts[id];
}

int sq_exec(sq *s, const char *sql, ng_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return NG_OK;
    int rc = ng_err(err, NG_EDB, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return rc;
}

int sq_done(sq *s, sqlite3_stmt *st, ng_error *err, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(st);
        return NG_OK;
    }
    rc = sq_fail(s, err, what);
    sqlite3_reset(st);
    return rc;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* ------------------------------------------------------------ schema */

static int user_version(sq *s, int *out, ng_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, "reading the schema version");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? NG_OK : sq_fail(s, err, "reading the schema version");
}

static int count_tables(sq *s, int *out, ng_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, "reading the database");
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? NG_OK : sq_fail(s, err, "reading the database");
}

static int set_version(sq *s, int v, ng_error *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    return sq_exec(s, sql, err);
}

static int create_schema(sq *s, ng_error *err)
{
    int rc = sq_exec(s, ng_schema_sql, err);
    if (rc == NG_OK)
        rc = sq_exec(s, "INSERT INTO meta (key, value) VALUES ('created_by', 'newsgraph " NG_VERSION "'), "
                        "('created', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", err);
    return rc == NG_OK ? set_version(s, NG_SCHEMA_VERSION, err) : rc;
}

static int migrate(sq *s, int from, ng_error *err)
{
    for (int v = from; v < NG_SCHEMA_VERSION; v++) {
        const struct migration *m = NULL;
        for (size_t i = 0; i < NG_ARRAY_LEN(migrations); i++)
            if (migrations[i].sql && migrations[i].from == v)
                m = &migrations[i];
        if (!m)
            return ng_err(err, NG_EDB, "%s: no migration from schema version %d", s->path, v);
        int rc = sq_exec(s, m->sql, err);
        if (rc == NG_OK)
            rc = set_version(s, v + 1, err);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Bring an empty or older database to NG_SCHEMA_VERSION, in one transaction
 * taken before looking (so two processes creating one database agree). */
static int upgrade(sq *s, ng_error *err)
{
    int rc = sq_exec(s, "BEGIN IMMEDIATE", err);
    if (rc != NG_OK)
        return rc;
    int version = 0, ntables = 0;
    rc = user_version(s, &version, err);
    if (rc == NG_OK)
        rc = count_tables(s, &ntables, err);
    if (rc == NG_OK && version == 0 && ntables > 0)
        rc = ng_err(err, NG_EDB, "%s: not a newsgraph database (it has tables of its own)", s->path);
    else if (rc == NG_OK && version == 0)
        rc = create_schema(s, err);
    else if (rc == NG_OK && version < NG_SCHEMA_VERSION)
        rc = migrate(s, version, err);
    if (rc == NG_OK)
        return sq_exec(s, "COMMIT", err);
    sq_exec(s, "ROLLBACK", NULL);
    return rc;
}

static int check_schema(sq *s, bool readonly, ng_error *err)
{
    int version;
    int rc = user_version(s, &version, err);
    if (rc != NG_OK)
        return rc;
    if (version > NG_SCHEMA_VERSION)
        return ng_err(err, NG_EDB, "%s: schema version %d is newer than this newsgraph's (%d); upgrade newsgraph",
                      s->path, version, NG_SCHEMA_VERSION);
    if (version == NG_SCHEMA_VERSION)
        return NG_OK;
    int ntables = 0;
    if (readonly && version == 0 && count_tables(s, &ntables, err) == NG_OK && ntables == 0)
        return ng_err(err, NG_ENOTFOUND, "%s: empty knowledge base (no ingest has committed anything yet)", s->path);
    if (readonly)
        return ng_err(err, NG_EDB, "%s: %s", s->path,
                      version ? "schema is older than this newsgraph's; run 'newsgraph ingest' once to upgrade it"
                              : "not a newsgraph database");
    return upgrade(s, err);
}

/* ------------------------------------------------------------ backend */

static bool sq_accepts(const char *target)
{
    return !strstr(target, "://");
}

static int configure(sq *s, bool readonly, ng_error *err)
{
    sqlite3_busy_timeout(s->db, NG_SQLITE_BUSY_MS);
    sqlite3_extended_result_codes(s->db, 1);
    if (readonly)
        return sq_exec(s, "PRAGMA query_only = 1", err);
    int rc = sq_exec(s, "PRAGMA journal_mode = WAL", err);
    if (rc == NG_OK)
        rc = sq_exec(s, "PRAGMA synchronous = NORMAL", err);
    if (rc == NG_OK) /* a batch fits in memory: pages are written once, at commit */
        rc = sq_exec(s, "PRAGMA cache_size = -65536", err);
    if (rc == NG_OK) /* savepoint journals stay in memory */
        rc = sq_exec(s, "PRAGMA temp_store = MEMORY", err);
    if (rc == NG_OK)
        rc = sq_exec(s, "PRAGMA foreign_keys = OFF", err); /* merges keep references consistent */
    return rc;
}

static void sq_close(ng_kb *kb)
{
    sq *s = sq_of(kb);
    if (!s)
        return;
    for (int i = 0; i < S_NSTMTS; i++)
        sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    ng_buf_free(&s->key);
    ng_free(s->path, strlen(s->path) + 1);
    ng_free(s, sizeof *s);
    kb->impl = NULL;
}

static int sq_open(ng_kb *kb, const char *target, ng_error *err)
{
    bool readonly = kb->flags & NG_KB_READONLY;
    if (readonly && access(target, F_OK) != 0)
        return ng_err(err, NG_ENOTFOUND, "%s: no such knowledge base (create it with 'newsgraph ingest')", target);
    sq *s = ng_calloc(1, sizeof *s);
    if (!s || !(s->path = ng_strndup(target, strlen(target)))) {
        ng_free(s, sizeof *s);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", target);
    }
    kb->impl = s;
    ng_buf_init(&s->key);
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = NG_OK;
    if (sqlite3_open_v2(target, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        rc = s->db ? sq_fail(s, err, "cannot open") : ng_err(err, NG_ENOMEM, "%s: out of memory", target);
    if (rc == NG_OK)
        rc = configure(s, readonly, err);
    if (rc == NG_OK)
        rc = check_schema(s, readonly, err);
    if (rc != NG_OK)
        sq_close(kb);
    return rc;
}

static int sq_begin(ng_kb *kb, ng_error *err)
{
    return sq_exec(sq_of(kb), "BEGIN IMMEDIATE", err);
}

static int sq_commit(ng_kb *kb, ng_error *err)
{
    return sq_exec(sq_of(kb), "COMMIT", err);
}

static void sq_rollback(ng_kb *kb)
{
    sq *s = sq_of(kb);
    if (!sqlite3_get_autocommit(s->db))
        sq_exec(s, "ROLLBACK", NULL);
}

const ng_store_ops ng_store_sqlite = {
    .name = "sqlite",
    .accepts = sq_accepts,
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .put = sq_put,
    .query = sq_query,
    .sql = sq_sql,
};
