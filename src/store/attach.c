/*
 * attach.c - give a document entities and facts built outside the pipeline
 * (records read back from JSON Lines, unit tests).  Everything is copied
 * into the document's arena, so the caller's arrays may go away.
 */
#include "store/store.h"

static const char *dup_str(ng_doc *doc, const char *s, bool *oom)
{
    if (!s)
        return NULL;
    char *c = ng_arena_strdup(&doc->arena, s);
    *oom |= c == NULL;
    return c;
}

static void copy_entity(ng_doc *doc, ng_entity *dst, const ng_entity *src, bool *oom)
{
    *dst = *src;
    dst->name = dup_str(doc, src->name, oom);
    const char **aliases = ng_arena_alloc(&doc->arena, ((size_t)src->naliases + 1) * sizeof *aliases);
    ng_span *mentions = ng_arena_alloc(&doc->arena, ((size_t)src->nmentions + 1) * sizeof *mentions);
    if (!aliases || !mentions) {
        *oom = true;
        return;
    }
    for (uint32_t k = 0; k < src->naliases; k++)
        aliases[k] = dup_str(doc, src->aliases[k], oom);
    if (src->nmentions)
        memcpy(mentions, src->mentions, src->nmentions * sizeof *mentions);
    dst->aliases = aliases;
    dst->mentions = mentions;
}

static void copy_fact(ng_doc *doc, ng_fact *dst, const ng_fact *src, bool *oom)
{
    *dst = *src;
    dst->relation = dup_str(doc, src->relation, oom);
    dst->object_text = dup_str(doc, src->object_text, oom);
    dst->time = dup_str(doc, src->time, oom);
    dst->title = dup_str(doc, src->title, oom);
}

int ng_doc_attach(ng_doc *doc, const ng_entity *ents, size_t nents, const ng_fact *facts, size_t nfacts)
{
    ng_entity *e = ng_arena_alloc(&doc->arena, (nents + 1) * sizeof *e);
    ng_fact *f = ng_arena_alloc(&doc->arena, (nfacts + 1) * sizeof *f);
    if (!e || !f)
        return NG_ENOMEM;
    bool oom = false;
    for (size_t i = 0; i < nents; i++)
        copy_entity(doc, &e[i], &ents[i], &oom);
    for (size_t i = 0; i < nfacts; i++)
        copy_fact(doc, &f[i], &facts[i], &oom);
    if (oom)
        return NG_ENOMEM;
    doc->entities = e;
    doc->nentities = nents;
    doc->facts = f;
    doc->nfacts = nfacts;
    return NG_OK;
}
