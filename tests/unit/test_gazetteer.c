/*
 * test_gazetteer.c - lexicon loading (including malformed lines and running
 * out of memory), longest matches over tokens, case handling, overlapping
 * lists, value lookups and Brown cluster lookups, on tests/data/lexicons.
 */
#include "testutil.h"

#include "core/core.h"
#include "core/doc.h"
#include "kb/gazetteer.h"

#define LEXDIR TEST_DATA "/lexicons"

static ng_lexicons *lx;

/* Warnings caught from ng_log. */
static char warnings[4096];

static void catch_log(void *ud, ng_log_level level, const char *msg)
{
    (void)ud;
    if (level == NG_LOG_WARN && strlen(warnings) + strlen(msg) + 2 < sizeof warnings) {
        strcat(warnings, msg);
        strcat(warnings, "\n");
    }
}

static int setup(void **state)
{
    (void)state;
    warnings[0] = '\0';
    ng_set_log(catch_log, NULL);
    ng_error err;
    int rc = ng_lexicons_load(LEXDIR, &lx, &err);
    ng_set_log(NULL, NULL);
    return rc == NG_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ng_lexicons_free(lx);
    return 0;
}

/* A document from a token spec: tokens separated by spaces, or by '|'
 * where they touch ("U|.|S|." is "U.S." in four tokens). */
static ng_doc *make_doc(const char *spec)
{
    char text[512];
    size_t n = 0;
    for (const char *p = spec; *p && n + 1 < sizeof text; p++)
        if (*p != '|')
            text[n++] = *p;
    ng_doc *doc = ng_doc_new(text, n);
    assert_non_null(doc);
    size_t pos = 0;
    for (const char *p = spec; *p;) {
        while (*p == ' ')
            p++, pos++;
        if (!*p)
            break;
        ng_token t = {0};
        t.start = (uint32_t)pos;
        while (*p && *p != ' ' && *p != '|')
            p++, pos++;
        t.end = (uint32_t)pos;
        t.head = -1;
        assert_true(ng_doc_push_token(doc, &t));
        if (*p == '|')
            p++;
    }
    return doc;
}

/* The tag string of list over the doc: B, I or O per token. */
static const char *tags(const ng_doc *doc, unsigned mode, int list)
{
    static char out[64];
    ng_gaz_tag t[64];
    size_t n = doc->ntokens;
    assert_true(n < sizeof out);
    ng_gaz_match(lx, doc, 0, n, mode, t);
    for (size_t i = 0; i < n; i++)
        out[i] = (t[i].b >> list & 1) ? 'B' : (t[i].i >> list & 1) ? 'I' : 'O';
    out[n] = '\0';
    return out;
}

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(ng_lexicons_count(lx, NG_GAZ_COUNTRY), 6);
    assert_int_equal(ng_lexicons_count(lx, NG_GAZ_CITY), 7);
    assert_int_equal(ng_lexicons_count(lx, NG_GAZ_KNOWN_ORG), 2);
    assert_int_equal(ng_lexicons_count(lx, NG_GAZ_NLISTS), 7);
    assert_int_equal(ng_lexicons_count(lx, NG_GAZ_EVENT_KEYWORD), 0); /* no file */
}

static void test_malformed_lines(void **state)
{
    (void)state;
    assert_non_null(strstr(warnings, "known_orgs.txt:3: empty entry"));
    assert_non_null(strstr(warnings, "known_orgs.txt:4: too many"));
    assert_non_null(strstr(warnings, "known_orgs.txt:6: invalid UTF-8"));
    assert_non_null(strstr(warnings, "clusters.txt:9: the cluster is not a bit string"));
    assert_non_null(strstr(warnings, "clusters.txt:10: bad count"));
    assert_null(strstr(warnings, "known_orgs.txt:7"));
    /* Lines after the bad ones still load. */
    assert_int_equal(ng_gaz_lists_of(lx, "Blue Lantern Bank", 17, NG_GAZ_EXACT), 1u << NG_GAZ_KNOWN_ORG);
}

static void test_longest_match(void **state)
{
    (void)state;
    ng_doc *doc = make_doc("she flew to New York City from York on Monday");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_CITY), "OOOBIIOBOO");
    ng_doc_free(doc);
    doc = make_doc("the chief executive officer and the chief met");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_TITLE), "OBIIOOBO");
    ng_doc_free(doc);
    /* A prefix that is no entry and a dead end: "New Zealand" is a country,
     * "New Jersey" is nothing. */
    doc = make_doc("New Jersey and New Zealand");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_COUNTRY), "OOOBI");
    ng_doc_free(doc);
}

static void test_case(void **state)
{
    (void)state;
    ng_doc *doc = make_doc("NEW YORK and new york and New York");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_CITY), "OOOOOOBI");
    assert_string_equal(tags(doc, NG_GAZ_FOLD, NG_GAZ_CITY), "BIOBIOBI");
    ng_doc_free(doc);
    doc = make_doc("SÃO PAULO");
    assert_string_equal(tags(doc, NG_GAZ_FOLD, NG_GAZ_CITY), "BI");
    ng_doc_free(doc);
}

static void test_touching_tokens(void **state)
{
    (void)state;
    ng_doc *doc = make_doc("the U|.|S|. and U.S. team");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_COUNTRY), "OBIIIOBO");
    ng_doc_free(doc);
    /* "U" "." "S" "." with spaces is not "U.S.". */
    doc = make_doc("U . S .");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_COUNTRY), "OOOO");
    ng_doc_free(doc);
    doc = make_doc("its co|-|founder");
    assert_string_equal(tags(doc, NG_GAZ_EXACT, NG_GAZ_TITLE), "OBII");
    ng_doc_free(doc);
}

static void test_overlapping_lists(void **state)
{
    (void)state;
    ng_doc *doc = make_doc("Jordan Smith visited Jordan");
    ng_gaz_tag t[4];
    ng_gaz_match(lx, doc, 0, 4, NG_GAZ_EXACT, t);
    uint32_t jordan = 1u << NG_GAZ_COUNTRY | 1u << NG_GAZ_GIVEN_NAME | 1u << NG_GAZ_SURNAME;
    assert_int_equal(t[0].b, jordan);
    assert_int_equal(t[1].b, 1u << NG_GAZ_SURNAME);
    assert_int_equal(t[2].b | t[2].i, 0);
    assert_int_equal(t[3].b, jordan);
    ng_doc_free(doc);
    /* "New York City" beats "New York"; "York" inside it is no match. */
    doc = make_doc("New York City Hall");
    ng_gaz_match(lx, doc, 0, 4, NG_GAZ_EXACT, t);
    assert_int_equal(t[0].b, 1u << NG_GAZ_CITY);
    assert_int_equal(t[2].i, 1u << NG_GAZ_CITY);
    assert_int_equal(t[3].b | t[3].i, 0);
    ng_doc_free(doc);
}

static void test_span(void **state)
{
    (void)state;
    ng_doc *doc = make_doc("in York City");
    ng_gaz_tag t[2];
    ng_gaz_match(lx, doc, 1, 2, NG_GAZ_EXACT, t);
    assert_int_equal(t[0].b, 1u << NG_GAZ_CITY);
    assert_int_equal(t[1].b | t[1].i, 0);
    ng_gaz_match(lx, doc, 5, 2, NG_GAZ_EXACT, t); /* past the end: nothing */
    assert_int_equal(t[0].b | t[1].b, 0);
    ng_doc_free(doc);
}

static void test_values(void **state)
{
    (void)state;
    assert_string_equal(ng_gaz_country_of(lx, "Chinese", 7), "China");
    assert_string_equal(ng_gaz_country_of(lx, "American", 8), "United States");
    assert_string_equal(ng_gaz_country_of(lx, "New  Zealander", 14), "New Zealand");
    assert_string_equal(ng_gaz_country_of(lx, "U.S.", 4), "United States");
    assert_string_equal(ng_gaz_country_of(lx, "usa", 3), "United States");
    assert_string_equal(ng_gaz_country_of(lx, "china", 5), "China");
    assert_null(ng_gaz_country_of(lx, "Martian", 7));
    assert_string_equal(ng_gaz_title_norm(lx, "Chief Executive", 15), "chief executive officer");
    assert_string_equal(ng_gaz_title_norm(lx, "CEO", 3), "chief executive officer");
    assert_null(ng_gaz_title_norm(lx, "janitor", 7));
    /* The first line of a name wins: the most populous Paris. */
    assert_string_equal(ng_gaz_value(lx, NG_GAZ_CITY, "Paris", 5), "FR\t2100000");
    assert_string_equal(ng_gaz_value(lx, NG_GAZ_GIVEN_NAME, "Pony", 4), "m");
    assert_string_equal(ng_gaz_value(lx, NG_GAZ_SURNAME, "Smith", 5), "");
    assert_null(ng_gaz_value(lx, NG_GAZ_SURNAME, "Pony", 4));
    assert_null(ng_gaz_value(lx, NG_GAZ_NLISTS, "Pony", 4));
    assert_int_equal(ng_gaz_lists_of(lx, "inc.", 4, NG_GAZ_FOLD), 1u << NG_GAZ_ORG_SUFFIX);
    assert_int_equal(ng_gaz_lists_of(lx, "inc.", 4, NG_GAZ_EXACT), 0);
}

static void test_clusters(void **state)
{
    (void)state;
    assert_string_equal(ng_cluster_path(lx, "the", 3), "0010");
    assert_string_equal(ng_cluster_path(lx, "paris", 5), "1110");
    /* Unknown case: the most frequent word of the same lower case. */
    assert_string_equal(ng_cluster_path(lx, "PARIS", 5), "110");
    assert_string_equal(ng_cluster_path(lx, "apple", 5), "1011");
    assert_string_equal(ng_cluster_path(lx, "THE", 3), "0010");
    assert_null(ng_cluster_path(lx, "broken", 6));
    assert_null(ng_cluster_path(lx, "zebra", 5));
}

static void test_not_found(void **state)
{
    (void)state;
    ng_lexicons *none = NULL;
    ng_error err;
    assert_int_equal(ng_lexicons_load(TEST_DATA "/no-such-dir", &none, &err), NG_ENOTFOUND);
    assert_null(none);
    assert_non_null(strstr(err.msg, "no-such-dir"));
}

static void test_add_text(void **state)
{
    (void)state;
    ng_lexicons *l = ng_lexicons_new();
    assert_non_null(l);
    size_t nbad = 0;
    const char text[] = "Gamma Summit\tmeeting\r\nAlpha\n\n# c\n\tx\nBeta Expo";
    assert_int_equal(ng_lexicons_add_text(l, NG_GAZ_EVENT_KEYWORD, "t", text, sizeof text - 1, &nbad, NULL), NG_OK);
    assert_int_equal(nbad, 1);
    assert_int_equal(ng_lexicons_count(l, NG_GAZ_EVENT_KEYWORD), 3);
    assert_string_equal(ng_gaz_value(l, NG_GAZ_EVENT_KEYWORD, "Gamma Summit", 12), "meeting");
    assert_int_equal(ng_gaz_lists_of(l, "Beta Expo", 9, NG_GAZ_EXACT), 1u << NG_GAZ_EVENT_KEYWORD);
    assert_int_equal(ng_lexicons_add_text(l, 99, "t", text, 3, NULL, NULL), NG_EARG);
    char big[NG_GAZ_MAX_LINE + 10];
    memset(big, 'a', sizeof big);
    nbad = 0;
    assert_int_equal(ng_lexicons_add_text(l, NG_GAZ_SURNAME, "t", big, sizeof big, &nbad, NULL), NG_OK);
    assert_int_equal(nbad, 1);
    ng_lexicons_free(l);
}

/* Every allocation failure while loading is reported and leaks nothing. */
static void test_oom(void **state)
{
    (void)state;
    test_alloc a = {0, 0};
    ng_set_allocator(test_alloc_fn, &a);
    ng_lexicons *l = NULL;
    assert_int_equal(ng_lexicons_load(LEXDIR, &l, NULL), NG_OK);
    ng_lexicons_free(l);
    long total = a.calls;
    for (long k = 1; k <= total; k++) {
        a.calls = 0;
        a.fail_at = k;
        l = NULL;
        int rc = ng_lexicons_load(LEXDIR, &l, NULL);
        assert_true(rc == NG_ENOMEM || rc == NG_OK);
        if (rc == NG_OK)
            ng_lexicons_free(l);
        else
            assert_null(l);
    }
    ng_set_allocator(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_longest_match),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_touching_tokens),
        cmocka_unit_test(test_overlapping_lists),
        cmocka_unit_test(test_span),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_clusters),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_add_text),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
