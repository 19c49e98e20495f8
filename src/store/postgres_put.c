/*
 * postgres_put.c - batches of the PostgreSQL backend.  put() keeps a copy of
 * each document; commit() writes the batch in one transaction: first the
 * per-document rows (documents, claimed by content hash in hash order, and
 * sentences by COPY) concurrently with other writers, then, holding the
 * merge lock, what crosses documents (postgres_merge.c).  Invariants: the
 * transaction holds every row of the batch or none; hash order and one
 * lock make concurrent writers deadlock-free (docs/scale.md).
 */
#include "store/postgres.h"

#include <stdlib.h>

/* --------------------------------------------------------------- copies */

static bool utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t k = *p ? ng_utf8_seqlen(p, end) : 0;
        if (k == 0)
            return false;
        p += k;
    }
    return true;
}

static bool str_ok(const char *s)
{
    return !s || utf8_ok(s, strlen(s));
}

/* PostgreSQL's text takes only valid UTF-8 without NUL: a document that has
 * other bytes is refused at put, never at commit (where it would cost the
 * whole batch). */
static bool doc_text_ok(const ng_doc *doc)
{
    if (!utf8_ok(doc->text, doc->len))
        return false;
    for (int f = 0; f < NG_NFIELDS; f++)
        if (!str_ok(doc->fields[f]))
            return false;
    for (size_t i = 0; i < doc->nentities; i++) {
        const ng_entity *e = &doc->entities[i];
        if (!str_ok(e->name))
            return false;
        for (uint32_t k = 0; k < e->naliases; k++)
            if (!str_ok(e->aliases[k]))
                return false;
    }
    for (size_t i = 0; i < doc->nfacts; i++) {
        const ng_fact *f = &doc->facts[i];
        if (!str_ok(f->relation) || !str_ok(f->object_text) || !str_ok(f->time) || !str_ok(f->title))
            return false;
    }
    return true;
}

/* A copy of what the store reads of doc: text, fields, sentences, entities
 * and facts (not tokens).  NULL when out of memory. */
static ng_doc *clone_doc(const ng_doc *doc)
{
    ng_doc *c = ng_doc_new(doc->text, doc->len);
    if (!c)
        return NULL;
    bool ok = true;
    for (int f = 0; f < NG_NFIELDS && ok; f++)
        ok = ng_doc_set(c, (ng_field)f, doc->fields[f]) == NG_OK;
    for (size_t k = 0; k < doc->nsents && ok; k++)
        ok = ng_doc_push_sentence(c, &doc->sents[k]);
    if (ok)
        ok = ng_doc_attach(c, doc->entities, doc->nentities, doc->facts, doc->nfacts) == NG_OK;
    if (!ok) {
        ng_doc_free(c);
        return NULL;
    }
    return c;
}

static void free_pending(pg_pending *p)
{
    ng_plan_free(&p->plan);
    ng_doc_free(p->doc);
    memset(p, 0, sizeof *p);
}

void pgw_discard(pg *s)
{
    for (size_t i = 0; i < s->npending; i++)
        free_pending(&s->pending[i]);
    s->npending = 0;
}

/* Is plan a near-duplicate of a stored document or of one earlier in the
 * batch?  (Its root in the batch has no id yet: dup_of stays 0.) */
static int preview_near_duplicate(pg *s, const ng_put_plan *plan, ng_kb_put_info *info, ng_error *err)
{
    int rc = pgm_near_duplicate_of(s, plan, 0, &info->dup_of, &info->similarity, err);
    if (rc != NG_OK || info->dup_of || plan->sig.nshingles < NG_MINHASH_MIN_SHINGLES)
        return rc;
    for (size_t i = 0; i + 1 < s->npending; i++) {
        const ng_minhash *other = &s->pending[i].plan.sig;
        double sim = other->nshingles >= NG_MINHASH_MIN_SHINGLES ? ng_minhash_similarity(&plan->sig, other) : 0;
        if (sim >= NG_NEAR_DUP_JACCARD && sim > info->similarity)
            info->similarity = sim;
    }
    return NG_OK;
}

int pgw_put(ng_kb *kb, ng_put_plan *plan, ng_kb_put_info *info, ng_error *err)
{
    pg *s = pg_of(kb);
    const ng_doc *doc = plan->doc;
    const char *id = doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "document";
    if (!doc_text_ok(doc))
        return ng_err(err, NG_EFORMAT, "%s: text that is not valid UTF-8 (or holds NUL bytes)", id);
    for (size_t k = 0; k < doc->nsents; k++)
        if (doc->sents[k].start > doc->sents[k].end || doc->sents[k].end > doc->len)
            return ng_err(err, NG_EFORMAT, "%s: sentence %zu outside the text", id, k);
    for (size_t i = 0; i < s->npending; i++)
        if (strcmp(s->pending[i].plan.sha256, plan->sha256) == 0) {
            info->status = NG_KB_DUPLICATE; /* twice in one batch: stored once */
            return NG_OK;
        }
    pg_params p = {0};
    pgp_text(&p, plan->sha256);
    PGresult *res = pg_run(s, P_HASH_LOOKUP, &p, err, "looking up a document");
    if (!res)
        return NG_EDB;
    int64_t existing = pg_int(res, 0, 0);
    PQclear(res);
    if (existing) {
        info->status = NG_KB_DUPLICATE;
        info->id = existing;
        return NG_OK;
    }
    if (!NG_GROW(s->pending, s->cap_pending, s->npending + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", id);
    pg_pending *pd = &s->pending[s->npending];
    memset(pd, 0, sizeof *pd);
    if (!(pd->doc = clone_doc(doc)))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", id);
    int rc = ng_plan_build(&pd->plan, pd->doc, kb->resolver, err);
    if (rc != NG_OK) {
        free_pending(pd);
        return rc;
    }
    s->npending++;
    /* What commit will most likely find, for the caller's tally. */
    rc = preview_near_duplicate(s, plan, info, err);
    if (rc != NG_OK) {
        free_pending(&s->pending[--s->npending]);
        return rc;
    }
    info->status = info->similarity > 0 ? NG_KB_NEAR_DUPLICATE : NG_KB_NEW; /* as known before commit */
    info->nentities = plan->nents;
    info->nfacts = plan->nfacts;
    return NG_OK;
}

/* ------------------------------------------------------------------ COPY */

/* Append s[0..n) to a COPY text row, escaped. */
void pgc_text(ng_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (c) {
        case '\\': ng_buf_puts(b, "\\\\"); break;
        case '\t': ng_buf_puts(b, "\\t"); break;
        case '\n': ng_buf_puts(b, "\\n"); break;
        case '\r': ng_buf_puts(b, "\\r"); break;
        default: ng_buf_putc(b, c);
        }
    }
}

void pgc_int(ng_buf *b, int64_t v)
{
    ng_buf_printf(b, "%lld", (long long)v);
}

void pgc_id(ng_buf *b, int64_t v)
{
    if (v > 0)
        pgc_int(b, v);
    else
        ng_buf_puts(b, "\\N");
}

void pgc_sep(ng_buf *b, bool last)
{
    ng_buf_putc(b, last ? '\n' : '\t');
}

int pgc_send(pg *s, const char *copy_sql, ng_error *err)
{
    if (!s->ncopy)
        return NG_OK;
    if (s->copy.oom) {
        ng_buf_clear(&s->copy);
        s->copy.oom = false;
        s->ncopy = 0;
        return ng_err(err, NG_ENOMEM, "%s: out of memory", s->name);
    }
    PGresult *res = PQexec(s->conn, copy_sql);
    if (PQresultStatus(res) != PGRES_COPY_IN)
        return pg_fail(s, res, err, "starting a COPY");
    PQclear(res);
    bool ok = true;
    for (size_t off = 0; ok && off < s->copy.len; off += NG_PG_COPY_FLUSH) {
        size_t n = NG_MIN((size_t)NG_PG_COPY_FLUSH, s->copy.len - off);
        ok = PQputCopyData(s->conn, s->copy.data + off, (int)n) == 1;
    }
    ok = PQputCopyEnd(s->conn, ok ? NULL : "client error") == 1 && ok;
    ng_buf_clear(&s->copy);
    s->ncopy = 0;
    int rc = NG_OK;
    while ((res = PQgetResult(s->conn))) {
        if (rc == NG_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
            s->retry |= pg_retryable(res);
            rc = pg_fail(s, res, err, "copying rows");
            continue;
        }
        PQclear(res);
    }
    if (rc == NG_OK && !ok)
        rc = pg_fail(s, NULL, err, "copying rows");
    return rc;
}

/* ------------------------------------------------------------- phase one */

static int cmp_sha(const void *a, const void *b)
{
    const pg_pending *x = *(pg_pending *const *)a, *y = *(pg_pending *const *)b;
    return strcmp(x->plan.sha256, y->plan.sha256);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* n fresh values of sequence seq, ascending, into out[n]. */
static int next_ids(pg *s, pg_stmt_id stmt, size_t n, int64_t *out, ng_error *err)
{
    pg_params p = {0};
    pgp_int(&p, (int64_t)n);
    PGresult *res = pg_run(s, stmt, &p, err, "allocating ids");
    if (!res)
        return NG_EDB;
    if ((size_t)PQntuples(res) != n) {
        PQclear(res);
        return ng_err(err, NG_EDB, "%s: allocating ids: wrong count", s->name);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = pg_int(res, (int)i, 0);
    PQclear(res);
    qsort(out, n, sizeof *out, cmp_i64);
    return NG_OK;
}

static int insert_document(pg *s, pg_pending *pd, ng_error *err)
{
    const ng_doc *doc = pd->doc;
    const ng_put_plan *plan = &pd->plan;
    unsigned char sig[NG_MINHASH_K * 4];
    pg_sig_encode(&plan->sig, sig);
    pg_params p = {0};
    const char *id = doc->fields[NG_F_ID];
    pgp_int(&p, pd->id);
    pgp_text(&p, id ? id : plan->sha256);
    pgp_text(&p, plan->sha256);
    pgp_text(&p, doc->fields[NG_F_TITLE]);
    pgp_text(&p, plan->date);
    pgp_id(&p, plan->year);
    pgp_text(&p, doc->fields[NG_F_AUTHOR]);
    pgp_text(&p, doc->fields[NG_F_PUBLISHER]);
    pgp_text(&p, doc->fields[NG_F_LANGUAGE]);
    pgp_text(&p, doc->fields[NG_F_URL]);
    pgp_text(&p, doc->fields[NG_F_PATH]);
    pgp_textn(&p, doc->text, doc->len);
    pgp_int(&p, (int64_t)doc->nsents);
    pgp_int(&p, (int64_t)doc->nentities);
    pgp_int(&p, (int64_t)doc->nfacts);
    if (plan->sig.nshingles >= NG_MINHASH_MIN_SHINGLES)
        pgp_bytea(&p, sig, sizeof sig);
    else
        pgp_text(&p, NULL);
    return pg_do(s, P_DOC_INSERT, &p, err, "storing a document");
}

/* Claim each document's hash in hash order (a document another writer has
 * claimed meanwhile is a duplicate now: id 0) and insert the rest. */
static int claim_documents(pg *s, ng_error *err)
{
    size_t n = s->npending;
    int64_t *ids = ng_malloc((n + 1) * sizeof *ids);
    pg_pending **order = ng_malloc((n + 1) * sizeof *order);
    int rc = ids && order ? NG_OK : ng_err(err, NG_ENOMEM, "%s: out of memory", s->name);
    if (rc == NG_OK)
        rc = next_ids(s, P_DOC_IDS, n, ids, err);
    for (size_t i = 0; rc == NG_OK && i < n; i++) {
        s->pending[i].id = ids[i]; /* ids grow in the order documents came */
        order[i] = &s->pending[i];
    }
    if (rc == NG_OK)
        qsort(order, n, sizeof *order, cmp_sha);
    for (size_t i = 0; rc == NG_OK && i < n; i++) {
        pg_params p = {0};
        pgp_text(&p, order[i]->plan.sha256);
        pgp_int(&p, order[i]->id);
        PGresult *res = pg_run(s, P_HASH_CLAIM, &p, err, "claiming a document");
        if (!res) {
            rc = NG_EDB;
            break;
        }
        if (PQntuples(res) == 0)
            order[i]->id = 0;
        PQclear(res);
        if (order[i]->id)
            rc = insert_document(s, order[i], err);
    }
    ng_free(ids, (n + 1) * sizeof *ids);
    ng_free(order, (n + 1) * sizeof *order);
    return rc;
}

/* Sentence ids for every claimed document, then one COPY of the rows. */
static int insert_sentences(pg *s, ng_error *err)
{
    size_t total = 0;
    for (size_t i = 0; i < s->npending; i++)
        if (s->pending[i].id)
            total += s->pending[i].doc->nsents;
    if (!total)
        return NG_OK;
    int64_t *ids = ng_malloc(total * sizeof *ids);
    if (!ids)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", s->name);
    int rc = next_ids(s, P_SENT_IDS, total, ids, err);
    size_t k = 0;
    for (size_t i = 0; rc == NG_OK && i < s->npending; i++) {
        pg_pending *pd = &s->pending[i];
        const ng_doc *doc = pd->doc;
        if (!pd->id)
            continue;
        pd->sent_ids = ng_arena_alloc(&pd->plan.arena, (doc->nsents + 1) * sizeof *pd->sent_ids);
        if (!pd->sent_ids) {
            rc = ng_err(err, NG_ENOMEM, "%s: out of memory", s->name);
            break;
        }
        for (size_t j = 0; j < doc->nsents; j++) {
            const ng_sentence *snt = &doc->sents[j];
            pd->sent_ids[j] = ids[k++];
            pgc_int(&s->copy, pd->sent_ids[j]), pgc_sep(&s->copy, false);
            pgc_int(&s->copy, pd->id), pgc_sep(&s->copy, false);
            pgc_int(&s->copy, (int64_t)j), pgc_sep(&s->copy, false);
            pgc_int(&s->copy, snt->start), pgc_sep(&s->copy, false);
            pgc_int(&s->copy, snt->end), pgc_sep(&s->copy, false);
            pgc_text(&s->copy, doc->text + snt->start, snt->end - snt->start), pgc_sep(&s->copy, true);
            s->ncopy++;
        }
    }
    ng_free(ids, total * sizeof *ids);
    if (rc == NG_OK)
        rc = pgc_send(s, "COPY sentences (id, document_id, idx, start_byte, end_byte, text) FROM STDIN", err);
    return rc;
}

/* ----------------------------------------------------------------- commit */

/* The batch in one transaction; NG_OK, or an error (s->retry: try again). */
static int write_batch(ng_kb *kb, ng_error *err)
{
    pg *s = pg_of(kb);
    s->retry = false;
    int rc = pg_exec(s, "BEGIN", err);
    if (rc == NG_OK)
        rc = claim_documents(s, err);
    if (rc == NG_OK)
        rc = insert_sentences(s, err);
    if (rc == NG_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)", NG_PG_MERGE_LOCK);
        rc = pg_exec(s, sql, err);
    }
    for (size_t i = 0; rc == NG_OK && i < s->npending; i++)
        if (s->pending[i].id)
            rc = pgm_merge_document(s, &s->pending[i], err);
    if (rc == NG_OK)
        rc = pgm_flush(s, err);
    if (rc == NG_OK)
        rc = pg_exec(s, "COMMIT", err);
    if (rc != NG_OK) {
        ng_buf_clear(&s->copy);
        s->ncopy = 0;
        if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
            pg_exec(s, "ROLLBACK", NULL);
    }
    return rc;
}

/* The outcome of a batch's only document, for ng_kb_put's own batches. */
static void report(pg *s, ng_kb_put_info *info)
{
    if (!info || s->npending != 1 || info->status == NG_KB_DUPLICATE)
        return;
    const pg_pending *pd = &s->pending[0];
    info->id = pd->id;
    info->dup_of = pd->dup_of;
    info->similarity = pd->similarity;
    info->status = !pd->id ? NG_KB_DUPLICATE : pd->dup_of ? NG_KB_NEAR_DUPLICATE : NG_KB_NEW;
}

int pgw_commit(ng_kb *kb, ng_error *err)
{
    pg *s = pg_of(kb);
    if (!s->npending)
        return NG_OK;
    int rc = NG_OK;
    for (int attempt = 0; attempt < NG_PG_RETRIES; attempt++) {
        for (size_t i = 0; i < s->npending; i++) {
            s->pending[i].dup_of = 0;
            s->pending[i].similarity = 0;
        }
        rc = write_batch(kb, err);
        if (rc == NG_OK || !s->retry)
            break;
    }
    if (rc == NG_OK)
        report(s, kb->put_info);
    pgw_discard(s);
    return rc;
}
