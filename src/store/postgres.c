/*
 * postgres.c - the PostgreSQL backend: connection (libpq, a postgres:// or
 * postgresql:// URL), schema creation under an advisory lock, batches, and
 * the prepared statements of the write path.  Invariant: a batch is one
 * transaction, so a killed writer leaves exactly the batches it committed.
 */
#include "store/postgres.h"

#include <stdio.h>
#include <stdlib.h>

/* An entity's name: the alias documents use most (for an event series, one
 * without an edition year when there is one); RENAME for the entity $3. */
#define RENAME_OF(id)                                                                                        \
    "name = (SELECT alias FROM aliases WHERE entity_id = " id " ORDER BY ((SELECT type FROM entities WHERE " \
    "id = " id ") = 'EVENT' AND alias ~ '[12][0-9][0-9][0-9]'), ncanonical DESC, ndocs DESC, "               \
    "length(alias) DESC, alias COLLATE \"C\" LIMIT 1)"
#define RENAME RENAME_OF("$3")
#define RENAME_1 RENAME_OF("$1")

/* The write path's SQL, indexed by pg_stmt_id (the statements of
 * sqlite.c, in PostgreSQL's dialect). */
static const char *const stmt_sql[P_NSTMTS] = {
    [P_HASH_LOOKUP] = "SELECT document_id FROM doc_hashes WHERE sha256 = $1",
    [P_DOC_IDS] = "SELECT nextval('documents_id_seq') FROM generate_series(1, $1::int)",
    [P_HASH_CLAIM] = "INSERT INTO doc_hashes (sha256, document_id) VALUES ($1, $2) "
                     "ON CONFLICT (sha256) DO NOTHING RETURNING document_id",
    [P_DOC_INSERT] = "INSERT INTO documents (id, doc, sha256, title, date, year, author, publisher, language, url, "
                     "source, body, nsentences, nentities, nfacts, minhash) "
                     "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)",
    [P_SENT_IDS] = "SELECT nextval('sentences_id_seq') FROM generate_series(1, $1::int)",
    [P_BAND_CANDIDATES] = "SELECT DISTINCT document_id FROM doc_bands WHERE band = ANY ($1::bigint[]) "
                          "AND document_id <> $2 LIMIT 64",
    [P_DOC_SIG] = "SELECT minhash, coalesce(dup_of, id) FROM documents WHERE id = $1",
    [P_DOC_DUP] = "UPDATE documents SET dup_of = $2, similarity = $3 WHERE id = $1",
    [P_BAND_INSERT] = "INSERT INTO doc_bands (band, document_id) SELECT DISTINCT unnest($1::bigint[]), $2::bigint "
                      "ON CONFLICT DO NOTHING",
    [P_ALIAS_LOOKUP] = "SELECT DISTINCT entity_id FROM aliases WHERE key = ANY ($1::text[]) AND tclass = $2 "
                       "AND strong <> 0 ORDER BY entity_id LIMIT 64",
    [P_ENT_INSERT] = "INSERT INTO entities (name, type) VALUES ($1, $2) RETURNING id",
    [P_ALIAS_UPSERT] = "INSERT INTO aliases AS a (entity_id, alias, key, tclass, strong, ndocs, ncanonical) "
                       "VALUES ($1,$2,$3,$4,$5,1,$6) ON CONFLICT (entity_id, alias) DO UPDATE SET "
                       "ndocs = a.ndocs + 1, ncanonical = a.ncanonical + excluded.ncanonical",
    /* The document's entity row, the entity's counts, and its name: the one
     * documents use most; for an event series, one without an edition year
     * when there is one. */
    [P_DOCENT_LINK] = "WITH x AS (INSERT INTO doc_entities (document_id, local_id, entity_id, name, type, aliases, "
                      "nmentions) VALUES ($1,$2,$3,$4,$5,$7,$6)) "
                      "UPDATE entities SET ndocs = ndocs + $8, nmentions = nmentions + $6, "
                      "first_seen = least(first_seen, $9), last_seen = greatest(last_seen, $9), " RENAME
                      " WHERE id = $3",
    [P_ENT_RENAME] = "UPDATE entities SET " RENAME_1 " WHERE id = $1",
    [P_FACT_FIND] = "SELECT id FROM facts WHERE key = $1",
    /* The fact of key $1, stored when new. */
    [P_FACT_GET] = "WITH ins AS (INSERT INTO facts (key, relation, subject_id, object_id, object_text, negated, "
                   "modality, time, year, title, confidence) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
                   "ON CONFLICT (key) DO NOTHING RETURNING id) "
                   "SELECT id FROM ins UNION ALL SELECT id FROM facts WHERE key = $1",
    /* One piece of evidence and, unless it was there already, the fact's
     * counts (the source counted once: the subquery sees the rows before
     * the insert). */
    [P_EVID_ADD] = "WITH ins AS (INSERT INTO evidence (fact_id, document_id, source_id, sentence_id, start_byte, "
                   "end_byte, trigger_start, trigger_end, confidence, subject_local, object_local) "
                   "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT DO NOTHING RETURNING 1) "
                   "UPDATE facts SET nevidence = nevidence + 1, nsources = nsources + CASE WHEN EXISTS "
                   "(SELECT 1 FROM evidence WHERE fact_id = $1 AND source_id = $3) THEN 0 ELSE 1 END, "
                   "confidence = greatest(confidence, $9), first_seen = least(first_seen, $12), "
                   "last_seen = greatest(last_seen, $12) WHERE id = $1 AND EXISTS (SELECT 1 FROM ins)",
    [P_MERGE_ALIAS_COUNTS] = "UPDATE aliases AS a SET ndocs = a.ndocs + b.ndocs, ncanonical = a.ncanonical + "
                             "b.ncanonical FROM aliases AS b WHERE a.entity_id = $1 AND b.entity_id = $2 "
                             "AND b.alias = a.alias",
    [P_MERGE_ALIAS_MOVE] = "UPDATE aliases AS b SET entity_id = $1 WHERE b.entity_id = $2 AND NOT EXISTS "
                           "(SELECT 1 FROM aliases a WHERE a.entity_id = $1 AND a.alias = b.alias)",
    [P_MERGE_ALIAS_DROP] = "DELETE FROM aliases WHERE entity_id = $2 AND $1::bigint IS NOT NULL",
    [P_MERGE_DOCENT] = "UPDATE doc_entities SET entity_id = $1 WHERE entity_id = $2",
    [P_MERGE_MENTIONS] = "UPDATE mentions SET entity_id = $1 WHERE entity_id = $2",
    [P_MERGE_FACTS_OF] = "SELECT id, relation, subject_id, object_id, object_text, negated, modality, time, title "
                         "FROM facts WHERE subject_id = $1 OR object_id = $1",
    [P_FACT_REKEY] = "UPDATE facts SET key = $2, subject_id = $3, object_id = $4 WHERE id = $1",
    [P_EVID_MOVE] = "UPDATE evidence AS v SET fact_id = $2 WHERE v.fact_id = $1 AND NOT EXISTS (SELECT 1 FROM "
                    "evidence w WHERE w.fact_id = $2 AND w.document_id = v.document_id AND w.start_byte = "
                    "v.start_byte AND w.end_byte = v.end_byte AND w.trigger_start IS NOT DISTINCT FROM v.trigger_start)",
    [P_EVID_DROP] = "DELETE FROM evidence WHERE fact_id = $1",
    [P_FACT_DELETE] = "DELETE FROM facts WHERE id = $1",
    [P_FACT_RECOUNT] =
        "UPDATE facts SET nevidence = (SELECT count(*) FROM evidence WHERE fact_id = $1), "
        "nsources = (SELECT count(DISTINCT source_id) FROM evidence WHERE fact_id = $1), "
        "confidence = coalesce((SELECT max(confidence) FROM evidence WHERE fact_id = $1), confidence), "
        "first_seen = (SELECT min(d.date) FROM evidence e JOIN documents d ON d.id = e.document_id "
        "WHERE e.fact_id = $1), "
        "last_seen = (SELECT max(d.date) FROM evidence e JOIN documents d ON d.id = e.document_id "
        "WHERE e.fact_id = $1) WHERE id = $1",
    [P_ENT_RECOUNT] =
        "UPDATE entities SET ndocs = (SELECT count(DISTINCT document_id) FROM doc_entities WHERE entity_id = $1), "
        "nmentions = (SELECT coalesce(sum(nmentions), 0) FROM doc_entities WHERE entity_id = $1), "
        "first_seen = (SELECT min(d.date) FROM doc_entities x JOIN documents d ON d.id = x.document_id "
        "WHERE x.entity_id = $1), "
        "last_seen = (SELECT max(d.date) FROM doc_entities x JOIN documents d ON d.id = x.document_id "
        "WHERE x.entity_id = $1) WHERE id = $1",
    [P_ENT_TYPE] = "SELECT type FROM entities WHERE id = $1",
    [P_ENT_SET_TYPE] = "UPDATE entities SET type = $2 WHERE id = $1",
    [P_ENT_UPGRADE] = "UPDATE entities SET type = $2 WHERE id = $1 AND type = ANY ($3::text[])",
    [P_ENT_DELETE] = "DELETE FROM entities WHERE id = $1",
};

/* ------------------------------------------------------------ parameters */

static void pgp_raw(pg_params *p, const char *v, int len, int fmt)
{
    if (p->n >= NG_PG_MAX_PARAMS)
        return; /* statements have fewer; pg_run refuses the overflow */
    p->v[p->n] = v;
    p->len[p->n] = len;
    p->fmt[p->n] = fmt;
    p->n++;
}

void pgp_int(pg_params *p, int64_t v)
{
    if (p->n >= NG_PG_MAX_PARAMS)
        return;
    snprintf(p->num[p->n], sizeof p->num[0], "%lld", (long long)v);
    pgp_raw(p, p->num[p->n], 0, 0);
}

void pgp_id(pg_params *p, int64_t v)
{
    if (v > 0)
        pgp_int(p, v);
    else
        pgp_raw(p, NULL, 0, 0);
}

void pgp_double(pg_params *p, double v)
{
    if (p->n >= NG_PG_MAX_PARAMS)
        return;
    snprintf(p->num[p->n], sizeof p->num[0], "%.17g", v);
    pgp_raw(p, p->num[p->n], 0, 0);
}

void pgp_text(pg_params *p, const char *v)
{
    pgp_raw(p, v, 0, 0);
}

void pgp_textn(pg_params *p, const char *v, size_t n)
{
    /* Text parameters end at their NUL: a copy is not needed when v[n] is
     * one, and documents' spans are not NUL-terminated, so they go as binary
     * text (the bytes as they are; text's binary form is its bytes). */
    pgp_raw(p, v, (int)n, 1);
}

void pgp_bytea(pg_params *p, const void *v, int n)
{
    pgp_raw(p, v, n, 1);
}

/* --------------------------------------------------------------- errors */

int pg_fail(pg *s, PGresult *res, ng_error *err, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(s->conn);
    char text[512];
    snprintf(text, sizeof text, "%s", msg && *msg ? msg : "unknown error");
    size_t n = strlen(text);
    while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
        text[--n] = '\0';
    int code = state && strcmp(state, "25006") == 0 ? NG_EARG : NG_EDB;
    if (code == NG_EARG)
        ng_err(err, code, "%s: only read-only statements are allowed (%s)", s->name, text);
    else
        ng_err(err, code, "%s: %s: %s", s->name, what, text);
    PQclear(res);
    return code;
}

bool pg_retryable(const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return state && (strcmp(state, "40P01") == 0 || strcmp(state, "40001") == 0);
}

int pg_exec(pg *s, const char *sql, ng_error *err)
{
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        PQclear(res);
        return NG_OK;
    }
    return pg_fail(s, res, err, "running SQL");
}

static int prepare(pg *s, pg_stmt_id id, ng_error *err)
{
    if (s->prepared[id])
        return NG_OK;
    char name[16];
    snprintf(name, sizeof name, "ng%d", (int)id);
    PGresult *res = PQprepare(s->conn, name, stmt_sql[id], 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        return pg_fail(s, res, err, "preparing a statement");
    PQclear(res);
    s->prepared[id] = true;
    return NG_OK;
}

PGresult *pg_run(pg *s, pg_stmt_id id, const pg_params *p, ng_error *err, const char *what)
{
    if (p && p->n >= NG_PG_MAX_PARAMS) {
        ng_err(err, NG_EINTERNAL, "%s: %s: too many parameters", s->name, what);
        return NULL;
    }
    if (prepare(s, id, err) != NG_OK)
        return NULL;
    char name[16];
    snprintf(name, sizeof name, "ng%d", (int)id);
    PGresult *res = PQexecPrepared(s->conn, name, p ? p->n : 0, p ? p->v : NULL, p ? p->len : NULL,
                                   p ? p->fmt : NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
    s->retry |= pg_retryable(res);
    pg_fail(s, res, err, what);
    return NULL;
}

int pg_do(pg *s, pg_stmt_id id, const pg_params *p, ng_error *err, const char *what)
{
    PGresult *res = pg_run(s, id, p, err, what);
    if (!res)
        return err->code ? err->code : NG_EDB;
    PQclear(res);
    return NG_OK;
}

int64_t pg_int(const PGresult *res, int row, int col)
{
    if (!res || row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col))
        return 0;
    return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* ---------------------------------------------------------------- schema */

/* One integer from a query without parameters, or -1 on failure. */
static int64_t query_int(pg *s, const char *sql, ng_error *err)
{
    PGresult *res = PQexec(s->conn, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        pg_fail(s, res, err, "reading the database");
        return -1;
    }
    int64_t v = pg_int(res, 0, 0);
    PQclear(res);
    return v;
}

/* The schema version of the current schema: 0 when it has no meta table,
 * -1 on failure; *ntables: tables of the schema. */
static int64_t schema_version(pg *s, int64_t *ntables, ng_error *err)
{
    *ntables = query_int(s, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", err);
    if (*ntables < 0)
        return -1;
    int64_t has_meta = query_int(s, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                                    "AND tablename = 'meta'", err);
    if (has_meta <= 0)
        return has_meta;
    return query_int(s, "SELECT coalesce((SELECT value::int FROM meta WHERE key = 'schema_version'), 0)", err);
}

static int create_schema(pg *s, ng_error *err)
{
    int rc = pg_exec(s, ng_schema_pg_sql, err);
    if (rc == NG_OK) {
        char sql[512];
        snprintf(sql, sizeof sql, "INSERT INTO meta (key, value) VALUES ('schema_version', '%d'), "
                 "('created_by', 'newsgraph %s'), ('created', to_char(now() AT TIME ZONE 'UTC', "
                 "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))", NG_PG_SCHEMA_VERSION, NG_VERSION);
        rc = pg_exec(s, sql, err);
    }
    return rc;
}

/* Bring an empty schema to NG_PG_SCHEMA_VERSION, in one transaction under an
 * advisory lock taken before looking (so concurrent first writers agree). */
static int upgrade(pg *s, ng_error *err)
{
    int rc = pg_exec(s, "BEGIN", err);
    if (rc != NG_OK)
        return rc;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)", NG_PG_SCHEMA_LOCK);
    rc = pg_exec(s, sql, err);
    int64_t ntables = 0, version = rc == NG_OK ? schema_version(s, &ntables, err) : -1;
    if (version < 0)
        rc = rc == NG_OK ? NG_EDB : rc;
    else if (version == 0 && ntables > 0)
        rc = ng_err(err, NG_EDB, "%s: not a newsgraph database (its schema has tables of its own)", s->name);
    else if (version == 0)
        rc = create_schema(s, err);
    else if (version > NG_PG_SCHEMA_VERSION)
        rc = ng_err(err, NG_EDB, "%s: schema version %lld is newer than this newsgraph's (%d); upgrade newsgraph",
                    s->name, (long long)version, NG_PG_SCHEMA_VERSION);
    /* Older versions: migrations go here when there is a version 2. */
    if (rc == NG_OK)
        return pg_exec(s, "COMMIT", err);
    pg_exec(s, "ROLLBACK", NULL);
    return rc;
}

static int check_schema(pg *s, bool readonly, ng_error *err)
{
    int64_t ntables = 0, version = schema_version(s, &ntables, err);
    if (version < 0)
        return NG_EDB;
    if (version > NG_PG_SCHEMA_VERSION)
        return ng_err(err, NG_EDB, "%s: schema version %lld is newer than this newsgraph's (%d); upgrade newsgraph",
                      s->name, (long long)version, NG_PG_SCHEMA_VERSION);
    if (version == NG_PG_SCHEMA_VERSION)
        return NG_OK;
    if (readonly && ntables == 0)
        return ng_err(err, NG_ENOTFOUND, "%s: empty knowledge base (no ingest has committed anything yet)", s->name);
    if (readonly)
        return ng_err(err, NG_EDB, "%s: not a newsgraph database", s->name);
    return upgrade(s, err);
}

/* --------------------------------------------------------------- backend */

static bool pg_accepts(const char *target)
{
    return ng_starts_with(target, "postgres://") || ng_starts_with(target, "postgresql://");
}

/* The URL with any password replaced by "***", for messages. */
static char *redact(const char *url)
{
    size_t n = strnlen(url, NG_PG_MAX_URL);
    char *out = ng_malloc(n + 8);
    if (!out)
        return NULL;
    const char *scheme = strstr(url, "://");
    const char *at = scheme ? memchr(scheme, '@', n - (size_t)(scheme - url)) : NULL;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
    if (colon && (!slash || at < slash))
        snprintf(out, n + 8, "%.*s:***%.*s", (int)(colon - url), url, (int)(n - (size_t)(at - url)), at);
    else
        snprintf(out, n + 8, "%.*s", (int)n, url);
    return out;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void pg_close(ng_kb *kb)
{
    pg *s = pg_of(kb);
    if (!s)
        return;
    pgw_discard(s);
    ng_free(s->pending, s->cap_pending * sizeof *s->pending);
    PQfinish(s->conn);
    ng_buf_free(&s->key);
    ng_buf_free(&s->copy);
    if (s->name)
        ng_free(s->name, strlen(s->name) + 8);
    ng_free(s, sizeof *s);
    kb->impl = NULL;
}

static int pg_open(ng_kb *kb, const char *target, ng_error *err)
{
    bool readonly = kb->flags & NG_KB_READONLY;
    if (strnlen(target, NG_PG_MAX_URL + 1) > NG_PG_MAX_URL)
        return ng_err(err, NG_EARG, "postgresql://...: URL over %d bytes", NG_PG_MAX_URL);
    pg *s = ng_calloc(1, sizeof *s);
    if (!s || !(s->name = redact(target))) {
        ng_free(s, sizeof *s);
        return ng_err(err, NG_ENOMEM, "out of memory");
    }
    kb->impl = s;
    ng_buf_init(&s->key);
    ng_buf_init(&s->copy);
    s->conn = PQconnectdb(target);
    int rc = NG_OK;
    if (!s->conn)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", s->name);
    else if (PQstatus(s->conn) != CONNECTION_OK)
        rc = pg_fail(s, NULL, err, "cannot connect");
    if (rc == NG_OK) {
        PQsetNoticeProcessor(s->conn, ignore_notice, NULL);
        rc = pg_exec(s, readonly ? "SET default_transaction_read_only = on" : "SET client_min_messages = warning",
                     err);
    }
    if (rc == NG_OK)
        rc = check_schema(s, readonly, err);
    if (rc != NG_OK)
        pg_close(kb);
    return rc;
}

/* Documents are gathered until commit (postgres_put.c): nothing to do yet. */
static int pg_begin(ng_kb *kb, ng_error *err)
{
    (void)err;
    pgw_discard(pg_of(kb));
    return NG_OK;
}

static int pg_commit(ng_kb *kb, ng_error *err)
{
    return pgw_commit(kb, err);
}

static void pg_rollback(ng_kb *kb)
{
    pgw_discard(pg_of(kb));
}

const ng_store_ops ng_store_postgres = {
    .name = "postgresql",
    .accepts = pg_accepts,
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .put = pgw_put,
    .query = pgq_query,
    .sql = pgq_sql,
};
