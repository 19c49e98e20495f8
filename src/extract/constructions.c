/*
 * constructions.c - facts carried by a construction rather than a trigger
 * word:
 *   EVENT in|at PLACE        "the Harbor Fair in Oslo"           -> held_in
 *   X at EVENT               "executives at the fair"           -> attended
 *   Among N [at EVENT] were X, Y    "Among the guests at the fair were X and Y",
 *                            "Among the attendees was X"         -> attended
 *   PLACE's [descr,] ORG, the PLACE descr ORG, ORG, PLACE's descr -> based_in
 */
#include "extract.h"

#include <ctype.h>

static bool is_word(const ng_xctx *c, uint32_t i, const char *w)
{
    return ng_tree_has(&c->tree, i) && ng_x_is(c, i, w);
}

/* Modality of facts about an event from the verb that governs its phrase:
 * "is organizing a conference in X" -> planned. */
static void event_modality(ng_xctx *c, ng_cand *f, uint32_t head)
{
    if (!c->parsed)
        return;
    int64_t g = ng_tree_head(&c->tree, head);
    if (g < 0)
        return;
    const ng_cue *cue = ng_xlex_cue(c->xlex, ng_tree_lemma(&c->tree, (uint32_t)g), NG_CUE_GOV);
    if (cue && cue->kind == NG_CUE_PLANNED)
        f->modality = NG_MOD_PLANNED;
}

/* EVENT in PLACE */
static void event_place(ng_xctx *c, const ng_mention *ev)
{
    uint32_t i = ev->last, end = c->tree.first + c->tree.n;
    if (i + 1 >= end || !(is_word(c, i, "in") || is_word(c, i, "at")))
        return;
    uint32_t j = i + 1;
    if (is_word(c, j, "the"))
        j++;
    const ng_mention *pl = j < end ? ng_mention_at(c->doc, j) : NULL;
    if (!pl || pl->first != j || pl->entity < 0 || pl->kind != NG_MK_NAME)
        return;
    if (!ng_x_type_ok(c, pl->entity, (1u << NG_ENT_GPE) | (1u << NG_ENT_LOC)))
        return;
    ng_cand f = ng_x_cand(c, "held_in", i, i + 1, 0.8f);
    f.rule = "event in place";
    f.subj = ev->entity;
    f.obj = pl->entity;
    ng_x_qualify(c, &f, c->parsed && ng_tree_head(&c->tree, ev->head) >= 0 ? (uint32_t)ng_tree_head(&c->tree, ev->head)
                                                                            : ev->head);
    f.negated = false; /* "did not attend the fair in Oslo": the fair was still in Oslo */
    event_modality(c, &f, ev->head);
    ng_x_emit(c, &f);
}

/* X at EVENT: who was there. */
static void at_event(ng_xctx *c, const ng_mention *ev)
{
    if (!c->parsed || ev->first == c->tree.first)
        return;
    uint32_t p = ev->first - 1;
    if (is_word(c, p, "the") && p > c->tree.first)
        p--;
    if (!is_word(c, p, "at"))
        return;
    int64_t g = ng_tree_head(&c->tree, ev->head);
    int32_t who[NG_MAX_ARGS];
    size_t n = 0;
    float conf = 0.7f;
    /* "X was (not) at the summit": the event is the predicate */
    int64_t cop = ng_tree_child(&c->tree, ev->head, "cop"), subj = ng_tree_child(&c->tree, ev->head, "nsubj");
    if (cop >= 0 && subj >= 0) {
        n = ng_x_entities(c, (uint32_t)subj, who, NG_MAX_ARGS);
        for (size_t k = 0; k < n; k++) {
            int ty = c->doc->entities[who[k]].type;
            if (ty != NG_ENT_PERSON && ty != NG_ENT_ORG && ty != NG_ENT_GPE)
                continue;
            ng_cand f = ng_x_cand(c, "attended", p, p + 1, 0.8f);
            f.rule = "be at event";
            f.subj = who[k];
            f.obj = ev->entity;
            ng_x_qualify(c, &f, ev->head);
            ng_x_emit(c, &f);
        }
        return;
    }
    if (g < 0)
        return;
    const ng_token *gt = &c->doc->tokens[g];
    if (gt->upos == NG_UPOS_NOUN || gt->upos == NG_UPOS_PROPN || gt->upos == NG_UPOS_PRON) {
        /* "executives at the fair"; "Among the guests at the fair were X" */
        n = ng_x_entities(c, (uint32_t)g, who, NG_MAX_ARGS);
        char prep[32];
        if (!n && strcmp(ng_tree_case(&c->tree, (uint32_t)g, prep, sizeof prep), "among") == 0) {
            int64_t s = ng_tree_child(&c->tree, (uint32_t)g, "nsubj");
            int64_t gg = ng_tree_head(&c->tree, (uint32_t)g);
            if (s < 0 && gg >= 0)
                s = ng_tree_child(&c->tree, (uint32_t)gg, "nsubj");
            if (s >= 0)
                n = ng_x_entities(c, (uint32_t)s, who, NG_MAX_ARGS);
            conf = 0.85f;
        }
    }
    for (size_t k = 0; k < n; k++) {
        int ty = c->doc->entities[who[k]].type;
        if (ty != NG_ENT_PERSON && ty != NG_ENT_ORG && ty != NG_ENT_GPE)
            continue;
        ng_cand f = ng_x_cand(c, "attended", p, p + 1, conf);
        f.rule = "at event";
        f.subj = who[k];
        f.obj = ev->entity;
        ng_x_qualify(c, &f, (uint32_t)g);
        ng_x_emit(c, &f);
    }
}

/* Nouns for the people at an event: "Among the attendees were X". */
static bool attendee_noun(const ng_xctx *c, uint32_t i)
{
    static const char *const nouns[] = {"attendee", "guest", "participant", "speaker", "delegate", "visitor",
                                        "exhibitor", "panelist", "panellist", "invitee", NULL};
    for (const char *const *w = nouns; *w; w++)
        if (ng_x_is(c, i, *w))
            return true;
    return false;
}

/* "Among the entrepreneurs at the fair on Sunday were X and former Acme
 * chief Y": the names after the copula were at the event named in the
 * "among" phrase (or, for "among the guests", at the document's event). */
static void among_were(ng_xctx *c)
{
    uint32_t first = c->tree.first, end = first + c->tree.n;
    uint32_t a = first;
    while (a < end && c->doc->tokens[a].upos == NG_UPOS_PUNCT)
        a++;
    if (a >= end || !is_word(c, a, "among"))
        return;
    int32_t event = -1;
    bool attendees = false, planned = false;
    uint32_t cop = 0;
    for (uint32_t i = a + 1; i < end && i < a + 24; i++) {
        if (is_word(c, i, "were") || is_word(c, i, "was") || is_word(c, i, "are") || is_word(c, i, "is")) {
            cop = i;
            break;
        }
        const ng_mention *m = ng_mention_at(c->doc, i);
        if (m && m->entity >= 0 && c->doc->entities[m->entity].type == NG_ENT_EVENT && event < 0)
            event = m->entity;
        attendees |= attendee_noun(c, i);
        /* "Among the executives expected (to attend) are X" */
        if (is_word(c, i, "expected") || is_word(c, i, "attending") || is_word(c, i, "present") ||
            is_word(c, i, "confirmed") || is_word(c, i, "registered") || is_word(c, i, "due") ||
            is_word(c, i, "scheduled") || is_word(c, i, "slated"))
            attendees = true;
        planned |= is_word(c, i, "expected") || is_word(c, i, "confirmed") || is_word(c, i, "due") ||
                   is_word(c, i, "scheduled") || is_word(c, i, "slated") || is_word(c, i, "registered");
    }
    if (!cop)
        return;
    if (event < 0 && attendees)
        event = ng_main_event(c->doc);
    if (event < 0)
        return;
    int32_t who[NG_MAX_ARGS];
    uint16_t types = (1u << NG_ENT_PERSON) | (1u << NG_ENT_ORG) | (1u << NG_ENT_GPE);
    size_t n = ng_surf_right(c, cop + 1, types, who, NG_MAX_ARGS);
    /* "X of Acme, the ... group, and Y of Beta": the parse coordinates what
     * the word sequence cannot */
    if (n && c->parsed) {
        for (uint32_t i = cop + 1; i < end; i++) {
            int32_t e = ng_entity_at(c->doc, i);
            if (e != who[0])
                continue;
            int32_t more[NG_MAX_ARGS];
            size_t m = ng_x_entities(c, i, more, NG_MAX_ARGS);
            for (size_t k = 0; k < m && n < NG_MAX_ARGS; k++) {
                bool have = false;
                for (size_t j = 0; j < n; j++)
                    have |= who[j] == more[k];
                /* a list of people brings only people: "X, chief executive
                 * of Acme, and Y" lists X and Y, not Acme */
                int ty = c->doc->entities[more[k]].type;
                bool people = c->doc->entities[who[0]].type == NG_ENT_PERSON;
                if (!have && (ty == NG_ENT_PERSON || (ty == NG_ENT_ORG && !people)))
                    who[n++] = more[k];
            }
            break;
        }
    }
    for (size_t k = 0; k < n; k++) {
        ng_cand f = ng_x_cand(c, "attended", a, a + 1, 0.85f);
        f.rule = "among";
        f.subj = who[k];
        f.obj = event;
        ng_x_qualify(c, &f, cop);
        if (planned)
            f.modality = NG_MOD_PLANNED;
        ng_x_emit(c, &f);
    }
}

/* A lowercase descriptive word of a company noun phrase ("largest
 * contract manufacturer", "engineering group"). */
static bool descriptor(const ng_xctx *c, uint32_t i)
{
    const ng_token *t = &c->doc->tokens[i];
    unsigned char ch = (unsigned char)c->doc->text[t->start];
    const ng_mention *m = ng_mention_at(c->doc, i);
    return (t->upos == NG_UPOS_NOUN || t->upos == NG_UPOS_ADJ) && !isupper(ch) && (!m || m->kind == NG_MK_NOMINAL);
}

static void emit_based(ng_xctx *c, int32_t org, const ng_mention *place, uint32_t trig, const ng_mention *o)
{
    ng_cand f = ng_x_cand(c, "based_in", trig, trig + 1, 0.7f);
    f.rule = "place's company";
    f.subj = org;
    f.obj = place->entity;
    ng_x_qualify(c, &f, o->head);
    f.negated = false;
    f.modality = NG_MOD_ASSERTED;
    ng_x_emit(c, &f);
}

/* The organisation a place describes from token j on: right there
 * ("Japan's Kurofune"), or after lowercase descriptive words and an
 * optional comma ("Taiwan's largest contract manufacturer, Formosa
 * Silicon", "the Stuttgart engineering group Hessel Werke").  words is
 * the least number of descriptive words required. */
static const ng_mention *described_org(ng_xctx *c, uint32_t j, uint32_t end, int words)
{
    int k = 0;
    uint32_t j0 = j;
    while (j < end && k < 5 && descriptor(c, j)) {
        j++;
        k++;
    }
    if (k < words || (k > 0 && c->doc->tokens[j - 1].upos != NG_UPOS_NOUN))
        return NULL;
    if (k > 0 && j < end && is_word(c, j, ","))
        j++;
    const ng_mention *o = j < end ? ng_mention_at(c->doc, j) : NULL;
    /* an organisation, or a name of unsure type after a company noun
     * ("copper miner, Andina Metals"); "Fiji's prime minister, Jo Smith" is
     * no company */
    const ng_nominal *nom = k > 0 ? ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, j0 + (uint32_t)k - 1)) : NULL;
    bool company_noun = k == 0 || (nom && nom->type == NG_ENT_ORG);
    if (o && o->first == j && o->kind == NG_MK_NAME && o->entity >= 0 &&
        (c->doc->entities[o->entity].type == NG_ENT_ORG || (company_noun && ng_x_type_ok(c, o->entity, 1u << NG_ENT_ORG)) ||
         (k > 0 && company_noun && c->doc->entities[o->entity].type == NG_ENT_PERSON)))
        return o;
    return NULL;
}

/* "Abu Dhabi's Sadeem Fund", "Japan's Kurofune", "Taiwan's largest chip
 * maker, X", "the Nairobi investment firm X", "X, Chile's largest maker
 * of ...": a place's company is based there. */
static void place_possessive(ng_xctx *c)
{
    uint32_t end = c->tree.first + c->tree.n;
    for (uint32_t i = c->tree.first; i + 2 < end; i++) {
        const ng_mention *p = ng_mention_at(c->doc, i);
        if (!p || p->first != i || p->entity < 0 || p->kind != NG_MK_NAME ||
            c->doc->entities[p->entity].type != NG_ENT_GPE || p->last + 1 >= end) {
            if (p)
                i = p->last - 1;
            continue;
        }
        const ng_mention *o = NULL;
        if (is_word(c, p->last, "'s")) {
            o = described_org(c, p->last + 1, end, 0);
            /* "Acme, Chile's largest maker of snacks" */
            if (!o && i >= c->tree.first + 2 && is_word(c, i - 1, ",") && descriptor(c, p->last + 1)) {
                const ng_mention *b = ng_mention_at(c->doc, i - 2);
                if (b && b->kind == NG_MK_NAME && b->entity >= 0 && ng_x_type_ok(c, b->entity, 1u << NG_ENT_ORG))
                    o = b;
            }
        } else if (i == c->tree.first || is_word(c, i - 1, "the") || is_word(c, i - 1, "a") || is_word(c, i - 1, "an") ||
                   is_word(c, i - 1, "by") || is_word(c, i - 1, "from")) {
            /* "the Nairobi investment firm X", and wire style without the
             * article: "Hong Kong property developer X has ..." */
            o = described_org(c, p->last, end, 1);
        }
        if (o)
            emit_based(c, o->entity, p, p->last, o);
        i = p->last - 1;
    }
}

void ng_match_constructions(ng_xctx *c)
{
    among_were(c);
    place_possessive(c);
    for (uint32_t i = c->tree.first; i < c->tree.first + c->tree.n; i++) {
        const ng_mention *m = ng_mention_at(c->doc, i);
        if (!m || m->first != i || m->entity < 0 || c->doc->entities[m->entity].type != NG_ENT_EVENT) {
            continue;
        }
        if (m->kind == NG_MK_NAME || m->kind == NG_MK_NOMINAL) {
            event_place(c, m);
            at_event(c, m);
        }
        i = m->last - 1;
    }
}
