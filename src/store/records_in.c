/*
 * records_in.c - documents rebuilt from the JSON Lines records `newsgraph
 * extract` writes (docs/records.md): a document record starts a document,
 * the entity and fact records after it (same "doc") annotate it.  The body
 * is tokenized again to recover sentences.  Invariant: a document with any
 * bad record is dropped whole, never stored in part.
 */
#include "read/read.h"
#include "store/store.h"

#include <jansson.h>
#include <math.h>

struct ng_records {
    ng_doc *doc;                 /* being built; NULL when none */
    bool broken;                 /* its records failed: skip until the next document */
    ng_arena arena;              /* strings and arrays of the records below */
    ng_entity *ents;             /* [nents], heap */
    int64_t *ent_ids;            /* [nents] the record ids */
    size_t nents, cap_ents, cap_ids;
    ng_fact *facts;              /* [nfacts], heap */
    size_t nfacts, cap_facts;
};

ng_records *ng_records_new(void)
{
    ng_records *r = ng_calloc(1, sizeof *r);
    if (r)
        ng_arena_init(&r->arena);
    return r;
}

static void reset(ng_records *r)
{
    ng_doc_free(r->doc);
    r->doc = NULL;
    r->broken = false;
    r->nents = r->nfacts = 0;
    ng_arena_free(&r->arena);
    ng_arena_init(&r->arena);
}

void ng_records_free(ng_records *r)
{
    if (!r)
        return;
    reset(r);
    ng_free(r->ents, r->cap_ents * sizeof *r->ents);
    ng_free(r->ent_ids, r->cap_ids * sizeof *r->ent_ids);
    ng_free(r->facts, r->cap_facts * sizeof *r->facts);
    ng_free(r, sizeof *r);
}

static const char *jstr(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* A copy of the string at key in the records' arena, or NULL. */
static const char *copy_str(ng_records *r, json_t *obj, const char *key, bool *oom)
{
    const char *s = jstr(obj, key);
    if (!s)
        return NULL;
    char *c = ng_arena_strdup(&r->arena, s);
    *oom |= !c;
    return c;
}

/* Hand the finished document over (with its annotations attached). */
static int finish_doc(ng_records *r, ng_doc **out, ng_error *err)
{
    *out = NULL;
    if (!r->doc || r->broken) {
        reset(r);
        return NG_OK;
    }
    int rc = ng_doc_attach(r->doc, r->ents, r->nents, r->facts, r->nfacts);
    if (rc != NG_OK) {
        reset(r);
        return ng_err(err, rc, "out of memory");
    }
    *out = r->doc;
    r->doc = NULL;
    reset(r);
    return NG_OK;
}

/* ------------------------------------------------------------ document */

static int start_doc(ng_records *r, const char *name, json_t *rec, ng_error *err)
{
    static const struct { const char *key; ng_field f; } fields[] = {
        {"doc", NG_F_ID}, {"title", NG_F_TITLE}, {"date", NG_F_DATE}, {"author", NG_F_AUTHOR},
        {"publisher", NG_F_PUBLISHER}, {"language", NG_F_LANGUAGE}, {"url", NG_F_URL},
        {"source", NG_F_PATH}, {"sha256", NG_F_SHA256},
    };
    json_t *body = json_object_get(rec, "body");
    if (!json_is_string(body))
        return ng_err(err, NG_EFORMAT, "%s: document record without a body (extract without --no-body)", name);
    if (!(r->doc = ng_doc_new(json_string_value(body), json_string_length(body))))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    for (size_t i = 0; i < NG_ARRAY_LEN(fields); i++) {
        const char *v = jstr(rec, fields[i].key);
        if (v && ng_doc_set(r->doc, fields[i].f, v) != NG_OK)
            return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    if (!r->doc->fields[NG_F_PATH])
        ng_doc_set(r->doc, NG_F_PATH, name);
    if (!r->doc->fields[NG_F_SHA256])
        ng_doc_finish_meta(r->doc);
    return ng_tokenize(r->doc, err);
}

/* -------------------------------------------------------------- entity */

static bool span_of(json_t *pair, ng_span *out)
{
    if (!json_is_array(pair) || json_array_size(pair) != 2)
        return false;
    json_t *a = json_array_get(pair, 0), *b = json_array_get(pair, 1);
    if (!json_is_integer(a) || !json_is_integer(b))
        return false;
    json_int_t s = json_integer_value(a), e = json_integer_value(b);
    if (s < 0 || e < s || e > UINT32_MAX)
        return false;
    out->start = (uint32_t)s;
    out->end = (uint32_t)e;
    return true;
}

static int fill_names(ng_records *r, ng_entity *e, json_t *obj, bool *oom)
{
    e->name = copy_str(r, obj, "name", oom);
    e->type = (uint8_t)ng_ent_type_id(jstr(obj, "type") ? jstr(obj, "type") : "");
    json_t *aliases = json_object_get(obj, "aliases");
    size_t n = json_is_array(aliases) ? json_array_size(aliases) : 0;
    if (n > NG_STORE_MAX_ALIASES)
        return NG_ETOOBIG;
    const char **a = ng_arena_alloc(&r->arena, (n + 1) * sizeof *a);
    if (!a) {
        *oom = true;
        return NG_ENOMEM;
    }
    e->naliases = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(aliases, i);
        if (json_is_string(v) && (a[e->naliases] = ng_arena_strdup(&r->arena, json_string_value(v))))
            e->naliases++;
    }
    e->aliases = a;
    return e->name ? NG_OK : NG_EFORMAT; /* an unknown type is stored as MISC */
}

/* Append an entity (with its record id, -1 when it has none). */
static ng_entity *push_entity(ng_records *r, int64_t id)
{
    if (r->nents >= NG_STORE_MAX_ENTITIES || !NG_GROW(r->ents, r->cap_ents, r->nents + 1) ||
        !NG_GROW(r->ent_ids, r->cap_ids, r->nents + 1))
        return NULL;
    ng_entity *e = &r->ents[r->nents];
    memset(e, 0, sizeof *e);
    r->ent_ids[r->nents++] = id;
    return e;
}

static int add_entity(ng_records *r, const char *name, json_t *rec, ng_error *err)
{
    json_t *id = json_object_get(rec, "id");
    ng_entity *e = push_entity(r, json_is_integer(id) ? json_integer_value(id) : -1);
    if (!e)
        return ng_err(err, NG_ETOOBIG, "%s: too many entities", name);
    bool oom = false;
    int rc = fill_names(r, e, rec, &oom);
    if (rc != NG_OK)
        return ng_err(err, oom ? NG_ENOMEM : rc, "%s: entity record needs a name", name);
    json_t *mentions = json_object_get(rec, "mentions");
    size_t n = json_is_array(mentions) ? json_array_size(mentions) : 0;
    ng_span *m = ng_arena_alloc(&r->arena, (n + 1) * sizeof *m);
    if (!m)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    for (size_t i = 0; i < n; i++)
        if (!span_of(json_array_get(mentions, i), &m[i]) || m[i].end > r->doc->len)
            return ng_err(err, NG_EFORMAT, "%s: entity mention %zu is not [start, end] inside the body", name, i);
    e->mentions = m;
    e->nmentions = (uint32_t)n;
    return NG_OK;
}

/* ---------------------------------------------------------------- fact */

/* Index of a fact argument: the entity with its record id, else a new
 * entity from its name; -1 for a literal (type LITERAL or no entity). */
static int argument(ng_records *r, json_t *arg, int32_t *out, const char **literal, bool *oom)
{
    *literal = NULL;
    if (!json_is_object(arg))
        return NG_EFORMAT;
    const char *type = jstr(arg, "type");
    if (type && strcmp(type, "LITERAL") == 0) {
        *out = -1;
        *literal = copy_str(r, arg, "name", oom);
        return *literal ? NG_OK : NG_EFORMAT;
    }
    json_t *id = json_object_get(arg, "id");
    for (size_t i = 0; json_is_integer(id) && i < r->nents; i++)
        if (r->ent_ids[i] == json_integer_value(id)) {
            *out = (int32_t)i;
            return NG_OK;
        }
    ng_entity *e = push_entity(r, -1);
    if (!e)
        return NG_ETOOBIG;
    int rc = fill_names(r, e, arg, oom);
    *out = (int32_t)(r->nents - 1);
    return rc;
}

static int fact_fields(ng_records *r, ng_fact *f, json_t *rec, bool *oom)
{
    f->relation = copy_str(r, rec, "relation", oom);
    f->time = copy_str(r, rec, "time", oom);
    f->title = copy_str(r, rec, "title", oom);
    const char *pol = jstr(rec, "polarity");
    f->negated = pol && strcmp(pol, "negative") == 0;
    const char *mod = jstr(rec, "modality");
    f->modality = (uint8_t)(mod ? ng_modality_id(mod) : NG_MOD_ASSERTED);
    json_t *conf = json_object_get(rec, "confidence");
    double c = json_is_number(conf) ? json_number_value(conf) : 1.0;
    f->confidence = (float)(isfinite(c) ? NG_MAX(0.0, NG_MIN(1.0, c)) : 1.0);
    json_t *ev = json_object_get(rec, "evidence");
    json_t *s = json_object_get(ev, "start"), *e = json_object_get(ev, "end");
    if (!f->relation || !json_is_integer(s) || !json_is_integer(e))
        return NG_EFORMAT;
    json_int_t a = json_integer_value(s), b = json_integer_value(e);
    if (a < 0 || b < a || (size_t)b > r->doc->len)
        return NG_EFORMAT;
    f->evidence.start = (uint32_t)a;
    f->evidence.end = (uint32_t)b;
    f->trigger = f->evidence;
    int64_t k = ng_plan_sentence_of(r->doc, f->evidence.start);
    f->sentence = k < 0 ? UINT32_MAX : (uint32_t)k;
    return NG_OK;
}

static int add_fact(ng_records *r, const char *name, json_t *rec, ng_error *err)
{
    if (r->nfacts >= NG_STORE_MAX_FACTS || !NG_GROW(r->facts, r->cap_facts, r->nfacts + 1))
        return ng_err(err, NG_ETOOBIG, "%s: too many facts", name);
    ng_fact *f = &r->facts[r->nfacts];
    memset(f, 0, sizeof *f);
    bool oom = false;
    const char *lit;
    int rc = fact_fields(r, f, rec, &oom);
    if (rc == NG_OK && (rc = argument(r, json_object_get(rec, "subject"), &f->subject, &lit, &oom)) == NG_OK &&
        lit)
        rc = NG_EFORMAT; /* a subject must be an entity */
    if (rc == NG_OK)
        rc = argument(r, json_object_get(rec, "object"), &f->object, &f->object_text, &oom);
    if (rc != NG_OK)
        return ng_err(err, oom ? NG_ENOMEM : rc, "%s: fact record needs a relation, subject, object and "
                      "evidence {start, end} inside the body", name);
    r->nfacts++;
    return NG_OK;
}

/* ------------------------------------------------------------- public */

static int add_record(ng_records *r, const char *name, json_t *rec, ng_doc **out, ng_error *err)
{
    const char *kind = jstr(rec, "kind"), *doc = jstr(rec, "doc");
    if (!kind)
        return ng_err(err, NG_EFORMAT, "%s: not a newsgraph record (no \"kind\")", name);
    if (strcmp(kind, "document") == 0) {
        int rc = finish_doc(r, out, err);
        return rc == NG_OK ? start_doc(r, name, rec, err) : rc;
    }
    if (strcmp(kind, "entity") != 0 && strcmp(kind, "fact") != 0)
        return NG_OK; /* a kind of a later version: ignored */
    if (r->broken)
        return NG_OK;
    const char *cur = r->doc ? r->doc->fields[NG_F_ID] : NULL;
    if (!r->doc || (doc && cur && strcmp(doc, cur) != 0))
        return ng_err(err, NG_EFORMAT, "%s: %s record for document %s outside its document", name, kind,
                      doc ? doc : "(none)");
    return strcmp(kind, "entity") == 0 ? add_entity(r, name, rec, err) : add_fact(r, name, rec, err);
}

int ng_records_add(ng_records *r, const char *name, const char *line, size_t len, ng_doc **out, ng_error *err)
{
    *out = NULL;
    json_error_t jerr;
    json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    int rc;
    if (!rec)
        rc = ng_err(err, NG_EFORMAT, "%s: not JSON: %s", name, jerr.text);
    else if (!json_is_object(rec))
        rc = ng_err(err, NG_EFORMAT, "%s: a record must be a JSON object", name);
    else
        rc = add_record(r, name, rec, out, err);
    json_decref(rec);
    if (rc != NG_OK) {
        /* Drop the document being built (a finished one is still in *out). */
        ng_doc_free(r->doc);
        r->doc = NULL;
        r->broken = true;
    }
    return rc;
}

int ng_records_finish(ng_records *r, ng_doc **out, ng_error *err)
{
    return finish_doc(r, out, err);
}
