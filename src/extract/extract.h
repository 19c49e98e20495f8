/*
 * extract.h - the fact extractor, internal: a candidate fact, the context
 * the matchers share, and the helpers every matcher uses (arguments to
 * entities, polarity/modality/time of a trigger, emitting).
 *
 * Matchers (frames.c, roles.c, quotes.c, constructions.c) propose
 * candidates; facts.c qualifies, deduplicates and stores them as ng_fact.
 */
#ifndef NG_EXTRACT_H
#define NG_EXTRACT_H

#include "kb/entities.h"
#include "time/timex.h"
#include "tree.h"
#include "xlex.h"

struct ng_lexicons;

#define NG_MAX_ARGS 16 /* entities one argument may distribute to */

/* A candidate fact before deduplication. */
typedef struct ng_cand {
    const char *relation;
    int32_t subj;            /* entity */
    int32_t obj;             /* entity, or -1 with object_text */
    const char *object_text; /* literal object (arena) */
    uint32_t trig_first;     /* trigger tokens [trig_first, trig_last) */
    uint32_t trig_last;
    bool negated;
    bool unconfirmed;        /* inside "reports/rumours that ...": never emitted */
    uint8_t modality;        /* ng_modality */
    char time[24];           /* "" = unknown */
    bool time_explicit;      /* from a temporal expression, not the document date */
    const char *title;       /* role title (arena) or NULL */
    float conf;
    uint32_t sent;
    uint32_t ev_start, ev_end; /* evidence bytes when wider than the sentence (quotes); 0, 0 = the sentence */
    const char *rule;        /* which matcher proposed it (diagnostics) */
    int line;                /* the frame's line in relations.txt, 0 for other matchers */
} ng_cand;

typedef struct ng_xctx {
    ng_doc *doc;
    const ng_xlex *xlex;
    const struct ng_lexicons *gaz;
    ng_tree tree;            /* the current sentence */
    uint32_t sent;           /* its index */
    bool parsed;             /* the document has a parse */
    ng_cand *cands;          /* [n], heap */
    size_t n, cap;
    bool oom;
} ng_xctx;

/* The fact stage: run every matcher over every sentence and fill
 * doc->facts.  Needs the entity stage; uses the parse and timexes when
 * present. */
int ng_facts_run(const struct ng_lexicons *gaz, const ng_xlex *xlex, ng_doc *doc, ng_error *err);

/* Matchers, each over the current sentence (quotes: over the document). */
void ng_match_frames(ng_xctx *c);
void ng_match_roles(ng_xctx *c);
void ng_match_constructions(ng_xctx *c);
void ng_match_quotes(ng_xctx *c);

/* Entities an argument token stands for: the entity it names, or the names
 * a common noun leads to ("makers Honeywell, Intel", "giants such as
 * Google", "representatives from Uber"), distributed over coordination.
 * Returns the count written to out. */
size_t ng_x_entities(ng_xctx *c, uint32_t tok, int32_t *out, size_t max);

/* Surface fallbacks (surface.c), for when the parse gives nothing: the
 * coordinated names just before trigger (through "who", "both of whom"),
 * the names listed from token `from` on, and those after the first `word`
 * ("including", "such") in [from, to).  Only entities of a type in types
 * are kept.  Return the count written to out. */
size_t ng_surf_left(ng_xctx *c, uint32_t trig, uint16_t types, int32_t *out, size_t max);
size_t ng_surf_right(ng_xctx *c, uint32_t from, uint16_t types, int32_t *out, size_t max);
size_t ng_surf_after_word(ng_xctx *c, uint32_t from, uint32_t to, const char *word, uint16_t types, int32_t *out,
                          size_t max);

/* Fill polarity, modality and time of f from the clause of trigger head h. */
void ng_x_qualify(ng_xctx *c, ng_cand *f, uint32_t h);

/* Add a candidate (copied). */
void ng_x_emit(ng_xctx *c, const ng_cand *f);

/* A new candidate for the current sentence with the trigger span. */
ng_cand ng_x_cand(const ng_xctx *c, const char *relation, uint32_t first, uint32_t last, float conf);

/* True when entity e has a type in mask (bit per ng_ent_type); 0 = any. */
bool ng_x_type_ok(const ng_xctx *c, int32_t e, uint16_t mask);

/* True when entity e's name is in a place list (country, city, region). */
bool ng_x_known_place(const ng_xctx *c, int32_t e);

/* True when token i's lowercased text or lemma equals w. */
bool ng_x_is(const ng_xctx *c, uint32_t i, const char *w);

#endif /* NG_EXTRACT_H */
