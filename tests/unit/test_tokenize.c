/*
 * test_tokenize.c - the tokenizer and sentence splitter: UD English
 * conventions on sentences written for these tests, the invariants of
 * src/core/doc.h on random bytes, the sentence length cap, out of memory.
 */
#include "testutil.h"

#include "core/doc.h"
#include "text/text.h"

/* ------------------------------------------------------------- helpers */

/* Check what src/core/doc.h promises about tokens and sentences. */
static void check_invariants(const ng_doc *doc)
{
    const ng_token *t = doc->tokens;
    uint32_t prev_end = 0;
    for (size_t k = 0; k < doc->ntokens; k++) {
        assert_true(t[k].start < t[k].end);
        assert_true(t[k].end <= doc->len);
        assert_true(t[k].start >= prev_end);
        assert_true(t[k].end - t[k].start <= NG_TOK_MAX_BYTES);
        for (uint32_t i = t[k].start; i < t[k].end; i++)
            assert_false(doc->text[i] == ' ' || doc->text[i] == '\n' || doc->text[i] == '\t');
        /* on UTF-8 boundaries */
        assert_true(((unsigned char)doc->text[t[k].start] & 0xC0) != 0x80);
        assert_true(t[k].end == doc->len || ((unsigned char)doc->text[t[k].end] & 0xC0) != 0x80);
        bool space = ng_text_space_at(doc->text, t[k].end, doc->len) > 0;
        assert_int_equal(!!(t[k].flags & NG_TOK_SPACE_AFTER), space);
        assert_int_equal(t[k].head, -1);
        prev_end = t[k].end;
    }
    size_t next = 0;
    for (size_t s = 0; s < doc->nsents; s++) {
        const ng_sentence *st = &doc->sents[s];
        assert_int_equal(st->first, next);
        assert_true(st->ntokens >= 1 && st->ntokens <= NG_SENT_MAX_TOKENS);
        assert_int_equal(st->start, t[st->first].start);
        assert_int_equal(st->end, t[st->first + st->ntokens - 1].end);
        for (size_t k = st->first; k < st->first + st->ntokens; k++) {
            assert_int_equal(t[k].sent, s);
            assert_int_equal(!!(t[k].flags & NG_TOK_SENT_START), k == st->first);
        }
        next = st->first + st->ntokens;
    }
    assert_int_equal(next, doc->ntokens);
    if (doc->ntokens)
        assert_true(t[0].flags & NG_TOK_PARA_START);
}

/* Tokenize text; tokens joined by '|', sentences by " / ", paragraphs by " // ". */
static char *tokens_of(const char *text)
{
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_non_null(doc);
    ng_error err;
    assert_int_equal(ng_tokenize(doc, &err), NG_OK);
    check_invariants(doc);
    size_t cap = doc->len * 4 + 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t k = 0; k < doc->ntokens; k++) {
        const ng_token *t = &doc->tokens[k];
        const char *sep = k == 0 ? "" : (t->flags & NG_TOK_PARA_START) ? " // " : (t->flags & NG_TOK_SENT_START) ? " / " : "|";
        n += (size_t)snprintf(out + n, cap - n, "%s%.*s", sep, (int)(t->end - t->start), doc->text + t->start);
    }
    out[n] = '\0';
    ng_doc_free(doc);
    return out;
}

typedef struct tcase {
    const char *in, *out;
} tcase;

static void run_cases(const tcase *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = tokens_of(cases[i].in);
        if (strcmp(got, cases[i].out) != 0) {
            print_error("input:    %s\nexpected: %s\ngot:      %s\n", cases[i].in, cases[i].out, got);
            bad++;
        }
        free(got);
    }
    assert_int_equal(bad, 0);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

/* --------------------------------------------------------------- tokens */

static void test_contractions(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"I don't know.", "I|do|n't|know|."},
        {"They can't go, we won't stay.", "They|ca|n't|go|,|we|wo|n't|stay|."},
        {"I'm sure we'll see they've left.", "I|'m|sure|we|'ll|see|they|'ve|left|."},
        {"You're right and she'd agree.", "You|'re|right|and|she|'d|agree|."},
        {"We cannot wait and we're gonna win.", "We|can|not|wait|and|we|'re|gon|na|win|."},
        {"I DON'T CARE", "I|DO|N'T|CARE"},
        {"He shouldn't've said it.", "He|should|n't|'ve|said|it|."},
        {"Curly: don\xe2\x80\x99t and I\xe2\x80\x99m.", "Curly|:|do|n\xe2\x80\x99t|and|I|\xe2\x80\x99m|."},
        {"i dont think im late", "i|do|nt|think|i|m|late"},
        {"its a nice day and its roof is red", "it|s|a|nice|day|and|its|roof|is|red"},
        {"The rock'n'roll star came at five o'clock.", "The|rock'n'roll|star|came|at|five|o'clock|."},
        {"Tell 'em about the '90s.", "Tell|'em|about|the|'90s|."},
    };
    RUN(cases);
}

static void test_possessives(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"Alibaba's shares fell.", "Alibaba|'s|shares|fell|."},
        {"The Joneses' house and Jones' car.", "The|Joneses|'|house|and|Jones|'|car|."},
        {"O'Brien's team won.", "O'Brien|'s|team|won|."},
        {"Tesla\xe2\x80\x99s chief spoke.", "Tesla|\xe2\x80\x99s|chief|spoke|."},
        {"In the 1990's boom.", "In|the|1990's|boom|."},
    };
    RUN(cases);
}

static void test_mwt_flags(void **state)
{
    (void)state;
    const char *text = "We don't know Jones' plan.";
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    /* We do n't know Jones ' plan . */
    assert_int_equal(doc->ntokens, 8);
    static const int mwt[] = {0, 1, 1, 0, 1, 1, 0, 0};
    for (size_t k = 0; k < doc->ntokens; k++)
        assert_int_equal(!!(doc->tokens[k].flags & NG_TOK_MWT_PART), mwt[k]);
    assert_false(doc->tokens[1].flags & NG_TOK_SPACE_AFTER);
    assert_true(doc->tokens[2].flags & NG_TOK_SPACE_AFTER);
    ng_doc_free(doc);
}

static void test_hyphens(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"The state-run firm sent an e-mail.", "The|state|-|run|firm|sent|an|e-mail|."},
        {"A well-known co-founder of a non-profit.", "A|well|-|known|co-founder|of|a|non-profit|."},
        {"In the mid-1990s, pre-war and post-war.", "In|the|mid-1990s|,|pre-war|and|post-war|."},
        {"Between 3-4 and 1969-1970 it grew.", "Between|3|-|4|and|1969|-|1970|it|grew|."},
        {"Call 713-853-3989 or 555-0123 today.", "Call|713-853-3989|or|555-0123|today|."},
        {"Scores of 12-10 and 3-1234.", "Scores|of|12|-|10|and|3|-|1234|."},
        {"On 2019-10-20 and 01-Feb-02 we met.", "On|2019-10-20|and|01-Feb-02|we|met|."},
        {"It was a 50-page, 3-year plan -- or not.", "It|was|a|50|-|page|,|3|-|year|plan|--|or|not|."},
    };
    RUN(cases);
}

static void test_numbers_and_money(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"It cost $1,000.50, up 20%.", "It|cost|$|1,000.50|,|up|20|%|."},
        {"Sales of 5m units and $1.2bn in 2019.", "Sales|of|5|m|units|and|$|1.2|bn|in|2019|."},
        {"At 5pm, 10km away, a 3D film in the 1990s, 4th time.", "At|5|pm|,|10|km|away|,|a|3D|film|in|the|1990s|,|4th|time|."},
        {"It was \xe2\x82\xac" "20 or \xc2\xa3" "5.5 million.", "It|was|\xe2\x82\xac|20|or|\xc2\xa3|5.5|million|."},
        {"It fell to US$4 at 16:10 on 10/20/2019.", "It|fell|to|US$|4|at|16:10|on|10/20/2019|."},
        {"Dial +44 20 7946 0958 now.", "Dial|+44|20|7946|0958|now|."},
        {"The 3rd and 21st of 1,000 runs.", "The|3rd|and|21st|of|1,000|runs|."},
        {"Scores were 1,2 and 3,4567.", "Scores|were|1|,|2|and|3|,|4567|."},
    };
    RUN(cases);
}

static void test_urls_and_emails(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"See https://example.com/a_(b)?x=1.", "See|https://example.com/a_(b)?x=1|."},
        {"Go to www.example.org, then (http://example.net/news).",
         "Go|to|www.example.org|,|then|(|http://example.net/news|)|."},
        {"Mail jo.smith-lee@example.co.uk or jo...@example.com!",
         "Mail|jo.smith-lee@example.co.uk|or|jo...@example.com|!"},
        {"Read example.com/news/today now.", "Read|example.com/news/today|now|."},
        {"Follow @newsdesk and #breaking news.", "Follow|@newsdesk|and|#breaking|news|."},
        {"The file report.pdf and Node.js code.", "The|file|report.pdf|and|Node.js|code|."},
    };
    RUN(cases);
}

static void test_abbreviations(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"Mr. Li met Dr. Kim and Gen. Park.", "Mr.|Li|met|Dr.|Kim|and|Gen.|Park|."},
        {"U.S. officials met e.g. in Jan. and Sept. meetings.",
         "U.S.|officials|met|e.g.|in|Jan.|and|Sept.|meetings|."},
        {"He lives at No. 10 but said no.", "He|lives|at|No.|10|but|said|no|."},
        {"Apple Inc. and Acme Corp. grew.", "Apple|Inc.|and|Acme|Corp.|grew|."},
        {"John F. Kennedy spoke at 3 p.m. today.", "John|F.|Kennedy|spoke|at|3|p.m.|today|."},
        {"They went to the sun. Then home.", "They|went|to|the|sun|. / Then|home|."},
        {"AT&T and PG&E, not rock&roll.", "AT&T|and|PG&E|,|not|rock|&|roll|."},
        {"Use w/o care and and/or less.", "Use|w/o|care|and|and|/|or|less|."},
    };
    RUN(cases);
}

static void test_punctuation(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"Wait... what?! No!!! Well... Yes.", "Wait|...|what|?! / No|!!! / Well|... / Yes|."},
        {"\"Yes,\" he said (quietly).", "\"|Yes|,|\"|he|said|(|quietly|)|."},
        {"\xe2\x80\x9cWe won,\xe2\x80\x9d she said \xe2\x80\x94 twice\xe2\x80\xa6",
         "\xe2\x80\x9c|We|won|,|\xe2\x80\x9d|she|said|\xe2\x80\x94|twice|\xe2\x80\xa6"},
        {"Fine :) but sad :-( and ok ;)", "Fine|:)|but|sad|:-(|and|ok|;)"},
        {"Ratio 2:1, a ---- line, ***.", "Ratio|2:1|,|a|----|line|,|***|."},
        {"Emoji \xf0\x9f\x98\x80\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd here", "Emoji|\xf0\x9f\x98\x80|\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd|here"},
        {"Flag \xf0\x9f\x87\xa8\xf0\x9f\x87\xb3 here", "Flag|\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3|here"},
        {"No\xc2\xa0" "break\xe2\x80\x8bspace", "No|break|space"},
    };
    RUN(cases);
}

static void test_cjk(void **state)
{
    (void)state;
    static const tcase cases[] = {
        /* 阿里巴巴的股价上涨。 */
        {"\xe9\x98\xbf\xe9\x87\x8c\xe5\xb7\xb4\xe5\xb7\xb4\xe7\x9a\x84\xe8\x82\xa1\xe4\xbb\xb7\xe4\xb8\x8a\xe6\xb6\xa8\xe3\x80\x82",
         "\xe9\x98\xbf|\xe9\x87\x8c|\xe5\xb7\xb4|\xe5\xb7\xb4|\xe7\x9a\x84|\xe8\x82\xa1|\xe4\xbb\xb7|\xe4\xb8\x8a|\xe6\xb6\xa8|\xe3\x80\x82"},
        /* 2019年10月20日 */
        {"2019\xe5\xb9\xb4" "10\xe6\x9c\x88" "20\xe6\x97\xa5", "2019|\xe5\xb9\xb4|10|\xe6\x9c\x88|20|\xe6\x97\xa5"},
        /* 好。好！ : sentences end at the CJK full stop without a space */
        {"\xe5\xa5\xbd\xe3\x80\x82\xe5\xa5\xbd\xef\xbc\x81", "\xe5\xa5\xbd|\xe3\x80\x82 / \xe5\xa5\xbd|\xef\xbc\x81"},
        /* カタカナ runs stay whole; Tokyo東京 */
        {"\xe3\x83\x86\xe3\x83\xac\xe3\x83\x93\xe3\x81\xa8Tokyo",
         "\xe3\x83\x86\xe3\x83\xac\xe3\x83\x93|\xe3\x81\xa8|Tokyo"},
    };
    RUN(cases);
}

static void test_accents(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"Jos\xc3\xa9 Mu\xc3\xb1oz visited M\xc3\xbcnchen.", "Jos\xc3\xa9|Mu\xc3\xb1oz|visited|M\xc3\xbcnchen|."},
        {"\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0, \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1.",
         "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0|,|\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1|."},
    };
    RUN(cases);
}

/* ------------------------------------------------------------ sentences */

static void test_sentence_boundaries(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"The vote passed. Lawmakers cheered!", "The|vote|passed|. / Lawmakers|cheered|!"},
        {"Is it over? \"Yes,\" he said.", "Is|it|over|? / \"|Yes|,|\"|he|said|."},
        {"He said: \"It is done.\" Then he left.", "He|said|:|\"|It|is|done|.|\" / Then|he|left|."},
        {"(The rest was cut.) Then came more.", "(|The|rest|was|cut|.|) / Then|came|more|."},
        {"Mr. Li arrived. Ms. Wu left.", "Mr.|Li|arrived|. / Ms.|Wu|left|."},
        {"They met in the U.S. The talks failed.", "They|met|in|the|U.S|. / The|talks|failed|."},
        {"They met U.S. President Smith.", "They|met|U.S.|President|Smith|."},
        {"It grew 5.5 percent in 2019. Prices rose.", "It|grew|5.5|percent|in|2019|. / Prices|rose|."},
        {"Sales rose 5%. 2020 was worse.", "Sales|rose|5|%|. / 2020|was|worse|."},
        {"Fruit, nuts, etc. The list goes on.", "Fruit|,|nuts|,|etc|. / The|list|goes|on|."},
        {"it rained. we stayed in.", "it|rained|. / we|stayed|in|."},
        {"Two points:\n1. The first one.\n2. The second one.", "Two|points|: / 1|.|The|first|one|. / 2|.|The|second|one|."},
        {"\"Why?\" asked the reporter. \"Now!\" He left.", "\"|Why|?|\"|asked|the|reporter|. / \"|Now|!|\" / He|left|."},
        {"Great news :) Now we wait.", "Great|news|:) / Now|we|wait|."},
    };
    RUN(cases);
}

static void test_paragraphs_and_headlines(void **state)
{
    (void)state;
    static const tcase cases[] = {
        {"First paragraph ends here\n\nSecond one", "First|paragraph|ends|here // Second|one"},
        {"Markets Rally on Trade Hopes\nStocks rose on Monday.", "Markets|Rally|on|Trade|Hopes / Stocks|rose|on|Monday|."},
        {"One line.\n  \n\t\nAnother.", "One|line|. // Another|."},
        {"A title, with a comma,\ncontinues here.", "A|title|,|with|a|comma|,|continues|here|."},
    };
    RUN(cases);
    /* PARA_START marks only paragraph starts. */
    const char *text = "A b.\nC d.\n\nE f.";
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    assert_int_equal(doc->nsents, 3);
    int paras = 0;
    for (size_t k = 0; k < doc->ntokens; k++)
        paras += !!(doc->tokens[k].flags & NG_TOK_PARA_START);
    assert_int_equal(paras, 2);
    ng_doc_free(doc);
}

static void test_hard_wrapped(void **state)
{
    (void)state;
    /* Prose wrapped at about 60 columns: single newlines are spaces. */
    const char *text = "The committee met on Tuesday to discuss the budget for the\n"
                       "coming year, and members agreed that spending on roads and\n"
                       "Schools should rise by a modest amount over the next two\n"
                       "years, while the reserve fund would stay where it is now.\n";
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    assert_int_equal(doc->nsents, 1);
    ng_doc_free(doc);
}

static void test_long_sentence_cap(void **state)
{
    (void)state;
    ng_buf b;
    ng_buf_init(&b);
    for (int i = 0; i < 3000; i++)
        ng_buf_puts(&b, i % 40 == 39 ? "word, " : "word ");
    ng_doc *doc = ng_doc_new(b.data, b.len);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    check_invariants(doc);
    assert_true(doc->nsents >= 6);
    for (size_t s = 0; s + 1 < doc->nsents; s++) { /* cut after a comma */
        const ng_token *last = &doc->tokens[doc->sents[s].first + doc->sents[s].ntokens - 1];
        assert_int_equal(doc->text[last->start], ',');
    }
    ng_doc_free(doc);
    ng_buf_free(&b);
}

static void test_offsets(void **state)
{
    (void)state;
    const char *text = "  Hello, world!\n";
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    assert_int_equal(doc->ntokens, 4);
    static const uint32_t spans[4][2] = {{2, 7}, {7, 8}, {9, 14}, {14, 15}};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(doc->tokens[k].start, spans[k][0]);
        assert_int_equal(doc->tokens[k].end, spans[k][1]);
    }
    assert_int_equal(doc->sents[0].start, 2);
    assert_int_equal(doc->sents[0].end, 15);
    /* Tokenizing again replaces the tokens. */
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    assert_int_equal(doc->ntokens, 4);
    assert_int_equal(doc->nsents, 1);
    ng_doc_free(doc);
}

static void test_empty_and_space(void **state)
{
    (void)state;
    static const char *const texts[] = {"", " ", "\n\n\n", "\t \xc2\xa0 \xe2\x80\x8b"};
    for (size_t i = 0; i < NG_ARRAY_LEN(texts); i++) {
        ng_doc *doc = ng_doc_new(texts[i], strlen(texts[i]));
        assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
        assert_int_equal(doc->ntokens, 0);
        assert_int_equal(doc->nsents, 0);
        ng_doc_free(doc);
    }
}

static void test_long_token_cut(void **state)
{
    (void)state;
    char *text = malloc(5000);
    memset(text, 'a', 4999);
    text[4999] = '\0';
    ng_doc *doc = ng_doc_new(text, 4999);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    check_invariants(doc);
    assert_int_equal(doc->ntokens, 3);
    ng_doc_free(doc);
    /* Multi-byte letters are cut on character boundaries. */
    for (int i = 0; i < 2499; i++)
        memcpy(text + 2 * i, "\xc3\xa9", 2);
    text[4998] = '\0';
    doc = ng_doc_new(text, 4998);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    check_invariants(doc);
    ng_doc_free(doc);
    free(text);
}

/* Inputs that would be quadratic for a careless scanner: each must finish
 * (these take milliseconds; a quadratic path would take hours). */
static void test_pathological(void **state)
{
    (void)state;
    static const char *const units[] = {"a-", "1-1-", "a.", "(", ")", "a@", "-@", "'", "\xe2\x80\x99s", ".", "x/"};
    size_t n = 1 << 20;
    char *text = malloc(n + 64);
    for (size_t u = 0; u < NG_ARRAY_LEN(units); u++) {
        size_t len = strlen(units[u]), k = 0;
        memcpy(text, "http://", 7); /* a URL that runs into the whole text */
        k = u % 2 ? 7 : 0;
        while (k + len < n) {
            memcpy(text + k, units[u], len);
            k += len;
        }
        memcpy(text + k, "a)))", 4);
        ng_doc *doc = ng_doc_new(text, k + 4);
        assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
        check_invariants(doc);
        ng_doc_free(doc);
    }
    free(text);
}

/* ------------------------------------------------------------- property */

/* Random strings from pieces that exercise every path: letters, digits,
 * punctuation, spaces, newlines, multi-byte characters and invalid bytes. */
static void test_random_invariants(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "B", "z", "7", "0", " ", " ", "\n", "\n\n", "\t", ".", ",", "'", "`", "\"", "-", "--", "/", ":",
        "@", "#", "$", "%", "&", "+", "(", ")", "...", "!", "?", "n't", "'s", "http://", "www.", "e-",
        "Mr.", "U.S.", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x94", "\xe2\x80\xa6", "\xc3\xa9",
        "\xe4\xb8\xad", "\xe3\x80\x82", "\xe3\x82\xab", "\xf0\x9f\x98\x80", "\xf0\x9f\x8f\xbd", "\xe2\x80\x8d",
        "\xef\xb8\x8f", "\xc2\xa0", "\xc2\xb4", "\xff", "\xc3", "\xe2\x80", "\x01", ":)", "1,000", "2019-10-20",
    };
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char buf[512];
    for (int iter = 0; iter < 4000; iter++) {
        size_t n = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t want = (seed >> 33) % 400;
        while (n < want) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *p = pieces[(seed >> 33) % NG_ARRAY_LEN(pieces)];
            size_t len = strlen(p);
            if (n + len >= sizeof buf)
                break;
            memcpy(buf + n, p, len);
            n += len;
        }
        ng_doc *doc = ng_doc_new(buf, n);
        assert_non_null(doc);
        assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
        check_invariants(doc);
        ng_doc_free(doc);
    }
}

static void test_out_of_memory(void **state)
{
    (void)state;
    const char *text = "Mr. Li didn't say. The U.S. did!\n\nA new paragraph, e-mail me at a@b.com.";
    test_alloc a = {0, 0};
    for (long fail = 1; fail < 40; fail++) {
        ng_doc *doc = ng_doc_new(text, strlen(text));
        assert_non_null(doc);
        a.calls = 0;
        a.fail_at = fail;
        ng_set_allocator(test_alloc_fn, &a);
        ng_error err;
        int rc = ng_tokenize(doc, &err);
        ng_set_allocator(NULL, NULL);
        if (rc != NG_OK) {
            assert_int_equal(rc, NG_ENOMEM);
            assert_int_equal(doc->ntokens, 0);
            assert_int_equal(doc->nsents, 0);
        } else {
            check_invariants(doc);
        }
        ng_doc_free(doc);
    }
}

static void test_lexicon_errors(void **state)
{
    (void)state;
    /* A lexicon is folded the same way as the text it is matched against. */
    char key[NG_LEX_MAX_KEY];
    assert_int_equal(ng_lex_fold("Don\xe2\x80\x99T", 7, key), 5);
    assert_string_equal(key, "don't");
    const ng_toklex *lx = ng_toklex_get();
    assert_int_equal(ng_lex_abbr(lx, "Mr.", 3), NG_ABBR_TITLE);
    assert_int_equal(ng_lex_abbr(lx, "Sun.", 4), NG_ABBR_NONE); /* not listed: ambiguous */
    assert_int_equal(ng_lex_abbr(lx, "wed.", 4), NG_ABBR_NONE); /* listed capitalised only */
    assert_int_equal(ng_lex_abbr(lx, "Wed.", 4), NG_ABBR_INNER);
    assert_true(ng_lex_starter(lx, "The", 3));
    assert_false(ng_lex_starter(lx, "President", 9));
}

static int setup(void **state)
{
    (void)state;
    const char *dir = getenv("NEWSGRAPH_LEXICONS");
    ng_error err;
    return ng_tokenizer_init(dir && *dir ? dir : "lexicons", &err) == NG_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contractions),       cmocka_unit_test(test_possessives),
        cmocka_unit_test(test_mwt_flags),          cmocka_unit_test(test_hyphens),
        cmocka_unit_test(test_numbers_and_money),  cmocka_unit_test(test_urls_and_emails),
        cmocka_unit_test(test_abbreviations),      cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_cjk),                cmocka_unit_test(test_accents),
        cmocka_unit_test(test_sentence_boundaries), cmocka_unit_test(test_paragraphs_and_headlines),
        cmocka_unit_test(test_hard_wrapped),       cmocka_unit_test(test_long_sentence_cap),
        cmocka_unit_test(test_offsets),            cmocka_unit_test(test_empty_and_space),
        cmocka_unit_test(test_long_token_cut),     cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_random_invariants),
        cmocka_unit_test(test_out_of_memory),      cmocka_unit_test(test_lexicon_errors),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
