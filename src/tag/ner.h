/*
 * ner.h - the named-entity recognizer: BILOU classes, CoNLL-2003 / IOB2
 * corpora, conlleval-style scoring, a greedy averaged-perceptron tagger with
 * local, gazetteer, cluster and document-level features, and its training.
 * Invariant: a loaded ng_ner is read-only; any number of threads may tag with
 * it at once, each with its own ng_ner_work.
 */
#ifndef NG_NER_H
#define NG_NER_H

#include "core/doc.h"
#include "learn/learn.h"

/* ---------------------------------------------------------------- limits */

#define NG_NER_MAX_CLASSES (1 + 4 * NG_NER_MAX_TYPES) /* O + BILOU per type */
#define NG_NER_MAX_BYTES ((size_t)1 << 30)          /* a corpus file */
#define NG_NER_MAX_SENT_WORDS 4096                  /* words of a corpus sentence */
#define NG_NER_MAX_WORD_BYTES 256                   /* longer words are hashed on a prefix */
#define NG_NER_MAX_FEATS 160                        /* features of one word */

/* ----------------------------------------------------------- BILOU classes */

/* Class 0 is O; type t (1..ntypes) has classes 4(t-1)+1+{B,I,L,U}. */
enum { NG_BILOU_B = 0, NG_BILOU_I, NG_BILOU_L, NG_BILOU_U };

static inline uint32_t ng_bilou_class(unsigned type, unsigned part)
{
    return type ? 4 * (type - 1) + 1 + part : 0;
}
static inline unsigned ng_bilou_type(uint32_t c) { return c ? (c - 1) / 4 + 1 : 0; }
static inline unsigned ng_bilou_part(uint32_t c) { return (c - 1) % 4; }

/* BILOU classes of n words labelled in IOB2 (iob: NG_IOB_O/B/I, type: 1..,
 * 0 with O) into cls[n].  An I that does not continue a chunk of its type
 * starts one (conlleval's reading). */
void ng_bilou_encode(const uint8_t *iob, const uint8_t *type, size_t n, uint32_t *cls);

/* IOB2 labels of n BILOU classes (any sequence, valid or not: a chunk starts
 * at B, U, or an I/L that does not continue its type; U and L close it). */
void ng_bilou_decode(const uint32_t *cls, size_t n, uint8_t *iob, uint8_t *type);

/* Whether class c may follow class prev (0 = O or sentence start) in a valid
 * BILOU sequence; last: c is the sentence's last word.  (Inline: the greedy
 * decoder asks it for every class of every word.) */
static inline bool ng_bilou_allowed(uint32_t prev, uint32_t c, bool last)
{
    bool inside = prev && (ng_bilou_part(prev) == NG_BILOU_B || ng_bilou_part(prev) == NG_BILOU_I);
    if (inside) {
        if (!c || ng_bilou_type(c) != ng_bilou_type(prev))
            return false;
        unsigned part = ng_bilou_part(c);
        return part == NG_BILOU_L || (part == NG_BILOU_I && !last);
    }
    if (!c)
        return true;
    unsigned part = ng_bilou_part(c);
    return part == NG_BILOU_U || (part == NG_BILOU_B && !last);
}

/* Normalise IOB labels in place so that every chunk starts with B (an I
 * after O or after another type becomes B), as conlleval reads IOB1/IOB2. */
void ng_iob_normalise(uint8_t *iob, const uint8_t *type, size_t n);

/* ----------------------------------------------------------------- corpora */

enum { NG_NER_FMT_AUTO = 0, NG_NER_FMT_CONLL, NG_NER_FMT_IOB2 };

/*
 * A NER corpus read whole.  Two formats:
 *   CoNLL-2003: "TOKEN [COLUMNS...] TAG" separated by spaces or tabs, blank
 *     lines between sentences, "-DOCSTART-" lines between documents;
 *   IOB2 (UNER): "ID<TAB>TOKEN<TAB>TAG[<TAB>...]" with "# ..." comments,
 *     "# newdoc" starting a document.
 * Tags are O, B-TYPE or I-TYPE (IOB1 and IOB2 both read; stored normalised).
 */
typedef struct ng_ner_corpus {
    char *text;            /* the file, NUL-terminated; owned */
    size_t len;
    int format;            /* NG_NER_FMT_CONLL or NG_NER_FMT_IOB2 */
    ng_strv *words;        /* [nwords] views into text */
    uint8_t *iob;          /* [nwords] NG_IOB_O/B/I */
    uint8_t *type;         /* [nwords] 1..ntypes, 0 with O */
    size_t nwords, cap_words, cap_tags;
    uint32_t *sent_first;  /* [nsents + 1] sentence i = words [first[i], first[i+1]) */
    size_t nsents, cap_sents;
    uint32_t *doc_first;   /* [ndocs + 1] document d = sentences [first[d], first[d+1]) */
    size_t ndocs, cap_docs;
    char types[NG_NER_MAX_TYPES + 1][NG_NER_TYPE_NAME]; /* [1..ntypes] names */
    unsigned ntypes;
} ng_ner_corpus;

/* Read a corpus file (format NG_NER_FMT_AUTO decides from its first word
 * line).  NG_OK; NG_ENOTFOUND, NG_EIO, NG_ENOMEM, NG_ETOOBIG or NG_EFORMAT
 * naming path and line.  Free with ng_ner_corpus_free (also after failure). */
int ng_ner_corpus_read(const char *path, int format, ng_ner_corpus *c, ng_error *err);
/* The same over text in memory (copied); name is used in messages. */
int ng_ner_corpus_parse(const char *name, const char *text, size_t len, int format, ng_ner_corpus *c,
                        ng_error *err);
void ng_ner_corpus_free(ng_ner_corpus *c);

/* Index of type name s[0..n) in c (1..), or 0 when absent. */
unsigned ng_ner_corpus_type(const ng_ner_corpus *c, const char *s, size_t n);

/* ----------------------------------------------------------------- scoring */

/* Add the comparison of one sentence's gold and predicted IOB2 labels (both
 * normalised; types in one index space, 1..NG_NER_MAX_TYPES). */
void ng_ner_count(ng_ner_counts *c, const uint8_t *giob, const uint8_t *gtype, const uint8_t *piob,
                  const uint8_t *ptype, size_t n);


/* ------------------------------------------------------------- resources */

/*
 * What features look up beyond the word itself: gazetteer list membership
 * (longest match, per token) and Brown word clusters, from the shared
 * lexicons (src/kb/gazetteer.h).  Both optional; the model records whether
 * it was trained with them.  Lookups are done once per token per document.
 */
#define NG_NER_MAX_GAZ 8 /* gazetteer memberships kept per token */

typedef struct ng_ner_tokinfo {
    uint64_t cluster;      /* Brown cluster path bits, most significant first */
    uint8_t cluster_len;   /* bits in the path, 0 = no cluster */
    uint8_t ngaz;
    uint8_t gaz_part[NG_NER_MAX_GAZ]; /* NG_BILOU_B/I/L/U of the match */
    uint32_t gaz_list[NG_NER_MAX_GAZ];/* list id (stable hash of its name) */
    uint32_t gaz_flags;    /* NG_NER_GAZ_* of the lists matched */
} ng_ner_tokinfo;

/* Gazetteer flags used outside the features (type mapping, events). */
enum {
    NG_NER_GAZ_PLACE = 1 << 0,     /* country, state/region or city */
    NG_NER_GAZ_EVENT_KEY = 1 << 1, /* event keyword ("Summit", "Expo") */
};

struct ng_lexicons;
typedef struct ng_ner_res ng_ner_res;

/* Resources over lexicons lx (borrowed, must outlive them; NULL: none).
 * NG_OK or NG_ENOMEM.  Free with ng_ner_res_free. */
int ng_ner_res_new(const struct ng_lexicons *lx, ng_ner_res **out, ng_error *err);
/* Load the lexicons of lexicon_dir (NULL or a directory without lexicon
 * files: none) and own them.  NG_OK, NG_ENOMEM, NG_EIO, NG_ETOOBIG. */
int ng_ner_res_load(const char *lexicon_dir, ng_ner_res **out, ng_error *err);
void ng_ner_res_free(ng_ner_res *r);
/* Whether gazetteers / clusters are available. */
bool ng_ner_res_has_gaz(const ng_ner_res *r);
bool ng_ner_res_has_clusters(const ng_ner_res *r);
const struct ng_lexicons *ng_ner_res_lexicons(const ng_ner_res *r);

/* Fill info[n] for tokens [first, first + n) of doc, one sentence (r may be
 * NULL: all empty); fold: match gazetteers ignoring case (all-caps text). */
void ng_ner_lookup(const ng_ner_res *r, const ng_doc *doc, size_t first, size_t n, bool fold,
                   ng_ner_tokinfo *info);

/* Drop the personal-name list matches of t.  Training uses it for words
 * that only one training document names as a person: the name lists hold the
 * training corpus's names, and a list built without that document would not
 * know the word (jackknifing), so the model learns how far to trust the
 * lists on names it has never seen. */
void ng_ner_strip_names(ng_ner_tokinfo *t);

/* For jackknifing the lists of names seen in the training corpus: the
 * CoNLL type a list holds ("ORG", "MISC", "LOC"; NULL for other lists), the
 * number of times the list's source saw s[0..n), and a way to drop a list's
 * matches from a token. */
const char *ng_ner_known_type(uint32_t list_id);
long ng_ner_known_count(const ng_ner_res *r, uint32_t list_id, const char *s, size_t n);
void ng_ner_strip_list(ng_ner_tokinfo *t, uint32_t list_id);

/* A document of corpus c (its words joined by spaces, sentences by
 * newlines; token k = word c->sent_first[c->doc_first[d]] + k).  NG_OK or
 * NG_ENOMEM.  Free with ng_doc_free. */
int ng_ner_corpus_doc(const ng_ner_corpus *c, size_t d, ng_doc **out);

/* ------------------------------------------------------------------ model */

typedef struct ng_ner ng_ner;

/* Per-thread scratch memory for tagging; zero-initialise, free with
 * ng_ner_work_free.  Grows to the longest document seen. */
typedef struct ng_ner_work {
    void *mem;
    size_t cap;   /* words it has room for */
    size_t bytes;
} ng_ner_work;

void ng_ner_work_free(ng_ner_work *w);

/* Load a NER model; res (may be NULL, borrowed, must outlive the model)
 * gives the gazetteers and clusters its features use.  NG_OK: *out is the
 * caller's (ng_ner_free).  NG_ENOTFOUND, NG_EIO, NG_ENOMEM, NG_EMODEL
 * (corrupt, foreign, or not a NER model, naming the file). */
int ng_ner_load(const char *path, const ng_ner_res *res, ng_ner **out, ng_error *err);
int ng_ner_load_mem(const char *name, const void *data, size_t len, const ng_ner_res *res, ng_ner **out,
                    ng_error *err);
void ng_ner_free(ng_ner *m);

unsigned ng_ner_ntypes(const ng_ner *m);
/* Name of type t (1..ntypes), "O" for 0. */
const char *ng_ner_type_name(const ng_ner *m, unsigned t);
const ng_mfile *ng_ner_file(const ng_ner *m);
size_t ng_ner_nfeatures(const ng_ner *m);

/* Tag one document (tokens and sentences set): BILOU classes of every token
 * into cls[ntokens].  NG_OK or NG_ENOMEM (growing w). */
int ng_ner_tag(const ng_ner *m, const ng_doc *doc, ng_ner_work *w, uint32_t *cls);

/* ---------------------------------------------------------------- training */

/* Train on train, choose the epoch on dev (may be NULL), save to path.
 * Deterministic: the same data, resources, options and seed give a
 * byte-identical file.  NG_OK, NG_ENOMEM, NG_EARG, NG_EIO. */
int ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev, const ng_ner_train_opts *o,
                 const ng_ner_res *res, const char *path, ng_error *err);

/* Tag every document of corpus c and add the comparison with its gold labels
 * to out (out->names: model types are matched to the corpus's by name, and
 * a model type the corpus never uses is not scored when skip_absent).
 * NG_OK or NG_ENOMEM. */
int ng_ner_eval(const ng_ner *m, const ng_ner_corpus *c, bool skip_absent, ng_ner_counts *out, ng_error *err);

/* --------------------------------------------------------- pipeline stage */

/* Tag doc's tokens (ent_iob, ent_type) with m, mapping the model's types to
 * newsgraph's (PER -> PERSON, LOC -> GPE for places the gazetteer knows,
 * MISC/ORG spans ending in an event keyword -> EVENT).  NG_OK or NG_ENOMEM. */
int ng_ner_tag_doc(const ng_ner *m, const ng_ner_res *res, ng_doc *doc, ng_error *err);

#endif /* NG_NER_H */
