/*
 * roles.c - who holds which position where.  A role fact joins a person, a
 * title from lexicons/titles.txt and an organisation (or a country) in the
 * ways news writes them:
 *   ORG TITLE PERSON          "Baidu boss Robin Li", "former Acme chief executive Jo Smith"
 *   ORG's [TITLE] PERSON      "Apple's Tim Cook", "its chairman and CEO Jo Smith"
 *   PERSON, [the] TITLE of|at ORG   "Jo Smith, chief executive of Acme"
 *   PERSON, ORG's TITLE       "Jo Smith, Acme's finance chief"
 *   PERSON from|of ORG        "Robin Li from Baidu" (no title)
 *   TITLE PERSON              with the organisation the sentence is about
 * The matcher reads tokens, names and the titles list; the parse, when there
 * is one, only supplies the sentence's subject for the last pattern.
 */
#include "extract.h"

#include "kb/gazetteer.h"

#include <stdio.h>

#define SCAN_AFTER_OF 14 /* tokens between "of" and the organisation's name */

typedef struct title_span {
    uint32_t first, last; /* the title's tokens, "chairman and CEO" included */
    bool former;          /* "former", "ex-" before it (or before its organisation) */
} title_span;

static bool is_word(const ng_xctx *c, uint32_t i, const char *w)
{
    return ng_tree_has(&c->tree, i) && ng_x_is(c, i, w);
}

/* A verb that heads a clause (past, present, modal), not a participle
 * inside a noun phrase ("Texas-based"). */
static bool is_finite_verb(const ng_xctx *c, uint32_t i)
{
    static const char *const finite[] = {"VBD", "VBZ", "VBP", "MD"};
    int x = c->doc->tokens[i].xpos;
    for (size_t k = 0; k < NG_ARRAY_LEN(finite); k++)
        if (x == ng_xpos_id(finite[k]))
            return true;
    return ng_x_is(c, i, "said");
}

static bool is_possessive(const ng_xctx *c, uint32_t i)
{
    return is_word(c, i, "'s") || is_word(c, i, "'");
}

static const ng_mention *mention_of(const ng_xctx *c, int64_t i)
{
    return ng_tree_has(&c->tree, i) ? ng_mention_at(c->doc, (uint32_t)i) : NULL;
}

/* The entity of a PERSON mention (name or resolved pronoun) starting at i. */
static int32_t person_at(const ng_xctx *c, int64_t i)
{
    const ng_mention *m = mention_of(c, i);
    if (!m || m->first != i || m->entity < 0 || c->doc->entities[m->entity].type != NG_ENT_PERSON)
        return -1;
    return m->kind == NG_MK_NOMINAL ? -1 : m->entity;
}

/* The organisation (or country) of a mention that ends just before i. */
static int32_t org_ending_before(const ng_xctx *c, int64_t i, uint32_t *start)
{
    const ng_mention *m = mention_of(c, i - 1);
    if (!m || m->entity < 0 || m->last != i)
        return -1;
    int t = c->doc->entities[m->entity].type;
    /* a name no list knows, typed a person or place by guess ("Wyraj's
     * chief executive"), may well be the company */
    bool guess = (t == NG_ENT_PERSON || t == NG_ENT_LOC) && ng_entity_unknown(c->doc, m->entity);
    if (t != NG_ENT_ORG && t != NG_ENT_GPE && t != NG_ENT_MISC && !guess)
        return -1;
    *start = m->first;
    return m->entity;
}

/* Any entity of a name mention ending just before i. */
static int32_t org_ending_before_any(const ng_xctx *c, int64_t i, uint32_t *start)
{
    const ng_mention *m = mention_of(c, i - 1);
    if (!m || m->entity < 0 || m->last != i || m->kind != NG_MK_NAME)
        return -1;
    *start = m->first;
    return m->entity;
}

static bool is_former(const ng_xctx *c, int64_t i)
{
    if (!ng_tree_has(&c->tree, i))
        return false;
    const ng_cue *cue = ng_xlex_cue(c->xlex, ng_tree_lower(&c->tree, (uint32_t)i), NG_CUE_TITLE);
    return cue && cue->kind == NG_CUE_FORMER;
}

/* Title spans of the sentence, joined over "and" ("chairman and CEO"). */
static size_t find_titles(ng_xctx *c, title_span *out, size_t max)
{
    uint32_t n = c->tree.n;
    ng_gaz_tag *tags = ng_calloc(n + 1, sizeof *tags);
    if (!tags)
        return 0;
    ng_gaz_match(c->gaz, c->doc, c->tree.first, n, NG_GAZ_FOLD, tags);
    const uint32_t bit = 1u << NG_GAZ_TITLE;
    size_t k = 0;
    for (uint32_t j = 0; j < n && k < max;) {
        if (!(tags[j].b & bit) || ng_mention_at(c->doc, c->tree.first + j)) {
            j++;
            continue;
        }
        uint32_t e = j + 1;
        while (e < n && (tags[e].i & bit) && !(tags[e].b & bit))
            e++;
        /* "chairman and CEO", "president & chief executive" */
        while (e + 1 < n && (is_word(c, c->tree.first + e, "and") || is_word(c, c->tree.first + e, "&")) &&
               (tags[e + 1].b & bit)) {
            e += 2;
            while (e < n && (tags[e].i & bit) && !(tags[e].b & bit))
                e++;
        }
        title_span *t = &out[k++];
        t->first = c->tree.first + j;
        t->last = c->tree.first + e;
        t->former = is_former(c, (int64_t)t->first - 1) || is_former(c, (int64_t)t->first - 2);
        j = e;
    }
    ng_free(tags, (n + 1) * sizeof *tags);
    return k;
}

static const char *span_text(ng_xctx *c, uint32_t first, uint32_t last)
{
    uint32_t s = c->doc->tokens[first].start, e = c->doc->tokens[last - 1].end;
    return ng_arena_strndup(&c->doc->arena, c->doc->text + s, e - s);
}

static void emit_role(ng_xctx *c, int32_t person, int32_t org, uint32_t first, uint32_t last, const char *title,
                      bool former, float conf)
{
    if (person < 0 || org < 0)
        return;
    int t = c->doc->entities[org].type;
    if (t != NG_ENT_ORG && t != NG_ENT_GPE && t != NG_ENT_MISC && t != NG_ENT_LOC &&
        !(t == NG_ENT_PERSON && ng_entity_unknown(c->doc, org)))
        return;
    if (org == person)
        return;
    ng_cand f = ng_x_cand(c, "role", first, last, conf);
    f.rule = title ? "title" : "untitled role";
    f.subj = person;
    f.obj = org;
    f.title = title;
    ng_x_qualify(c, &f, first);
    f.negated = false; /* "not the CEO" is rare; a negated title is still about the role */
    if (former)
        f.modality = NG_MOD_FORMER;
    else if (f.modality != NG_MOD_FORMER)
        f.modality = NG_MOD_ASSERTED;
    ng_x_emit(c, &f);
}

/* True when the word before token j is a company noun ("firm", "start-up",
 * also when split as "start - up"). */
static bool company_noun_before(ng_xctx *c, uint32_t j)
{
    const ng_nominal *nom = ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, j - 1));
    if (nom && nom->type == NG_ENT_ORG)
        return true;
    if (j >= c->tree.first + 3 && is_word(c, j - 2, "-")) {
        char w[2 * NG_WORD_MAX + 2];
        snprintf(w, sizeof w, "%s-%s", ng_tree_lower(&c->tree, j - 3), ng_tree_lower(&c->tree, j - 1));
        nom = ng_xlex_nominal(c->xlex, w);
        return nom && nom->type == NG_ENT_ORG;
    }
    return false;
}

/* After "TITLE of|at": the first organisation before the clause ends.  A
 * place right after "of" ("director of Greater China at Acme") is part of
 * the title when an organisation follows. *title_end grows over it. */
static int32_t org_after(ng_xctx *c, uint32_t i, uint32_t *title_end)
{
    uint32_t end = c->tree.first + c->tree.n;
    if (i >= end || !(is_word(c, i, "of") || is_word(c, i, "at") || is_word(c, i, "for") || is_word(c, i, "with")))
        return -1;
    bool after_of = is_word(c, i, "of");
    for (uint32_t j = i + 1; j < end && j < i + 1 + SCAN_AFTER_OF; j++) {
        if (is_word(c, j, ",") || is_word(c, j, ";") || is_word(c, j, ".") || is_finite_verb(c, j))
            break;
        const ng_mention *m = ng_mention_at(c->doc, j);
        if (!m || m->entity < 0 || m->kind == NG_MK_PRONOUN) {
            continue;
        }
        int t = c->doc->entities[m->entity].type;
        if (t == NG_ENT_ORG || t == NG_ENT_MISC)
            return m->entity;
        /* a name no list knows, typed a person or place by guess, right
         * after a company noun: "of the robotaxi start-up Kurofu" */
        if ((t == NG_ENT_PERSON || t == NG_ENT_LOC) && m->first == j && j > i + 1 && ng_entity_unknown(c->doc, m->entity)) {
            if (company_noun_before(c, j))
                return m->entity;
        }
        if (t == NG_ENT_GPE || t == NG_ENT_LOC) {
            /* "of Greater China at Acme": the place belongs to the title */
            if (after_of && j == i + 1 && m->last < end && is_word(c, m->last, "at")) {
                int32_t o = org_after(c, m->last, title_end);
                if (o >= 0) {
                    *title_end = m->last;
                    return o;
                }
            }
            /* a country's official: "foreign minister of France", where the
             * place ends the phrase (not "CEO of US firm X") */
            if (after_of && j == i + 1 &&
                (m->last >= end || is_word(c, m->last, ",") || is_word(c, m->last, ".") ||
                 is_word(c, m->last, "and") || is_finite_verb(c, m->last)))
                return m->entity;
        }
        j = m->last - 1;
    }
    return -1;
}

/* The organisation a sentence is about: its main subject, else its first
 * organisation. */
static int32_t sentence_org(ng_xctx *c)
{
    for (uint32_t i = c->tree.first; i < c->tree.first + c->tree.n && c->parsed; i++) {
        if (!ng_tree_rel_is(&c->tree, i, "nsubj") || ng_tree_head(&c->tree, i) < 0 ||
            ng_tree_head(&c->tree, (uint32_t)ng_tree_head(&c->tree, i)) >= 0)
            continue;
        int32_t e = ng_entity_at(c->doc, i);
        if (e >= 0 && c->doc->entities[e].type == NG_ENT_ORG)
            return e;
    }
    for (uint32_t i = c->tree.first; i < c->tree.first + c->tree.n; i++) {
        const ng_mention *m = ng_mention_at(c->doc, i);
        if (m && m->kind == NG_MK_NAME && m->entity >= 0 && c->doc->entities[m->entity].type == NG_ENT_ORG)
            return m->entity;
    }
    return -1;
}

/* True when the token before i is a lowercase word or punctuation: the
 * title does not follow a name. */
static bool plain_word_before(const ng_xctx *c, uint32_t i)
{
    if (i <= c->tree.first)
        return true;
    if (ng_mention_at(c->doc, i - 1) || is_possessive(c, i - 1)) /* "the authority's chief" */
        return false;
    const ng_token *t = &c->doc->tokens[i - 1];
    unsigned char ch = (unsigned char)c->doc->text[t->start];
    return !(ch >= 'A' && ch <= 'Z') && t->upos != NG_UPOS_PROPN;
}

/* "... as TITLE": the person is the last one named before "as"
 * ("appointed Jo Smith, a banker, as chairwoman", "Jo Smith joined Acme as
 * CFO"); a verb of leaving before it ("stepped down as chairman",
 * lexicons/cues.txt: former gov) makes the role former.  The organisation
 * is org when known, else the one after "of", after "its", else the
 * sentence's. */
static void as_role(ng_xctx *c, const title_span *t, uint32_t as, int32_t org, uint32_t title_end)
{
    int32_t person = -1;
    bool former = t->former;
    for (uint32_t k = as; k-- > c->tree.first && k + 24 > as;) {
        const ng_mention *m = mention_of(c, k);
        if (!former && c->doc->tokens[k].upos == NG_UPOS_VERB) {
            const ng_cue *cue = ng_xlex_cue(c->xlex, ng_tree_lemma(&c->tree, k), NG_CUE_GOV);
            former = cue && cue->kind == NG_CUE_FORMER;
        }
        if (m && m->entity >= 0 && m->kind != NG_MK_NOMINAL && c->doc->entities[m->entity].type == NG_ENT_PERSON) {
            person = m->entity;
            break;
        }
    }
    if (person < 0)
        return;
    float conf = 0.8f;
    if (org < 0)
        org = org_after(c, t->last, &title_end);
    if (org < 0) {
        const ng_mention *pm = mention_of(c, (int64_t)t->first - 1);
        if (pm && pm->kind == NG_MK_PRONOUN && pm->entity >= 0 && c->doc->entities[pm->entity].type == NG_ENT_ORG)
            org = pm->entity;
    }
    /* the sentence's organisation, but not for a generic post ("barred
     * from serving as a director") */
    if (org < 0 && !is_word(c, t->first - 1, "a") && !is_word(c, t->first - 1, "an")) {
        org = sentence_org(c);
        conf = 0.6f;
    }
    if (org < 0)
        return;
    emit_role(c, person, org, t->first, title_end, span_text(c, t->first, title_end), former, conf);
}

/* One title span: find its person and organisation. */
static void title_roles(ng_xctx *c, const title_span *t)
{
    uint32_t end = c->tree.first + c->tree.n;
    const char *title;
    uint32_t title_end = t->last;
    /* TITLE PERSON, with the organisation before: "Acme chief Jo Smith",
     * "Acme's CEO Jo Smith", "its CEO Jo Smith" */
    int32_t person = person_at(c, t->last);
    /* "Acme's head of policy, Jo Smith": a title continued by "of" and
     * plain words up to the comma before the name */
    uint32_t of_end = t->last;
    if (person < 0 && is_word(c, t->last, "of") && t->first > c->tree.first &&
        (is_possessive(c, t->first - 1) || is_word(c, t->first - 1, "its") || is_word(c, t->first - 1, "their"))) {
        uint32_t k = t->last + 1;
        while (k < end && k < t->last + 5 && !mention_of(c, k) && c->doc->tokens[k].upos != NG_UPOS_PUNCT &&
               c->doc->tokens[k].upos != NG_UPOS_VERB && c->doc->tokens[k].upos != NG_UPOS_AUX)
            k++;
        if (k > t->last + 1 && k + 1 < end && is_word(c, k, ",") && person_at(c, k + 1) >= 0) {
            of_end = k;
            title_span wide = *t;
            wide.last = k;
            t = &wide;
            person = person_at(c, k + 1);
            uint32_t ostart = t->first;
            int32_t org = is_possessive(c, t->first - 1) ? org_ending_before(c, t->first - 1, &ostart) : -1;
            const ng_mention *pm = org < 0 ? mention_of(c, (int64_t)t->first - 1) : NULL;
            if (pm && pm->kind == NG_MK_PRONOUN && pm->entity >= 0)
                org = pm->entity;
            emit_role(c, person, org, t->first, of_end, span_text(c, t->first, of_end),
                      t->former || is_former(c, (int64_t)ostart - 1), 0.85f);
            return;
        }
    }
    /* "its chief executive, Sofia Brandt," : the name in apposition */
    if (person < 0 && is_word(c, t->last, ",") && t->first > c->tree.first &&
        (is_possessive(c, t->first - 1) || ng_mention_at(c->doc, t->first - 1)))
        person = person_at(c, t->last + 1);
    if (person >= 0) {
        uint32_t ostart = t->first;
        int32_t org = org_ending_before(c, t->first, &ostart);
        bool former = t->former || is_former(c, (int64_t)ostart - 1);
        if (org < 0 && is_possessive(c, t->first - 1))
            org = org_ending_before(c, t->first - 1, &ostart);
        if (org < 0 && ng_tree_has(&c->tree, t->first - 1)) {
            const ng_mention *m = ng_mention_at(c->doc, t->first - 1);
            if (m && m->kind == NG_MK_PRONOUN && m->entity >= 0) /* "its chairman" */
                org = m->entity;
        }
        /* "when chairman Jo Smith spoke", "with CEO Jo Smith": the
         * organisation the sentence is about.  Not after a name we could not
         * type ("Unknownco founder Jo Smith"). */
        float conf = 0.9f;
        if (org < 0 && plain_word_before(c, t->first)) {
            org = sentence_org(c);
            conf = 0.6f;
        }
        emit_role(c, person, org, t->first, t->last, span_text(c, t->first, t->last), former, conf);
        return;
    }
    /* PERSON, [the|a] TITLE of|at ORG  /  PERSON, ORG's TITLE */
    uint32_t j = t->first;
    for (;;) {
        if (j > c->tree.first && (is_word(c, j - 1, "the") || is_word(c, j - 1, "a") || is_word(c, j - 1, "an") ||
                                  is_former(c, j - 1) || c->doc->tokens[j - 1].upos == NG_UPOS_ADJ))
            j--;
        else if (j >= c->tree.first + 3 && is_word(c, j - 2, "-")) /* "the Shanghai-based chairwoman" */
            j -= 3;
        else
            break;
    }
    int32_t org = -1;
    uint32_t ostart = j;
    if (is_possessive(c, j - 1))
        org = org_ending_before(c, j - 1, &ostart);
    if (org >= 0)
        j = ostart;
    /* "Jo Smith, now its chief operating officer": the pronoun's company */
    if (org < 0 && j > c->tree.first && (is_word(c, j - 1, "its") || is_word(c, j - 1, "their"))) {
        const ng_mention *pm = mention_of(c, (int64_t)j - 1);
        if (pm && pm->entity >= 0 && c->doc->entities[pm->entity].type == NG_ENT_ORG)
            org = pm->entity;
        j--;
    }
    if (j > c->tree.first + 1 && (is_word(c, j - 1, "now") || is_word(c, j - 1, "currently") ||
                                  is_word(c, j - 1, "also") || is_word(c, j - 1, "then")))
        j--;
    if (j > c->tree.first + 1 && is_word(c, j - 1, ",")) {
        const ng_mention *pm = ng_mention_at(c->doc, j - 2);
        if (pm && pm->entity >= 0 && pm->last == j - 1 && c->doc->entities[pm->entity].type == NG_ENT_PERSON) {
            if (org < 0)
                org = org_after(c, t->last, &title_end);
            title = span_text(c, t->first, title_end);
            emit_role(c, pm->entity, org, t->first, title_end, title, t->former, 0.9f);
            return;
        }
    }
    /* "named Jo Smith as (its) chairwoman", "Jo Smith joined as CFO",
     * "Jo Smith stepped down as chairman" */
    if (j > c->tree.first && is_word(c, j - 1, "as")) {
        as_role(c, t, j - 1, org, title_end);
        return;
    }
    /* PERSON is/was the TITLE of ORG */
    if (c->parsed) {
        uint32_t h = t->last - 1;
        int64_t cop = ng_tree_child(&c->tree, h, "cop"), subj = ng_tree_child(&c->tree, h, "nsubj");
        if (cop >= 0 && subj >= 0) {
            int32_t p = ng_entity_at(c->doc, (uint32_t)subj);
            if (p >= 0 && c->doc->entities[p].type == NG_ENT_PERSON) {
                if (org < 0)
                    org = org_after(c, t->last, &title_end);
                emit_role(c, p, org, t->first, title_end, span_text(c, t->first, title_end), t->former, 0.85f);
            }
        }
    }
    (void)end;
}

/* ORG's PERSON ("Apple's Tim Cook") and PERSON from|of ORG ("Robin Li from
 * Baidu"): a role without a title. */
static void untitled_roles(ng_xctx *c)
{
    uint32_t end = c->tree.first + c->tree.n;
    for (uint32_t i = c->tree.first; i < end; i++) {
        const ng_mention *m = ng_mention_at(c->doc, i);
        if (!m || m->first != i || m->kind != NG_MK_NAME || m->entity < 0 ||
            c->doc->entities[m->entity].type != NG_ENT_PERSON)
            continue;
        uint32_t ostart;
        if (i >= c->tree.first + 2 && is_possessive(c, i - 1)) {
            /* the possessor: an organisation (or a name the tagger took for
             * an unknown place: a known place's "Jo Smith" is not a role) */
            int32_t org = org_ending_before_any(c, i - 1, &ostart);
            int ot = org >= 0 ? c->doc->entities[org].type : 0;
            if (ot == NG_ENT_ORG || (ot == NG_ENT_LOC && !ng_x_known_place(c, org)))
                emit_role(c, m->entity, org, i, m->last, NULL, is_former(c, (int64_t)ostart - 1), 0.7f);
        }
        if (m->last + 1 < end && (is_word(c, m->last, "from") || is_word(c, m->last, "of"))) {
            /* "Jo Smith of Acme", "Jo Smith of the Indian chip maker Acme" */
            int32_t orgs[2];
            uint16_t org = (1u << NG_ENT_ORG);
            if (ng_surf_right(c, m->last + 1, org, orgs, 1) == 1)
                emit_role(c, m->entity, orgs[0], m->last, m->last + 1, NULL, false, 0.7f);
        }
        i = m->last - 1;
    }
}

void ng_match_roles(ng_xctx *c)
{
    if (!c->gaz)
        return;
    title_span titles[32];
    size_t n = find_titles(c, titles, 32);
    for (size_t k = 0; k < n; k++)
        title_roles(c, &titles[k]);
    untitled_roles(c);
}
