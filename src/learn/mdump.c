/*
 * mdump.c - a model file as text, for `newsgraph model info|dump`: header,
 * sections, metadata, and for every perceptron model in it (sections
 * "<name>.head") its size, features per template and top weights.  Generic:
 * labels and template names come from the file's "labels" and "templates"
 * sections, so any model kind prints the same way.
 */
#include "learn/learn.h"

#include <stdio.h>
#include <stdlib.h>

#define TOP_FEATURES 25
#define TOP_WEIGHTS 4

static void print_header(FILE *out, const ng_mfile *f)
{
    fprintf(out, "model:    %s\nkind:     %s\nformat:   version %u, little-endian\n", ng_mfile_name(f),
            ng_mfile_kind(f), ng_mfile_version(f));
    fprintf(out, "size:     %zu bytes (%.2f MB)\ncrc32c:   %08x (verified)\n", ng_mfile_size(f),
            (double)ng_mfile_size(f) / 1e6, ng_mfile_crc(f));
    fprintf(out, "sections: %zu\n", ng_mfile_nsections(f));
    for (size_t i = 0; i < ng_mfile_nsections(f); i++) {
        uint64_t off, len;
        const char *name = ng_mfile_section_at(f, i, &off, &len);
        fprintf(out, "  %-24s offset %10llu  length %10llu\n", name, (unsigned long long)off,
                (unsigned long long)len);
    }
}

/* The lines of a text section, indented. */
static void print_lines(FILE *out, const ng_mfile *f, const char *section, const char *title, bool numbered)
{
    size_t n = ng_mfile_nlines(f, section);
    if (!n)
        return;
    fprintf(out, "%s (%zu):\n", title, n);
    for (size_t i = 0; i < n; i++) {
        const char *s;
        size_t len;
        ng_mfile_line(f, section, i, &s, &len);
        if (numbered)
            fprintf(out, "  %4zu  %.*s\n", i, (int)len, s);
        else
            fprintf(out, "  %.*s\n", (int)len, s);
    }
}

/* Name of template t from the "templates" section ("id name" lines). */
static void template_name(const ng_mfile *f, unsigned t, char *out, size_t size)
{
    size_t n = ng_mfile_nlines(f, "templates");
    for (size_t i = 0; i < n; i++) {
        const char *s;
        size_t len;
        ng_mfile_line(f, "templates", i, &s, &len);
        char *end;
        if (strtoul(s, &end, 10) == t && end < s + len && *end == ' ') {
            snprintf(out, size, "%.*s", (int)(s + len - end - 1), end + 1);
            return;
        }
    }
    snprintf(out, size, "t%u", t);
}

static void label_name(const ng_mfile *f, uint32_t c, char *out, size_t size)
{
    const char *s;
    size_t len;
    if (ng_mfile_line(f, "labels", c, &s, &len))
        snprintf(out, size, "%.*s", (int)len, s);
    else
        snprintf(out, size, "#%u", c);
}

static void print_templates(FILE *out, const ng_mfile *f, const ng_pmodel *m)
{
    uint32_t per[256] = {0};
    for (uint32_t i = 0; i < m->nslots; i++)
        if (m->slots[2 * (size_t)i])
            per[ng_feat_tmpl(m->slots[2 * (size_t)i])]++;
    fprintf(out, "  features per template:\n");
    for (unsigned t = 0; t < 256; t++) {
        char name[64];
        if (!per[t])
            continue;
        template_name(f, t, name, sizeof name);
        fprintf(out, "    %-28s %9u\n", name, per[t]);
    }
}

typedef struct ranked {
    int32_t top;
    uint32_t slot;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->top != y->top)
        return x->top > y->top ? -1 : 1;
    return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* One feature line: template, hash, its largest weights. */
static void print_feature(FILE *out, const ng_mfile *f, const ng_pmodel *m, uint32_t slot)
{
    uint64_t key = m->slots[2 * (size_t)slot], v = m->slots[2 * (size_t)slot + 1];
    const uint32_t *e = m->ents + (uint32_t)v;
    uint32_t n = (uint32_t)(v >> 32);
    char name[64];
    template_name(f, ng_feat_tmpl(key), name, sizeof name);
    fprintf(out, "    %-20s %014llx ", name, (unsigned long long)(key & NG_FEAT_HASH_MASK));
    bool used[TOP_WEIGHTS * 64] = {0};
    for (int k = 0; k < TOP_WEIGHTS && k < (int)n; k++) {
        uint32_t best = UINT32_MAX;
        for (uint32_t j = 0; j < n && j < NG_ARRAY_LEN(used); j++)
            if (!used[j] && (best == UINT32_MAX || abs(ng_pent_weight(e[j])) > abs(ng_pent_weight(e[best]))))
                best = j;
        if (best == UINT32_MAX)
            break;
        used[best] = true;
        char lab[32];
        label_name(f, ng_pent_class(e[best]), lab, sizeof lab);
        fprintf(out, " %s=%+.3f", lab, (double)ng_pent_weight(e[best]) * (double)m->scale);
    }
    fputc('\n', out);
}

static int print_top(FILE *out, const ng_mfile *f, const ng_pmodel *m)
{
    ranked *r = ng_malloc((m->nfeatures ? m->nfeatures : 1) * sizeof *r);
    if (!r)
        return NG_ENOMEM;
    size_t n = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        if (!m->slots[2 * (size_t)i])
            continue;
        uint64_t v = m->slots[2 * (size_t)i + 1];
        int32_t top = 0;
        for (uint32_t j = 0; j < (uint32_t)(v >> 32); j++)
            top = NG_MAX(top, abs(ng_pent_weight(m->ents[(uint32_t)v + j])));
        r[n++] = (ranked){top, i};
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    fprintf(out, "  top %d features by largest weight:\n", TOP_FEATURES);
    for (size_t i = 0; i < n && i < TOP_FEATURES; i++)
        print_feature(out, f, m, r[i].slot);
    ng_free(r, (m->nfeatures ? m->nfeatures : 1) * sizeof *r);
    return NG_OK;
}

/* Every "<prefix>.head" section: load (checking it) and describe. */
static int print_models(FILE *out, ng_mfile *f, int detail, ng_error *err)
{
    for (size_t i = 0; i < ng_mfile_nsections(f); i++) {
        uint64_t off, len;
        const char *name = ng_mfile_section_at(f, i, &off, &len);
        size_t nl = strlen(name);
        if (nl < 6 || strcmp(name + nl - 5, ".head") != 0)
            continue;
        char prefix[NG_MF_NAME];
        snprintf(prefix, sizeof prefix, "%.*s", (int)(nl - 5), name);
        ng_pmodel m;
        int rc = ng_pmodel_load(f, prefix, &m, err);
        if (rc != NG_OK)
            return rc;
        fprintf(out, "perceptron %s: %u classes, %u features, %u weights, %u slots (load %.2f), scale %.6g\n",
                prefix, m.nclasses, m.nfeatures, m.nents, m.nslots, (double)m.nfeatures / m.nslots,
                (double)m.scale);
        if (detail) {
            print_templates(out, f, &m);
            if (print_top(out, f, &m) != NG_OK)
                return ng_err(err, NG_ENOMEM, "%s: out of memory", ng_mfile_name(f));
        }
    }
    return NG_OK;
}

int ng_model_print(FILE *out, const char *path, int detail, ng_error *err)
{
    ng_mfile *f;
    int rc = ng_mfile_open(path, &f, err);
    if (rc != NG_OK)
        return rc;
    print_header(out, f);
    print_lines(out, f, "meta", "metadata", false);
    if (detail)
        print_lines(out, f, "labels", "labels", true);
    rc = print_models(out, f, detail, err);
    ng_mfile_close(f);
    if (rc == NG_OK && ferror(out))
        rc = ng_err(err, NG_EIO, "%s: error writing the description", path);
    return rc;
}
