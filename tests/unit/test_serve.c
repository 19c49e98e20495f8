/*
 * test_serve.c - `newsgraph serve`: every API endpoint on a knowledge base
 * built from tests/e2e/fixture.jsonl (records with hand-attached entities and
 * facts, no model), bad parameters, SQL and FTS injection attempts, the
 * static file table (traversal, symlinks, dotfiles, gzip), and HTTP over a
 * real socket (methods, bodies, oversize requests, caching, keep-alive).
 */
#include "testutil.h"

#include "serve/serve.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#define FIXTURE "tests/e2e/fixture.jsonl"

static char g_db[64];
static ng_kb *g_kb;

/* ------------------------------------------------------------- fixture */

static void put_doc(ng_kb *kb, ng_doc *doc)
{
    ng_error err = {0};
    if (doc && ng_kb_put(kb, doc, NULL, &err) != NG_OK)
        fail_msg("put: %s", err.msg);
    ng_doc_free(doc);
}

static int setup_db(void **state)
{
    (void)state;
    snprintf(g_db, sizeof g_db, "/tmp/ngserveXXXXXX");
    int fd = mkstemp(g_db);
    assert_true(fd >= 0);
    close(fd);
    unlink(g_db);
    ng_error err = {0};
    ng_kb *kb = ng_kb_open(g_db, 0, &err);
    if (!kb)
        fail_msg("open: %s", err.msg);
    FILE *f = fopen(FIXTURE, "r");
    if (!f)
        fail_msg("%s: run the tests from the project root", FIXTURE);
    ng_records *r = ng_records_new();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    ng_doc *doc;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (ng_records_add(r, FIXTURE, line, (size_t)n, &doc, &err) != NG_OK)
            fail_msg("records: %s", err.msg);
        put_doc(kb, doc);
    }
    assert_int_equal(ng_records_finish(r, &doc, &err), NG_OK);
    put_doc(kb, doc);
    ng_records_free(r);
    free(line);
    fclose(f);
    ng_kb_close(kb);
    g_kb = ng_kb_open(g_db, NG_KB_READONLY, &err);
    if (!g_kb)
        fail_msg("open read-only: %s", err.msg);
    return 0;
}

static int teardown_db(void **state)
{
    (void)state;
    ng_kb_close(g_kb);
    char p[128];
    unlink(g_db);
    snprintf(p, sizeof p, "%s-wal", g_db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_db);
    unlink(p);
    return 0;
}

/* ------------------------------------------------------------- helpers */

/* GET path?query through the API handler; the body parsed as JSON (NULL for
 * CSV).  "a=1&b=2" is split into arguments here, undecoded. */
static json_t *get(const char *path, const char *query, int want_status)
{
    ng_api_arg args[32];
    size_t n = 0;
    char q[4096];
    snprintf(q, sizeof q, "%s", query ? query : "");
    for (char *save = NULL, *tok = strtok_r(q, "&", &save); tok && n < 32; tok = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(tok, '=');
        if (eq)
            *eq = '\0';
        args[n++] = (ng_api_arg){tok, eq ? eq + 1 : ""};
    }
    ng_api_resp resp;
    int status = ng_api_handle(g_kb, path, args, n, &resp);
    if (status != want_status)
        fail_msg("%s?%s: status %d, want %d: %.*s", path, query ? query : "", status, want_status,
                 (int)resp.body.len, resp.body.data);
    assert_int_equal(resp.status, status);
    json_t *j = NULL;
    if (strncmp(resp.content_type, "application/json", 16) == 0) {
        json_error_t jerr;
        j = json_loadb(resp.body.data, resp.body.len, 0, &jerr);
        if (!j)
            fail_msg("%s: not JSON (%s): %.*s", path, jerr.text, (int)resp.body.len, resp.body.data);
        if (status >= 400)
            assert_true(json_is_string(json_object_get(j, "error")));
    }
    ng_buf_free(&resp.body);
    return j;
}

static size_t items(json_t *j, const char *key) { return json_array_size(json_object_get(j, key)); }

static long long ival(json_t *obj, const char *key) { return json_integer_value(json_object_get(obj, key)); }

static const char *sval(json_t *obj, const char *key) { return json_string_value(json_object_get(obj, key)); }

/* The id of the entity called name. */
static long long entity_id(const char *name)
{
    char q[256];
    snprintf(q, sizeof q, "q=%s&limit=5", name);
    json_t *j = get("/api/entities", q, 200);
    json_t *it = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(it);
    long long id = ival(it, "id");
    json_decref(j);
    return id;
}

static json_t *get_id(const char *route, long long id, const char *query, int want)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%lld", route, id);
    return get(p, query, want);
}

/* --------------------------------------------------------------- routes */

static void test_health_overview(void **state)
{
    (void)state;
    json_t *j = get("/healthz", NULL, 200);
    assert_string_equal(sval(j, "status"), "ok");
    assert_int_equal(ival(json_object_get(j, "database"), "documents"), 6);
    json_decref(j);
    j = get("/api/overview", NULL, 200);
    json_t *c = json_object_get(j, "counts");
    assert_int_equal(ival(c, "documents"), 6);
    assert_int_equal(ival(c, "facts"), 20);
    assert_int_equal(ival(c, "sources"), 3);
    assert_string_equal(sval(c, "first_date"), "2019-10-21");
    assert_string_equal(sval(json_array_get(json_object_get(j, "top_entities"), 0), "name"),
                        "Northgate Digital Summit");
    assert_int_equal(items(j, "recent_facts"), 10);
    assert_int_equal(items(j, "relations"), 7);
    json_decref(j);
}

static void test_entities(void **state)
{
    (void)state;
    json_t *j = get("/api/entities", "q=whit", 200);
    assert_int_equal(ival(j, "total"), 1);
    assert_string_equal(sval(json_array_get(json_object_get(j, "items"), 0), "name"), "Dana Whitfield");
    json_decref(j);
    j = get("/api/entities", "type=person&limit=2&offset=1", 200);
    assert_int_equal(items(j, "items"), 2);
    assert_int_equal(ival(j, "total"), 4);
    assert_int_equal(ival(j, "offset"), 1);
    json_decref(j);
    j = get("/api/entities", "offset=100", 200); /* past the end: empty, total 0 */
    assert_int_equal(items(j, "items"), 0);
    json_decref(j);

    long long dana = entity_id("Dana");
    j = get_id("/api/entities", dana, NULL, 200);
    assert_string_equal(sval(json_object_get(j, "entity"), "type"), "PERSON");
    assert_string_equal(sval(json_array_get(json_object_get(j, "aliases"), 0), "alias"), "Whitfield");
    assert_int_equal(items(j, "facts"), 6);
    json_t *f0 = json_array_get(json_object_get(j, "facts"), 0);
    assert_true(json_is_integer(json_object_get(f0, "subject_id")));
    assert_true(items(j, "years") >= 4);
    assert_int_equal(items(j, "doc_years"), 0); /* only when no fact is dated */
    assert_int_equal(items(j, "documents"), 0); /* only when it has no fact */
    json_decref(j);
    j = get_id("/api/entities", entity_id("Orbital"), NULL, 200);
    assert_int_equal(items(j, "years"), 0); /* its only fact is undated */
    json_decref(j);

    j = get_id("/api/timeline", dana, "limit=3", 200);
    assert_int_equal(items(j, "items"), 3);
    assert_int_equal(items(j, "doc_years"), 4);
    const char *prev = "";
    for (size_t i = 0; i < 3; i++) {
        const char *d = sval(json_array_get(json_object_get(j, "items"), i), "date");
        assert_true(strcmp(prev, d) <= 0);
        prev = d;
    }
    json_decref(j);
}

static void test_facts(void **state)
{
    (void)state;
    static const struct { const char *query; size_t n; } cases[] = {
        {"relation=attended", 9},      {"relation=attended&year=2022", 5}, {"polarity=negative", 3},
        {"modality=planned", 2},       {"modality=former", 1},             {"subject=ferreira", 4},
        {"object=Port%20Elsa", 0},     {"object=Port Elsa", 4},            {"object=heavy loads", 1},
        {"source=Capital", 3},         {"year=2020", 1},                   {"relation=owns&year=2021", 1},
        {"relation=said", 1},          {"relation=nothing", 0},            {"limit=5&offset=18", 2},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
        json_t *j = get("/api/facts", cases[i].query, 200);
        if (items(j, "items") != cases[i].n)
            fail_msg("facts?%s: %zu items, want %zu", cases[i].query, items(j, "items"), cases[i].n);
        json_decref(j);
    }
    long long dana = entity_id("Dana");
    char q[64];
    snprintf(q, sizeof q, "entity=%lld&relation=attended", dana);
    json_t *j = get("/api/facts", q, 200);
    assert_int_equal(ival(j, "total"), 3);
    assert_true(json_is_true(json_object_get(j, "total_exact")));
    json_t *f = json_array_get(json_object_get(j, "items"), 2); /* latest stored first: 2019 last */
    assert_int_equal(ival(f, "year"), 2019);
    assert_string_equal(sval(f, "publishers"), "The Harbour Ledger");
    long long fact = ival(f, "id");
    json_decref(j);

    j = get_id("/api/facts", fact, NULL, 200);
    json_t *ev = json_array_get(json_object_get(j, "evidence"), 0);
    assert_non_null(ev);
    long long doc = ival(ev, "document_id"), s = ival(ev, "start_byte"), e = ival(ev, "end_byte");
    char sentence[512];
    snprintf(sentence, sizeof sentence, "%s", sval(ev, "sentence"));
    json_decref(j);

    /* The evidence offsets are byte offsets of the sentence in the body. */
    j = get_id("/api/documents", doc, NULL, 200);
    const char *body = sval(json_object_get(j, "document"), "body");
    assert_true(e > s && (size_t)e <= strlen(body));
    assert_int_equal((size_t)(e - s), strlen(sentence));
    assert_memory_equal(body + s, sentence, (size_t)(e - s));
    json_t *m;
    size_t i;
    json_array_foreach(json_object_get(j, "mentions"), i, m) {
        long long ms = ival(m, "start_byte"), me = ival(m, "end_byte");
        assert_true(ms < me && (size_t)me <= strlen(body));
    }
    assert_true(items(j, "mentions") >= 5);
    assert_true(items(j, "evidence") >= 5);
    json_decref(j);
}

static void test_facts_csv(void **state)
{
    (void)state;
    ng_api_arg args[] = {{"format", "csv"}, {"relation", "said"}};
    ng_api_resp resp;
    assert_int_equal(ng_api_handle(g_kb, "/api/facts", args, 2, &resp), 200);
    assert_string_equal(resp.content_type, "text/csv; charset=utf-8");
    assert_non_null(resp.disposition);
    ng_buf_putc(&resp.body, '\0');
    assert_true(ng_starts_with(resp.body.data, "id,relation,subject_id,subject,"));
    assert_non_null(strstr(resp.body.data, ",said,"));
    assert_non_null(strstr(resp.body.data, "\"Machines should carry the heavy loads, not people\""));
    assert_null(strstr(resp.body.data, ",total"));
    ng_buf_free(&resp.body);
}

static void test_search_suggest(void **state)
{
    (void)state;
    json_t *j = get("/api/search", "q=summit", 200);
    assert_true(items(j, "items") >= 3);
    const char *text = sval(json_array_get(json_object_get(j, "items"), 0), "text");
    assert_non_null(strstr(text, "\x02Summit\x03"));
    assert_string_equal(sval(j, "query"), "\"summit\"");
    assert_string_equal(sval(j, "sort"), "recent");
    /* Newest first: sentence ids go down. */
    long long prev = ival(json_array_get(json_object_get(j, "items"), 0), "sentence_id");
    for (size_t i = 1; i < items(j, "items"); i++) {
        long long id = ival(json_array_get(json_object_get(j, "items"), i), "sentence_id");
        assert_true(id < prev);
        prev = id;
    }
    json_decref(j);
    j = get("/api/search", "q=summit&sort=relevance&limit=2&offset=1", 200);
    assert_int_equal(items(j, "items"), 2);
    assert_string_equal(sval(j, "sort"), "relevance");
    json_decref(j);
    json_decref(get("/api/search", "q=summit&sort=best", 400));
    j = get("/api/search", "q=Tomás attended", 200); /* non-ASCII, two words: both required */
    assert_int_equal(items(j, "items"), 2);
    json_decref(j);
    j = get("/api/search", "q=Tomás opening", 200);
    assert_int_equal(items(j, "items"), 0);
    json_decref(j);
    j = get("/api/search", "q=Ferr*", 200); /* a trailing * is a prefix */
    assert_true(items(j, "items") >= 2);
    json_decref(j);

    j = get("/api/suggest", "q=whit", 200);
    assert_int_equal(items(j, "items"), 1);
    json_decref(j);
    j = get("/api/suggest", "q=ell&limit=2", 200); /* contains: Castellan, ... */
    assert_true(items(j, "items") >= 1 && items(j, "items") <= 2);
    json_decref(j);
    j = get("/api/suggest", "q=%", 200); /* LIKE wildcards are escaped */
    assert_int_equal(items(j, "items"), 0);
    json_decref(j);
    j = get("/api/suggest", "q=_ana", 200);
    assert_int_equal(items(j, "items"), 0);
    json_decref(j);
}

static void test_graph_event(void **state)
{
    (void)state;
    long long dana = entity_id("Dana"), summit = entity_id("Northgate");
    json_t *j = get_id("/api/graph", dana, NULL, 200);
    json_t *nodes = json_object_get(j, "nodes"), *edges = json_object_get(j, "edges");
    assert_int_equal(json_array_size(nodes), 3);
    assert_int_equal(ival(json_array_get(nodes, 0), "id"), dana);
    assert_int_equal(ival(json_array_get(nodes, 0), "center"), 1);
    json_t *e;
    size_t i;
    json_array_foreach(edges, i, e) {
        bool src = false, dst = false;
        json_t *n;
        size_t k;
        json_array_foreach(nodes, k, n) {
            src |= ival(n, "id") == ival(e, "source");
            dst |= ival(n, "id") == ival(e, "target");
        }
        assert_true(src && dst);
    }
    json_decref(j);
    j = get_id("/api/graph", summit, "limit=1", 200); /* the centre and one neighbour */
    assert_int_equal(items(j, "nodes"), 2);
    json_decref(j);

    j = get_id("/api/events", summit, NULL, 200);
    assert_int_equal(items(j, "editions"), 3);
    assert_string_equal(sval(json_array_get(json_object_get(j, "editions"), 0), "place"), "Port Elsa");
    assert_int_equal(items(j, "participants"), 11);
    json_decref(j);
}

/* ------------------------------------------------------ bad parameters */

static void test_bad_requests(void **state)
{
    (void)state;
    char big[400], ctrl[] = "a\x01z", badutf[] = "\xff\xfe";
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    static const struct { const char *path, *query; int status; } cases[] = {
        {"/api/entities", "foo=1", 400},           {"/api/entities", "limit=0", 400},
        {"/api/entities", "=x", 400},              {"/healthz", "=", 400},
        {"/api/entities", "limit=501", 400},       {"/api/entities", "limit=abc", 400},
        {"/api/entities", "limit=1e3", 400},       {"/api/entities", "limit=+5", 400},
        {"/api/entities", "offset=-1", 400},       {"/api/entities", "type=ALIEN", 400},
        {"/api/facts", "year=0", 400},             {"/api/facts", "year=99999", 400},
        {"/api/facts", "polarity=maybe", 400},     {"/api/facts", "modality=sure", 400},
        {"/api/facts", "relation=a'b", 400},       {"/api/facts", "format=xml", 400},
        {"/api/facts", "entity=-3", 400},          {"/api/entities/abc", NULL, 400},
        {"/api/entities/0", NULL, 400},            {"/api/entities/007", NULL, 400},
        {"/api/entities/99999", NULL, 404},        {"/api/documents/99999", NULL, 404},
        {"/api/facts/99999", NULL, 404},           {"/api/events/99999", NULL, 404},
        {"/api/graph/99999", NULL, 404},           {"/api/timeline/99999", NULL, 404},
        {"/api/entities/1", "limit=5", 400},       {"/api/search", NULL, 400},
        {"/api/search", "q=!!!", 400},             {"/api/suggest", NULL, 400},
        {"/api/suggest", "q=a&limit=21", 400},     {"/api/graph/1", "limit=201", 400},
        {"/api/nope", NULL, 404},                  {"/api", NULL, 404},
        {"/api/entities/", NULL, 400},             {"/api/entities/1/2", NULL, 404},
        {"/api/entities/1234567890123456", NULL, 400},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++)
        json_decref(get(cases[i].path, cases[i].query, cases[i].status));
    char q[512];
    snprintf(q, sizeof q, "q=%s", big);
    json_decref(get("/api/entities", q, 400));
    snprintf(q, sizeof q, "q=%s", ctrl);
    json_decref(get("/api/entities", q, 400));
    snprintf(q, sizeof q, "q=%s", badutf);
    json_decref(get("/api/search", q, 400));
    json_decref(get("/api/entities", "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16&q=17",
                    400));
}

/* Injection attempts answer 200 or 400 and change nothing. */
static void test_injection(void **state)
{
    (void)state;
    static const char *const attempts[] = {
        "' OR 1=1 --", "\"; DROP TABLE facts; --", "1; DELETE FROM entities", "%' UNION SELECT sql FROM sqlite_master --",
        "NEAR(summit port)", "summit OR x", "text:summit", "^summit", "\"", "*", "(", "a AND NOT b", ")))",
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(attempts); i++) {
        char q[256];
        snprintf(q, sizeof q, "q=%s", attempts[i]);
        json_t *j = get("/api/entities", q, 200);
        assert_int_equal(items(j, "items"), 0);
        json_decref(j);
        ng_api_arg a[] = {{"q", attempts[i]}};
        ng_api_resp resp;
        int st = ng_api_handle(g_kb, "/api/search", a, 1, &resp);
        if (st != 200 && st != 400)
            fail_msg("search q=%s: status %d: %.*s", attempts[i], st, (int)resp.body.len, resp.body.data);
        ng_buf_free(&resp.body);
        ng_api_arg s[] = {{"subject", attempts[i]}, {"object", attempts[i]}, {"source", attempts[i]}};
        json_t *f = NULL;
        assert_int_equal(ng_api_handle(g_kb, "/api/facts", s, 3, &resp), 200);
        f = json_loadb(resp.body.data, resp.body.len, 0, NULL);
        assert_int_equal(items(f, "items"), 0);
        json_decref(f);
        ng_buf_free(&resp.body);
        st = ng_api_handle(g_kb, "/api/suggest", a, 1, &resp);
        assert_int_equal(st, 200);
        ng_buf_free(&resp.body);
    }
    json_t *j = get("/api/overview", NULL, 200);
    assert_int_equal(ival(json_object_get(j, "counts"), "facts"), 20);
    assert_int_equal(ival(json_object_get(j, "counts"), "entities"), 9);
    json_decref(j);
}

/* ---------------------------------------------------------------- static */

static char g_web[64];

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A UI directory: index.html, a big script under assets/, a dotfile, a
 * symlink pointing out of the directory. */
static void make_web_dir(void)
{
    snprintf(g_web, sizeof g_web, "/tmp/ngwebXXXXXX");
    assert_non_null(mkdtemp(g_web));
    write_file(g_web, "index.html", "<!doctype html><title>t</title><p>hello</p>\n");
    char p[256];
    snprintf(p, sizeof p, "%s/assets", g_web);
    assert_int_equal(mkdir(p, 0700), 0);
    ng_buf js;
    ng_buf_init(&js);
    for (int i = 0; i < 200; i++)
        ng_buf_printf(&js, "export const value%d = 'some text that compresses well';\n", i);
    ng_buf_putc(&js, '\0');
    write_file(g_web, "assets/app-1234.js", js.data);
    ng_buf_free(&js);
    write_file(g_web, ".secret", "do not serve\n");
    snprintf(p, sizeof p, "%s/passwd", g_web);
    assert_int_equal(symlink("/etc/passwd", p), 0);
}

static void remove_web_dir(void)
{
    static const char *const names[] = {"index.html", "assets/app-1234.js", ".secret", "passwd", "assets", ""};
    for (size_t i = 0; i < NG_ARRAY_LEN(names); i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", g_web, names[i]);
        remove(p);
    }
}

static void test_static_table(void **state)
{
    (void)state;
    make_web_dir();
    ng_static st;
    ng_error err = {0};
    assert_int_equal(ng_static_load(&st, g_web, &err), NG_OK);
    assert_int_equal(st.nfiles, 2);
    const ng_static_file *f = ng_static_find(&st, "/assets/app-1234.js");
    assert_non_null(f);
    assert_string_equal(f->mime, "text/javascript; charset=utf-8");
    assert_true(f->immutable);
    assert_non_null(f->gz);
    assert_true(f->gzlen < f->len / 4);
    const ng_static_file *index = ng_static_find(&st, "/index.html");
    assert_non_null(index);
    assert_false(index->immutable);
    static const char *const app[] = {"/", "/entity/12", "/event/3", "/facts", "/search", "/doc/9", "/fact/4"};
    for (size_t i = 0; i < NG_ARRAY_LEN(app); i++)
        assert_ptr_equal(ng_static_find(&st, app[i]), index);
    static const char *const none[] = {"/.secret", "/passwd", "/../index.html", "/assets/../index.html",
                                       "/assets", "/assets/", "//index.html", "/entity/1/x", "/entity/",
                                       "/index.html/", "/INDEX.HTML", "/etc/passwd", ""};
    for (size_t i = 0; i < NG_ARRAY_LEN(none); i++)
        if (ng_static_find(&st, none[i]))
            fail_msg("%s: served", none[i]);
    ng_static_free(&st);
    assert_string_equal(ng_static_mime("a.css"), "text/css; charset=utf-8");
    assert_string_equal(ng_static_mime("a.svg"), "image/svg+xml");
    assert_string_equal(ng_static_mime("noext"), "application/octet-stream");
    char p[256];
    snprintf(p, sizeof p, "%s/assets", g_web);
    assert_int_equal(ng_static_load(&st, p, &err), NG_ENOTFOUND); /* no index.html */
    assert_non_null(strstr(err.msg, "index.html"));
    remove_web_dir();
}

/* ------------------------------------------------------------------ HTTP */

typedef struct http_resp {
    int status;
    char head[4096];
    char body[65536];
    size_t nbody;
} http_resp;

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static void send_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t k = send(fd, data, n, MSG_NOSIGNAL);
        if (k <= 0)
            return; /* the server may close early on an oversize request */
        data += k;
        n -= (size_t)k;
    }
}

/* The header line starting with name (case-insensitive) in head, or NULL. */
static const char *header(const char *head, const char *name)
{
    for (const char *p = strstr(head, "\r\n"); p; p = strstr(p + 2, "\r\n"))
        if (ng_strnieq(p + 2, name, strlen(name)))
            return p + 2;
    return NULL;
}

/* Read one response (headers, then Content-Length bytes of body). */
static void read_resp(int fd, http_resp *r, bool head_only)
{
    char buf[sizeof r->head + sizeof r->body];
    size_t n = 0;
    char *end = NULL;
    memset(r, 0, sizeof *r);
    while (!end && n < sizeof buf - 1) {
        ssize_t k = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        assert_true(k > 0);
        n += (size_t)k;
        buf[n] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    assert_non_null(end);
    size_t hl = (size_t)(end - buf) + 4;
    assert_true(hl < sizeof r->head);
    memcpy(r->head, buf, hl);
    sscanf(buf, "HTTP/1.%*d %d", &r->status);
    const char *cl = header(r->head, "Content-Length: ");
    size_t want = cl && !head_only && r->status != 304 ? strtoul(cl + 16, NULL, 10) : 0;
    assert_true(want <= sizeof r->body);
    r->nbody = NG_MIN(n - hl, want);
    memcpy(r->body, buf + hl, r->nbody);
    while (r->nbody < want) {
        ssize_t k = recv(fd, r->body + r->nbody, want - r->nbody, 0);
        assert_true(k > 0);
        r->nbody += (size_t)k;
    }
}

/* One request on a new connection. */
static void http(int port, const char *request, http_resp *r)
{
    int fd = connect_to(port);
    send_all(fd, request, strlen(request));
    read_resp(fd, r, strncmp(request, "HEAD", 4) == 0);
    close(fd);
}

static ng_server *start(void)
{
    ng_error err = {0};
    ng_server_opts o = {.db = g_db, .port = 0, .web_dir = g_web, .threads = 3};
    ng_server *s = ng_server_start(&o, &err);
    if (!s)
        fail_msg("start: %s", err.msg);
    assert_true(ng_server_port(s) > 0);
    assert_string_equal(ng_server_web_dir(s), g_web);
    return s;
}

static void test_http_basics(void **state)
{
    (void)state;
    make_web_dir();
    ng_server *s = start();
    int port = ng_server_port(s);
    http_resp r;
    http(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "application/json"));
    assert_non_null(strstr(r.body, "\"status\":\"ok\""));
    http(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'self'"));
    assert_non_null(strstr(r.head, "Cache-Control: no-cache"));
    assert_non_null(strstr(r.body, "hello"));
    http(port, "GET /entity/2 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "hello"));
    http(port, "HEAD /entity/2 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 200);

    /* gzip when asked, an ETag, 304 when it matches, a year of caching. */
    http(port, "GET /assets/app-1234.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "Content-Encoding: gzip"));
    assert_non_null(strstr(r.head, "immutable"));
    assert_int_equal((unsigned char)r.body[0], 0x1f);
    char *etag = strstr(r.head, "ETag: ");
    assert_non_null(etag);
    char tag[32] = "";
    sscanf(etag + 6, "%31[^\r]", tag);
    char req[256];
    snprintf(req, sizeof req, "GET /assets/app-1234.js HTTP/1.1\r\nHost: x\r\nIf-None-Match: %s\r\n\r\n", tag);
    http(port, req, &r);
    assert_int_equal(r.status, 304);
    http(port, "GET /assets/app-1234.js HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_null(strstr(r.head, "Content-Encoding"));
    assert_non_null(strstr(r.body, "export const value0"));
    ng_server_stop(s);
    remove_web_dir();
}

static void test_http_hostile(void **state)
{
    (void)state;
    make_web_dir();
    ng_server *s = start();
    int port = ng_server_port(s);
    http_resp r;
    static const char *const traversal[] = {
        "GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /assets/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /.secret HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET //etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(traversal); i++) {
        http(port, traversal[i], &r);
        if (r.status != 404 && r.status != 400)
            fail_msg("%s: status %d", traversal[i], r.status);
        assert_null(strstr(r.body, "root:"));
        assert_null(strstr(r.body, "do not serve"));
    }
    http(port, "GET /%00/../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", &r); /* decodes to "/" */
    assert_true(r.status == 200 && strstr(r.body, "hello"));
    http(port, "POST /api/entities HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=b", &r);
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.head, "Allow: GET, HEAD"));
    assert_non_null(strstr(r.body, "\"error\""));
    http(port, "DELETE /api/facts/1 HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 405);
    http(port, "GET /api/entities HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde", &r);
    assert_int_equal(r.status, 413);

    /* A path over NG_SERVE_MAX_URL, then headers over NG_SERVE_MAX_HEADERS. */
    ng_buf b;
    ng_buf_init(&b);
    ng_buf_puts(&b, "GET /api/entities/");
    for (int i = 0; i < NG_SERVE_MAX_URL; i++)
        ng_buf_putc(&b, '1');
    ng_buf_puts(&b, " HTTP/1.1\r\nHost: x\r\n\r\n");
    ng_buf_putc(&b, '\0');
    http(port, b.data, &r);
    assert_int_equal(r.status, 414);
    ng_buf_clear(&b);
    ng_buf_puts(&b, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ");
    for (int i = 0; i < NG_SERVE_MAX_HEADERS; i++)
        ng_buf_putc(&b, 'h');
    ng_buf_puts(&b, "\r\n\r\n");
    ng_buf_putc(&b, '\0');
    http(port, b.data, &r);
    if (r.status != 431 && r.status != 413 && r.status != 414)
        fail_msg("oversize headers: status %d", r.status);
    ng_buf_free(&b);
    http(port, "GET /api/entities?q=%27%20OR%201=1-- HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"total\":0"));
    ng_server_stop(s);
    remove_web_dir();
}

/* Several requests on one connection (keep-alive). */
static void test_http_keepalive(void **state)
{
    (void)state;
    make_web_dir();
    ng_server *s = start();
    int fd = connect_to(ng_server_port(s));
    http_resp r;
    for (int i = 0; i < 5; i++) {
        const char *req = i % 2 ? "GET /api/entities?limit=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                                : "GET /api/suggest?q=dana HTTP/1.1\r\nHost: x\r\n\r\n";
        send_all(fd, req, strlen(req));
        read_resp(fd, &r, false);
        assert_int_equal(r.status, 200);
        assert_null(header(r.head, "Connection: close"));
    }
    close(fd);
    ng_server_stop(s);
    remove_web_dir();
}

typedef struct client {
    int port, ok;
} client;

static void *client_run(void *ud)
{
    client *c = ud;
    static const char *const reqs[] = {
        "GET /api/entities/1 HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api/search?q=summit HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/graph/2 HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api/overview HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (int i = 0; i < 40; i++) {
        http_resp r;
        http(c->port, reqs[i % 4], &r);
        c->ok += r.status == 200;
    }
    return NULL;
}

/* Clients at once on a pool of 3 threads and 3 connections. */
static void test_http_concurrent(void **state)
{
    (void)state;
    make_web_dir();
    ng_server *s = start();
    pthread_t t[6];
    client c[6];
    for (int i = 0; i < 6; i++) {
        c[i] = (client){ng_server_port(s), 0};
        assert_int_equal(pthread_create(&t[i], NULL, client_run, &c[i]), 0);
    }
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(c[i].ok, 40);
    }
    ng_server_stop(s);
    remove_web_dir();
}

static void test_server_errors(void **state)
{
    (void)state;
    ng_error err = {0};
    ng_server_opts o = {.db = "/nonexistent/dir/kb.db", .port = 0, .web_dir = ""};
    assert_null(ng_server_start(&o, &err));
    assert_true(err.code != NG_OK);
    o = (ng_server_opts){.db = g_db, .bind = "localhost.example", .port = 0, .web_dir = ""};
    assert_null(ng_server_start(&o, &err));
    assert_int_equal(err.code, NG_EARG);
    o = (ng_server_opts){.db = g_db, .port = 0, .web_dir = "/nonexistent/web"};
    assert_null(ng_server_start(&o, &err));
    /* API only: "/" explains how to build the UI. */
    o = (ng_server_opts){.db = g_db, .bind = "::1", .port = 0, .web_dir = ""};
    ng_server *s = ng_server_start(&o, &err);
    if (s) { /* IPv6 loopback may be off on this machine */
        assert_null(ng_server_web_dir(s));
        ng_server *s2 = ng_server_start(&(ng_server_opts){.db = g_db, .bind = "::1", .port = ng_server_port(s),
                                                          .web_dir = ""}, &err);
        assert_null(s2); /* the port is taken */
        ng_server_stop(s);
    }
    o = (ng_server_opts){.db = g_db, .port = 0, .web_dir = ""};
    s = ng_server_start(&o, &err);
    assert_non_null(s);
    http_resp r;
    http(ng_server_port(s), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", &r);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "make web"));
    ng_server_stop(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health_overview), cmocka_unit_test(test_entities),
        cmocka_unit_test(test_facts),           cmocka_unit_test(test_facts_csv),
        cmocka_unit_test(test_search_suggest),  cmocka_unit_test(test_graph_event),
        cmocka_unit_test(test_bad_requests),    cmocka_unit_test(test_injection),
        cmocka_unit_test(test_static_table),    cmocka_unit_test(test_http_basics),
        cmocka_unit_test(test_http_hostile),    cmocka_unit_test(test_http_keepalive),
        cmocka_unit_test(test_http_concurrent), cmocka_unit_test(test_server_errors),
    };
    return cmocka_run_group_tests(tests, setup_db, teardown_db);
}
