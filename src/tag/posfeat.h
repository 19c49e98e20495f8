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

#define POS_FEATURES 1    /* feature-set version written into models */
#define POS_PAD 2         /* atoms/tags padding on each side of a sentence */
#define POS_TAG_START 1000u
#define POS_TAG_END 1001u

/* Hashes of one word's forms: exact, normalised (lowercase, digits as 0),
 * suffixes and prefixes of the normalised form (in characters), shapes, and
 * a few flags. */
typedef struct pos_atoms {
    uint64_t w, lw, suf[4], pre[3], shape, sshape, flags, cls;
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
    ng_pmodel pass[2];
    const uint64_t *dict;      /* [dict_slots][2]: (word key, class), key 0 = empty */
    uint32_t dict_slots;       /* power of two, or 0 */
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

/* Set class c's label and tag ids from "XPOS UPOS". */
void pos_set_label(struct ng_pos *m, uint32_t c, const char *s, size_t n);

/* Names of the templates (index = template id; [0] unused), for dumps. */
extern const char *const pos_template_names[];
extern const size_t pos_ntemplates;

#endif /* NG_POSFEAT_H */
