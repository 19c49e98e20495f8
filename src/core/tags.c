/*
 * tags.c - the fixed tag sets (UPOS, XPOS, UD relations, entity types) with
 * stable ids, so models, the store and the CLI agree on what a number means.
 * Id 0 is always "none"; appending is safe, reordering breaks stored models.
 */
#include "core.h"

static const char *const upos_names[NG_NUPOS] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};

/* Penn Treebank tags as used by UD English EWT and GUM. */
static const char *const xpos_names[] = {
    "_", "NN", "IN", "DT", "NNP", "PRP", "JJ", ".", "RB", "VB", "NNS", ",",
    "CC", "VBP", "VBD", "VBZ", "CD", "VBN", "VBG", "MD", "TO", "PRP$",
    "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "WP", "''", "RP", "UH",
    "HYPH", "POS", "NNPS", "JJS", "JJR", "NFP", "ADD", "EX", "RBR", "GW",
    "$", "SYM", "PDT", "FW", "RBS", "LS", "AFX", "WP$", "XX",
};

/* UD relations with the English subtypes of EWT and GUM. */
static const char *const deprel_names[] = {
    "_", "root", "punct", "case", "nsubj", "det", "advmod", "obj", "amod",
    "obl", "conj", "compound", "mark", "nmod", "cc", "aux", "cop", "advcl",
    "nmod:poss", "xcomp", "ccomp", "flat", "acl:relcl", "parataxis", "appos",
    "nummod", "acl", "aux:pass", "nsubj:pass", "obl:unmarked", "nmod:unmarked",
    "discourse", "list", "compound:prt", "iobj", "expl", "fixed", "nmod:desc",
    "obl:agent", "csubj", "nsubj:outer", "det:predet", "vocative", "goeswith",
    "advcl:relcl", "cc:preconj", "reparandum", "orphan", "csubj:pass",
    "dislocated", "dep", "csubj:outer", "obl:tmod", "obl:npmod", "nmod:tmod",
    "nmod:npmod", "flat:foreign", "det:poss", "expl:pv",
};

static const char *const ent_names[NG_NENT] = {
    "_", "PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC",
};

static const char *name_of(const char *const *names, size_t n, int id)
{
    return id > 0 && (size_t)id < n ? names[id] : "_";
}

static int id_of(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return 0;
}

const char *ng_upos_name(int id) { return name_of(upos_names, NG_NUPOS, id); }
int ng_upos_id(const char *name) { return id_of(upos_names, NG_NUPOS, name); }
const char *ng_xpos_name(int id) { return name_of(xpos_names, NG_ARRAY_LEN(xpos_names), id); }
int ng_xpos_id(const char *name) { return id_of(xpos_names, NG_ARRAY_LEN(xpos_names), name); }
int ng_xpos_count(void) { return (int)NG_ARRAY_LEN(xpos_names); }
const char *ng_deprel_name(int id) { return name_of(deprel_names, NG_ARRAY_LEN(deprel_names), id); }
int ng_deprel_id(const char *name) { return id_of(deprel_names, NG_ARRAY_LEN(deprel_names), name); }
int ng_deprel_count(void) { return (int)NG_ARRAY_LEN(deprel_names); }
const char *ng_ent_type_name(int id) { return name_of(ent_names, NG_NENT, id); }
int ng_ent_type_id(const char *name) { return id_of(ent_names, NG_NENT, name); }

static const char *const modality_names[NG_NMOD] = {
    "asserted", "planned", "former", "hedged", "reported",
};

const char *ng_modality_name(int m) { return m >= 0 && m < NG_NMOD ? modality_names[m] : "asserted"; }

int ng_modality_id(const char *name)
{
    for (int i = 0; i < NG_NMOD; i++)
        if (strcmp(modality_names[i], name) == 0)
            return i;
    return -1;
}
