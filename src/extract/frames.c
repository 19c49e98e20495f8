/*
 * frames.c - the general matcher for relation frames (lexicons/relations.txt):
 * find a trigger, read each argument from its slot in the parse, follow it
 * to entities, and propose one fact per subject x object pair.
 */
#include "extract.h"

#include <stdio.h>

/* ------------------------------------------------------------ triggers */

/* Tokens that may sit between the words of a trigger phrase ("made a rare
 * appearance", "did not take part"). */
static bool gap_ok(const ng_xctx *c, uint32_t i)
{
    int u = c->doc->tokens[i].upos;
    return u == NG_UPOS_DET || u == NG_UPOS_ADV || u == NG_UPOS_PART || u == NG_UPOS_ADJ || u == NG_UPOS_AUX ||
           u == NG_UPOS_NUM || u == NG_UPOS_PRON || /* "sent its largest delegation" */
           u == NG_UPOS_PROPN;                     /* "led the Tianhe delegation" */
}

/* A noun, symbol or participle modifying a later word: "a *minority*
 * stake", "a 20 *%* stake", "the *opening* keynote". */
static bool premodifier(const ng_xctx *c, uint32_t i)
{
    int u = c->doc->tokens[i].upos;
    bool participle = u == NG_UPOS_VERB && (c->doc->tokens[i].xpos == ng_xpos_id("VBG") ||
                                            c->doc->tokens[i].xpos == ng_xpos_id("VBN")); /* "the *opening* speech" */
    if (!c->parsed ||
        !(u == NG_UPOS_NOUN || u == NG_UPOS_SYM || u == NG_UPOS_NUM || u == NG_UPOS_ADJ || u == NG_UPOS_DET || participle))
        return false;
    int64_t h = ng_tree_head(&c->tree, i);
    return h > (int64_t)i && h <= (int64_t)i + 3;
}

/* Match the frame's words from token i on; on success set [*first, *last)
 * and the phrase's head (the matched token highest in the parse). */
static bool match_words(ng_xctx *c, const ng_frame *f, uint32_t i, uint32_t *last, uint32_t *head)
{
    uint32_t end = c->tree.first + c->tree.n, at = i + 1;
    uint32_t matched[NG_FRAME_WORDS] = {i};
    for (uint8_t w = 1; w < f->nwords; w++) {
        uint32_t gaps = 0;
        while (at < end && !ng_x_is(c, at, f->words[w]) && gaps < 3 && (gaps < 2 || premodifier(c, at)) &&
               (gap_ok(c, at) || premodifier(c, at))) {
            at++;
            gaps++;
        }
        if (at >= end || !ng_x_is(c, at, f->words[w]))
            return false;
        matched[w] = at++;
    }
    *last = matched[f->nwords - 1] + 1;
    *head = matched[0];
    if (c->parsed)
        for (uint8_t w = 0; w < f->nwords; w++) {
            int64_t h = ng_tree_head(&c->tree, matched[w]);
            bool inside = false;
            for (uint8_t v = 0; v < f->nwords; v++)
                inside |= h == (int64_t)matched[v];
            if (!inside) {
                *head = matched[w];
                break;
            }
        }
    return true;
}

static bool upos_ok(const ng_xctx *c, const ng_frame *f, uint32_t i)
{
    int u = c->doc->tokens[i].upos;
    if (!f->upos || !u)
        return true;
    if (f->upos == NG_UPOS_VERB) { /* participles are often tagged ADJ, "be" AUX */
        if (u == NG_UPOS_VERB || u == NG_UPOS_AUX || u == NG_UPOS_ADJ)
            return true;
        /* "Acme co-hosts the summit": a verb tagged as a noun, between a
         * name and a determiner */
        uint32_t end = c->tree.first + c->tree.n;
        return u == NG_UPOS_NOUN && i > c->tree.first && i + 1 < end &&
               c->doc->tokens[i + 1].upos == NG_UPOS_DET && ng_entity_at(c->doc, i - 1) >= 0;
    }
    return u == f->upos;
}

/* ---------------------------------------------------------------- slots */

/* The grammatical subject of h, inherited when h has none of its own.
 * *patient is set when what was found is the undergoer of h (the subject of
 * "remains blocked", the noun of "services blocked in China"). */
static int64_t subject_of(ng_xctx *c, uint32_t h, bool *patient)
{
    *patient = false;
    /* "Jo Smith of Acme attended": parsed as if "of" opened a clause with
     * Acme its subject; the name before "of" is the subject. */
    int64_t mk = ng_tree_child(&c->tree, h, "mark");
    if (mk > (int64_t)c->tree.first && mk < (int64_t)h && ng_x_is(c, (uint32_t)mk, "of") &&
        ng_entity_at(c->doc, (uint32_t)mk - 1) >= 0)
        return mk - 1;
    int64_t s = ng_tree_child(&c->tree, h, "nsubj");
    if (s >= 0) {
        *patient = ng_tree_rel_is(&c->tree, (uint32_t)s, "nsubj:pass");
        return s;
    }
    /* a copular or light verb: the subject hangs off the predicate's head */
    int64_t g = ng_tree_head(&c->tree, h);
    const char *rel = ng_tree_rel(&c->tree, h);
    bool participle = c->doc->tokens[h].xpos == ng_xpos_id("VBN");
    for (int up = 0; g >= 0 && up < 4; up++) {
        if (strcmp(rel, "xcomp") == 0 || strcmp(rel, "conj") == 0 || strcmp(rel, "advcl") == 0 ||
            strcmp(rel, "ccomp") == 0) {
            /* object control: "invited X to attend", "kept X from attending" */
            bool control = strcmp(rel, "xcomp") == 0 ||
                           (strcmp(rel, "advcl") == 0 && ng_tree_child(&c->tree, h, "mark") >= 0 &&
                            ng_x_is(c, (uint32_t)ng_tree_child(&c->tree, h, "mark"), "from"));
            int64_t o = control ? ng_tree_child(&c->tree, (uint32_t)g, "obj") : -1;
            if (o >= 0)
                return o;
            int64_t gs = ng_tree_child(&c->tree, (uint32_t)g, "nsubj");
            if (gs >= 0) {
                *patient = participle && strcmp(rel, "xcomp") == 0;
                return gs;
            }
            rel = ng_tree_rel(&c->tree, (uint32_t)g);
            g = ng_tree_head(&c->tree, (uint32_t)g);
            continue;
        }
        if (strncmp(rel, "acl", 3) == 0 || strcmp(rel, "amod") == 0) {
            /* "firms attending the fair", "services blocked in China" */
            *patient = participle;
            return g;
        }
        break;
    }
    return -1;
}

/* Children of h whose preposition is prep ("at", "out_of"). */
static size_t pobj_of(ng_xctx *c, uint32_t h, const char *prep, uint32_t *out, size_t max)
{
    size_t n = 0;
    char buf[32];
    uint32_t nk = ng_tree_nkids(&c->tree, h);
    for (uint32_t k = 0; k < nk && n < max; k++) {
        uint32_t kid = ng_tree_kid(&c->tree, h, k);
        const char *rel = ng_tree_rel(&c->tree, kid);
        if (strncmp(rel, "obl", 3) && strncmp(rel, "nmod", 4) && strcmp(rel, "advmod") && strcmp(rel, "advcl"))
            continue;
        if (strcmp(ng_tree_case(&c->tree, kid, buf, sizeof buf), prep) == 0)
            out[n++] = kid;
    }
    /* "remains banned there": the place named last before */
    if (n == 0 && strcmp(prep, "in") == 0) {
        int64_t w = ng_tree_child(&c->tree, h, "advmod");
        if (w >= 0 && ng_x_is(c, (uint32_t)w, "there")) {
            for (int64_t k = (int64_t)w - 1; k >= 0 && k + 80 > w; k--) {
                int32_t e = ng_entity_at(c->doc, (uint32_t)k);
                if (e >= 0 && (c->doc->entities[e].type == NG_ENT_GPE || c->doc->entities[e].type == NG_ENT_LOC)) {
                    if (max) { /* the place's own token stands in */
                        out[n++] = (uint32_t)k;
                    }
                    break;
                }
            }
        }
    }
    /* "the town where the fair takes place": where stands for the town */
    if (n == 0 && (strcmp(prep, "in") == 0 || strcmp(prep, "at") == 0)) {
        int64_t w = ng_tree_child(&c->tree, h, "advmod");
        if (w >= 0 && ng_x_is(c, (uint32_t)w, "where")) {
            int64_t g = ng_tree_head(&c->tree, h);
            if (g >= 0)
                out[n++] = (uint32_t)g;
        }
    }
    return n;
}

/* Tokens a slot points at, before following them to entities. */
static size_t slot_tokens(ng_xctx *c, const ng_slot *s, uint32_t h, uint32_t trig_first, uint32_t trig_last,
                          bool passive, uint32_t *out, size_t max)
{
    bool patient = false;
    int64_t t = -1;
    switch (s->kind) {
    case NG_SLOT_SUBJ:
        if (passive) {
            int64_t a = ng_tree_child(&c->tree, h, "obl:agent");
            if (a < 0) {
                uint32_t by[2];
                if (pobj_of(c, h, "by", by, 2))
                    a = by[0];
            }
            t = a;
        } else {
            t = subject_of(c, h, &patient);
            if (patient)
                t = -1;
        }
        break;
    case NG_SLOT_OBJ:
        if (passive) {
            t = subject_of(c, h, &patient);
        } else {
            t = ng_tree_child(&c->tree, h, "obj");
            if (t < 0) {
                int64_t s2 = subject_of(c, h, &patient);
                if (patient)
                    t = s2;
            }
        }
        break;
    case NG_SLOT_IOBJ: t = ng_tree_child(&c->tree, h, "iobj"); break;
    case NG_SLOT_POSS: t = ng_tree_child(&c->tree, h, "nmod:poss"); break;
    case NG_SLOT_APPOS:
        t = ng_tree_rel_is(&c->tree, h, "appos") ? ng_tree_head(&c->tree, h) : ng_tree_child(&c->tree, h, "appos");
        break;
    case NG_SLOT_COP:
        t = ng_tree_child(&c->tree, h, "cop") >= 0 ? ng_tree_child(&c->tree, h, "nsubj") : -1;
        break;
    case NG_SLOT_FLAT:
        t = ng_tree_child(&c->tree, h, "flat");
        if (t < 0)
            t = ng_tree_child(&c->tree, h, "compound");
        break;
    case NG_SLOT_HEAD: {
        /* "Ohio-based firm Quellon": the word the trigger modifies */
        int64_t g = ng_tree_head(&c->tree, h);
        t = g;
        if (g < 0 && !c->parsed) {
            for (uint32_t i = h + 1; i < c->tree.first + c->tree.n && i < h + 8; i++)
                if (ng_entity_at(c->doc, i) >= 0) {
                    t = i;
                    break;
                }
        }
        break;
    }
    case NG_SLOT_PREFIX: {
        /* the word before the hyphen: a token of its own, or inside this one */
        if (trig_first > c->tree.first && ng_x_is(c, trig_first - 1, "-") && trig_first - 1 > c->tree.first)
            t = trig_first - 2;
        else
            t = trig_first;
        break;
    }
    case NG_SLOT_POBJ: {
        size_t n = pobj_of(c, h, s->prep, out, max);
        /* a phrase's preposition may hang off its last word: "holds a
         * stake *in* X" */
        if (!n && trig_last > trig_first + 1 && trig_last - 1 != h)
            n = pobj_of(c, trig_last - 1, s->prep, out, max);
        return n;
    }
    default: break;
    }
    if (t < 0 || max == 0)
        return 0;
    out[0] = (uint32_t)t;
    return 1;
}

/* Surface fallback for a slot the parse left empty. */
static size_t surface_slot(ng_xctx *c, const ng_slot *s, uint16_t types, uint32_t trig_first, uint32_t trig_last,
                           bool passive, int32_t *out)
{
    uint32_t end = c->tree.first + c->tree.n;
    switch (s->kind) {
    case NG_SLOT_SUBJ:
        if (passive)
            return ng_surf_after_word(c, trig_last, NG_MIN(end, trig_last + 4), "by", types, out, NG_MAX_ARGS);
        return ng_surf_left(c, trig_first, types, out, NG_MAX_ARGS);
    case NG_SLOT_OBJ:
        if (passive) {
            size_t n = ng_surf_left(c, trig_first, types, out, NG_MAX_ARGS);
            /* "Tallvik, based in Tallinn, ...": a participle set off by
             * commas describes the name before them */
            if (!n && trig_first >= c->tree.first + 2 && ng_x_is(c, trig_first - 1, ",")) {
                int32_t e = ng_entity_at(c->doc, trig_first - 2);
                if (e >= 0 && ng_x_type_ok(c, e, types))
                    out[n++] = e;
            }
            return n;
        }
        return ng_surf_right(c, trig_last, types, out, NG_MAX_ARGS);
    case NG_SLOT_POBJ: {
        /* within the trigger's own phrase: not past a comma or another verb
         * ("made by the Dubai-based X, had users in Kenya") */
        uint32_t stop = trig_last;
        while (stop < NG_MIN(end, trig_last + 10) && !ng_x_is(c, stop, ",") && !ng_x_is(c, stop, ";") &&
               c->doc->tokens[stop].upos != NG_UPOS_VERB && c->doc->tokens[stop].upos != NG_UPOS_AUX)
            stop++;
        return ng_surf_after_word(c, trig_last, stop, s->prep, types, out, NG_MAX_ARGS);
    }
    case NG_SLOT_HEAD:
        /* "Oslo-based payments group Fjordline": the name after the descriptors */
        return ng_surf_right(c, trig_last, types, out, 1);
    default:
        return 0;
    }
}

/* The parse often drops members of a long coordination ("X founder A, Y
 * founder B and Z founder C participated"): when the word sequence lists
 * the parse's entity together with others, take the whole list. */
static size_t widen_with_surface(ng_xctx *c, const ng_slot *s, uint16_t types, uint32_t trig_first,
                                 uint32_t trig_last, bool passive, int32_t *out, size_t n)
{
    int32_t list[NG_MAX_ARGS];
    size_t m = surface_slot(c, s, types, trig_first, trig_last, passive, list);
    if (m <= n)
        return n;
    for (size_t k = 0; k < n; k++) {
        bool listed = false;
        for (size_t j = 0; j < m; j++)
            listed |= list[j] == out[k];
        if (!listed)
            return n;
    }
    memcpy(out, list, m * sizeof *out);
    return m;
}

/* True when entity e is named only inside a ", whose/who/which ... ,"
 * clause that ends right before the trigger's words. */
static bool in_relative_clause(ng_xctx *c, int32_t e, uint32_t trig)
{
    uint32_t i = trig;
    while (i > c->tree.first && (c->doc->tokens[i - 1].upos == NG_UPOS_AUX || c->doc->tokens[i - 1].upos == NG_UPOS_PART ||
                                 c->doc->tokens[i - 1].upos == NG_UPOS_ADV))
        i--;
    if (i <= c->tree.first || !ng_x_is(c, i - 1, ","))
        return false;
    for (uint32_t k = i - 1; k > c->tree.first + 1 && k + 30 > i; k--) {
        if (!(ng_x_is(c, k, "whose") || ng_x_is(c, k, "who") || ng_x_is(c, k, "which")) || !ng_x_is(c, k - 1, ","))
            continue;
        for (uint32_t j = k; j < i; j++)
            if (ng_entity_at(c->doc, j) == e)
                return true;
        return false;
    }
    return false;
}

/* A subject given as a list the sentence spells out: "..., including X, Y"
 * or "such as X and Y" after the trigger's subject noun. */
static size_t listed_subjects(ng_xctx *c, uint16_t types, uint32_t trig_last, int32_t *out)
{
    uint32_t end = c->tree.first + c->tree.n;
    size_t n = ng_surf_after_word(c, trig_last, end, "including", types, out, NG_MAX_ARGS);
    if (!n)
        n = ng_surf_after_word(c, c->tree.first, end, "such", types, out, NG_MAX_ARGS);
    return n;
}

/* Resolve a frame's argument: the entities of the first slot that gives any
 * of the allowed type, from the parse, else from the word sequence.
 * *implicit is set when the main event stood in. */
static size_t resolve(ng_xctx *c, const ng_slot *slots, uint8_t nslots, uint16_t types, uint32_t h,
                      uint32_t trig_first, uint32_t trig_last, bool passive, bool is_subject, int32_t *out,
                      bool *implicit)
{
    *implicit = false;
    bool other_entity = false; /* a slot named something of another type */
    for (uint8_t k = 0; k < nslots; k++) {
        if (slots[k].kind == NG_SLOT_EVENT) {
            /* "withdrew from South Korea" is not about the event */
            if (other_entity)
                return 0;
            int32_t e = ng_main_event(c->doc);
            if (e >= 0 && ng_x_type_ok(c, e, types)) {
                out[0] = e;
                *implicit = true;
                return 1;
            }
            continue;
        }
        uint32_t toks[8];
        size_t nt = c->parsed ? slot_tokens(c, &slots[k], h, trig_first, trig_last, passive, toks, 8) : 0;
        size_t n = 0;
        for (size_t j = 0; j < nt; j++) {
            int32_t es[NG_MAX_ARGS];
            size_t m;
            if (slots[k].kind == NG_SLOT_PREFIX) { /* "Texas-based": the name itself */
                es[0] = ng_entity_at(c->doc, toks[j]);
                m = es[0] >= 0;
            } else {
                m = ng_x_entities(c, toks[j], es, NG_MAX_ARGS);
            }
            for (size_t q = 0; q < m && n < NG_MAX_ARGS; q++) {
                if (ng_x_type_ok(c, es[q], types))
                    out[n++] = es[q];
                else
                    other_entity = true;
            }
            /* "It is organised by X": "it" in an event's place is the event */
            const ng_mention *pm = ng_mention_at(c->doc, toks[j]);
            if (!n && pm && pm->kind == NG_MK_PRONOUN && !pm->plural && pm->type != NG_ENT_PERSON &&
                types == (1u << NG_ENT_EVENT) && ng_main_event(c->doc) >= 0)
                out[n++] = ng_main_event(c->doc);
        }
        if (!n && is_subject && nt && slots[k].kind == NG_SLOT_SUBJ && !passive)
            n = listed_subjects(c, types, trig_last, out);
        bool subject_slot = (slots[k].kind == NG_SLOT_SUBJ && !passive) || (slots[k].kind == NG_SLOT_OBJ && passive);
        /* "A pulled out, and B, which exhibited in 2023, skipped": a name
         * standing right before a verb that has no subject of its own in
         * the parse is its subject, not the one inherited from the first
         * conjunct */
        if (n && slots[k].kind == NG_SLOT_SUBJ && !passive && c->parsed && ng_tree_child(&c->tree, h, "nsubj") < 0 &&
            ng_tree_rel_is(&c->tree, h, "conj")) {
            int32_t alt[NG_MAX_ARGS];
            size_t na = ng_surf_left(c, trig_first, types, alt, NG_MAX_ARGS);
            if (na) {
                memcpy(out, alt, na * sizeof *out);
                n = na;
            }
        }
        if (n && subject_slot && in_relative_clause(c, out[0], trig_first)) {
            /* "Acme, whose chief Jo Smith spoke in 2022, did not attend": the
             * parse took the name inside the relative clause */
            int32_t alt[NG_MAX_ARGS];
            size_t na = ng_surf_left(c, trig_first, types, alt, NG_MAX_ARGS);
            if (na) {
                memcpy(out, alt, na * sizeof *out);
                n = na;
            }
        }
        if (!n)
            n = surface_slot(c, &slots[k], types, trig_first, trig_last, passive, out);
        else
            n = widen_with_surface(c, &slots[k], types, trig_first, trig_last, passive, out, n);
        if (n)
            return n;
        /* "skipped this year's fair" with "fair" mistagged: the object
         * the parse missed, read from the words after the trigger */
        if (!nt && slots[k].kind == NG_SLOT_OBJ && !passive && (types & (1u << NG_ENT_EVENT)) &&
            ng_main_event(c->doc) >= 0) {
            uint32_t end = c->tree.first + c->tree.n;
            for (uint32_t j = trig_last; j < end && j < trig_last + 5; j++) {
                int u = c->doc->tokens[j].upos;
                const ng_nominal *nom = ng_xlex_nominal(c->xlex, ng_tree_lower(&c->tree, j));
                int32_t ej = ng_entity_at(c->doc, j);
                if ((nom && nom->type == NG_ENT_EVENT) || (ej >= 0 && c->doc->entities[ej].type == NG_ENT_EVENT)) {
                    out[0] = ej >= 0 && c->doc->entities[ej].type == NG_ENT_EVENT ? ej : ng_main_event(c->doc);
                    *implicit = true;
                    return 1;
                }
                if (u == NG_UPOS_PUNCT || u == NG_UPOS_VERB || u == NG_UPOS_ADP || u == NG_UPOS_AUX ||
                    ng_entity_at(c->doc, j) >= 0)
                    break;
            }
        }
        /* A slot that holds a non-entity noun standing for the event
         * ("joined the dinner", "in an interview") is the main event. */
        if (nt && (types & (1u << NG_ENT_EVENT))) {
            const ng_token *t = &c->doc->tokens[toks[0]];
            const ng_nominal *nom = ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, toks[0]));
            int32_t e = ng_main_event(c->doc);
            if (t->upos == NG_UPOS_NOUN && nom && nom->type == NG_ENT_EVENT && e >= 0) {
                out[0] = e;
                *implicit = true;
                return 1;
            }
        }
    }
    return 0;
}

/* "attendees include X": the trigger's own subject must be one of the nouns. */
static bool if_subj_ok(ng_xctx *c, const ng_frame *f, uint32_t h)
{
    if (!f->nif_subj)
        return true;
    int64_t s = ng_tree_child(&c->tree, h, "nsubj");
    if (s < 0)
        return false;
    for (uint8_t k = 0; k < f->nif_subj; k++)
        if (ng_x_is(c, (uint32_t)s, f->if_subj[k]))
            return true;
    return false;
}

/* "..., both of whom attended": a past tense after a relative pronoun,
 * not a passive participle. */
static bool after_relative(const ng_xctx *c, uint32_t i)
{
    for (uint32_t k = i; k > c->tree.first && k + 3 > i; k--)
        if (ng_x_is(c, k - 1, "who") || ng_x_is(c, k - 1, "whom") || ng_x_is(c, k - 1, "which") ||
            ng_x_is(c, k - 1, "that"))
            return true;
    return false;
}

/* "The Expo, held in Osaka, drew crowds": a participle between commas and
 * before a preposition, whatever tag the tagger gave it. */
static bool reduced_relative(const ng_xctx *c, uint32_t i, uint32_t h)
{
    uint32_t end = c->tree.first + c->tree.n;
    const char *w = ng_tree_lower(&c->tree, i);
    size_t n = strlen(w);
    bool ed = n > 3 && (strcmp(w + n - 2, "ed") == 0 || strcmp(w + n - 2, "en") == 0 || strcmp(w, "held") == 0);
    return ed && i == h && i > c->tree.first && ng_x_is(c, i - 1, ",") && i + 1 < end &&
           c->doc->tokens[i + 1].upos == NG_UPOS_ADP && ng_tree_child(&c->tree, h, "obj") < 0 &&
           /* "Jo Smith, chief of Acme, attended for ...": a verb with its own
            * active subject is no participle */
           !(c->parsed && ng_tree_child(&c->tree, h, "nsubj") >= 0 && !ng_tree_passive(&c->tree, h) &&
             c->doc->tokens[h].xpos == ng_xpos_id("VBD"));
}

/* "X is expected to attend along with Y", "X, together with Y, attended":
 * Y shares the subject's part. Returns the new subject count. */
static size_t along_with(ng_xctx *c, const ng_frame *f, uint32_t h, bool passive, int32_t *subj, size_t ns)
{
    if (!c->parsed || passive || !f->nsubj || f->subj[0].kind != NG_SLOT_SUBJ)
        return ns;
    static const char *const preps[] = {"along_with", "together_with", "alongside"};
    for (size_t p = 0; p < NG_ARRAY_LEN(preps); p++) {
        uint32_t toks[4];
        size_t nt = pobj_of(c, h, preps[p], toks, 4);
        for (size_t j = 0; j < nt; j++) {
            int32_t es[NG_MAX_ARGS];
            size_t m = ng_x_entities(c, toks[j], es, NG_MAX_ARGS);
            for (size_t q = 0; q < m && ns < NG_MAX_ARGS; q++) {
                bool have = false;
                for (size_t r = 0; r < ns; r++)
                    have |= subj[r] == es[q];
                if (!have && ng_x_type_ok(c, es[q], f->subj_types))
                    subj[ns++] = es[q];
            }
        }
    }
    return ns;
}

static void apply_frame(ng_xctx *c, const ng_frame *f, uint32_t i)
{
    uint32_t last, h;
    if (!match_words(c, f, i, &last, &h) || !upos_ok(c, f, h) || !if_subj_ok(c, f, h))
        return;
    bool passive = false;
    if (c->parsed) {
        /* a bare participle is passive too: "a forum hosted by X", "remains blocked" */
        passive = ng_tree_passive(&c->tree, h) ||
                  (c->doc->tokens[h].xpos == ng_xpos_id("VBN") && ng_tree_child(&c->tree, h, "nsubj") < 0 &&
                   ng_tree_child(&c->tree, h, "aux") < 0 && !after_relative(c, i)) ||
                  reduced_relative(c, i, h);
    }
    int32_t subj[NG_MAX_ARGS], obj[NG_MAX_ARGS];
    bool subj_implicit, obj_implicit;
    size_t ns = resolve(c, f->subj, f->nsubj, f->subj_types, h, i, last, passive, true, subj, &subj_implicit);
    if (!ns)
        return;
    size_t no = resolve(c, f->obj, f->nobj, f->obj_types, h, i, last, passive, false, obj, &obj_implicit);
    if (!no)
        return;
    ns = along_with(c, f, h, passive, subj, ns);
    ng_cand base = ng_x_cand(c, f->relation, i, last, f->conf * (obj_implicit || subj_implicit ? 0.8f : 1.0f));
    base.modality = f->modality;
    base.rule = "frame";
    base.line = f->line;
    if (f->title[0])
        base.title = f->title;
    ng_x_qualify(c, &base, h);
    if (f->negative)
        base.negated = !base.negated;
    for (size_t a = 0; a < ns; a++)
        for (size_t b = 0; b < no; b++) {
            ng_cand fc = base;
            fc.subj = subj[a];
            fc.obj = obj[b];
            ng_x_emit(c, &fc);
        }
}

void ng_match_frames(ng_xctx *c)
{
    for (uint32_t i = c->tree.first; i < c->tree.first + c->tree.n; i++) {
        const char *lemma = ng_tree_lemma(&c->tree, i);
        const uint32_t *fs = ng_xlex_frames(c->xlex, lemma, strlen(lemma));
        if (!fs && strcmp(lemma, ng_tree_lower(&c->tree, i)) != 0)
            fs = ng_xlex_frames(c->xlex, ng_tree_lower(&c->tree, i), strlen(ng_tree_lower(&c->tree, i)));
        for (; fs && *fs != UINT32_MAX; fs++)
            apply_frame(c, &c->xlex->frames[*fs], i);
        /* suffix triggers: "Texas-based" as one token, or "Texas - based" */
        char suffix[NG_WORD_MAX + 1];
        const char *w = ng_tree_lower(&c->tree, i), *dash = strrchr(w, '-');
        if (dash && dash != w && strlen(dash) < sizeof suffix)
            snprintf(suffix, sizeof suffix, "%s", dash);
        else if (i > c->tree.first && ng_x_is(c, i - 1, "-") && strlen(w) + 1 < sizeof suffix)
            snprintf(suffix, sizeof suffix, "-%s", w);
        else
            continue;
        for (fs = ng_xlex_frames(c->xlex, suffix, strlen(suffix)); fs && *fs != UINT32_MAX; fs++)
            apply_frame(c, &c->xlex->frames[*fs], i);
    }
}
