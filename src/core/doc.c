/*
 * doc.c - documents: body text, metadata fields, token and sentence arrays.
 */
#include "doc.h"

ng_doc *ng_doc_new(const char *text, size_t len)
{
    ng_doc *doc = ng_calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    ng_arena_init(&doc->arena);
    ng_buf b;
    ng_buf_init(&b);
    doc->repairs = ng_utf8_repair(&b, text ? text : "", text ? len : 0);
    if (b.oom) {
        ng_buf_free(&b);
        ng_free(doc, sizeof *doc);
        return NULL;
    }
    doc->len = b.len;
    doc->text = ng_arena_strndup(&doc->arena, b.data ? b.data : "", b.len);
    ng_buf_free(&b);
    if (!doc->text) {
        ng_doc_free(doc);
        return NULL;
    }
    return doc;
}

void ng_doc_free(ng_doc *doc)
{
    if (!doc)
        return;
    ng_free(doc->tokens, doc->cap_tokens * sizeof *doc->tokens);
    ng_free(doc->sents, doc->cap_sents * sizeof *doc->sents);
    ng_arena_free(&doc->arena);
    ng_free(doc, sizeof *doc);
}

const char *ng_doc_text(const ng_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}

size_t ng_doc_repairs(const ng_doc *doc)
{
    return doc->repairs;
}

const char *ng_doc_get(const ng_doc *doc, ng_field field)
{
    if ((unsigned)field >= NG_NFIELDS)
        return NULL;
    return doc->fields[field];
}

int ng_doc_set(ng_doc *doc, ng_field field, const char *value)
{
    if ((unsigned)field >= NG_NFIELDS)
        return NG_EARG;
    if (!value) {
        doc->fields[field] = NULL;
        return NG_OK;
    }
    /* Metadata is one line of text: repair it and fold its whitespace. */
    ng_buf b;
    ng_buf_init(&b);
    ng_utf8_repair(&b, value, strlen(value));
    const char *s = b.data ? b.data : "", *e = s + b.len;
    ng_trim(&s, &e);
    char *copy = ng_arena_alloc(&doc->arena, (size_t)(e - s) + 1);
    if (!copy || b.oom) {
        ng_buf_free(&b);
        return NG_ENOMEM;
    }
    size_t n = 0;
    bool space = false;
    for (const char *p = s; p < e; p++) {
        if (ng_is_space_ascii((unsigned char)*p)) {
            space = true;
            continue;
        }
        if (space && n)
            copy[n++] = ' ';
        space = false;
        copy[n++] = *p;
    }
    copy[n] = '\0';
    ng_buf_free(&b);
    doc->fields[field] = n ? copy : NULL;
    return NG_OK;
}

size_t ng_doc_ntokens(const ng_doc *doc) { return doc->ntokens; }
ng_token *ng_doc_tokens(ng_doc *doc) { return doc->tokens; }
size_t ng_doc_nsentences(const ng_doc *doc) { return doc->nsents; }
const ng_sentence *ng_doc_sentences(const ng_doc *doc) { return doc->sents; }

bool ng_doc_push_token(ng_doc *doc, const ng_token *t)
{
    if (!NG_GROW(doc->tokens, doc->cap_tokens, doc->ntokens + 1))
        return false;
    doc->tokens[doc->ntokens++] = *t;
    return true;
}

bool ng_doc_push_sentence(ng_doc *doc, const ng_sentence *s)
{
    if (!NG_GROW(doc->sents, doc->cap_sents, doc->nsents + 1))
        return false;
    doc->sents[doc->nsents++] = *s;
    return true;
}

void ng_doc_clear_tokens(ng_doc *doc)
{
    doc->ntokens = 0;
    doc->nsents = 0;
    doc->entities = NULL;
    doc->nentities = 0;
    doc->facts = NULL;
    doc->nfacts = 0;
    doc->times = NULL;
    doc->mentions = NULL;
}

size_t ng_doc_nentities(const ng_doc *doc) { return doc->nentities; }
const ng_entity *ng_doc_entities(const ng_doc *doc) { return doc->entities; }
size_t ng_doc_nfacts(const ng_doc *doc) { return doc->nfacts; }
const ng_fact *ng_doc_facts(const ng_doc *doc) { return doc->facts; }
