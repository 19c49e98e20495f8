/*
 * resolve.h - cross-document entity resolution rules, independent of any
 * database: match keys for names (normalised, org suffixes stripped), which
 * keys are strong enough to merge entities of different documents, and type
 * agreement.  The store backends look keys up; these functions decide.
 */
#ifndef NG_RESOLVE_H
#define NG_RESOLVE_H

#include "core/core.h"

#define NG_KEY_MAX 256        /* bytes of a match key, NUL included */
#define NG_NAME_WORDS 32      /* words of a name considered; the rest is ignored */

typedef struct ng_resolver ng_resolver;

/* Load the word lists of lexicon_dir/resolve.txt (NULL: the shipped
 * lexicons).  A missing file is a warning (names are then only case- and
 * punctuation-folded); an unreadable one an error.  NULL on failure. */
ng_resolver *ng_resolver_new(const char *lexicon_dir, ng_error *err);
void ng_resolver_free(ng_resolver *r);

/* The match key of name as an entity of type (ng_ent_type) into out
 * (NG_KEY_MAX bytes): case, accents and punctuation folded, leading articles
 * and honorifics dropped, organisation suffixes ("Inc", "Group Holding")
 * stripped, years and ordinals dropped from event names.  Returns true when
 * the key is strong: two entities of different documents sharing a strong
 * key of the same type class are the same entity.  Weak keys (a bare
 * surname, an empty or one-letter key) never merge anything. */
bool ng_resolve_key(const ng_resolver *r, int type, const char *name, char out[NG_KEY_MAX]);

/* Type agreement: entities merge only within one class.  GPE and LOC share
 * a class (taggers confuse them); every other type is its own class. */
int ng_resolve_class(int type);

/* Of two types of one class, the one an entity keeps (GPE over LOC). */
int ng_resolve_prefer_type(int a, int b);

/* True when names a and b (of types ta, tb) would be merged across
 * documents: same class and equal strong keys. */
bool ng_resolve_same(const ng_resolver *r, int ta, const char *a, int tb, const char *b);

/* The year an event edition names ("Cloud Summit 2019" -> 2019), else 0. */
int ng_resolve_edition_year(const char *name);

#endif /* NG_RESOLVE_H */
