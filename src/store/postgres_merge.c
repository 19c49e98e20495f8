/*
 * postgres_merge.c - the cross-document part of storing one document in
 * PostgreSQL, as sqlite_put.c does it: the near-duplicate link, entities
 * resolved against the knowledge base (merging entities the document shows
 * to be one), mentions (gathered for COPY), facts and evidence.
 * Invariants: runs holding the merge lock, inside the batch's transaction;
 * mention rows gathered for COPY are sent before any merge moves mentions.
 */
#include "store/postgres.h"

#include <stdlib.h>

typedef struct put_ctx {
    pg *s;
    pg_pending *pd;
    ng_put_plan *plan;
    const ng_doc *doc;
    int64_t source_id;           /* first document of its near-duplicate cluster */
    ng_error *err;
} put_ctx;

#define MENTIONS_COPY "COPY mentions (entity_id, document_id, local_id, sentence_id, start_byte, end_byte, text) " \
                      "FROM STDIN"

int pgm_flush(pg *s, ng_error *err)
{
    return pgc_send(s, MENTIONS_COPY, err);
}

/* ------------------------------------------------------- near-duplicates */

void pg_sig_encode(const ng_minhash *m, unsigned char out[NG_MINHASH_K * 4])
{
    for (int i = 0; i < NG_MINHASH_K; i++)
        for (int b = 0; b < 4; b++)
            out[i * 4 + b] = (unsigned char)(m->v[i] >> (8 * b));
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A signature from bytea's text form (\x then hex). */
static bool sig_decode(const char *text, ng_minhash *m)
{
    if (!text || strncmp(text, "\\x", 2) != 0 || strlen(text) != 2 + NG_MINHASH_K * 8)
        return false;
    unsigned char p[NG_MINHASH_K * 4];
    for (int i = 0; i < NG_MINHASH_K * 4; i++) {
        int hi = hexval(text[2 + 2 * i]), lo = hexval(text[3 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        p[i] = (unsigned char)(hi << 4 | lo);
    }
    for (int i = 0; i < NG_MINHASH_K; i++)
        m->v[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
                  (uint32_t)p[i * 4 + 3] << 24;
    m->nshingles = NG_MINHASH_MIN_SHINGLES;
    return true;
}

static void int_array(ng_buf *b, const int64_t *v, size_t n)
{
    ng_buf_clear(b);
    b->oom = false;
    ng_buf_putc(b, '{');
    for (size_t i = 0; i < n; i++)
        ng_buf_printf(b, "%s%lld", i ? "," : "", (long long)v[i]);
    ng_buf_puts(b, "}");
}

/* Compare with one candidate; keep the most similar (ties: the oldest root). */
static int consider(pg *s, const ng_put_plan *plan, int64_t cand, int64_t *dup_of, double *similarity,
                    ng_error *err)
{
    pg_params p = {0};
    pgp_int(&p, cand);
    PGresult *res = pg_run(s, P_DOC_SIG, &p, err, "looking for near-duplicates");
    if (!res)
        return NG_EDB;
    ng_minhash other;
    if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0) && sig_decode(PQgetvalue(res, 0, 0), &other)) {
        double sim = ng_minhash_similarity(&plan->sig, &other);
        int64_t root = pg_int(res, 0, 1);
        if (sim >= NG_NEAR_DUP_JACCARD && (sim > *similarity || (sim == *similarity && root < *dup_of))) {
            *similarity = sim;
            *dup_of = root;
        }
    }
    PQclear(res);
    return NG_OK;
}

int pgm_near_duplicate_of(pg *s, const ng_put_plan *plan, int64_t self, int64_t *dup_of, double *similarity,
                          ng_error *err)
{
    *dup_of = 0;
    *similarity = 0;
    if (plan->sig.nshingles < NG_MINHASH_MIN_SHINGLES)
        return NG_OK;
    int64_t bands[NG_MINHASH_BANDS];
    ng_minhash_bands(&plan->sig, bands);
    ng_buf *arr = &s->key;
    int_array(arr, bands, NG_MINHASH_BANDS);
    if (arr->oom)
        return ng_err(err, NG_ENOMEM, "out of memory");
    pg_params p = {0};
    pgp_text(&p, arr->data);
    pgp_int(&p, self);
    PGresult *res = pg_run(s, P_BAND_CANDIDATES, &p, err, "looking for near-duplicates");
    if (!res)
        return NG_EDB;
    int64_t cands[64];
    size_t n = NG_MIN((size_t)PQntuples(res), NG_ARRAY_LEN(cands));
    for (size_t i = 0; i < n; i++)
        cands[i] = pg_int(res, (int)i, 0);
    PQclear(res);
    for (size_t i = 0; i < n; i++) {
        int rc = consider(s, plan, cands[i], dup_of, similarity, err);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

static int near_duplicate(put_ctx *c)
{
    if (c->plan->sig.nshingles < NG_MINHASH_MIN_SHINGLES)
        return NG_OK;
    int rc = pgm_near_duplicate_of(c->s, c->plan, c->pd->id, &c->pd->dup_of, &c->pd->similarity, c->err);
    if (rc != NG_OK)
        return rc;
    int64_t bands[NG_MINHASH_BANDS];
    ng_minhash_bands(&c->plan->sig, bands);
    ng_buf *arr = &c->s->key;
    if (c->pd->dup_of) {
        pg_params u = {0};
        pgp_int(&u, c->pd->id);
        pgp_int(&u, c->pd->dup_of);
        pgp_double(&u, c->pd->similarity);
        rc = pg_do(c->s, P_DOC_DUP, &u, c->err, "linking a near-duplicate");
    }
    if (rc != NG_OK)
        return rc;
    int_array(arr, bands, NG_MINHASH_BANDS);
    pg_params b = {0};
    pgp_text(&b, arr->data);
    pgp_int(&b, c->pd->id);
    return arr->oom ? ng_err(c->err, NG_ENOMEM, "out of memory")
                    : pg_do(c->s, P_BAND_INSERT, &b, c->err, "storing near-duplicate bands");
}

/* --------------------------------------------------------------- merging */

static int step_id(pg *s, pg_stmt_id id, int64_t a, int64_t b, ng_error *err, const char *what)
{
    pg_params p = {0};
    pgp_int(&p, a);
    if (b)
        pgp_int(&p, b);
    return pg_do(s, id, &p, err, what);
}

static const char *col(const PGresult *res, int row, int k)
{
    return PQgetisnull(res, row, k) ? NULL : PQgetvalue(res, row, k);
}

/* The key of fact row `row` of res once its arguments are subject, object. */
static void rekey(pg *s, const PGresult *res, int row, int64_t subject, int64_t object)
{
    ng_fact f = {0};
    ng_plan_fact pf = {0};
    f.relation = col(res, row, 1);
    f.negated = (uint8_t)pg_int(res, row, 5);
    f.modality = (uint8_t)ng_modality_id(col(res, row, 6));
    pf.f = &f;
    pf.object_text = col(res, row, 4);
    pf.time = col(res, row, 7);
    pf.title = (char *)col(res, row, 8);
    ng_plan_fact_key(&s->key, &pf, subject, object);
}

/* Point the fact `fact` at its new arguments; when that makes it equal to
 * another fact, fold its evidence into that one. */
static int move_fact(pg *s, int64_t fact, const char *key, int64_t subject, int64_t object, ng_error *err)
{
    pg_params p = {0};
    pgp_text(&p, key);
    PGresult *res = pg_run(s, P_FACT_FIND, &p, err, "merging facts");
    if (!res)
        return NG_EDB;
    int64_t other = pg_int(res, 0, 0);
    PQclear(res);
    if (other && other != fact) {
        int rc = step_id(s, P_EVID_MOVE, fact, other, err, "merging evidence");
        if (rc == NG_OK)
            rc = step_id(s, P_EVID_DROP, fact, 0, err, "merging evidence");
        if (rc == NG_OK)
            rc = step_id(s, P_FACT_DELETE, fact, 0, err, "merging facts");
        return rc == NG_OK ? step_id(s, P_FACT_RECOUNT, other, 0, err, "counting evidence") : rc;
    }
    pg_params r = {0};
    pgp_int(&r, fact);
    pgp_text(&r, key);
    pgp_int(&r, subject);
    pgp_id(&r, object);
    return pg_do(s, P_FACT_REKEY, &r, err, "merging facts");
}

/* Re-key every fact about `from` as a fact about `into`. */
static int merge_facts(pg *s, int64_t into, int64_t from, ng_error *err)
{
    pg_params p = {0};
    pgp_int(&p, from);
    PGresult *res = pg_run(s, P_MERGE_FACTS_OF, &p, err, "merging facts");
    if (!res)
        return NG_EDB;
    int rc = NG_OK;
    for (int i = 0; rc == NG_OK && i < PQntuples(res); i++) {
        int64_t subj = pg_int(res, i, 2), obj = pg_int(res, i, 3);
        subj = subj == from ? into : subj;
        obj = obj == from ? into : obj;
        rekey(s, res, i, subj, obj);
        if (s->key.oom)
            rc = ng_err(err, NG_ENOMEM, "out of memory");
        char *key = rc == NG_OK ? ng_strndup(s->key.data, s->key.len) : NULL;
        if (rc == NG_OK && !key)
            rc = ng_err(err, NG_ENOMEM, "out of memory");
        if (rc == NG_OK)
            rc = move_fact(s, pg_int(res, i, 0), key, subj, obj, err);
        if (key)
            ng_free(key, strlen(key) + 1);
    }
    PQclear(res);
    return rc;
}

static int entity_type(pg *s, int64_t id, int *out, ng_error *err)
{
    pg_params p = {0};
    pgp_int(&p, id);
    PGresult *res = pg_run(s, P_ENT_TYPE, &p, err, "typing an entity");
    if (!res)
        return NG_EDB;
    *out = PQntuples(res) ? ng_ent_type_id(PQgetvalue(res, 0, 0)) : NG_ENT_MISC;
    PQclear(res);
    return NG_OK;
}

/* The entity keeps the more specific of the two types (GPE over LOC). */
static int merge_type(pg *s, int64_t into, int64_t from, ng_error *err)
{
    int a = 0, b = 0;
    int rc = entity_type(s, into, &a, err);
    if (rc == NG_OK)
        rc = entity_type(s, from, &b, err);
    int t = ng_resolve_prefer_type(a, b);
    if (rc != NG_OK || t == a)
        return rc;
    pg_params p = {0};
    pgp_int(&p, into);
    pgp_text(&p, ng_ent_type_name(t));
    return pg_do(s, P_ENT_SET_TYPE, &p, err, "typing an entity");
}

/* Merge entity `from` into `into`: aliases, per-document entities,
 * mentions and facts move; counts are recomputed; `from` is deleted. */
static int merge_entities(pg *s, int64_t into, int64_t from, ng_error *err)
{
    static const struct { pg_stmt_id id; const char *what; } steps[] = {
        {P_MERGE_ALIAS_COUNTS, "merging aliases"}, {P_MERGE_ALIAS_MOVE, "merging aliases"},
        {P_MERGE_ALIAS_DROP, "merging aliases"},   {P_MERGE_DOCENT, "merging entities"},
        {P_MERGE_MENTIONS, "merging mentions"},
    };
    int rc = pgm_flush(s, err); /* mentions waiting for COPY move too */
    if (rc == NG_OK)
        rc = merge_type(s, into, from, err);
    for (size_t i = 0; i < NG_ARRAY_LEN(steps) && rc == NG_OK; i++)
        rc = step_id(s, steps[i].id, into, from, err, steps[i].what);
    if (rc == NG_OK)
        rc = merge_facts(s, into, from, err);
    if (rc == NG_OK)
        rc = step_id(s, P_ENT_DELETE, from, 0, err, "merging entities");
    if (rc == NG_OK)
        rc = step_id(s, P_ENT_RECOUNT, into, 0, err, "counting mentions");
    if (rc == NG_OK)
        rc = step_id(s, P_ENT_RENAME, into, 0, err, "naming an entity");
    return rc;
}

/* ------------------------------------------------------------- entities */

/* A text[] literal of the strings v[0..n). */
static void text_array(ng_buf *b, const char *const *v, size_t n)
{
    ng_buf_clear(b);
    b->oom = false;
    ng_buf_putc(b, '{');
    for (size_t i = 0; i < n; i++) {
        ng_buf_puts(b, i ? ",\"" : "\"");
        for (const char *p = v[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                ng_buf_putc(b, '\\');
            ng_buf_putc(b, *p);
        }
        ng_buf_putc(b, '"');
    }
    ng_buf_puts(b, "}");
}

/* Entities whose strong names match one of pe's strong names, in id order. */
static int candidates(put_ctx *c, const ng_plan_entity *pe, int64_t *out, size_t *n)
{
    const char *keys[NG_STORE_MAX_ALIASES + 2];
    size_t nkeys = 0;
    for (size_t k = 0; k < pe->nnames && nkeys < NG_ARRAY_LEN(keys); k++)
        if (pe->names[k].strong)
            keys[nkeys++] = pe->names[k].key;
    *n = 0;
    if (!nkeys)
        return NG_OK;
    text_array(&c->s->key, keys, nkeys);
    if (c->s->key.oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    pg_params p = {0};
    pgp_text(&p, c->s->key.data);
    pgp_int(&p, pe->tclass);
    PGresult *res = pg_run(c->s, P_ALIAS_LOOKUP, &p, c->err, "looking up an entity");
    if (!res)
        return NG_EDB;
    for (int i = 0; i < PQntuples(res) && *n < NG_PG_MAX_CANDIDATES; i++)
        out[(*n)++] = pg_int(res, i, 0);
    PQclear(res);
    return NG_OK;
}

static int new_entity(put_ctx *c, const ng_plan_entity *pe, int64_t *id)
{
    pg_params p = {0};
    pgp_text(&p, pe->name);
    pgp_text(&p, pe->type);
    PGresult *res = pg_run(c->s, P_ENT_INSERT, &p, c->err, "storing an entity");
    if (!res)
        return NG_EDB;
    *id = pg_int(res, 0, 0);
    PQclear(res);
    return NG_OK;
}

/* Replace `from` by `into` in the ids already resolved for this document. */
static void remap(put_ctx *c, int64_t into, int64_t from)
{
    for (size_t i = 0; i < c->plan->nents; i++)
        if (c->plan->ents[i].id == from)
            c->plan->ents[i].id = into;
}

/* The global entity of pe: the matching one (merging several that this
 * document shows to be one), or a new one.  Names with only weak keys (a
 * bare surname) always make a new entity. */
static int resolve_entity(put_ctx *c, ng_plan_entity *pe)
{
    int64_t cand[NG_PG_MAX_CANDIDATES];
    size_t n = 0;
    int rc = pe->strong ? candidates(c, pe, cand, &n) : NG_OK;
    if (rc != NG_OK)
        return rc;
    if (n == 0)
        return new_entity(c, pe, &pe->id);
    int64_t into = cand[0]; /* the oldest: ids grow */
    for (size_t i = 1; i < n; i++)
        into = cand[i] < into ? cand[i] : into;
    for (size_t i = 0; i < n && rc == NG_OK; i++) {
        if (cand[i] == into)
            continue;
        rc = merge_entities(c->s, into, cand[i], c->err);
        remap(c, into, cand[i]);
    }
    pe->id = into;
    return rc;
}

static int upsert_aliases(put_ctx *c, const ng_plan_entity *pe)
{
    for (size_t k = 0; k < pe->nnames; k++) {
        const ng_plan_name *nm = &pe->names[k];
        pg_params p = {0};
        pgp_int(&p, pe->id);
        pgp_text(&p, nm->name);
        pgp_text(&p, nm->key);
        pgp_int(&p, pe->tclass);
        pgp_int(&p, nm->strong);
        pgp_int(&p, nm->canonical);
        int rc = pg_do(c->s, P_ALIAS_UPSERT, &p, c->err, "storing an alias");
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Row id of the sentence holding byte off, or 0. */
static int64_t sentence_id_at(put_ctx *c, uint32_t off)
{
    int64_t k = ng_plan_sentence_of(c->doc, off);
    return k < 0 ? 0 : c->pd->sent_ids[k];
}

static void gather_mentions(put_ctx *c, const ng_plan_entity *pe, size_t local)
{
    ng_buf *b = &c->s->copy;
    const ng_entity *e = pe->e;
    for (uint32_t k = 0; k < e->nmentions; k++) {
        ng_span m = e->mentions[k];
        pgc_int(b, pe->id), pgc_sep(b, false);
        pgc_int(b, c->pd->id), pgc_sep(b, false);
        pgc_int(b, (int64_t)local), pgc_sep(b, false);
        pgc_id(b, sentence_id_at(c, m.start)), pgc_sep(b, false);
        pgc_int(b, m.start), pgc_sep(b, false);
        pgc_int(b, m.end), pgc_sep(b, false);
        pgc_text(b, c->doc->text + m.start, m.end - m.start), pgc_sep(b, true);
        c->s->ncopy++;
    }
}

/* Record the document's entity row; count the document once for the entity
 * (an earlier entity of this document may have resolved to it); rename it. */
static int link_document(put_ctx *c, const ng_plan_entity *pe, size_t local)
{
    bool seen = false;
    for (size_t j = 0; j < local; j++)
        seen |= c->plan->ents[j].id == pe->id;
    ng_buf *b = &c->s->key;
    ng_buf_clear(b);
    b->oom = false;
    for (uint32_t k = 0; k < pe->e->naliases; k++) {
        if (k)
            ng_buf_putc(b, '\x1f');
        ng_buf_puts(b, pe->e->aliases[k] ? pe->e->aliases[k] : "");
    }
    ng_buf_putc(b, '\0');
    if (b->oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    pg_params p = {0};
    pgp_int(&p, c->pd->id);
    pgp_int(&p, (int64_t)local);
    pgp_int(&p, pe->id);
    pgp_text(&p, pe->name);
    pgp_text(&p, pe->type);
    pgp_int(&p, pe->e->nmentions);
    pgp_text(&p, pe->e->naliases ? b->data : NULL);
    pgp_int(&p, seen ? 0 : 1);
    pgp_text(&p, c->plan->date);
    return pg_do(c->s, P_DOCENT_LINK, &p, c->err, "storing a document entity");
}

/* A document typing an entity more specifically upgrades it (LOC -> GPE). */
static int upgrade_type(put_ctx *c, const ng_plan_entity *pe)
{
    const char *from[NG_NENT];
    size_t n = 0;
    int t = pe->etype;
    for (int other = 1; other < NG_NENT; other++)
        if (other != t && ng_resolve_class(other) == pe->tclass && ng_resolve_prefer_type(other, t) == t)
            from[n++] = ng_ent_type_name(other);
    if (!n)
        return NG_OK;
    text_array(&c->s->key, from, n);
    if (c->s->key.oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    pg_params p = {0};
    pgp_int(&p, pe->id);
    pgp_text(&p, pe->type);
    pgp_text(&p, c->s->key.data);
    return pg_do(c->s, P_ENT_UPGRADE, &p, c->err, "typing an entity");
}

static int put_entities(put_ctx *c)
{
    for (size_t i = 0; i < c->plan->nents; i++) {
        ng_plan_entity *pe = &c->plan->ents[i];
        int rc = resolve_entity(c, pe);
        if (rc == NG_OK)
            rc = upgrade_type(c, pe);
        if (rc == NG_OK)
            rc = upsert_aliases(c, pe);
        if (rc == NG_OK)
            rc = link_document(c, pe, i);
        if (rc != NG_OK)
            return rc;
        gather_mentions(c, pe, i);
    }
    return NG_OK;
}

/* ---------------------------------------------------------------- facts */

static int find_or_insert_fact(put_ctx *c, const ng_plan_fact *pf, int64_t *fact_id)
{
    const ng_fact *f = pf->f;
    int64_t subject = c->plan->ents[f->subject].id;
    int64_t object = f->object >= 0 ? c->plan->ents[f->object].id : 0;
    ng_plan_fact_key(&c->s->key, pf, subject, object);
    ng_buf_putc(&c->s->key, '\0');
    if (c->s->key.oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    pg_params p = {0};
    pgp_text(&p, c->s->key.data);
    pgp_text(&p, f->relation);
    pgp_int(&p, subject);
    pgp_id(&p, object);
    pgp_text(&p, pf->object_text);
    pgp_int(&p, f->negated ? 1 : 0);
    pgp_text(&p, ng_modality_name(f->modality));
    pgp_text(&p, pf->time);
    pgp_id(&p, pf->year);
    pgp_text(&p, pf->title);
    pgp_double(&p, (double)f->confidence);
    PGresult *res = pg_run(c->s, P_FACT_GET, &p, c->err, "storing a fact");
    if (!res)
        return NG_EDB;
    *fact_id = pg_int(res, 0, 0);
    PQclear(res);
    return *fact_id ? NG_OK : ng_err(c->err, NG_EDB, "%s: storing a fact: no id", c->s->name);
}

/* The evidence row of one fact, and the fact's counts. */
static int add_evidence(put_ctx *c, const ng_fact *f, int64_t fact_id)
{
    int64_t sent = f->sentence < c->doc->nsents ? c->pd->sent_ids[f->sentence] : sentence_id_at(c, f->evidence.start);
    pg_params p = {0};
    pgp_int(&p, fact_id);
    pgp_int(&p, c->pd->id);
    pgp_int(&p, c->source_id);
    pgp_id(&p, sent);
    pgp_int(&p, f->evidence.start);
    pgp_int(&p, f->evidence.end);
    pgp_int(&p, f->trigger.start);
    pgp_int(&p, f->trigger.end);
    pgp_double(&p, (double)f->confidence);
    pgp_int(&p, f->subject);
    if (f->object >= 0)
        pgp_int(&p, f->object);
    else
        pgp_text(&p, NULL);
    pgp_text(&p, c->plan->date);
    return pg_do(c->s, P_EVID_ADD, &p, c->err, "storing evidence");
}

static int put_facts(put_ctx *c)
{
    for (size_t i = 0; i < c->plan->nfacts; i++) {
        int64_t fact_id = 0;
        int rc = find_or_insert_fact(c, &c->plan->facts[i], &fact_id);
        if (rc == NG_OK)
            rc = add_evidence(c, c->plan->facts[i].f, fact_id);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

int pgm_merge_document(pg *s, pg_pending *pd, ng_error *err)
{
    put_ctx c = {.s = s, .pd = pd, .plan = &pd->plan, .doc = pd->doc, .err = err};
    for (size_t i = 0; i < c.plan->nents; i++)
        c.plan->ents[i].id = 0; /* a retried batch resolves again */
    int rc = near_duplicate(&c);
    c.source_id = pd->dup_of ? pd->dup_of : pd->id;
    if (rc == NG_OK)
        rc = put_entities(&c);
    if (rc == NG_OK)
        rc = put_facts(&c);
    return rc;
}
