/*
 * ner_stage.c - the NER pipeline stage: tag a document's tokens, then map
 * the model's CoNLL types to newsgraph's (PER -> PERSON, LOC -> GPE when the
 * gazetteers know the place as a country, region or city) and mark named
 * events: a MISC/ORG span or a run of capitalised words that ends in an
 * event keyword of lexicons/event_keywords.txt ("... Summit", "... Expo").
 * Invariant: afterwards every token has ent_iob O, B or I, and an I token
 * continues a span of the same type.
 */
#include "tag/ner_feat.h"
#include "kb/gazetteer.h"

#include <utf8proc.h>

/* newsgraph type of model type name (CoNLL names mapped). */
static uint8_t map_type(const char *name)
{
    if (strcmp(name, "PER") == 0)
        return NG_ENT_PERSON;
    if (strcmp(name, "LOC") == 0)
        return NG_ENT_LOC;
    int id = ng_ent_type_id(name);
    return (uint8_t)(id > 0 ? id : NG_ENT_MISC);
}

static bool in_list(const ng_lexicons *lx, const char *s, size_t n, uint32_t lists, unsigned mode)
{
    return lx && (ng_gaz_lists_of(lx, s, n, mode) & lists) != 0;
}

/* Set tokens [a, e] to one span of type t. */
static void set_span(ng_doc *doc, size_t a, size_t e, uint8_t t)
{
    for (size_t i = a; i <= e; i++) {
        doc->tokens[i].ent_iob = i == a ? NG_IOB_B : NG_IOB_I;
        doc->tokens[i].ent_type = t;
    }
    /* a span cut in two by this one continues as a new span */
    if (e + 1 < doc->ntokens && doc->tokens[e + 1].ent_iob == NG_IOB_I)
        doc->tokens[e + 1].ent_iob = NG_IOB_B;
}

/* Last token of the span starting at i. */
static size_t span_end(const ng_doc *doc, size_t i)
{
    size_t e = i;
    while (e + 1 < doc->ntokens && doc->tokens[e + 1].ent_iob == NG_IOB_I)
        e++;
    return e;
}

/* Spans: LOC -> GPE for known places; MISC/ORG ending in an event keyword
 * -> EVENT (ORG only when the keyword does not also name organisations,
 * as "Council" does). */
static void retype_spans(const ng_lexicons *lx, ng_doc *doc)
{
    const uint32_t place = 1u << NG_GAZ_COUNTRY | 1u << NG_GAZ_SUBDIVISION | 1u << NG_GAZ_CITY;
    for (size_t i = 0; i < doc->ntokens; i++) {
        ng_token *t = &doc->tokens[i];
        if (t->ent_iob != NG_IOB_B)
            continue;
        size_t e = span_end(doc, i);
        const char *s = doc->text + t->start;
        size_t n = doc->tokens[e].end - t->start;
        const ng_token *last = &doc->tokens[e];
        const char *ls = doc->text + last->start;
        size_t ln = last->end - last->start;
        bool event = e > i && in_list(lx, ls, ln, 1u << NG_GAZ_EVENT_KEYWORD, NG_GAZ_EXACT) &&
                     (t->ent_type == NG_ENT_MISC ||
                      (t->ent_type == NG_ENT_ORG && !in_list(lx, ls, ln, 1u << NG_GAZ_ORG_SUFFIX, NG_GAZ_EXACT)));
        if (event)
            set_span(doc, i, e, NG_ENT_EVENT);
        else if (t->ent_type == NG_ENT_LOC && in_list(lx, s, n, place, NG_GAZ_FOLD))
            set_span(doc, i, e, NG_ENT_GPE);
        i = e;
    }
}

static bool capitalised(const ng_doc *doc, const ng_token *t)
{
    unsigned char c = (unsigned char)doc->text[t->start];
    if (c >= 'A' && c <= 'Z')
        return true;
    if (c < 0x80)
        return false;
    const char *p = doc->text + t->start;
    int32_t cp = ng_utf8_next(&p, doc->text + t->end);
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

static bool article(const ng_doc *doc, const ng_token *t)
{
    size_t n = t->end - t->start;
    const char *s = doc->text + t->start;
    return (n == 3 && memcmp(s, "The", 3) == 0) || (n == 1 && *s == 'A') || (n == 2 && memcmp(s, "An", 2) == 0);
}

/* Runs of two or more capitalised words in one sentence that end in an
 * event keyword become EVENT spans, replacing what they overlap. */
static void mark_event_runs(const ng_lexicons *lx, ng_doc *doc)
{
    for (size_t s = 0; s < doc->nsents; s++) {
        size_t a = doc->sents[s].first, b = a + doc->sents[s].ntokens;
        for (size_t i = a; i < b;) {
            if (!capitalised(doc, &doc->tokens[i])) {
                i++;
                continue;
            }
            size_t e = i;
            while (e + 1 < b && capitalised(doc, &doc->tokens[e + 1]))
                e++;
            size_t first = i;
            while (first < e && article(doc, &doc->tokens[first]))
                first++;
            const ng_token *last = &doc->tokens[e];
            if (e > first && in_list(lx, doc->text + last->start, last->end - last->start,
                                     1u << NG_GAZ_EVENT_KEYWORD, NG_GAZ_EXACT))
                set_span(doc, first, e, NG_ENT_EVENT); /* a span it cuts keeps its head */
            i = e + 1;
        }
    }
}

/* Whether token t may be inside a name: it has a letter or digit, or is
 * one of the joiners names use ("&", ".", "-", "'", "/"). */
static bool name_token(const ng_doc *doc, const ng_token *t)
{
    for (const char *p = doc->text + t->start, *e = doc->text + t->end; p < e;) {
        int32_t cp = ng_utf8_next(&p, e);
        bool alnum = cp < 128 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9')
                              : utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU && utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO;
        if (alnum)
            return true;
    }
    size_t n = t->end - t->start;
    return n == 1 && strchr("&.-'/", doc->text[t->start]) != NULL;
}

/* Write the decoded spans of sentence [a, b) to the tokens; a span stops
 * before a token no name holds (a bullet, a dash, a quote). */
static void write_sentence(const ng_ner *m, ng_doc *doc, size_t a, size_t b, const uint32_t *cls, uint8_t *iob,
                           uint8_t *type)
{
    ng_bilou_decode(cls + a, b - a, iob + a, type + a);
    for (size_t i = a; i < b; i++) {
        if (iob[i] != NG_IOB_O && !name_token(doc, &doc->tokens[i]))
            iob[i] = NG_IOB_O;
        else if (iob[i] == NG_IOB_I && (i == a || iob[i - 1] == NG_IOB_O))
            iob[i] = NG_IOB_B;
        doc->tokens[i].ent_iob = iob[i];
        doc->tokens[i].ent_type = iob[i] == NG_IOB_O ? NG_ENT_NONE : map_type(ng_ner_type_name(m, type[i]));
    }
}

int ng_ner_tag_doc(const ng_ner *m, const ng_ner_res *res, ng_doc *doc, ng_error *err)
{
    size_t n = doc->ntokens;
    if (n == 0)
        return NG_OK;
    size_t bytes = n * (sizeof(uint32_t) + 2);
    uint32_t *cls = ng_malloc(bytes);
    if (!cls)
        return ng_err(err, NG_ENOMEM, "NER: out of memory");
    uint8_t *iob = (uint8_t *)(cls + n), *type = iob + n;
    ng_ner_work w = {0};
    int rc = ng_ner_tag(m, doc, &w, cls);
    for (size_t s = 0; rc == NG_OK && s < doc->nsents; s++)
        write_sentence(m, doc, doc->sents[s].first, doc->sents[s].first + doc->sents[s].ntokens, cls, iob, type);
    ng_ner_work_free(&w);
    ng_free(cls, bytes);
    if (rc != NG_OK)
        return ng_err(err, rc, "NER: out of memory");
    const ng_lexicons *lx = ng_ner_res_lexicons(res);
    if (lx) {
        retype_spans(lx, doc);
        mark_event_runs(lx, doc);
    }
    return NG_OK;
}
