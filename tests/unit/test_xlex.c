/*
 * test_xlex.c - the extraction lexicons: frame syntax, errors reported per
 * line, lookups, and the shipped lexicons loading without a warning.
 */
#include "testutil.h"

#include "extract/xlex.h"

static int warnings;
static void count_warnings(void *ud, ng_log_level level, const char *msg)
{
    (void)ud;
    (void)msg;
    if (level >= NG_LOG_WARN)
        warnings++;
}

static void test_frame_syntax(void **state)
{
    (void)state;
    const char *text =
        "# comment\n"
        "attended  take_part  subj=subj obj=pobj:in|event subj-type=PERSON,ORG obj-type=EVENT\n"
        "attended  stay_away/VERB subj=subj obj=pobj:from polarity=negative conf=0.5\n"
        "based_in  -based  subj=head obj=prefix\n"
        "\n"
        "bad1  x  subj=nowhere obj=obj\n"       /* unknown slot */
        "bad2  x  subj=pobj obj=obj\n"          /* pobj without preposition */
        "bad3  x/NOTAPOS subj=subj obj=obj\n"   /* unknown POS */
        "bad4  x  subj=subj\n"                  /* no obj */
        "bad5  x  subj=subj obj=obj conf=2\n";  /* confidence out of range */
    ng_xlex *x = ng_xlex_new();
    assert_non_null(x);
    warnings = 0;
    ng_set_log(count_warnings, NULL);
    assert_int_equal(ng_xlex_parse_frames(x, "t.txt", text, strlen(text)), NG_OK);
    ng_set_log(NULL, NULL);
    assert_int_equal(warnings, 5);
    assert_int_equal(x->nframes, 3);
    const uint32_t *f = ng_xlex_frames(x, "take", 4);
    assert_non_null(f);
    const ng_frame *fr = &x->frames[f[0]];
    assert_int_equal(f[1], UINT32_MAX);
    assert_int_equal(fr->nwords, 2);
    assert_string_equal(fr->words[1], "part");
    assert_int_equal(fr->nobj, 2);
    assert_int_equal(fr->obj[0].kind, NG_SLOT_POBJ);
    assert_string_equal(fr->obj[0].prep, "in");
    assert_int_equal(fr->obj[1].kind, NG_SLOT_EVENT);
    assert_true(fr->subj_types & (1u << NG_ENT_PERSON));
    assert_false(fr->subj_types & (1u << NG_ENT_GPE));
    fr = &x->frames[ng_xlex_frames(x, "stay", 4)[0]];
    assert_true(fr->negative);
    assert_int_equal(fr->upos, NG_UPOS_VERB);
    assert_true(fr->conf > 0.49f && fr->conf < 0.51f);
    fr = &x->frames[ng_xlex_frames(x, "-based", 6)[0]];
    assert_true(fr->suffix);
    assert_null(ng_xlex_frames(x, "bad1", 4));
    assert_null(ng_xlex_frames(x, "x", 1));
    ng_xlex_free(x);
}

static void test_shipped_lexicons(void **state)
{
    (void)state;
    ng_xlex *x = NULL;
    ng_error err;
    warnings = 0;
    ng_set_log(count_warnings, NULL);
    assert_int_equal(ng_xlex_load("lexicons", &x, &err), NG_OK);
    ng_set_log(NULL, NULL);
    assert_int_equal(warnings, 0);
    assert_true(x->nframes > 50);
    assert_non_null(ng_xlex_frames(x, "attend", 6));
    const ng_cue *c = ng_xlex_cue(x, "reportedly", NG_CUE_MOD);
    assert_non_null(c);
    assert_int_equal(c->kind, NG_CUE_HEDGED);
    assert_int_equal(ng_xlex_cue(x, "expect", NG_CUE_GOV)->kind, NG_CUE_PLANNED);
    assert_null(ng_xlex_cue(x, "expect", NG_CUE_MOD));
    assert_int_equal(ng_xlex_nominal(x, "summit")->type, NG_ENT_EVENT);
    assert_string_equal(ng_xlex_nominal(x, "country")->subtype, "country");
    assert_true(ng_xlex_is_speech(x, "say"));
    assert_false(ng_xlex_is_speech(x, "attend"));
    ng_xlex_free(x);
    assert_int_equal(ng_xlex_load("/nonexistent", &x, &err), NG_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_syntax),
        cmocka_unit_test(test_shipped_lexicons),
    };
    return cmocka_run_group_tests_name("xlex", tests, NULL, NULL);
}
