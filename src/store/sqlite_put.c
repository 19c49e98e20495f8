/*
 * sqlite_put.c - storing one planned document in SQLite: the document and
 * its near-duplicate link, sentences (and their full-text index), entities
 * resolved against the knowledge base (merging entities a document shows to
 * be one), mentions, facts and evidence.  Invariant: a document is stored
 * inside one savepoint, so a failure leaves no row of it behind.
 */
#include "store/sqlite.h"

/* Per-put state. */
typedef struct put_ctx {
    sq *s;
    ng_put_plan *plan;
    const ng_doc *doc;
    int64_t doc_id;
    int64_t source_id;           /* first document of its near-duplicate cluster */
    int64_t *sent_ids;           /* [doc->nsents] row ids */
    ng_error *err;
} put_ctx;

static const char *field(const ng_doc *doc, ng_field f)
{
    return doc->fields[f];
}

/* ------------------------------------------------------- near-duplicates */

static void sig_encode(const ng_minhash *m, unsigned char out[NG_MINHASH_K * 4])
{
    for (int i = 0; i < NG_MINHASH_K; i++)
        for (int b = 0; b < 4; b++)
            out[i * 4 + b] = (unsigned char)(m->v[i] >> (8 * b));
}

static bool sig_decode(const void *blob, int n, ng_minhash *m)
{
    if (!blob || n != NG_MINHASH_K * 4)
        return false;
    const unsigned char *p = blob;
    for (int i = 0; i < NG_MINHASH_K; i++)
        m->v[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 |
                  (uint32_t)p[i * 4 + 3] << 24;
    m->nshingles = NG_MINHASH_MIN_SHINGLES;
    return true;
}

/* Compare with one candidate; keep the most similar (ties: the oldest root). */
static int consider(put_ctx *c, int64_t cand, ng_kb_put_info *info)
{
    sqlite3_stmt *st = sq_stmt(c->s, S_DOC_SIG, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, cand);
    ng_minhash other;
    if (sqlite3_step(st) == SQLITE_ROW &&
        sig_decode(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0), &other)) {
        double sim = ng_minhash_similarity(&c->plan->sig, &other);
        int64_t root = sqlite3_column_int64(st, 1);
        if (sim >= NG_NEAR_DUP_JACCARD &&
            (sim > info->similarity || (sim == info->similarity && root < info->dup_of))) {
            info->similarity = sim;
            info->dup_of = root;
        }
    }
    sqlite3_reset(st);
    return NG_OK;
}

static int find_near_duplicate(put_ctx *c, const int64_t bands[NG_MINHASH_BANDS], ng_kb_put_info *info)
{
    if (c->plan->sig.nshingles < NG_MINHASH_MIN_SHINGLES)
        return NG_OK;
    sqlite3_stmt *st = sq_stmt(c->s, S_BAND_CANDIDATES, c->err);
    if (!st)
        return NG_EDB;
    for (int b = 0; b < NG_MINHASH_BANDS; b++)
        sqlite3_bind_int64(st, b + 1, bands[b]);
    int64_t cands[64];
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < NG_ARRAY_LEN(cands))
        cands[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(c->s, c->err, "looking for near-duplicates");
    for (size_t i = 0; i < n; i++)
        if ((rc = consider(c, cands[i], info)) != NG_OK)
            return rc;
    return NG_OK;
}

/* ------------------------------------------------------------- document */

static int insert_document(put_ctx *c, ng_kb_put_info *info)
{
    const ng_doc *doc = c->doc;
    sqlite3_stmt *st = sq_stmt(c->s, S_DOC_INSERT, c->err);
    if (!st)
        return NG_EDB;
    unsigned char sig[NG_MINHASH_K * 4];
    sig_encode(&c->plan->sig, sig);
    const char *id = field(doc, NG_F_ID);
    sq_bind_text(st, 1, id ? id : c->plan->sha256);
    sq_bind_text(st, 2, c->plan->sha256);
    sq_bind_text(st, 3, field(doc, NG_F_TITLE));
    sq_bind_text(st, 4, c->plan->date);
    if (c->plan->year)
        sqlite3_bind_int(st, 5, c->plan->year);
    sq_bind_text(st, 6, field(doc, NG_F_AUTHOR));
    sq_bind_text(st, 7, field(doc, NG_F_PUBLISHER));
    sq_bind_text(st, 8, field(doc, NG_F_LANGUAGE));
    sq_bind_text(st, 9, field(doc, NG_F_URL));
    sq_bind_text(st, 10, field(doc, NG_F_PATH));
    sqlite3_bind_text(st, 11, doc->text, (int)doc->len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)doc->nsents);
    sqlite3_bind_int64(st, 13, (sqlite3_int64)doc->nentities);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)doc->nfacts);
    if (info->dup_of) {
        sqlite3_bind_int64(st, 15, info->dup_of);
        sqlite3_bind_double(st, 16, info->similarity);
    }
    if (c->plan->sig.nshingles >= NG_MINHASH_MIN_SHINGLES)
        sqlite3_bind_blob(st, 17, sig, sizeof sig, SQLITE_STATIC);
    int rc = sq_done(c->s, st, c->err, "storing a document");
    c->doc_id = sqlite3_last_insert_rowid(c->s->db);
    c->source_id = info->dup_of ? info->dup_of : c->doc_id;
    return rc;
}

static int insert_bands(put_ctx *c, const int64_t bands[NG_MINHASH_BANDS])
{
    if (c->plan->sig.nshingles < NG_MINHASH_MIN_SHINGLES)
        return NG_OK;
    for (int b = 0; b < NG_MINHASH_BANDS; b++) {
        sqlite3_stmt *st = sq_stmt(c->s, S_BAND_INSERT, c->err);
        if (!st)
            return NG_EDB;
        sqlite3_bind_int64(st, 1, bands[b]);
        sqlite3_bind_int64(st, 2, c->doc_id);
        int rc = sq_done(c->s, st, c->err, "storing near-duplicate bands");
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

static int insert_sentence(put_ctx *c, size_t k)
{
    const ng_sentence *snt = &c->doc->sents[k];
    const char *text = c->doc->text + snt->start;
    int len = (int)(snt->end - snt->start);
    sqlite3_stmt *st = sq_stmt(c->s, S_SENT_INSERT, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, c->doc_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
    sqlite3_bind_int64(st, 3, snt->start);
    sqlite3_bind_int64(st, 4, snt->end);
    sqlite3_bind_text(st, 5, text, len, SQLITE_STATIC);
    int rc = sq_done(c->s, st, c->err, "storing a sentence");
    if (rc != NG_OK)
        return rc;
    c->sent_ids[k] = sqlite3_last_insert_rowid(c->s->db);
    if (!(st = sq_stmt(c->s, S_FTS_INSERT, c->err)))
        return NG_EDB;
    sqlite3_bind_int64(st, 1, c->sent_ids[k]);
    sqlite3_bind_text(st, 2, text, len, SQLITE_STATIC);
    return sq_done(c->s, st, c->err, "indexing a sentence");
}

static int insert_sentences(put_ctx *c)
{
    const ng_doc *doc = c->doc;
    c->sent_ids = ng_arena_alloc(&c->plan->arena, (doc->nsents + 1) * sizeof *c->sent_ids);
    if (!c->sent_ids)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    for (size_t k = 0; k < doc->nsents; k++) {
        const ng_sentence *snt = &doc->sents[k];
        if (snt->start > snt->end || snt->end > doc->len)
            return ng_err(c->err, NG_EFORMAT, "%s: sentence %zu outside the text", field(doc, NG_F_ID), k);
        int rc = insert_sentence(c, k);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Row id of the sentence holding byte off, or 0. */
static int64_t sentence_id_at(put_ctx *c, uint32_t off)
{
    int64_t k = ng_plan_sentence_of(c->doc, off);
    return k < 0 ? 0 : c->sent_ids[k];
}

static void bind_id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

/* --------------------------------------------------------------- merging */

static int step_id(sq *s, sq_stmt_id id, int64_t a, int64_t b, ng_error *err, const char *what)
{
    sqlite3_stmt *st = sq_stmt(s, id, err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, a);
    if (b)
        sqlite3_bind_int64(st, 2, b);
    return sq_done(s, st, err, what);
}

/* The key a fact row has once entity `from` is `into`. */
static void rekey(sq *s, sqlite3_stmt *row, int64_t subject, int64_t object)
{
    ng_fact f = {0};
    ng_plan_fact pf = {0};
    f.relation = (const char *)sqlite3_column_text(row, 1);
    f.negated = (uint8_t)sqlite3_column_int(row, 5);
    f.modality = (uint8_t)ng_modality_id((const char *)sqlite3_column_text(row, 6));
    pf.f = &f;
    pf.object_text = (const char *)sqlite3_column_text(row, 4);
    pf.time = (const char *)sqlite3_column_text(row, 7);
    pf.title = (char *)sqlite3_column_text(row, 8);
    ng_plan_fact_key(&s->key, &pf, subject, object);
}

/* Point the fact `fact` at its new arguments; when that makes it equal to
 * another fact, fold its evidence into that one. */
static int move_fact(sq *s, int64_t fact, const char *key, int64_t subject, int64_t object, ng_error *err)
{
    sqlite3_stmt *st = sq_stmt(s, S_FACT_FIND, err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int64_t other = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (other && other != fact) {
        int rc = step_id(s, S_EVID_MOVE, fact, other, err, "merging evidence");
        if (rc == NG_OK)
            rc = step_id(s, S_EVID_DROP, fact, 0, err, "merging evidence");
        if (rc == NG_OK)
            rc = step_id(s, S_FACT_DELETE, fact, 0, err, "merging facts");
        return rc == NG_OK ? step_id(s, S_FACT_RECOUNT, other, 0, err, "counting evidence") : rc;
    }
    if (!(st = sq_stmt(s, S_FACT_REKEY, err)))
        return NG_EDB;
    sqlite3_bind_int64(st, 1, fact);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, subject);
    bind_id_or_null(st, 4, object);
    return sq_done(s, st, err, "merging facts");
}

/* Re-key every fact about `from` as a fact about `into`. */
static int merge_facts(sq *s, int64_t into, int64_t from, ng_error *err)
{
    /* Collect first: re-keying changes the rows the query walks. */
    typedef struct { int64_t id, subject, object; char *key; size_t keycap; } moved;
    moved *list = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = sq_stmt(s, S_MERGE_FACTS_OF, err);
    if (!st)
        return NG_EDB;
    int rc = NG_OK;
    sqlite3_bind_int64(st, 1, from);
    while (rc == NG_OK && sqlite3_step(st) == SQLITE_ROW) {
        int64_t subj = sqlite3_column_int64(st, 2), obj = sqlite3_column_int64(st, 3);
        subj = subj == from ? into : subj;
        obj = obj == from ? into : obj;
        rekey(s, st, subj, obj);
        if (s->key.oom || !NG_GROW(list, cap, n + 1) || !(list[n].key = ng_strndup(s->key.data, s->key.len))) {
            rc = ng_err(err, NG_ENOMEM, "out of memory");
            break;
        }
        list[n].keycap = s->key.len + 1;
        list[n].id = sqlite3_column_int64(st, 0);
        list[n].subject = subj;
        list[n].object = obj;
        n++;
    }
    sqlite3_reset(st);
    for (size_t i = 0; i < n; i++) {
        if (rc == NG_OK)
            rc = move_fact(s, list[i].id, list[i].key, list[i].subject, list[i].object, err);
        ng_free(list[i].key, list[i].keycap);
    }
    ng_free(list, cap * sizeof *list);
    return rc;
}

static int entity_type(sq *s, int64_t id, char *out, size_t size, ng_error *err)
{
    sqlite3_stmt *st = sq_stmt(s, S_ENT_TYPE, err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, id);
    out[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return NG_OK;
}

/* The entity keeps the more specific of the two types (GPE over LOC). */
static int merge_type(sq *s, int64_t into, int64_t from, ng_error *err)
{
    char a[16], b[16];
    int rc = entity_type(s, into, a, sizeof a, err);
    if (rc == NG_OK)
        rc = entity_type(s, from, b, sizeof b, err);
    int t = ng_resolve_prefer_type(ng_ent_type_id(a), ng_ent_type_id(b));
    if (rc != NG_OK || t == ng_ent_type_id(a))
        return rc;
    sqlite3_stmt *st = sq_stmt(s, S_ENT_SET_TYPE, err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, into);
    sqlite3_bind_text(st, 2, ng_ent_type_name(t), -1, SQLITE_STATIC);
    return sq_done(s, st, err, "typing an entity");
}

/* Merge entity `from` into `into`: aliases, per-document entities,
 * mentions and facts move; counts are recomputed; `from` is deleted. */
static int merge_entities(sq *s, int64_t into, int64_t from, ng_error *err)
{
    static const struct { sq_stmt_id id; const char *what; } steps[] = {
        {S_MERGE_ALIAS_COUNTS, "merging aliases"}, {S_MERGE_ALIAS_MOVE, "merging aliases"},
        {S_MERGE_ALIAS_DROP, "merging aliases"},   {S_MERGE_DOCENT, "merging entities"},
        {S_MERGE_MENTIONS, "merging mentions"},
    };
    int rc = merge_type(s, into, from, err);
    for (size_t i = 0; i < NG_ARRAY_LEN(steps) && rc == NG_OK; i++)
        rc = step_id(s, steps[i].id, into, from, err, steps[i].what);
    if (rc == NG_OK)
        rc = merge_facts(s, into, from, err);
    if (rc == NG_OK)
        rc = step_id(s, S_ENT_DELETE, from, 0, err, "merging entities");
    if (rc == NG_OK)
        rc = step_id(s, S_ENT_RECOUNT, into, 0, err, "counting mentions");
    if (rc == NG_OK)
        rc = step_id(s, S_ENT_RENAME, into, 0, err, "naming an entity");
    return rc;
}

/* ------------------------------------------------------------- entities */

/* Entities whose strong names match one of pe's strong names. */
static int candidates(put_ctx *c, const ng_plan_entity *pe, int64_t *out, size_t *n)
{
    *n = 0;
    for (size_t k = 0; k < pe->nnames; k++) {
        if (!pe->names[k].strong)
            continue;
        sqlite3_stmt *st = sq_stmt(c->s, S_ALIAS_LOOKUP, c->err);
        if (!st)
            return NG_EDB;
        sqlite3_bind_text(st, 1, pe->names[k].key, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, pe->tclass);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            bool seen = false;
            for (size_t j = 0; j < *n; j++)
                seen |= out[j] == id;
            if (!seen && *n < NG_MAX_CANDIDATES)
                out[(*n)++] = id;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sq_fail(c->s, c->err, "looking up an entity");
    }
    return NG_OK;
}

static int new_entity(put_ctx *c, const ng_plan_entity *pe, int64_t *id)
{
    sqlite3_stmt *st = sq_stmt(c->s, S_ENT_INSERT, c->err);
    if (!st)
        return NG_EDB;
    sq_bind_text(st, 1, pe->name);
    sq_bind_text(st, 2, pe->type);
    int rc = sq_done(c->s, st, c->err, "storing an entity");
    *id = sqlite3_last_insert_rowid(c->s->db);
    return rc;
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
    int64_t cand[NG_MAX_CANDIDATES];
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
        sqlite3_stmt *st = sq_stmt(c->s, S_ALIAS_UPSERT, c->err);
        if (!st)
            return NG_EDB;
        sqlite3_bind_int64(st, 1, pe->id);
        sqlite3_bind_text(st, 2, nm->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, nm->key, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, pe->tclass);
        sqlite3_bind_int(st, 5, nm->strong);
        sqlite3_bind_int(st, 6, nm->canonical);
        int rc = sq_done(c->s, st, c->err, "storing an alias");
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

static int insert_mentions(put_ctx *c, const ng_plan_entity *pe, size_t local)
{
    const ng_entity *e = pe->e;
    for (uint32_t k = 0; k < e->nmentions; k++) {
        ng_span m = e->mentions[k];
        sqlite3_stmt *st = sq_stmt(c->s, S_MENTION_INSERT, c->err);
        if (!st)
            return NG_EDB;
        sqlite3_bind_int64(st, 1, pe->id);
        sqlite3_bind_int64(st, 2, c->doc_id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)local);
        bind_id_or_null(st, 4, sentence_id_at(c, m.start));
        sqlite3_bind_int64(st, 5, m.start);
        sqlite3_bind_int64(st, 6, m.end);
        sqlite3_bind_text(st, 7, c->doc->text + m.start, (int)(m.end - m.start), SQLITE_STATIC);
        int rc = sq_done(c->s, st, c->err, "storing a mention");
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Count this document once for the entity, then record its entity row. */
static int link_document(put_ctx *c, const ng_plan_entity *pe, size_t local)
{
    sqlite3_stmt *st = sq_stmt(c->s, S_DOCENT_EXISTS, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, pe->id);
    sqlite3_bind_int64(st, 2, c->doc_id);
    bool seen = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    if (!(st = sq_stmt(c->s, S_DOCENT_INSERT, c->err)))
        return NG_EDB;
    sqlite3_bind_int64(st, 1, c->doc_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)local);
    sqlite3_bind_int64(st, 3, pe->id);
    sqlite3_bind_text(st, 4, pe->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, pe->type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, pe->e->nmentions);
    ng_buf *b = &c->s->key;
    ng_buf_clear(b);
    b->oom = false;
    for (uint32_t k = 0; k < pe->e->naliases; k++) {
        if (k)
            ng_buf_putc(b, '\x1f');
        ng_buf_puts(b, pe->e->aliases[k] ? pe->e->aliases[k] : "");
    }
    if (b->oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    if (pe->e->naliases)
        sqlite3_bind_text(st, 7, b->data, (int)b->len, SQLITE_STATIC);
    int rc = sq_done(c->s, st, c->err, "storing a document entity");
    if (rc != NG_OK || !(st = sq_stmt(c->s, S_ENT_STATS, c->err)))
        return rc != NG_OK ? rc : NG_EDB;
    sqlite3_bind_int64(st, 1, pe->id);
    sqlite3_bind_int(st, 2, seen ? 0 : 1);
    sqlite3_bind_int64(st, 3, pe->e->nmentions);
    sq_bind_text(st, 4, c->plan->date);
    return sq_done(c->s, st, c->err, "counting an entity");
}

/* A document typing an entity more specifically upgrades it (LOC -> GPE). */
static int upgrade_type(put_ctx *c, const ng_plan_entity *pe)
{
    int t = pe->etype;
    for (int other = 1; other < NG_NENT; other++) {
        if (other == t || ng_resolve_class(other) != pe->tclass || ng_resolve_prefer_type(other, t) != t)
            continue;
        sqlite3_stmt *st = sq_stmt(c->s, S_ENT_UPGRADE, c->err);
        if (!st)
            return NG_EDB;
        sqlite3_bind_int64(st, 1, pe->id);
        sqlite3_bind_text(st, 2, pe->type, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ng_ent_type_name(other), -1, SQLITE_STATIC);
        int rc = sq_done(c->s, st, c->err, "typing an entity");
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
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
        if (rc == NG_OK)
            rc = insert_mentions(c, pe, i);
        if (rc == NG_OK)
            rc = step_id(c->s, S_ENT_RENAME, pe->id, 0, c->err, "naming an entity");
        if (rc != NG_OK)
            return rc;
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
    if (c->s->key.oom)
        return ng_err(c->err, NG_ENOMEM, "out of memory");
    sqlite3_stmt *st = sq_stmt(c->s, S_FACT_FIND, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_text(st, 1, c->s->key.data, (int)c->s->key.len, SQLITE_STATIC);
    *fact_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (*fact_id)
        return NG_OK;
    if (!(st = sq_stmt(c->s, S_FACT_INSERT, c->err)))
        return NG_EDB;
    sqlite3_bind_text(st, 1, c->s->key.data, (int)c->s->key.len, SQLITE_STATIC);
    sq_bind_text(st, 2, f->relation);
    sqlite3_bind_int64(st, 3, subject);
    bind_id_or_null(st, 4, object);
    sq_bind_text(st, 5, pf->object_text);
    sqlite3_bind_int(st, 6, f->negated ? 1 : 0);
    sq_bind_text(st, 7, ng_modality_name(f->modality));
    sq_bind_text(st, 8, pf->time);
    if (pf->year)
        sqlite3_bind_int(st, 9, pf->year);
    sq_bind_text(st, 10, pf->title);
    sqlite3_bind_double(st, 11, (double)f->confidence);
    int rc = sq_done(c->s, st, c->err, "storing a fact");
    *fact_id = sqlite3_last_insert_rowid(c->s->db);
    return rc;
}

/* The evidence row of one fact, and the fact's counts. */
static int add_evidence(put_ctx *c, const ng_fact *f, int64_t fact_id)
{
    sqlite3_stmt *st = sq_stmt(c->s, S_EVID_SOURCE_SEEN, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_int64(st, 1, fact_id);
    sqlite3_bind_int64(st, 2, c->source_id);
    bool seen = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    if (!(st = sq_stmt(c->s, S_EVID_INSERT, c->err)))
        return NG_EDB;
    int64_t sent = f->sentence < c->doc->nsents ? c->sent_ids[f->sentence] : sentence_id_at(c, f->evidence.start);
    sqlite3_bind_int64(st, 1, fact_id);
    sqlite3_bind_int64(st, 2, c->doc_id);
    sqlite3_bind_int64(st, 3, c->source_id);
    bind_id_or_null(st, 4, sent);
    sqlite3_bind_int64(st, 5, f->evidence.start);
    sqlite3_bind_int64(st, 6, f->evidence.end);
    sqlite3_bind_int64(st, 7, f->trigger.start);
    sqlite3_bind_int64(st, 8, f->trigger.end);
    sqlite3_bind_double(st, 9, (double)f->confidence);
    sqlite3_bind_int(st, 10, f->subject);
    if (f->object >= 0)
        sqlite3_bind_int(st, 11, f->object);
    int rc = sq_done(c->s, st, c->err, "storing evidence");
    if (rc != NG_OK || sqlite3_changes(c->s->db) == 0)
        return rc; /* the same evidence twice: counted once */
    if (!(st = sq_stmt(c->s, S_FACT_STATS, c->err)))
        return NG_EDB;
    sqlite3_bind_int64(st, 1, fact_id);
    sqlite3_bind_int(st, 2, seen ? 0 : 1);
    sqlite3_bind_double(st, 3, (double)f->confidence);
    sq_bind_text(st, 4, c->plan->date);
    return sq_done(c->s, st, c->err, "counting a fact");
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

/* ------------------------------------------------------------------ put */

static int existing(put_ctx *c, int64_t *id)
{
    sqlite3_stmt *st = sq_stmt(c->s, S_DOC_BY_SHA, c->err);
    if (!st)
        return NG_EDB;
    sqlite3_bind_text(st, 1, c->plan->sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? NG_OK : sq_fail(c->s, c->err, "looking up a document");
}

static int put_all(put_ctx *c, ng_kb_put_info *info)
{
    int64_t bands[NG_MINHASH_BANDS];
    ng_minhash_bands(&c->plan->sig, bands);
    int rc = find_near_duplicate(c, bands, info);
    if (rc == NG_OK)
        rc = insert_document(c, info);
    if (rc == NG_OK)
        rc = insert_bands(c, bands);
    if (rc == NG_OK)
        rc = insert_sentences(c);
    if (rc == NG_OK)
        rc = put_entities(c);
    if (rc == NG_OK)
        rc = put_facts(c);
    return rc;
}

int sq_put(ng_kb *kb, ng_put_plan *plan, ng_kb_put_info *info, ng_error *err)
{
    put_ctx c = {.s = sq_of(kb), .plan = plan, .doc = plan->doc, .err = err};
    int64_t id;
    int rc = existing(&c, &id);
    if (rc != NG_OK)
        return rc;
    if (id) {
        info->status = NG_KB_DUPLICATE;
        info->id = id;
        return NG_OK;
    }
    if ((rc = sq_exec(c.s, "SAVEPOINT put_document", err)) != NG_OK)
        return rc;
    rc = put_all(&c, info);
    if (rc != NG_OK) {
        sq_exec(c.s, "ROLLBACK TO put_document", NULL);
        sq_exec(c.s, "RELEASE put_document", NULL);
        info->dup_of = 0;
        info->similarity = 0;
        return rc;
    }
    info->status = info->dup_of ? NG_KB_NEAR_DUPLICATE : NG_KB_NEW;
    info->id = c.doc_id;
    info->nentities = plan->nents;
    info->nfacts = plan->nfacts;
    return sq_exec(c.s, "RELEASE put_document", err);
}
