/*
 * pipeline.h - the loaded models and the stage table, internal.
 * Each stage is a (load, run, free) triple; ng_pipeline_run calls the run
 * functions of the loaded stages in table order.
 */
#ifndef NG_PIPELINE_H
#define NG_PIPELINE_H

#include "doc.h"

struct ng_pipeline {
    unsigned stages;            /* NG_STAGE_* bits that will run */
    char *model_dir;
    char *lexicon_dir;
    /* Per-stage state; each stage's load sets its own member. */
    struct ng_pos *pos;         /* src/tag/pos.c */
    struct ng_ner *ner;         /* src/tag/ner*.c */
    struct ng_ner_res *ner_res;
    struct ng_parser *parser;
    struct ng_lemmatizer *lemmatizer;
    struct ng_lexicons *lexicons; /* gazetteers and word clusters (src/kb/gazetteer.h) */
    struct ng_xlex *xlex;         /* extraction lexicons (src/extract/xlex.h) */
};

typedef struct ng_stage {
    unsigned bit;
    const char *name;
    /* Load what the stage needs; NG_ENOTFOUND when its model is absent. NULL
     * when there is nothing to load. */
    int (*load)(ng_pipeline *p, ng_error *err);
    int (*run)(const ng_pipeline *p, ng_doc *doc, ng_error *err);
    void (*free)(ng_pipeline *p);
} ng_stage;

#endif /* NG_PIPELINE_H */
