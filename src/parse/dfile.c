/*
 * dfile.c - the parser's file-level entry points of the public header:
 * training from CoNLL-U files and evaluating a model on one.
 * Invariant: everything opened here is closed here, on every path.
 */
#include "parse/pint.h"

#include <stdio.h>
#include <time.h>

/* The base name of path without directories. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int ng_dep_train_file(const char *train_path, const char *dev_path, const ng_dep_train_opts *o,
                      const char *model_path, ng_error *err)
{
    ng_corpus train, dev;
    ng_dep_train_opts opts = *o;
    if (!opts.train_name)
        opts.train_name = base_name(train_path);
    int rc = ng_corpus_read(train_path, &train, err);
    if (rc != NG_OK)
        return rc;
    if (dev_path && (rc = ng_corpus_read(dev_path, &dev, err)) != NG_OK) {
        ng_corpus_free(&train);
        return rc;
    }
    ng_dep_data td = {&train, NULL, NULL}, dd = {&dev, NULL, NULL};
    rc = ng_dep_train(&td, dev_path ? &dd : NULL, &opts, model_path, err);
    ng_corpus_free(&train);
    if (dev_path)
        ng_corpus_free(&dev);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Default model path inside the shipped models directory. */
static const char *default_model(const char *path, const char *file, char *buf, size_t size)
{
    if (path)
        return path;
    snprintf(buf, size, "%s/%s", ng_data_dir("models"), file);
    return buf;
}

int ng_dep_eval_file(const char *model_path, const char *pos_model_path, const char *lexicon_dir,
                     const char *conllu_path, ng_dep_input input, ng_dep_counts *out, ng_error *err)
{
    char mbuf[4096];
    (void)pos_model_path;
    (void)lexicon_dir;
    memset(out, 0, sizeof *out);
    if (input != NG_DEP_GOLD_TAGS)
        return ng_err(err, NG_EARG, "%s: only gold tags are supported so far", conllu_path);
    ng_parser *p;
    int rc = ng_parser_load(default_model(model_path, "dep.model", mbuf, sizeof mbuf), &p, err);
    if (rc != NG_OK)
        return rc;
    ng_corpus c;
    rc = ng_corpus_read(conllu_path, &c, err);
    if (rc == NG_OK) {
        ng_dep_data d = {&c, NULL, NULL};
        double t0 = now();
        rc = ng_dep_eval(p, &d, out, err);
        out->seconds = now() - t0;
        out->sys_words = out->aligned = out->words;
        ng_corpus_free(&c);
    }
    ng_parser_free(p);
    return rc;
}
