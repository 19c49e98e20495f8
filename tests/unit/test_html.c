/*
 * test_html.c - the HTML reader: metadata sources and their fallbacks, body
 * extraction (boilerplate out, headline not repeated, entities decoded),
 * charsets, and robustness (deep nesting, truncation, limits, out of memory).
 */
#include "testutil.h"

/* Read html (a C string) into a document; asserts success. */
static ng_doc *read_ok(const char *html)
{
    ng_doc *doc = NULL;
    ng_error err = {0};
    int rc = ng_read_html("test.html", html, strlen(html), &doc, &err);
    if (rc != NG_OK)
        fail_msg("ng_read_html: %s", err.msg);
    return doc;
}

static const char *get(const ng_doc *doc, ng_field f)
{
    static char day[11];
    const char *v = ng_doc_get(doc, f);
    if (v && f == NG_F_DATE) { /* to the day: the date parser may add the time */
        snprintf(day, sizeof day, "%s", v);
        return day;
    }
    return v ? v : "(null)";
}

/* A paragraph long enough to be article text. */
#define PARA(x) "<p>" x " The committee met twice and heard from residents, engineers and the mayor before voting.</p>"
#define BODY PARA("First paragraph of the report.") PARA("Second paragraph of the report.")

static void test_title_sources(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><head><title>Page title | Site</title>"
                          "<meta property=\"og:title\" content=\"OG headline\">"
                          "<meta name=\"twitter:title\" content=\"Twitter headline\">"
                          "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"LD "
                          "headline\"}</script></head><body><h1>H1 headline</h1>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "LD headline");
    ng_doc_free(doc);
    doc = read_ok("<html><head><title>Page title | Site</title><meta name=\"twitter:title\" content=\"Twitter "
                  "headline\"></head><body><h1>H1 headline</h1>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Twitter headline");
    ng_doc_free(doc);
    /* An <h1> that matches the <title> wins over it; a logo <h1> does not. */
    doc = read_ok("<html><head><title>Bridge reopens after repairs | The Ledger</title></head><body>"
                  "<h1>Bridge reopens after repairs</h1>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Bridge reopens after repairs");
    ng_doc_free(doc);
    doc = read_ok("<html><head><title>Bridge reopens after repairs | The Ledger</title></head><body>"
                  "<h1>The Ledger</h1>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Bridge reopens after repairs");
    ng_doc_free(doc);
    /* A dash splits only when the other side is the site's name. */
    doc = read_ok("<html><head><title>Storm hits coast - what we know</title></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Storm hits coast - what we know");
    ng_doc_free(doc);
    doc = read_ok("<html><head><title>Storm hits coast - The Ledger</title><meta property=\"og:site_name\" "
                  "content=\"The Ledger\"></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Storm hits coast");
    assert_string_equal(get(doc, NG_F_PUBLISHER), "The Ledger");
    ng_doc_free(doc);
    /* Character references escaped twice are decoded once more. */
    doc = read_ok("<html><head><meta property=\"og:title\" content=\"Tides &amp;#8211; a guide &amp;amp; map\">"
                  "</head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Tides \xe2\x80\x93 a guide & map");
    ng_doc_free(doc);
}

static void test_date_sources(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><head><meta property=\"article:modified_time\" content=\"2020-02-02\">"
                          "<meta name=\"parsely-pub-date\" content=\"2020-01-05T10:00:00Z\"></head><body>"
                          "<time datetime=\"2019-12-31\">Dec 31</time>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_DATE), "2020-01-05");
    ng_doc_free(doc);
    doc = read_ok("<html><body><span itemprop=\"datePublished\" content=\"2018-07-04\">July 4</span>"
                  "<time datetime=\"2019-12-31\">Dec 31</time>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_DATE), "2018-07-04");
    ng_doc_free(doc);
    /* An unparseable value falls through to the next source. */
    doc = read_ok("<html><head><meta property=\"article:published_time\" content=\"soon\"></head><body>"
                  "<time datetime=\"2017-03-09T08:00\">March</time>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_DATE), "2017-03-09");
    ng_doc_free(doc);
}

static void test_author_forms(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":"
                          "{\"@type\":\"Person\",\"name\":\"Ada Byrne\"}}</script>"
                          "<meta name=\"author\" content=\"Meta Author\"></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_AUTHOR), "Ada Byrne");
    ng_doc_free(doc);
    doc = read_ok("<html><head><script type=\"application/ld+json\">[{\"@type\":\"BlogPosting\",\"author\":"
                  "[\"Ada Byrne\",{\"name\":\"Bo Chen\"}]}]</script></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_AUTHOR), "Ada Byrne, Bo Chen");
    ng_doc_free(doc);
    /* A profile URL is no name; rel=author and byline classes come next. */
    doc = read_ok("<html><head><meta property=\"article:author\" content=\"https://example.org/ada\"></head>"
                  "<body><div class=\"story-byline\">By Ada Byrne | May 3</div>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_AUTHOR), "Ada Byrne");
    ng_doc_free(doc);
    doc = read_ok("<html><body><a rel=\"author\" href=\"/ada\">Ada Byrne</a>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_AUTHOR), "Ada Byrne");
    ng_doc_free(doc);
}

static void test_url_language(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html lang=\"pt-BR\"><head><meta property=\"og:url\" content=\"https://a.example/og\">"
                          "<link rel=\"canonical\" href=\"https://a.example/canonical\"></head><body>" BODY
                          "</body></html>");
    assert_string_equal(get(doc, NG_F_URL), "https://a.example/canonical");
    assert_string_equal(get(doc, NG_F_LANGUAGE), "pt");
    ng_doc_free(doc);
    doc = read_ok("<html><head><meta property=\"og:url\" content=\"https://a.example/og\">"
                  "<link rel=\"canonical\" href=\"/relative\"></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_URL), "https://a.example/og");
    assert_string_equal(get(doc, NG_F_LANGUAGE), "en"); /* identified from the body */
    ng_doc_free(doc);
}

static void test_jsonld_graph_and_broken(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", broken</script>"
        "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"headline\":\"Page\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Graph headline\",\"datePublished\":\"2016-10-01\","
        "\"publisher\":{\"name\":\"Graph Times\"}}]}</script></head><body>" BODY "</body></html>");
    assert_string_equal(get(doc, NG_F_TITLE), "Graph headline");
    assert_string_equal(get(doc, NG_F_DATE), "2016-10-01");
    assert_string_equal(get(doc, NG_F_PUBLISHER), "Graph Times");
    ng_doc_free(doc);
}

static void test_body(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><head><title>Flood defences finished</title></head><body>"
                          "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                          "<div class=\"article-body\"><h1>Flood defences finished</h1>"
                          "<p>Work on the   new  flood wall &amp; its gates ended on Friday, the council said, "
                          "three weeks\nahead of the date it had promised.</p>"
                          "<div class=\"social-share\"><a href=\"#\">Share this</a></div>"
                          "<p>The wall is two metres high and runs along the river for almost a kilometre, "
                          "protecting about four hundred homes.</p></div>"
                          "<div class=\"comments\"><p>Great news for everyone who lives near the river, we "
                          "have waited for this for years and years.</p></div>"
                          "<footer><p>All rights reserved.</p></footer></body></html>");
    size_t len;
    const char *body = ng_doc_text(doc, &len);
    assert_string_equal(body, "Work on the new flood wall & its gates ended on Friday, the council said, three "
                              "weeks ahead of the date it had promised.\n\nThe wall is two metres high and runs "
                              "along the river for almost a kilometre, protecting about four hundred homes.");
    assert_string_equal(get(doc, NG_F_TITLE), "Flood defences finished");
    ng_doc_free(doc);
}

static void test_empty(void **state)
{
    (void)state;
    ng_doc *doc = NULL;
    ng_error err = {0};
    const char *html = "<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    assert_int_equal(ng_read_html("empty.html", html, strlen(html), &doc, &err), NG_EEMPTY);
    assert_null(doc);
    assert_non_null(strstr(err.msg, "empty.html"));
    assert_int_equal(ng_read_html("blank.html", "", 0, &doc, &err), NG_EEMPTY);
}

static void test_too_big(void **state)
{
    (void)state;
    size_t n = ((size_t)64 << 20) + 1;
    char *big = calloc(1, n);
    assert_non_null(big);
    ng_doc *doc = NULL;
    ng_error err = {0};
    assert_int_equal(ng_read_html("big.html", big, n, &doc, &err), NG_ETOOBIG);
    assert_non_null(strstr(err.msg, "big.html"));
    free(big);
}

static void test_charsets(void **state)
{
    (void)state;
    /* Declared Latin-1 (read as Windows-1252, so 0x93/0x94 are quotes). */
    ng_doc *doc = read_ok("<html><head><meta charset=\"ISO-8859-1\"></head><body><p>Le caf\xe9 a ferm\xe9 \x93"
                          "enfin\x94 apr\xe8s trente ans, disent les habitu\xe9s du quartier, tristes.</p></body>"
                          "</html>");
    assert_non_null(strstr(ng_doc_text(doc, NULL), "caf\xc3\xa9 a ferm\xc3\xa9 \xe2\x80\x9c" "enfin\xe2\x80\x9d"));
    ng_doc_free(doc);
    /* Undeclared and not UTF-8: Windows-1252 is the guess. */
    doc = read_ok("<p>Ni\xf1os en la calle, dijo el alcalde, y la fiesta dur\xf3 hasta la ma\xf1" "ana.</p>");
    assert_non_null(strstr(ng_doc_text(doc, NULL), "Ni\xc3\xb1os"));
    ng_doc_free(doc);
    /* UTF-8 stays as it is even when the page claims Latin-1. */
    doc = read_ok("<meta charset=\"latin1\"><p>Stra\xc3\x9f" "e gesperrt, sagte die Polizei am Montag, und bat um "
                  "Geduld.</p>");
    assert_non_null(strstr(ng_doc_text(doc, NULL), "Stra\xc3\x9f" "e"));
    ng_doc_free(doc);
}

/* 200,000 nested elements and truncated markup: no recursion, no crash. */
static void test_deep_and_truncated(void **state)
{
    (void)state;
    const char *open = "<div><span>", *para = "<p>Deep inside the page there is still a sentence of text that is "
                                              "long enough to be kept as a paragraph of the article.";
    size_t n = 100000, lo = strlen(open);
    char *html = malloc(n * lo + strlen(para) + 1);
    assert_non_null(html);
    for (size_t i = 0; i < n; i++)
        memcpy(html + i * lo, open, lo);
    strcpy(html + n * lo, para); /* never closed */
    ng_doc *doc = NULL;
    ng_error err = {0};
    int rc = ng_read_html("deep.html", html, strlen(html), &doc, &err);
    assert_int_equal(rc, NG_OK);
    assert_non_null(strstr(ng_doc_text(doc, NULL), "Deep inside the page"));
    ng_doc_free(doc);
    free(html);
    const char *cut = "<html><body><div class=\"article-body\"><p>The text stops in the middle of a long sentence "
                      "about the harbour, the ferry and the bridge that";
    doc = read_ok(cut);
    assert_non_null(strstr(ng_doc_text(doc, NULL), "The text stops"));
    ng_doc_free(doc);
}

/* Every allocation may fail: NG_OK or NG_ENOMEM, never a crash or leak. */
static void test_oom(void **state)
{
    (void)state;
    const char *html = "<html lang=\"en\"><head><title>T | S</title><script type=\"application/ld+json\">"
                       "{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"author\":[{\"name\":\"A\"}]}</script>"
                       "</head><body><nav><a href=\"/\">x</a></nav>" BODY "</body></html>";
    ng_doc *doc = read_ok(html); /* loads the lexicon outside the test */
    ng_doc_free(doc);
    test_alloc a = {0, 0};
    for (long k = 1; k < 5000; k++) {
        a.calls = 0;
        a.fail_at = k;
        doc = NULL;
        ng_set_allocator(test_alloc_fn, &a);
        int rc = ng_read_html("oom.html", html, strlen(html), &doc, NULL);
        ng_set_allocator(NULL, NULL);
        assert_true(rc == NG_OK || rc == NG_ENOMEM || rc == NG_EEMPTY);
        ng_doc_free(doc);
        if (a.calls < k)
            return; /* every failure point has been walked */
    }
    fail_msg("more allocations than expected");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_sources),   cmocka_unit_test(test_date_sources),
        cmocka_unit_test(test_author_forms),    cmocka_unit_test(test_url_language),
        cmocka_unit_test(test_jsonld_graph_and_broken), cmocka_unit_test(test_body),
        cmocka_unit_test(test_empty),           cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_charsets),        cmocka_unit_test(test_deep_and_truncated),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
