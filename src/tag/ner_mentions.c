/*
 * ner_mentions.c - a document's entities from its NER spans, grouped by
 * surface form (white space collapsed): one entity per distinct name, its
 * type the one most of its mentions have.  A stand-in for full entity
 * resolution; everything it makes lives in the document's arena.
 */
#include "tag/ner.h"

#define MAX_MENTIONS 100000 /* spans considered per document */

/* The span's text with runs of white space made one space, in the arena. */
static char *span_name(ng_doc *doc, uint32_t a, uint32_t b)
{
    char *out = ng_arena_alloc(&doc->arena, b - a + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool space = false;
    for (uint32_t k = a; k < b; k++) {
        char c = doc->text[k];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && n)
            out[n++] = ' ';
        space = false;
        out[n++] = c;
    }
    out[n] = '\0';
    return out;
}

typedef struct mention {
    const char *name;
    ng_span span;
    uint8_t type;
    uint32_t entity;
} mention;

/* Collect the spans of doc into m (arena); returns the count. */
static size_t collect(ng_doc *doc, mention *m, size_t cap, bool *oom)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->ntokens && n < cap; i++) {
        const ng_token *t = &doc->tokens[i];
        if (t->ent_iob != NG_IOB_B || t->ent_type == NG_ENT_NONE)
            continue;
        size_t e = i;
        while (e + 1 < doc->ntokens && doc->tokens[e + 1].ent_iob == NG_IOB_I)
            e++;
        m[n].span = (ng_span){t->start, doc->tokens[e].end};
        m[n].type = t->ent_type;
        m[n].name = span_name(doc, t->start, doc->tokens[e].end);
        if (!m[n].name) {
            *oom = true;
            return n;
        }
        n++;
        i = e;
    }
    return n;
}

/* Fill ents[nent] from m[n]: mentions in text order (a counting sort by
 * entity), type by majority vote (ties: the first mention's). */
static bool fill_entities(ng_doc *doc, ng_entity *ents, uint32_t nent, const mention *m, size_t n)
{
    uint32_t *count = ng_arena_calloc(&doc->arena, (nent + 1) * sizeof *count);
    uint32_t *votes = ng_arena_calloc(&doc->arena, (size_t)nent * NG_NENT * sizeof *votes);
    ng_span *spans = ng_arena_alloc(&doc->arena, n * sizeof *spans);
    if (!count || !votes || !spans)
        return false;
    for (size_t k = 0; k < n; k++) {
        count[m[k].entity + 1]++;
        votes[(size_t)m[k].entity * NG_NENT + m[k].type]++;
    }
    for (uint32_t e = 0; e < nent; e++) {
        count[e + 1] += count[e];
        ents[e].mentions = spans + count[e];
        ents[e].nmentions = 0;
    }
    for (size_t k = 0; k < n; k++) {
        ng_entity *e = &ents[m[k].entity];
        ((ng_span *)e->mentions)[e->nmentions++] = m[k].span;
        if (!e->name) {
            e->name = m[k].name;
            e->type = m[k].type;
        } else if (votes[(size_t)m[k].entity * NG_NENT + m[k].type] > votes[(size_t)m[k].entity * NG_NENT + e->type]) {
            e->type = m[k].type;
        }
    }
    return true;
}

/* Number the distinct names of m[n] (m[k].entity); UINT32_MAX when out of
 * memory.  A hash table in the arena: slot = first mention + 1. */
static uint32_t group(ng_doc *doc, mention *m, size_t n)
{
    size_t nslots = 16;
    while (nslots < 2 * n)
        nslots *= 2;
    uint32_t *slots = ng_arena_calloc(&doc->arena, nslots * sizeof *slots);
    if (!slots)
        return UINT32_MAX;
    uint32_t nent = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)ng_hash(m[k].name, strlen(m[k].name), 0x3e) & (nslots - 1);
        while (slots[i] && strcmp(m[slots[i] - 1].name, m[k].name) != 0)
            i = (i + 1) & (nslots - 1);
        if (slots[i]) {
            m[k].entity = m[slots[i] - 1].entity;
        } else {
            slots[i] = (uint32_t)k + 1;
            m[k].entity = nent++;
        }
    }
    return nent;
}

int ng_ner_group_mentions(ng_doc *doc, ng_error *err)
{
    doc->entities = NULL;
    doc->nentities = 0;
    size_t cap = 0;
    for (size_t i = 0; i < doc->ntokens; i++)
        cap += doc->tokens[i].ent_iob == NG_IOB_B;
    cap = NG_MIN(cap, (size_t)MAX_MENTIONS);
    if (cap == 0)
        return NG_OK;
    bool oom = false;
    mention *m = ng_arena_alloc(&doc->arena, cap * sizeof *m);
    size_t n = m ? collect(doc, m, cap, &oom) : 0;
    if (!m || oom)
        return ng_err(err, NG_ENOMEM, "entities: out of memory");
    uint32_t nent = group(doc, m, n);
    if (nent == UINT32_MAX)
        return ng_err(err, NG_ENOMEM, "entities: out of memory");
    ng_entity *ents = ng_arena_calloc(&doc->arena, nent * sizeof *ents);
    if (!ents)
        return ng_err(err, NG_ENOMEM, "entities: out of memory");
    if (!fill_entities(doc, ents, nent, m, n))
        return ng_err(err, NG_ENOMEM, "entities: out of memory");
    doc->entities = ents;
    doc->nentities = nent;
    return NG_OK;
}
