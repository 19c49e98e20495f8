/*
 * newsgraph.h - the one public header of libnewsgraph.
 *
 * newsgraph turns news articles into a knowledge graph: documents are read,
 * cleaned, tokenized, tagged, parsed, and mined for facts that keep a link to
 * the sentence they came from.
 *
 * Ownership rule, stated once: a function that returns a pointer to a struct
 * it created (ng_*_new, ng_*_open) hands it to the caller, who releases it
 * with the matching ng_*_free/close.  Every other pointer the library returns
 * (strings, token arrays, records) is borrowed: it lives as long as the object
 * it was obtained from and must not be freed.  The library never prints and
 * never exits; diagnostics go to the log callback (ng_set_log).
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

/* Result codes.  NG_OK is 0; every failure is a small positive number with a
 * fixed message from ng_strerror(). */
typedef enum ng_code {
    NG_OK = 0,
    NG_ENOMEM,    /* out of memory */
    NG_EIO,       /* reading or writing a file failed */
    NG_EFORMAT,   /* input is not in the expected format */
    NG_ETOOBIG,   /* input exceeds a hard limit */
    NG_EMODEL,    /* model file missing, corrupt or of another version */
    NG_EARG,      /* invalid argument */
    NG_ENOTFOUND, /* no such file, entity or record */
    NG_EDB,       /* database error */
    NG_EEMPTY,    /* input holds no article text */
    NG_EINTERNAL, /* a bug: an invariant did not hold */
    NG_END,       /* not an error: an iterator has no more items */
    NG_NCODES
} ng_code;

/* An error: its code and a one-line message naming the file and the problem.
 * Functions that take an ng_error * fill it on failure (it may be NULL). */
typedef struct ng_error {
    int code;
    char msg[512];
} ng_error;

/* Fixed text for a result code, never NULL. */
const char *ng_strerror(int code);

/* ------------------------------------------------------- memory and logs */

/* One pluggable allocator in the manner of Lua's lua_Alloc: nsize == 0 frees
 * ptr (returning NULL); otherwise it returns a block of nsize bytes holding the
 * first min(osize, nsize) bytes of ptr, or NULL on failure.  Tests use it to
 * make the N-th allocation fail.  Not thread-safe to change while in use. */
typedef void *(*ng_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);
void ng_set_allocator(ng_alloc_fn fn, void *ud);

typedef enum ng_log_level { NG_LOG_DEBUG, NG_LOG_INFO, NG_LOG_WARN, NG_LOG_ERROR } ng_log_level;

/* Diagnostics (repaired input, skipped stages) go to this callback; the
 * default discards them.  The callback may be called from several threads. */
typedef void (*ng_log_fn)(void *ud, ng_log_level level, const char *msg);
void ng_set_log(ng_log_fn fn, void *ud);

/* ----------------------------------------------------------------- tags */

/* Universal POS tags (UD v2), fixed ids. */
typedef enum ng_upos {
    NG_UPOS_NONE = 0,
    NG_UPOS_ADJ, NG_UPOS_ADP, NG_UPOS_ADV, NG_UPOS_AUX, NG_UPOS_CCONJ,
    NG_UPOS_DET, NG_UPOS_INTJ, NG_UPOS_NOUN, NG_UPOS_NUM, NG_UPOS_PART,
    NG_UPOS_PRON, NG_UPOS_PROPN, NG_UPOS_PUNCT, NG_UPOS_SCONJ, NG_UPOS_SYM,
    NG_UPOS_VERB, NG_UPOS_X,
    NG_NUPOS
} ng_upos;

/* Entity types of the knowledge graph. */
typedef enum ng_ent_type {
    NG_ENT_NONE = 0,
    NG_ENT_PERSON, NG_ENT_ORG, NG_ENT_GPE, NG_ENT_LOC, NG_ENT_EVENT,
    NG_ENT_PRODUCT, NG_ENT_MISC,
    NG_NENT
} ng_ent_type;

/* Names and ids of the fixed tag sets.  *_name() returns "_" for an unknown
 * id; *_id() returns 0 for an unknown name.  XPOS is the Penn Treebank set as
 * used by UD English; deprel is the UD relation set with English subtypes. */
const char *ng_upos_name(int id);
int ng_upos_id(const char *name);
const char *ng_xpos_name(int id);
int ng_xpos_id(const char *name);
int ng_xpos_count(void);
const char *ng_deprel_name(int id);
int ng_deprel_id(const char *name);
int ng_deprel_count(void);
const char *ng_ent_type_name(int id);
int ng_ent_type_id(const char *name);

/* ------------------------------------------------------------- documents */

/* A document: its text (the article body after boilerplate removal), its
 * metadata, and the annotations the pipeline adds.  One arena per document;
 * everything attached to it is freed by ng_doc_free(). */
typedef struct ng_doc ng_doc;

/* Token flags. */
enum {
    NG_TOK_SPACE_AFTER = 1 << 0, /* whitespace follows in the text */
    NG_TOK_SENT_START = 1 << 1,  /* first token of a sentence */
    NG_TOK_PARA_START = 1 << 2,  /* first token of a paragraph */
    NG_TOK_MWT_PART = 1 << 3     /* part of a split surface word ("do|n't") */
};

/* Entity IOB codes in ng_token.ent_iob. */
enum { NG_IOB_NONE = 0, NG_IOB_O, NG_IOB_B, NG_IOB_I };

/* One token: a flat struct of offsets and ids, in a flat array per document
 * (every stage is a loop over it).  Offsets are bytes into ng_doc_text(). */
typedef struct ng_token {
    uint32_t start;   /* first byte of the token */
    uint32_t end;     /* one past its last byte */
    uint32_t sent;    /* index of its sentence */
    int32_t head;     /* document index of its syntactic head, -1 = root or unparsed */
    uint16_t xpos;    /* ng_xpos id, 0 = untagged */
    uint16_t flags;   /* NG_TOK_* */
    uint8_t upos;     /* ng_upos id, 0 = untagged */
    uint8_t deprel;   /* ng_deprel id, 0 = unparsed */
    uint8_t ent_iob;  /* NG_IOB_* */
    uint8_t ent_type; /* ng_ent_type */
    const char *lemma;/* NUL-terminated lemma in the document's arena, or NULL */
} ng_token;

/* A sentence: a run of tokens and the bytes it covers. */
typedef struct ng_sentence {
    uint32_t first;   /* index of its first token */
    uint32_t ntokens; /* number of tokens */
    uint32_t start;   /* first byte */
    uint32_t end;     /* one past the last byte */
} ng_sentence;

/* Document metadata fields. */
typedef enum ng_field {
    NG_F_ID,        /* document id: file name without extension, or the JSONL id */
    NG_F_PATH,      /* where it was read from (file, file#line, file@offset) */
    NG_F_TITLE,
    NG_F_DATE,      /* ISO 8601: YYYY-MM-DD, or with THH:MM[:SS][zone] */
    NG_F_AUTHOR,
    NG_F_PUBLISHER,
    NG_F_LANGUAGE,  /* ISO 639-1 code, "un" when unknown */
    NG_F_URL,
    NG_F_SHA256,    /* hex sha256 of the normalised body */
    NG_NFIELDS
} ng_field;

/* A new document holding a copy of text[0..len) as its body.  The text is
 * repaired to valid UTF-8 (invalid bytes become U+FFFD) and NUL bytes are
 * dropped; the number of repairs is kept (ng_doc_repairs).  Returns NULL on
 * allocation failure. */
ng_doc *ng_doc_new(const char *text, size_t len);
void ng_doc_free(ng_doc *doc);

const char *ng_doc_text(const ng_doc *doc, size_t *len);
size_t ng_doc_repairs(const ng_doc *doc);

/* A metadata field, or NULL when unknown.  ng_doc_set copies value (NULL
 * clears the field); returns NG_OK or NG_ENOMEM. */
const char *ng_doc_get(const ng_doc *doc, ng_field field);
int ng_doc_set(ng_doc *doc, ng_field field, const char *value);

size_t ng_doc_ntokens(const ng_doc *doc);
ng_token *ng_doc_tokens(ng_doc *doc);
size_t ng_doc_nsentences(const ng_doc *doc);
const ng_sentence *ng_doc_sentences(const ng_doc *doc);

/* ------------------------------------------------- entities and facts */

/* A byte span [start, end) of the document text. */
typedef struct ng_span {
    uint32_t start;
    uint32_t end;
} ng_span;

/* An entity of one document: mentions of the same thing grouped, with a
 * canonical name (the longest proper name, titles stripped) and aliases. */
typedef struct ng_entity {
    uint8_t type;            /* ng_ent_type */
    const char *name;        /* canonical name */
    const char **aliases;    /* [naliases] other names seen, canonical excluded */
    uint32_t naliases;
    const ng_span *mentions; /* [nmentions] in text order, pronouns included */
    uint32_t nmentions;
    uint8_t nominal;         /* 1 = described, not named ("a tech conference"):
                                never the same entity as another document's */
} ng_entity;

/* Fact modality (factuality): how the text presents the fact. */
typedef enum ng_modality {
    NG_MOD_ASSERTED = 0, /* stated as happening or true */
    NG_MOD_PLANNED,      /* expected, scheduled, invited, will */
    NG_MOD_FORMER,       /* true in the past only ("former CEO") */
    NG_MOD_HEDGED,       /* reportedly, may, could */
    NG_MOD_REPORTED,     /* attributed to a source */
    NG_NMOD
} ng_modality;

const char *ng_modality_name(int m);
int ng_modality_id(const char *name);

/* A fact: relation(subject, object) with polarity, modality, time and the
 * sentence it came from.  Arguments are entities of the same document; a
 * literal object (the quote of "said") has object < 0 and object_text set. */
typedef struct ng_fact {
    const char *relation;    /* "role", "attended", ... as named in lexicons/ */
    int32_t subject;         /* index into ng_doc_entities() */
    int32_t object;          /* index, or -1 for a literal object */
    const char *object_text; /* the literal object, or NULL */
    uint8_t negated;         /* 1 = negative polarity ("did not attend") */
    uint8_t modality;        /* ng_modality */
    const char *time;        /* ISO date, "YYYY-MM", "YYYY", or NULL when unknown */
    const char *title;       /* for "role": the title ("chief executive"), else NULL */
    float confidence;        /* 0..1 */
    uint32_t sentence;       /* index into ng_doc_sentences() */
    ng_span evidence;        /* the sentence's bytes */
    ng_span trigger;         /* the words that triggered the fact */
} ng_fact;

size_t ng_doc_nentities(const ng_doc *doc);
const ng_entity *ng_doc_entities(const ng_doc *doc);
size_t ng_doc_nfacts(const ng_doc *doc);
const ng_fact *ng_doc_facts(const ng_doc *doc);

/* --------------------------------------------------------------- reading */

/* Input formats; NG_FMT_AUTO decides by extension, then by content. */
typedef enum ng_format {
    NG_FMT_AUTO = 0, NG_FMT_TEXT, NG_FMT_HTML, NG_FMT_JSONL, NG_FMT_WARC
} ng_format;

/* A reader walks files, directories (recursively, in name order) and "-"
 * (stdin), yielding one document at a time.  gzip-compressed inputs (.gz, or a
 * gzip magic) are decompressed transparently. */
typedef struct ng_reader ng_reader;

ng_reader *ng_reader_new(ng_format format);
void ng_reader_free(ng_reader *r);

/* Queue a path.  Directories are expanded when reached.  NG_OK or NG_ENOMEM. */
int ng_reader_add(ng_reader *r, const char *path);

/* The next document.  NG_OK: *out is a new document the caller frees.
 * NG_END: no more input.  Any other code: one input (a file, a JSONL line,
 * a WARC record) failed; err says which and why, and the next call goes on
 * with the next input. */
int ng_reader_next(ng_reader *r, ng_doc **out, ng_error *err);

/* Inputs that failed so far. */
size_t ng_reader_failures(const ng_reader *r);

/* Convert one in-memory input to a document, as the reader does for a file.
 * name is used for messages and as the document id. */
int ng_read_text(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err);
int ng_read_html(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err);

/* Parse a date as news sites write it ("2019-10-20", "Oct. 20, 2019 4:10 PM
 * EST", "20 October 2019", "2019年10月20日16:10", RFC 2822, ...) into ISO 8601
 * in out (at least 32 bytes).  Returns the number of bytes of s consumed, or 0
 * when s does not start with a date. */
size_t ng_parse_date(const char *s, size_t len, char *out, size_t outsize);

/* ------------------------------------------------------------- pipeline */

/* Pipeline stages, in order. */
enum {
    NG_STAGE_TOKENIZE = 1 << 0,
    NG_STAGE_POS = 1 << 1,
    NG_STAGE_NER = 1 << 2,
    NG_STAGE_PARSE = 1 << 3,
    NG_STAGE_LEMMA = 1 << 4,
    NG_STAGE_TIME = 1 << 5,
    NG_STAGE_ENTITIES = 1 << 6,
    NG_STAGE_FACTS = 1 << 7,
    NG_STAGE_ALL = 0xff
};

/* The models and lexicons one run needs, loaded once and shared read-only
 * between threads. */
typedef struct ng_pipeline ng_pipeline;

/* Load what the requested stages need from model_dir and lexicon_dir (NULL:
 * the default search, see ng_data_dir).  A stage whose model is absent is
 * dropped with a warning; a model that is present but corrupt is an error. */
ng_pipeline *ng_pipeline_open(const char *model_dir, const char *lexicon_dir,
                              unsigned stages, ng_error *err);
void ng_pipeline_free(ng_pipeline *p);

/* The stages this pipeline will run (NG_STAGE_* bits). */
unsigned ng_pipeline_stages(const ng_pipeline *p);

/* Run every stage on doc.  Thread-safe for distinct documents. */
int ng_pipeline_run(const ng_pipeline *p, ng_doc *doc, ng_error *err);

/* Where the shipped data lives: $NEWSGRAPH_MODELS / $NEWSGRAPH_LEXICONS, else
 * "models" / "lexicons" beside the executable's parent directory, else the
 * install prefix.  kind is "models" or "lexicons".  Returns a static string. */
const char *ng_data_dir(const char *kind);

/* ------------------------------------------------------------- tokenizer */

/* Split the document text into tokens and sentences (replacing any already
 * there).  Follows UD English EWT conventions. */
int ng_tokenize(ng_doc *doc, ng_error *err);

/* Load the tokenizer's lexicons (abbreviations.txt, contractions.txt,
 * hyphen-prefixes.txt, emoticons.txt, sentence-starters.txt) from
 * lexicon_dir, NULL meaning ng_data_dir("lexicons").  Once per process: the
 * first call loads, later ones return NG_OK (ng_tokenize calls it with NULL
 * on first use).  A missing file is a warning; a malformed one is
 * NG_EFORMAT.  Thread-safe. */
int ng_tokenizer_init(const char *lexicon_dir, ng_error *err);

/* ------------------------------------------------------------ POS models */

/* The POS stage (NG_STAGE_POS) tags documents with models/pos.model; these
 * are the tools around that model: training, evaluation, inspection. */

/* Reported after each training epoch (the library never prints). */
typedef struct ng_pos_epoch {
    int epoch, epochs;
    double train_acc;          /* accuracy on the training data while learning */
    double dev_upos, dev_xpos; /* the averaged model on dev; -1 without dev */
    size_t features;           /* features kept after pruning */
    double seconds;            /* this epoch, with its dev evaluation */
} ng_pos_epoch;

typedef struct ng_pos_train_opts {
    int epochs;                /* passes over the data (default 12) */
    uint64_t seed;             /* sentence shuffling (default 1) */
    int passes;                /* 1: left to right; 2: plus a pass that sees the first one's tags to the right */
    int coarse;                /* 2 passes: the first predicts UPOS only (faster), the second XPOS+UPOS */
    double sure;               /* 2 passes: a word whose first-pass best tag beats the second by this
                                  much (in weight units) keeps it without a second pass (default 16;
                                  0 = every word gets both passes); stored in the model */
    int folds;                 /* 2 passes: train the second on first-pass tags from this many
                                  held-out folds (jackknifing); 0: on the first pass's online guesses */
    float min_weight;          /* averaged weights smaller than this are pruned */
    unsigned min_updates;      /* features updated fewer times are pruned */
    unsigned dict_min_count;   /* tag dictionary: words seen at least this often ... */
    double dict_min_ratio;     /* ... with one tag at least this share of the time */
    const char *train_name;    /* recorded in the model (default: the file's base name) */
    const char *lexicon;       /* a word -> possible Penn tags list ("word TAB NN|VB" lines)
                                  whose tag sets become features and are stored in the model; or NULL */
    const char *clusters;      /* Brown clusters ("bits TAB word TAB count" lines, lexicons/clusters.txt)
                                  whose path prefixes become features; stored in the model; or NULL */
    /* Called after each epoch (ep set), and every few hundred sentences with
     * ep == NULL (done sentences of total this epoch).  May be NULL. */
    void (*progress)(void *ud, const ng_pos_epoch *ep, size_t done, size_t total);
    void *ud;
} ng_pos_train_opts;

void ng_pos_train_defaults(ng_pos_train_opts *o);

/* Train a tagger on a CoNLL-U file (gold UPOS and XPOS), report each epoch
 * on dev_path (NULL: none), write the model to model_path.  The same data,
 * options and seed give a byte-identical file. */
int ng_pos_train_file(const char *train_path, const char *dev_path, const ng_pos_train_opts *o,
                      const char *model_path, ng_error *err);

/* Token accuracy of a tagger on a treebank with gold tokenization. */
typedef struct ng_pos_counts {
    size_t words, upos_ok, xpos_ok;
    double seconds; /* CPU seconds spent tagging (loading and scoring excluded) */
} ng_pos_counts;

/* Tag conllu_path's words with model_path (NULL: the shipped pos.model) and
 * count correct tags into out.  Sets *load_seconds (may be NULL) to the time
 * the model took to load. */
int ng_pos_eval_file(const char *model_path, const char *conllu_path, ng_pos_counts *out, double *load_seconds,
                     ng_error *err);

/* A loaded POS model: read-only, shared by any number of threads. */
typedef struct ng_pos ng_pos;

/* Load a POS model.  NG_OK: *out is the caller's (ng_pos_free).  Errors:
 * NG_ENOTFOUND (no file), NG_EIO, NG_ENOMEM, NG_EMODEL (corrupt, foreign, or
 * not a POS model: the message names the file and the problem). */
int ng_pos_load(const char *path, ng_pos **out, ng_error *err);
void ng_pos_free(ng_pos *m);

/* Tag every sentence of a tokenized doc: sets upos and xpos of each token.
 * NG_OK or NG_ENOMEM. */
int ng_pos_tag_doc(const ng_pos *m, ng_doc *doc, ng_error *err);

/* Describe a model file on out: detail 0 a summary (kind, size, sections,
 * metadata, counts), 1 a dump (also labels, features per template and the
 * top weighted features).  NG_OK, or the model's load error. */
int ng_model_print(FILE *out, const char *path, int detail, ng_error *err);

/* ------------------------------------------------------------ NER models */

/* The NER stage (NG_STAGE_NER) tags documents with models/ner.model; these
 * are the tools around that model.  Corpora are CoNLL-2003 (TOKEN ... TAG,
 * -DOCSTART- lines) or IOB2 (ID TOKEN TAG, "# newdoc"), detected. */

#define NG_NER_MAX_TYPES 15  /* entity types of a corpus or model */
#define NG_NER_TYPE_NAME 16  /* bytes of a type name, NUL included */

/* Reported after each training epoch. */
typedef struct ng_ner_epoch {
    int epoch, epochs;
    double train_f1;        /* entity F1 of the greedy predictions while learning */
    double dev_f1;          /* the averaged model on dev; -1 without dev */
    size_t features;        /* features kept after pruning */
    double seconds;
    int stage;              /* 1 or 2; 0: stage 1 on a jackknife fold */
} ng_ner_epoch;

typedef struct ng_ner_train_opts {
    int epochs;             /* default 15 */
    uint64_t seed;          /* document shuffling; default 1 */
    float min_weight;       /* averaged weights smaller than this are pruned */
    unsigned min_updates;   /* features updated fewer times are pruned */
    int keep_best;          /* keep the epoch with the best dev F1 (default 1) */
    const char *lexicon_dir;/* gazetteers and clusters; NULL: train without */
    const char *train_name; /* recorded in the model */
    /* After each epoch (ep set), and every hundred documents (ep NULL). */
    void (*progress)(void *ud, const ng_ner_epoch *ep, size_t done, size_t total);
    void *ud;
    int stages;             /* 1, or 2 for a two-stage model (default 2) */
    int epochs2;            /* epochs of stage 2; 0: as epochs */
} ng_ner_train_opts;

void ng_ner_train_defaults(ng_ner_train_opts *o);

/* Train on train_path, choose the epoch on dev_path (NULL: the last), write
 * model_path.  The same data, lexicons, options and seed give a
 * byte-identical file. */
int ng_ner_train_file(const char *train_path, const char *dev_path, const ng_ner_train_opts *o,
                      const char *model_path, ng_error *err);

/* conlleval counts: chunks per type (index = type, [0] = all types) and
 * token accuracy.  A predicted chunk is correct when its type, first and
 * last word equal a gold chunk's. */
typedef struct ng_ner_counts {
    size_t tokens, tokens_ok;
    size_t gold[NG_NER_MAX_TYPES + 1];
    size_t found[NG_NER_MAX_TYPES + 1];
    size_t correct[NG_NER_MAX_TYPES + 1];
    char names[NG_NER_MAX_TYPES + 1][NG_NER_TYPE_NAME]; /* [1..ntypes] */
    unsigned ntypes;
    double seconds;         /* spent tagging */
} ng_ner_counts;

/* Precision, recall and F1 (0..1; 0 when undefined) of type t (0 = all). */
void ng_ner_prf(const ng_ner_counts *c, unsigned t, double *p, double *r, double *f);

/* Tag test_path with model_path (NULL: the shipped ner.model) and lexicons
 * (NULL: the shipped ones) and count into out (zeroed first).  A model type
 * the corpus never uses (MISC on UNER) is not scored unless all_types. */
int ng_ner_eval_file(const char *model_path, const char *lexicon_dir, const char *test_path, int all_types,
                     ng_ner_counts *out, ng_error *err);

/* ---------------------------------------------------------------- output */

/* Which records ng_write_jsonl prints. */
enum {
    NG_OUT_DOCUMENT = 1 << 0,
    NG_OUT_ENTITIES = 1 << 1,
    NG_OUT_FACTS = 1 << 2,
    NG_OUT_ALL = 0x7,
    NG_OUT_NO_BODY = 1 << 8 /* document records without their body */
};

/* One JSON object a line per record (see docs/records.md).  NG_OK or NG_EIO. */
int ng_write_jsonl(FILE *out, const ng_doc *doc, unsigned records);

/* Sentences and tokens in CoNLL-U. */
int ng_write_conllu(FILE *out, const ng_doc *doc);


/* -------------------------------------------------------- knowledge base */

/* A knowledge base: documents, sentences, entities resolved across documents,
 * facts and their evidence (docs/schema.md).  The default backend is SQLite
 * (a file path); the interface is backend-neutral so others can be added.
 * One ng_kb is used by one thread at a time; several processes may open the
 * same database (one writer at a time, readers never blocked). */
typedef struct ng_kb ng_kb;

enum {
    NG_KB_READONLY = 1 << 0 /* open an existing database for queries only */
};

/* Open the knowledge base at target (a file path for SQLite), creating it
 * unless NG_KB_READONLY, and bring its schema up to date.  Returns NULL and
 * fills err on failure. */
ng_kb *ng_kb_open(const char *target, unsigned flags, ng_error *err);
void ng_kb_close(ng_kb *kb);

/* Batches: everything put between begin and commit becomes visible at once,
 * or not at all (a crash rolls the whole batch back). */
int ng_kb_begin(ng_kb *kb, ng_error *err);
int ng_kb_commit(ng_kb *kb, ng_error *err);
void ng_kb_rollback(ng_kb *kb);

/* What ng_kb_put did with a document. */
typedef enum ng_kb_status {
    NG_KB_NEW = 0,        /* stored */
    NG_KB_DUPLICATE,      /* the same body (sha256) is stored already: nothing changed */
    NG_KB_NEAR_DUPLICATE  /* stored, and linked to the near-identical document dup_of */
} ng_kb_status;

typedef struct ng_kb_put_info {
    ng_kb_status status;
    int64_t id;           /* the document's row id (the existing one for a duplicate) */
    int64_t dup_of;       /* near-duplicate: the first document of its cluster, else 0 */
    double similarity;    /* near-duplicate: estimated Jaccard similarity of shingles */
    size_t nentities, nfacts; /* new: annotations stored */
} ng_kb_put_info;

/* Store a document with its sentences, entities (resolved against those
 * already stored) and facts, inside the current batch (or a batch of its
 * own).  Either all of the document is stored or none of it.  info may be NULL. */
int ng_kb_put(ng_kb *kb, const ng_doc *doc, ng_kb_put_info *info, ng_error *err);

/* Query results arrive one row at a time.  values[i] is NULL for SQL NULL;
 * types[i] is an NG_VAL_*.  Everything is borrowed for the call only. */
enum { NG_VAL_NULL = 0, NG_VAL_INT, NG_VAL_REAL, NG_VAL_TEXT };
typedef struct ng_kb_row {
    size_t ncols;
    const char *const *names;  /* [ncols] column names */
    const char *const *values; /* [ncols] values as text */
    const uint8_t *types;      /* [ncols] NG_VAL_* */
} ng_kb_row;

/* Row callback: return 0 to go on, anything else to stop early. */
typedef int (*ng_kb_row_fn)(void *ud, const ng_kb_row *row);

/* A named parameter of a query; value NULL = not given. */
typedef struct ng_kb_param {
    const char *name;
    const char *value;
} ng_kb_param;

/* Run the named query (see docs/schema.md, "Named queries": "entities",
 * "entity.find", "facts", "timeline", "search", ...) with its parameters.
 * NG_ENOTFOUND for an unknown query name or parameter. */
int ng_kb_query(ng_kb *kb, const char *query, const ng_kb_param *params, size_t nparams,
                ng_kb_row_fn fn, void *ud, ng_error *err);

/* Run one read-only SQL statement (anything that would write is refused). */
int ng_kb_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err);

/* Documents rebuilt from `newsgraph extract` JSON Lines records (document,
 * entity and fact records, docs/records.md), so extraction can run elsewhere
 * and only the records are ingested.  Feed lines in order; a document is
 * complete when the next document record (or ng_records_finish) arrives. */
typedef struct ng_records ng_records;
ng_records *ng_records_new(void);
void ng_records_free(ng_records *r);
/* One line.  *out is set to a finished document (the caller frees it) or
 * NULL, whatever the result.  NG_EFORMAT (or NG_ETOOBIG, NG_ENOMEM) when the
 * line is not a valid record: the document it belongs to is dropped whole,
 * and err names the line. */
int ng_records_add(ng_records *r, const char *name, const char *line, size_t len,
                   ng_doc **out, ng_error *err);
/* The last document, or *out = NULL when there is none. */
int ng_records_finish(ng_records *r, ng_doc **out, ng_error *err);
/* ------------------------------------------------------ dependency parser */

/* The parse stage (NG_STAGE_PARSE) sets ng_token.head and deprel with
 * models/dep.model; the lemma stage (NG_STAGE_LEMMA) sets ng_token.lemma from
 * lexicons/lemma_*.txt.  These are the tools around them. */

/* Reported after each training epoch (the library never prints). */
typedef struct ng_dep_epoch {
    int epoch, epochs;
    double train_acc;        /* transitions predicted with minimal oracle cost */
    double dev_uas, dev_las; /* the averaged model on dev; -1 without dev */
    size_t features;         /* features kept after pruning */
    double seconds;          /* this epoch, with its dev evaluation */
} ng_dep_epoch;

/* How the parser's move model groups arc labels (a label model picks the
 * label within the group): none (unlabelled moves), coarse (about 15
 * groups), universal (the label without its subtype), full (every label;
 * fully joint). */
enum { NG_DEP_GROUPS_NONE = 0, NG_DEP_GROUPS_COARSE, NG_DEP_GROUPS_UNIVERSAL, NG_DEP_GROUPS_FULL };

typedef struct ng_dep_train_opts {
    int epochs;              /* passes over the data (default 15) */
    uint64_t seed;           /* shuffling and exploration (default 1) */
    int explore_from;        /* first epoch that follows its own predictions (default 2; 0 never) */
    double explore_p;        /* ... with this probability when they are wrong (default 0.9) */
    float min_weight;        /* averaged weights smaller than this are pruned */
    unsigned min_updates;    /* features updated fewer times are pruned */
    const char *pos_model;   /* tag train and dev with this POS model (NULL: the files' gold tags) */
    int jackknife;           /* with pos_model: tag train by K-fold jackknifing (K >= 2; 0 = off) */
    const char *fold_models; /* with pos_model: K comma-separated POS models; fold f of train (sentences
                                [n*f/K, n*(f+1)/K)) is tagged by the f-th, trained without it; or NULL */
    const char *train_name;  /* recorded in the model (default: the file's base name) */
    const char *clusters;    /* Brown clusters file (lexicons/clusters.txt format) copied into the
                                model for cluster features; NULL: none */
    int label_groups;        /* NG_DEP_GROUPS_*: which labels the move model tells apart (default full) */
    /* Called after each epoch (ep set), and every few hundred sentences with
     * ep == NULL (done sentences of total this epoch).  May be NULL. */
    void (*progress)(void *ud, const ng_dep_epoch *ep, size_t done, size_t total);
    void *ud;
} ng_dep_train_opts;

void ng_dep_train_defaults(ng_dep_train_opts *o);

/* Train the parser on a CoNLL-U file (gold heads and labels), report each
 * epoch on dev_path (NULL: none; the best dev epoch is kept), write the model
 * to model_path.  The same data, options and seed give a byte-identical file. */
int ng_dep_train_file(const char *train_path, const char *dev_path, const ng_dep_train_opts *o,
                      const char *model_path, ng_error *err);

/* Derive the lemmatizer's lists (lemma_words.txt, lemma_exceptions.txt)
 * from a CoNLL-U file with gold lemmas and tags into out_dir. */
int ng_lemma_train_file(const char *train_path, const char *out_dir, ng_error *err);

/* Attachment scores, punctuation included (CoNLL 2018): las counts the
 * universal part of the label (subtypes ignored), las_full the whole label.
 * With raw text, words are aligned by characters and scores are F1 over
 * gold and system words. */
typedef struct ng_dep_counts {
    size_t words;            /* gold words */
    size_t sys_words;        /* system words (raw text: our tokenization) */
    size_t aligned;          /* system words aligned to a gold word */
    size_t uas, las, las_full;
    size_t lemma_ok;         /* aligned words whose lemma matches, when lemmatized */
    size_t upos_ok;          /* aligned words whose UPOS matches */
    double seconds;          /* spent parsing (loading and tagging excluded) */
    double cpu_seconds;      /* the same in CPU time of the parsing thread */
} ng_dep_counts;

/* Where evaluation takes tags and tokens from. */
typedef enum ng_dep_input {
    NG_DEP_PREDICTED_TAGS = 0, /* gold words, tags from our POS model */
    NG_DEP_GOLD_TAGS,          /* gold words and the file's tags */
    NG_DEP_RAW                 /* "# text" lines through our own tokenizer and tagger */
} ng_dep_input;

/* Parse conllu_path with model_path (NULL: the shipped dep.model), tags from
 * pos_model_path (NULL: the shipped pos.model) and lemmas from lexicon_dir
 * (NULL: the shipped lexicons; absent lists leave lemma_ok 0), and count
 * into out. */
int ng_dep_eval_file(const char *model_path, const char *pos_model_path, const char *lexicon_dir,
                     const char *conllu_path, ng_dep_input input, ng_dep_counts *out, ng_error *err);

/* Parse conllu_path's words (with the file's tags when gold_tags, else
 * tags from pos_model_path, NULL: the shipped pos.model) with model_path
 * (NULL: the shipped dep.model) and write them to out_path as CoNLL-U with
 * the tags used and the predicted heads and labels.  NG_OK or an error
 * naming the file. */
int ng_dep_write_file(const char *model_path, const char *pos_model_path, const char *conllu_path, int gold_tags,
                      const char *out_path, ng_error *err);

/* ---------------------------------------------------------------- server */

/* `newsgraph serve`: a JSON API and the web UI over a knowledge base opened
 * read-only (docs/api.md).  Requests are served by a pool of threads, each
 * with its own database connection. */
typedef struct ng_server ng_server;

typedef struct ng_server_opts {
    const char *db;      /* the knowledge base (opened with NG_KB_READONLY) */
    const char *bind;    /* IPv4 or IPv6 address to listen on; NULL = 127.0.0.1 */
    int port;            /* 0 = any free port (ng_server_port tells which) */
    const char *web_dir; /* the built UI; NULL = ng_web_dir(); "" = API only */
    int threads;         /* worker threads; 0 = one per CPU (at least 2) */
} ng_server_opts;

/* Open the database, load the UI and start listening.  Returns NULL and
 * fills err on failure.  A missing UI is not an error: the API still runs
 * and "/" explains how to build the UI (ng_server_web_dir returns NULL). */
ng_server *ng_server_start(const ng_server_opts *opts, ng_error *err);
/* The port it listens on. */
int ng_server_port(const ng_server *s);
/* The UI directory it serves, or NULL when none was found. */
const char *ng_server_web_dir(const ng_server *s);
/* Stop listening, finish the requests under way and free everything. */
void ng_server_stop(ng_server *s);
/* Where the built UI lives: $NEWSGRAPH_WEB, else "web" beside the
 * executable (build/web for build/newsgraph), else share/newsgraph/web in
 * the executable's parent directory.  NULL when none holds index.html.
 * Returns a static string. */
const char *ng_web_dir(void);

#ifdef __cplusplus
}
#endif
#endif /* NEWSGRAPH_H */
