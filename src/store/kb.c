/*
 * kb.c - the public knowledge-base calls, dispatched to a backend chosen by
 * the target (a file path: SQLite; a postgres:// or postgresql:// URL:
 * PostgreSQL).  Plans documents before the backend
 * stores them, so the rules live here once for every backend.
 */
#include "store/store.h"

static const ng_store_ops *const backends[] = {&ng_store_sqlite, &ng_store_postgres};

static bool is_url(const char *t)
{
    return ng_starts_with(t, "postgres://") || ng_starts_with(t, "postgresql://");
}

ng_kb *ng_kb_open(const char *target, unsigned flags, ng_error *err)
{
    if (!target || !*target) {
        ng_err(err, NG_EARG, "no database given");
        return NULL;
    }
    const ng_store_ops *ops = NULL;
    for (size_t i = 0; i < NG_ARRAY_LEN(backends) && !ops; i++)
        if (backends[i]->accepts(target))
            ops = backends[i];
    if (!ops) {
        ng_err(err, NG_EARG, "%s: no backend for this database%s", is_url(target) ? "postgresql://..." : target,
               is_url(target) ? "" : " (a file path or a postgresql:// URL)");
        return NULL;
    }
    ng_kb *kb = ng_calloc(1, sizeof *kb);
    if (!kb) {
        ng_err(err, NG_ENOMEM, "%s: out of memory", target);
        return NULL;
    }
    kb->ops = ops;
    kb->flags = flags;
    if (!(flags & NG_KB_READONLY) && !(kb->resolver = ng_resolver_new(NULL, err))) {
        ng_free(kb, sizeof *kb);
        return NULL;
    }
    if (ops->open(kb, target, err) != NG_OK) {
        ng_resolver_free(kb->resolver);
        ng_free(kb, sizeof *kb);
        return NULL;
    }
    return kb;
}

void ng_kb_close(ng_kb *kb)
{
    if (!kb)
        return;
    if (kb->in_batch)
        ng_kb_rollback(kb);
    kb->ops->close(kb);
    ng_resolver_free(kb->resolver);
    ng_free(kb, sizeof *kb);
}

int ng_kb_begin(ng_kb *kb, ng_error *err)
{
    if (kb->in_batch)
        return ng_err(err, NG_EARG, "a batch is already open");
    if (kb->flags & NG_KB_READONLY)
        return ng_err(err, NG_EARG, "the knowledge base is open read-only");
    int rc = kb->ops->begin(kb, err);
    kb->in_batch = rc == NG_OK;
    return rc;
}

int ng_kb_commit(ng_kb *kb, ng_error *err)
{
    if (!kb->in_batch)
        return ng_err(err, NG_EARG, "no batch is open");
    int rc = kb->ops->commit(kb, err);
    if (rc != NG_OK)
        kb->ops->rollback(kb);
    kb->in_batch = false;
    return rc;
}

void ng_kb_rollback(ng_kb *kb)
{
    if (!kb->in_batch)
        return;
    kb->ops->rollback(kb);
    kb->in_batch = false;
}

int ng_kb_put(ng_kb *kb, const ng_doc *doc, ng_kb_put_info *info, ng_error *err)
{
    ng_kb_put_info scratch;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    bool own_batch = !kb->in_batch;
    int rc = own_batch ? ng_kb_begin(kb, err) : NG_OK;
    if (rc != NG_OK)
        return rc;
    kb->put_info = own_batch ? info : NULL;
    ng_put_plan plan;
    rc = ng_plan_build(&plan, doc, kb->resolver, err);
    if (rc == NG_OK)
        rc = kb->ops->put(kb, &plan, info, err);
    ng_plan_free(&plan);
    if (own_batch) {
        if (rc == NG_OK)
            rc = ng_kb_commit(kb, err);
        else
            ng_kb_rollback(kb);
    }
    kb->put_info = NULL;
    return rc;
}

int ng_kb_query(ng_kb *kb, const char *query, const ng_kb_param *params, size_t nparams,
                ng_kb_row_fn fn, void *ud, ng_error *err)
{
    return kb->ops->query(kb, query, params, nparams, fn, ud, err);
}

int ng_kb_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err)
{
    return kb->ops->sql(kb, sql, fn, ud, err);
}
