/*
 * learn.h - the shared learning toolkit: hashed features, an averaged
 * perceptron trainer, its compact read-only model, model files, a seeded PRNG
 * and a CoNLL-U corpus reader.  Used by the POS tagger, the NER and the parser.
 * Invariants: a feature is a 64-bit key whose top 8 bits name its template
 * (1..255) so it is never 0; model files are little-endian, checked in full
 * (bounds, CRC32C) before any byte is used; a loaded model is read-only and
 * safe to share between threads.
 */
#ifndef NG_LEARN_H
#define NG_LEARN_H

#include "core/core.h"

/* ------------------------------------------------------------- features */

/* A feature key: template id in bits 56..63, a hash of its values below. */
#define NG_FEAT_TMPL_SHIFT 56
#define NG_FEAT_HASH_MASK ((UINT64_C(1) << NG_FEAT_TMPL_SHIFT) - 1)

/* A well-mixed 64-bit finaliser (splitmix64); bijective. */
static inline uint64_t ng_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

/* Feature of template tmpl (1..255) over one value hash a. */
static inline uint64_t ng_feat1(unsigned tmpl, uint64_t a)
{
    uint64_t h = ng_mix64(a + (uint64_t)tmpl * UINT64_C(0x9e3779b97f4a7c15));
    return (h & NG_FEAT_HASH_MASK) | (uint64_t)tmpl << NG_FEAT_TMPL_SHIFT;
}

/* Feature of template tmpl over two value hashes (order matters). */
static inline uint64_t ng_feat2(unsigned tmpl, uint64_t a, uint64_t b)
{
    return ng_feat1(tmpl, ng_mix64(a ^ UINT64_C(0x2545f4914f6cdd1d)) + b);
}

/* Feature of template tmpl over three value hashes. */
static inline uint64_t ng_feat3(unsigned tmpl, uint64_t a, uint64_t b, uint64_t c)
{
    return ng_feat2(tmpl, ng_mix64(a ^ UINT64_C(0x2545f4914f6cdd1d)) + b, c);
}

static inline unsigned ng_feat_tmpl(uint64_t f) { return (unsigned)(f >> NG_FEAT_TMPL_SHIFT); }

/* ---------------------------------------------------------- random numbers */

/* A small deterministic PRNG (splitmix64): the same seed gives the same
 * sequence on every platform. */
typedef struct ng_rng {
    uint64_t s;
} ng_rng;

static inline void ng_rng_seed(ng_rng *r, uint64_t seed) { r->s = seed; }
static inline uint64_t ng_rng_next(ng_rng *r)
{
    r->s += UINT64_C(0x9e3779b97f4a7c15);
    return ng_mix64(r->s);
}
/* Uniform in [0, n), n > 0 (multiply-shift; bias below 2^-32 for n < 2^32). */
static inline uint32_t ng_rng_below(ng_rng *r, uint32_t n)
{
    return (uint32_t)(((ng_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}
/* Fisher-Yates shuffle of a[n]. */
void ng_shuffle_u32(ng_rng *r, uint32_t *a, size_t n);

/* ------------------------------------------------------- perceptron trainer */

/* Hard limits. */
#define NG_PT_MAX_CLASSES 4096
#define NG_PT_MAX_FEATURES (UINT32_C(1) << 26) /* distinct features a trainer keeps */

/* An averaged perceptron being trained: sparse rows of (class, weight,
 * averaging total) per feature, averaged with the Daume trick (w - u/c) so no
 * per-weight timestamps are needed.  Single-threaded. */
typedef struct ng_ptrain ng_ptrain;

/* A new trainer for nclasses classes (1..NG_PT_MAX_CLASSES); NULL when out of
 * memory or nclasses is out of range.  Free with ng_ptrain_free. */
ng_ptrain *ng_ptrain_new(uint32_t nclasses);
void ng_ptrain_free(ng_ptrain *t);
uint32_t ng_ptrain_nclasses(const ng_ptrain *t);
/* Distinct features that hold a weight. */
size_t ng_ptrain_nfeatures(const ng_ptrain *t);

/* Current (not averaged) scores of features f[n] into scores[nclasses]
 * (overwritten).  The best class is ng_argmax_f(scores, nclasses). */
void ng_ptrain_score(const ng_ptrain *t, const uint64_t *f, size_t n, float *scores);

/* Add delta to class cls of every feature of f[n] (features seen for the
 * first time get a row).  NG_OK, NG_ENOMEM or NG_ETOOBIG (feature limit). */
int ng_ptrain_add(ng_ptrain *t, const uint64_t *f, size_t n, uint32_t cls, float delta);

/* Advance the example clock by one; call once per training example. */
void ng_ptrain_tick(ng_ptrain *t);

/* The usual step for one example: when guess != gold, +1 to gold and -1 to
 * guess over f[n]; then tick.  NG_OK or an error of ng_ptrain_add. */
int ng_ptrain_update(ng_ptrain *t, const uint64_t *f, size_t n, uint32_t gold, uint32_t guess);

/* Index of the highest score (the lowest index among ties). */
uint32_t ng_argmax_f(const float *scores, uint32_t n);
uint32_t ng_argmax_i32(const int32_t *scores, uint32_t n);

/* --------------------------------------------------------- compact model */

/* How ng_ptrain_finalize prunes: a weight whose averaged value is below
 * min_weight in magnitude is dropped (so is any that quantises to 0); a
 * feature updated fewer than min_updates times is dropped whole. */
typedef struct ng_prune {
    float min_weight;
    uint32_t min_updates;
} ng_prune;

/* The read-only model: an open-addressing table from feature key to a row of
 * quantised weights.  slots is a [nslots][2] array of (key, off | n << 32 |
 * dense flag) with key 0 = empty.  A sparse row is n words of ents, each
 * (class | int16 weight << 16); a dense row (flag NG_PSLOT_DENSE) is n =
 * ng_pmodel_npad(nclasses) / 2 words holding the int16 weights of classes 2j
 * (low half) and 2j + 1 (high half), zero past nclasses.  A weight's value is its int16 times scale.  Pointers either borrow a
 * model file's mapping or own heap memory (owned != NULL). */
typedef struct ng_pmodel {
    uint32_t nclasses;
    uint32_t nslots;      /* power of two */
    uint32_t nfeatures;   /* occupied slots */
    uint32_t nents;
    float scale;
    const uint64_t *slots;/* [nslots * 2] */
    const uint32_t *ents; /* [nents] */
    void *owned;          /* heap block holding slots and ents, or NULL */
    size_t owned_size;
} ng_pmodel;

/* Average, prune and quantise the trainer's weights into a new model in
 * *out (free with ng_pmodel_free).  The trainer is left unchanged.  NG_OK or
 * NG_ENOMEM.  Deterministic: the same trainer state gives the same model. */
int ng_ptrain_finalize(const ng_ptrain *t, const ng_prune *prune, ng_pmodel *out);

void ng_pmodel_free(ng_pmodel *m);

/* Scores of features f[n] into scores[nclasses] (overwritten), in units of
 * m->scale.  Thread-safe; allocates nothing. */
void ng_pmodel_score(const ng_pmodel *m, const uint64_t *f, size_t n, int32_t *scores);

/* Lay out, in memory, every sparse row with at least a quarter of the
 * classes as a dense one, as ng_ptrain_finalize does (models written before
 * it did have only sparse rows): the same scores, a vector add instead of a
 * scalar add per weight.  The model then owns its memory.  NG_OK (also when
 * there was nothing to change) or NG_ENOMEM (m unchanged). */
int ng_pmodel_densify(ng_pmodel *m);

#define NG_PSLOT_DENSE (UINT64_C(1) << 63)

/* Classes of a dense row: nclasses rounded up to a multiple of 8. */
static inline uint32_t ng_pmodel_npad(uint32_t nclasses) { return (nclasses + 7) & ~7u; }

/* The quantised weights of feature f into w[nclasses] (all of them, zeros
 * included); false when the model does not have f. */
bool ng_pmodel_weights(const ng_pmodel *m, uint64_t f, int32_t *w);
/* The same for the feature in slot i (occupied). */
void ng_pmodel_slot_weights(const ng_pmodel *m, uint32_t i, int32_t *w);

static inline uint32_t ng_pent_class(uint32_t e) { return e & 0xffff; }
static inline int32_t ng_pent_weight(uint32_t e) { return (int16_t)(uint16_t)(e >> 16); }

/* ------------------------------------------------------------- CRC32C */

/* CRC-32C (Castagnoli) of p[n], continuing from crc (0 to start). */
uint32_t ng_crc32c(uint32_t crc, const void *p, size_t n);
/* The portable table-driven path alone (the unit test compares the two). */
uint32_t ng_crc32c_soft(uint32_t crc, const void *p, size_t n);

/* ---------------------------------------------------------- model files */

/*
 * A model file: a fixed header, a section table and little-endian sections,
 * then a CRC32C of everything before it.
 *
 *   0   8  magic "\x89NGMODEL"        (high bit: 7-bit transfers break it)
 *   8   4  canary "\r\n\x1a\n"        (text-mode newline conversion breaks it)
 *   12  4  format version (u32)       NG_MF_VERSION
 *   16  8  endianness probe (u64)     0x0102030405060708 written little-endian
 *   24  8  float probe (f64)          NG_MF_FLOAT_PROBE
 *   32 16  kind, NUL-padded           "pos", "ner", "parser", ...
 *   48  4  number of sections (u32)
 *   52  4  reserved, 0
 *   56  8  file size in bytes (u64)
 *   64     section table: [n] x { name[24] NUL-padded, offset u64, length u64 }
 *          sections, each at a 16-byte aligned offset, in table order
 *   end-4  CRC32C (u32) of bytes [0, size - 4)
 */
#define NG_MF_MAGIC "\x89NGMODEL"
#define NG_MF_CANARY "\r\n\x1a\n"
#define NG_MF_VERSION 1u
#define NG_MF_FLOAT_PROBE 370.5
#define NG_MF_HEADER 64
#define NG_MF_SECTION_ENTRY 40
#define NG_MF_NAME 24       /* section name bytes, NUL-padded (at most 23 used) */
#define NG_MF_KIND 16
#define NG_MF_MAX_SECTIONS 64
#define NG_MF_MAX_BYTES ((size_t)512 << 20) /* larger files are refused */

/* A loaded model file (mapped read-only, or copied into aligned memory). */
typedef struct ng_mfile ng_mfile;

/* Open and check path: size limits, magic, canary, version, probes, the
 * section table (names, bounds, alignment, overlap) and the checksum.  On
 * success *out is a file the caller closes with ng_mfile_close.  Errors:
 * NG_ENOTFOUND (no such file), NG_EIO, NG_EMODEL (corrupt, truncated,
 * foreign or another version: the message names the file and the problem). */
int ng_mfile_open(const char *path, ng_mfile **out, ng_error *err);

/* The same from bytes in memory (copied); name is used in messages. */
int ng_mfile_open_mem(const char *name, const void *data, size_t len, ng_mfile **out, ng_error *err);

void ng_mfile_close(ng_mfile *f);

const char *ng_mfile_name(const ng_mfile *f);
const char *ng_mfile_kind(const ng_mfile *f);
uint32_t ng_mfile_version(const ng_mfile *f);
size_t ng_mfile_size(const ng_mfile *f);
uint32_t ng_mfile_crc(const ng_mfile *f);
size_t ng_mfile_nsections(const ng_mfile *f);
/* Section i: its name, offset and length.  i < ng_mfile_nsections(). */
const char *ng_mfile_section_at(const ng_mfile *f, size_t i, uint64_t *offset, uint64_t *len);

/* A section's bytes (16-byte aligned), or NULL when absent. */
const void *ng_mfile_section(const ng_mfile *f, const char *name, size_t *len);

/* A section as an array of n little-endian u32 or u64 values in host order.
 * NG_OK; NG_EMODEL when absent or its length is not a multiple of the size. */
int ng_mfile_u32s(ng_mfile *f, const char *name, const uint32_t **a, size_t *n, ng_error *err);
int ng_mfile_u64s(ng_mfile *f, const char *name, const uint64_t **a, size_t *n, ng_error *err);

/* A text section of "key=value" lines ("meta"): the value of key copied into
 * out (NUL-terminated, truncated to size), or false when absent. */
bool ng_mfile_meta(const ng_mfile *f, const char *section, const char *key, char *out, size_t size);

/* A text section of lines ("labels"): line i (0-based) of it in *s, *n
 * (not NUL-terminated), false when absent.  Lines are counted by
 * ng_mfile_nlines. */
size_t ng_mfile_nlines(const ng_mfile *f, const char *section);
bool ng_mfile_line(const ng_mfile *f, const char *section, size_t i, const char **s, size_t *n);

/* A model file being written: sections are collected in memory, then saved
 * at once (to a temporary name, then renamed). */
typedef struct ng_mwriter ng_mwriter;

/* A new writer for a file of the given kind (< NG_MF_KIND bytes); NULL when
 * out of memory. */
ng_mwriter *ng_mwriter_new(const char *kind);
void ng_mwriter_free(ng_mwriter *w);

/* Add a section (the bytes are copied).  Names are unique, 1..23 bytes.
 * The typed variants write host-order arrays little-endian.  NG_OK,
 * NG_ENOMEM or NG_EARG (bad or duplicate name, too many sections). */
int ng_mwriter_add(ng_mwriter *w, const char *name, const void *data, size_t len);
int ng_mwriter_add_u32s(ng_mwriter *w, const char *name, const uint32_t *a, size_t n);
int ng_mwriter_add_u64s(ng_mwriter *w, const char *name, const uint64_t *a, size_t n);

/* The whole file image in a new buffer (*out, *len; free with
 * ng_free(*out, *len)).  NG_OK or NG_ENOMEM. */
int ng_mwriter_image(const ng_mwriter *w, void **out, size_t *len);

/* Write the file to path.  NG_OK, NG_ENOMEM or NG_EIO (naming path). */
int ng_mwriter_save(const ng_mwriter *w, const char *path, ng_error *err);

/* Write a model as sections "<prefix>.head", "<prefix>.slots" and
 * "<prefix>.ents" (prefix at most 16 bytes).  NG_OK, NG_ENOMEM or NG_EARG. */
int ng_pmodel_write(ng_mwriter *w, const char *prefix, const ng_pmodel *m);

/* Load the model stored under prefix, borrowing the file's memory (the file
 * must outlive the model) and checking every slot and entry: offsets inside
 * the entry array, classes below nclasses, table size a power of two.  NG_OK
 * or NG_EMODEL naming the file and the section. */
int ng_pmodel_load(ng_mfile *f, const char *prefix, ng_pmodel *m, ng_error *err);

/* ------------------------------------------------------------- CoNLL-U */

/* Hard limits on a CoNLL-U corpus. */
#define NG_CONLLU_MAX_BYTES ((size_t)1 << 30)
#define NG_CONLLU_MAX_SENT_WORDS 4096

/* A string view into the corpus text. */
typedef struct ng_strv {
    const char *s;
    uint32_t n;
} ng_strv;

/* One syntactic word of a corpus (multiword-token ranges and empty nodes
 * are skipped).  Views point into the corpus text; "_" columns are empty. */
typedef struct ng_cword {
    ng_strv form, lemma, upos, xpos, feats, deprel, misc;
    int32_t head; /* 0 = root, -1 = "_" */
} ng_cword;

/* A corpus read whole: words[nwords] and sentences as ranges of them. */
typedef struct ng_corpus {
    char *text;          /* the file, NUL-terminated; owned */
    size_t len;
    ng_cword *words;     /* [nwords] */
    size_t nwords, cap_words;
    uint32_t *sent_first;/* [nsents + 1]: sentence i is words [first[i], first[i+1]) */
    size_t nsents, cap_sents;
} ng_corpus;

/* Read a CoNLL-U file.  NG_OK; NG_ENOTFOUND, NG_EIO, NG_ENOMEM, NG_ETOOBIG or
 * NG_EFORMAT naming path and line.  Free with ng_corpus_free. */
int ng_corpus_read(const char *path, ng_corpus *c, ng_error *err);
/* The same over text in memory (copied); name is used in messages. */
int ng_corpus_parse(const char *name, const char *text, size_t len, ng_corpus *c, ng_error *err);
void ng_corpus_free(ng_corpus *c);

static inline bool ng_strv_eq(ng_strv v, const char *s)
{
    return strlen(s) == v.n && memcmp(v.s, s, v.n) == 0;
}

#endif /* NG_LEARN_H */
