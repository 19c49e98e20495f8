/*
 * quotes.c - direct quotes and who said them.  A quote is text between
 * quotation marks (a quote left open at the end of a paragraph closes
 * there).  Its speaker is the person or organisation next to a speech verb
 * (lexicons/speech.txt) right after the quote ("...," he said / said Jo
 * Smith) or right before it (Jo Smith said: "..."); a pronoun speaker is
 * resolved by the entity stage.  Unattributed quotes give no fact.
 */
#include "extract.h"

#include <ctype.h>

#define QUOTE_MIN_WORDS 3
#define ATTRIB_WINDOW 12 /* tokens between the quote and its speech verb ("...," Acme's chief executive, Jo Smith, said) */

typedef struct quote {
    uint32_t open, close;  /* the quotation-mark tokens (close == end when left open) */
    uint32_t first, last;  /* the quoted tokens [first, last) */
} quote;

static bool tok_eq(const ng_doc *doc, uint32_t i, const char *s)
{
    size_t n = doc->tokens[i].end - doc->tokens[i].start;
    return n == strlen(s) && memcmp(doc->text + doc->tokens[i].start, s, n) == 0;
}

static int quote_mark(const ng_doc *doc, uint32_t i)
{
    if (tok_eq(doc, i, "\xe2\x80\x9c") || tok_eq(doc, i, "\xc2\xab"))
        return 1; /* opening */
    if (tok_eq(doc, i, "\xe2\x80\x9d") || tok_eq(doc, i, "\xc2\xbb"))
        return 2; /* closing */
    if (tok_eq(doc, i, "\"") || tok_eq(doc, i, "``") || tok_eq(doc, i, "''"))
        return 3; /* either */
    return 0;
}

/* The lemma of token i: from the tagger, else its lowercased text. */
static void lemma_of(const ng_doc *doc, uint32_t i, char *out, size_t size)
{
    const ng_token *t = &doc->tokens[i];
    if (t->lemma && *t->lemma) {
        snprintf(out, size, "%s", t->lemma);
        return;
    }
    size_t n = NG_MIN((size_t)(t->end - t->start), size - 1);
    for (size_t k = 0; k < n; k++)
        out[k] = (char)tolower((unsigned char)doc->text[t->start + k]);
    out[n] = '\0';
    /* "said" -> "say" without a lemmatizer: the common irregular forms */
    static const char *const irregular[][2] = {{"said", "say"}, {"says", "say"}, {"told", "tell"},
                                               {"tells", "tell"}, {"wrote", "write"}};
    for (size_t k = 0; k < NG_ARRAY_LEN(irregular); k++)
        if (strcmp(out, irregular[k][0]) == 0)
            snprintf(out, size, "%s", irregular[k][1]);
}

static bool is_speech(const ng_xctx *c, uint32_t i)
{
    char lemma[32];
    lemma_of(c->doc, i, lemma, sizeof lemma);
    if (ng_xlex_is_speech(c->xlex, lemma))
        return true;
    /* regular past tense without a lemmatizer: "added" -> "add" */
    size_t n = strlen(lemma);
    if (n > 3 && strcmp(lemma + n - 2, "ed") == 0) {
        lemma[n - 2] = '\0';
        if (ng_xlex_is_speech(c->xlex, lemma))
            return true;
        lemma[n - 2] = 'e';
        lemma[n - 1] = '\0';
        return ng_xlex_is_speech(c->xlex, lemma);
    }
    return false;
}

/* The speaker entity at token i (a name or a resolved pronoun). */
static int32_t speaker_at(const ng_xctx *c, uint32_t i)
{
    const ng_mention *m = ng_mention_at(c->doc, i);
    if (!m || m->entity < 0)
        return -1;
    int t = c->doc->entities[m->entity].type;
    return t == NG_ENT_PERSON || t == NG_ENT_ORG ? m->entity : -1;
}

/* True when token i is token k's dependent by relation rel. */
static bool dep_is(const ng_doc *doc, uint32_t i, uint32_t k, const char *rel)
{
    const ng_token *t = &doc->tokens[i];
    return t->head == (int32_t)k && t->deprel && strcmp(ng_deprel_name(t->deprel), rel) == 0;
}

/* The person named in apposition to token k in [lo, hi): "Acme's chief
 * executive, Jo Smith, said" is Jo Smith speaking, not Acme. */
static int32_t appos_person(const ng_xctx *c, uint32_t k, uint32_t lo, uint32_t hi)
{
    for (uint32_t j = lo; j < hi; j++) {
        if (!dep_is(c->doc, j, k, "appos"))
            continue;
        int32_t e = speaker_at(c, j);
        if (e >= 0 && c->doc->entities[e].type == NG_ENT_PERSON)
            return e;
    }
    return -1;
}

/* The speaker named from token i on, after a speech verb: a possessor is
 * skipped for the person it introduces ("said Acme's chief executive, Jo
 * Smith"). */
static int32_t speaker_after(const ng_xctx *c, uint32_t i, uint32_t hi)
{
    const ng_doc *doc = c->doc;
    const ng_mention *m = ng_mention_at(doc, i);
    if (!m || m->last >= hi || !(tok_eq(doc, m->last, "'s") || tok_eq(doc, m->last, "'") ||
                                 tok_eq(doc, m->last, "\xe2\x80\x99s") || tok_eq(doc, m->last, "\xe2\x80\x99")))
        return speaker_at(c, i);
    for (uint32_t j = m->last + 1; j < hi && j < m->last + 10; j++) {
        if (quote_mark(doc, j) || tok_eq(doc, j, "."))
            break;
        int32_t e = speaker_at(c, j);
        if (e >= 0 && doc->entities[e].type == NG_ENT_PERSON)
            return e;
    }
    return speaker_at(c, i);
}

/* Speaker next to speech verb v: before it ("he said", "Jo Smith said") or
 * right after it ("said Jo Smith"); never its object ("told the Post"). */
static int32_t speaker_of_verb(const ng_xctx *c, uint32_t v, uint32_t lo, uint32_t hi)
{
    const ng_doc *doc = c->doc;
    /* the parse knows best when there is one */
    if (c->parsed) {
        for (uint32_t k = lo; k < hi; k++) {
            const ng_token *t = &doc->tokens[k];
            if (t->head == (int32_t)v && t->deprel && strncmp(ng_deprel_name(t->deprel), "nsubj", 5) == 0) {
                int32_t e = speaker_at(c, k);
                if (e < 0 || doc->entities[e].type != NG_ENT_PERSON) {
                    int32_t p = appos_person(c, k, lo, hi);
                    if (p >= 0)
                        return p;
                    /* "Acme's head of policy, Jo Smith, said" parsed with
                     * Acme as the subject */
                    p = e >= 0 ? speaker_after(c, k, hi) : -1;
                    if (p >= 0 && doc->entities[p].type == NG_ENT_PERSON)
                        return p;
                }
                if (e >= 0)
                    return e;
            }
        }
    }
    if (v > lo) {
        const ng_mention *m = ng_mention_at(doc, v - 1);
        if (m && m->last == v)
            return speaker_at(c, v - 1);
        /* "Acme's chief executive, Jo Smith, said": the person in
         * apposition, before the comma */
        m = v > lo + 1 && tok_eq(doc, v - 1, ",") ? ng_mention_at(doc, v - 2) : NULL;
        if (m && m->last == v - 1 && m->entity >= 0 && doc->entities[m->entity].type == NG_ENT_PERSON)
            return speaker_at(c, v - 2);
    }
    if (v + 1 < hi)
        return speaker_after(c, v + 1, hi);
    return -1;
}

/* Find the quotes of the document, paragraph by paragraph. */
static size_t find_quotes(const ng_doc *doc, quote *out, size_t max)
{
    size_t n = 0;
    bool in = false;
    quote q = {0, 0, 0, 0};
    for (uint32_t i = 0; i < doc->ntokens && n < max; i++) {
        int mark = quote_mark(doc, i);
        bool para = (doc->tokens[i].flags & NG_TOK_PARA_START) != 0;
        if (in && para) { /* left open: ends with its paragraph */
            q.close = q.last = i;
            out[n++] = q;
            in = false;
        }
        if (!in && (mark == 1 || mark == 3)) {
            in = true;
            q.open = i;
            q.first = i + 1;
        } else if (in && (mark == 2 || mark == 3)) {
            q.close = q.last = i;
            out[n++] = q;
            in = false;
        }
    }
    if (in && n < max) {
        q.close = q.last = (uint32_t)doc->ntokens;
        out[n++] = q;
    }
    return n;
}

/* The quote's text without its closing comma or full stop. */
static const char *quote_text(ng_xctx *c, const quote *q)
{
    const ng_doc *doc = c->doc;
    uint32_t last = q->last;
    while (last > q->first && (tok_eq(doc, last - 1, ",") || tok_eq(doc, last - 1, ".")))
        last--;
    if (last <= q->first)
        return NULL;
    uint32_t s = doc->tokens[q->first].start, e = doc->tokens[last - 1].end;
    return ng_arena_strndup(&c->doc->arena, doc->text + s, e - s);
}

static void attribute(ng_xctx *c, const quote *q)
{
    const ng_doc *doc = c->doc;
    if (q->last - q->first < QUOTE_MIN_WORDS)
        return;
    int32_t speaker = -1;
    uint32_t verb = 0;
    /* after: `...," he said.` / `...," said Jo Smith, ...` */
    uint32_t after = q->close + 1;
    uint32_t sent_end = after < doc->ntokens ? doc->sents[doc->tokens[NG_MIN(after, (uint32_t)doc->ntokens - 1)].sent].first +
                                                   doc->sents[doc->tokens[NG_MIN(after, (uint32_t)doc->ntokens - 1)].sent].ntokens
                                             : after;
    for (uint32_t v = after; v < sent_end && v < after + ATTRIB_WINDOW && speaker < 0; v++) {
        if (quote_mark(doc, v) || (doc->tokens[v].flags & NG_TOK_PARA_START))
            break;
        if (is_speech(c, v)) {
            speaker = speaker_of_verb(c, v, after, sent_end);
            verb = v;
        }
    }
    /* before: `Jo Smith said: "..."` */
    if (speaker < 0 && q->open > 0) {
        uint32_t s0 = doc->sents[doc->tokens[q->open].sent].first;
        for (uint32_t v = q->open; v-- > s0 && v + ATTRIB_WINDOW > q->open && speaker < 0;) {
            if (quote_mark(doc, v))
                break;
            if (is_speech(c, v)) {
                speaker = speaker_of_verb(c, v, s0, q->open);
                verb = v;
            }
        }
    }
    if (speaker < 0)
        return;
    const char *text = quote_text(c, q);
    if (!text)
        return;
    c->sent = doc->tokens[verb].sent;
    ng_cand f = ng_x_cand(c, "said", verb, verb + 1, 0.9f);
    f.rule = "quote";
    f.subj = speaker;
    f.object_text = text;
    const char *d = doc->fields[NG_F_DATE];
    if (d && strlen(d) >= 10)
        snprintf(f.time, sizeof f.time, "%.10s", d);
    /* the evidence runs from the quote's sentence to the speech verb's */
    const ng_sentence *qs = &doc->sents[doc->tokens[NG_MIN(q->open, verb)].sent];
    const ng_sentence *vs = &doc->sents[doc->tokens[NG_MAX(q->close < doc->ntokens ? q->close : verb, verb)].sent];
    f.ev_start = qs->start;
    f.ev_end = vs->end;
    ng_x_emit(c, &f);
}

void ng_match_quotes(ng_xctx *c)
{
    quote qs[256];
    size_t n = find_quotes(c->doc, qs, NG_ARRAY_LEN(qs));
    for (size_t k = 0; k < n; k++)
        attribute(c, &qs[k]);
}
