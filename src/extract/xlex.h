/*
 * xlex.h - the extraction lexicons: relation frames (lexicons/relations.txt),
 * polarity and modality cues (cues.txt), referring nouns (nominals.txt) and
 * speech verbs (speech.txt), loaded at run time so users add relations and
 * synonyms without recompiling.  Read-only after loading; thread-safe.
 */
#ifndef NG_XLEX_H
#define NG_XLEX_H

#include "core/core.h"

#define NG_FRAME_WORDS 4   /* words in a trigger phrase */
#define NG_FRAME_SLOTS 5   /* alternatives per argument */
#define NG_WORD_MAX 32     /* longest lemma the lexicons hold */

/* Where an argument of a frame is found, relative to the trigger. */
typedef enum ng_slot_kind {
    NG_SLOT_SUBJ,   /* grammatical subject (the by-agent when passive) */
    NG_SLOT_OBJ,    /* direct object (the passive subject when passive) */
    NG_SLOT_IOBJ,   /* indirect object */
    NG_SLOT_POSS,   /* possessor: "Apple's owner" */
    NG_SLOT_APPOS,  /* the noun the trigger stands in apposition to, or vice versa */
    NG_SLOT_COP,    /* subject of a copular trigger noun: "X is the owner of" */
    NG_SLOT_FLAT,   /* a name directly attached to the trigger noun */
    NG_SLOT_HEAD,   /* the noun the trigger modifies ("Texas-based firm") */
    NG_SLOT_PREFIX, /* the word before the hyphen of a suffix trigger ("Texas-based") */
    NG_SLOT_POBJ,   /* object of a preposition attached to the trigger (prep) */
    NG_SLOT_EVENT,  /* the document's main event, when nothing else fits */
    NG_NSLOTS
} ng_slot_kind;

typedef struct ng_slot {
    uint8_t kind;               /* ng_slot_kind */
    char prep[16];              /* for NG_SLOT_POBJ: "at", "in", "out_of" */
} ng_slot;

typedef struct ng_frame {
    char relation[24];
    char words[NG_FRAME_WORDS][NG_WORD_MAX]; /* trigger lemmas; words[0] may be "-based" */
    uint8_t nwords;
    bool suffix;                /* words[0] is a hyphen suffix */
    uint8_t upos;               /* required UPOS of the trigger head, 0 = any */
    ng_slot subj[NG_FRAME_SLOTS], obj[NG_FRAME_SLOTS];
    uint8_t nsubj, nobj;
    uint16_t subj_types, obj_types; /* bit (1 << ng_ent_type); 0 = any */
    char if_subj[16][NG_WORD_MAX];  /* the trigger's own subject must be one of these nouns */
    uint8_t nif_subj;
    bool negative;              /* the trigger itself is negative ("stay away") */
    uint8_t modality;           /* default modality (ng_modality) */
    float conf;                 /* base confidence */
    char title[32];             /* role frames: the title the trigger implies ("founder"), "" = none */
    int line;                   /* where it was defined, for messages */
} ng_frame;

typedef enum ng_cue_kind {
    NG_CUE_NEGATION, NG_CUE_PLANNED, NG_CUE_HEDGED, NG_CUE_FORMER, NG_CUE_REPORTED,
    NG_CUE_PAST,  /* an undated past ("once", "previously"): not the report's date */
    NG_CUE_RUMOUR /* a noun whose clause is unconfirmed ("reports that X would buy Y"): no fact */
} ng_cue_kind;
typedef enum ng_cue_where { NG_CUE_MOD, NG_CUE_GOV, NG_CUE_SUBJ, NG_CUE_TITLE } ng_cue_where;

typedef struct ng_cue {
    char words[NG_FRAME_WORDS][NG_WORD_MAX];
    uint8_t nwords;
    uint8_t kind;  /* ng_cue_kind */
    uint8_t where; /* ng_cue_where */
} ng_cue;

typedef struct ng_nominal {
    char noun[NG_WORD_MAX];
    uint8_t type;       /* ng_ent_type */
    char subtype[16];   /* "country", "city", "region" or "" */
} ng_nominal;

typedef struct ng_xlex {
    ng_frame *frames;
    size_t nframes;
    ng_cue *cues;
    size_t ncues;
    ng_nominal *nominals;
    size_t nnominals;
    char (*speech)[NG_WORD_MAX]; /* speech verb lemmas, "_" joining phrases */
    size_t nspeech;
    char (*designators)[NG_WORD_MAX]; /* org_designators.txt: "Group", "Holdings" */
    size_t ndesignators;
    ng_strtab index;    /* first trigger word -> id; frames_of[id] lists frames */
    uint32_t **frames_of; /* [index.n] arrays ending in UINT32_MAX */
} ng_xlex;

/* Load the four files from dir.  A malformed line is skipped with a warning
 * naming file:line; a missing relations.txt is NG_ENOTFOUND.  OUT: *out. */
int ng_xlex_load(const char *dir, ng_xlex **out, ng_error *err);
/* Parse relations from a string (tests, fuzzing); name is used in messages. */
int ng_xlex_parse_frames(ng_xlex *x, const char *name, const char *text, size_t len);
ng_xlex *ng_xlex_new(void);
void ng_xlex_free(ng_xlex *x);

/* Frames whose first trigger word is word (lowercased lemma); NULL if none.
 * The array ends with UINT32_MAX. */
const uint32_t *ng_xlex_frames(const ng_xlex *x, const char *word, size_t n);
const ng_cue *ng_xlex_cue(const ng_xlex *x, const char *word, int where);
const ng_nominal *ng_xlex_nominal(const ng_xlex *x, const char *noun);
bool ng_xlex_is_speech(const ng_xlex *x, const char *lemma);
/* True when word (case-sensitive) is a generic company-name word. */
bool ng_xlex_is_designator(const ng_xlex *x, const char *word, size_t n);

#endif /* NG_XLEX_H */
