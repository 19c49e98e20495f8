/*
 * pipeline.c - loading the stages a run needs and running them in order.
 */
#include "pipeline.h"
#include "extract/extract.h"
#include "kb/entities.h"
#include "kb/gazetteer.h"
#include "tag/ner.h"
#include "tag/tag.h"
#include "time/timex.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int load_tokenize(ng_pipeline *p, ng_error *err)
{
    return ng_tokenizer_init(p->lexicon_dir, err);
}

static int run_tokenize(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    (void)p;
    return ng_tokenize(doc, err);
}

static int run_time(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    (void)p;
    return ng_time_run(doc, err);
}

/* The gazetteers, loaded once for every stage that wants them. */
static int need_gazetteers(ng_pipeline *p, ng_error *err)
{
    if (p->lexicons)
        return NG_OK;
    return ng_lexicons_load(p->lexicon_dir, &p->lexicons, err);
}

static int load_entities(ng_pipeline *p, ng_error *err)
{
    int rc = need_gazetteers(p, err);
    if (rc != NG_OK)
        return rc;
    return p->xlex ? NG_OK : ng_xlex_load(p->lexicon_dir, &p->xlex, err);
}

static int run_entities(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    return ng_entities_run(p->lexicons, p->xlex, doc, err);
}

static int run_facts(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    return ng_facts_run(p->lexicons, p->xlex, doc, err);
}

/* NER: models/ner.model with the lexicons' gazetteers and clusters. */
static int load_ner(ng_pipeline *p, ng_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ner.model", p->model_dir);
    int rc = need_gazetteers(p, err);
    if (rc != NG_OK && rc != NG_ENOTFOUND)
        return rc;
    rc = ng_ner_res_new(p->lexicons, &p->ner_res, err);
    if (rc == NG_OK)
        rc = ng_ner_load(path, p->ner_res, &p->ner, err);
    if (rc != NG_OK) {
        ng_ner_res_free(p->ner_res);
        p->ner_res = NULL;
    }
    return rc;
}

static int run_ner(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    return ng_ner_tag_doc(p->ner, p->ner_res, doc, err);
}

static void free_ner(ng_pipeline *p)
{
    ng_ner_free(p->ner);
    ng_ner_res_free(p->ner_res);
}

/* POS: models/pos.model; absent -> NG_ENOTFOUND (the stage is skipped). */
static int load_pos(ng_pipeline *p, ng_error *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/pos.model", p->model_dir);
    return ng_pos_load(path, &p->pos, err);
}

static int run_pos(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    return ng_pos_tag_doc(p->pos, doc, err);
}

static void free_pos(ng_pipeline *p)
{
    ng_pos_free(p->pos);
    p->pos = NULL;
}

/* The stage table, in pipeline order. */
static const ng_stage stages[] = {
    {NG_STAGE_TOKENIZE, "tokenize", load_tokenize, run_tokenize, NULL},
    {NG_STAGE_POS, "pos", load_pos, run_pos, free_pos},
    {NG_STAGE_NER, "ner", load_ner, run_ner, free_ner},
    {NG_STAGE_TIME, "time", NULL, run_time, NULL},
    {NG_STAGE_ENTITIES, "entities", load_entities, run_entities, NULL},
    {NG_STAGE_FACTS, "facts", load_entities, run_facts, NULL},
};

ng_pipeline *ng_pipeline_open(const char *model_dir, const char *lexicon_dir,
                              unsigned want, ng_error *err)
{
    ng_pipeline *p = ng_calloc(1, sizeof *p);
    if (!p) {
        ng_err(err, NG_ENOMEM, "pipeline: out of memory");
        return NULL;
    }
    if (!model_dir)
        model_dir = ng_data_dir("models");
    if (!lexicon_dir)
        lexicon_dir = ng_data_dir("lexicons");
    p->model_dir = ng_strndup(model_dir, strlen(model_dir));
    p->lexicon_dir = ng_strndup(lexicon_dir, strlen(lexicon_dir));
    if (!p->model_dir || !p->lexicon_dir) {
        ng_pipeline_free(p);
        ng_err(err, NG_ENOMEM, "pipeline: out of memory");
        return NULL;
    }
    want |= NG_STAGE_TOKENIZE; /* every other stage needs tokens */
    if (want & NG_STAGE_FACTS)
        want |= NG_STAGE_ENTITIES | NG_STAGE_TIME; /* facts are about entities, at a time */
    for (size_t i = 0; i < NG_ARRAY_LEN(stages); i++) {
        const ng_stage *s = &stages[i];
        if (!(want & s->bit))
            continue;
        int rc = s->load ? s->load(p, err) : NG_OK;
        if (rc == NG_ENOTFOUND) {
            ng_log(NG_LOG_WARN, "stage %s skipped: %s", s->name, err ? err->msg : "model not found");
            continue;
        }
        if (rc != NG_OK) {
            ng_pipeline_free(p);
            return NULL;
        }
        p->stages |= s->bit;
    }
    return p;
}

void ng_pipeline_free(ng_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = NG_ARRAY_LEN(stages); i-- > 0;)
        if (stages[i].free && (p->stages & stages[i].bit))
            stages[i].free(p);
    ng_lexicons_free(p->lexicons); /* shared by several stages */
    ng_xlex_free(p->xlex);
    ng_free(p->model_dir, strlen(p->model_dir ? p->model_dir : "") + 1);
    ng_free(p->lexicon_dir, strlen(p->lexicon_dir ? p->lexicon_dir : "") + 1);
    ng_free(p, sizeof *p);
}

unsigned ng_pipeline_stages(const ng_pipeline *p)
{
    return p->stages;
}

int ng_pipeline_run(const ng_pipeline *p, ng_doc *doc, ng_error *err)
{
    for (size_t i = 0; i < NG_ARRAY_LEN(stages); i++) {
        if (!(p->stages & stages[i].bit))
            continue;
        int rc = stages[i].run(p, doc, err);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

#ifndef NG_DATADIR
#define NG_DATADIR "/usr/local/share/newsgraph"
#endif

/* Copy a/b into out when it names a directory. */
static bool try_dir(char *out, size_t size, const char *a, const char *b)
{
    int n = b ? snprintf(out, size, "%s/%s", a, b) : snprintf(out, size, "%s", a);
    if (n > 0 && (size_t)n < size && is_dir(out))
        return true;
    out[0] = '\0';
    return false;
}

/* Resolved once per kind; later calls return the same string. */
const char *ng_data_dir(const char *kind)
{
    static char dirs[2][PATH_MAX];
    int k = strcmp(kind, "lexicons") == 0;
    char *out = dirs[k];
    if (out[0])
        return out;
    const char *env = getenv(k ? "NEWSGRAPH_LEXICONS" : "NEWSGRAPH_MODELS");
    if (env && *env) {
        snprintf(out, PATH_MAX, "%s", env);
        return out;
    }
    /* Beside the executable's directory: build/newsgraph -> ./models. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            if (up == 1 && try_dir(out, PATH_MAX, exe, kind))
                return out;
        }
    }
    if (try_dir(out, PATH_MAX, kind, NULL))
        return out;
    snprintf(out, PATH_MAX, "%s/%s", NG_DATADIR, kind);
    return out;
}
