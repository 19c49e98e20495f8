/*
 * tree.c - dependency-tree helpers for the matcher.
 */
#include "tree.h"

#include <ctype.h>

int ng_tree_build(ng_tree *t, ng_doc *doc, size_t s)
{
    const ng_sentence *sent = &doc->sents[s];
    memset(t, 0, sizeof *t);
    t->doc = doc;
    t->first = sent->first;
    t->n = sent->ntokens;
    t->start = ng_arena_calloc(&doc->arena, (t->n + 1) * sizeof *t->start);
    t->kids = ng_arena_alloc(&doc->arena, (t->n + 1) * sizeof *t->kids);
    t->lower = ng_arena_alloc(&doc->arena, (t->n + 1) * sizeof *t->lower);
    t->lemma = ng_arena_alloc(&doc->arena, (t->n + 1) * sizeof *t->lemma);
    if (!t->start || !t->kids || !t->lower || !t->lemma)
        return NG_ENOMEM;
    /* count children, then place them (a counting sort keeps text order) */
    for (uint32_t k = 0; k < t->n; k++) {
        int64_t h = doc->tokens[t->first + k].head;
        if (h >= t->first && h < t->first + t->n)
            t->start[h - t->first + 1]++;
    }
    for (uint32_t k = 0; k < t->n; k++)
        t->start[k + 1] += t->start[k];
    uint32_t *fill = ng_arena_alloc(&doc->arena, (t->n + 1) * sizeof *fill);
    if (!fill)
        return NG_ENOMEM;
    memcpy(fill, t->start, t->n * sizeof *fill);
    for (uint32_t k = 0; k < t->n; k++) {
        int64_t h = doc->tokens[t->first + k].head;
        if (h >= t->first && h < t->first + t->n)
            t->kids[fill[h - t->first]++] = t->first + k;
    }
    for (uint32_t k = 0; k < t->n; k++) {
        const ng_token *tok = &doc->tokens[t->first + k];
        size_t len = tok->end - tok->start;
        char *w = t->lower[k];
        if (len >= sizeof t->lower[k]) {
            w[0] = '\0';
        } else {
            for (size_t c = 0; c < len; c++)
                w[c] = (char)tolower((unsigned char)doc->text[tok->start + c]);
            w[len] = '\0';
            /* curly apostrophe to straight: "’s" -> "'s" */
            if (len >= 3 && (unsigned char)w[0] == 0xe2 && (unsigned char)w[1] == 0x80 &&
                (unsigned char)w[2] == 0x99) {
                w[0] = '\'';
                memmove(w + 1, w + 3, len - 2);
            }
        }
        t->lemma[k] = tok->lemma && *tok->lemma ? tok->lemma : w;
    }
    return NG_OK;
}

const char *ng_tree_rel(const ng_tree *t, uint32_t i)
{
    return ng_deprel_name(t->doc->tokens[i].deprel);
}

bool ng_tree_rel_is(const ng_tree *t, uint32_t i, const char *rel)
{
    const char *r = ng_tree_rel(t, i);
    size_t n = strlen(rel);
    return strncmp(r, rel, n) == 0 && (r[n] == '\0' || (r[n] == ':' && !strchr(rel, ':')));
}

int64_t ng_tree_head(const ng_tree *t, uint32_t i)
{
    int64_t h = t->doc->tokens[i].head;
    return ng_tree_has(t, h) && h != i ? h : -1;
}

uint32_t ng_tree_nkids(const ng_tree *t, uint32_t i)
{
    return t->start[i - t->first + 1] - t->start[i - t->first];
}

uint32_t ng_tree_kid(const ng_tree *t, uint32_t i, uint32_t k)
{
    return t->kids[t->start[i - t->first] + k];
}

int64_t ng_tree_child(const ng_tree *t, uint32_t i, const char *rel)
{
    uint32_t n = ng_tree_nkids(t, i);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t c = ng_tree_kid(t, i, k);
        if (ng_tree_rel_is(t, c, rel))
            return c;
    }
    return -1;
}

const char *ng_tree_case(const ng_tree *t, uint32_t i, char *buf, size_t size)
{
    buf[0] = '\0';
    uint32_t n = ng_tree_nkids(t, i);
    size_t len = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t c = ng_tree_kid(t, i, k);
        if (c > i)
            break; /* prepositions precede their nominal */
        if (!ng_tree_rel_is(t, c, "case") && !(ng_tree_rel_is(t, c, "mark") && t->doc->tokens[c].upos == NG_UPOS_ADP))
            continue;
        const char *w = ng_tree_lower(t, c);
        size_t wl = strlen(w);
        if (len + wl + 2 > size)
            break;
        if (len)
            buf[len++] = '_';
        memcpy(buf + len, w, wl);
        len += wl;
        buf[len] = '\0';
        /* a fixed multiword preposition: "out of", "according to", "such as" */
        uint32_t m = ng_tree_nkids(t, c);
        for (uint32_t j = 0; j < m; j++) {
            uint32_t f = ng_tree_kid(t, c, j);
            if (!ng_tree_rel_is(t, f, "fixed"))
                continue;
            const char *fw = ng_tree_lower(t, f);
            size_t fl = strlen(fw);
            if (len + fl + 2 > size)
                break;
            buf[len++] = '_';
            memcpy(buf + len, fw, fl);
            len += fl;
            buf[len] = '\0';
        }
    }
    return buf;
}

bool ng_tree_passive(const ng_tree *t, uint32_t i)
{
    uint32_t n = ng_tree_nkids(t, i);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t c = ng_tree_kid(t, i, k);
        const char *r = ng_tree_rel(t, c);
        if (strcmp(r, "aux:pass") == 0 || strcmp(r, "nsubj:pass") == 0 || strcmp(r, "csubj:pass") == 0)
            return true;
    }
    return false;
}

size_t ng_tree_conjuncts(const ng_tree *t, uint32_t i, uint32_t *out, size_t max)
{
    size_t n = 0;
    if (max == 0)
        return 0;
    out[n++] = i;
    for (size_t q = 0; q < n && n < max; q++) {
        uint32_t m = ng_tree_nkids(t, out[q]);
        for (uint32_t k = 0; k < m && n < max; k++) {
            uint32_t c = ng_tree_kid(t, out[q], k);
            if (ng_tree_rel_is(t, c, "conj"))
                out[n++] = c;
        }
    }
    return n;
}

uint32_t ng_tree_conj_root(const ng_tree *t, uint32_t i)
{
    for (int guard = 0; guard < 64 && ng_tree_rel_is(t, i, "conj"); guard++) {
        int64_t h = ng_tree_head(t, i);
        if (h < 0)
            break;
        i = (uint32_t)h;
    }
    return i;
}

bool ng_tree_dominates(const ng_tree *t, uint32_t b, uint32_t a)
{
    for (uint32_t guard = 0; guard <= t->n; guard++) {
        if (a == b)
            return true;
        int64_t h = ng_tree_head(t, a);
        if (h < 0)
            return false;
        a = (uint32_t)h;
    }
    return false;
}
