/*
 * test_txt.c - the plain-text reader: headline, byline and dateline forms,
 * boilerplate removal (and what must survive it), body normalisation, bad
 * input, JSON Lines records, the phrase lists, and out-of-memory paths.
 * Every article here is written for these tests.
 */
#include "testutil.h"

#include "read/text.h"

/* Read text; the document must come out. */
static ng_doc *read_ok(const char *text)
{
    ng_doc *doc = NULL;
    ng_error err = {0};
    int rc = ng_read_text("test.txt", text, strlen(text), &doc, &err);
    if (rc != NG_OK)
        fail_msg("ng_read_text: %s", err.msg);
    return doc;
}

static const char *field(const ng_doc *doc, ng_field f)
{
    const char *v = ng_doc_get(doc, f);
    return v ? v : "";
}

static void assert_in_body(const ng_doc *doc, const char *s)
{
    if (!strstr(ng_doc_text(doc, NULL), s))
        fail_msg("missing from body: \"%s\"\nbody: %s", s, ng_doc_text(doc, NULL));
}

static void assert_not_in_body(const ng_doc *doc, const char *s)
{
    if (strstr(ng_doc_text(doc, NULL), s))
        fail_msg("kept in body: \"%s\"\nbody: %s", s, ng_doc_text(doc, NULL));
}

/* ------------------------------------------------------------- bylines */

static void test_byline_by_role(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Ferry fares to rise by a tenth in April\n\n"
                          "By Jane Holloway, Transport Correspondent\n\n"
                          "Ferry fares on the northern routes will rise by about ten percent in April, the operator "
                          "said on Monday, blaming fuel costs.\n\n"
                          "The increase is the second in a year.\n");
    assert_string_equal(field(doc, NG_F_TITLE), "Ferry fares to rise by a tenth in April");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Jane Holloway");
    assert_not_in_body(doc, "Transport Correspondent");
    assert_not_in_body(doc, "Ferry fares to rise by a tenth");
    assert_in_body(doc, "The increase is the second in a year.");
    ng_doc_free(doc);
}

static void test_byline_pipes(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Grain prices ease as harvest forecasts improve\n"
                          "Tomas Lindqvist | Reuters | March 3, 2021\n\n"
                          "Wheat and corn futures fell for a third day on Wednesday as forecasters raised their "
                          "estimates for the southern harvest.\n");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Tomas Lindqvist");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "Reuters");
    assert_string_equal(field(doc, NG_F_DATE), "2021-03-03");
    ng_doc_free(doc);
}

static void test_byline_posted(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("A new bakery opens on Mill Street\n\n"
                          "Posted on 12 August 2019 by Ruth Adeyemi\n\n"
                          "The bakery, which took over a former bank branch, sells bread made with flour from a mill "
                          "two miles away.\n");
    assert_string_equal(field(doc, NG_F_DATE), "2019-08-12");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Ruth Adeyemi");
    assert_not_in_body(doc, "Posted on");
    ng_doc_free(doc);
}

static void test_byline_publisher_mark(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Rail link to the airport opens a year late\n\n"
                          "Harbour City Herald 發布於 2022年6月1日 08:15 • Wei Ling Tan\n\n"
                          "The rail link between the city centre and the airport opened on Wednesday, a year behind "
                          "schedule and over budget.\n");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "Harbour City Herald");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Wei Ling Tan");
    assert_string_equal(field(doc, NG_F_DATE), "2022-06-01T08:15");
    ng_doc_free(doc);
}

/* Byline lines as sites write them: author, publisher, date. */
static void test_byline_table(void **state)
{
    (void)state;
    static const struct { const char *line, *author, *publisher, *date; } cases[] = {
        {"Reuters 發布於 2019年10月20日 下午4:10", "", "Reuters", "2019-10-20T16:10"},
        {"Lakeside Times 發布於 2021年3月3日 09:30 • Jane Doe and John Roe", "Jane Doe, John Roe", "Lakeside Times",
         "2021-03-03T09:30"},
        {"By Jane Doe | Published March 3, 2021 | Updated March 4, 2021", "Jane Doe", "", "2021-03-03"},
        {"Jane Doe, Reuters", "Jane Doe", "Reuters", ""},
        {"BY JANE DOE", "Jane Doe", "", ""},
        {"Written by Jane Doe on March 3, 2021", "Jane Doe", "", "2021-03-03"},
        {"Jane Doe · Senior Reporter · Fri, March 5, 2021, 3:24 AM", "Jane Doe", "", "2021-03-05T03:24"},
        {"By Jane Doe and Ahmed Saleh in Cairo", "Jane Doe, Ahmed Saleh", "", ""},
        {"By Jane Doe for The Riverside Post", "Jane Doe", "The Riverside Post", ""},
        {"Staff and agencies | Tue 2 Mar 2021 14.05 GMT", "", "", "2021-03-02"},
        {"Updated: 2021-03-04T08:00:00Z", "", "", "2021-03-04T08:00:00Z"},
        {"March 3, 2021 / 4:12 PM / By Jane Doe", "Jane Doe", "", "2021-03-03T16:12"},
        {"记者 王小明 2021年3月3日", "王小明", "", "2021-03-03"},
    };
    int bad = 0;
    for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "Harbour board approves plan for a new ferry pier\n\n%s\n\n"
                 "The harbour board approved plans for a new ferry pier on Tuesday, ending a long dispute "
                 "over the cost.\n",
                 cases[i].line);
        ng_doc *doc = read_ok(text);
        if (strcmp(field(doc, NG_F_AUTHOR), cases[i].author) || strcmp(field(doc, NG_F_PUBLISHER), cases[i].publisher) ||
            strncmp(field(doc, NG_F_DATE), cases[i].date, strlen(cases[i].date)) ||
            (!cases[i].date[0] && field(doc, NG_F_DATE)[0]))
            print_message("\"%s\": author \"%s\" publisher \"%s\" date \"%s\"\n", cases[i].line,
                          field(doc, NG_F_AUTHOR), field(doc, NG_F_PUBLISHER), field(doc, NG_F_DATE)), bad++;
        else if (strcmp(field(doc, NG_F_TITLE), "Harbour board approves plan for a new ferry pier") ||
                 strcmp(ng_doc_text(doc, NULL), "The harbour board approved plans for a new ferry pier on "
                                                "Tuesday, ending a long dispute over the cost."))
            print_message("\"%s\": title \"%s\" body \"%s\"\n", cases[i].line, field(doc, NG_F_TITLE),
                          ng_doc_text(doc, NULL)), bad++;
        ng_doc_free(doc);
    }
    assert_int_equal(bad, 0);
}

static void test_dateline_in_body(void **state)
{
    (void)state;
    /* "date ..." and the article on the same line */
    ng_doc *doc = read_ok("date 2020-09-14 The museum reopened its east wing on Monday after a renovation that "
                          "lasted four years. Visitors queued from early morning.");
    assert_string_equal(field(doc, NG_F_DATE), "2020-09-14");
    assert_string_equal(ng_doc_text(doc, NULL), "The museum reopened its east wing on Monday after a renovation "
                                                "that lasted four years. Visitors queued from early morning.");
    assert_string_equal(field(doc, NG_F_TITLE), "");
    ng_doc_free(doc);
}

static void test_wire_dateline_and_copyright(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("NAIROBI (AFP) - Kenya's central bank held its main rate on Tuesday, saying inflation "
                          "was within its target range.\n\n"
                          "Copyright 2021 Example Newswire Ltd. All rights reserved.\n");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "AFP");
    assert_not_in_body(doc, "All rights reserved");
    ng_doc_free(doc);
    doc = read_ok("Kenya's central bank held its main rate on Tuesday, saying inflation was within its target "
                  "range.\n\nCopyright (c) 2021. Example Newswire Publishers Ltd. All rights reserved.\n");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "Example Newswire");
    ng_doc_free(doc);
}

static void test_labels(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Title: Council approves new bus depot\nAuthor: Omar Haddad\nDate: 5 May 2022\n"
                          "Source: Valley Courier\n\n"
                          "The council approved plans for a bus depot on the edge of town, which will house 60 "
                          "electric buses.\n");
    assert_string_equal(field(doc, NG_F_TITLE), "Council approves new bus depot");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Omar Haddad");
    assert_string_equal(field(doc, NG_F_DATE), "2022-05-05");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "Valley Courier");
    assert_string_equal(ng_doc_text(doc, NULL), "The council approved plans for a bus depot on the edge of town, "
                                                "which will house 60 electric buses.");
    ng_doc_free(doc);
}

static void test_no_title_when_prose(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("The town's only cinema will close at the end of the month, its owners said, after "
                          "ticket sales fell by half.\n\nThe building will be sold.\n");
    assert_string_equal(field(doc, NG_F_TITLE), "");
    assert_in_body(doc, "The town's only cinema will close");
    assert_in_body(doc, "The building will be sold.");
    ng_doc_free(doc);
}

/* --------------------------------------------------------- boilerplate */

static const char article[] =
    "Water utility to replace lead pipes within five years\n"
    "\n"
    "By Carmen Ruiz\n"
    "\n"
    "The city's water utility will replace all of its remaining lead service pipes within five years, it said on "
    "Thursday, at a cost of about 200 million dollars.\n"
    "\n"
    "Crews fit a new pipe on Oak Avenue in March. Photo: Carmen Ruiz\n"
    "\n"
    "About 14,000 homes are still connected to the mains by lead pipes, most of them built before 1950. The "
    "utility said it would start with streets near schools. Photo: City Water Board\n"
    "\n"
    "Residents protest plans for new landfill site\n"
    "\n"
    "\"We should have done this twenty years ago,\" said the utility's director, Paul Byrne.\n"
    "\n"
    "Why now?\n"
    "\n"
    "Federal grants will cover most of the cost.\n"
    "\n"
    "Sign up for our newsletter to get the top stories in your inbox every morning.\n"
    "\n"
    "Related Articles:\n"
    "\n"
    "Share this article\n"
    "\n"
    "Carmen Ruiz is a staff writer covering city hall. Follow her on Twitter.\n"
    "\n"
    "Leave a comment\n"
    "\n"
    "I hope they start with my street, the water tastes of metal.\n";

static void test_boilerplate(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(article);
    assert_string_equal(field(doc, NG_F_AUTHOR), "Carmen Ruiz");
    /* kept: prose, a quote, a short question and a short sentence between prose */
    assert_in_body(doc, "The city's water utility will replace all of its remaining lead service pipes");
    assert_in_body(doc, "\"We should have done this twenty years ago,\" said the utility's director, Paul Byrne.");
    assert_in_body(doc, "Why now?");
    assert_in_body(doc, "Federal grants will cover most of the cost.");
    /* a credit after two sentences of the article: the credit goes, the text stays */
    assert_in_body(doc, "The utility said it would start with streets near schools.");
    assert_not_in_body(doc, "City Water Board");
    /* dropped */
    assert_not_in_body(doc, "Crews fit a new pipe"); /* a caption before the article's second paragraph */
    assert_not_in_body(doc, "Residents protest plans");
    assert_not_in_body(doc, "Sign up");
    assert_not_in_body(doc, "Related Articles");
    assert_not_in_body(doc, "Share this");
    assert_not_in_body(doc, "staff writer");
    assert_not_in_body(doc, "Leave a comment");
    assert_not_in_body(doc, "tastes of metal");
    ng_doc_free(doc);
}

static void test_runin_headline(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Officials opened the new bridge on Saturday after two years of work. Traffic is "
                          "expected to ease in the centre. Mayor to seek second term in autumn vote Meanwhile, the "
                          "old bridge will close for repairs. It was built in 1931.");
    assert_not_in_body(doc, "Mayor to seek second term");
    assert_in_body(doc, "Traffic is expected to ease in the centre. Meanwhile, the old bridge will close");
    ng_doc_free(doc);
    /* "told The ..." and "in The Hague" are not run-ins */
    doc = read_ok("The minister told The Times on Friday that the talks in The Hague would resume. Officials "
                  "from both sides said they hoped for a deal by the end of the year.");
    assert_in_body(doc, "The minister told The Times on Friday that the talks in The Hague would resume.");
    ng_doc_free(doc);
}

static void test_body_normalised(void **state)
{
    (void)state;
    /* NBSP, tabs, runs of blanks, CRLF, zero-width spaces, a space before a comma */
    ng_doc *doc = read_ok("The plant\xc2\xa0" "employs 300  people\tin two shifts , the company said.\r\n\r\n\r\n"
                          "\xe2\x80\x8b" "Its owner, Delta Foods , plans to add a third shift next year.\r\n");
    assert_string_equal(ng_doc_text(doc, NULL), "The plant employs 300 people in two shifts, the company said.\n\n"
                                                "Its owner, Delta Foods, plans to add a third shift next year.");
    ng_doc_free(doc);
}

static void test_hard_wrapped(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Shipyard wins order for two research vessels\n\n"
                          "The shipyard said on Tuesday it had won an order for two polar research\n"
                          "vessels from a consortium of universities, securing work for about 600\n"
                          "people until the end of 2026.\n\n"
                          "The ships will be built at the yard's northern dock and fitted out at a\n"
                          "second site along the river, the company said in a statement.\n");
    assert_string_equal(field(doc, NG_F_TITLE), "Shipyard wins order for two research vessels");
    assert_in_body(doc, "an order for two polar research vessels from a consortium of universities, securing work");
    assert_in_body(doc, "until the end of 2026.\n\nThe ships will be built");
    ng_doc_free(doc);
}

/* Prose far from the article, past long runs of furniture, is furniture;
 * but a long text of several articles keeps them all. */
static void test_regions(void **state)
{
    (void)state;
    ng_buf b;
    ng_buf_init(&b);
    ng_buf_puts(&b, "Tram line extension opens to the public\n\n");
    for (int i = 0; i < 6; i++)
        ng_buf_printf(&b, "The extension adds %d stops to the network and links the university with the station, "
                          "which the council says will take cars off the ring road during term time.\n\n", i + 4);
    for (int i = 0; i < 14; i++)
        ng_buf_printf(&b, "Section %c\n\n", 'A' + i);
    ng_buf_puts(&b, "We use your data to personalise the content you see on our pages.\n");
    ng_doc *doc = read_ok(b.data);
    assert_not_in_body(doc, "personalise");
    assert_in_body(doc, "adds 9 stops");
    ng_doc_free(doc);
    /* two long articles with a results table between them */
    ng_buf_clear(&b);
    for (int part = 0; part < 2; part++) {
        for (int i = 0; i < 30; i++)
            ng_buf_printf(&b, "Story %d, paragraph %d: the club said on Saturday that the new stand would open in "
                              "time for the derby, after months of delays caused by the wet winter.\n\n", part, i);
        for (int i = 0; i < 20; i++)
            ng_buf_printf(&b, "Team %c 3 1 0 2\n\n", 'A' + i);
    }
    doc = read_ok(b.data);
    assert_in_body(doc, "Story 0, paragraph 29");
    assert_in_body(doc, "Story 1, paragraph 0:");
    ng_doc_free(doc);
    ng_buf_free(&b);
}

/* Nothing looks like an article: the text is kept rather than lost. */
static void test_fallback(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Weekly market summary");
    assert_string_equal(ng_doc_text(doc, NULL), "Weekly market summary");
    ng_doc_free(doc);
    doc = read_ok("Breaking\n\nCouncil meeting moved to Thursday\n");
    assert_string_equal(field(doc, NG_F_TITLE), "Council meeting moved to Thursday");
    assert_string_equal(ng_doc_text(doc, NULL), "Breaking");
    ng_doc_free(doc);
}

/* ------------------------------------------------------------ bad input */

static int g_warnings;
static char g_last_log[1024];
static void count_log(void *ud, ng_log_level level, const char *msg)
{
    (void)ud;
    if (level >= NG_LOG_WARN) {
        g_warnings++;
        snprintf(g_last_log, sizeof g_last_log, "%s", msg);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    ng_doc *doc = NULL;
    ng_error err = {0};
    assert_int_equal(ng_read_text("a/empty.txt", "", 0, &doc, &err), NG_EEMPTY);
    assert_non_null(strstr(err.msg, "a/empty.txt"));
    assert_null(doc);
    assert_int_equal(ng_read_text("blank.txt", " \n\t\xc2\xa0\n", 6, &doc, &err), NG_EEMPTY);
    assert_non_null(strstr(err.msg, "blank.txt"));
    /* over the document limit: refused before any byte is read */
    static const char one = 'x';
    assert_int_equal(ng_read_text("big.txt", &one, NG_MAX_DOC_BYTES + 1, &doc, &err), NG_ETOOBIG);
    assert_non_null(strstr(err.msg, "big.txt"));
    /* mostly not UTF-8 */
    char junk[256];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(0x80 | (i * 37 % 64));
    assert_int_equal(ng_read_text("junk.txt", junk, sizeof junk, &doc, &err), NG_EFORMAT);
    /* a few bad bytes: repaired, counted, reported */
    g_warnings = 0;
    ng_set_log(count_log, NULL);
    const char latin1[] = "The caf\xe9 reopened on Monday after a fire in March, its owner said.";
    assert_int_equal(ng_read_text("latin1.txt", latin1, sizeof latin1 - 1, &doc, &err), NG_OK);
    ng_set_log(NULL, NULL);
    assert_int_equal(ng_doc_repairs(doc), 1);
    assert_int_equal(g_warnings, 1);
    assert_non_null(strstr(g_last_log, "latin1.txt"));
    assert_in_body(doc, "caf\xef\xbf\xbd reopened");
    ng_doc_free(doc);
    /* NUL bytes are dropped */
    const char nul[] = "Prices rose\0 by two percent in June, the statistics office said.";
    assert_int_equal(ng_read_text("nul.txt", nul, sizeof nul - 1, &doc, &err), NG_OK);
    assert_in_body(doc, "Prices rose by two percent");
    ng_doc_free(doc);
}

/* A long single line and many tiny lines go through (linear time). */
static void test_large_inputs(void **state)
{
    (void)state;
    size_t n = 4 << 20;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = "The port handled more cargo. "[i % 29];
    ng_doc *doc = NULL;
    ng_error err;
    assert_int_equal(ng_read_text("line.txt", big, n, &doc, &err), NG_OK);
    assert_true(ng_doc_text(doc, NULL)[0] == 'T');
    ng_doc_free(doc);
    /* one line with a promo and a run-in headline in every few sentences:
     * many cuts, each found and merged in n log n */
    static const char rep[] = "The council approved the budget on Monday after a long debate. Sign up for our "
                              "newsletter. Officials said the plan would cut costs and policy Amid the debate, "
                              "residents protested. ";
    size_t r = sizeof rep - 1;
    for (size_t i = 0; i + r <= n; i += r)
        memcpy(big + i, rep, r);
    assert_int_equal(ng_read_text("cuts.txt", big, n / r * r, &doc, &err), NG_OK);
    assert_null(strstr(ng_doc_text(doc, NULL), "Sign up"));
    assert_null(strstr(ng_doc_text(doc, NULL), "policy Amid"));
    assert_non_null(strstr(ng_doc_text(doc, NULL), "debate. Amid the debate, residents protested. The council"));
    ng_doc_free(doc);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 2 ? '\n' : (char)('a' + i % 26);
    assert_int_equal(ng_read_text("lines.txt", big, n, &doc, &err), NG_OK);
    ng_doc_free(doc);
    free(big);
}

/* ----------------------------------------------------------- JSON Lines */

static void test_json_record(void **state)
{
    (void)state;
    const char rec[] = "{\"id\": \"r1\", \"title\": \"Given title\", \"date\": \"Tue, 02 Jun 2020 09:00:00 GMT\", "
                       "\"author\": [{\"name\": \"Lena Hart\"}], \"text\": \"Headline in the text\\n\\nBy Someone "
                       "Else\\n\\nThe library extended its opening hours on Tuesday, the council said.\\n\\nLeave a "
                       "comment\"}";
    ng_doc *doc = NULL;
    ng_error err;
    assert_int_equal(ng_read_json_record("r.jsonl:1", rec, sizeof rec - 1, &doc, &err), NG_OK);
    assert_string_equal(field(doc, NG_F_ID), "r1");
    assert_string_equal(field(doc, NG_F_TITLE), "Given title");
    assert_string_equal(field(doc, NG_F_DATE), "2020-06-02T09:00:00Z");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Lena Hart");
    assert_string_equal(ng_doc_text(doc, NULL), "The library extended its opening hours on Tuesday, the council said.");
    ng_doc_free(doc);
    /* what the text says stands when the record is silent; Unix times; publisher objects */
    const char rec2[] = "{\"doc_id\": 7, \"published_at\": 1583236800, \"publisher\": {\"name\": \"Valley Courier\"}, "
                        "\"content\": \"Bus fares frozen for a year\\n\\nBy Omar Haddad\\n\\nThe transport authority "
                        "froze bus fares for a year on Tuesday, citing rising living costs.\"}";
    assert_int_equal(ng_read_json_record("r.jsonl:2", rec2, sizeof rec2 - 1, &doc, &err), NG_OK);
    assert_string_equal(field(doc, NG_F_ID), "7");
    assert_string_equal(field(doc, NG_F_TITLE), "Bus fares frozen for a year");
    assert_string_equal(field(doc, NG_F_AUTHOR), "Omar Haddad");
    assert_string_equal(field(doc, NG_F_PUBLISHER), "Valley Courier");
    assert_string_equal(field(doc, NG_F_DATE), "2020-03-03T12:00:00Z");
    ng_doc_free(doc);
    /* no article text */
    const char rec3[] = "{\"title\": \"Only a title\"}";
    assert_int_equal(ng_read_json_record("r.jsonl:3", rec3, sizeof rec3 - 1, &doc, &err), NG_EEMPTY);
    assert_null(doc);
    assert_int_equal(ng_read_json_record("r.jsonl:4", "[1, 2]", 6, &doc, &err), NG_EFORMAT);
    assert_int_equal(ng_read_json_record("r.jsonl:5", "{\"text\": ", 9, &doc, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, "r.jsonl:5"));
}

/* -------------------------------------------------------- phrase lists */

static void test_lexicon(void **state)
{
    (void)state;
    char dir[] = "/tmp/nglexXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/boilerplate.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("# test list\npromo   sign up for our\npromo sign up\nshare\tread more\nnosuchclass x\n"
          "promo   one two three four five six seven eight nine\n",
          f);
    fclose(f);
    tx_lex *lx = tx_lex_load(dir);
    assert_non_null(lx);
    const char *t = "Please SIGN-UP for our daily brief. Read more.";
    size_t pos = 0, end = strlen(t), mend;
    tx_word w;
    int n;
    assert_true(tx_next_word(t, end, &pos, &w)); /* Please */
    assert_true(tx_next_word(t, end, &pos, &w)); /* SIGN */
    assert_true(w.flags & TX_W_UPPER);
    assert_int_equal(tx_match(lx, t, end, &w, TX_BIT(TX_PROMO), &mend, &n), TX_PROMO);
    assert_int_equal(n, 4); /* the longest phrase wins */
    assert_int_equal(mend, strlen("Please SIGN-UP for our"));
    assert_int_equal(tx_match(lx, t, end, &w, TX_BIT(TX_SHARE), NULL, NULL), -1);
    assert_true(tx_contains(lx, t, 0, end, TX_SHARE));
    assert_false(tx_is_stop(lx, tx_hash_word("the"))); /* no stop-word file in dir */
    tx_lex_free(lx);
    remove(path);
    rmdir(dir);
    /* a directory without lists still gives a usable, empty lexicon */
    lx = tx_lex_load("/nonexistent-newsgraph-dir");
    assert_non_null(lx);
    pos = 0;
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_int_equal(tx_match(lx, t, end, &w, ~0u, NULL, NULL), -1);
    tx_lex_free(lx);
}

static void test_words(void **state)
{
    (void)state;
    const char *t = "“Çava” 東京 don’t G20 iPhone";
    size_t pos = 0, end = strlen(t);
    tx_word w;
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_int_equal(w.end - w.start, strlen("Çava"));
    assert_true(w.flags & TX_W_CAP);
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_true(w.flags & TX_W_CJK); /* each CJK character is a word */
    assert_int_equal(w.end - w.start, 3);
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_int_equal(w.end - w.start, 3); /* don */
    assert_true(tx_next_word(t, end, &pos, &w)); /* t */
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_true(w.flags & TX_W_ALNUM);
    assert_true(tx_next_word(t, end, &pos, &w));
    assert_true(w.flags & TX_W_LOWER);
    assert_false(tx_next_word(t, end, &pos, &w));
    assert_int_equal(tx_hash_word("Reuters"), tx_hash_word("REUTERS"));
    /* a word that starts with a non-ASCII letter and ends the text (found by fuzzing) */
    const char tail[] = "3\xef\xbf\xbd\xef\xbf\xb6";
    char *copy = malloc(7);
    memcpy(copy, tail, 7);
    pos = 0;
    assert_true(tx_next_word(copy, 7, &pos, &w));
    assert_true(tx_next_word(copy, 7, &pos, &w));
    assert_int_equal(w.start, 4);
    assert_int_equal(w.end, 7);
    assert_false(tx_next_word(copy, 7, &pos, &w));
    free(copy);
    const tx_lex *lx = tx_lex_get();
    assert_true(tx_person_like(lx, "Jane van der Berg", 0, 17, false));
    assert_true(tx_person_like(lx, "J. R. Okafor", 0, 12, false));
    assert_false(tx_person_like(lx, "Staff Reporter", 0, 14, false));
    assert_false(tx_person_like(lx, "Morning Post", 0, 12, false));
    assert_false(tx_person_like(lx, "the minister", 0, 12, false));
    assert_false(tx_person_like(lx, "Jane", 0, 4, false));
    assert_true(tx_person_like(lx, "Jane", 0, 4, true));
}

/* --------------------------------------------------------- out of memory */

static void test_out_of_memory(void **state)
{
    (void)state;
    tx_lex_get(); /* the shared lists are loaded once, outside the walk */
    test_alloc a = {0};
    for (long k = 1;; k++) {
        a.calls = 0;
        a.fail_at = k;
        ng_set_allocator(test_alloc_fn, &a);
        ng_doc *doc = NULL;
        ng_error err;
        int rc = ng_read_text("oom.txt", article, sizeof article - 1, &doc, &err);
        ng_set_allocator(NULL, NULL);
        if (rc == NG_OK) {
            ng_doc_free(doc);
            if (a.calls < k)
                break; /* every allocation succeeded: all failure points walked */
        } else {
            assert_int_equal(rc, NG_ENOMEM);
            assert_null(doc);
        }
        assert_true(k < 10000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byline_by_role),   cmocka_unit_test(test_byline_pipes),
        cmocka_unit_test(test_byline_posted),    cmocka_unit_test(test_byline_publisher_mark),
        cmocka_unit_test(test_byline_table),
        cmocka_unit_test(test_dateline_in_body), cmocka_unit_test(test_wire_dateline_and_copyright),
        cmocka_unit_test(test_labels),           cmocka_unit_test(test_no_title_when_prose),
        cmocka_unit_test(test_boilerplate),      cmocka_unit_test(test_runin_headline),
        cmocka_unit_test(test_body_normalised),  cmocka_unit_test(test_hard_wrapped),
        cmocka_unit_test(test_regions),          cmocka_unit_test(test_fallback),         cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_large_inputs),     cmocka_unit_test(test_json_record),
        cmocka_unit_test(test_lexicon),          cmocka_unit_test(test_words),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
