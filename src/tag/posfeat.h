/*
 * posfeat.h - the POS tagger's feature templates, shared by tagging and
 * training (internal to src/tag).  A word's string-derived values are hashed
 * once into "atoms"; features then combine atoms and tags with integer mixing
 * only.  Invariant: the template ids and their meaning never change within
 * a feature-set version (POS_FEATURES); a model records the version it used.
 */
#ifndef NG_POSFEAT_H
#define NG_POSFEAT_H

#include "tag/tag.h"

#define POS_FEATURES 3    /* feature-set version written into models (3: Brown clusters) */
#define POS_FEATURES_MIN 2 /* the oldest version this build reads (2: the same without clusters) */
#define POS_PAD 2         /* atoms/tags padding on each side of a sentence */
#define POS_TAG_START 1000u
#define POS_TAG_END 1001u

/* Hashes of one word's forms: exact, normalised (lowercase, digits as 0),
 * suffixes and prefixes of the normalised form (in characters), shapes, and
 * a few flags. */
typedef struct pos_atoms {
    uint64_t w, lw, suf[4], pre[3], shape, sshape, flags, cls;
    uint64_t lex;   /* 0: the model has no lexicon; 1: not in it; else tag-set class + 2 */
    uint64_t clu;   /* 0: the model has no clusters; else the word's cluster bit string after a
                       marker 1 bit (1 alone: not in the clusters); see pos_clu_set */
    uint64_t cp[4]; /* cluster path prefixes of POS_CLU_PREFIX[] bits (valid when clu != 0) */
} pos_atoms;

/* Atoms of the word s[0..n). */
void pos_atoms_compute(pos_atoms *a, const char *s, size_t n);
/* Atoms of the padding before (end = false) or after a sentence. */
void pos_atoms_pad(pos_atoms *a, bool end);

/* Features of the word at a[0] (a[-2..2] valid) into f (at least
 * NG_POS_MAX_FEATS); t points to this pass's tags with t[-2], t[-1] decided;
 * r, for a second pass, points to the first pass's tags (r[1], r[2] used),
 * NULL for the first.  Returns the number of features. */
size_t pos_features(const pos_atoms *a, const uint32_t *t, const uint32_t *r, uint64_t *f);

/* Key of a word in the tag dictionary. */
static inline uint64_t pos_dict_key(const char *s, size_t n)
{
    uint64_t k = ng_hash(s, n, 0x7dc1);
    return k ? k : 1;
}

/* A loaded (or freshly trained) POS model.  file is NULL for a model built
 * in memory while training; then pass[] own their memory. */
struct ng_pos {
    ng_mfile *file;
    uint32_t nclasses;
    int npasses;
    bool coarse;               /* pass 1 predicts UPOS ids (map: upos[]), pass 2 the joint classes */
    double sure_weight;        /* pass-1 margin (in weight units) that makes pass 2 skip a word; 0 = never */
    int32_t sure;              /* the same in pass-1 score units */
    ng_pmodel pass[2];
    const uint64_t *dict;      /* [dict_slots][2]: (word key, class), key 0 = empty */
    uint32_t dict_slots;       /* power of two, or 0 */
    const uint64_t *lex;       /* [lex_slots]: word hash high 48 bits | tag-set class + 1; 0 = empty */
    uint32_t lex_slots;        /* any size (indexed by multiply-shift), or 0 */
    uint32_t lex_classes;      /* tag sets in the lexicon */
    const uint64_t *clu;       /* [clu_slots]: word hash high 48 bits | cluster id + 1; 0 = empty */
    uint32_t clu_slots;        /* any size, or 0: the model has no clusters */
    const uint64_t *clpath;    /* [nclusters]: each cluster's bit string after a marker 1 bit */
    uint32_t nclusters;
    uint8_t upos[NG_POS_MAX_CLASSES];
    uint16_t xpos[NG_POS_MAX_CLASSES];
    char label[NG_POS_MAX_CLASSES][24];
};

/* Class of a word in the tag dictionary, or -1. */
static inline int pos_dict_find(const struct ng_pos *m, const char *s, size_t n)
{
    if (!m->dict_slots)
        return -1;
    uint64_t key = pos_dict_key(s, n);
    uint32_t mask = m->dict_slots - 1, i = (uint32_t)key & mask;
    for (;; i = (i + 1) & mask) {
        uint64_t k = m->dict[2 * (size_t)i];
        if (k == key)
            return (int)m->dict[2 * (size_t)i + 1];
        if (k == 0)
            return -1;
    }
}

/* One greedy left-to-right pass of model pm over atoms[n] (padded), writing
 * t[-2..n+1] (padding included); dict[i] >= 0 fixes word i's class (mapped
 * through map, when not NULL, into the pass's own classes); r holds
 * first-pass tags (padded) for a second pass, else NULL.  fix > 0: a word
 * whose best class beats the second by at least fix (in score units) gets
 * that class fixed in dict, so a second pass leaves it alone. */
void pos_run_pass(const ng_pmodel *pm, const pos_atoms *atoms, int32_t *dict, const uint8_t *map, size_t n,
                  uint32_t *t, const uint32_t *r, int32_t fix);

/* Lexicon slot layout and lookup: the word's 64-bit hash picks the start
 * slot (multiply-shift of its high 32 bits) and its high 48 bits check it. */
#define POS_LEX_CHECK (~UINT64_C(0xffff))
static inline uint64_t pos_lex_hash(const char *s, size_t n)
{
    uint64_t h = ng_hash(s, n, 0x1e7c);
    return (h & POS_LEX_CHECK) ? h : h | (UINT64_C(1) << 63);
}

static inline uint32_t pos_lex_get(const uint64_t *tab, uint32_t slots, uint64_t h)
{
    if (!slots)
        return 0;
    uint32_t i = (uint32_t)(((h >> 32) * (uint64_t)slots) >> 32);
    for (;;) {
        uint64_t v = tab[i];
        if (v == 0)
            return 0;
        if ((v & POS_LEX_CHECK) == (h & POS_LEX_CHECK))
            return (uint32_t)(v & 0xffff);
        i = i + 1 == slots ? 0 : i + 1;
    }
}

/* The lexicon atom of word s (see pos_atoms.lex), trying it as written,
 * then lowercased. */
uint32_t pos_lex_find(const struct ng_pos *m, const char *s, size_t n);

/* Brown-cluster path prefixes used as features (bits). */
#define POS_CLU_NPREFIX 4
extern const unsigned POS_CLU_PREFIX[POS_CLU_NPREFIX];
#define POS_CLU_MAX_BITS 48  /* longer paths are cut */

/* The cluster atom of word s (see pos_atoms.clu): as written, then in
 * ASCII lower case. */
uint64_t pos_clu_find(const struct ng_pos *m, const char *s, size_t n);
/* Set a->clu to v and its prefixes. */
void pos_clu_set(pos_atoms *a, uint64_t v);

/* Every model-dependent atom of words 0..n-1 of a sentence, with the
 * padding on both sides (a[-2], a[-1], a[n], a[n+1]), and the tag
 * dictionary class of each word (or -1) into dict[n].  word(ud, i, &len)
 * returns word i.  Training and tagging both call this, so they see the
 * same atoms. */
void pos_sentence_atoms(const struct ng_pos *m, const char *(*word)(const void *ud, size_t i, size_t *len),
                        const void *ud, size_t n, pos_atoms *a, int32_t *dict);

/* Set class c's label and tag ids from "XPOS UPOS". */
void pos_set_label(struct ng_pos *m, uint32_t c, const char *s, size_t n);

/* Names of the templates (index = template id; [0] unused), for dumps. */
extern const char *const pos_template_names[];
extern const size_t pos_ntemplates;

#endif /* NG_POSFEAT_H */
