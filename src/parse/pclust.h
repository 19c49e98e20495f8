/*
 * pclust.h - Brown word clusters inside a parser model: the clusters' bit
 * strings and a word -> cluster table, read from a clusters file (Liang's
 * "paths" format) at training time and stored in the model, so a model never
 * depends on a lexicon file that may have been rebuilt since.
 * Invariant: cluster 0 means "no cluster" (unknown words); ids < nclusters.
 */
#ifndef NG_PCLUST_H
#define NG_PCLUST_H

#include "learn/learn.h"

#define PCLUST_MAX 65535          /* clusters a model may have */
#define PCLUST_MAX_WORDS (1u << 22) /* words a clusters file may list */
#define PCLUST_MAX_PATH 64        /* bit-string length */

/* Feature atoms of a cluster: hashes of its 4-bit and 6-bit prefixes and of
 * the whole bit string. */
typedef struct pclust_atoms {
    uint64_t c4, c6, cf;
} pclust_atoms;

typedef struct pclust {
    uint32_t nclusters;   /* including cluster 0; 1 when the model has none */
    pclust_atoms *atoms;  /* [nclusters] */
    uint64_t *slots;      /* [nslots]: word hash (48 bits, never 0) | id << 48; 0 = empty */
    uint32_t nslots;      /* power of two, at most half full */
    char *paths;          /* the "clusters" section text: line i is cluster i + 1's bit string */
    size_t paths_len;
    uint64_t *words;      /* [nwords] sorted entries as in slots (for saving) */
    size_t nwords, cap_words;
} pclust;

/* Read a clusters file ("bits TAB word TAB count" lines, '#' comments):
 * every word maps to its cluster, and every lower-cased form not listed
 * itself to the cluster of its most frequent variant.  NG_OK; NG_ENOTFOUND,
 * NG_EIO, NG_EFORMAT (naming file and line), NG_ETOOBIG or NG_ENOMEM. */
int pclust_read(pclust *c, const char *path, ng_error *err);

/* No clusters: every word gets cluster 0.  NG_OK or NG_ENOMEM. */
int pclust_none(pclust *c);

/* Store c as sections "clusters" (bit strings) and "cluster.words". */
int pclust_write(ng_mwriter *w, const pclust *c);

/* Load the sections pclust_write wrote (absent: no clusters), checking ids
 * and lengths.  NG_OK, NG_EMODEL naming the file, NG_ENOMEM. */
int pclust_load(pclust *c, ng_mfile *f, ng_error *err);

void pclust_free(pclust *c);

/* The cluster of the word s[0..n): its own, else that of its lower-cased
 * form, else 0. */
uint32_t pclust_find(const pclust *c, const char *s, size_t n);

#endif /* NG_PCLUST_H */
