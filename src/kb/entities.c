/*
 * entities.c - the entities of one document.  Mentions come from the NER
 * labels (names), the nominals lexicon ("the company", "a tech conference"),
 * nationality words and pronouns; names are grouped by how news repeats a
 * name ("Robin Li Yanhong" ... "Li", "Alibaba Group Holding" ... "Alibaba",
 * "World Internet Conference (WIC)"), then referring mentions are resolved
 * to the entity they point back to.
 */
#include "entities.h"

#include "extract/tree.h"
#include "extract/xlex.h"
#include "kb/gazetteer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_NAME_TOKENS 12
#define PRONOUN_WINDOW 2 /* sentences a pronoun may look back */

/* One entity while it is being built. */
typedef struct ent {
    uint8_t type;
    bool nominal;          /* no proper name */
    int32_t canon;         /* mention giving the canonical name */
    int32_t last;          /* its latest mention */
    uint32_t nmentions;
    uint8_t gender;
    char surname[48];      /* PERSON: the family name ("Ma" of "Pony Ma Huateng") */
    char country[64];      /* GPE: canonical country when it is one */
} ent;

typedef struct ectx {
    ng_doc *doc;
    const ng_lexicons *gaz;
    const ng_xlex *xlex;
    bool parsed;
    ng_mention *m;         /* mentions, heap while building */
    size_t nm, capm;
    ent *e;                /* entities, heap */
    size_t ne, cape;
    bool *in_quote;        /* [ntokens] inside quotation marks */
    bool oom;
} ectx;

/* -------------------------------------------------------------- text */

static const char *tok_text(const ng_doc *doc, uint32_t i, size_t *n)
{
    *n = doc->tokens[i].end - doc->tokens[i].start;
    return doc->text + doc->tokens[i].start;
}

static bool tok_is(const ng_doc *doc, uint32_t i, const char *w)
{
    size_t n;
    const char *s = tok_text(doc, i, &n);
    return n == strlen(w) && ng_strnieq(s, w, n);
}

static bool tok_in(const ng_doc *doc, uint32_t i, const char *const *words)
{
    for (; *words; words++)
        if (tok_is(doc, i, *words))
            return true;
    return false;
}

/* The text of a mention as the document writes it. */
static void mention_text(const ng_doc *doc, const ng_mention *m, char *out, size_t size)
{
    uint32_t s = doc->tokens[m->first].start, e = doc->tokens[m->last - 1].end;
    size_t n = NG_MIN((size_t)(e - s), size - 1);
    /* fold runs of white space (names broken over lines) */
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char ch = doc->text[s + i];
        if (ng_is_space_ascii((unsigned char)ch)) {
            space = true;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = false;
        out[k++] = ch;
    }
    out[k] = '\0';
}

static uint32_t gaz_lists(const ectx *c, const char *s, size_t n, unsigned mode)
{
    return c->gaz ? ng_gaz_lists_of(c->gaz, s, n, mode) : 0;
}

static bool tok_listed(const ectx *c, uint32_t i, int list, unsigned mode)
{
    size_t n;
    const char *s = tok_text(c->doc, i, &n);
    return (gaz_lists(c, s, n, mode) >> list) & 1u;
}

/* Damerau-Levenshtein distance capped at 2 ("Maradona" vs "Mardaona" is 1). */
static int edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40 || (na > nb ? na - nb : nb - na) > 2)
        return 3;
    int d[42][42];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = NG_MIN(NG_MIN(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]))
                v = NG_MIN(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
        }
    return d[na][nb];
}

/* ---------------------------------------------------------- mentions */

static bool push_mention(ectx *c, const ng_mention *m)
{
    if (!NG_GROW(c->m, c->capm, c->nm + 1)) {
        c->oom = true;
        return false;
    }
    c->m[c->nm++] = *m;
    return true;
}

/* Mark tokens inside quotation marks (straight or curly, per paragraph). */
static void mark_quotes(ectx *c)
{
    bool in = false;
    for (uint32_t i = 0; i < c->doc->ntokens; i++) {
        const ng_token *t = &c->doc->tokens[i];
        if (t->flags & NG_TOK_PARA_START)
            in = false;
        size_t n;
        const char *s = tok_text(c->doc, i, &n);
        bool open = (n == 3 && memcmp(s, "\xe2\x80\x9c", 3) == 0);
        bool close = (n == 3 && memcmp(s, "\xe2\x80\x9d", 3) == 0);
        bool straight = n == 1 && s[0] == '"';
        if (open || (straight && !in)) {
            in = true;
            c->in_quote[i] = false;
            continue;
        }
        if (close || (straight && in)) {
            in = false;
            c->in_quote[i] = false;
            continue;
        }
        c->in_quote[i] = in;
    }
}

static const char *const honorifics[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
                                         "sir", "dame", "lord", "lady", "the", "former",
                                         /* capitalised at a sentence start, never a name's first word */
                                         "if", "when", "while", "but", "and", "as", "in", "on", "at", "for",
                                         "after", "before", "since", "with", "from", "into", "by", "of",
                                         "despite", "although", "though", "because", "unlike", "like",
                                         "meanwhile", "also", "then", "so", "yet", "or", "nor", NULL};

/* Type of an NER span, refined with the gazetteers: a LOC that is a
 * country, state or city is a GPE; a MISC that is a nationality word is a
 * mention of its country. */
static void refine_type(const ectx *c, ng_mention *m)
{
    char text[256];
    mention_text(c->doc, m, text, sizeof text);
    size_t n = strlen(text);
    uint32_t lists = gaz_lists(c, text, n, NG_GAZ_EXACT);
    uint32_t places = (1u << NG_GAZ_COUNTRY) | (1u << NG_GAZ_COUNTRY_CODE) | (1u << NG_GAZ_SUBDIVISION) |
                      (1u << NG_GAZ_CITY);
    if (m->type == NG_ENT_LOC && (lists & places))
        m->type = NG_ENT_GPE;
    else if (m->type == NG_ENT_MISC && (lists & (1u << NG_GAZ_DEMONYM)) && m->last - m->first == 1) {
        m->type = NG_ENT_GPE;
        m->kind = NG_MK_DEMONYM;
    } else if (m->type == NG_ENT_MISC && (lists & ((1u << NG_GAZ_COUNTRY) | (1u << NG_GAZ_COUNTRY_CODE))))
        m->type = NG_ENT_GPE;
}

static bool capitalised(const ng_doc *doc, uint32_t i);
static bool name_particle(const ng_doc *doc, uint32_t i);

/* Names are capitalised: a span the tagger ran on into lowercase words
 * ("Quillon Search did", "Kestrel and has") ends before them; a particle
 * ("Bank of China") stays inside but not at the end. */
static uint32_t name_end(const ectx *c, uint32_t first, uint32_t last, int type)
{
    const ng_doc *doc = c->doc;
    uint32_t e = first + 1;
    while (e < last) {
        bool particle = name_particle(doc, e);
        if (particle && name_particle(doc, e - 1))
            break; /* "Kestrel and of Brightline": two names */
        /* "&", "-", "'", digits stay inside ("AT&T", "Dae-sung", "3M"); sentence
         * punctuation ends the name */
        size_t tl;
        const char *tt = tok_text(doc, e, &tl);
        bool other = !isalpha((unsigned char)tt[0]) && !strchr(".,;:!?()[]\"", tt[0]) &&
                     !(tl == 3 && (unsigned char)tt[0] == 0xe2);
        /* a family name typed in lower case: "Jack ma" */
        bool surname = type == NG_ENT_PERSON && e == last - 1 && tok_listed(c, e, NG_GAZ_SURNAME, NG_GAZ_FOLD);
        if (!capitalised(doc, e) && !particle && !other && !surname)
            break;
        e++;
    }
    while (e > first + 1 && name_particle(doc, e - 1))
        e--;
    return e;
}

/* Names from the NER labels. */
static void name_mentions(ectx *c)
{
    const ng_doc *doc = c->doc;
    for (uint32_t i = 0; i < doc->ntokens;) {
        const ng_token *t = &doc->tokens[i];
        if ((t->ent_iob != NG_IOB_B && t->ent_iob != NG_IOB_I) || !t->ent_type) {
            i++;
            continue;
        }
        uint32_t j = i + 1;
        while (j < doc->ntokens && doc->tokens[j].ent_iob == NG_IOB_I && doc->tokens[j].ent_type == t->ent_type &&
               doc->tokens[j].sent == t->sent)
            j++;
        /* a lowercase start is no name ("has run" tagged as one) */
        if (!capitalised(doc, i) && isalpha((unsigned char)doc->text[t->start])) {
            i++;
            continue;
        }
        j = name_end(c, i, j, t->ent_type);
        ng_mention m = {.first = i, .last = j, .type = t->ent_type, .kind = NG_MK_NAME, .entity = -1};
        /* "the", honorifics and titles are not part of the name */
        while (m.first + 1 < m.last && (tok_in(doc, m.first, honorifics) ||
                                        (m.type == NG_ENT_PERSON && tok_listed(c, m.first, NG_GAZ_TITLE, NG_GAZ_FOLD))))
            m.first++;
        while (m.last - 1 > m.first && (tok_is(doc, m.last - 1, "'s") || tok_is(doc, m.last - 1, "\xe2\x80\x99s") ||
                                        tok_is(doc, m.last - 1, "'") || tok_is(doc, m.last - 1, ",")))
            m.last--;
        m.head = m.last - 1;
        refine_type(c, &m);
        if (m.last - m.first <= MAX_NAME_TOKENS)
            push_mention(c, &m);
        i = j;
    }
}

/* ------------------------------------------------------- name repair */

/* The tagger's spans, mended where news text shows it erred.  Each rule is
 * about how names are written, not about particular names:
 *   a name ending in a company word ("Ant Group", "Didi Global") is an ORG;
 *   a given name and a family name ("Xi Jinping") is a PERSON;
 *   a capitalised phrase ending in an organisation keyword ("the
 *   Mexico-Brazil Centre") is one ORG, even over place names inside it;
 *   a web domain used as a name ("JD.com") is an ORG;
 *   a lone given name right before a person's name belongs to it. */

static bool capitalised(const ng_doc *doc, uint32_t i)
{
    unsigned char ch = (unsigned char)doc->text[doc->tokens[i].start];
    return ch >= 'A' && ch <= 'Z';
}

static bool word_listed(const ectx *c, uint32_t i, int list)
{
    return tok_listed(c, i, list, NG_GAZ_EXACT);
}

/* An organisation keyword or generic company word ends the span. */
static bool org_word(const ectx *c, uint32_t i)
{
    size_t n;
    const char *s = tok_text(c->doc, i, &n);
    if (c->xlex && ng_xlex_is_designator(c->xlex, s, n))
        return true;
    return c->gaz && ng_gaz_value(c->gaz, NG_GAZ_ORG_SUFFIX, s, n);
}

/* True when some list of places names the mention's text. */
static bool listed_place(const ectx *c, const ng_mention *m)
{
    char text[256];
    mention_text(c->doc, m, text, sizeof text);
    uint32_t lists = gaz_lists(c, text, strlen(text), NG_GAZ_EXACT);
    return lists & ((1u << NG_GAZ_COUNTRY) | (1u << NG_GAZ_CITY) | (1u << NG_GAZ_SUBDIVISION) |
                    (1u << NG_GAZ_KNOWN_LOC) | (1u << NG_GAZ_COUNTRY_CODE) | (1u << NG_GAZ_DEMONYM));
}

static void retype_span(ectx *c, ng_mention *m)
{
    uint32_t n = m->last - m->first;
    if ((m->type == NG_ENT_PERSON || m->type == NG_ENT_MISC || m->type == NG_ENT_LOC) && n >= 2 &&
        org_word(c, m->last - 1) && !listed_place(c, m)) {
        m->type = NG_ENT_ORG;
        return;
    }
    /* "Xi Jinping" as a place: a given name and a family name, nothing else */
    if ((m->type == NG_ENT_LOC || m->type == NG_ENT_MISC) && (n == 2 || n == 3) && !org_word(c, m->last - 1)) {
        bool given_first = word_listed(c, m->first, NG_GAZ_GIVEN_NAME) && word_listed(c, m->last - 1, NG_GAZ_SURNAME);
        bool family_first = word_listed(c, m->first, NG_GAZ_SURNAME) && word_listed(c, m->last - 1, NG_GAZ_GIVEN_NAME);
        bool place = false;
        for (uint32_t i = m->first; i < m->last; i++) {
            size_t len;
            const char *w = tok_text(c->doc, i, &len);
            place |= !isalpha((unsigned char)w[0]);
            place |= word_listed(c, i, NG_GAZ_COUNTRY) || word_listed(c, i, NG_GAZ_CITY) ||
                     word_listed(c, i, NG_GAZ_SUBDIVISION) || word_listed(c, i, NG_GAZ_KNOWN_LOC) ||
                     word_listed(c, i, NG_GAZ_KNOWN_ORG);
        }
        if ((given_first || family_first) && !place)
            m->type = NG_ENT_PERSON;
    }
}

/* "Name.com": a web domain as a company name. */
static bool domain_name(const ng_doc *doc, uint32_t i)
{
    size_t n;
    const char *s = tok_text(doc, i, &n);
    static const char *const tlds[] = {".com", ".net", ".org", ".io", ".cn", ".co", NULL};
    if (n < 5 || !capitalised(doc, i))
        return false;
    for (const char *const *t = tlds; *t; t++) {
        size_t k = strlen(*t);
        if (n > k + 1 && memcmp(s + n - k, *t, k) == 0)
            return true;
    }
    return false;
}

/* Drop mentions overlapping [first, last) and add an ORG mention there. */
static void replace_with_org(ectx *c, uint32_t first, uint32_t last)
{
    size_t w = 0;
    for (size_t r = 0; r < c->nm; r++)
        if (c->m[r].last <= first || c->m[r].first >= last)
            c->m[w++] = c->m[r];
    c->nm = w;
    ng_mention m = {.first = first, .last = last, .head = last - 1, .type = NG_ENT_ORG, .kind = NG_MK_NAME,
                    .entity = -1};
    push_mention(c, &m);
}

static int32_t mention_index_at(const ectx *c, uint32_t i)
{
    for (size_t k = 0; k < c->nm; k++)
        if (i >= c->m[k].first && i < c->m[k].last)
            return (int32_t)k;
    return -1;
}

/* Capitalised phrases ending in an organisation keyword, and domains. */
static void org_phrases(ectx *c)
{
    const ng_doc *doc = c->doc;
    for (uint32_t i = 0; i < doc->ntokens; i++) {
        if (domain_name(doc, i) && mention_index_at(c, i) < 0) {
            replace_with_org(c, i, i + 1);
            continue;
        }
        if (!capitalised(doc, i) || !org_word(c, i) || (doc->tokens[i].flags & NG_TOK_SENT_START))
            continue;
        int32_t mi = mention_index_at(c, i);
        if (mi >= 0 && (c->m[mi].type == NG_ENT_ORG || c->m[mi].type == NG_ENT_EVENT || c->m[mi].last > i + 1))
            continue; /* the tagger found it, or the word is inside a longer name */
        if (i + 1 < doc->ntokens && capitalised(doc, i + 1) && doc->tokens[i + 1].sent == doc->tokens[i].sent &&
            !(doc->tokens[i + 1].flags & NG_TOK_SENT_START))
            continue; /* the name goes on: "Pacific Robotics Expo" */
        uint32_t s = i, sent_first = doc->sents[doc->tokens[i].sent].first;
        while (s > sent_first && (capitalised(doc, s - 1) || (tok_is(doc, s - 1, "-") && s - 1 > sent_first &&
                                                               capitalised(doc, s - 2))) &&
               !(doc->tokens[s - 1].flags & NG_TOK_SENT_START) && !tok_is(doc, s - 1, "The"))
            s--;
        if (s < i && (doc->tokens[s].flags & NG_TOK_SENT_START) && tok_is(doc, s, "The"))
            s++;
        /* a keyword alone ("Bank") is not a name; a person's name is not in front */
        if (s == i)
            continue;
        int32_t first_m = mention_index_at(c, s);
        if (first_m >= 0 && c->m[first_m].type == NG_ENT_PERSON)
            continue;
        replace_with_org(c, s, i + 1);
    }
}

/* A capitalised word the tagger left out, right after a name: "Bradford"
 * (typed a place) "Holloway" (untagged) is a person's name. */
static bool bare_name_word(const ectx *c, uint32_t i)
{
    if (i >= c->doc->ntokens || !capitalised(c->doc, i) || (c->doc->tokens[i].flags & NG_TOK_SENT_START) ||
        mention_index_at(c, i) >= 0 || org_word(c, i))
        return false;
    size_t n;
    const char *s = tok_text(c->doc, i, &n);
    for (size_t k = 0; k < n; k++)
        if (!isalpha((unsigned char)s[k]) && s[k] != '-' && s[k] != '\'')
            return false;
    return !word_listed(c, i, NG_GAZ_COUNTRY) && !word_listed(c, i, NG_GAZ_CITY) &&
           !word_listed(c, i, NG_GAZ_KNOWN_ORG) && !word_listed(c, i, NG_GAZ_TITLE);
}

/* "Bradford" (mistyped) + "Holloway" (a PERSON, or untagged): one person. */
static void join_given_names(ectx *c)
{
    for (size_t k = 0; k < c->nm; k++) {
        ng_mention *a = &c->m[k];
        if (a->type == NG_ENT_PERSON || a->last - a->first != 1 || !word_listed(c, a->first, NG_GAZ_GIVEN_NAME) ||
            word_listed(c, a->first, NG_GAZ_COUNTRY) || !bare_name_word(c, a->last))
            continue;
        a->type = NG_ENT_PERSON;
        a->last++;
        a->head = a->last - 1;
    }
    for (size_t k = 0; k + 1 < c->nm; k++) {
        ng_mention *a = &c->m[k], *b = &c->m[k + 1];
        if (a->last != b->first || b->type != NG_ENT_PERSON || a->type == NG_ENT_PERSON || a->last - a->first != 1 ||
            !word_listed(c, a->first, NG_GAZ_GIVEN_NAME) || word_listed(c, a->first, NG_GAZ_COUNTRY))
            continue;
        b->first = a->first;
        memmove(a, a + 1, (c->nm - k - 1) * sizeof *a);
        c->nm--;
    }
}

static int cmp_mentions(const void *a, const void *b);

/* "Halvorsen" + untagged "Group": the company word belongs to the name. */
static void extend_with_org_words(ectx *c, ng_mention *m)
{
    const ng_doc *doc = c->doc;
    uint32_t e = m->last;
    while (e < doc->ntokens && doc->tokens[e].sent == doc->tokens[m->first].sent && capitalised(doc, e) &&
           org_word(c, e) && mention_index_at(c, e) < 0)
        e++;
    if (e > m->last && !(m->type == NG_ENT_GPE && listed_place(c, m))) {
        m->last = e;
        m->head = e - 1;
        m->type = NG_ENT_ORG;
    }
}

/* Whether tokens i and i + 1 touch (no space between them). */
static bool glued(const ng_doc *doc, uint32_t i)
{
    return i + 1 < doc->ntokens && doc->tokens[i].end == doc->tokens[i + 1].start;
}

/* Words a hyphen attaches to a place without making a name: "Oslo-based". */
static bool compound_suffix(const ng_doc *doc, uint32_t i)
{
    static const char *const words[] = {"based", "owned", "headquartered", "born", "led", "backed", "listed",
                                        "run", "controlled", "made", "style", "era", "level", "wide", "bound",
                                        "focused", "centric", "registered", "funded", "linked", "related", NULL};
    return tok_in(doc, i, words);
}

/* Hyphenated names the tagger cut at the hyphen: "Kang Dae" + "-sung",
 * "Asante" + "-Boateng", "K-" + "Mobility Summit". */
static void join_hyphenated(ectx *c, ng_mention *m)
{
    const ng_doc *doc = c->doc;
    /* rightwards: NAME-word, with no space on either side of the hyphen */
    while (m->last + 1 < doc->ntokens && tok_is(doc, m->last, "-") && glued(doc, m->last - 1) && glued(doc, m->last) &&
           isalpha((unsigned char)doc->text[doc->tokens[m->last + 1].start]) &&
           (capitalised(doc, m->last + 1) || m->type == NG_ENT_PERSON) && !compound_suffix(doc, m->last + 1) &&
           mention_index_at(c, m->last + 1) < 0)
        m->last += 2;
    /* "Fatima Al" + "-" + "Mansouri" (two mentions): one name */
    while (m->last + 1 < doc->ntokens && tok_is(doc, m->last, "-") && glued(doc, m->last - 1) && glued(doc, m->last)) {
        int32_t nx = mention_index_at(c, m->last + 1);
        if (nx < 0 || c->m[nx].first != m->last + 1 || c->m[nx].type == NG_ENT_GPE)
            break;
        m->last = c->m[nx].last;
        c->m[nx].first = c->m[nx].last; /* emptied; dropped by order_mentions */
    }
    /* "Kevin Park" + untagged "Jae-won" */
    if (m->type == NG_ENT_PERSON && m->last + 2 < doc->ntokens && capitalised(doc, m->last) &&
        mention_index_at(c, m->last) < 0 && glued(doc, m->last) && tok_is(doc, m->last + 1, "-") &&
        glued(doc, m->last + 1) && isalpha((unsigned char)doc->text[doc->tokens[m->last + 2].start]) &&
        doc->tokens[m->last].sent == doc->tokens[m->first].sent)
        m->last += 3;
    /* leftwards: word-NAME */
    while (m->first >= 2 && tok_is(doc, m->first - 1, "-") && glued(doc, m->first - 2) && glued(doc, m->first - 1) &&
           capitalised(doc, m->first - 2) && mention_index_at(c, m->first - 2) < 0 &&
           !(doc->tokens[m->first].flags & NG_TOK_SENT_START))
        m->first -= 2;
    m->head = m->last - 1;
}

/* "the chip designer Arcwell Systems", "the start-up Pampa": a name right
 * after a noun for a company is a company. */
static void company_noun_before(ectx *c, ng_mention *m)
{
    const ng_doc *doc = c->doc;
    if (m->type == NG_ENT_ORG || m->type == NG_ENT_GPE || m->type == NG_ENT_EVENT || m->first == 0 || !c->xlex)
        return;
    uint32_t p = m->first - 1;
    if (doc->tokens[p].upos != NG_UPOS_NOUN || capitalised(doc, p))
        return;
    char lower[48];
    size_t n;
    const char *s = tok_text(doc, p, &n);
    if (n >= sizeof lower)
        return;
    for (size_t k = 0; k < n; k++)
        lower[k] = (char)tolower((unsigned char)s[k]);
    lower[n] = '\0';
    const char *lemma = doc->tokens[p].lemma && *doc->tokens[p].lemma ? doc->tokens[p].lemma : lower;
    const ng_nominal *nom = ng_xlex_nominal(c->xlex, lemma);
    if (nom && nom->type == NG_ENT_ORG)
        m->type = NG_ENT_ORG;
}

/* Words that end the names of places where events happen: "Futian
 * Convention and Exhibition Center" is a venue, not an event. */
static bool venue_word(const ng_doc *doc, uint32_t i)
{
    static const char *const words[] = {"Center", "Centre", "Hall", "Arena", "Stadium", "Hotel", "Park", "Complex",
                                        "Building", "Tower", "Plaza", "Palace", "Grounds", "Pavilion", "Venue",
                                        "Auditorium", "Campus", NULL};
    for (const char *const *w = words; *w; w++)
        if (tok_is(doc, i, *w))
            return true;
    return false;
}

/* "Pacific Robotics" + untagged "Expo": an event's keyword ends its name. */
static void extend_with_event_word(ectx *c, ng_mention *m)
{
    const ng_doc *doc = c->doc;
    uint32_t e = m->last;
    /* a venue: "Exhibition Center", "Convention and Exhibition Centre" */
    if (m->type == NG_ENT_EVENT) {
        uint32_t k = m->last - 1;
        while (k + 1 < doc->ntokens && k < m->last + 3 && !venue_word(doc, k) &&
               (capitalised(doc, k + 1) || tok_is(doc, k + 1, "and")))
            k++;
        if (venue_word(doc, k)) {
            m->type = NG_ENT_LOC;
            return;
        }
        /* "Wyraj Games" is a studio; "the Asian Games", "2024 Games" are events */
        if (tok_is(doc, m->last - 1, "Games") && m->last - m->first >= 2 &&
            !(m->first > 0 && tok_is(doc, m->first - 1, "the")) && !isdigit((unsigned char)doc->text[doc->tokens[m->first].start]) &&
            !word_listed(c, m->first, NG_GAZ_DEMONYM) && !word_listed(c, m->first, NG_GAZ_COUNTRY) &&
            !word_listed(c, m->first, NG_GAZ_CITY)) {
            m->type = NG_ENT_ORG;
            return;
        }
    }
    if (e + 1 < doc->ntokens && venue_word(doc, e + 1))
        return;
    if (e < doc->ntokens && doc->tokens[e].sent == doc->tokens[m->first].sent && capitalised(doc, e) &&
        word_listed(c, e, NG_GAZ_EVENT_KEYWORD) && mention_index_at(c, e) < 0 && m->type != NG_ENT_PERSON) {
        m->last = e + 1;
        m->head = e;
        m->type = NG_ENT_EVENT;
    }
}

/* Lowercase words that may sit inside a name ("Bank of China", "Ludwig van
 * Beethoven"). */
static bool name_particle(const ng_doc *doc, uint32_t i)
{
    static const char *const words[] = {"of", "and", "the", "for", "on", "de", "da", "do", "dos", "van", "von",
                                        "der", "den", "la", "le", "du", "di", "bin", "al", "el", "&", "-",
                                        "y", "e", NULL};
    return tok_in(doc, i, words);
}

/* "Suntrail chairman Kofi Mensah" tagged as one name: split it at the
 * lowercase title into the organisation and the person. */
static void split_at_titles(ectx *c)
{
    const ng_doc *doc = c->doc;
    size_t n0 = c->nm;
    for (size_t k = 0; k < n0; k++) {
        ng_mention *m = &c->m[k];
        for (uint32_t i = m->first + 1; i + 1 < m->last; i++) {
            if (capitalised(doc, i) || name_particle(doc, i) || !tok_listed(c, i, NG_GAZ_TITLE, NG_GAZ_FOLD))
                continue;
            uint32_t t = i;
            while (t < m->last && !capitalised(doc, t))
                t++;
            if (t >= m->last)
                break;
            ng_mention right = *m;
            right.first = t;
            right.type = NG_ENT_PERSON;
            m->last = i;
            m->head = i - 1;
            if (m->type == NG_ENT_PERSON || m->type == NG_ENT_LOC)
                m->type = NG_ENT_ORG;
            push_mention(c, &right);
            break;
        }
    }
}

static bool is_dash_tok(const ng_doc *doc, uint32_t i)
{
    return tok_is(doc, i, "-") || tok_is(doc, i, "\xe2\x80\x94") || tok_is(doc, i, "\xe2\x80\x93") ||
           tok_is(doc, i, ":") || tok_is(doc, i, "--");
}

/* Whether tokens [first, last) are written in capitals only ("SINGAPORE"). */
static bool all_caps_span(const ng_doc *doc, uint32_t first, uint32_t last)
{
    for (uint32_t i = first; i < last; i++) {
        size_t n;
        const char *s = tok_text(doc, i, &n);
        for (size_t j = 0; j < n; j++)
            if (s[j] >= 'a' && s[j] <= 'z')
                return false;
    }
    return true;
}

/* Whether a dash ends the dateline that opens at paragraph start p within
 * a few tokens ("SINGAPORE (Pacific Wire) —", "NEW YORK, March 3 -"). */
static bool dateline_dash_after(const ng_doc *doc, uint32_t from)
{
    for (uint32_t i = from; i < doc->ntokens && i < from + 12; i++) {
        if (is_dash_tok(doc, i))
            return true;
        if (i > from && (doc->tokens[i].flags & NG_TOK_PARA_START))
            return false;
    }
    return false;
}

/* Datelines: "SINGAPORE (Pacific Wire) —".  The agency is the source of the
 * report, not a participant in it: its mention is dropped.  The capitalised
 * place that opens the paragraph is a place whatever the tagger said (all
 * capitals mislead it). */
static void dateline_mentions(ectx *c)
{
    const ng_doc *doc = c->doc;
    size_t w = 0;
    for (size_t k = 0; k < c->nm; k++) {
        ng_mention *m = &c->m[k];
        uint32_t p = m->first;
        while (p > 0 && !(doc->tokens[p].flags & NG_TOK_PARA_START) && m->first - p < 12)
            p--;
        bool para = doc->tokens[p].flags & NG_TOK_PARA_START;
        bool agency = para && m->first > p && tok_is(doc, m->first - 1, "(") && m->last + 1 < doc->ntokens &&
                      tok_is(doc, m->last, ")") && is_dash_tok(doc, m->last + 1);
        if (agency)
            continue;
        if (para && m->first == p && m->last < doc->ntokens && all_caps_span(doc, m->first, m->last) &&
            (tok_is(doc, m->last, "(") || tok_is(doc, m->last, ",") || is_dash_tok(doc, m->last)) &&
            dateline_dash_after(doc, m->last))
            m->type = NG_ENT_GPE;
        c->m[w++] = *m;
    }
    c->nm = w;
}

/* Products: a name the tagger calls MISC that an organisation owns ("its
 * Play Store", "Acme's Nimbus app") or that a product noun follows ("the
 * Nimbus app", "Vega phones"). */
static void products(ectx *c)
{
    static const char *const nouns[] = {"app", "apps", "service", "phone", "phones", "smartphone", "platform",
                                        "software", "browser", "chip", "chips", "model", "models", "game",
                                        "console", "device", "store", "car", "cars", "engine", "assistant",
                                        "chatbot", "network", "series", "drug", "vaccine", NULL};
    const ng_doc *doc = c->doc;
    for (size_t k = 0; k < c->nm; k++) {
        ng_mention *m = &c->m[k];
        if (m->type != NG_ENT_MISC || m->kind != NG_MK_NAME)
            continue;
        bool after_owner = m->first >= 2 && (tok_is(doc, m->first - 1, "'s") || tok_is(doc, m->first - 1, "its") ||
                                             tok_is(doc, m->first - 1, "\xe2\x80\x99s") || tok_is(doc, m->first - 1, "their"));
        bool noun_after = m->last < doc->ntokens && tok_in(doc, m->last, nouns);
        if ((after_owner && !word_listed(c, m->first, NG_GAZ_DEMONYM)) || noun_after)
            m->type = NG_ENT_PRODUCT;
    }
}

static void repair_names(ectx *c)
{
    if (!c->gaz) {
        dateline_mentions(c);
        return;
    }
    split_at_titles(c);
    for (size_t k = 0; k < c->nm; k++) {
        if (c->m[k].first >= c->m[k].last)
            continue; /* merged into the name before it */
        join_hyphenated(c, &c->m[k]);
        company_noun_before(c, &c->m[k]);
        extend_with_org_words(c, &c->m[k]);
        extend_with_event_word(c, &c->m[k]);
        retype_span(c, &c->m[k]);
    }
    size_t w = 0;
    for (size_t k = 0; k < c->nm; k++)
        if (c->m[k].first < c->m[k].last)
            c->m[w++] = c->m[k];
    c->nm = w;
    products(c);
    org_phrases(c);
    if (c->nm)
        qsort(c->m, c->nm, sizeof *c->m, cmp_mentions);
    join_given_names(c);
    dateline_mentions(c); /* last: the phrase rules above find agencies' names too */
}

static const char *const pronouns_m[] = {"he", "him", "his", "himself", NULL};
static const char *const pronouns_f[] = {"she", "her", "hers", "herself", NULL};
static const char *const pronouns_n[] = {"it", "its", "itself", NULL};
static const char *const pronouns_p[] = {"they", "them", "their", "theirs", "themselves", NULL};

static bool covered(const ectx *c, uint32_t i, size_t nnames)
{
    for (size_t k = 0; k < nnames; k++)
        if (i >= c->m[k].first && i < c->m[k].last)
            return true;
    return false;
}

/* Determiner of the noun phrase headed by noun i: "the", "a", a possessor,
 * or "" when none.  *start is the first token of the phrase's modifiers. */
static const char *determiner(const ectx *c, uint32_t i, uint32_t *start, bool *possessed)
{
    const ng_doc *doc = c->doc;
    static const char *const defs[] = {"the", "this", "that", "these", "those", "its", "their", "his", "her", NULL};
    static const char *const indefs[] = {"a", "an", "another", NULL};
    uint32_t sfirst = doc->sents[doc->tokens[i].sent].first;
    uint32_t j = i;
    *possessed = false;
    /* walk left over modifiers: adjectives, nouns, hyphens, numbers */
    while (j > sfirst) {
        const ng_token *p = &doc->tokens[j - 1];
        bool mod = p->upos == NG_UPOS_ADJ || p->upos == NG_UPOS_NOUN || p->upos == NG_UPOS_NUM ||
                   p->upos == NG_UPOS_PROPN || tok_is(doc, j - 1, "-") || p->upos == NG_UPOS_ADV;
        if (!mod || j < i - 5 || tok_in(doc, j - 1, defs) || tok_in(doc, j - 1, indefs))
            break;
        j--;
    }
    *start = j;
    if (j > sfirst && tok_in(doc, j - 1, defs))
        return "the";
    if (j > sfirst && tok_in(doc, j - 1, indefs))
        return "a";
    if (j > sfirst && (tok_is(doc, j - 1, "'s") || tok_is(doc, j - 1, "\xe2\x80\x99s"))) {
        *possessed = true;
        return "the";
    }
    return "";
}

/* Referring nouns ("the company", "a tech conference") and pronouns. */
static void other_mentions(ectx *c)
{
    const ng_doc *doc = c->doc;
    size_t nnames = c->nm;
    for (uint32_t i = 0; i < doc->ntokens; i++) {
        if (covered(c, i, nnames) || c->in_quote[i])
            continue;
        const ng_token *t = &doc->tokens[i];
        ng_mention m = {.first = i, .last = i + 1, .head = i, .kind = NG_MK_PRONOUN, .entity = -1};
        if (t->upos == NG_UPOS_PRON || t->upos == NG_UPOS_DET || !t->upos) {
            if (tok_in(doc, i, pronouns_m)) {
                m.type = NG_ENT_PERSON;
                m.gender = 1;
            } else if (tok_in(doc, i, pronouns_f)) {
                m.type = NG_ENT_PERSON;
                m.gender = 2;
            } else if (tok_in(doc, i, pronouns_n)) {
                if (t->deprel && strcmp(ng_deprel_name(t->deprel), "expl") == 0)
                    continue; /* "it is not clear" refers to nothing */
                m.type = NG_ENT_ORG;
            } else if (tok_in(doc, i, pronouns_p)) {
                m.type = NG_ENT_ORG;
                m.plural = 1;
            } else {
                continue;
            }
            push_mention(c, &m);
            continue;
        }
        if (t->upos != NG_UPOS_NOUN || !c->xlex)
            continue;
        /* only the head noun of its phrase: "conference" in "tech conference", not "tech" */
        if (i + 1 < doc->ntokens && doc->tokens[i + 1].upos == NG_UPOS_NOUN && doc->tokens[i + 1].sent == t->sent)
            continue;
        char lower[48];
        size_t n;
        const char *s = tok_text(doc, i, &n);
        if (n >= sizeof lower)
            continue;
        for (size_t k = 0; k < n; k++)
            lower[k] = (char)tolower((unsigned char)s[k]);
        lower[n] = '\0';
        const char *lemma = t->lemma && *t->lemma ? t->lemma : lower;
        const ng_nominal *nom = ng_xlex_nominal(c->xlex, lemma);
        if (!nom)
            continue;
        uint32_t start;
        bool possessed;
        const char *det = determiner(c, i, &start, &possessed);
        if (!*det)
            continue;
        m.kind = NG_MK_NOMINAL;
        m.type = nom->type;
        m.first = start;
        m.plural = strcmp(lemma, lower) != 0 && lower[n - 1] == 's';
        /* an indefinite noun introduces something new: only events with a
         * modifier ("a tech conference") are worth an entity */
        if (*det == 'a') {
            bool noun_modifier = false; /* "a tech conference", not "a quieter conference" */
            for (uint32_t k = start; k < i; k++)
                noun_modifier |= doc->tokens[k].upos == NG_UPOS_NOUN || doc->tokens[k].upos == NG_UPOS_PROPN;
            /* "a board meeting", "a charity event" are not worth an entity */
            static const char *const generic[] = {"meeting", "gathering", "ceremony", "event", "show", NULL};
            if (m.type != NG_ENT_EVENT || !noun_modifier || tok_in(doc, i, generic))
                continue;
            m.gender = 9; /* marks "indefinite" for resolution below */
        }
        /* never start inside a name: "China's main internet conference" */
        while (m.first < i && covered(c, m.first, nnames))
            m.first++;
        /* "the e-commerce group Qiandao Holdings": the noun describes the
         * name that follows; it refers back to nothing */
        if (i + 1 < doc->ntokens && covered(c, i + 1, nnames))
            continue;
        push_mention(c, &m);
    }
}

static int cmp_mentions(const void *a, const void *b)
{
    const ng_mention *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (int)(y->last - y->first) - (int)(x->last - x->first);
}

/* Sort mentions and drop any that overlaps an earlier (or longer) one. */
static void order_mentions(ectx *c)
{
    if (c->nm)
        qsort(c->m, c->nm, sizeof *c->m, cmp_mentions);
    size_t w = 0;
    for (size_t r = 0; r < c->nm; r++) {
        if (c->m[r].first >= c->m[r].last || (w && c->m[r].first < c->m[w - 1].last))
            continue;
        c->m[w++] = c->m[r];
    }
    c->nm = w;
}

/* ------------------------------------------------------- name grouping */

typedef struct name_toks {
    char t[MAX_NAME_TOKENS][48];
    int n;
} name_toks;

/* The words of a name: its tokens, dropping "the" and possessives. */
static void name_words(const ng_doc *doc, const ng_mention *m, name_toks *w)
{
    w->n = 0;
    for (uint32_t i = m->first; i < m->last && w->n < MAX_NAME_TOKENS; i++) {
        size_t n;
        const char *s = tok_text(doc, i, &n);
        /* "Seung" "-" "hoon" is one word: "Seung-hoon" */
        if (n == 1 && s[0] == '-' && w->n && i + 1 < m->last && doc->tokens[i - 1].end == doc->tokens[i].start &&
            doc->tokens[i].end == doc->tokens[i + 1].start) {
            size_t k;
            const char *nx = tok_text(doc, i + 1, &k);
            size_t have = strlen(w->t[w->n - 1]);
            if (have + 1 + k < sizeof w->t[0]) {
                w->t[w->n - 1][have] = '-';
                memcpy(w->t[w->n - 1] + have + 1, nx, k);
                w->t[w->n - 1][have + 1 + k] = '\0';
            }
            i++;
            continue;
        }
        if (n >= sizeof w->t[0] || (n == 1 && ispunct((unsigned char)s[0]) && s[0] != '&'))
            continue;
        if (w->n == 0 && n == 3 && ng_strnieq(s, "the", 3))
            continue;
        memcpy(w->t[w->n], s, n);
        w->t[w->n][n] = '\0';
        w->n++;
    }
}

static bool words_eq(const name_toks *a, const name_toks *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (!ng_strieq(a->t[i], b->t[i]))
            return false;
    return true;
}

/* a's words appear in b in order. */
static bool subsequence(const name_toks *a, const name_toks *b)
{
    int j = 0;
    for (int i = 0; i < b->n && j < a->n; i++)
        if (ng_strieq(a->t[j], b->t[i]))
            j++;
    return j == a->n;
}

static bool is_given(const ectx *c, const char *w)
{
    return (gaz_lists(c, w, strlen(w), NG_GAZ_EXACT) >> NG_GAZ_GIVEN_NAME) & 1u;
}

static bool is_surname(const ectx *c, const char *w)
{
    return (gaz_lists(c, w, strlen(w), NG_GAZ_EXACT) >> NG_GAZ_SURNAME) & 1u;
}

/* Index of the family name among a person's name words.  "Pony Ma
 * Huateng" (an English given name before a Chinese name) -> 1; "Xi Jinping"
 * (family name first) -> 0; otherwise the last word. */
static int surname_index(const ectx *c, const name_toks *w)
{
    if (w->n >= 3 && is_given(c, w->t[0]) && is_surname(c, w->t[1]) && !is_surname(c, w->t[w->n - 1]))
        return 1;
    if (w->n == 2 && is_surname(c, w->t[0]) && !is_given(c, w->t[0]) && is_given(c, w->t[1]) &&
        !is_surname(c, w->t[1]))
        return 0;
    /* "Choi Seung-hoon": a hyphenated given name after the family name, as
     * Korean (and some Chinese) names are romanised */
    if (w->n == 2 && strchr(w->t[1], '-') && islower((unsigned char)strchr(w->t[1], '-')[1]))
        return 0;
    return w->n - 1;
}

static uint8_t gender_of(const ectx *c, const name_toks *w)
{
    if (!c->gaz || w->n < 2)
        return 0;
    const char *g = ng_gaz_value(c->gaz, NG_GAZ_GIVEN_NAME, w->t[0], strlen(w->t[0]));
    return g && g[0] == 'm' ? 1 : g && g[0] == 'f' ? 2 : 0;
}

/* The word is an organisation keyword or company word ("Bank", "Group"). */
static bool org_word_str(const ectx *c, const char *w)
{
    size_t n = strlen(w);
    return (c->xlex && ng_xlex_is_designator(c->xlex, w, n)) || (c->gaz && ng_gaz_value(c->gaz, NG_GAZ_ORG_SUFFIX, w, n));
}

/* A word a company's name may drop: "Group", "Holdings", a legal form. */
static bool generic_org_word(const ectx *c, const char *w)
{
    size_t n = strlen(w);
    if (c->xlex && ng_xlex_is_designator(c->xlex, w, n))
        return true;
    const char *kind = c->gaz ? ng_gaz_value(c->gaz, NG_GAZ_ORG_SUFFIX, w, n) : NULL;
    return kind && strncmp(kind, "legal", 5) == 0;
}

/* Drop trailing generic company words and legal forms: the core of an
 * organisation's name ("Alibaba Group Holding" -> "Alibaba"). */
static void org_core(const ectx *c, const name_toks *w, name_toks *core)
{
    *core = *w;
    while (core->n > 1 && generic_org_word(c, core->t[core->n - 1]))
        core->n--;
}

/* Initials of the capitalised words ("World Internet Conference" -> "WIC"). */
static void initials(const name_toks *w, char *out, size_t size)
{
    size_t k = 0;
    for (int i = 0; i < w->n && k + 1 < size; i++)
        if (isupper((unsigned char)w->t[i][0]))
            out[k++] = w->t[i][0];
    out[k] = '\0';
}

static bool is_acronym_of(const name_toks *acro, const name_toks *full)
{
    if (acro->n != 1 || full->n < 2)
        return false;
    const char *a = acro->t[0];
    size_t n = strlen(a);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)a[i]))
            return false;
    char ini[16];
    initials(full, ini, sizeof ini);
    return strcmp(ini, a) == 0;
}

static bool types_compatible(uint8_t a, uint8_t b)
{
    if (a == b)
        return true;
    /* the tagger wavers between these for companies, products and events */
    return a == NG_ENT_MISC || b == NG_ENT_MISC || (a == NG_ENT_ORG && b == NG_ENT_PRODUCT) ||
           (a == NG_ENT_PRODUCT && b == NG_ENT_ORG);
}

/* Does name mention m (words w) refer to entity e (canonical words ew)? */
static bool same_name(const ectx *c, const ng_mention *m, const name_toks *w, const ent *e, const name_toks *ew)
{
    if (words_eq(w, ew) || is_acronym_of(w, ew) || is_acronym_of(ew, w))
        return true;
    if (!types_compatible(m->type, e->type))
        return false;
    switch (e->type == NG_ENT_MISC ? m->type : e->type) {
    case NG_ENT_PERSON:
        if (m->type != NG_ENT_PERSON && m->type != NG_ENT_MISC)
            return false;
        if (w->n == 1)
            return ng_strieq(w->t[0], e->surname) ||
                   (strlen(e->surname) >= 5 && edit_distance(w->t[0], e->surname) <= 1) ||
                   /* "Li" for "Li Wen": a family name first, as Chinese names are written */
                   (ew->n == 2 && ng_strieq(w->t[0], ew->t[0]) && is_surname(c, ew->t[0]));
        return subsequence(w, ew) || subsequence(ew, w);
    case NG_ENT_ORG:
    case NG_ENT_PRODUCT: {
        name_toks a, b;
        org_core(c, w, &a);
        org_core(c, ew, &b);
        if (words_eq(&a, &b) || is_acronym_of(w, ew) || is_acronym_of(ew, w))
            return true;
        /* "Lanting" for "Lanting Cloud": the distinctive first word, when it
         * is no place or person's name of its own */
        return w->n == 1 && ew->n >= 2 && strcmp(w->t[0], ew->t[0]) == 0 && !org_word_str(c, w->t[0]) &&
               !(gaz_lists(c, w->t[0], strlen(w->t[0]), NG_GAZ_EXACT) &
                 ((1u << NG_GAZ_COUNTRY) | (1u << NG_GAZ_CITY) | (1u << NG_GAZ_GIVEN_NAME) | (1u << NG_GAZ_DEMONYM)));
    }
    case NG_ENT_GPE:
    case NG_ENT_LOC:
        return false; /* countries were matched by their canonical name; places by exact name */
    default:
        return is_acronym_of(w, ew) || is_acronym_of(ew, w);
    }
}

static int32_t new_entity(ectx *c, int32_t mention, uint8_t type, bool nominal)
{
    if (!NG_GROW(c->e, c->cape, c->ne + 1)) {
        c->oom = true;
        return -1;
    }
    ent *e = &c->e[c->ne];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->nominal = nominal;
    e->canon = e->last = mention;
    return (int32_t)c->ne++;
}

static void attach(ectx *c, int32_t mi, int32_t ei)
{
    c->m[mi].entity = ei;
    c->e[ei].last = mi;
    c->e[ei].nmentions++;
}

/* Recompute what an entity knows from its canonical mention. */
static void entity_from_canon(ectx *c, int32_t ei)
{
    ent *e = &c->e[ei];
    name_toks w;
    name_words(c->doc, &c->m[e->canon], &w);
    if (e->type == NG_ENT_PERSON && w.n) {
        int s = surname_index(c, &w);
        snprintf(e->surname, sizeof e->surname, "%s", w.t[s]);
        if (!e->gender)
            e->gender = gender_of(c, &w);
    }
}

/* The country a GPE mention names ("US", "American" -> "United States"). */
static const char *country_of(const ectx *c, const ng_mention *m)
{
    if (!c->gaz)
        return NULL;
    char text[256];
    mention_text(c->doc, m, text, sizeof text);
    return ng_gaz_country_of(c->gaz, text, strlen(text));
}

/* "X, also known as Y", "X (Y)", "X, or Y": the mention before the phrase. */
static int32_t alias_antecedent(const ectx *c, size_t mi)
{
    const ng_doc *doc = c->doc;
    const ng_mention *m = &c->m[mi];
    if (mi == 0)
        return -1;
    const ng_mention *p = &c->m[mi - 1];
    if (p->kind != NG_MK_NAME || doc->tokens[p->first].sent != doc->tokens[m->first].sent)
        return -1;
    uint32_t gap = m->first - p->last;
    /* "(WIC)" */
    if (gap == 1 && tok_is(doc, p->last, "("))
        return (int32_t)(mi - 1);
    /* ", also known as (the)", "known as", "aka", "dubbed", "formerly" */
    uint32_t i = p->last;
    if (i < m->first && tok_is(doc, i, ","))
        i++;
    if (i < m->first && tok_is(doc, i, "also"))
        i++;
    bool cue = false;
    if (i + 1 < m->first && tok_is(doc, i, "known") && tok_is(doc, i + 1, "as")) {
        cue = true;
        i += 2;
    } else if (i < m->first && (tok_is(doc, i, "aka") || tok_is(doc, i, "a.k.a.") || tok_is(doc, i, "dubbed") ||
                                tok_is(doc, i, "formerly") || tok_is(doc, i, "nicknamed"))) {
        cue = true;
        i++;
    }
    if (cue && i < m->first && tok_is(doc, i, "the"))
        i++;
    return cue && i == m->first ? (int32_t)(mi - 1) : -1;
}

static void group_names(ectx *c)
{
    for (size_t mi = 0; mi < c->nm; mi++) {
        ng_mention *m = &c->m[mi];
        if (m->kind != NG_MK_NAME && m->kind != NG_MK_DEMONYM)
            continue;
        int32_t found = -1;
        const char *country = (m->type == NG_ENT_GPE) ? country_of(c, m) : NULL;
        int32_t ante = alias_antecedent(c, mi);
        if (ante >= 0 && c->m[ante].entity >= 0 && m->kind == NG_MK_NAME) {
            found = c->m[ante].entity;
        } else if (country) {
            for (size_t ei = 0; ei < c->ne && found < 0; ei++)
                if (strcmp(c->e[ei].country, country) == 0)
                    found = (int32_t)ei;
        } else if (m->kind == NG_MK_NAME) {
            name_toks w;
            name_words(c->doc, m, &w);
            if (w.n == 0)
                continue;
            /* the most recently mentioned entity that fits */
            int32_t best = -1;
            for (size_t ei = 0; ei < c->ne; ei++) {
                ent *e = &c->e[ei];
                if (e->nominal)
                    continue;
                name_toks ew;
                name_words(c->doc, &c->m[e->canon], &ew);
                if (same_name(c, m, &w, e, &ew) && (best < 0 || e->last > c->e[best].last))
                    best = (int32_t)ei;
            }
            found = best;
        } else {
            continue; /* a nationality word for a country we cannot name */
        }
        if (found < 0) {
            found = new_entity(c, (int32_t)mi, m->type, false);
            if (found < 0)
                return;
            if (country)
                snprintf(c->e[found].country, sizeof c->e[found].country, "%s", country);
        } else if (m->kind == NG_MK_NAME) {
            /* a longer name becomes the canonical one; a name beats a nationality word */
            ent *e = &c->e[found];
            const ng_mention *cm = &c->m[e->canon];
            if (cm->kind == NG_MK_DEMONYM || (!country && m->last - m->first > cm->last - cm->first))
                e->canon = (int32_t)mi;
            if (e->type == NG_ENT_MISC && m->type != NG_ENT_MISC)
                e->type = m->type;
        }
        attach(c, (int32_t)mi, found);
        entity_from_canon(c, found);
    }
}

/* ------------------------------------------------------ references */

/* The subject of sentence s's main clause, if the parse has one. */
static int64_t sentence_subject(const ectx *c, size_t s)
{
    if (!c->parsed)
        return -1;
    const ng_sentence *sent = &c->doc->sents[s];
    for (uint32_t i = sent->first; i < sent->first + sent->ntokens; i++) {
        const ng_token *t = &c->doc->tokens[i];
        if (!t->deprel || strncmp(ng_deprel_name(t->deprel), "nsubj", 5) != 0)
            continue;
        int32_t h = t->head;
        if (h >= 0 && c->doc->tokens[h].deprel == ng_deprel_id("root"))
            return i;
    }
    return -1;
}

static bool unknown_name(const ectx *c, const ng_mention *m);

static bool fits(const ectx *c, const ng_mention *ref, const ent *e)
{
    /* "Voltra ... It withdrew": a name no list knows as a person's, typed a
     * person by guess, may be the company "it" refers to */
    if (e->type == NG_ENT_PERSON && ref->kind == NG_MK_PRONOUN && ref->type != NG_ENT_PERSON && !ref->plural &&
        !e->gender && unknown_name(c, &c->m[e->canon]))
        return true;
    if (e->type == NG_ENT_PERSON)
        return ref->type == NG_ENT_PERSON && (!ref->gender || !e->gender || ref->gender == e->gender);
    if (ref->type == NG_ENT_PERSON)
        return false;
    if (ref->kind == NG_MK_PRONOUN) {
        /* they, their: organisations ("the firms ... they"); it, its: also events, places, things */
        if (ref->plural)
            return e->type == NG_ENT_ORG || e->type == NG_ENT_MISC;
        return e->type != NG_ENT_LOC;
    }
    (void)c;
    (void)c;
    return ref->type == e->type || (ref->type == NG_ENT_ORG && e->type == NG_ENT_MISC);
}

static bool unknown_name(const ectx *c, const ng_mention *m);

/* How well entity e suits a pronoun: 0 not at all; "it" and "its" prefer
 * an organisation to an event, a thing, then a place. */
static int suitability(const ectx *c, const ng_mention *ref, const ent *e)
{
    if (!fits(c, ref, e))
        return 0;
    if (ref->type == NG_ENT_PERSON) /* a name a list knows as a person's beats a guess */
        return e->gender || unknown_name(c, &c->m[e->canon]) == false ? 3 : 2;
    switch (e->type) {
    case NG_ENT_ORG: return 3;
    case NG_ENT_EVENT: case NG_ENT_PRODUCT: case NG_ENT_MISC: return 2;
    default: return 1;
    }
}

/* A candidate antecedent: a resolved name, description or pronoun outside
 * quotes ("He brushed off ... 'We talk,' he said": the first "he" carries
 * its referent on). */
static bool candidate(const ectx *c, const ng_mention *a)
{
    return a->entity >= 0 && a->kind != NG_MK_DEMONYM && !c->in_quote[a->first];
}

/* True when every token of sentence s lies inside quotation marks (or is
 * one): such a sentence speaks, it does not introduce the referent. */
static bool quoted_sentence(const ectx *c, uint32_t s)
{
    const ng_sentence *sent = &c->doc->sents[s];
    uint32_t inside = 0;
    for (uint32_t i = sent->first; i < sent->first + sent->ntokens; i++)
        inside += c->in_quote[i] || c->doc->tokens[i].upos == NG_UPOS_PUNCT;
    return sent->ntokens && inside == sent->ntokens;
}

/* The antecedent of a pronoun: within its sentence the latest fitting
 * mention before it; in earlier sentences (quoted speech skipped) the
 * subject, else the best-suited mention, earliest first (the topic). */
static int32_t pronoun_antecedent(const ectx *c, size_t mi)
{
    const ng_mention *r = &c->m[mi];
    uint32_t sent = c->doc->tokens[r->first].sent;
    int32_t here = -1;
    int here_score = 0;
    for (size_t k = mi; k-- > 0;) {
        const ng_mention *a = &c->m[k];
        if (c->doc->tokens[a->first].sent != sent)
            break;
        int score = candidate(c, a) ? suitability(c, r, &c->e[a->entity]) : 0;
        if (score > here_score) {
            here_score = score;
            here = a->entity;
        }
    }
    if (here >= 0)
        return here;
    uint32_t counted = 0;
    for (uint32_t back = 1; back <= 8 && back <= sent && counted < PRONOUN_WINDOW; back++) {
        uint32_t s = sent - back;
        if (quoted_sentence(c, s))
            continue;
        counted++;
        int64_t subj = sentence_subject(c, s);
        for (size_t k = 0; subj >= 0 && k < c->nm; k++) {
            const ng_mention *a = &c->m[k];
            if (subj >= a->first && subj < a->last && candidate(c, a) && suitability(c, r, &c->e[a->entity]) >= 2)
                return a->entity;
        }
        int32_t best = -1;
        int best_score = 0;
        for (size_t k = 0; k < mi; k++) {
            const ng_mention *a = &c->m[k];
            if (c->doc->tokens[a->first].sent != s || !candidate(c, a))
                continue;
            int score = suitability(c, r, &c->e[a->entity]);
            if (score > best_score) {
                best_score = score;
                best = a->entity;
            }
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

/* The last word of an entity's canonical name, lowercased. */
static void name_head(const ectx *c, const ent *e, char *out, size_t size)
{
    const ng_mention *m = &c->m[e->canon];
    uint32_t h = m->kind == NG_MK_NOMINAL ? m->head : m->last - 1;
    size_t n;
    const char *s = tok_text(c->doc, h, &n);
    n = NG_MIN(n, size - 1);
    for (size_t k = 0; k < n; k++)
        out[k] = (char)tolower((unsigned char)s[k]);
    out[n] = '\0';
}

/* The referent of "the company", "the conference", "the country": among
 * earlier entities of the type, one whose name ends in the same noun ("the
 * conference" -> "... Conference"), else the latest named one, else the
 * latest described one. */
static int32_t nominal_antecedent(const ectx *c, size_t mi)
{
    const ng_mention *r = &c->m[mi];
    const ng_token *h = &c->doc->tokens[r->head];
    char lemma[48], head[48];
    snprintf(lemma, sizeof lemma, "%s", h->lemma ? h->lemma : "");
    const ng_nominal *nom = c->xlex ? ng_xlex_nominal(c->xlex, lemma) : NULL;
    const char *sub = nom ? nom->subtype : "";
    int32_t same_head = -1, named = -1, any = -1;
    for (size_t k = mi; k-- > 0;) {
        const ng_mention *a = &c->m[k];
        if (a->entity < 0 || c->e[a->entity].type != r->type)
            continue;
        const ent *e = &c->e[a->entity];
        if (r->type == NG_ENT_GPE && strcmp(sub, "country") == 0 && !e->country[0])
            continue;
        if (r->type == NG_ENT_GPE && *sub && strcmp(sub, "country") != 0 && e->country[0])
            continue;
        if (any < 0)
            any = a->entity;
        if (named < 0 && !e->nominal)
            named = a->entity;
        name_head(c, e, head, sizeof head);
        if (same_head < 0 && *lemma && strcmp(head, lemma) == 0)
            same_head = a->entity;
    }
    int32_t best = same_head >= 0 ? same_head : named >= 0 ? named : any;
    /* an event named only later in the text (a headline's "the summit") */
    if (best < 0 && r->type == NG_ENT_EVENT)
        for (size_t k = mi + 1; k < c->nm && best < 0; k++)
            if (c->m[k].kind == NG_MK_NAME && c->m[k].entity >= 0 && c->e[c->m[k].entity].type == NG_ENT_EVENT)
                best = c->m[k].entity;
    return best;
}

/* Acronyms introduced in parentheses ("... (VdS)") and used again where the
 * tagger missed them: every later occurrence is a mention. */
static void acronym_mentions(ectx *c)
{
    const ng_doc *doc = c->doc;
    size_t n0 = c->nm;
    for (size_t k = 0; k < n0; k++) {
        const ng_mention *m = &c->m[k];
        if (m->kind != NG_MK_NAME || m->last - m->first != 1 || m->entity < 0)
            continue;
        size_t len;
        const char *a = tok_text(doc, m->first, &len);
        int upper = 0;
        for (size_t q = 0; q < len; q++)
            upper += isupper((unsigned char)a[q]);
        if (upper < 2 || len > 8 || m->first == 0 || !tok_is(doc, m->first - 1, "("))
            continue;
        for (uint32_t i = m->last; i < doc->ntokens; i++) {
            size_t l2;
            const char *b = tok_text(doc, i, &l2);
            if (l2 != len || memcmp(a, b, len) != 0 || mention_index_at(c, i) >= 0)
                continue;
            ng_mention add = *m;
            add.first = i;
            add.last = i + 1;
            add.head = i;
            if (push_mention(c, &add))
                attach(c, (int32_t)(c->nm - 1), m->entity);
        }
    }
    if (c->nm)
        qsort(c->m, c->nm, sizeof *c->m, cmp_mentions);
}

/* "the Dialogue" for "the Alpine Economic Dialogue": an event's keyword,
 * capitalised after "the", names the event again. */
static void short_event_mentions(ectx *c)
{
    const ng_doc *doc = c->doc;
    size_t n0 = c->nm;
    for (size_t k = 0; k < n0; k++) {
        const ng_mention *m = &c->m[k];
        if (m->kind != NG_MK_NAME || m->entity < 0 || c->e[m->entity].type != NG_ENT_EVENT || m->last - m->first < 2 ||
            !word_listed(c, m->last - 1, NG_GAZ_EVENT_KEYWORD))
            continue;
        size_t len;
        const char *kw = tok_text(doc, m->last - 1, &len);
        for (uint32_t i = m->last; i < doc->ntokens; i++) {
            size_t l2;
            const char *w = tok_text(doc, i, &l2);
            if (l2 != len || memcmp(w, kw, len) != 0 || !tok_is(doc, i - 1, "the") || mention_index_at(c, i) >= 0)
                continue;
            ng_mention add = *m;
            add.first = add.head = i;
            add.last = i + 1;
            if (push_mention(c, &add))
                attach(c, (int32_t)(c->nm - 1), m->entity);
        }
    }
    if (c->nm > n0)
        qsort(c->m, c->nm, sizeof *c->m, cmp_mentions);
}

static void resolve_references(ectx *c)
{
    for (size_t mi = 0; mi < c->nm; mi++) {
        ng_mention *m = &c->m[mi];
        if (m->entity >= 0)
            continue;
        int32_t e = -1;
        if (m->kind == NG_MK_PRONOUN) {
            e = pronoun_antecedent(c, mi);
        } else if (m->kind == NG_MK_NOMINAL) {
            bool indefinite = m->gender == 9;
            m->gender = 0;
            e = indefinite ? -1 : nominal_antecedent(c, mi);
            /* an event described but not named ("a tech conference"), or
             * named in a way we did not recognise ("the fair" of a report
             * about one) starts an entity of its own */
            if (e < 0 && m->type == NG_ENT_EVENT)
                e = new_entity(c, (int32_t)mi, NG_ENT_EVENT, true);
        }
        if (e >= 0)
            attach(c, (int32_t)mi, e);
    }
}

/* ----------------------------------------------------------- output */

/* Add s to the alias list (unless it is the name or already there). */
static void add_alias(ng_doc *doc, const char **aliases, uint32_t *n, uint32_t max, const char *name, const char *s)
{
    if (!*s || *n >= max || ng_strieq(s, name))
        return;
    for (uint32_t k = 0; k < *n; k++)
        if (ng_strieq(aliases[k], s))
            return;
    const char *copy = ng_arena_strdup(&doc->arena, s);
    if (copy)
        aliases[(*n)++] = copy;
}

/* Name variants news uses for the same entity: "Pony Ma" and "Ma Huateng"
 * for "Pony Ma Huateng"; "Alibaba Group" and "Alibaba" for "Alibaba Group
 * Holding". */
static void generated_aliases(ectx *c, int32_t ei, const name_toks *w, const char **aliases, uint32_t *n,
                              uint32_t max, const char *name)
{
    char buf[256];
    const ent *e = &c->e[ei];
    if (e->type == NG_ENT_PERSON && w->n == 3 && surname_index(c, w) == 1) {
        snprintf(buf, sizeof buf, "%s %s", w->t[0], w->t[1]);
        add_alias(c->doc, aliases, n, max, name, buf);
        snprintf(buf, sizeof buf, "%s %s", w->t[1], w->t[2]);
        add_alias(c->doc, aliases, n, max, name, buf);
    }
    if (e->type == NG_ENT_ORG) {
        for (int k = w->n - 1; k > 0 && generic_org_word(c, w->t[k]); k--) {
            size_t len = 0;
            buf[0] = '\0';
            for (int i = 0; i < k && len + strlen(w->t[i]) + 2 < sizeof buf; i++)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "", w->t[i]);
            add_alias(c->doc, aliases, n, max, name, buf);
        }
    }
}

#define MAX_ALIASES 16

static int build_output(ectx *c)
{
    ng_doc *doc = c->doc;
    ng_entity *out = c->ne ? ng_arena_calloc(&doc->arena, c->ne * sizeof *out) : NULL;
    if (c->ne && !out)
        return NG_ENOMEM;
    for (size_t ei = 0; ei < c->ne; ei++) {
        const ent *e = &c->e[ei];
        ng_entity *o = &out[ei];
        char text[256];
        o->type = e->type;
        o->nominal = e->nominal;
        const ng_mention *cm = &c->m[e->canon];
        if (e->country[0])
            snprintf(text, sizeof text, "%s", e->country);
        else if (cm->kind == NG_MK_NOMINAL)
            mention_text(doc, &(ng_mention){.first = cm->first, .last = cm->head + 1}, text, sizeof text);
        else
            mention_text(doc, cm, text, sizeof text);
        o->name = ng_arena_strdup(&doc->arena, text);
        const char **aliases = ng_arena_calloc(&doc->arena, MAX_ALIASES * sizeof *aliases);
        ng_span *spans = ng_arena_calloc(&doc->arena, (e->nmentions + 1) * sizeof *spans);
        if (!o->name || !aliases || !spans)
            return NG_ENOMEM;
        uint32_t na = 0, nspan = 0;
        for (size_t mi = 0; mi < c->nm; mi++) {
            const ng_mention *m = &c->m[mi];
            if (m->entity != (int32_t)ei)
                continue;
            spans[nspan].start = doc->tokens[m->first].start;
            spans[nspan].end = doc->tokens[m->last - 1].end;
            nspan++;
            if (m->kind == NG_MK_NAME || (m->kind == NG_MK_NOMINAL && e->nominal)) {
                char t[256];
                mention_text(doc, m->kind == NG_MK_NOMINAL ? &(ng_mention){.first = m->first, .last = m->head + 1} : m,
                             t, sizeof t);
                add_alias(doc, aliases, &na, MAX_ALIASES, o->name, t);
            }
        }
        if (cm->kind == NG_MK_NAME) {
            name_toks w;
            name_words(doc, cm, &w);
            generated_aliases(c, (int32_t)ei, &w, aliases, &na, MAX_ALIASES, o->name);
        }
        o->aliases = aliases;
        o->naliases = na;
        o->mentions = spans;
        o->nmentions = nspan;
    }
    doc->entities = out;
    doc->nentities = c->ne;
    return NG_OK;
}

/* No list knows any word of the name as a person's name or a place. */
static bool unknown_name(const ectx *c, const ng_mention *m)
{
    if (!c->gaz || m->kind != NG_MK_NAME || listed_place(c, m))
        return false;
    for (uint32_t i = m->first; i < m->last; i++)
        if (word_listed(c, i, NG_GAZ_GIVEN_NAME) || word_listed(c, i, NG_GAZ_SURNAME) ||
            word_listed(c, i, NG_GAZ_CITY) || word_listed(c, i, NG_GAZ_COUNTRY))
            return false;
    return true;
}

static int store_mentions(ectx *c)
{
    ng_doc *doc = c->doc;
    struct ng_doc_mentions *dm = ng_arena_calloc(&doc->arena, sizeof *dm);
    if (!dm)
        return NG_ENOMEM;
    dm->items = c->nm ? ng_arena_alloc(&doc->arena, c->nm * sizeof *dm->items) : NULL;
    dm->at = ng_arena_alloc(&doc->arena, (doc->ntokens + 1) * sizeof *dm->at);
    dm->nominal = ng_arena_calloc(&doc->arena, c->ne + 1);
    dm->unknown = ng_arena_calloc(&doc->arena, c->ne + 1);
    if ((c->nm && !dm->items) || !dm->at || !dm->nominal || !dm->unknown)
        return NG_ENOMEM;
    if (c->nm)
        memcpy(dm->items, c->m, c->nm * sizeof *c->m);
    dm->n = c->nm;
    for (size_t i = 0; i < doc->ntokens; i++)
        dm->at[i] = -1;
    for (size_t mi = 0; mi < c->nm; mi++)
        for (uint32_t i = c->m[mi].first; i < c->m[mi].last; i++)
            dm->at[i] = (int32_t)mi;
    /* the main event: the event mentioned most, a named one over a description */
    dm->main_event = -1;
    uint32_t best = 0;
    for (size_t ei = 0; ei < c->ne; ei++) {
        dm->nominal[ei] = c->e[ei].nominal;
        dm->unknown[ei] = unknown_name(c, &c->m[c->e[ei].canon]);
        if (c->e[ei].type != NG_ENT_EVENT)
            continue;
        uint32_t score = c->e[ei].nmentions * 2 + !c->e[ei].nominal;
        if (score > best) {
            best = score;
            dm->main_event = (int32_t)ei;
        }
    }
    doc->mentions = dm;
    return NG_OK;
}

int ng_entities_run(const ng_lexicons *gaz, const ng_xlex *xlex, ng_doc *doc, ng_error *err)
{
    ectx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.gaz = gaz;
    c.xlex = xlex;
    for (size_t i = 0; i < doc->ntokens && !c.parsed; i++)
        c.parsed = doc->tokens[i].deprel != 0;
    c.in_quote = ng_calloc(doc->ntokens + 1, sizeof *c.in_quote);
    int rc = c.in_quote ? NG_OK : NG_ENOMEM;
    if (rc == NG_OK) {
        mark_quotes(&c);
        name_mentions(&c);
        repair_names(&c);
        other_mentions(&c);
        order_mentions(&c);
        group_names(&c);
        acronym_mentions(&c);
        short_event_mentions(&c);
        resolve_references(&c);
        rc = c.oom ? NG_ENOMEM : build_output(&c);
    }
    if (rc == NG_OK)
        rc = store_mentions(&c);
    ng_free(c.in_quote, (doc->ntokens + 1) * sizeof *c.in_quote);
    ng_free(c.m, c.capm * sizeof *c.m);
    ng_free(c.e, c.cape * sizeof *c.e);
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "entities: out of memory");
}

/* ---------------------------------------------------------- lookups */

int32_t ng_entity_at(const ng_doc *doc, uint32_t i)
{
    const ng_mention *m = ng_mention_at(doc, i);
    return m ? m->entity : -1;
}

const ng_mention *ng_mention_at(const ng_doc *doc, uint32_t i)
{
    if (!doc->mentions || i >= doc->ntokens || doc->mentions->at[i] < 0)
        return NULL;
    return &doc->mentions->items[doc->mentions->at[i]];
}

int32_t ng_main_event(const ng_doc *doc)
{
    return doc->mentions ? doc->mentions->main_event : -1;
}

bool ng_entity_nominal(const ng_doc *doc, int32_t e)
{
    return doc->mentions && e >= 0 && (size_t)e < doc->nentities && doc->mentions->nominal[e];
}

bool ng_entity_unknown(const ng_doc *doc, int32_t e)
{
    return doc->mentions && e >= 0 && (size_t)e < doc->nentities && doc->mentions->unknown[e];
}
