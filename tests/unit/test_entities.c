/*
 * test_entities.c - grouping names into entities and resolving references,
 * on text written for the project with NER labels set by hand (so the test
 * checks the grouping rules, not the tagger).
 */
#include "testutil.h"

#include "extract/xlex.h"
#include "kb/entities.h"
#include "kb/gazetteer.h"
#include "text/text.h"

static ng_lexicons *gaz;
static ng_xlex *xlex;

static int setup(void **state)
{
    (void)state;
    ng_error err;
    if (ng_lexicons_load("lexicons", &gaz, &err) != NG_OK || ng_xlex_load("lexicons", &xlex, &err) != NG_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ng_lexicons_free(gaz);
    ng_xlex_free(xlex);
    return 0;
}

/* Label every occurrence of name in doc with type (B then I). */
static void label(ng_doc *doc, const char *name, int type)
{
    size_t len;
    const char *text = ng_doc_text(doc, &len);
    ng_token *t = ng_doc_tokens(doc);
    size_t n = ng_doc_ntokens(doc);
    for (const char *at = strstr(text, name); at; at = strstr(at + 1, name)) {
        uint32_t s = (uint32_t)(at - text), e = s + (uint32_t)strlen(name);
        bool first = true;
        for (size_t i = 0; i < n; i++)
            if (t[i].start >= s && t[i].end <= e) {
                t[i].ent_iob = first ? NG_IOB_B : NG_IOB_I;
                t[i].ent_type = (uint8_t)type;
                first = false;
            }
    }
}

static ng_doc *make(const char *text)
{
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_non_null(doc);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    for (size_t i = 0; i < ng_doc_ntokens(doc); i++)
        ng_doc_tokens(doc)[i].ent_iob = NG_IOB_O;
    return doc;
}

static const ng_entity *find(const ng_doc *doc, const char *name)
{
    for (size_t i = 0; i < ng_doc_nentities(doc); i++)
        if (strcmp(ng_doc_entities(doc)[i].name, name) == 0)
            return &ng_doc_entities(doc)[i];
    return NULL;
}

static bool has_alias(const ng_entity *e, const char *alias)
{
    for (uint32_t i = 0; i < e->naliases; i++)
        if (strcmp(e->aliases[i], alias) == 0)
            return true;
    return false;
}

static void test_person_names(void **state)
{
    (void)state;
    ng_doc *doc = make("Kite boss Lena Sorensen Holm opened the show. Sorensen Holm spoke later. "
                       "Tony Ma Weiguo also came. Ma said little. Holm left early.");
    /* shorter names first: a longer label overrides the tokens it covers */
    label(doc, "Holm", NG_ENT_PERSON);
    label(doc, "Ma", NG_ENT_PERSON);
    label(doc, "Sorensen Holm", NG_ENT_PERSON);
    label(doc, "Lena Sorensen Holm", NG_ENT_PERSON);
    label(doc, "Tony Ma Weiguo", NG_ENT_PERSON);
    label(doc, "Kite", NG_ENT_ORG);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *lena = find(doc, "Lena Sorensen Holm");
    assert_non_null(lena);
    assert_int_equal(lena->type, NG_ENT_PERSON);
    assert_int_equal(lena->nmentions, 3); /* full name, "Sorensen Holm", "Holm" */
    const ng_entity *tony = find(doc, "Tony Ma Weiguo");
    assert_non_null(tony);
    assert_int_equal(tony->nmentions, 2);
    /* an English given name before a Chinese name: both short forms */
    assert_true(has_alias(tony, "Tony Ma"));
    assert_true(has_alias(tony, "Ma Weiguo"));
    ng_doc_free(doc);
}

static void test_org_names_and_acronyms(void **state)
{
    (void)state;
    ng_doc *doc = make("Shares of Nimbus Group Holdings rose. Nimbus said the Global Robotics Forum (GRF) "
                       "would move. Nimbus Cloud is a unit. The GRF drew crowds.");
    label(doc, "Nimbus", NG_ENT_ORG);
    label(doc, "Nimbus Group Holdings", NG_ENT_ORG);
    label(doc, "Global Robotics Forum", NG_ENT_EVENT);
    label(doc, "GRF", NG_ENT_ORG);
    label(doc, "Nimbus Cloud", NG_ENT_ORG);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *n = find(doc, "Nimbus Group Holdings");
    assert_non_null(n);
    assert_true(has_alias(n, "Nimbus"));
    assert_true(has_alias(n, "Nimbus Group"));
    const ng_entity *cloud = find(doc, "Nimbus Cloud");
    assert_non_null(cloud); /* a unit's name is not the parent's */
    const ng_entity *grf = find(doc, "Global Robotics Forum");
    assert_non_null(grf);
    assert_true(has_alias(grf, "GRF"));
    assert_int_equal(grf->nmentions, 3);
    ng_doc_free(doc);
}

static void test_also_known_as_and_countries(void **state)
{
    (void)state;
    ng_doc *doc = make("The Harbor Tech Fair, also known as the Lantern Expo, opened in the US. "
                       "American firms joined. The United States sent officials.");
    label(doc, "Harbor Tech Fair", NG_ENT_EVENT);
    label(doc, "Lantern Expo", NG_ENT_EVENT);
    label(doc, "US", NG_ENT_LOC);
    label(doc, "American", NG_ENT_MISC);
    label(doc, "United States", NG_ENT_LOC);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *fair = find(doc, "Harbor Tech Fair");
    assert_non_null(fair);
    assert_true(has_alias(fair, "Lantern Expo"));
    const ng_entity *us = find(doc, "United States");
    assert_non_null(us);
    assert_int_equal(us->type, NG_ENT_GPE);
    assert_int_equal(us->nmentions, 3); /* US, American, United States */
    assert_true(has_alias(us, "US"));
    assert_int_equal(ng_main_event(doc), fair - ng_doc_entities(doc));
    ng_doc_free(doc);
}

static void test_typo_and_pronouns(void **state)
{
    (void)state;
    ng_doc *doc = make("Marguerite Olsson founded Quillix. Olssen said revenue grew. She expects more.");
    label(doc, "Marguerite Olsson", NG_ENT_PERSON);
    label(doc, "Olssen", NG_ENT_PERSON);
    label(doc, "Quillix", NG_ENT_ORG);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *m = find(doc, "Marguerite Olsson");
    assert_non_null(m);
    assert_int_equal(m->nmentions, 3); /* the misspelt surname and "She" */
    ng_doc_free(doc);
}

static void test_products_and_hyphens(void **state)
{
    (void)state;
    ng_doc *doc = make("Users of Quillix's Nimbus app complained. Later, Kim Ha-eun of Quillix said Lang-Holm "
                       "Robotics would ship the Orra phone.");
    label(doc, "Quillix", NG_ENT_ORG);
    label(doc, "Nimbus", NG_ENT_MISC);
    label(doc, "Kim Ha", NG_ENT_PERSON);   /* the tagger stops at the hyphen */
    label(doc, "Holm Robotics", NG_ENT_ORG);
    label(doc, "Orra", NG_ENT_MISC);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *nimbus = find(doc, "Nimbus");
    assert_non_null(nimbus);
    assert_int_equal(nimbus->type, NG_ENT_PRODUCT); /* owned: "Quillix's Nimbus" */
    assert_int_equal(find(doc, "Orra")->type, NG_ENT_PRODUCT); /* "the Orra phone" */
    assert_non_null(find(doc, "Kim Ha-eun"));         /* the hyphenated given name joined */
    assert_non_null(find(doc, "Lang-Holm Robotics")); /* joined leftwards too */
    ng_doc_free(doc);
}

/* A dateline: the capitalised place is a place (the tagger, misled by the
 * capitals, says ORG) and the agency is not a participant. */
static void test_dateline(void **state)
{
    (void)state;
    ng_doc *doc = make("VALLETTA (Harbour Post) \xe2\x80\x94 Marenko Freight said on Monday it would cut two routes.\n\n"
                       "MARENKO FREIGHT plans no other cuts, its chairman said.");
    assert_int_equal(ng_split_sentences(doc, NULL, NULL), NG_OK); /* paragraphs and the dateline */
    label(doc, "VALLETTA", NG_ENT_ORG);
    label(doc, "Harbour Post", NG_ENT_ORG);
    label(doc, "Marenko Freight", NG_ENT_ORG);
    label(doc, "MARENKO FREIGHT", NG_ENT_ORG);
    assert_int_equal(ng_entities_run(gaz, xlex, doc, NULL), NG_OK);
    const ng_entity *place = find(doc, "VALLETTA");
    if (!place)
        place = find(doc, "Valletta");
    assert_non_null(place);
    assert_int_equal(place->type, NG_ENT_GPE);
    assert_null(find(doc, "Harbour Post"));
    /* capitals without a dateline's dash stay what the tagger said */
    const ng_entity *firm = find(doc, "Marenko Freight");
    assert_non_null(firm);
    assert_int_equal(firm->type, NG_ENT_ORG);
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_person_names),
        cmocka_unit_test(test_org_names_and_acronyms),
        cmocka_unit_test(test_also_known_as_and_countries),
        cmocka_unit_test(test_typo_and_pronouns),
        cmocka_unit_test(test_products_and_hyphens),
        cmocka_unit_test(test_dateline),
    };
    return cmocka_run_group_tests_name("entities", tests, setup, teardown);
}
