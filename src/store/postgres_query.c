/*
 * postgres_query.c - the named queries of the knowledge base in PostgreSQL's
 * dialect (the same names, columns, order and meaning as sqlite_query.c and
 * queries_web.c), and read-only SQL.  Parameters are written ":name" and
 * rewritten to typed $n; a parameter not given is NULL ("no filter").
 * Invariants: callers' SQL runs in a READ ONLY transaction and must start
 * with a reading keyword; results are handed over as SQLite would type them.
 */
#include "store/postgres.h"

#include <ctype.h>
#include <stdlib.h>

#define ROUND3(x) "round((" x ")::numeric, 3)::float8"
#define C "COLLATE \"C\""
/* SQLite's LIKE: case-insensitive, no escape character. */
#define LIKE "ILIKE"
#define NOESC " ESCAPE ''"

#define FACT_COLUMNS \
    "f.id AS fact, f.relation, s.name AS subject, s.type AS subject_type, " \
    "coalesce(o.name, f.object_text) AS object, coalesce(o.type, 'LITERAL') AS object_type, " \
    "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, " \
    "f.year AS year, f.title, " \
    "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, " \
    ROUND3("f.confidence") " AS confidence "
#define FACT_JOINS \
    "FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
#define ALIAS_IDS(p) "(SELECT entity_id FROM aliases WHERE alias " LIKE " " p NOESC ")"

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
     "FROM documents d WHERE (:search IS NULL OR d.title " LIKE " '%' || :search || '%'" NOESC " OR d.doc = :search) "
     "ORDER BY d.date " C " NULLS FIRST, d.id LIMIT :limit"},
    {"entities",
     "SELECT e.id, e.name, e.type, e.documents, e.mentions, "
     "(SELECT count(*) FROM facts WHERE subject_id = e.id) + "
     "(SELECT count(*) FROM facts WHERE object_id = e.id) AS facts, e.first_seen, e.last_seen "
     "FROM (SELECT id, name, type, ndocs AS documents, nmentions AS mentions, first_seen, last_seen "
     "FROM entities WHERE (:type IS NULL OR type = upper(:type)) AND (:search IS NULL OR id IN "
     ALIAS_IDS("'%' || :search || '%'") ") "
     "ORDER BY ndocs DESC, nmentions DESC, name " C " LIMIT :limit) e "
     "ORDER BY e.documents DESC, e.mentions DESC, e.name " C},
    {"entity.find",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents FROM entities e "
     "WHERE e.id = CASE WHEN ltrim(:name, '#') ~ '^[0-9]{1,18}$' THEN ltrim(:name, '#')::bigint END "
     "OR e.id IN " ALIAS_IDS(":name") " "
     "ORDER BY (e.name " LIKE " :name" NOESC ") DESC, e.ndocs DESC, e.id LIMIT coalesce(:limit, 10)"},
    {"entity.find_like",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents FROM entities e WHERE e.id IN "
     ALIAS_IDS("'%' || :name || '%'") " ORDER BY e.ndocs DESC, e.id LIMIT coalesce(:limit, 10)"},
    {"entity",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, e.first_seen, e.last_seen "
     "FROM entities e WHERE e.id = :id"},
    {"entity.aliases",
     "SELECT alias, ndocs AS documents FROM aliases WHERE entity_id = :id AND alias <> "
     "(SELECT name FROM entities WHERE id = :id) ORDER BY ndocs DESC, alias " C},
    {"entity.roles",
     "SELECT " FACT_COLUMNS FACT_JOINS "WHERE f.relation = 'role' AND (f.subject_id = :id OR f.object_id = :id) "
     "ORDER BY year NULLS FIRST, f.first_seen " C " NULLS FIRST, f.id"},
    {"entity.facts",
     "SELECT " FACT_COLUMNS FACT_JOINS "WHERE f.subject_id = :id OR f.object_id = :id "
     "ORDER BY f.relation " C ", year NULLS FIRST, f.id"},
    {"entity.cooccur",
     "SELECT e.id, e.name, e.type, count(DISTINCT x.document_id) AS documents "
     "FROM doc_entities me JOIN doc_entities x ON x.document_id = me.document_id AND x.entity_id <> me.entity_id "
     "JOIN entities e ON e.id = x.entity_id WHERE me.entity_id = :id "
     "GROUP BY e.id ORDER BY documents DESC, e.name " C " LIMIT coalesce(:limit, 10)"},
    {"entity.documents",
     "SELECT d.id, d.doc, d.date, d.title, x.nmentions AS mentions FROM doc_entities x "
     "JOIN documents d ON d.id = x.document_id WHERE x.entity_id = :id ORDER BY d.date " C " NULLS FIRST, d.id "
     "LIMIT :limit"},
    {"facts",
     "SELECT " FACT_COLUMNS FACT_JOINS
     "WHERE (:relation IS NULL OR f.relation = :relation) "
     "AND (:subject IS NULL OR f.subject_id IN " ALIAS_IDS(":subject") ") "
     "AND (:object IS NULL OR f.object_id IN " ALIAS_IDS(":object") " OR f.object_text " LIKE
     " '%' || :object || '%'" NOESC ") "
     "AND (:year IS NULL OR f.year = :year) "
     "AND (:negated IS NULL OR f.negated = :negated) AND (:modality IS NULL OR f.modality = :modality) "
     "ORDER BY year NULLS FIRST, f.relation " C ", s.name " C ", f.id LIMIT :limit"},
    {"timeline",
     "SELECT coalesce(f.time, substr(f.first_seen, 1, 10)) AS date, "
     "CASE WHEN f.time IS NULL THEN 'published' ELSE 'text' END AS dated_by, " FACT_COLUMNS FACT_JOINS
     "WHERE (f.subject_id = :id OR f.object_id = :id) AND coalesce(f.time, f.first_seen) IS NOT NULL "
     "ORDER BY coalesce(f.time, substr(f.first_seen, 1, 10)) " C ", f.relation " C ", f.id LIMIT :limit"},
    {"search",
     "SELECT d.doc, d.date, d.title, s.idx AS sentence, s.text, "
     "(SELECT string_agg(DISTINCT e.name, '; ' ORDER BY e.name) FROM mentions m "
     "JOIN entities e ON e.id = m.entity_id WHERE m.sentence_id = s.id) AS entities "
     "FROM sentences s JOIN documents d ON d.id = s.document_id, to_tsquery('simple', :q) q "
     "WHERE s.tsv @@ q ORDER BY ts_rank(s.tsv, q) DESC, s.id LIMIT coalesce(:limit, 20)"},
    {"evidence",
     "SELECT v.fact_id AS fact, d.doc, d.date, d.title, v.start_byte, v.end_byte, s.text AS sentence "
     "FROM evidence v JOIN documents d ON d.id = v.document_id LEFT JOIN sentences s ON s.id = v.sentence_id "
     "WHERE v.fact_id = :fact ORDER BY d.date " C " NULLS FIRST, v.id"},
    {"export.nodes",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, e.first_seen, e.last_seen, "
     "(SELECT string_agg(alias, chr(31) ORDER BY alias " C ") FROM aliases a WHERE a.entity_id = e.id "
     "AND a.alias <> e.name) AS aliases "
     "FROM entities e ORDER BY e.id"},
    {"export.edges",
     "SELECT f.id, f.subject_id AS source, f.object_id AS target, f.relation, "
     "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, "
     "f.year AS year, f.title, "
     "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, "
     ROUND3("f.confidence") " AS confidence FROM facts f WHERE f.object_id IS NOT NULL ORDER BY f.id"},
    {"export.facts",
     "SELECT f.subject_id, f.object_id, " FACT_COLUMNS FACT_JOINS "ORDER BY f.id"},
};

/* Queries whose :q is a full-text query (FTS5 syntax, translated). */
static bool is_fts_query(const char *name)
{
    return strcmp(name, "search") == 0 || strcmp(name, "web.search") == 0 || strcmp(name, "web.search.rank") == 0;
}

static const char *find_query(const char *name)
{
    for (size_t i = 0; i < NG_ARRAY_LEN(queries); i++)
        if (strcmp(queries[i].name, name) == 0)
            return queries[i].sql;
    return pg_web_query_sql(name);
}

/* ----------------------------------------------------------- parameters */

#define PG_MAX_NAMED 24 /* distinct parameters of one named query */

/* Parameters compared with integers. */
static bool int_param(const char *name, size_t n)
{
    static const char *const ints[] = {"id", "limit", "offset", "year", "negated", "fact", "edges", "cap"};
    for (size_t i = 0; i < NG_ARRAY_LEN(ints); i++)
        if (strlen(ints[i]) == n && memcmp(ints[i], name, n) == 0)
            return true;
    return false;
}

typedef struct rewritten {
    ng_buf sql;
    char names[PG_MAX_NAMED][32];
    int n;
} rewritten;

static bool ident_byte(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* sql with each :name as ($k::type); names[k-1] = name. */
static bool rewrite(const char *sql, rewritten *out)
{
    ng_buf_init(&out->sql);
    out->n = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'') { /* a literal, with '' inside */
            const char *q = p + 1;
            while (*q && !(*q == '\'' && q[1] != '\''))
                q += *q == '\'' ? 2 : 1;
            q += *q == '\'';
            ng_buf_append(&out->sql, p, (size_t)(q - p));
            p = q;
        } else if (*p == ':' && p[1] == ':') {
            ng_buf_puts(&out->sql, "::");
            p += 2;
        } else if (*p == ':' && (isalpha((unsigned char)p[1]) || p[1] == '_')) {
            const char *name = ++p;
            while (ident_byte(*p))
                p++;
            size_t n = (size_t)(p - name);
            int k = 0;
            while (k < out->n && !(strlen(out->names[k]) == n && memcmp(out->names[k], name, n) == 0))
                k++;
            if (k == out->n) {
                if (out->n == PG_MAX_NAMED || n >= sizeof out->names[0])
                    return false;
                memcpy(out->names[k], name, n);
                out->names[out->n++][n] = '\0';
            }
            ng_buf_printf(&out->sql, "($%d::%s)", k + 1, int_param(name, n) ? "bigint" : "text");
        } else {
            ng_buf_putc(&out->sql, *p++);
        }
    }
    ng_buf_putc(&out->sql, '\0');
    return !out->sql.oom;
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

/* ---------------------------------------------------------------- rows */

#define NG_MAX_COLUMNS 256 /* columns of one result row handed to callers */

enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_OID = 26,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

static uint8_t value_type(Oid t)
{
    switch (t) {
    case OID_BOOL: case OID_INT8: case OID_INT2: case OID_INT4: case OID_OID: return NG_VAL_INT;
    case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: return NG_VAL_REAL;
    default: return NG_VAL_TEXT;
    }
}

/* Hand each row of res to fn, typed as SQLite would: booleans as 1 and 0,
 * bytea as x'hex'. */
static void emit_rows(const PGresult *res, ng_kb_row_fn fn, void *ud)
{
    int ncols = NG_MIN(PQnfields(res), NG_MAX_COLUMNS);
    const char *names[NG_MAX_COLUMNS], *values[NG_MAX_COLUMNS];
    uint8_t types[NG_MAX_COLUMNS];
    for (int i = 0; i < ncols; i++)
        names[i] = PQfname(res, i);
    ng_buf scratch;
    ng_buf_init(&scratch);
    for (int r = 0; r < PQntuples(res); r++) {
        ng_buf_clear(&scratch);
        size_t at[NG_MAX_COLUMNS];
        for (int i = 0; i < ncols; i++) {
            Oid t = PQftype(res, i);
            at[i] = SIZE_MAX;
            if (PQgetisnull(res, r, i)) {
                types[i] = NG_VAL_NULL;
                values[i] = NULL;
                continue;
            }
            types[i] = value_type(t);
            values[i] = PQgetvalue(res, r, i);
            if (t == OID_BOOL)
                values[i] = values[i][0] == 't' ? "1" : "0";
            else if (t == OID_BYTEA && strncmp(values[i], "\\x", 2) == 0) {
                at[i] = scratch.len;
                ng_buf_printf(&scratch, "x'%s'", values[i] + 2);
                ng_buf_putc(&scratch, '\0');
            }
        }
        for (int i = 0; i < ncols; i++)
            if (at[i] != SIZE_MAX)
                values[i] = scratch.oom ? "" : scratch.data + at[i];
        ng_kb_row row = {(size_t)ncols, names, values, types};
        if (fn(ud, &row) != 0)
            break;
    }
    ng_buf_free(&scratch);
}

/* ------------------------------------------------------------- queries */

/* Parameter values in the order of rw's names; fts: :q translated. */
static int bind(pg *s, const char *query, const rewritten *rw, const ng_kb_param *params, size_t nparams,
                const char **values, ng_buf *tsq, ng_error *err)
{
    for (int k = 0; k < rw->n; k++)
        values[k] = NULL;
    for (size_t i = 0; i < nparams; i++) {
        int k = 0;
        while (k < rw->n && strcmp(rw->names[k], params[i].name) != 0)
            k++;
        if (k == rw->n)
            return ng_err(err, NG_ENOTFOUND, "%s: query %s has no parameter %s", s->name, query, params[i].name);
        const char *v = params[i].value;
        if (v && int_param(rw->names[k], strlen(rw->names[k])) && !is_integer(v))
            return ng_err(err, NG_EARG, "%s: query %s: parameter %s wants an integer, not '%.40s'", s->name, query,
                          params[i].name, v);
        if (v && strcmp(params[i].name, "q") == 0 && is_fts_query(query)) {
            if (!pg_fts_to_tsquery(v, tsq))
                return ng_err(err, NG_EARG, "%s: the search has no word", s->name);
            v = tsq->data;
        }
        values[k] = v;
    }
    return NG_OK;
}

int pgq_query(ng_kb *kb, const char *name, const ng_kb_param *params, size_t nparams,
              ng_kb_row_fn fn, void *ud, ng_error *err)
{
    pg *s = pg_of(kb);
    const char *sql = find_query(name);
    if (!sql)
        return ng_err(err, NG_ENOTFOUND, "%s: no query named %s", s->name, name);
    rewritten rw;
    if (!rewrite(sql, &rw)) {
        ng_buf_free(&rw.sql);
        return ng_err(err, NG_EINTERNAL, "%s: query %s: cannot rewrite its parameters", s->name, name);
    }
    const char *values[PG_MAX_NAMED];
    ng_buf tsq;
    ng_buf_init(&tsq);
    int rc = bind(s, name, &rw, params, nparams, values, &tsq, err);
    if (rc == NG_OK) {
        PGresult *res = PQexecParams(s->conn, rw.sql.data, rw.n, NULL, values, NULL, NULL, 0);
        if (PQresultStatus(res) == PGRES_TUPLES_OK) {
            emit_rows(res, fn, ud);
            PQclear(res);
        } else {
            rc = pg_fail(s, res, err, name);
        }
    }
    ng_buf_free(&tsq);
    ng_buf_free(&rw.sql);
    return rc;
}

/* --------------------------------------------------------------- SQL */

/* The first keyword of sql, after blanks and comments, folded to upper case. */
static void first_keyword(const char *sql, char *out, size_t size)
{
    const char *p = sql;
    for (;;) {
        while (isspace((unsigned char)*p) || *p == '(')
            p++;
        if (p[0] == '-' && p[1] == '-')
            while (*p && *p != '\n')
                p++;
        else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else
            break;
    }
    size_t n = 0;
    while (n + 1 < size && isalpha((unsigned char)p[n])) {
        out[n] = (char)toupper((unsigned char)p[n]);
        n++;
    }
    out[n] = '\0';
}

static bool reading_keyword(const char *kw)
{
    static const char *const ok[] = {"SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW"};
    for (size_t i = 0; i < NG_ARRAY_LEN(ok); i++)
        if (strcmp(kw, ok[i]) == 0)
            return true;
    return false;
}

int pgq_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err)
{
    pg *s = pg_of(kb);
    char kw[16];
    first_keyword(sql, kw, sizeof kw);
    if (!kw[0])
        return ng_err(err, NG_EARG, "%s: no SQL statement given", s->name);
    if (!reading_keyword(kw))
        return ng_err(err, NG_EARG, "%s: only read-only statements are allowed", s->name);
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        return ng_err(err, NG_EARG, "%s: SQL cannot run while a batch is being written", s->name);
    int rc = pg_exec(s, "BEGIN READ ONLY", err);
    if (rc != NG_OK)
        return rc;
    /* The extended protocol runs one statement: "SELECT 1; DELETE ..." fails. */
    PGresult *res = PQexecParams(s->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        emit_rows(res, fn, ud);
        PQclear(res);
    } else if (strstr(PQresultErrorMessage(res), "multiple commands")) {
        PQclear(res);
        rc = ng_err(err, NG_EARG, "%s: one statement at a time", s->name);
    } else {
        rc = pg_fail(s, res, err, "SQL");
    }
    pg_exec(s, "ROLLBACK", NULL);
    return rc;
}
