/*
 * parser.c - loading a parser model and parsing sentences and documents
 * greedily: at each step the best-scoring allowed transition is applied.
 * Invariant: as_valid holds for every applied class, so each parse ends in
 * a tree (see arcsys.h); long sentences are parsed in pieces.
 */
#include "parse/pint.h"

#include <stdio.h>
#include <stdlib.h>

void ng_parse_work_free(ng_parse_work *w)
{
    if (w->mem)
        ng_free(w->mem, w->bytes);
    memset(w, 0, sizeof *w);
}

void ng_parser_free(ng_parser *p)
{
    if (!p)
        return;
    parse1_free(p);
    mtable_free(&p->labels);
    mtable_free(&p->moves);
    pclust_free(&p->clusters);
    ng_mfile_close(p->file);
    ng_free(p, sizeof *p);
}

uint32_t ng_parser_nlabels(const ng_parser *p) { return p->nlabels; }
int ng_parser_label_deprel(const ng_parser *p, uint32_t l) { return l < p->nlabels ? p->deprel[l] : 0; }
const ng_mfile *ng_parser_file(const ng_parser *p) { return p->file; }

int ng_dep_label_id(ng_strv rel)
{
    char buf[64];
    if (rel.n == 0 || rel.n >= sizeof buf)
        return 0;
    memcpy(buf, rel.s, rel.n);
    buf[rel.n] = '\0';
    int id = ng_deprel_id(buf);
    char *colon = strchr(buf, ':');
    if (id == 0 && colon) {
        *colon = '\0';
        id = ng_deprel_id(buf);
    }
    return id;
}

/* The label table: line l of "labels" is label l's name; label 0 is root. */
static int load_labels(ng_parser *p, ng_error *err)
{
    const char *name = ng_mfile_name(p->file);
    size_t n = ng_mfile_nlines(p->file, "labels");
    if (n < 2 || n > NG_PARSE_MAX_LABELS)
        return ng_err(err, NG_EMODEL, "%s: parser model has %zu labels", name, n);
    for (size_t l = 0; l < n; l++) {
        const char *s;
        size_t len;
        if (!ng_mfile_line(p->file, "labels", l, &s, &len))
            return ng_err(err, NG_EMODEL, "%s: label %zu is missing", name, l);
        p->deprel[l] = (uint8_t)ng_dep_label_id((ng_strv){s, (uint32_t)len});
        if (l == 0 && !(len == 4 && memcmp(s, "root", 4) == 0))
            return ng_err(err, NG_EMODEL, "%s: the first parser label is not 'root'", name);
    }
    p->nlabels = (uint32_t)n;
    return NG_OK;
}

bool parse_groups_init(ng_parser *p)
{
    p->ngroups = 1;
    memset(p->gsize, 0, sizeof p->gsize);
    for (uint32_t l = 0; l < p->nlabels; l++) {
        if (p->group[l] >= p->nlabels || (l > 0) != (p->group[l] > 0))
            return false;
        p->ngroups = NG_MAX(p->ngroups, p->group[l] + 1u);
    }
    for (uint32_t l = p->nlabels; l-- > 0;)
        p->gsize[p->group[l]]++, p->gfirst[p->group[l]] = (uint8_t)l;
    for (uint32_t k = 0; k < p->ngroups; k++)
        if (!p->gsize[k])
            return false;
    return true;
}

/* The label groups ("label.groups": a group per label; group 0 is root's
 * alone). */
static int load_groups(ng_parser *p, ng_error *err)
{
    const uint32_t *g;
    size_t n;
    int rc = ng_mfile_u32s(p->file, "label.groups", &g, &n, err);
    if (rc != NG_OK)
        return rc;
    for (uint32_t l = 0; l < n && l < p->nlabels; l++)
        p->group[l] = (uint8_t)NG_MIN(g[l], 255u);
    if (n != p->nlabels || !parse_groups_init(p))
        return ng_err(err, NG_EMODEL, "%s: bad label groups", ng_mfile_name(p->file));
    return NG_OK;
}

/* The move and label models. */
static int load_models(ng_parser *p, ng_error *err)
{
    int rc = mtable_load(p->file, MOVE_PREFIX, &p->moves, err);
    if (rc == NG_OK)
        rc = mtable_load(p->file, LABEL_PREFIX, &p->labels, err);
    if (rc == NG_OK && (p->moves.nclasses != parse_nmclasses(p->ngroups) || p->labels.nclasses != p->nlabels))
        rc = ng_err(err, NG_EMODEL, "%s: the models' classes do not match %u labels in %u groups",
                    ng_mfile_name(p->file), p->nlabels, p->ngroups);
    return rc;
}

/* Check kind, feature version and tables of an opened file. */
static int load_file(ng_parser *p, ng_error *err)
{
    const char *name = ng_mfile_name(p->file);
    char ver[16] = "?";
    if (strcmp(ng_mfile_kind(p->file), PARSER_KIND) != 0)
        return ng_err(err, NG_EMODEL, "%s: a '%s' model, not a parser", name, ng_mfile_kind(p->file));
    int v = ng_mfile_meta(p->file, "meta", "features", ver, sizeof ver) ? atoi(ver) : 0;
    if (v != PF_VERSION && v != PF1_VERSION)
        return ng_err(err, NG_EMODEL, "%s: parser feature set %s, this build reads %d and %d (retrain it)", name,
                      ver, PF1_VERSION, PF_VERSION);
    int rc = load_labels(p, err);
    if (rc == NG_OK && v == PF1_VERSION)
        return parse1_load(p, err);
    p->version = PF_VERSION;
    if (rc == NG_OK)
        rc = load_groups(p, err);
    if (rc == NG_OK)
        rc = load_models(p, err);
    if (rc == NG_OK)
        rc = pclust_load(&p->clusters, p->file, err);
    return rc;
}

/* Finish loading into a new parser that takes f. */
static int load_common(ng_mfile *f, ng_parser **out, ng_error *err)
{
    ng_parser *p = ng_calloc(1, sizeof *p);
    if (!p) {
        ng_mfile_close(f);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", ng_mfile_name(f));
    }
    p->file = f;
    int rc = load_file(p, err);
    if (rc != NG_OK) {
        ng_parser_free(p);
        return rc;
    }
    *out = p;
    return NG_OK;
}

int ng_parser_load(const char *path, ng_parser **out, ng_error *err)
{
    ng_mfile *f;
    int rc = ng_mfile_open(path, &f, err);
    return rc == NG_OK ? load_common(f, out, err) : rc;
}

int ng_parser_load_mem(const char *name, const void *data, size_t len, ng_parser **out, ng_error *err)
{
    ng_mfile *f;
    int rc = ng_mfile_open_mem(name, data, len, &f, err);
    return rc == NG_OK ? load_common(f, out, err) : rc;
}

void parse_words_atoms(pf_word *a, const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos, size_t n,
                       const pclust *cl)
{
    for (size_t i = 0; i < n; i++)
        pf_word_set(&a[i], forms[i].s, forms[i].n, upos ? upos[i] : 0, xpos ? xpos[i] : 0, cl);
    pf_word_pad(&a[n], true);
    pf_word_pad(&a[n + 1], false);
}

/* Scratch layout for pieces of up to cap words and nclasses scores. */
typedef struct scratch {
    void *state;
    pf_word *atoms;
    int32_t *scores;
    uint64_t *feats;
} scratch;

static size_t align16(size_t n) { return (n + 15) & ~(size_t)15; }

static bool work_reserve(ng_parse_work *w, uint32_t words, uint32_t nclasses, scratch *sc)
{
    size_t sb = align16(as_state_bytes(words)), ab = align16(((size_t)words + 2) * sizeof(pf_word));
    size_t cb = align16((size_t)nclasses * 4), fb = PF_MAX_FEATS * 8;
    size_t need = sb + ab + cb + fb;
    if (w->bytes < need) {
        void *m = ng_malloc(need);
        if (!m)
            return false;
        if (w->mem)
            ng_free(w->mem, w->bytes);
        w->mem = m;
        w->bytes = need;
    }
    char *p = w->mem;
    sc->state = p;
    sc->atoms = (pf_word *)(p + sb);
    sc->scores = (int32_t *)(p + sb + ab);
    sc->feats = (uint64_t *)(p + sb + ab + cb);
    return true;
}

/* The label of the arc move adds in s with a label of group g: root for
 * the root, the group's label when it has one, else the best by the label
 * model. */
static uint32_t choose_label(const ng_parser *p, const scratch *sc, const as_state *s, int move, uint32_t g)
{
    if (parse_to_root(s, move))
        return AS_ROOT_LABEL;
    if (p->gsize[g] == 1)
        return p->gfirst[g];
    size_t nf = pf_label_features(s, sc->atoms, move, sc->feats);
    mtable_score(&p->labels, sc->feats, nf, sc->scores);
    return parse_best_label(p, sc->scores, g);
}

/* Parse one piece of n <= NG_PARSE_MAX_WORDS words. */
static void parse_piece(const ng_parser *p, const scratch *sc, uint32_t n, int32_t *head, uint8_t *deprel)
{
    as_state s;
    as_state_init(&s, n, sc->state);
    while (!as_terminal(&s)) {
        int mv = parse_forced(&s);
        uint32_t g = 0;
        if (mv < 0) {
            size_t nf = pf_features(&s, sc->atoms, p->clusters.nclusters > 1, sc->feats);
            mtable_score(&p->moves, sc->feats, nf, sc->scores);
            uint32_t c = parse_best_mclass(&s, sc->scores, p->ngroups);
            mv = parse_mclass_move(c), g = parse_mclass_group(c);
        }
        uint32_t label = mv == AS_SHIFT ? 0 : choose_label(p, sc, &s, mv, g);
        as_apply(&s, as_class(mv, label));
    }
    for (uint32_t i = 0; i < n; i++) {
        head[i] = s.head[i] == (int32_t)n ? -1 : s.head[i];
        deprel[i] = p->deprel[s.label[i]];
    }
}

int ng_parse_words(const ng_parser *p, const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos,
                   size_t n, ng_parse_work *w, int32_t *head, uint8_t *deprel)
{
    int32_t root = -1;
    for (size_t first = 0; first < n; first += NG_PARSE_MAX_WORDS) {
        uint32_t k = (uint32_t)NG_MIN(n - first, (size_t)NG_PARSE_MAX_WORDS);
        scratch sc;
        const uint8_t *u = upos ? upos + first : NULL;
        const uint16_t *x = xpos ? xpos + first : NULL;
        if (!work_reserve(w, k, p->version == 1 ? p->score1.npad : NG_MAX(p->labels.npad, p->moves.npad), &sc))
            return NG_ENOMEM;
        if (p->version == 1) {
            parse1_piece(p, sc.state, sc.atoms, sc.scores, sc.feats, forms + first, u, x, k, head + first,
                         deprel + first);
        } else {
            parse_words_atoms(sc.atoms, forms + first, u, x, k, &p->clusters);
            parse_piece(p, &sc, k, head + first, deprel + first);
        }
        for (uint32_t i = 0; i < k; i++) {
            int32_t *h = &head[first + i];
            if (*h >= 0)
                *h += (int32_t)first;
            else if (root < 0)
                root = (int32_t)(first + i);
            else
                *h = root, deprel[first + i] = (uint8_t)ng_deprel_id("parataxis");
        }
    }
    return NG_OK;
}

/* Parse sentence s of doc with w; forms, tags and outputs in buf. */
static int parse_sentence(const ng_parser *p, ng_doc *doc, const ng_sentence *s, ng_parse_work *w, ng_buf *buf)
{
    size_t n = s->ntokens;
    size_t need = n * (sizeof(ng_strv) + 4 + 2 + 1 + 1);
    ng_buf_clear(buf);
    if (!ng_buf_reserve(buf, need + 16))
        return NG_ENOMEM;
    ng_strv *forms = (ng_strv *)buf->data;
    int32_t *head = (int32_t *)(forms + n);
    uint16_t *xpos = (uint16_t *)(head + n);
    uint8_t *upos = (uint8_t *)(xpos + n), *rel = upos + n;
    ng_token *t = doc->tokens + s->first;
    for (size_t i = 0; i < n; i++) {
        forms[i] = (ng_strv){doc->text + t[i].start, t[i].end - t[i].start};
        upos[i] = t[i].upos;
        xpos[i] = t[i].xpos;
    }
    int rc = ng_parse_words(p, forms, upos, xpos, n, w, head, rel);
    for (size_t i = 0; rc == NG_OK && i < n; i++) {
        t[i].head = head[i] < 0 ? -1 : (int32_t)s->first + head[i];
        t[i].deprel = rel[i];
    }
    return rc;
}

int ng_parse_doc(const ng_parser *p, ng_doc *doc, ng_error *err)
{
    ng_parse_work w = {0};
    ng_buf buf;
    ng_buf_init(&buf);
    int rc = NG_OK;
    for (size_t i = 0; i < doc->nsents && rc == NG_OK; i++)
        rc = parse_sentence(p, doc, &doc->sents[i], &w, &buf);
    ng_parse_work_free(&w);
    ng_buf_free(&buf);
    if (rc != NG_OK)
        return ng_err(err, rc, "%s: out of memory while parsing",
                      ng_doc_get(doc, NG_F_ID) ? ng_doc_get(doc, NG_F_ID) : "document");
    return NG_OK;
}
