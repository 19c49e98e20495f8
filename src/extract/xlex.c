/*
 * xlex.c - loading the extraction lexicons (format: lexicons/README-extract.md).
 * Every line is parsed on its own: a bad line is reported and skipped, the
 * rest of the file still loads.
 */
#include "xlex.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define XLEX_MAX_FILE ((size_t)16 << 20)

ng_xlex *ng_xlex_new(void)
{
    ng_xlex *x = ng_calloc(1, sizeof *x);
    if (x)
        ng_strtab_init(&x->index);
    return x;
}

void ng_xlex_free(ng_xlex *x)
{
    if (!x)
        return;
    for (uint32_t i = 0; i < x->index.n; i++) {
        uint32_t n = 0;
        while (x->frames_of[i][n] != UINT32_MAX)
            n++;
        ng_free(x->frames_of[i], (n + 1) * sizeof(uint32_t));
    }
    ng_free(x->frames_of, x->index.n * sizeof *x->frames_of);
    ng_strtab_free(&x->index);
    ng_free(x->frames, x->nframes * sizeof *x->frames);
    ng_free(x->cues, x->ncues * sizeof *x->cues);
    ng_free(x->nominals, x->nnominals * sizeof *x->nominals);
    ng_free(x->speech, x->nspeech * sizeof *x->speech);
    ng_free(x->designators, x->ndesignators * sizeof *x->designators);
    ng_free(x, sizeof *x);
}

/* ------------------------------------------------------------- lines */

/* Split line into at most max whitespace-separated fields (in place). */
static int split_fields(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            break;
        fields[n++] = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

/* Call fn for every non-comment line of text; fn returns an error message or
 * NULL. */
typedef const char *(*line_fn)(ng_xlex *x, char **fields, int n, int lineno);

static int each_line(ng_xlex *x, const char *name, const char *text, size_t len, line_fn fn)
{
    char line[1024];
    int lineno = 0, bad = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        lineno++;
        size_t n = (size_t)(e - p);
        p = nl ? nl + 1 : end;
        if (n >= sizeof line) {
            ng_log(NG_LOG_WARN, "%s:%d: line too long, skipped", name, lineno);
            bad++;
            continue;
        }
        memcpy(line, e - n, n);
        line[n] = '\0';
        char *fields[32];
        int nf = split_fields(line, fields, 32);
        if (nf == 0)
            continue;
        const char *why = fn(x, fields, nf, lineno);
        if (why) {
            ng_log(NG_LOG_WARN, "%s:%d: %s; line skipped", name, lineno, why);
            bad++;
        }
    }
    return bad;
}

/* Copy a "_"-joined phrase into words; false when too many or too long. */
static bool split_phrase(const char *s, char words[][NG_WORD_MAX], uint8_t *n)
{
    *n = 0;
    while (*s) {
        const char *u = strchr(s, '_');
        size_t k = u ? (size_t)(u - s) : strlen(s);
        if (k == 0 || k >= NG_WORD_MAX || *n >= NG_FRAME_WORDS)
            return false;
        for (size_t i = 0; i < k; i++)
            words[*n][i] = (char)tolower((unsigned char)s[i]);
        words[*n][k] = '\0';
        (*n)++;
        s = u ? u + 1 : s + k;
    }
    return *n > 0;
}

/* ------------------------------------------------------------ frames */

static const char *parse_slots(const char *v, ng_slot *slots, uint8_t *n)
{
    static const char *const names[NG_NSLOTS] = {"subj", "obj", "iobj", "poss", "appos", "cop",
                                                 "flat", "head", "prefix", "pobj", "event"};
    *n = 0;
    char buf[128];
    if (strlen(v) >= sizeof buf)
        return "slot list too long";
    strcpy(buf, v);
    for (char *save = NULL, *tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        if (*n >= NG_FRAME_SLOTS)
            return "too many slot alternatives";
        ng_slot *s = &slots[*n];
        memset(s, 0, sizeof *s);
        char *colon = strchr(tok, ':');
        if (colon) {
            *colon = '\0';
            if (strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof s->prep)
                return "bad preposition in slot";
            strcpy(s->prep, colon + 1);
        }
        int k = -1;
        for (int i = 0; i < NG_NSLOTS; i++)
            if (strcmp(tok, names[i]) == 0)
                k = i;
        if (k < 0)
            return "unknown slot";
        if ((k == NG_SLOT_POBJ) != (colon != NULL))
            return "pobj needs a preposition (pobj:in), other slots take none";
        s->kind = (uint8_t)k;
        (*n)++;
    }
    return *n ? NULL : "empty slot list";
}

static const char *parse_types(const char *v, uint16_t *mask)
{
    char buf[128];
    if (strlen(v) >= sizeof buf)
        return "type list too long";
    strcpy(buf, v);
    *mask = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int t = ng_ent_type_id(tok);
        if (!t)
            return "unknown entity type";
        *mask |= (uint16_t)(1u << t);
    }
    return NULL;
}

static const char *frame_option(ng_frame *f, const char *key, const char *v)
{
    if (strcmp(key, "subj") == 0)
        return parse_slots(v, f->subj, &f->nsubj);
    if (strcmp(key, "obj") == 0)
        return parse_slots(v, f->obj, &f->nobj);
    if (strcmp(key, "subj-type") == 0)
        return parse_types(v, &f->subj_types);
    if (strcmp(key, "obj-type") == 0)
        return parse_types(v, &f->obj_types);
    if (strcmp(key, "polarity") == 0) {
        if (strcmp(v, "negative") && strcmp(v, "positive"))
            return "polarity is positive or negative";
        f->negative = strcmp(v, "negative") == 0;
        return NULL;
    }
    if (strcmp(key, "modality") == 0) {
        int m = ng_modality_id(v);
        if (m < 0)
            return "unknown modality";
        f->modality = (uint8_t)m;
        return NULL;
    }
    if (strcmp(key, "conf") == 0) {
        char *tail;
        double c = strtod(v, &tail);
        if (*tail || c <= 0 || c > 1)
            return "conf must be in (0, 1]";
        f->conf = (float)c;
        return NULL;
    }
    if (strcmp(key, "title") == 0) {
        if (strlen(v) >= sizeof f->title)
            return "title too long";
        strcpy(f->title, v);
        for (char *u = f->title; *u; u++)
            if (*u == '_')
                *u = ' ';
        return NULL;
    }
    if (strcmp(key, "if-subj") == 0) {
        char buf[256];
        if (strlen(v) >= sizeof buf)
            return "if-subj list too long";
        strcpy(buf, v);
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (f->nif_subj >= NG_ARRAY_LEN(f->if_subj) || strlen(tok) >= NG_WORD_MAX)
                return "if-subj: at most 16 nouns";
            strcpy(f->if_subj[f->nif_subj++], tok);
        }
        return NULL;
    }
    return "unknown key";
}

static const char *frame_line(ng_xlex *x, char **fields, int n, int lineno)
{
    if (n < 2)
        return "a frame needs RELATION TRIGGER";
    ng_frame f;
    memset(&f, 0, sizeof f);
    f.conf = 0.9f;
    f.line = lineno;
    if (strlen(fields[0]) >= sizeof f.relation)
        return "relation name too long";
    strcpy(f.relation, fields[0]);
    char trig[128];
    if (strlen(fields[1]) >= sizeof trig)
        return "trigger too long";
    strcpy(trig, fields[1]);
    char *slash = strchr(trig, '/');
    if (slash) {
        *slash = '\0';
        f.upos = (uint8_t)ng_upos_id(slash + 1);
        if (!f.upos)
            return "unknown part of speech after /";
    }
    if (!split_phrase(trig, f.words, &f.nwords))
        return "bad trigger";
    f.suffix = f.words[0][0] == '-';
    for (int i = 2; i < n; i++) {
        char *eq = strchr(fields[i], '=');
        if (!eq)
            return "options are key=value";
        *eq = '\0';
        const char *why = frame_option(&f, fields[i], eq + 1);
        if (why)
            return why;
    }
    if (!f.nsubj || !f.nobj)
        return "a frame needs subj= and obj=";
    ng_frame *bigger = ng_realloc(x->frames, x->nframes * sizeof *x->frames, (x->nframes + 1) * sizeof *x->frames);
    if (!bigger)
        return "out of memory";
    x->frames = bigger;
    x->frames[x->nframes++] = f;
    return NULL;
}

/* Build the first-word index over all frames. */
static int index_frames(ng_xlex *x)
{
    for (size_t i = 0; i < x->nframes; i++) {
        const char *w = x->frames[i].words[0];
        uint32_t before = x->index.n;
        int64_t id = ng_strtab_intern(&x->index, w, strlen(w));
        if (id < 0)
            return NG_ENOMEM;
        if (x->index.n > before) { /* a new first word: start its list */
            uint32_t **bigger = ng_realloc(x->frames_of, (size_t)id * sizeof *bigger, ((size_t)id + 1) * sizeof *bigger);
            if (!bigger)
                return NG_ENOMEM;
            x->frames_of = bigger;
            if (!(x->frames_of[id] = ng_malloc(sizeof(uint32_t))))
                return NG_ENOMEM;
            x->frames_of[id][0] = UINT32_MAX;
        }
        uint32_t n = 0;
        while (x->frames_of[id][n] != UINT32_MAX)
            n++;
        uint32_t *list = ng_realloc(x->frames_of[id], (n + 1) * sizeof *list, (n + 2) * sizeof *list);
        if (!list)
            return NG_ENOMEM;
        list[n] = (uint32_t)i;
        list[n + 1] = UINT32_MAX;
        x->frames_of[id] = list;
    }
    return NG_OK;
}

int ng_xlex_parse_frames(ng_xlex *x, const char *name, const char *text, size_t len)
{
    /* Rebuild the index from scratch so parse can be called more than once. */
    for (uint32_t i = 0; i < x->index.n; i++) {
        uint32_t n = 0;
        while (x->frames_of[i][n] != UINT32_MAX)
            n++;
        ng_free(x->frames_of[i], (n + 1) * sizeof(uint32_t));
    }
    ng_free(x->frames_of, x->index.n * sizeof *x->frames_of);
    x->frames_of = NULL;
    ng_strtab_free(&x->index);
    ng_strtab_init(&x->index);
    each_line(x, name, text, len, frame_line);
    return index_frames(x);
}

/* -------------------------------------------------- cues, nominals, speech */

static const char *cue_line(ng_xlex *x, char **fields, int n, int lineno)
{
    (void)lineno;
    static const char *const kinds[] = {"negation", "planned", "hedged", "former", "reported", "past", "rumour"};
    static const char *const wheres[] = {"mod", "gov", "subj", "title"};
    if (n < 2)
        return "a cue needs CUE KIND";
    ng_cue c;
    memset(&c, 0, sizeof c);
    if (!split_phrase(fields[0], c.words, &c.nwords))
        return "bad cue";
    int kind = -1, where = NG_CUE_MOD;
    for (int i = 0; i < (int)NG_ARRAY_LEN(kinds); i++)
        if (strcmp(fields[1], kinds[i]) == 0)
            kind = i;
    if (kind < 0)
        return "unknown cue kind";
    if (n >= 3) {
        where = -1;
        for (int i = 0; i < 4; i++)
            if (strcmp(fields[2], wheres[i]) == 0)
                where = i;
        if (where < 0)
            return "unknown cue position";
    }
    c.kind = (uint8_t)kind;
    c.where = (uint8_t)where;
    ng_cue *bigger = ng_realloc(x->cues, x->ncues * sizeof *x->cues, (x->ncues + 1) * sizeof *x->cues);
    if (!bigger)
        return "out of memory";
    x->cues = bigger;
    x->cues[x->ncues++] = c;
    return NULL;
}

static const char *nominal_line(ng_xlex *x, char **fields, int n, int lineno)
{
    (void)lineno;
    if (n < 2)
        return "a nominal needs NOUN TYPE";
    ng_nominal m;
    memset(&m, 0, sizeof m);
    if (strlen(fields[0]) >= sizeof m.noun || (n >= 3 && strlen(fields[2]) >= sizeof m.subtype))
        return "word too long";
    strcpy(m.noun, fields[0]);
    m.type = (uint8_t)ng_ent_type_id(fields[1]);
    if (!m.type)
        return "unknown entity type";
    if (n >= 3)
        strcpy(m.subtype, fields[2]);
    ng_nominal *bigger = ng_realloc(x->nominals, x->nnominals * sizeof *x->nominals, (x->nnominals + 1) * sizeof *x->nominals);
    if (!bigger)
        return "out of memory";
    x->nominals = bigger;
    x->nominals[x->nnominals++] = m;
    return NULL;
}

/* Append a word to a word list. */
static const char *push_word(char (**list)[NG_WORD_MAX], size_t *n, const char *w)
{
    if (strlen(w) >= NG_WORD_MAX)
        return "word too long";
    char(*bigger)[NG_WORD_MAX] = ng_realloc(*list, *n * sizeof **list, (*n + 1) * sizeof **list);
    if (!bigger)
        return "out of memory";
    *list = bigger;
    strcpy((*list)[(*n)++], w);
    return NULL;
}

static const char *speech_line(ng_xlex *x, char **fields, int n, int lineno)
{
    (void)n;
    (void)lineno;
    return push_word(&x->speech, &x->nspeech, fields[0]);
}

static const char *designator_line(ng_xlex *x, char **fields, int n, int lineno)
{
    (void)n;
    (void)lineno;
    return push_word(&x->designators, &x->ndesignators, fields[0]);
}

/* Read dir/name into a new buffer (free with ng_free(p, *len + 1));
 * NG_ENOTFOUND when absent. */
static int read_file(const char *dir, const char *name, char **out, size_t *len, ng_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: %s", path, strerror(errno));
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    rewind(f);
    if (size < 0 || (size_t)size > XLEX_MAX_FILE) {
        fclose(f);
        return ng_err(err, size < 0 ? NG_EIO : NG_ETOOBIG, "%s: %s", path,
                      size < 0 ? "cannot tell its size" : "larger than the 16 MB limit for a lexicon");
    }
    char *buf = ng_malloc((size_t)size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)size, f) : 0;
    bool bad = ferror(f) || n != (size_t)size;
    fclose(f);
    if (!buf)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    if (bad) {
        ng_free(buf, (size_t)size + 1);
        return ng_err(err, NG_EIO, "%s: read error", path);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return NG_OK;
}

int ng_xlex_load(const char *dir, ng_xlex **out, ng_error *err)
{
    static const struct { const char *file; line_fn fn; bool required; } files[] = {
        {"relations.txt", NULL, true}, {"cues.txt", cue_line, false},
        {"nominals.txt", nominal_line, false}, {"speech.txt", speech_line, false},
        {"org_designators.txt", designator_line, false},
    };
    ng_xlex *x = ng_xlex_new();
    if (!x)
        return ng_err(err, NG_ENOMEM, "lexicons: out of memory");
    for (size_t i = 0; i < NG_ARRAY_LEN(files); i++) {
        char *text = NULL;
        size_t len = 0;
        int rc = read_file(dir, files[i].file, &text, &len, err);
        if (rc == NG_ENOTFOUND && !files[i].required)
            continue;
        if (rc != NG_OK) {
            ng_xlex_free(x);
            return rc;
        }
        char name[4096];
        snprintf(name, sizeof name, "%s/%s", dir, files[i].file);
        if (files[i].fn)
            each_line(x, name, text, len, files[i].fn);
        else
            rc = ng_xlex_parse_frames(x, name, text, len);
        ng_free(text, len + 1);
        if (rc != NG_OK) {
            ng_xlex_free(x);
            return ng_err(err, rc, "%s: out of memory", name);
        }
    }
    *out = x;
    return NG_OK;
}

/* ---------------------------------------------------------- lookups */

const uint32_t *ng_xlex_frames(const ng_xlex *x, const char *word, size_t n)
{
    int64_t id = ng_strtab_find(&x->index, word, n);
    return id < 0 ? NULL : x->frames_of[id];
}

const ng_cue *ng_xlex_cue(const ng_xlex *x, const char *word, int where)
{
    for (size_t i = 0; i < x->ncues; i++)
        if (x->cues[i].nwords == 1 && x->cues[i].where == where && strcmp(x->cues[i].words[0], word) == 0)
            return &x->cues[i];
    return NULL;
}

const ng_nominal *ng_xlex_nominal(const ng_xlex *x, const char *noun)
{
    for (size_t i = 0; i < x->nnominals; i++)
        if (strcmp(x->nominals[i].noun, noun) == 0)
            return &x->nominals[i];
    return NULL;
}

bool ng_xlex_is_speech(const ng_xlex *x, const char *lemma)
{
    for (size_t i = 0; i < x->nspeech; i++)
        if (strcmp(x->speech[i], lemma) == 0)
            return true;
    return false;
}

bool ng_xlex_is_designator(const ng_xlex *x, const char *word, size_t n)
{
    for (size_t i = 0; i < x->ndesignators; i++)
        if (strlen(x->designators[i]) == n && memcmp(x->designators[i], word, n) == 0)
            return true;
    return false;
}
