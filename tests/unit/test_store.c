/*
 * test_store.c - the knowledge base: match keys and merge rules, idempotent
 * puts, near-duplicates, cross-document entity resolution, fact aggregation,
 * malformed documents in a batch, records read back, read-only SQL.
 * Documents are built here with hand-made entities and facts.  The same
 * suite runs on SQLite (this file) and on PostgreSQL (test_store_pg.c
 * includes it with NG_TEST_PG): each test gets a fresh database (a file, or
 * a schema of the server in $NEWSGRAPH_PG_URL or one started for the run).
 */
#include "testutil.h"

#include "core/doc.h"
#include "kb/resolve.h"
#include "store/store.h"

#ifdef NG_TEST_PG
#include <libpq-fe.h>
#endif

/* ------------------------------------------------------------- helpers */

typedef struct ent_spec {
    const char *name;
    int type;
    const char *aliases[4];
} ent_spec;

typedef struct fact_spec {
    const char *relation;
    int subject, object;  /* indices into the entity specs; object -1 = literal */
    const char *literal;
    const char *time;
    int negated, modality;
} fact_spec;

/* A tokenized document; each entity is mentioned wherever its names occur. */
static ng_doc *make_doc(const char *id, const char *date, const char *text, const ent_spec *ents, size_t nents,
                        const fact_spec *facts, size_t nfacts)
{
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_non_null(doc);
    ng_doc_set(doc, NG_F_ID, id);
    if (date)
        ng_doc_set(doc, NG_F_DATE, date);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    ng_entity e[16];
    ng_span spans[16][8];
    ng_fact f[16];
    memset(e, 0, sizeof e);
    memset(f, 0, sizeof f);
    for (size_t i = 0; i < nents; i++) {
        e[i].name = ents[i].name;
        e[i].type = (uint8_t)ents[i].type;
        while (e[i].naliases < 4 && ents[i].aliases[e[i].naliases])
            e[i].naliases++;
        e[i].aliases = (const char **)ents[i].aliases;
        for (const char *p = strstr(text, ents[i].name); p && e[i].nmentions < 8; p = strstr(p + 1, ents[i].name))
            spans[i][e[i].nmentions++] = (ng_span){(uint32_t)(p - text), (uint32_t)(p - text + strlen(ents[i].name))};
        e[i].mentions = spans[i];
    }
    for (size_t i = 0; i < nfacts; i++) {
        f[i].relation = facts[i].relation;
        f[i].subject = facts[i].subject;
        f[i].object = facts[i].object;
        f[i].object_text = facts[i].literal;
        f[i].time = facts[i].time;
        f[i].negated = (uint8_t)facts[i].negated;
        f[i].modality = (uint8_t)facts[i].modality;
        f[i].confidence = 0.9f;
        f[i].sentence = 0;
        f[i].evidence = (ng_span){doc->sents[0].start, doc->sents[0].end};
        f[i].trigger = f[i].evidence;
    }
    assert_int_equal(ng_doc_attach(doc, e, nents, f, nfacts), NG_OK);
    return doc;
}

static char g_db[1024];

#ifdef NG_TEST_PG
/* ------------------------------------------------- PostgreSQL databases */

static char g_server[512];   /* the server's URL */
static char g_pgdir[64];     /* a server this run started, or "" */
static char g_schema[64];    /* the current test's schema */
static const char *g_skip;   /* why PostgreSQL tests skip, or NULL */

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Run SQL on the server (not through newsgraph: DDL for the tests). */
static void server_exec(const char *sql)
{
    PGconn *c = PQconnectdb(g_server);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("%s: %s", g_server, PQerrorMessage(c));
    PQsetNoticeProcessor(c, quiet, NULL);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

/* The server: $NEWSGRAPH_PG_URL, or one started with scripts/pg-test-server. */
static int pg_setup(void **state)
{
    (void)state;
    const char *url = getenv("NEWSGRAPH_PG_URL");
    if (url && *url) {
        snprintf(g_server, sizeof g_server, "%s", url);
        return 0;
    }
    snprintf(g_pgdir, sizeof g_pgdir, "/tmp/ngpgXXXXXX");
    if (!mkdtemp(g_pgdir) || access("scripts/pg-test-server", X_OK) != 0) {
        g_skip = "no $NEWSGRAPH_PG_URL and no scripts/pg-test-server (run from the project root)";
        g_pgdir[0] = '\0';
        return 0;
    }
    char cmd[512];
    snprintf(cmd, sizeof cmd, "scripts/pg-test-server start %s/pg 2>&1 | tail -1", g_pgdir);
    FILE *f = popen(cmd, "r");
    char line[512] = "";
    if (!f || !fgets(line, sizeof line, f))
        line[0] = '\0';
    if (f)
        pclose(f);
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "postgresql://", 13) != 0) {
        static char why[600];
        snprintf(why, sizeof why, "%s", line[0] ? line : "scripts/pg-test-server failed");
        g_skip = why;
        return 0;
    }
    snprintf(g_server, sizeof g_server, "%s", line);
    return 0;
}

static int pg_teardown(void **state)
{
    (void)state;
    if (g_pgdir[0]) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "scripts/pg-test-server stop %s/pg >/dev/null 2>&1; rmdir %s", g_pgdir, g_pgdir);
        if (system(cmd) != 0)
            fprintf(stderr, "stopping the test server in %s failed\n", g_pgdir);
    }
    return 0;
}

/* A fresh schema; g_db is its URL. */
static void fresh_target(void)
{
    if (g_skip) {
        print_message("PostgreSQL tests skipped: %s\n", g_skip);
        skip();
    }
    static int n;
    snprintf(g_schema, sizeof g_schema, "ngunit_%d_%d", (int)getpid(), ++n);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", g_schema, g_schema);
    server_exec(sql);
    snprintf(g_db, sizeof g_db, "%s%soptions=-csearch_path%%3D%s", g_server, strchr(g_server, '?') ? "&" : "?",
             g_schema);
}

static void remove_target(void)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", g_schema);
    server_exec(sql);
}
#else
/* ------------------------------------------------------ SQLite databases */

static void fresh_target(void)
{
    snprintf(g_db, sizeof g_db, "/tmp/ngstoreXXXXXX");
    int fd = mkstemp(g_db);
    assert_true(fd >= 0);
    close(fd);
    unlink(g_db);
}

static void remove_target(void)
{
    char p[1100];
    unlink(g_db);
    snprintf(p, sizeof p, "%s-wal", g_db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_db);
    unlink(p);
}
#endif

static ng_kb *open_fresh(void)
{
    fresh_target();
    ng_error err = {0};
    ng_kb *kb = ng_kb_open(g_db, 0, &err);
    if (!kb)
        fail_msg("open: %s", err.msg);
    return kb;
}

static void close_and_remove(ng_kb *kb)
{
    ng_kb_close(kb);
    remove_target();
}

static int put(ng_kb *kb, ng_doc *doc, ng_kb_put_info *info)
{
    ng_error err = {0};
    int rc = ng_kb_put(kb, doc, info, &err);
    ng_doc_free(doc);
    return rc;
}

/* First column of the first row as text (into a static buffer). */
static int first_cell(void *ud, const ng_kb_row *row)
{
    snprintf(ud, 512, "%s", row->ncols && row->values[0] ? row->values[0] : "NULL");
    return 1;
}

static const char *sql1(ng_kb *kb, const char *sql)
{
    static char out[512];
    ng_error err = {0};
    strcpy(out, "(no row)");
    if (ng_kb_sql(kb, sql, first_cell, out, &err) != NG_OK)
        fail_msg("%s: %s", sql, err.msg);
    return out;
}

static long sql_int(ng_kb *kb, const char *sql)
{
    return atol(sql1(kb, sql));
}

/* ------------------------------------------------------------- keys */

static void test_keys(void **state)
{
    (void)state;
    ng_resolver *r = ng_resolver_new("lexicons", NULL);
    assert_non_null(r);
    char k[NG_KEY_MAX];
    assert_true(ng_resolve_key(r, NG_ENT_ORG, "Alibaba Group Holding Ltd.", k));
    assert_string_equal(k, "alibaba");
    assert_true(ng_resolve_same(r, NG_ENT_ORG, "Alibaba", NG_ENT_ORG, "Alibaba Group"));
    assert_true(ng_resolve_same(r, NG_ENT_ORG, "the Alibaba Group", NG_ENT_ORG, "Alibaba Group Holding"));
    assert_false(ng_resolve_same(r, NG_ENT_ORG, "Alibaba Pictures", NG_ENT_ORG, "Alibaba"));
    assert_false(ng_resolve_same(r, NG_ENT_ORG, "Alibaba", NG_ENT_PERSON, "Alibaba"));
    assert_true(ng_resolve_same(r, NG_ENT_PERSON, "Mr. Jack Ma", NG_ENT_PERSON, "Jack Ma"));
    assert_true(ng_resolve_same(r, NG_ENT_PERSON, "Jörg Müller", NG_ENT_PERSON, "Jorg Muller"));
    assert_false(ng_resolve_key(r, NG_ENT_PERSON, "Li", k)); /* a bare surname is weak */
    assert_false(ng_resolve_same(r, NG_ENT_PERSON, "Li", NG_ENT_PERSON, "Li"));
    assert_false(ng_resolve_same(r, NG_ENT_PERSON, "Robin Li", NG_ENT_PERSON, "Li Keqiang"));
    assert_true(ng_resolve_same(r, NG_ENT_GPE, "U.S.", NG_ENT_LOC, "US"));
    assert_true(ng_resolve_key(r, NG_ENT_EVENT, "the 6th Annual Widget Summit 2019", k));
    assert_string_equal(k, "widget summit");
    assert_true(ng_resolve_same(r, NG_ENT_EVENT, "Widget Summit 2017", NG_ENT_EVENT, "Widget Summit"));
    assert_int_equal(ng_resolve_edition_year("Widget Summit 2019"), 2019);
    assert_int_equal(ng_resolve_edition_year("Widget Summit"), 0);
    assert_int_equal(ng_resolve_edition_year("Room 20190"), 0);
    assert_true(ng_resolve_same(r, NG_ENT_ORG, "Alibaba's", NG_ENT_ORG, "Alibaba"));
    ng_resolver_free(r);
}

/* ---------------------------------------------------------- documents */

static const char text_a[] =
    "Jack Ma spoke at the Widget Summit in Lisbon on Tuesday. Alibaba Group said it would invest more in "
    "cloud services. The summit drew about four thousand visitors from forty countries this year.";

static void test_put_idempotent(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec ents[] = {{"Jack Ma", NG_ENT_PERSON, {"Ma"}}, {"Alibaba Group", NG_ENT_ORG, {"Alibaba"}}};
    fact_spec facts[] = {{"role", 0, 1, NULL, NULL, 0, 0}};
    ng_kb_put_info info;
    assert_int_equal(put(kb, make_doc("a", "2019-10-20", text_a, ents, 2, facts, 1), &info), NG_OK);
    assert_int_equal(info.status, NG_KB_NEW);
    assert_int_equal(info.nentities, 2);
    const char *counts = "SELECT (SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM sentences) "
                         "|| '/' || (SELECT count(*) FROM entities) || '/' || (SELECT count(*) FROM mentions) "
                         "|| '/' || (SELECT count(*) FROM facts) || '/' || (SELECT count(*) FROM evidence)";
    char before[512];
    snprintf(before, sizeof before, "%s", sql1(kb, counts));
    assert_int_equal(put(kb, make_doc("a-again", "2019-10-21", text_a, ents, 2, facts, 1), &info), NG_OK);
    assert_int_equal(info.status, NG_KB_DUPLICATE);
    assert_string_equal(sql1(kb, counts), before);
    assert_string_equal(before, "1/3/2/2/1/1");
    close_and_remove(kb);
}

static const char text_long[] =
    "Jack Ma spoke at the Widget Summit in Lisbon on Tuesday, telling a packed hall that small exporters "
    "would drive the next decade of online trade. The summit, now in its sixth year, drew about four thousand "
    "visitors from forty countries, according to the organisers. Several large American firms sent only "
    "junior staff this time, and two of them said privately that the trip was hard to justify. Local "
    "officials used the event to announce a fund for start-ups in the northern districts of the city. "
    "The summit closes on Thursday with a panel on payment systems and a dinner for invited guests.";

static void test_near_duplicate(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec ents[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    fact_spec facts[] = {{"attended", 0, 1, NULL, "2019", 0, 0}};
    ng_kb_put_info info;
    assert_int_equal(put(kb, make_doc("a", "2019-10-20", text_long, ents, 2, facts, 1), &info), NG_OK);
    /* A syndicated copy with a different last sentence and a credit line. */
    char copy[sizeof text_long + 128];
    snprintf(copy, sizeof copy, "%.*s The organisers expect a larger crowd next autumn. (Reporting by a staff writer.)",
             (int)(strstr(text_long, " The summit closes") - text_long), text_long);
    assert_int_equal(put(kb, make_doc("a-copy", "2019-10-21", copy, ents, 2, facts, 1), &info), NG_OK);
    assert_int_equal(info.status, NG_KB_NEAR_DUPLICATE);
    assert_int_equal(info.dup_of, 1);
    assert_true(info.similarity >= 0.5);
    /* An unrelated article is not. */
    const char *other = "Rain is expected across the northern hills tomorrow, and farmers have begun to bring "
                        "the late harvest in early. The weather office warned of flooding near the river.";
    assert_int_equal(put(kb, make_doc("weather", "2019-10-22", other, NULL, 0, NULL, 0), &info), NG_OK);
    assert_int_equal(info.status, NG_KB_NEW);
    /* The fact counts one source for the pair, and keeps both pieces of evidence. */
    assert_int_equal(sql_int(kb, "SELECT nsources FROM facts"), 1);
    assert_int_equal(sql_int(kb, "SELECT nevidence FROM facts"), 2);
    assert_string_equal(sql1(kb, "SELECT last_seen FROM facts"), "2019-10-21");
    close_and_remove(kb);
}

/* ------------------------------------------------------------ merging */

static const char text_b[] = "Jack Ma met investors in Hangzhou. Alibaba announced new results on Monday.";
static const char text_c[] = "Alibaba Group Holding reported growth. Jack Ma was not at the meeting, staff said.";
static const char text_li1[] = "Robin Li opened the forum. Li said search would change. Baidu agreed.";
static const char text_li2[] = "Li Keqiang visited the plant. Li praised the workers for their output.";
static const char text_li3[] = "A man named Li was seen at the gate on Sunday, witnesses said.";

static void test_merge_rules(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec a[] = {{"Jack Ma", NG_ENT_PERSON, {"Ma"}}, {"Alibaba Group", NG_ENT_ORG, {0}}};
    ent_spec b[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Alibaba", NG_ENT_ORG, {0}}};
    ent_spec c[] = {{"Alibaba Group Holding", NG_ENT_ORG, {0}}, {"Jack Ma", NG_ENT_PERSON, {0}}};
    assert_int_equal(put(kb, make_doc("a", "2019-01-01", text_a, a, 2, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("b", "2020-01-01", text_b, b, 2, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("c", "2021-01-01", text_c, c, 2, NULL, 0), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities WHERE type = 'ORG'"), 1);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities WHERE type = 'PERSON'"), 1);
    assert_int_equal(sql_int(kb, "SELECT ndocs FROM entities WHERE name = 'Jack Ma'"), 3);
    assert_string_equal(sql1(kb, "SELECT first_seen || ' ' || last_seen FROM entities WHERE name = 'Jack Ma'"),
                        "2019-01-01 2021-01-01");
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM aliases a JOIN entities e ON e.id = a.entity_id "
                                 "WHERE e.type = 'ORG'"), 3);
    assert_int_equal(sql_int(kb, "SELECT count(DISTINCT document_id) FROM mentions m JOIN entities e "
                                 "ON e.id = m.entity_id WHERE e.type = 'ORG'"), 3);
    /* Bare surnames never merge: three different Lis plus Robin Li. */
    ent_spec l1[] = {{"Robin Li", NG_ENT_PERSON, {"Li"}}, {"Baidu", NG_ENT_ORG, {0}}};
    ent_spec l2[] = {{"Li Keqiang", NG_ENT_PERSON, {"Li"}}};
    ent_spec l3[] = {{"Li", NG_ENT_PERSON, {0}}};
    assert_int_equal(put(kb, make_doc("l1", NULL, text_li1, l1, 2, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("l2", NULL, text_li2, l2, 1, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("l3", NULL, text_li3, l3, 1, NULL, 0), NULL), NG_OK);
    ent_spec l4[] = {{"Li", NG_ENT_PERSON, {0}}};
    assert_int_equal(put(kb, make_doc("l4", NULL, "Li laughed at the question and left the room early.", l4, 1,
                                      NULL, 0), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities WHERE type = 'PERSON' AND "
                                 "id IN (SELECT entity_id FROM aliases WHERE alias = 'Li')"), 4);
    close_and_remove(kb);
}

/* A document naming both "Orbit Labs" and its ticker-style alias joins two
 * entities made earlier; their facts move and equal facts become one. */
static void test_transitive_merge(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    const char *t1 = "Orbit Labs attended the Widget Summit in 2018. It showed a new sensor.";
    const char *t2 = "OLX Corp attended the Widget Summit in 2018, a spokesman confirmed on Friday.";
    const char *t3 = "Orbit Labs, known on the exchange as OLX, will open an office in Porto next year.";
    ent_spec e1[] = {{"Orbit Labs", NG_ENT_ORG, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    ent_spec e2[] = {{"OLX Corp", NG_ENT_ORG, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    ent_spec e3[] = {{"Orbit Labs", NG_ENT_ORG, {"OLX"}}, {"Porto", NG_ENT_LOC, {0}}};
    fact_spec f[] = {{"attended", 0, 1, NULL, "2018", 0, 0}};
    fact_spec f3[] = {{"based_in", 0, 1, NULL, NULL, 0, NG_MOD_PLANNED}};
    assert_int_equal(put(kb, make_doc("t1", "2018-05-01", t1, e1, 2, f, 1), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("t2", "2018-05-02", t2, e2, 2, f, 1), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts"), 2);
    assert_int_equal(put(kb, make_doc("t3", "2018-06-01", t3, e3, 2, f3, 1), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities WHERE type = 'ORG'"), 1);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts WHERE relation = 'attended'"), 1);
    assert_int_equal(sql_int(kb, "SELECT nsources FROM facts WHERE relation = 'attended'"), 2);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM evidence"), 3);
    assert_string_equal(sql1(kb, "SELECT name FROM entities WHERE type = 'ORG'"), "Orbit Labs");
    assert_int_equal(sql_int(kb, "SELECT ndocs FROM entities WHERE type = 'ORG'"), 3);
    /* No row points at a deleted entity. */
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)"), 0);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts WHERE subject_id NOT IN (SELECT id FROM entities)"), 0);
    close_and_remove(kb);
}

static void test_gpe_loc_agree(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec e1[] = {{"Portugal", NG_ENT_LOC, {0}}};
    ent_spec e2[] = {{"Portugal", NG_ENT_GPE, {0}}};
    ent_spec e3[] = {{"Portugal", NG_ENT_ORG, {0}}};
    assert_int_equal(put(kb, make_doc("p1", NULL, "Portugal won the bid for the summit.", e1, 1, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("p2", NULL, "Portugal raised taxes on cloud firms.", e2, 1, NULL, 0), NULL), NG_OK);
    assert_int_equal(put(kb, make_doc("p3", NULL, "Portugal is also the name of a band.", e3, 1, NULL, 0), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities"), 2);
    assert_string_equal(sql1(kb, "SELECT type FROM entities WHERE ndocs = 2"), "GPE");
    close_and_remove(kb);
}

/* ------------------------------------------------------------- facts */

static void test_fact_aggregation(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    const char *texts[] = {
        "Jack Ma attended the Widget Summit in 2017, organisers said on Monday.",
        "Widget Summit organisers listed Jack Ma among the 2017 guests in their annual report.",
        "In a speech, Jack Ma recalled attending the Widget Summit in 2017 with several partners.",
    };
    const char *dates[] = {"2017-11-02", "2018-01-15", "2020-03-01"};
    ent_spec e[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    fact_spec f[] = {{"attended", 0, 1, NULL, "2017", 0, 0}, {"said", 0, -1, "Trade   is good.", NULL, 0, 0}};
    for (int i = 0; i < 3; i++)
        assert_int_equal(put(kb, make_doc(dates[i], dates[i], texts[i], e, 2, f, 2), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts"), 2);
    assert_string_equal(sql1(kb, "SELECT nsources || ' ' || nevidence || ' ' || first_seen || ' ' || last_seen "
                                 "|| ' ' || year FROM facts WHERE relation = 'attended'"),
                        "3 3 2017-11-02 2020-03-01 2017");
    assert_string_equal(sql1(kb, "SELECT object_text FROM facts WHERE relation = 'said'"), "Trade is good.");
    /* Evidence points at the document, the sentence and its bytes. */
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM evidence v JOIN sentences s ON s.id = v.sentence_id "
                                 "WHERE s.document_id = v.document_id AND v.start_byte = s.start_byte"), 6);
    /* Negation and modality make different facts; the edition year gives a time. */
    ent_spec e2[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Widget Summit 2021", NG_ENT_EVENT, {0}}};
    fact_spec f2[] = {{"attended", 0, 1, NULL, NULL, 1, 0}, {"attended", 0, 1, NULL, NULL, 0, NG_MOD_PLANNED}};
    assert_int_equal(put(kb, make_doc("n", "2021-06-01", "Jack Ma skipped the Widget Summit 2021 this week.", e2, 2,
                                      f2, 2), NULL), NG_OK);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts WHERE relation = 'attended'"), 3);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM facts WHERE year = 2021"), 2);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM entities WHERE type = 'EVENT'"), 1);
    close_and_remove(kb);
}

/* ------------------------------------------------------ batches, errors */

static void test_malformed_in_batch(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ng_error err = {0};
    ent_spec e[] = {{"Jack Ma", NG_ENT_PERSON, {0}}};
    fact_spec bad[] = {{"attended", 0, 5, NULL, NULL, 0, 0}}; /* object 5 does not exist */
    assert_int_equal(ng_kb_begin(kb, &err), NG_OK);
    ng_doc *d1 = make_doc("ok1", NULL, "Jack Ma spoke first. The hall was full.", e, 1, NULL, 0);
    ng_doc *d2 = make_doc("bad", NULL, "Jack Ma spoke second. Nobody listened.", e, 1, bad, 1);
    ng_doc *d3 = make_doc("ok2", NULL, "Jack Ma spoke last of all. Then it rained.", e, 1, NULL, 0);
    assert_int_equal(ng_kb_put(kb, d1, NULL, &err), NG_OK);
    assert_int_equal(ng_kb_put(kb, d2, NULL, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, "bad"));
    assert_int_equal(ng_kb_put(kb, d3, NULL, &err), NG_OK);
    assert_int_equal(ng_kb_commit(kb, &err), NG_OK);
    ng_doc_free(d1);
    ng_doc_free(d2);
    ng_doc_free(d3);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM sentences"), 4);
    assert_int_equal(sql_int(kb, "SELECT ndocs FROM entities"), 2);
    /* A rolled-back batch leaves nothing. */
    assert_int_equal(ng_kb_begin(kb, &err), NG_OK);
    assert_int_equal(put(kb, make_doc("gone", NULL, "This one is rolled back before commit.", NULL, 0, NULL, 0),
                         NULL), NG_OK);
    ng_kb_rollback(kb);
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM documents"), 2);
    close_and_remove(kb);
}

static int count_rows(void *ud, const ng_kb_row *row)
{
    (void)row;
    (*(int *)ud)++;
    return 0;
}

static void test_queries_and_sql(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec e[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    fact_spec f[] = {{"attended", 0, 1, NULL, "2019", 0, 0}};
    assert_int_equal(put(kb, make_doc("q", "2019-10-20", text_a, e, 2, f, 1), NULL), NG_OK);
    ng_error err = {0};
    int n = 0;
    ng_kb_param p[] = {{"q", "cloud"}};
    assert_int_equal(ng_kb_query(kb, "search", p, 1, count_rows, &n, &err), NG_OK);
    assert_int_equal(n, 1);
    n = 0;
    ng_kb_param pf[] = {{"relation", "attended"}, {"year", "2019"}, {"subject", "jack ma"}};
    assert_int_equal(ng_kb_query(kb, "facts", pf, 3, count_rows, &n, &err), NG_OK);
    assert_int_equal(n, 1);
    ng_kb_param bad[] = {{"nosuch", "x"}};
    assert_int_equal(ng_kb_query(kb, "facts", bad, 1, count_rows, &n, &err), NG_ENOTFOUND);
    assert_int_equal(ng_kb_query(kb, "nosuch", NULL, 0, count_rows, &n, &err), NG_ENOTFOUND);
    assert_int_equal(ng_kb_sql(kb, "DELETE FROM documents", count_rows, &n, &err), NG_EARG);
    assert_int_equal(ng_kb_sql(kb, "SELECT 1; DELETE FROM documents", count_rows, &n, &err), NG_EARG);
    ng_kb_close(kb);
    /* Read-only: queries work, writes are refused. */
    assert_non_null(kb = ng_kb_open(g_db, NG_KB_READONLY, &err));
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(ng_kb_begin(kb, &err), NG_EARG);
    assert_int_equal(ng_kb_sql(kb, "PRAGMA user_version = 7", count_rows, &n, &err), NG_EARG);
    close_and_remove(kb);
    assert_null(ng_kb_open("/nonexistent/dir/kb.db", NG_KB_READONLY, &err));
    assert_int_equal(err.code, NG_ENOTFOUND);
}

#ifdef NG_TEST_PG
static void test_schema_version(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    assert_int_equal(sql_int(kb, "SELECT value FROM meta WHERE key = 'schema_version'"), 1);
    ng_kb_close(kb);
    /* A database from a newer newsgraph is refused, not damaged. */
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE %s.meta SET value = '99' WHERE key = 'schema_version'", g_schema);
    server_exec(sql);
    ng_error err = {0};
    assert_null(ng_kb_open(g_db, 0, &err));
    assert_non_null(strstr(err.msg, "newer"));
    assert_null(ng_kb_open(g_db, NG_KB_READONLY, &err));
    /* A schema of something else is not taken over; an empty one is not
     * created by a reader. */
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE; CREATE SCHEMA %s; CREATE TABLE %s.t (x int)", g_schema,
             g_schema, g_schema);
    server_exec(sql);
    assert_null(ng_kb_open(g_db, 0, &err));
    assert_non_null(strstr(err.msg, "not a newsgraph database"));
    snprintf(sql, sizeof sql, "DROP TABLE %s.t", g_schema);
    server_exec(sql);
    assert_null(ng_kb_open(g_db, NG_KB_READONLY, &err));
    assert_int_equal(err.code, NG_ENOTFOUND);
    /* A password never shows in messages. */
    assert_null(ng_kb_open("postgresql://someone:s3cret@127.0.0.1:1/none?connect_timeout=2", 0, &err));
    assert_null(strstr(err.msg, "s3cret"));
    remove_target();
}
#else
static void test_schema_version(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    assert_int_equal(sql_int(kb, "PRAGMA user_version"), 1);
    ng_kb_close(kb);
    /* A database from a newer newsgraph is refused, not damaged. */
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "sqlite3 %s 'PRAGMA user_version = 99' 2>/dev/null", g_db);
    if (system(cmd) == 0) {
        ng_error err = {0};
        assert_null(ng_kb_open(g_db, 0, &err));
        assert_non_null(strstr(err.msg, "newer"));
    }
    ng_error err = {0};
    unlink(g_db);
    /* A SQLite file of something else is not taken over. */
    snprintf(cmd, sizeof cmd, "sqlite3 %s 'CREATE TABLE t (x)' 2>/dev/null", g_db);
    if (system(cmd) == 0) {
        assert_null(ng_kb_open(g_db, 0, &err));
        assert_non_null(strstr(err.msg, "not a newsgraph database"));
    }
    unlink(g_db);
}
#endif

/* ------------------------------------------------------------ records */

static void test_records(void **state)
{
    (void)state;
    const char *lines[] = {
        "{\"kind\":\"document\",\"doc\":\"r1\",\"title\":\"T\",\"date\":\"2020-02-02\","
        "\"body\":\"Nora Vale joined Kestrel Systems as chief executive. She said: growth first.\"}",
        "{\"kind\":\"entity\",\"doc\":\"r1\",\"id\":0,\"name\":\"Nora Vale\",\"type\":\"PERSON\","
        "\"aliases\":[\"Vale\"],\"mentions\":[[0,9]]}",
        "{\"kind\":\"entity\",\"doc\":\"r1\",\"id\":1,\"name\":\"Kestrel Systems\",\"type\":\"ORG\","
        "\"aliases\":[],\"mentions\":[[17,32]]}",
        "{\"kind\":\"fact\",\"doc\":\"r1\",\"relation\":\"role\",\"subject\":{\"id\":0,\"name\":\"Nora Vale\","
        "\"type\":\"PERSON\"},\"object\":{\"id\":1,\"name\":\"Kestrel Systems\",\"type\":\"ORG\"},"
        "\"polarity\":\"positive\",\"modality\":\"asserted\",\"time\":null,\"title\":\"chief executive\","
        "\"confidence\":0.8,\"evidence\":{\"sentence\":\"x\",\"start\":0,\"end\":52}}",
        "{\"kind\":\"fact\",\"doc\":\"r1\",\"relation\":\"said\",\"subject\":{\"id\":0},"
        "\"object\":{\"name\":\"growth first\",\"type\":\"LITERAL\"},\"evidence\":{\"start\":53,\"end\":76}}",
        "{\"kind\":\"document\",\"doc\":\"r2\",\"body\":\"A second one. It is broken below.\"}",
        "{\"kind\":\"entity\",\"doc\":\"r2\",\"id\":0,\"name\":\"Broken\",\"type\":\"PERSON\",\"mentions\":[[0,999]]}",
        "{\"kind\":\"fact\",\"doc\":\"r2\",\"relation\":\"said\"}",
        "{\"kind\":\"document\",\"doc\":\"r3\",\"body\":\"The third one is fine.\"}",
    };
    ng_records *r = ng_records_new();
    assert_non_null(r);
    ng_doc *docs[4] = {0};
    size_t ndocs = 0, nerr = 0;
    ng_error err;
    for (size_t i = 0; i < NG_ARRAY_LEN(lines); i++) {
        ng_doc *d = NULL;
        if (ng_records_add(r, "test.jsonl", lines[i], strlen(lines[i]), &d, &err) != NG_OK)
            nerr++;
        if (d)
            docs[ndocs++] = d;
    }
    ng_doc *last = NULL;
    assert_int_equal(ng_records_finish(r, &last, &err), NG_OK);
    assert_non_null(last);
    docs[ndocs++] = last;
    assert_int_equal(nerr, 1); /* the bad mention drops r2; its later fact is skipped */
    assert_int_equal(ndocs, 2);
    assert_string_equal(ng_doc_get(docs[0], NG_F_ID), "r1");
    assert_int_equal(ng_doc_nentities(docs[0]), 2);
    assert_int_equal(ng_doc_nfacts(docs[0]), 2);
    assert_int_equal(ng_doc_facts(docs[0])[1].object, -1);
    assert_string_equal(ng_doc_facts(docs[0])[1].object_text, "growth first");
    assert_true(ng_doc_nsentences(docs[0]) >= 2);
    assert_non_null(ng_doc_get(docs[0], NG_F_SHA256));
    assert_string_equal(ng_doc_get(docs[1], NG_F_ID), "r3");
    ng_kb *kb = open_fresh();
    for (size_t i = 0; i < ndocs; i++)
        assert_int_equal(put(kb, docs[i], NULL), NG_OK);
    assert_string_equal(sql1(kb, "SELECT title FROM facts WHERE relation = 'role'"), "chief executive");
    close_and_remove(kb);
    assert_int_equal(ng_records_add(r, "x", "[1]", 3, &last, &err), NG_EFORMAT);
    assert_int_equal(ng_records_add(r, "x", "{\"kind\":\"entity\"}", 17, &last, &err), NG_OK); /* skipped */
    ng_records_free(r);
}

/* Extraction bugs that can be repaired do not cost the document: an entity
 * without a type is MISC, one without a name is named by its first mention. */
static void test_lenient_annotations(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec e[] = {{"Jack Ma", NG_ENT_NONE, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    ng_doc *doc = make_doc("l", NULL, text_a, e, 2, NULL, 0);
    doc->entities[1].name = NULL;
    assert_int_equal(put(kb, doc, NULL), NG_OK);
    assert_string_equal(sql1(kb, "SELECT group_concat(name || ':' || type, ' ') FROM entities"),
                        "Jack Ma:MISC Widget Summit:EVENT");
    close_and_remove(kb);
}

/* Every allocation failure on the put path fails cleanly (no leak, no crash). */
static void test_put_out_of_memory(void **state)
{
    (void)state;
    ng_kb *kb = open_fresh();
    ent_spec e[] = {{"Jack Ma", NG_ENT_PERSON, {"Ma"}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    fact_spec f[] = {{"attended", 0, 1, NULL, "2019", 0, 0}};
    for (long n = 1; n < 200; n++) {
        ng_doc *doc = make_doc("oom", "2019-10-20", text_a, e, 2, f, 1);
        test_alloc a = {0, n};
        ng_set_allocator(test_alloc_fn, &a);
        ng_error err = {0};
        int rc = ng_kb_put(kb, doc, NULL, &err);
        ng_set_allocator(NULL, NULL);
        ng_doc_free(doc);
        if (getenv("NG_DEBUG_OOM"))
            fprintf(stderr, "%ld: %d %s calls %ld\n", n, rc, err.msg, a.calls);
        if (rc == NG_OK)
            break;
        assert_int_equal(sql_int(kb, "SELECT count(*) FROM documents"), 0);
    }
    assert_int_equal(sql_int(kb, "SELECT count(*) FROM documents"), 1);
    close_and_remove(kb);
}

#ifdef NG_TEST_PG
/* Concurrent writers: two connections put overlapping documents in batches
 * committed in turn; each document is stored once, entities are shared. */
static void test_two_writers(void **state)
{
    (void)state;
    ng_kb *a = open_fresh();
    ng_error err = {0};
    ng_kb *b = ng_kb_open(g_db, 0, &err);
    assert_non_null(b);
    ent_spec e[] = {{"Jack Ma", NG_ENT_PERSON, {0}}, {"Widget Summit", NG_ENT_EVENT, {0}}};
    fact_spec f[] = {{"attended", 0, 1, NULL, "2019", 0, 0}};
    assert_int_equal(ng_kb_begin(a, &err), NG_OK);
    assert_int_equal(ng_kb_begin(b, &err), NG_OK);
    assert_int_equal(put(a, make_doc("x", "2019-01-01", text_b, e, 2, f, 1), NULL), NG_OK);
    assert_int_equal(put(b, make_doc("x", "2019-01-01", text_b, e, 2, f, 1), NULL), NG_OK);
    assert_int_equal(put(b, make_doc("y", "2019-01-02", text_c, e, 2, f, 1), NULL), NG_OK);
    assert_int_equal(ng_kb_commit(b, &err), NG_OK);
    assert_int_equal(ng_kb_commit(a, &err), NG_OK);
    assert_int_equal(sql_int(a, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(sql_int(a, "SELECT count(*) FROM entities"), 2);
    assert_int_equal(sql_int(a, "SELECT nsources FROM facts"), 2);
    ng_kb_close(b);
    close_and_remove(a);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_put_idempotent),
        cmocka_unit_test(test_near_duplicate),
        cmocka_unit_test(test_merge_rules),
        cmocka_unit_test(test_transitive_merge),
        cmocka_unit_test(test_gpe_loc_agree),
        cmocka_unit_test(test_fact_aggregation),
        cmocka_unit_test(test_malformed_in_batch),
        cmocka_unit_test(test_queries_and_sql),
        cmocka_unit_test(test_schema_version),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_lenient_annotations),
        cmocka_unit_test(test_put_out_of_memory),
#ifdef NG_TEST_PG
        cmocka_unit_test(test_two_writers),
    };
    return cmocka_run_group_tests_name("store on PostgreSQL", tests, pg_setup, pg_teardown);
#else
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
#endif
}
