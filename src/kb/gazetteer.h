/*
 * gazetteer.h - name lists (gazetteers) and Brown word clusters from
 * lexicons/, loaded at run time; longest-match lookups over token spans.
 * Invariant: an ng_lexicons is read-only after loading, so any number of
 * threads may query one at once.
 */
#ifndef NG_GAZETTEER_H
#define NG_GAZETTEER_H

#include "core/doc.h"
#include "core/pipeline.h"

/* The lists, one bit each in ng_gaz_tag.  Each comes from one file of
 * lexicons/ (see lexicons/README.md for the formats). */
typedef enum ng_gaz_list {
    NG_GAZ_COUNTRY,        /* countries.txt: name, canonical name, ISO code */
    NG_GAZ_COUNTRY_CODE,   /* country_codes.txt: ISO alpha-2 and alpha-3 */
    NG_GAZ_DEMONYM,        /* demonyms.txt: "Chinese" -> CN */
    NG_GAZ_SUBDIVISION,    /* subdivisions.txt: states, provinces */
    NG_GAZ_CITY,           /* cities.txt: name, country code, population */
    NG_GAZ_GIVEN_NAME,     /* given_names.txt: name, m|f|u */
    NG_GAZ_SURNAME,        /* surnames.txt */
    NG_GAZ_TITLE,          /* titles.txt: phrase, normalised title */
    NG_GAZ_ORG_SUFFIX,     /* org_suffixes.txt: word, legal|org */
    NG_GAZ_EVENT_KEYWORD,  /* event_keywords.txt: word, kind */
    NG_GAZ_KNOWN_ORG,      /* known_orgs.txt (CoNLL-2003 train) */
    NG_GAZ_KNOWN_ORG_UNER, /* known_orgs_uner.txt (UNER EWT dev) */
    NG_GAZ_KNOWN_MISC,     /* known_misc.txt (CoNLL-2003 train) */
    NG_GAZ_KNOWN_LOC,      /* known_locations.txt (CoNLL-2003 train) */
    NG_GAZ_COMPANY,        /* known_companies.txt: well-known companies */
    NG_GAZ_BRAND,          /* brands.txt: brand, product and service names */
    NG_GAZ_NLISTS
} ng_gaz_list;

/* Hard limits on lexicon input. */
#define NG_GAZ_MAX_FILE (64u << 20)  /* bytes in one lexicon file */
#define NG_GAZ_MAX_LINE 1024         /* bytes in one line */
#define NG_GAZ_MAX_KEY 256           /* bytes in one entry (and one match) */
#define NG_GAZ_MAX_TOKENS 16         /* tokens one match may span */
#define NG_GAZ_MAX_ENTRIES 4000000   /* entries in all lists together */

/* Matching modes for ng_gaz_match. */
#define NG_GAZ_EXACT 0u              /* case-sensitive */
#define NG_GAZ_FOLD 1u               /* case-insensitive (Unicode lower case) */

typedef struct ng_lexicons ng_lexicons;

/* Per-token result of ng_gaz_match: bit (1u << list) of b is set when the
 * token begins a match of that list, of i when it continues one. */
typedef struct ng_gaz_tag {
    uint32_t b, i;
} ng_gaz_tag;

/* Load every known lexicon file of dir (missing files leave their list
 * empty).  Malformed lines are skipped with a warning through ng_log naming
 * file:line.  NG_ENOTFOUND when dir has no lexicon file at all.  OUT *out:
 * free with ng_lexicons_free. */
int ng_lexicons_load(const char *dir, ng_lexicons **out, ng_error *err);

/* An empty set of lexicons, to fill with ng_lexicons_add_text (tests,
 * fuzzing); NULL when out of memory. */
ng_lexicons *ng_lexicons_new(void);

/* Parse the text of one lexicon file into list (or into the clusters when
 * list is NG_GAZ_NLISTS); name is used in warnings.  Returns NG_OK (bad lines
 * skipped, their count added to *nbad when nbad is not NULL), NG_ETOOBIG or
 * NG_ENOMEM.  Not thread-safe: call before sharing lx. */
int ng_lexicons_add_text(ng_lexicons *lx, int list, const char *name, const char *text,
                         size_t len, size_t *nbad, ng_error *err);

void ng_lexicons_free(ng_lexicons *lx);

/* Pipeline stage hooks (the shape of ng_stage's load and free): load
 * p->lexicon_dir into p->lexicons; NG_ENOTFOUND when it holds no lexicon. */
int ng_lexicons_stage_load(ng_pipeline *p, ng_error *err);
void ng_lexicons_stage_free(ng_pipeline *p);

/* Number of entries of list (NG_GAZ_NLISTS: of the clusters). */
size_t ng_lexicons_count(const ng_lexicons *lx, int list);

/* Mark the longest matches of every list over tokens [first, first + n) of
 * doc, greedily left to right for each list separately.  Token texts are
 * joined as the document writes them (a space where the text has white
 * space, nothing where tokens touch), so "U.S." matches whether it is one
 * token or four.  OUT out[0..n): zeroed, then filled. */
void ng_gaz_match(const ng_lexicons *lx, const ng_doc *doc, size_t first, size_t n,
                  unsigned mode, ng_gaz_tag *out);

/* Bit mask of the lists that hold the string s[0..len) exactly as a whole
 * entry (mode NG_GAZ_FOLD: ignoring case). */
uint32_t ng_gaz_lists_of(const ng_lexicons *lx, const char *s, size_t len, unsigned mode);

/* The fields after the entry on the line that listed s[0..len) in list
 * ("CN\t11716620" for "Beijing" in the cities), or NULL.  Exact case first,
 * then ignoring case.  The string lives as long as lx. */
const char *ng_gaz_value(const ng_lexicons *lx, int list, const char *s, size_t len);

/* The canonical country named by a country name, short form, ISO code or
 * demonym ("Chinese", "U.S.", "DEU"), or NULL. */
const char *ng_gaz_country_of(const ng_lexicons *lx, const char *s, size_t len);

/* The normalised form of a title ("chief executive" -> "chief executive
 * officer"), ignoring case, or NULL. */
const char *ng_gaz_title_norm(const ng_lexicons *lx, const char *s, size_t len);

/* The Brown cluster bit string of word, or NULL; when the word itself is
 * unknown, the most frequent word with the same lower case form answers. */
const char *ng_cluster_path(const ng_lexicons *lx, const char *word, size_t len);

#endif /* NG_GAZETTEER_H */
