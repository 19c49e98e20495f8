/*
 * entities.h - entities within one document: mentions (names, referring
 * nouns, pronouns, nationality words) grouped into entities with a canonical
 * name and aliases, pronouns and "the company" resolved to their antecedents.
 * Invariant: mentions are in text order and do not overlap; every mention
 * with entity >= 0 is listed in that entity's ng_entity.mentions.
 */
#ifndef NG_ENTITIES_H
#define NG_ENTITIES_H

#include "core/doc.h"

struct ng_pipeline;
struct ng_xlex;
struct ng_lexicons;

typedef enum ng_mention_kind {
    NG_MK_NAME,     /* a proper name: "Jack Ma", "the World Internet Conference" */
    NG_MK_NOMINAL,  /* a referring noun phrase: "the company", "a tech conference" */
    NG_MK_PRONOUN,  /* he, its, they, ... */
    NG_MK_DEMONYM   /* a nationality word standing for its country: "Chinese" */
} ng_mention_kind;

typedef struct ng_mention {
    uint32_t first, last; /* tokens [first, last) */
    uint32_t head;        /* the token that heads it in the parse (else last - 1) */
    uint8_t type;         /* ng_ent_type */
    uint8_t kind;         /* ng_mention_kind */
    uint8_t plural;       /* they/them, "the companies" */
    uint8_t gender;       /* 0 unknown, 1 male, 2 female (pronouns, given names) */
    int32_t entity;       /* index into doc->entities, -1 when unresolved */
} ng_mention;

struct ng_doc_mentions {
    ng_mention *items;    /* [n], arena */
    size_t n;
    int32_t *at;          /* [ntokens] mention index per token, -1 */
    int32_t main_event;   /* the most mentioned EVENT entity, -1 if none */
    uint8_t *nominal;     /* [nentities] 1 when an entity has no proper name */
    uint8_t *unknown;     /* [nentities] 1 when no list knows the name as a person's or a place's */
};

/* The entity stage: collect mentions, group them, resolve references, and
 * fill doc->entities.  Uses the NER labels (ng_token.ent_iob/ent_type), the
 * parse when present, and the lexicons (either may be NULL). */
int ng_entities_run(const struct ng_lexicons *gaz, const struct ng_xlex *xlex, ng_doc *doc, ng_error *err);

/* The entity whose mention covers token i, or -1. */
int32_t ng_entity_at(const ng_doc *doc, uint32_t i);
/* The mention covering token i, or NULL. */
const ng_mention *ng_mention_at(const ng_doc *doc, uint32_t i);
/* The document's main event (most mentioned EVENT entity), or -1. */
int32_t ng_main_event(const ng_doc *doc);
/* True when entity e has no proper name ("a tech conference"). */
bool ng_entity_nominal(const ng_doc *doc, int32_t e);
/* True when entity e's name is in no list of people's names or places: the
 * tagger's type for it is a guess ("Pixelo" as a person). */
bool ng_entity_unknown(const ng_doc *doc, int32_t e);

#endif /* NG_ENTITIES_H */
