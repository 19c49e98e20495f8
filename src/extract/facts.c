/*
 * facts.c - the fact stage: runs the matchers, follows arguments to the
 * entities they stand for, reads polarity, modality and time off the
 * trigger's clause, and merges duplicate candidates into ng_fact records.
 */
#include "extract.h"
#include "kb/gazetteer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

/* ------------------------------------------------------------- helpers */

ng_cand ng_x_cand(const ng_xctx *c, const char *relation, uint32_t first, uint32_t last, float conf)
{
    ng_cand f;
    memset(&f, 0, sizeof f);
    f.relation = relation;
    f.subj = f.obj = -1;
    f.trig_first = first;
    f.trig_last = last;
    f.conf = conf;
    f.sent = c->sent;
    return f;
}

bool ng_x_is(const ng_xctx *c, uint32_t i, const char *w)
{
    return strcmp(ng_tree_lower(&c->tree, i), w) == 0 || strcmp(ng_tree_lemma(&c->tree, i), w) == 0;
}

bool ng_x_known_place(const ng_xctx *c, int32_t e)
{
    if (!c->gaz || e < 0 || (size_t)e >= c->doc->nentities)
        return false;
    const char *name = c->doc->entities[e].name;
    uint32_t lists = ng_gaz_lists_of(c->gaz, name, strlen(name), NG_GAZ_EXACT);
    return lists & ((1u << NG_GAZ_COUNTRY) | (1u << NG_GAZ_CITY) | (1u << NG_GAZ_SUBDIVISION) |
                    (1u << NG_GAZ_KNOWN_LOC) | (1u << NG_GAZ_COUNTRY_CODE));
}

bool ng_x_type_ok(const ng_xctx *c, int32_t e, uint16_t mask)
{
    if (e < 0 || (size_t)e >= c->doc->nentities)
        return false;
    if (!mask)
        return true;
    /* "in 2020" taken for a name is never an argument */
    const char *nm = c->doc->entities[e].name;
    if (nm[0] >= '0' && nm[0] <= '9' && strspn(nm, "0123456789") == strlen(nm))
        return false;
    int t = c->doc->entities[e].type;
    if (mask & (1u << t))
        return true;
    /* a place the tagger took for something else ("in Kigali" as ORG):
     * where a place is expected, a name in the place lists is one */
    if ((mask & ((1u << NG_ENT_GPE) | (1u << NG_ENT_LOC))) && t != NG_ENT_EVENT && ng_x_known_place(c, e))
        return true;
    /* the tagger calls some companies and services MISC, and guesses a type
     * for names no list knows ("Pixelo" a person, "Chattr" a place): accept
     * them where an organisation or product is expected */
    bool org_slot = mask & ((1u << NG_ENT_ORG) | (1u << NG_ENT_PRODUCT));
    return org_slot && (t == NG_ENT_MISC ||
                        ((t == NG_ENT_PERSON || t == NG_ENT_LOC) && ng_entity_unknown(c->doc, e) &&
                         !(mask & (1u << t))));
}

void ng_x_emit(ng_xctx *c, const ng_cand *f)
{
    if (f->subj < 0 || (f->obj < 0 && !f->object_text) || f->subj == f->obj || f->unconfirmed)
        return;
    if (!NG_GROW(c->cands, c->cap, c->n + 1)) {
        c->oom = true;
        return;
    }
    c->cands[c->n++] = *f;
}

static void add_unique(int32_t *out, size_t *n, size_t max, int32_t e)
{
    if (e < 0 || *n >= max)
        return;
    for (size_t k = 0; k < *n; k++)
        if (out[k] == e)
            return;
    out[(*n)++] = e;
}

/* ------------------------------------------------------ argument descent */

static bool is_relative_pronoun(const ng_xctx *c, uint32_t i)
{
    static const char *const rel[] = {"who", "whom", "which", "that", "whose", NULL};
    for (const char *const *w = rel; *w; w++)
        if (strcmp(ng_tree_lower(&c->tree, i), *w) == 0)
            return c->doc->tokens[i].upos == NG_UPOS_PRON || c->doc->tokens[i].upos == NG_UPOS_DET;
    return false;
}

/* Quantifiers that stand for a group named in their "of" phrase. */
static bool is_quantifier(const ng_xctx *c, uint32_t i)
{
    static const char *const q[] = {"both", "all", "each", "some", "many", "most", "several", "few",
                                    "none", "one", "two", "three", "either", "neither", "any", NULL};
    for (const char *const *w = q; *w; w++)
        if (strcmp(ng_tree_lower(&c->tree, i), *w) == 0)
            return true;
    return false;
}

/* Nouns that stand for what their possessor offers: "Google's services are
 * blocked" is about Google. */
static bool is_product_noun(const ng_xctx *c, uint32_t i)
{
    static const char *const nouns[] = {"service", "site", "website", "app", "application", "product",
                                        "platform", "network", "search", "engine", "browser", "store",
                                        "messenger", "feed", "page", "account", "content", "business",
                                        "operation", "division", "unit", "arm", "team", NULL};
    for (const char *const *w = nouns; *w; w++)
        if (strcmp(ng_tree_lemma(&c->tree, i), *w) == 0)
            return true;
    return false;
}

static void descend(ng_xctx *c, uint32_t tok, int32_t *out, size_t *n, size_t max, int depth);

/* The entities of tok and of its coordinated siblings. */
static void descend_conj(ng_xctx *c, uint32_t tok, int32_t *out, size_t *n, size_t max, int depth)
{
    uint32_t members[NG_MAX_ARGS];
    size_t m = ng_tree_conjuncts(&c->tree, tok, members, NG_MAX_ARGS);
    for (size_t k = 0; k < m; k++)
        descend(c, members[k], out, n, max, depth);
}

/* A relative pronoun stands for the noun its clause modifies.  In a
 * non-restrictive clause that is the name right before the comma, whatever
 * the parse says: "X, chief of Y, and Z, who heads W" (who = Z), as long as
 * its kind fits the pronoun (who: a person; which: not a person). */
static int64_t antecedent_of_relative(ng_xctx *c, uint32_t tok)
{
    if (tok >= c->tree.first + 2 && ng_x_is(c, tok - 1, ",") && !ng_x_is(c, tok, "whose") &&
        !ng_x_is(c, tok, "that")) {
        int32_t e = ng_entity_at(c->doc, tok - 2);
        if (e >= 0) {
            bool person = c->doc->entities[e].type == NG_ENT_PERSON;
            if (person == (ng_x_is(c, tok, "who") || ng_x_is(c, tok, "whom")))
                return tok - 2;
        }
    }
    int64_t clause = ng_tree_head(&c->tree, tok);
    /* "whose services": the pronoun hangs off the noun inside the clause */
    for (int guard = 0; clause >= 0 && guard < 4 && !ng_tree_rel_is(&c->tree, (uint32_t)clause, "acl"); guard++)
        clause = ng_tree_head(&c->tree, (uint32_t)clause);
    return clause >= 0 ? ng_tree_head(&c->tree, (uint32_t)clause) : -1;
}

static void descend(ng_xctx *c, uint32_t tok, int32_t *out, size_t *n, size_t max, int depth)
{
    if (depth > 3 || *n >= max)
        return;
    int32_t e = ng_entity_at(c->doc, tok);
    /* "Taiwan's largest maker, Formosa Chips": a described noun stands for
     * the name in apposition, whatever coreference made of the noun */
    const ng_mention *own = e >= 0 ? ng_mention_at(c->doc, tok) : NULL;
    if (own && own->kind != NG_MK_NAME && c->parsed) {
        int64_t ap = ng_tree_child(&c->tree, tok, "appos");
        const ng_mention *am = ap >= 0 ? ng_mention_at(c->doc, (uint32_t)ap) : NULL;
        if (am && am->kind == NG_MK_NAME && am->entity >= 0)
            e = am->entity;
    }
    if (e >= 0) {
        /* "Oslo-based Fjordline": a name glued to a hyphen only modifies */
        const ng_mention *m = ng_mention_at(c->doc, tok);
        const ng_token *tk = c->doc->tokens;
        if (m->last + 1 < c->doc->ntokens && tk[m->last - 1].end == tk[m->last].start &&
            tk[m->last].end - tk[m->last].start == 1 && c->doc->text[tk[m->last].start] == '-')
            return;
        add_unique(out, n, max, e);
        return;
    }
    if (!c->parsed)
        return;
    if (is_relative_pronoun(c, tok)) {
        int64_t a = antecedent_of_relative(c, tok);
        if (a >= 0)
            descend_conj(c, (uint32_t)a, out, n, max, depth + 1);
        return;
    }
    const ng_token *t = &c->doc->tokens[tok];
    bool quant = is_quantifier(c, tok);
    if (t->upos != NG_UPOS_NOUN && t->upos != NG_UPOS_PROPN && t->upos != NG_UPOS_PRON && !quant &&
        t->upos != NG_UPOS_NUM && t->upos != NG_UPOS_ADJ)
        return;
    /* an apposition stands for the name it describes: "Wuzhen, the city" */
    if (ng_tree_rel_is(&c->tree, tok, "appos")) {
        int64_t hd = ng_tree_head(&c->tree, tok);
        if (hd >= 0 && ng_entity_at(c->doc, (uint32_t)hd) >= 0) {
            add_unique(out, n, max, ng_entity_at(c->doc, (uint32_t)hd));
            return;
        }
    }
    /* "the development bank BII": a company noun right before a name the
     * parse left unattached stands for the name */
    if (t->upos == NG_UPOS_NOUN && tok + 1 < c->tree.first + c->tree.n) {
        const ng_mention *nm = ng_mention_at(c->doc, tok + 1);
        const ng_nominal *nom = ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, tok));
        if (nm && nm->first == tok + 1 && nm->kind == NG_MK_NAME && nm->entity >= 0 && nom &&
            nom->type == NG_ENT_ORG && c->doc->entities[nm->entity].type != NG_ENT_GPE &&
            ng_tree_head(&c->tree, tok + 1) != (int64_t)tok) {
            add_unique(out, n, max, nm->entity);
            return;
        }
    }
    /* "the Kenyan market", "the Thai government": a place noun (or
     * "market") described by a nationality is the country */
    const ng_nominal *place = ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, tok));
    if ((place && place->type == NG_ENT_GPE) || strcmp(ng_tree_lemma(&c->tree, tok), "market") == 0) {
        int64_t am = ng_tree_child(&c->tree, tok, "amod");
        const ng_mention *dm = am >= 0 ? ng_mention_at(c->doc, (uint32_t)am) : NULL;
        if (dm && dm->kind == NG_MK_DEMONYM && dm->entity >= 0) {
            add_unique(out, n, max, dm->entity);
            return;
        }
    }
    /* a predicate noun stands for its subject: "WIC is a platform ..." */
    if (ng_tree_child(&c->tree, tok, "cop") >= 0) {
        int64_t s = ng_tree_child(&c->tree, tok, "nsubj");
        if (s >= 0)
            descend_conj(c, (uint32_t)s, out, n, max, depth + 1);
    }
    uint32_t nk = ng_tree_nkids(&c->tree, tok);
    char prep[32];
    for (uint32_t k = 0; k < nk; k++) {
        uint32_t kid = ng_tree_kid(&c->tree, tok, k);
        const char *rel = ng_tree_rel(&c->tree, kid);
        /* "makers Halvern, Ostrik", "firm Quellon", "the company Tarvo" */
        /* "makers Halvern, Ostrik", "the firm Quellon": a name after the noun.
         * A name before it only modifies it ("US firms"), except before a
         * product or service ("the Harbour Times website" is the paper's). */
        if (strcmp(rel, "appos") == 0 || strcmp(rel, "flat") == 0 ||
            (strncmp(rel, "compound", 8) == 0 && (kid > tok || is_product_noun(c, tok)))) {
            if (ng_entity_at(c->doc, kid) >= 0 && ng_entity_at(c->doc, kid) != ng_entity_at(c->doc, tok))
                descend_conj(c, kid, out, n, max, depth + 1);
            continue;
        }
        if (strncmp(rel, "nmod", 4) != 0 && strcmp(rel, "acl") != 0)
            continue;
        ng_tree_case(&c->tree, kid, prep, sizeof prep);
        if (strcmp(rel, "nmod:poss") == 0) {
            if (is_product_noun(c, tok) || quant)
                descend(c, kid, out, n, max, depth + 1);
        } else if (strcmp(prep, "including") == 0 || strcmp(prep, "such_as") == 0 || strcmp(prep, "like") == 0 ||
                   strcmp(prep, "among") == 0) {
            descend_conj(c, kid, out, n, max, depth + 1);
        } else if ((strcmp(prep, "of") == 0 && (quant || t->upos != NG_UPOS_PROPN)) || strcmp(prep, "from") == 0) {
            /* "some of the names", "presidents of makers X", "representatives
             * from Uber": only organisations and people stand in for the noun */
            size_t mark = *n;
            descend_conj(c, kid, out, n, max, depth + 1);
            /* "the canton of Ticino", "the city of Lugano": the place */
            const ng_nominal *nom = ng_xlex_nominal(c->xlex, ng_tree_lemma(&c->tree, tok));
            bool place_noun = nom && nom->type == NG_ENT_GPE;
            size_t w = mark;
            for (size_t r = mark; r < *n; r++) {
                int ty = c->doc->entities[out[r]].type;
                if (ty == NG_ENT_ORG || ty == NG_ENT_PERSON || ty == NG_ENT_MISC || quant ||
                    (place_noun && (ty == NG_ENT_GPE || ty == NG_ENT_LOC)))
                    out[w++] = out[r];
            }
            *n = w;
        }
    }
}

size_t ng_x_entities(ng_xctx *c, uint32_t tok, int32_t *out, size_t max)
{
    size_t n = 0;
    descend_conj(c, tok, out, &n, max, 0);
    return n;
}

/* ------------------------------------------------ polarity, modality, time */

/* Apply the cue (if any) of token w standing at position `where`. */
static void apply_cue(ng_xctx *c, uint32_t w, int where, int *neg, int *mod)
{
    const ng_cue *cue = ng_xlex_cue(c->xlex, ng_tree_lower(&c->tree, w), where);
    if (!cue)
        cue = ng_xlex_cue(c->xlex, ng_tree_lemma(&c->tree, w), where);
    if (!cue)
        return;
    switch (cue->kind) {
    case NG_CUE_NEGATION: *neg ^= 1; break;
    case NG_CUE_PLANNED: *mod = NG_MOD_PLANNED; break;
    case NG_CUE_HEDGED: if (*mod != NG_MOD_PLANNED) *mod = NG_MOD_HEDGED; break;
    case NG_CUE_REPORTED: if (*mod == NG_MOD_ASSERTED) *mod = NG_MOD_REPORTED; break;
    case NG_CUE_FORMER: *mod = NG_MOD_FORMER; break; /* "its former owner" */
    case NG_CUE_PAST: *neg |= 2; break; /* flag: no date of its own */
    default: break;
    }
}

/* Modifier cues among the dependents of h (aux, advmod, neg). */
static void mod_cues(ng_xctx *c, uint32_t h, int *neg, int *mod)
{
    uint32_t nk = ng_tree_nkids(&c->tree, h);
    for (uint32_t k = 0; k < nk; k++) {
        uint32_t kid = ng_tree_kid(&c->tree, h, k);
        const char *rel = ng_tree_rel(&c->tree, kid);
        if (strncmp(rel, "aux", 3) == 0 || strcmp(rel, "advmod") == 0 || strcmp(rel, "cop") == 0 ||
            strcmp(rel, "discourse") == 0 || strcmp(rel, "cc") == 0 || strcmp(rel, "amod") == 0)
            apply_cue(c, kid, NG_CUE_MOD, neg, mod);
    }
}

/* A determiner or quantifier of the subject that negates ("no one", "none"). */
static void subject_cues(ng_xctx *c, uint32_t h, int *neg)
{
    int64_t s = ng_tree_child(&c->tree, h, "nsubj");
    if (s < 0)
        return;
    int dummy = 0;
    apply_cue(c, (uint32_t)s, NG_CUE_SUBJ, neg, &dummy);
    int64_t det = ng_tree_child(&c->tree, (uint32_t)s, "det");
    if (det >= 0)
        apply_cue(c, (uint32_t)det, NG_CUE_SUBJ, neg, &dummy);
}

/* Whether token g heads a clause: a verb, or attached as one. */
static bool heads_clause(const ng_xctx *c, uint32_t g)
{
    const char *rel = ng_tree_rel(&c->tree, g);
    return c->doc->tokens[g].upos == NG_UPOS_VERB || strncmp(rel, "advcl", 5) == 0 ||
           strncmp(rel, "ccomp", 5) == 0 || strncmp(rel, "acl", 3) == 0 || strcmp(rel, "parataxis") == 0;
}

/* The clause a token belongs to: the nearest ancestor that is a verb or the
 * root, or heads a clause. */
static int64_t clause_head(const ng_xctx *c, uint32_t i)
{
    int64_t g = i;
    for (uint32_t guard = 0; guard <= c->tree.n; guard++) {
        int64_t h = ng_tree_head(&c->tree, (uint32_t)g);
        if (h < 0)
            return g;
        if (g != (int64_t)i && heads_clause(c, (uint32_t)g))
            return g;
        g = h;
    }
    return g;
}

/* Whether k hangs from h without a clause in between: "attended in 2019"
 * but not "attended, ... since it was blocked two years ago". */
static bool in_own_clause(const ng_xctx *c, uint32_t k, uint32_t h)
{
    int64_t g = k;
    for (uint32_t guard = 0; guard <= c->tree.n && g >= 0; guard++) {
        if (g == (int64_t)h)
            return true;
        if (g != (int64_t)k && heads_clause(c, (uint32_t)g))
            return false;
        g = ng_tree_head(&c->tree, (uint32_t)g);
    }
    return false;
}

/* The time of the clause of h: a temporal expression in h's own phrase,
 * else one whose clause governs h ("In 2016, X ... participated", "expected
 * to attend next month"), else (without a parse) the nearest one.  Dates in
 * another clause ("a year after its founder spoke in 2015") do not count. */
static const ng_timex *clause_time(ng_xctx *c, uint32_t h)
{
    const ng_timex *best = NULL;
    long best_d = 1L << 30;
    for (uint32_t i = c->tree.first; i < c->tree.first + c->tree.n; i++) {
        const ng_timex *t = ng_timex_at(c->doc, i);
        if (!t || t->kind != NG_TIMEX_DATE || i != t->first)
            continue;
        bool near = false, governs = !c->parsed;
        if (c->parsed) {
            for (uint32_t k = t->first; k < t->last && !near; k++)
                near = k != h && ng_tree_dominates(&c->tree, h, k) && in_own_clause(c, k, h);
            int64_t ch = clause_head(c, t->first);
            governs = near || (ch >= 0 && ng_tree_dominates(&c->tree, (uint32_t)ch, h));
        }
        if (!governs)
            continue;
        long d = labs((long)i - (long)h) - (near ? 1000 : 0);
        if (d < best_d) {
            best_d = d;
            best = t;
        }
    }
    return best;
}

/* A timex value as a fact time: a date, a month, or the year of a week,
 * season or quarter; "" when it has no year. */
static void fact_time(const ng_timex *t, char out[24])
{
    out[0] = '\0';
    if (!t || !t->resolved)
        return;
    const char *v = t->value;
    size_t n = strlen(v), digits = 0;
    while (digits < n && isdigit((unsigned char)v[digits]))
        digits++;
    if (digits != 4)
        return; /* a decade ("199") or no year */
    bool month = n >= 7 && v[4] == '-' && isdigit((unsigned char)v[5]) && isdigit((unsigned char)v[6]);
    bool day = month && n >= 10 && v[7] == '-' && isdigit((unsigned char)v[8]) && isdigit((unsigned char)v[9]);
    /* weeks, weekends, seasons and quarters keep their year */
    snprintf(out, 24, "%.*s", day ? 10 : month ? 7 : 4, v);
}

/* True when word is a rumour cue (a word may also be a cue of another
 * kind: "report" is a reporting verb too). */
static bool is_rumour_word(const ng_xlex *x, const char *word)
{
    for (size_t i = 0; i < x->ncues; i++)
        if (x->cues[i].kind == NG_CUE_RUMOUR && x->cues[i].nwords == 1 && strcmp(x->cues[i].words[0], word) == 0)
            return true;
    return false;
}

/* The rumour word at i is a noun: tagged one, or a plural after a word
 * that cannot be its subject ("denied reports that", "local media reports
 * that"), not a verb after its subject ("Acme reports that"). */
static bool rumour_noun(const ng_xctx *c, uint32_t i)
{
    const ng_token *t = c->doc->tokens;
    if (t[i].upos == NG_UPOS_NOUN)
        return true;
    if (i <= c->tree.first || t[i].end - t[i].start < 2 || c->doc->text[t[i].end - 1] != 's')
        return false;
    int u = t[i - 1].upos;
    return u == NG_UPOS_ADJ || u == NG_UPOS_DET || u == NG_UPOS_VERB || u == NG_UPOS_NOUN || u == NG_UPOS_ADP;
}

/* "invited her to speak", "asked Acme to join": clause g is what verb v
 * asks of its object, not what happened. */
static bool asked_to(ng_xctx *c, uint32_t g, uint32_t v)
{
    int64_t mark = ng_tree_child(&c->tree, g, "mark");
    bool to_clause = ng_tree_rel_is(&c->tree, g, "xcomp") ||
                     (ng_tree_rel_is(&c->tree, g, "advcl") && mark >= 0 && ng_x_is(c, (uint32_t)mark, "to"));
    return c->doc->tokens[v].upos == NG_UPOS_VERB && to_clause && ng_tree_child(&c->tree, v, "obj") >= 0;
}

/* True when h stands in a clause that hangs off a rumour noun: "denied
 * reports that the carmaker was preparing to buy X", "rumours that Acme was
 * looking at buying Y" (lexicons/cues.txt: KIND rumour). */
static bool under_rumour(ng_xctx *c, uint32_t h)
{
    int64_t g = h;
    for (int up = 0; up < 5 && g >= 0; up++) {
        const char *rel = ng_tree_rel(&c->tree, (uint32_t)g);
        int64_t gg = ng_tree_head(&c->tree, (uint32_t)g);
        if (gg < 0)
            break;
        if (strncmp(rel, "acl", 3) == 0 || strcmp(rel, "ccomp") == 0 || strcmp(rel, "xcomp") == 0 ||
            strcmp(rel, "advcl") == 0) {
            if (is_rumour_word(c->xlex, ng_tree_lemma(&c->tree, (uint32_t)gg)) &&
                (rumour_noun(c, (uint32_t)gg) || asked_to(c, (uint32_t)g, (uint32_t)gg)))
                return true;
        } else if (strcmp(rel, "conj") != 0) {
            break;
        }
        g = gg;
    }
    return false;
}

void ng_x_qualify(ng_xctx *c, ng_cand *f, uint32_t h)
{
    int neg = 0, mod = NG_MOD_ASSERTED;
    if (c->parsed) {
        for (uint32_t i = f->trig_first; i < f->trig_last; i++)
            mod_cues(c, i, &neg, &mod);
        /* "X was not at the event": a copular predicate holds the clause's
         * cues */
        if ((h < f->trig_first || h >= f->trig_last) && ng_tree_child(&c->tree, h, "cop") >= 0)
            mod_cues(c, h, &neg, &mod);
        subject_cues(c, h, &neg);
        /* up the chain of governing verbs: "expected to attend", "failed to
         * show up", "said it would attend" */
        int64_t g = h;
        for (int up = 0; up < 3; up++) {
            const char *rel = ng_tree_rel(&c->tree, (uint32_t)g);
            int64_t mark = ng_tree_child(&c->tree, (uint32_t)g, "mark");
            bool clausal = strcmp(rel, "xcomp") == 0 || strcmp(rel, "ccomp") == 0 || strcmp(rel, "conj") == 0 ||
                           (strcmp(rel, "advcl") == 0 && mark >= 0 && ng_x_is(c, (uint32_t)mark, "from"));
            int64_t gg = ng_tree_head(&c->tree, (uint32_t)g);
            if (!clausal || gg < 0)
                break;
            if (strcmp(rel, "conj") != 0) {
                apply_cue(c, (uint32_t)gg, NG_CUE_GOV, &neg, &mod);
                mod_cues(c, (uint32_t)gg, &neg, &mod);
            }
            g = gg;
        }
        /* a noun trigger takes the cues of the verb it is the object of:
         * "lifted its ban", "completed the acquisition" */
        int64_t hv = ng_tree_head(&c->tree, h);
        if (c->doc->tokens[h].upos == NG_UPOS_NOUN && hv >= 0 &&
            (ng_tree_rel_is(&c->tree, h, "obj") || ng_tree_rel_is(&c->tree, h, "nsubj:pass"))) {
            apply_cue(c, (uint32_t)hv, NG_CUE_GOV, &neg, &mod);
            mod_cues(c, (uint32_t)hv, &neg, &mod);
        }
    } else {
        /* no parse: cues in a small window before the trigger */
        for (uint32_t i = f->trig_first > c->tree.first + 3 ? f->trig_first - 3 : c->tree.first; i < f->trig_first; i++)
            apply_cue(c, i, NG_CUE_MOD, &neg, &mod);
    }
    bool undated = neg & 2;
    neg &= 1;
    f->unconfirmed = c->parsed && under_rumour(c, h);
    f->negated = (bool)neg;
    if (f->modality == NG_MOD_ASSERTED)
        f->modality = (uint8_t)mod;
    const ng_timex *t = clause_time(c, h);
    /* "has been held there since 2014" is true up to the report: the report's date */
    if (t && t->mod != NG_TMOD_SINCE)
        fact_time(t, f->time);
    f->time_explicit = f->time[0] != '\0';
    /* a report cannot state as done what happens after its own date */
    const char *d = c->doc->fields[NG_F_DATE];
    if (f->time_explicit && d && f->modality == NG_MOD_ASSERTED && !f->negated &&
        strncmp(f->time, d, strlen(f->time)) > 0)
        f->modality = NG_MOD_PLANNED;
    if (!f->time[0] && !undated) {
        /* Unsaid: the time of the report (unless "once", "previously") */
        if (d && strlen(d) >= 10)
            snprintf(f->time, sizeof f->time, "%.10s", d);
    }
}

/* ------------------------------------------------------------- merging */

static bool same_fact(const ng_doc *doc, const ng_cand *a, const ng_cand *b)
{
    (void)doc;
    if (strcmp(a->relation, b->relation) != 0 || a->subj != b->subj || a->negated != b->negated)
        return false;
    /* "its founder, who stepped down as chairman": two roles, one former */
    if (a->title && b->title && a->modality != b->modality && strcmp(a->title, b->title) != 0)
        return false;
    if (a->obj >= 0 || b->obj >= 0)
        return a->obj == b->obj;
    return a->object_text && b->object_text && strcmp(a->object_text, b->object_text) == 0;
}

/* Keep the better of two duplicates in *a: an explicit time beats the
 * report's date, then the higher confidence; a title fills a missing one. */
static void merge_into(ng_cand *a, const ng_cand *b)
{
    bool take = (b->time_explicit && !a->time_explicit) ||
                (b->time_explicit == a->time_explicit && b->conf > a->conf);
    const char *title = a->title ? a->title : b->title;
    if (take)
        *a = *b;
    a->title = title;
}

/* Same relation between the same arguments, whatever the polarity. */
static bool same_pair(const ng_cand *a, const ng_cand *b)
{
    return strcmp(a->relation, b->relation) == 0 && a->subj == b->subj && a->obj == b->obj && a->obj >= 0;
}

/* True when a and b are dated in different years ("is expected to come"
 * this year, "skipped last year's meeting"). */
static bool other_year(const ng_cand *a, const ng_cand *b)
{
    return a->time[0] && b->time[0] && strncmp(a->time, b->time, 4) != 0;
}

/* What happened supersedes what was expected: "Acme said it would attend"
 * then "Acme did not take part" leaves only the second; of two opposite
 * readings of one sentence the more confident stays.  Returns the new
 * count after dropping superseded candidates. */
static size_t drop_superseded(ng_cand *cands, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        bool superseded = false;
        for (size_t k = 0; k < n && !superseded; k++)
            superseded = k != i && same_pair(&cands[i], &cands[k]) && cands[i].negated != cands[k].negated &&
                         (((cands[i].modality == NG_MOD_PLANNED || cands[i].modality == NG_MOD_HEDGED) &&
                           cands[k].modality == NG_MOD_ASSERTED && !other_year(&cands[i], &cands[k])) ||
                          /* one sentence saying both: the surer reading wins
                           * ("did not attend, sending her deputy instead") */
                          (cands[i].sent == cands[k].sent && cands[i].conf < cands[k].conf &&
                           strncmp(cands[i].time, cands[k].time, 4) == 0));
        if (!superseded)
            cands[w++] = cands[i];
    }
    return w;
}

static void log_fact(const ng_doc *doc, const ng_cand *f)
{
    const char *o = f->obj >= 0 ? doc->entities[f->obj].name : f->object_text;
    uint32_t ts = doc->tokens[f->trig_first].start, te = doc->tokens[f->trig_last - 1].end;
    ng_log(NG_LOG_DEBUG, "%s: %s%s(%s, %.40s) %s %s by %s%s%d, trigger \"%.*s\"", doc->fields[NG_F_ID],
           f->negated ? "not " : "", f->relation, doc->entities[f->subj].name, o ? o : "",
           ng_modality_name(f->modality), f->time, f->rule ? f->rule : "?", f->line ? " line " : "",
           f->line, (int)(te - ts), doc->text + ts);
}

static int store_facts(ng_xctx *c, ng_error *err)
{
    ng_doc *doc = c->doc;
    /* merge duplicates, keeping the first occurrence's position */
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t k = 0;
        while (k < n && !same_fact(doc, &c->cands[k], &c->cands[i]))
            k++;
        if (k < n)
            merge_into(&c->cands[k], &c->cands[i]);
        else
            c->cands[n++] = c->cands[i];
    }
    n = drop_superseded(c->cands, n);
    for (size_t i = 0; i < n; i++)
        log_fact(doc, &c->cands[i]);
    ng_fact *facts = n ? ng_arena_calloc(&doc->arena, n * sizeof *facts) : NULL;
    if (n && !facts)
        return ng_err(err, NG_ENOMEM, "facts: out of memory");
    for (size_t i = 0; i < n; i++) {
        const ng_cand *f = &c->cands[i];
        ng_fact *o = &facts[i];
        const ng_sentence *s = &doc->sents[f->sent];
        o->relation = f->relation;
        o->subject = f->subj;
        o->object = f->obj;
        o->object_text = f->object_text;
        o->negated = f->negated;
        o->modality = f->modality;
        o->time = f->time[0] ? ng_arena_strdup(&doc->arena, f->time) : NULL;
        o->title = f->title;
        o->confidence = f->conf > 1 ? 1 : f->conf;
        o->sentence = f->sent;
        o->evidence.start = f->ev_end ? f->ev_start : s->start;
        o->evidence.end = f->ev_end ? f->ev_end : s->end;
        o->trigger.start = doc->tokens[f->trig_first].start;
        o->trigger.end = doc->tokens[f->trig_last - 1].end;
    }
    doc->facts = facts;
    doc->nfacts = n;
    return NG_OK;
}

int ng_facts_run(const struct ng_lexicons *gaz, const ng_xlex *xlex, ng_doc *doc, ng_error *err)
{
    ng_xctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.xlex = xlex;
    c.gaz = gaz;
    for (size_t i = 0; i < doc->ntokens && !c.parsed; i++)
        c.parsed = doc->tokens[i].deprel != 0;
    int rc = NG_OK;
    for (size_t s = 0; s < doc->nsents && rc == NG_OK; s++) {
        c.sent = (uint32_t)s;
        if (ng_tree_build(&c.tree, doc, s) != NG_OK) {
            rc = ng_err(err, NG_ENOMEM, "facts: out of memory");
            break;
        }
        ng_match_frames(&c);
        ng_match_roles(&c);
        ng_match_constructions(&c);
    }
    if (rc == NG_OK)
        ng_match_quotes(&c);
    if (rc == NG_OK && c.oom)
        rc = ng_err(err, NG_ENOMEM, "facts: out of memory");
    if (rc == NG_OK)
        rc = store_facts(&c, err);
    ng_free(c.cands, c.cap * sizeof *c.cands);
    return rc;
}
