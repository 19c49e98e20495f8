/*
 * ner_res.c - the lexical resources NER features look up, over the shared
 * lexicons (src/kb/gazetteer.h): longest-match gazetteer membership turned
 * into BILOU parts per list, and Brown cluster paths as bit strings.
 * Lists built from the NER training data itself (names, known_*) are
 * jackknifed in training (see ng_ner_strip_names, ng_ner_known_count).
 */
#include "tag/ner.h"
#include "kb/gazetteer.h"

#include <stdlib.h>

struct ng_ner_res {
    const ng_lexicons *lx;
    ng_lexicons *owned;
    bool gaz, clusters;
    uint32_t ids[16];   /* list_id(k) of feature_lists[k], computed once */
    uint32_t listbits;  /* the union of (1u << feature_lists[k].list) */
};

/* Lists used as features: the feature id is a hash of the name, so the
 * order of the lexicon module's enum never matters to a model. */
static const struct {
    int list;
    const char *name;
    uint32_t flags;
    bool fold;  /* also matched ignoring case in all-caps sentences */
    bool names; /* holds personal names (jackknifed in training) */
    const char *known; /* names of this CoNLL type seen in its train split */
} feature_lists[] = {
    {NG_GAZ_COUNTRY, "country", NG_NER_GAZ_PLACE, true, false, NULL},
    {NG_GAZ_COUNTRY_CODE, "country_code", 0, false, false, NULL},
    {NG_GAZ_DEMONYM, "demonym", 0, true, false, NULL},
    {NG_GAZ_SUBDIVISION, "subdivision", NG_NER_GAZ_PLACE, true, false, NULL},
    {NG_GAZ_CITY, "city", NG_NER_GAZ_PLACE, true, false, NULL},
    {NG_GAZ_GIVEN_NAME, "given_name", 0, true, true, NULL},
    {NG_GAZ_SURNAME, "surname", 0, true, true, NULL},
    {NG_GAZ_TITLE, "title", 0, true, false, NULL},
    {NG_GAZ_ORG_SUFFIX, "org_suffix", 0, true, false, NULL},
    {NG_GAZ_EVENT_KEYWORD, "event_keyword", NG_NER_GAZ_EVENT_KEY, true, false, NULL},
    {NG_GAZ_KNOWN_ORG, "known_org", 0, false, false, "ORG"},
    {NG_GAZ_KNOWN_MISC, "known_misc", 0, false, false, "MISC"},
    {NG_GAZ_KNOWN_LOC, "known_loc", 0, false, false, "LOC"},
    {NG_GAZ_KNOWN_ORG_UNER, "known_org_uner", 0, false, false, NULL},
    {NG_GAZ_COMPANY, "company", 0, true, false, NULL},
    {NG_GAZ_BRAND, "brand", 0, true, false, NULL},
};

/* The feature id of list k (a stable hash of its name). */
static uint32_t list_id(size_t k)
{
    const char *s = feature_lists[k].name;
    return (uint32_t)ng_hash(s, strlen(s), 0x6a7);
}

_Static_assert(NG_ARRAY_LEN(feature_lists) <= 16, "ng_ner_res.ids holds 16 list ids");

int ng_ner_res_new(const ng_lexicons *lx, ng_ner_res **out, ng_error *err)
{
    *out = ng_calloc(1, sizeof **out);
    if (!*out)
        return ng_err(err, NG_ENOMEM, "NER resources: out of memory");
    (*out)->lx = lx;
    for (size_t k = 0; k < NG_ARRAY_LEN(feature_lists); k++) {
        (*out)->ids[k] = list_id(k);
        (*out)->listbits |= 1u << feature_lists[k].list;
    }
    for (size_t k = 0; lx && k < NG_ARRAY_LEN(feature_lists); k++)
        (*out)->gaz |= ng_lexicons_count(lx, feature_lists[k].list) > 0;
    (*out)->clusters = lx && ng_lexicons_count(lx, NG_GAZ_NLISTS) > 0;
    return NG_OK;
}

int ng_ner_res_load(const char *lexicon_dir, ng_ner_res **out, ng_error *err)
{
    ng_lexicons *lx = NULL;
    *out = NULL;
    if (lexicon_dir) {
        int rc = ng_lexicons_load(lexicon_dir, &lx, err);
        if (rc != NG_OK && rc != NG_ENOTFOUND)
            return rc;
    }
    int rc = ng_ner_res_new(lx, out, err);
    if (rc != NG_OK) {
        ng_lexicons_free(lx);
        return rc;
    }
    (*out)->owned = lx;
    return NG_OK;
}

void ng_ner_res_free(ng_ner_res *r)
{
    if (!r)
        return;
    ng_lexicons_free(r->owned);
    ng_free(r, sizeof *r);
}

bool ng_ner_res_has_gaz(const ng_ner_res *r) { return r && r->gaz; }
bool ng_ner_res_has_clusters(const ng_ner_res *r) { return r && r->clusters; }
const ng_lexicons *ng_ner_res_lexicons(const ng_ner_res *r) { return r ? r->lx : NULL; }

/* Add the matches of gaz[n] (one sentence) to info, list by list (the
 * order of a token's memberships is the order of feature_lists). */
static void add_gaz(const ng_ner_res *r, const ng_gaz_tag *gaz, size_t n, bool fold, ng_ner_tokinfo *info)
{
    uint32_t hit = 0;
    for (size_t i = 0; i < n; i++)
        hit |= gaz[i].b | gaz[i].i;
    hit &= r->listbits;
    for (size_t k = 0; hit && k < NG_ARRAY_LEN(feature_lists); k++) {
        if ((fold && !feature_lists[k].fold) || !(hit & 1u << feature_lists[k].list))
            continue;
        uint32_t bit = 1u << feature_lists[k].list, id = r->ids[k];
        for (size_t i = 0; i < n; i++) {
            bool b = gaz[i].b & bit, in = gaz[i].i & bit;
            if (!b && !in)
                continue;
            bool more = i + 1 < n && (gaz[i + 1].i & bit);
            ng_ner_tokinfo *t = &info[i];
            t->gaz_flags |= feature_lists[k].flags;
            if (t->ngaz >= NG_NER_MAX_GAZ)
                continue;
            t->gaz_list[t->ngaz] = id;
            t->gaz_part[t->ngaz++] = (uint8_t)(b ? (more ? NG_BILOU_B : NG_BILOU_U) : (more ? NG_BILOU_I : NG_BILOU_L));
        }
    }
}

/* s[0..*len) with curly apostrophes (U+2019, 3 bytes) written as ASCII
 * ones into buf (room for len bytes), or s itself when it has none. */
static const char *plain_apostrophes(const char *s, size_t *len, char *buf)
{
    if (*len < 3 || !memchr(s, 0xE2, *len))
        return s;
    size_t n = 0;
    for (size_t i = 0; i < *len; i++) {
        if (i + 2 < *len && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
            buf[n++] = '\'';
            i += 2;
        } else {
            buf[n++] = s[i];
        }
    }
    *len = n;
    return buf;
}

/* The cluster of one token into t. */
static void add_cluster(const ng_lexicons *lx, const char *s, size_t len, ng_ner_tokinfo *t)
{
    char buf[NG_NER_MAX_WORD_BYTES];
    if (len <= sizeof buf)
        s = plain_apostrophes(s, &len, buf);
    const char *path = ng_cluster_path(lx, s, len);
    if (!path)
        return;
    uint64_t bits = 0;
    unsigned n = 0;
    for (; path[n] == '0' || path[n] == '1'; n++)
        if (n < 63)
            bits = bits << 1 | (uint64_t)(path[n] == '1');
    t->cluster = bits;
    t->cluster_len = (uint8_t)NG_MIN(n, 63u);
}

void ng_ner_lookup(const ng_ner_res *r, const ng_doc *doc, size_t first, size_t n, bool fold,
                   ng_ner_tokinfo *info)
{
    memset(info, 0, n * sizeof *info);
    if (!r || !r->lx)
        return;
    if (r->gaz) {
        ng_gaz_tag gaz[256];
        for (size_t at = 0; at < n; at += 256) {
            size_t k = NG_MIN(n - at, (size_t)256);
            ng_gaz_match(r->lx, doc, first + at, k, fold ? NG_GAZ_FOLD : NG_GAZ_EXACT, gaz);
            add_gaz(r, gaz, k, fold, info + at);
        }
    }
    for (size_t i = 0; r->clusters && i < n; i++) {
        const ng_token *t = &doc->tokens[first + i];
        add_cluster(r->lx, doc->text + t->start, t->end - t->start, &info[i]);
    }
}

void ng_ner_strip_names(ng_ner_tokinfo *t)
{
    uint8_t k = 0;
    for (uint8_t j = 0; j < t->ngaz; j++) {
        bool names = false;
        for (size_t l = 0; l < NG_ARRAY_LEN(feature_lists); l++)
            names |= feature_lists[l].names && list_id(l) == t->gaz_list[j];
        if (names)
            continue;
        t->gaz_list[k] = t->gaz_list[j];
        t->gaz_part[k++] = t->gaz_part[j];
    }
    t->ngaz = k;
}

const char *ng_ner_known_type(uint32_t id)
{
    for (size_t l = 0; l < NG_ARRAY_LEN(feature_lists); l++)
        if (list_id(l) == id)
            return feature_lists[l].known;
    return NULL;
}

long ng_ner_known_count(const ng_ner_res *r, uint32_t id, const char *s, size_t n)
{
    for (size_t l = 0; r && r->lx && l < NG_ARRAY_LEN(feature_lists); l++) {
        if (list_id(l) != id || !feature_lists[l].known)
            continue;
        const char *v = ng_gaz_value(r->lx, feature_lists[l].list, s, n);
        return v ? strtol(v, NULL, 10) : 0;
    }
    return 0;
}

void ng_ner_strip_list(ng_ner_tokinfo *t, uint32_t id)
{
    uint8_t k = 0;
    for (uint8_t j = 0; j < t->ngaz; j++) {
        if (t->gaz_list[j] == id)
            continue;
        t->gaz_list[k] = t->gaz_list[j];
        t->gaz_part[k++] = t->gaz_part[j];
    }
    t->ngaz = k;
}
