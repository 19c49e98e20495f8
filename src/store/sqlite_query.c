/*
 * sqlite_query.c - the named queries of the knowledge base (docs/schema.md)
 * and read-only SQL.  Parameters are bound by name (":type"); a parameter
 * not given is NULL, and every query treats NULL as "no filter".
 * Invariant: only statements SQLite reports read-only are run for callers.
 */
#include "store/sqlite.h"
#include "store/queries_web.h"

#include <stdlib.h>

/* Facts about entity :id, with their arguments' names. */
#define FACT_COLUMNS \
    "f.id AS fact, f.relation, s.name AS subject, s.type AS subject_type, " \
    "coalesce(o.name, f.object_text) AS object, coalesce(o.type, 'LITERAL') AS object_type, " \
    "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, " \
    "f.year AS year, f.title, " \
    "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, " \
    "round(f.confidence, 3) AS confidence "
#define FACT_JOINS \
    "FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
#define ALIAS_IDS(p) "(SELECT entity_id FROM aliases WHERE alias LIKE " p ")"

typedef struct named_query {
    const char *name;
    const char *sql;
} named_query;

static const named_query queries[] = {
    {"stats",
     "SELECT (SELECT count(*) FROM documents) AS documents, "
     "(SELECT count(*) FROM documents WHERE dup_of IS NOT NULL) AS near_duplicates, "
     "(SELECT count(*) FROM sentences) AS sentences, (SELECT count(*) FROM entities) AS entities, "
     "(SELECT count(*) FROM aliases) AS aliases, (SELECT count(*) FROM mentions) AS mentions, "
     "(SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM evidence) AS evidence"},
    {"documents",
     "SELECT d.id, d.doc, d.date, d.title, d.publisher, d.nsentences AS sentences, d.nentities AS entities, "
     "d.nfacts AS facts, (SELECT doc FROM documents x WHERE x.id = d.dup_of) AS duplicate_of "
     "FROM documents d WHERE (:search IS NULL OR d.title LIKE '%' || :search || '%' OR d.doc = :search) "
     "ORDER BY d.date, d.id LIMIT coalesce(:limit, -1)"},
    /* Facts are counted for the rows kept only (after the limit). */
    {"entities",
     "SELECT e.id, e.name, e.type, e.documents, e.mentions, "
     "(SELECT count(*) FROM facts WHERE subject_id = e.id) + "
     "(SELECT count(*) FROM facts WHERE object_id = e.id) AS facts, e.first_seen, e.last_seen "
     "FROM (SELECT id, name, type, ndocs AS documents, nmentions AS mentions, first_seen, last_seen "
     "FROM entities WHERE (:type IS NULL OR type = upper(:type)) AND (:search IS NULL OR id IN "
     ALIAS_IDS("'%' || :search || '%'") ") "
     "ORDER BY ndocs DESC, nmentions DESC, name LIMIT coalesce(:limit, -1)) e "
     "ORDER BY e.documents DESC, e.mentions DESC, e.name"},
    {"entity.find",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents FROM entities e "
     "WHERE e.id = CAST(ltrim(:name, '#') AS INTEGER) AND ltrim(:name, '#') GLOB '[0-9]*' "
     "OR e.id IN " ALIAS_IDS(":name") " "
     "ORDER BY (e.name LIKE :name) DESC, e.ndocs DESC, e.id LIMIT coalesce(:limit, 10)"},
    {"entity.find_like",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents FROM entities e WHERE e.id IN "
     ALIAS_IDS("'%' || :name || '%'") " ORDER BY e.ndocs DESC, e.id LIMIT coalesce(:limit, 10)"},
    {"entity",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, e.first_seen, e.last_seen "
     "FROM entities e WHERE e.id = :id"},
    {"entity.aliases",
     "SELECT alias, ndocs AS documents FROM aliases WHERE entity_id = :id AND alias <> "
     "(SELECT name FROM entities WHERE id = :id) ORDER BY ndocs DESC, alias"},
    {"entity.roles",
     "SELECT " FACT_COLUMNS FACT_JOINS "WHERE f.relation = 'role' AND (f.subject_id = :id OR f.object_id = :id) "
     "ORDER BY year, f.first_seen, f.id"},
    {"entity.facts",
     "SELECT " FACT_COLUMNS FACT_JOINS "WHERE f.subject_id = :id OR f.object_id = :id "
     "ORDER BY f.relation, year, f.id"},
    {"entity.cooccur",
     "SELECT e.id, e.name, e.type, count(DISTINCT x.document_id) AS documents "
     "FROM doc_entities me JOIN doc_entities x ON x.document_id = me.document_id AND x.entity_id <> me.entity_id "
     "JOIN entities e ON e.id = x.entity_id WHERE me.entity_id = :id "
     "GROUP BY e.id ORDER BY documents DESC, e.name LIMIT coalesce(:limit, 10)"},
    {"entity.documents",
     "SELECT d.id, d.doc, d.date, d.title, x.nmentions AS mentions FROM doc_entities x "
     "JOIN documents d ON d.id = x.document_id WHERE x.entity_id = :id ORDER BY d.date, d.id "
     "LIMIT coalesce(:limit, -1)"},
    {"facts",
     "SELECT " FACT_COLUMNS FACT_JOINS
     "WHERE (:relation IS NULL OR f.relation = :relation) "
     "AND (:subject IS NULL OR f.subject_id IN " ALIAS_IDS(":subject") ") "
     "AND (:object IS NULL OR f.object_id IN " ALIAS_IDS(":object") " OR f.object_text LIKE '%' || :object || '%') "
     "AND (:year IS NULL OR f.year = :year) "
     "AND (:negated IS NULL OR f.negated = :negated) AND (:modality IS NULL OR f.modality = :modality) "
     "ORDER BY year, f.relation, s.name, f.id LIMIT coalesce(:limit, -1)"},
    {"timeline",
     "SELECT coalesce(f.time, substr(f.first_seen, 1, 10)) AS date, "
     "CASE WHEN f.time IS NULL THEN 'published' ELSE 'text' END AS dated_by, " FACT_COLUMNS FACT_JOINS
     "WHERE (f.subject_id = :id OR f.object_id = :id) AND coalesce(f.time, f.first_seen) IS NOT NULL "
     "ORDER BY date, f.relation, f.id LIMIT coalesce(:limit, -1)"},
    {"search",
     "SELECT d.doc, d.date, d.title, s.idx AS sentence, s.text, "
     "(SELECT group_concat(name, '; ') FROM (SELECT DISTINCT e.name FROM mentions m "
     "JOIN entities e ON e.id = m.entity_id WHERE m.sentence_id = s.id)) AS entities "
     "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.document_id "
     "WHERE sentences_fts MATCH :q ORDER BY rank, s.id LIMIT coalesce(:limit, 20)"},
    {"evidence",
     "SELECT v.fact_id AS fact, d.doc, d.date, d.title, v.start_byte, v.end_byte, s.text AS sentence "
     "FROM evidence v JOIN documents d ON d.id = v.document_id LEFT JOIN sentences s ON s.id = v.sentence_id "
     "WHERE v.fact_id = :fact ORDER BY d.date, v.id"},
    {"export.nodes",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, e.first_seen, e.last_seen, "
     "(SELECT group_concat(alias, char(31)) FROM aliases a WHERE a.entity_id = e.id AND a.alias <> e.name) "
     "AS aliases "
     "FROM entities e ORDER BY e.id"},
    {"export.edges",
     "SELECT f.id, f.subject_id AS source, f.object_id AS target, f.relation, "
     "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, "
     "f.year AS year, f.title, "
     "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, "
     "round(f.confidence, 3) AS confidence FROM facts f WHERE f.object_id IS NOT NULL ORDER BY f.id"},
    {"export.facts",
     "SELECT f.subject_id, f.object_id, " FACT_COLUMNS FACT_JOINS "ORDER BY f.id"},
};

static const named_query *find_query(const char *name)
{
    for (size_t i = 0; i < NG_ARRAY_LEN(queries); i++)
        if (strcmp(queries[i].name, name) == 0)
            return &queries[i];
    return NULL;
}

static bool is_integer(const char *v)
{
    const char *p = v + (*v == '-');
    if (!*p || strlen(p) > 18)
        return false;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Bind params by name; every given parameter must exist in the statement. */
static int bind_params(sq *s, sqlite3_stmt *st, const char *query, const ng_kb_param *params, size_t n,
                       ng_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, ":%s", params[i].name);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx == 0)
            return ng_err(err, NG_ENOTFOUND, "%s: query %s has no parameter %s", s->path, query, params[i].name);
        const char *v = params[i].value;
        if (!v)
            sqlite3_bind_null(st, idx);
        else if (is_integer(v))
            sqlite3_bind_int64(st, idx, strtoll(v, NULL, 10));
        else
            sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
    }
    return NG_OK;
}

#define NG_MAX_COLUMNS 256 /* columns of one result row handed to callers */

/* Text of a value: blobs as x'hex', the rest as SQLite renders them. */
static const char *value_text(sqlite3_stmt *st, int i, ng_buf *scratch)
{
    if (sqlite3_column_type(st, i) != SQLITE_BLOB)
        return (const char *)sqlite3_column_text(st, i);
    const unsigned char *p = sqlite3_column_blob(st, i);
    int n = sqlite3_column_bytes(st, i);
    ng_buf_puts(scratch, "x'");
    for (int k = 0; k < n; k++)
        ng_buf_printf(scratch, "%02x", p[k]);
    ng_buf_puts(scratch, "'");
    ng_buf_putc(scratch, '\0');
    return NULL; /* resolved by the caller from scratch */
}

static int emit_row(sqlite3_stmt *st, ng_kb_row_fn fn, void *ud)
{
    int ncols = NG_MIN(sqlite3_column_count(st), NG_MAX_COLUMNS);
    const char *names[NG_MAX_COLUMNS], *values[NG_MAX_COLUMNS];
    uint8_t types[NG_MAX_COLUMNS];
    size_t blob_at[NG_MAX_COLUMNS];
    ng_buf scratch;
    ng_buf_init(&scratch);
    for (int i = 0; i < ncols; i++) {
        int t = sqlite3_column_type(st, i);
        types[i] = t == SQLITE_INTEGER ? NG_VAL_INT : t == SQLITE_FLOAT ? NG_VAL_REAL
                 : t == SQLITE_NULL    ? NG_VAL_NULL : NG_VAL_TEXT;
        blob_at[i] = scratch.len;
        values[i] = value_text(st, i, &scratch);
        names[i] = sqlite3_column_name(st, i);
    }
    for (int i = 0; i < ncols; i++)
        if (sqlite3_column_type(st, i) == SQLITE_BLOB)
            values[i] = scratch.oom ? "" : scratch.data + blob_at[i];
    ng_kb_row row = {(size_t)ncols, names, values, types};
    int stop = fn(ud, &row);
    ng_buf_free(&scratch);
    return stop;
}

int sq_rows(sq *s, sqlite3_stmt *st, ng_kb_row_fn fn, void *ud, ng_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (emit_row(st, fn, ud) != 0)
            return NG_OK;
    return rc == SQLITE_DONE ? NG_OK : sq_fail(s, err, "query");
}

int sq_query(ng_kb *kb, const char *name, const ng_kb_param *params, size_t nparams,
             ng_kb_row_fn fn, void *ud, ng_error *err)
{
    sq *s = sq_of(kb);
    const named_query *q = find_query(name);
    const char *sql = q ? q->sql : ng_web_query_sql(name); /* queries_web.c: the web UI's */
    if (!sql)
        return ng_err(err, NG_ENOTFOUND, "%s: no query named %s", s->path, name);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, name);
    int rc = bind_params(s, st, name, params, nparams, err);
    if (rc == NG_OK)
        rc = sq_rows(s, st, fn, ud, err);
    sqlite3_finalize(st);
    return rc;
}

static bool only_space(const char *p)
{
    for (; p && *p; p++)
        if (!ng_is_space_ascii((unsigned char)*p) && *p != ';')
            return false;
    return true;
}

int sq_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err)
{
    sq *s = sq_of(kb);
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, &tail) != SQLITE_OK)
        return sq_fail(s, err, "SQL");
    int rc = NG_OK;
    if (!st)
        rc = ng_err(err, NG_EARG, "%s: no SQL statement given", s->path);
    else if (!sqlite3_stmt_readonly(st))
        rc = ng_err(err, NG_EARG, "%s: only read-only statements are allowed", s->path);
    else if (!only_space(tail))
        rc = ng_err(err, NG_EARG, "%s: one statement at a time", s->path);
    if (rc == NG_OK)
        rc = sq_rows(s, st, fn, ud, err);
    sqlite3_finalize(st);
    return rc;
}
