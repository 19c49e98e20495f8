/*
 * api.c - the JSON API of `newsgraph serve` (docs/api.md): routes, argument
 * checks, and rows of named queries written as JSON (or CSV for facts).
 * Invariants: every argument is checked against its route's list and its
 * type before use and reaches SQL only as a bound parameter; every failure
 * answers {"error": "..."} with a 4xx/5xx status; lists are bounded.
 */
#include "serve/serve.h"

#include "write/json.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --------------------------------------------------------------- request */

typedef struct req {
    ng_kb *kb;
    const ng_api_arg *args;
    size_t nargs;
    ng_api_resp *resp;
    ng_buf *b;                /* = &resp->body */
    double deadline;          /* monotonic seconds */
    size_t last_rows;         /* rows the last list() wrote */
} req;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int ng_api_error(ng_api_resp *resp, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ng_buf_clear(&resp->body);
    ng_buf_puts(&resp->body, "{\"error\":");
    ng_json_str(&resp->body, msg, strlen(msg));
    ng_buf_puts(&resp->body, "}\n");
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    resp->disposition = NULL;
    return status;
}

/* The value of argument name, or NULL when absent or empty. */
static const char *arg(const req *r, const char *name)
{
    for (size_t i = 0; i < r->nargs; i++)
        if (strcmp(r->args[i].name, name) == 0)
            return r->args[i].value && *r->args[i].value ? r->args[i].value : NULL;
    return NULL;
}

/* Is name one of the space-separated words of list? */
static bool in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return false;
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* Valid UTF-8 without control characters, within NG_SERVE_MAX_PARAM bytes. */
static bool clean_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    if (end - p > NG_SERVE_MAX_PARAM)
        return false;
    while (p < end) {
        if (*p < 0x20 || *p == 0x7f)
            return false;
        size_t n = *p < 0x80 ? 1 : ng_utf8_seqlen(p, end);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

/* Check every argument against the route's list; 0 or the error status. */
static int check_args(req *r, const char *allowed)
{
    if (r->nargs > NG_SERVE_MAX_ARGS)
        return ng_api_error(r->resp, 400, "too many query arguments (at most %d)", NG_SERVE_MAX_ARGS);
    for (size_t i = 0; i < r->nargs; i++) {
        const char *name = r->args[i].name, *v = r->args[i].value ? r->args[i].value : "";
        if (!in_list(allowed, name))
            return ng_api_error(r->resp, 400, "unknown parameter '%.64s'%s%s", name,
                                *allowed ? "; this endpoint takes: " : "; this endpoint takes none", allowed);
        if (!clean_text(v))
            return ng_api_error(r->resp, 400, "parameter %s: at most %d bytes of UTF-8 text without control "
                                "characters", name, NG_SERVE_MAX_PARAM);
    }
    return 0;
}

/* Integer argument in [lo, hi], def when absent; false after an error. */
static bool arg_int(req *r, const char *name, long long lo, long long hi, long long def, long long *out)
{
    const char *v = arg(r, name);
    *out = def;
    if (!v)
        return true;
    char *end;
    long long x = strtoll(v, &end, 10);
    if (*end || end == v || v[0] == '+' || v[0] == ' ' || x < lo || x > hi) {
        ng_api_error(r->resp, 400, "parameter %s: want a whole number from %lld to %lld, got '%.64s'", name, lo,
                     hi, v);
        return false;
    }
    *out = x;
    return true;
}

/* limit= and offset= of a list. */
static bool paging(req *r, long long max, long long *limit, long long *offset)
{
    return arg_int(r, "limit", 1, max, NG_MIN(NG_SERVE_DEFAULT_LIMIT, max), limit) &&
           (!offset || arg_int(r, "offset", 0, NG_SERVE_MAX_OFFSET, 0, offset));
}

/* ------------------------------------------------------------------ rows */

/* Writing rows of a query: as a JSON array, one object, or CSV. */
typedef enum { OUT_ARRAY, OUT_OBJECT, OUT_CSV } out_kind;

typedef struct rows {
    req *r;
    out_kind kind;
    size_t n;                 /* rows seen */
    long long total;          /* of a "total" column, which is not written */
    bool timed_out;
    size_t max;               /* stop after this many rows, 0 = no limit */
    int64_t *seen;            /* suggestions: ids written so far [nseen], or NULL */
    size_t nseen, maxseen;
} rows;

static bool is_hidden(const char *name) { return strcmp(name, "total") == 0; }

static void json_value(ng_buf *b, const ng_kb_row *row, size_t i)
{
    const char *v = row->values[i];
    if (!v || row->types[i] == NG_VAL_NULL)
        ng_buf_puts(b, "null");
    else if (row->types[i] == NG_VAL_INT || row->types[i] == NG_VAL_REAL)
        ng_buf_puts(b, v);
    else
        ng_json_str(b, v, strlen(v));
}

static void json_row(ng_buf *b, const ng_kb_row *row)
{
    ng_buf_putc(b, '{');
    for (size_t i = 0; i < row->ncols; i++) {
        if (is_hidden(row->names[i]))
            continue;
        ng_json_key(b, row->names[i]);
        json_value(b, row, i);
    }
    ng_buf_putc(b, '}');
}

/* One CSV cell: quoted when needed; a leading = + - @ is defused with ' so
 * a spreadsheet never runs it as a formula. */
static void csv_cell(ng_buf *b, const char *v)
{
    if (!v)
        return;
    bool formula = strchr("=+-@", v[0]) && v[0] && !(v[0] == '-' && v[1] >= '0' && v[1] <= '9');
    if (!formula && !strpbrk(v, ",\"\r\n")) {
        ng_buf_puts(b, v);
        return;
    }
    ng_buf_putc(b, '"');
    if (formula)
        ng_buf_putc(b, '\'');
    for (; *v; v++) {
        if (*v == '"')
            ng_buf_putc(b, '"');
        ng_buf_putc(b, *v);
    }
    ng_buf_putc(b, '"');
}

static void csv_row(ng_buf *b, const ng_kb_row *row, bool header)
{
    bool first = true;
    for (size_t i = 0; i < row->ncols; i++) {
        if (is_hidden(row->names[i]))
            continue;
        if (!first)
            ng_buf_putc(b, ',');
        first = false;
        csv_cell(b, header ? row->names[i] : row->values[i]);
    }
    ng_buf_puts(b, "\r\n");
}

/* Column name's integer value in row, or def. */
static long long row_int(const ng_kb_row *row, const char *name, long long def)
{
    for (size_t i = 0; i < row->ncols; i++)
        if (strcmp(row->names[i], name) == 0 && row->values[i])
            return strtoll(row->values[i], NULL, 10);
    return def;
}

/* A suggestion already written (same id)?  Records it otherwise. */
static bool seen_before(rows *w, const ng_kb_row *row)
{
    int64_t id = row_int(row, "id", -1);
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i] == id)
            return true;
    if (w->nseen < w->maxseen)
        w->seen[w->nseen++] = id;
    return false;
}

static int on_row(void *ud, const ng_kb_row *row)
{
    rows *w = ud;
    ng_buf *b = w->r->b;
    if (now_s() > w->r->deadline) {
        w->timed_out = true;
        return 1;
    }
    if (w->max && w->n >= w->max)
        return 1;
    if (w->seen && seen_before(w, row))
        return 0;
    if (w->n == 0)
        w->total = row_int(row, "total", -1);
    if (w->kind == OUT_CSV) {
        if (w->n == 0)
            csv_row(b, row, true);
        csv_row(b, row, false);
    } else {
        if (w->n > 0 && w->kind == OUT_ARRAY)
            ng_buf_putc(b, ',');
        json_row(b, row);
    }
    w->n++;
    return w->kind == OUT_OBJECT; /* one row is all an object needs */
}

/* Run a named query into w; false after answering an error. */
static bool run(req *r, const char *query, const ng_kb_param *p, size_t np, rows *w)
{
    ng_error err = {0};
    w->r = r;
    int rc = ng_kb_query(r->kb, query, p, np, on_row, w, &err);
    if (w->timed_out) {
        ng_api_error(r->resp, 503, "the query took longer than %d ms; narrow it with filters or a smaller limit",
                     NG_SERVE_QUERY_MS);
        return false;
    }
    if (rc != NG_OK) {
        ng_log(NG_LOG_ERROR, "serve: query %s: %s", query, err.msg);
        ng_api_error(r->resp, 500, "database error in query %s (see the server log)", query);
        return false;
    }
    if (r->b->oom) {
        ng_api_error(r->resp, 500, "out of memory");
        return false;
    }
    return true;
}

/* "key":[rows...]; total (may be NULL) gets the "total" column. */
static bool list(req *r, const char *key, const char *query, const ng_kb_param *p, size_t np, long long *total)
{
    rows w = {.kind = OUT_ARRAY};
    ng_json_key(r->b, key);
    ng_buf_putc(r->b, '[');
    if (!run(r, query, p, np, &w))
        return false;
    ng_buf_putc(r->b, ']');
    if (total)
        *total = w.n ? w.total : 0;
    r->last_rows = w.n;
    return true;
}

/* "key":{first row} or "key":null; *found says which.  False after an error. */
static bool object(req *r, const char *key, const char *query, const ng_kb_param *p, size_t np, bool *found)
{
    rows w = {.kind = OUT_OBJECT};
    ng_json_key(r->b, key);
    size_t mark = r->b->len;
    if (!run(r, query, p, np, &w))
        return false;
    if (w.n == 0) {
        r->b->len = mark;
        ng_buf_puts(r->b, "null");
    }
    if (found)
        *found = w.n > 0;
    return true;
}

static int first_int(void *ud, const ng_kb_row *row)
{
    if (row->ncols && row->values[0])
        *(long long *)ud = strtoll(row->values[0], NULL, 10);
    return 1;
}

/* The first column of the first row of a query as a number (0 without a
 * row); false after answering an error. */
static bool scalar(req *r, const char *query, const ng_kb_param *p, size_t np, long long *out)
{
    ng_error err = {0};
    *out = 0;
    if (ng_kb_query(r->kb, query, p, np, first_int, out, &err) == NG_OK)
        return true;
    ng_log(NG_LOG_ERROR, "serve: query %s: %s", query, err.msg);
    ng_api_error(r->resp, 500, "database error in query %s (see the server log)", query);
    return false;
}

static void kv_int(ng_buf *b, const char *key, long long v)
{
    ng_json_key(b, key);
    ng_buf_printf(b, "%lld", v);
}

static int ok(req *r)
{
    ng_buf_puts(r->b, "}\n");
    if (r->b->oom)
        return ng_api_error(r->resp, 500, "out of memory");
    r->resp->status = 200;
    return 200;
}

/* Parameters with integer values formatted in place. */
typedef struct iparam {
    char v[24];
} iparam;

static const char *ifmt(iparam *ip, long long v)
{
    snprintf(ip->v, sizeof ip->v, "%lld", v);
    return ip->v;
}

/* ---------------------------------------------------------------- routes */

static int h_health(req *r, int64_t id)
{
    (void)id;
    bool found;
    ng_buf_putc(r->b, '{');
    ng_json_kv_str(r->b, "status", "ok");
    if (!object(r, "database", "web.health", NULL, 0, &found))
        return ng_api_error(r->resp, 503, "the knowledge base cannot be read");
    return ok(r);
}

static int h_entities(req *r, int64_t id)
{
    (void)id;
    long long limit, offset, total;
    if (!paging(r, NG_SERVE_MAX_LIMIT, &limit, &offset))
        return r->resp->status;
    const char *type = arg(r, "type");
    char utype[16] = "";
    if (type) {
        for (size_t i = 0; type[i] && i + 1 < sizeof utype; i++)
            utype[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ? type[i] - 32 : type[i]);
        if (strlen(type) >= sizeof utype || ng_ent_type_id(utype) <= 0)
            return ng_api_error(r->resp, 400, "parameter type: want PERSON, ORG, GPE, LOC, EVENT, PRODUCT or MISC");
    }
    iparam a, b;
    ng_kb_param p[] = {{"search", arg(r, "q")}, {"type", type ? utype : NULL},
                       {"limit", ifmt(&a, limit)}, {"offset", ifmt(&b, offset)}};
    ng_buf_putc(r->b, '{');
    if (!list(r, "items", "web.entities", p, NG_ARRAY_LEN(p), &total))
        return r->resp->status;
    kv_int(r->b, "total", total);
    kv_int(r->b, "limit", limit);
    kv_int(r->b, "offset", offset);
    return ok(r);
}

static int h_entity(req *r, int64_t id)
{
    iparam a, l;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}}, pl[] = {{"id", a.v}, {"limit", ifmt(&l, NG_SERVE_PROFILE_FACTS)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "entity", "web.entity", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no entity %lld", (long long)id);
    iparam l20;
    ng_kb_param pd[] = {{"id", a.v}, {"limit", ifmt(&l20, 20)}};
    bool done = list(r, "aliases", "entity.aliases", p, 1, NULL) && list(r, "facts", "web.entity.facts", pl, 2, NULL);
    size_t nfacts = r->last_rows;
    done = done && list(r, "years", "web.entity.years", p, 1, NULL);
    /* Documents per year only when no fact is dated (the timeline's
     * fallback), and the documents themselves only when there is no fact:
     * both read a row of every document of the entity. */
    if (done && r->last_rows == 0)
        done = list(r, "doc_years", "web.entity.doc_years", p, 1, NULL);
    else if (done)
        ng_buf_puts(r->b, ",\"doc_years\":[]");
    if (done && nfacts == 0)
        done = list(r, "documents", "entity.documents", pd, 2, NULL);
    else if (done)
        ng_buf_puts(r->b, ",\"documents\":[]");
    return done ? ok(r) : r->resp->status;
}

static int h_timeline(req *r, int64_t id)
{
    long long limit;
    if (!paging(r, NG_SERVE_MAX_FACTS, &limit, NULL))
        return r->resp->status;
    iparam a, l;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}}, pl[] = {{"id", a.v}, {"limit", ifmt(&l, limit)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "entity", "web.entity", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no entity %lld", (long long)id);
    bool done = list(r, "years", "web.entity.years", p, 1, NULL) &&
                list(r, "doc_years", "web.entity.doc_years", p, 1, NULL) &&
                list(r, "items", "web.timeline", pl, 2, NULL);
    return done ? ok(r) : r->resp->status;
}

static int h_graph(req *r, int64_t id)
{
    long long limit;
    if (!arg_int(r, "limit", 1, 200, 40, &limit))
        return r->resp->status;
    iparam a, l, e;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}};
    ng_kb_param pn[] = {{"id", a.v}, {"limit", ifmt(&l, limit)}};
    ng_kb_param pe[] = {{"id", a.v}, {"limit", l.v}, {"edges", ifmt(&e, limit * 4)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "entity", "web.entity", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no entity %lld", (long long)id);
    bool done = list(r, "nodes", "web.graph.nodes", pn, 2, NULL) && list(r, "edges", "web.graph.edges", pe, 3, NULL);
    return done ? ok(r) : r->resp->status;
}

static int h_event(req *r, int64_t id)
{
    iparam a, l;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}}, pl[] = {{"id", a.v}, {"limit", ifmt(&l, NG_SERVE_MAX_FACTS)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "event", "web.entity", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no entity %lld", (long long)id);
    bool done = list(r, "editions", "web.event.editions", p, 1, NULL) &&
                list(r, "participants", "web.event.participants", pl, 2, NULL);
    return done ? ok(r) : r->resp->status;
}

static int h_document(req *r, int64_t id)
{
    iparam a, l;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}}, pl[] = {{"id", a.v}, {"limit", ifmt(&l, 20000)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "document", "web.document", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no document %lld", (long long)id);
    bool done = list(r, "mentions", "web.document.mentions", pl, 2, NULL) &&
                list(r, "evidence", "web.document.evidence", pl, 2, NULL);
    return done ? ok(r) : r->resp->status;
}

static int h_fact(req *r, int64_t id)
{
    iparam a, l;
    ng_kb_param p[] = {{"id", ifmt(&a, id)}}, pl[] = {{"id", a.v}, {"limit", ifmt(&l, NG_SERVE_MAX_LIMIT)}};
    bool found;
    ng_buf_putc(r->b, '{');
    if (!object(r, "fact", "web.fact", p, 1, &found))
        return r->resp->status;
    if (!found)
        return ng_api_error(r->resp, 404, "no fact %lld", (long long)id);
    return list(r, "evidence", "web.fact.evidence", pl, 2, NULL) ? ok(r) : r->resp->status;
}

/* Filters of /api/facts as query parameters; false after an error. */
static bool fact_filters(req *r, ng_kb_param *p, iparam *ip)
{
    long long year, entity;
    if (!arg_int(r, "year", 1, 9999, 0, &year) || !arg_int(r, "entity", 1, INT64_MAX / 2, 0, &entity))
        return false;
    const char *rel = arg(r, "relation"), *pol = arg(r, "polarity"), *mod = arg(r, "modality");
    if (rel && (strlen(rel) > 64 || strspn(rel, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(rel))) {
        ng_api_error(r->resp, 400, "parameter relation: a relation name such as attended or role");
        return false;
    }
    if (pol && strcmp(pol, "positive") != 0 && strcmp(pol, "negative") != 0) {
        ng_api_error(r->resp, 400, "parameter polarity: want positive or negative");
        return false;
    }
    if (mod && ng_modality_id(mod) < 0) {
        ng_api_error(r->resp, 400, "parameter modality: want asserted, planned, former, hedged or reported");
        return false;
    }
    p[0] = (ng_kb_param){"relation", rel};
    p[1] = (ng_kb_param){"subject", arg(r, "subject")};
    p[2] = (ng_kb_param){"object", arg(r, "object")};
    p[3] = (ng_kb_param){"year", year ? ifmt(&ip[0], year) : NULL};
    p[4] = (ng_kb_param){"negated", pol ? (pol[0] == 'n' ? "1" : "0") : NULL};
    p[5] = (ng_kb_param){"modality", mod};
    p[6] = (ng_kb_param){"source", arg(r, "source")};
    p[7] = (ng_kb_param){"entity", entity ? ifmt(&ip[1], entity) : NULL};
    return true;
}

static int h_facts(req *r, int64_t id)
{
    (void)id;
    const char *format = arg(r, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && !csv && strcmp(format, "json") != 0)
        return ng_api_error(r->resp, 400, "parameter format: want json or csv");
    long long limit, offset;
    ng_kb_param p[10];
    iparam ip[4];
    if (!paging(r, csv ? NG_SERVE_MAX_CSV : NG_SERVE_MAX_LIMIT, &limit, &offset) || !fact_filters(r, p, ip))
        return r->resp->status;
    if (csv && !arg(r, "limit"))
        limit = NG_SERVE_MAX_CSV;
    p[8] = (ng_kb_param){"limit", ifmt(&ip[2], limit)};
    p[9] = (ng_kb_param){"offset", ifmt(&ip[3], offset)};
    if (csv) {
        rows w = {.kind = OUT_CSV};
        if (!run(r, "web.facts", p, 10, &w))
            return r->resp->status;
        r->resp->content_type = "text/csv; charset=utf-8";
        r->resp->disposition = "attachment; filename=\"facts.csv\"";
        r->resp->status = 200;
        return 200;
    }
    ng_buf_putc(r->b, '{');
    if (!list(r, "items", "web.facts", p, 10, NULL))
        return r->resp->status;
    /* The total, counted up to a cap so a large knowledge base stays quick. */
    iparam cap;
    p[8] = (ng_kb_param){"cap", ifmt(&cap, NG_SERVE_COUNT_CAP)};
    long long total = 0;
    if (!scalar(r, "web.facts.count", p, 9, &total))
        return r->resp->status;
    kv_int(r->b, "total", total);
    ng_json_key(r->b, "total_exact");
    ng_buf_puts(r->b, total < NG_SERVE_COUNT_CAP ? "true" : "false");
    kv_int(r->b, "limit", limit);
    kv_int(r->b, "offset", offset);
    return ok(r);
}

/* An FTS5 expression from free text: each word quoted (so no operator of
 * the text is ever interpreted), all words required; a trailing * makes the
 * last word a prefix.  Empty when q has no word. */
static void fts_expr(const char *q, ng_buf *out)
{
    int words = 0;
    const char *p = q;
    while (*p && words < 16) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
            p++;
        const char *w = p;
        while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            p++;
        if (p == w)
            break;
        ng_buf_printf(out, "%s\"%.*s\"", words++ ? " " : "", (int)(p - w), w);
        if (*p == '*')
            ng_buf_putc(out, '*');
    }
    ng_buf_putc(out, '\0');
}

static int h_search(req *r, int64_t id)
{
    (void)id;
    long long limit, offset;
    const char *q = arg(r, "q");
    if (!q)
        return ng_api_error(r->resp, 400, "parameter q: what to search for, e.g. /api/search?q=summit");
    const char *sort = arg(r, "sort");
    if (sort && strcmp(sort, "recent") != 0 && strcmp(sort, "relevance") != 0)
        return ng_api_error(r->resp, 400, "parameter sort: want recent (newest first) or relevance");
    if (!paging(r, NG_SERVE_MAX_LIMIT, &limit, &offset))
        return r->resp->status;
    ng_buf expr;
    ng_buf_init(&expr);
    fts_expr(q, &expr);
    if (expr.oom || expr.len <= 1) {
        ng_buf_free(&expr);
        return ng_api_error(r->resp, 400, "parameter q: no word to search for");
    }
    iparam a, b;
    ng_kb_param p[] = {{"q", expr.data}, {"limit", ifmt(&a, limit)}, {"offset", ifmt(&b, offset)}};
    ng_buf_putc(r->b, '{');
    ng_json_kv_str(r->b, "query", expr.data);
    bool rank = sort && strcmp(sort, "relevance") == 0;
    ng_json_kv_str(r->b, "sort", rank ? "relevance" : "recent");
    bool done = list(r, "items", rank ? "web.search.rank" : "web.search", p, 3, NULL);
    ng_buf_free(&expr);
    if (!done)
        return r->resp->status;
    kv_int(r->b, "limit", limit);
    kv_int(r->b, "offset", offset);
    return ok(r);
}

/* q as a LIKE pattern escaped with '\': prefix "q%" or contains "%q%". */
static void like_pattern(const char *q, bool contains, ng_buf *out)
{
    if (contains)
        ng_buf_putc(out, '%');
    for (; *q; q++) {
        if (*q == '%' || *q == '_' || *q == '\\')
            ng_buf_putc(out, '\\');
        ng_buf_putc(out, *q);
    }
    ng_buf_puts(out, "%");
    ng_buf_putc(out, '\0');
}

static int h_suggest(req *r, int64_t id)
{
    (void)id;
    long long limit;
    const char *q = arg(r, "q");
    if (!q)
        return ng_api_error(r->resp, 400, "parameter q: the beginning of a name");
    if (!arg_int(r, "limit", 1, 20, 8, &limit))
        return r->resp->status;
    int64_t seen[20];
    rows w = {.kind = OUT_ARRAY, .max = (size_t)limit, .seen = seen, .maxseen = 20};
    iparam a;
    ng_buf_puts(r->b, "{\"items\":[");
    /* Names that start with q first, then (for 3 bytes or more) names that contain it. */
    for (int pass = 0; pass < 2 && w.n < (size_t)limit; pass++) {
        if (pass == 1 && strlen(q) < 3)
            break;
        ng_buf pat;
        ng_buf_init(&pat);
        like_pattern(q, pass == 1, &pat);
        ng_kb_param p[] = {{"pattern", pat.oom ? "" : pat.data}, {"limit", ifmt(&a, limit)}};
        bool done = run(r, "web.suggest", p, 2, &w);
        ng_buf_free(&pat);
        if (!done)
            return r->resp->status;
    }
    ng_buf_putc(r->b, ']');
    return ok(r);
}

static int h_overview(req *r, int64_t id)
{
    (void)id;
    iparam a;
    ng_kb_param l10[] = {{"limit", ifmt(&a, 10)}};
    ng_buf_putc(r->b, '{');
    bool done = object(r, "counts", "web.overview", NULL, 0, NULL) &&
                list(r, "sources", "web.overview.sources", l10, 1, NULL) &&
                list(r, "types", "web.overview.types", NULL, 0, NULL) &&
                list(r, "relations", "web.overview.relations", NULL, 0, NULL) &&
                list(r, "years", "web.overview.years", NULL, 0, NULL) &&
                list(r, "top_entities", "web.overview.top_entities", l10, 1, NULL) &&
                list(r, "recent_facts", "web.overview.recent_facts", l10, 1, NULL);
    return done ? ok(r) : r->resp->status;
}

/* --------------------------------------------------------------- routing */

typedef struct route {
    const char *path;         /* "/api/entities" */
    bool with_id;             /* path + "/{id}" */
    const char *args;         /* the arguments it takes, space-separated */
    int (*fn)(req *r, int64_t id);
} route;

static const route routes[] = {
    {"/healthz", false, "", h_health},
    {"/api/overview", false, "", h_overview},
    {"/api/suggest", false, "q limit", h_suggest},
    {"/api/search", false, "q sort limit offset", h_search},
    {"/api/entities", false, "q type limit offset", h_entities},
    {"/api/entities", true, "", h_entity},
    {"/api/timeline", true, "limit", h_timeline},
    {"/api/graph", true, "limit", h_graph},
    {"/api/events", true, "", h_event},
    {"/api/documents", true, "", h_document},
    {"/api/facts", false, "relation subject object year polarity modality source entity limit offset format",
     h_facts},
    {"/api/facts", true, "", h_fact},
};

/* Does path match route (with its id in *id)?  -1: the route, but a bad id. */
static int match(const route *rt, const char *path, int64_t *id)
{
    size_t n = strlen(rt->path);
    if (strncmp(path, rt->path, n) != 0)
        return 0;
    if (!rt->with_id)
        return path[n] == '\0';
    if (path[n] != '/')
        return 0;
    const char *d = path + n + 1;
    size_t nd = strspn(d, "0123456789");
    if (nd == 0 || d[nd] != '\0' || nd > 15 || d[0] == '0')
        return strchr(d, '/') ? 0 : -1;
    *id = strtoll(d, NULL, 10);
    return 1;
}

int ng_api_handle(ng_kb *kb, const char *path, const ng_api_arg *args, size_t nargs, ng_api_resp *resp)
{
    ng_buf_init(&resp->body);
    resp->content_type = "application/json; charset=utf-8";
    resp->disposition = NULL;
    resp->status = 200;
    req r = {kb, args, nargs, resp, &resp->body, now_s() + NG_SERVE_QUERY_MS / 1000.0, 0};
    for (size_t i = 0; i < NG_ARRAY_LEN(routes); i++) {
        int64_t id = 0;
        int m = match(&routes[i], path, &id);
        if (m < 0)
            return ng_api_error(resp, 400, "%s/{id}: the id is a positive whole number", routes[i].path);
        if (m == 0)
            continue;
        int bad = check_args(&r, routes[i].args);
        return bad ? bad : routes[i].fn(&r, id);
    }
    return ng_api_error(resp, 404, "no such endpoint: %.200s (see docs/api.md)", path);
}
