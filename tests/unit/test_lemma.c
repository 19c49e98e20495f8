/*
 * test_lemma.c - the lemmatizer: suffix rules alone, rules guided by a list
 * of known lemmas, exception lists (written here to a temporary directory),
 * list errors, the shipped lists, and the document stage.
 */
#include "testutil.h"

#include "parse/lemma.h"

#include <sys/stat.h>

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/nglemmaXXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_file(LEMMA_WORDS_FILE, "# known lemmas\nV hope\nV stop\nV create\nV visit\nN box\nA nice\nV free\n");
    write_file(LEMMA_EXCEPTIONS_FILE, "# derived\nmice NNS mouse\nthe * the\n");
    write_file(LEMMA_IRREGULAR_FILE, "# hand-written\nwent VBD go\nmice NNS mouse\nc# NN c#\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *files[] = {LEMMA_WORDS_FILE, LEMMA_EXCEPTIONS_FILE, LEMMA_IRREGULAR_FILE};
    char path[128];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}

static const char *lem(const ng_lemmatizer *lz, const char *form, const char *xpos)
{
    static char out[LEMMA_MAX_BYTES + 1];
    int x = ng_xpos_id(xpos);
    int u = strncmp(xpos, "NNP", 3) == 0 ? NG_UPOS_PROPN : NG_UPOS_NONE;
    ng_lemmatize(lz, form, strlen(form), u, x, out, sizeof out);
    return out;
}

static void test_rules_alone(void **state)
{
    (void)state;
    assert_string_equal(lem(NULL, "attended", "VBD"), "attend");
    assert_string_equal(lem(NULL, "attending", "VBG"), "attend");
    assert_string_equal(lem(NULL, "attends", "VBZ"), "attend");
    assert_string_equal(lem(NULL, "studies", "NNS"), "study");
    assert_string_equal(lem(NULL, "churches", "NNS"), "church");
    assert_string_equal(lem(NULL, "planned", "VBN"), "plan");
    assert_string_equal(lem(NULL, "located", "VBN"), "locate");
    assert_string_equal(lem(NULL, "happier", "JJR"), "happy");
    assert_string_equal(lem(NULL, "The", "DT"), "the");
    assert_string_equal(lem(NULL, "Ministers", "NNPS"), "Minister"); /* proper nouns keep case */
    assert_string_equal(lem(NULL, "bus", "NN"), "bus");
    assert_string_equal(lem(NULL, "status", "NNS"), "status");
    assert_string_equal(lem(NULL, "", "NN"), "");
}

static void test_known_lemmas_and_lists(void **state)
{
    (void)state;
    ng_lemmatizer *lz;
    ng_error err;
    assert_int_equal(ng_lemmatizer_load(dir, &lz, &err), NG_OK);
    assert_string_equal(lem(lz, "hoped", "VBD"), "hope");
    assert_string_equal(lem(lz, "stopped", "VBD"), "stop");
    assert_string_equal(lem(lz, "creating", "VBG"), "create");
    assert_string_equal(lem(lz, "visited", "VBD"), "visit");
    assert_string_equal(lem(lz, "nicer", "JJR"), "nice");
    assert_string_equal(lem(lz, "freed", "VBN"), "free");
    assert_string_equal(lem(lz, "went", "VBD"), "go");
    assert_string_equal(lem(lz, "Went", "VBD"), "go");
    assert_string_equal(lem(lz, "mice", "NNS"), "mouse");
    assert_string_equal(lem(lz, "The", "DT"), "the");  /* the "*" entry */
    assert_string_equal(lem(lz, "c#", "NN"), "c#");     /* '#' inside a line is data */
    char small[4];
    assert_int_equal(ng_lemmatize(lz, "attended", 8, 0, ng_xpos_id("VBD"), small, sizeof small), 3);
    assert_string_equal(small, "att");                /* truncated, still terminated */
    ng_lemmatizer_free(lz);
}

static void test_list_errors(void **state)
{
    (void)state;
    ng_lemmatizer *lz;
    ng_error err;
    assert_int_equal(ng_lemmatizer_load("/nonexistent/lexicons", &lz, &err), NG_ENOTFOUND);
    write_file(LEMMA_IRREGULAR_FILE, "went VBD\n");
    assert_int_equal(ng_lemmatizer_load(dir, &lz, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, "lemma_irregular.txt:1"));
    write_file(LEMMA_IRREGULAR_FILE, "went NOTATAG go\n");
    assert_int_equal(ng_lemmatizer_load(dir, &lz, &err), NG_EFORMAT);
    write_file(LEMMA_IRREGULAR_FILE, "went VBD go\n");
}

/* The shipped lists, when the tests run from the repository root. */
static void test_shipped_lists(void **state)
{
    (void)state;
    struct stat st;
    if (stat("lexicons/" LEMMA_WORDS_FILE, &st) != 0)
        skip();
    ng_lemmatizer *lz;
    ng_error err;
    assert_int_equal(ng_lemmatizer_load("lexicons", &lz, &err), NG_OK);
    const char *cases[][3] = {
        {"attended", "VBD", "attend"}, {"attending", "VBG", "attend"}, {"held", "VBD", "hold"},
        {"announced", "VBD", "announce"}, {"visited", "VBD", "visit"}, {"met", "VBD", "meet"},
        {"children", "NNS", "child"}, {"companies", "NNS", "company"}, {"was", "VBD", "be"},
        {"better", "JJR", "good"}, {"hosted", "VBN", "host"}, {"owned", "VBN", "own"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(lem(lz, cases[i][0], cases[i][1]), cases[i][2]);
    ng_lemmatizer_free(lz);
}

static void test_doc_stage(void **state)
{
    (void)state;
    const char *text = "Officials attended talks.";
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_non_null(doc);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    ng_token *t = ng_doc_tokens(doc);
    t[0].xpos = (uint16_t)ng_xpos_id("NNS");
    t[1].xpos = (uint16_t)ng_xpos_id("VBD");
    t[2].xpos = (uint16_t)ng_xpos_id("NNS");
    assert_int_equal(ng_lemmatize_doc(NULL, doc, NULL), NG_OK);
    assert_string_equal(t[0].lemma, "official");
    assert_string_equal(t[1].lemma, "attend");
    assert_string_equal(t[2].lemma, "talk");
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_alone),   cmocka_unit_test(test_known_lemmas_and_lists),
        cmocka_unit_test(test_list_errors),   cmocka_unit_test(test_shipped_lists),
        cmocka_unit_test(test_doc_stage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
