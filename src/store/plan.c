/*
 * plan.c - what a backend needs to store one document, computed without a
 * database: checked annotations, the names and match keys of each entity,
 * fact times and keys, the MinHash signature.  Invariant: a plan that built
 * has only in-range offsets and indices.
 */
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>

/* sha256 of the body with whitespace folded, as the readers compute it. */
static const char *body_sha256(ng_put_plan *plan, const ng_doc *doc)
{
    ng_buf b;
    ng_buf_init(&b);
    bool space = false;
    for (size_t i = 0; i < doc->len; i++) {
        unsigned char c = (unsigned char)doc->text[i];
        if (ng_is_space_ascii(c)) {
            space = true;
            continue;
        }
        if (space && b.len)
            ng_buf_putc(&b, ' ');
        space = false;
        ng_buf_putc(&b, (char)c);
    }
    char *hex = b.oom ? NULL : ng_arena_alloc(&plan->arena, 65);
    if (hex)
        ng_sha256_hex(b.data ? b.data : "", b.len, hex);
    ng_buf_free(&b);
    return hex;
}

static int year_of(const char *s)
{
    if (!s || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
        !isdigit((unsigned char)s[3]) || isdigit((unsigned char)s[4]))
        return 0;
    return atoi(s);
}

static bool span_ok(const ng_doc *doc, ng_span s)
{
    return s.start <= s.end && s.end <= doc->len;
}

static bool name_ok(const char *s)
{
    return s && *s && strnlen(s, NG_STORE_MAX_NAME + 1) <= NG_STORE_MAX_NAME;
}

/* Extraction left an entity without a type or a name: MISC, and the text
 * of its first mention.  NULL (the document fails) when it has neither. */
static const char *entity_name(ng_put_plan *plan, const ng_doc *doc, const ng_entity *e)
{
    if (e->name && *e->name)
        return e->name;
    if (!e->nmentions || !e->mentions || e->mentions[0].end <= e->mentions[0].start ||
        e->mentions[0].end > doc->len)
        return NULL;
    return ng_arena_strndup(&plan->arena, doc->text + e->mentions[0].start,
                            e->mentions[0].end - e->mentions[0].start);
}

static int check_entity(ng_put_plan *plan, const ng_doc *doc, size_t i, ng_error *err)
{
    const ng_entity *e = &doc->entities[i];
    ng_plan_entity *pe = &plan->ents[i];
    const char *id = doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "document";
    pe->e = e;
    pe->etype = e->type == NG_ENT_NONE || e->type >= NG_NENT ? NG_ENT_MISC : e->type;
    pe->name = entity_name(plan, doc, e);
    if (!name_ok(pe->name))
        return ng_err(err, NG_EFORMAT, "%s: entity %zu has no name or one over %d bytes", id, i, NG_STORE_MAX_NAME);
    if (e->naliases > NG_STORE_MAX_ALIASES || (e->naliases && !e->aliases))
        return ng_err(err, NG_EFORMAT, "%s: entity %zu has too many aliases", id, i);
    if (e->nmentions && !e->mentions)
        return ng_err(err, NG_EFORMAT, "%s: entity %zu has no mention array", id, i);
    for (uint32_t k = 0; k < e->nmentions; k++)
        if (!span_ok(doc, e->mentions[k]))
            return ng_err(err, NG_EFORMAT, "%s: entity %zu: mention %u outside the text", id, i, k);
    return NG_OK;
}

/* Add name to pe's names unless empty, over-long or already there. */
static void add_name(ng_plan_entity *pe, const ng_resolver *r, int type, const char *name, bool canonical)
{
    if (!name_ok(name))
        return;
    for (size_t k = 0; k < pe->nnames; k++)
        if (strcmp(pe->names[k].name, name) == 0)
            return;
    ng_plan_name *n = &pe->names[pe->nnames++];
    n->name = name;
    n->canonical = canonical;
    n->strong = ng_resolve_key(r, type, name, n->key);
    pe->strong |= n->strong;
}

/* An event name without its edition year ("Cloud Summit 2021" -> "Cloud
 * Summit"), so an event series gets a name that fits every edition; NULL
 * when the name has no year. */
static const char *series_name(ng_arena *a, const char *name)
{
    if (!ng_resolve_edition_year(name))
        return NULL;
    size_t n = strlen(name);
    char *out = ng_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        bool year = (i == 0 || !isalnum((unsigned char)name[i - 1])) && i + 4 <= n &&
                    ng_resolve_edition_year(name + i) && (i + 4 == n || !isalnum((unsigned char)name[i + 4])) &&
                    isdigit((unsigned char)name[i]);
        if (year) {
            i += 4;
            continue;
        }
        if (name[i] == ' ' && (k == 0 || out[k - 1] == ' ')) {
            i++;
            continue;
        }
        out[k++] = name[i++];
    }
    while (k && (out[k - 1] == ' ' || out[k - 1] == ',' || out[k - 1] == '-'))
        k--;
    out[k] = '\0';
    return k ? out : NULL;
}

static int plan_entities(ng_put_plan *plan, const ng_doc *doc, const ng_resolver *r, ng_error *err)
{
    if (doc->nentities > NG_STORE_MAX_ENTITIES)
        return ng_err(err, NG_ETOOBIG, "%s: %zu entities (limit %d)", doc->fields[NG_F_ID], doc->nentities,
                      NG_STORE_MAX_ENTITIES);
    plan->nents = doc->nentities;
    plan->ents = ng_arena_calloc(&plan->arena, (plan->nents + 1) * sizeof *plan->ents);
    if (!plan->ents)
        return ng_err(err, NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < plan->nents; i++) {
        int rc = check_entity(plan, doc, i, err);
        if (rc != NG_OK)
            return rc;
        const ng_entity *e = &doc->entities[i];
        ng_plan_entity *pe = &plan->ents[i];
        pe->type = ng_ent_type_name(pe->etype);
        pe->tclass = ng_resolve_class(pe->etype);
        pe->names = ng_arena_alloc(&plan->arena, ((size_t)e->naliases + 2) * sizeof *pe->names);
        if (!pe->names)
            return ng_err(err, NG_ENOMEM, "out of memory");
        add_name(pe, r, pe->etype, pe->name, true);
        for (uint32_t k = 0; k < e->naliases; k++)
            add_name(pe, r, pe->etype, e->aliases[k], false);
        if (pe->etype == NG_ENT_EVENT)
            add_name(pe, r, pe->etype, series_name(&plan->arena, pe->name), false);
    }
    return NG_OK;
}

static int check_fact(const ng_doc *doc, size_t i, ng_error *err)
{
    const ng_fact *f = &doc->facts[i];
    const char *id = doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "document";
    if (!name_ok(f->relation))
        return ng_err(err, NG_EFORMAT, "%s: fact %zu has no relation", id, i);
    if (f->subject < 0 || (size_t)f->subject >= doc->nentities)
        return ng_err(err, NG_EFORMAT, "%s: fact %zu: subject %d is not an entity", id, i, f->subject);
    if (f->object >= 0 && (size_t)f->object >= doc->nentities)
        return ng_err(err, NG_EFORMAT, "%s: fact %zu: object %d is not an entity", id, i, f->object);
    if (f->object < 0 && !(f->object_text && *f->object_text))
        return ng_err(err, NG_EFORMAT, "%s: fact %zu has no object", id, i);
    if (f->modality >= NG_NMOD)
        return ng_err(err, NG_EFORMAT, "%s: fact %zu: bad modality", id, i);
    if (!span_ok(doc, f->evidence) || !span_ok(doc, f->trigger))
        return ng_err(err, NG_EFORMAT, "%s: fact %zu: evidence outside the text", id, i);
    if (f->title && !name_ok(f->title))
        return ng_err(err, NG_EFORMAT, "%s: fact %zu: title over %d bytes", id, i, NG_STORE_MAX_NAME);
    return NG_OK;
}

/* The longest prefix of s[0..n) that ends on a UTF-8 boundary. */
static size_t utf8_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = ng_utf8_seqlen((const unsigned char *)s + i, (const unsigned char *)s + n);
        if (k == 0)
            break;
        i += k;
    }
    return i;
}

/* A copy of s with whitespace runs folded to one space, cut to at most max
 * bytes on a character boundary; lower folds ASCII case. */
static char *fold_text(ng_arena *a, const char *s, size_t max, bool lower)
{
    size_t n = strlen(s);
    char *out = ng_arena_alloc(a, NG_MIN(n, max) + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n && k < max; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ng_is_space_ascii(c)) {
            space = k > 0;
            continue;
        }
        if (space && k + 1 < max)
            out[k++] = ' ';
        space = false;
        out[k++] = lower ? (char)tolower(c) : (char)c;
    }
    k = utf8_prefix(out, k);
    out[k] = '\0';
    return out;
}

/* The time of a fact: its own, else the year an event object's name gives. */
static const char *fact_time(ng_put_plan *plan, const ng_fact *f)
{
    if (f->time && *f->time)
        return f->time;
    if (f->object < 0 || plan->ents[f->object].etype != NG_ENT_EVENT)
        return NULL;
    int y = ng_resolve_edition_year(plan->ents[f->object].name);
    if (!y)
        return NULL;
    char *s = ng_arena_alloc(&plan->arena, 8);
    if (s)
        snprintf(s, 8, "%04d", y);
    return s;
}

static int plan_facts(ng_put_plan *plan, const ng_doc *doc, ng_error *err)
{
    if (doc->nfacts > NG_STORE_MAX_FACTS)
        return ng_err(err, NG_ETOOBIG, "%s: %zu facts (limit %d)", doc->fields[NG_F_ID], doc->nfacts,
                      NG_STORE_MAX_FACTS);
    plan->nfacts = doc->nfacts;
    plan->facts = ng_arena_calloc(&plan->arena, (plan->nfacts + 1) * sizeof *plan->facts);
    if (!plan->facts)
        return ng_err(err, NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < plan->nfacts; i++) {
        int rc = check_fact(doc, i, err);
        if (rc != NG_OK)
            return rc;
        const ng_fact *f = &doc->facts[i];
        ng_plan_fact *pf = &plan->facts[i];
        pf->f = f;
        pf->time = fact_time(plan, f);
        pf->year = year_of(pf->time);
        if (f->object < 0 && !(pf->object_text = fold_text(&plan->arena, f->object_text, NG_STORE_MAX_LITERAL, false)))
            return ng_err(err, NG_ENOMEM, "out of memory");
        if (f->title && !(pf->title = fold_text(&plan->arena, f->title, NG_STORE_MAX_NAME, true)))
            return ng_err(err, NG_ENOMEM, "out of memory");
    }
    return NG_OK;
}

int ng_plan_build(ng_put_plan *plan, const ng_doc *doc, const ng_resolver *r, ng_error *err)
{
    memset(plan, 0, sizeof *plan);
    ng_arena_init(&plan->arena);
    plan->doc = doc;
    const char *s = doc->text, *e = doc->text + doc->len;
    ng_trim(&s, &e);
    if (s == e)
        return ng_err(err, NG_EEMPTY, "%s: no article text", doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "document");
    plan->sha256 = doc->fields[NG_F_SHA256];
    if (!plan->sha256 && !(plan->sha256 = body_sha256(plan, doc)))
        return ng_err(err, NG_ENOMEM, "out of memory");
    plan->date = doc->fields[NG_F_DATE];
    plan->year = year_of(plan->date);
    ng_minhash_text(doc->text, doc->len, &plan->sig);
    int rc = plan_entities(plan, doc, r, err);
    if (rc == NG_OK)
        rc = plan_facts(plan, doc, err);
    return rc;
}

void ng_plan_free(ng_put_plan *plan)
{
    ng_arena_free(&plan->arena);
    memset(plan, 0, sizeof *plan);
}

int64_t ng_plan_sentence_of(const ng_doc *doc, uint32_t off)
{
    size_t lo = 0, hi = doc->nsents;
    while (lo < hi) { /* first sentence ending after off */
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sents[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < doc->nsents && doc->sents[lo].start <= off)
        return (int64_t)lo;
    return -1;
}

void ng_plan_fact_key(ng_buf *b, const ng_plan_fact *pf, int64_t subject, int64_t object)
{
    const ng_fact *f = pf->f;
    ng_buf_clear(b);
    b->oom = false; /* the buffer is reused: an earlier failure must not stick */
    ng_buf_printf(b, "%s\x1f%lld\x1f", f->relation, (long long)subject);
    if (object > 0)
        ng_buf_printf(b, "%lld", (long long)object);
    else
        ng_buf_printf(b, "=%s", pf->object_text ? pf->object_text : "");
    ng_buf_printf(b, "\x1f%d\x1f%s\x1f%s\x1f%s", f->negated ? 1 : 0, ng_modality_name(f->modality),
                  pf->time ? pf->time : "", pf->title ? pf->title : "");
}
