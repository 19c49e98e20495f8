/*
 * mwrite.c - writing a model file: sections collected in memory, laid out
 * 16-byte aligned after the header and table, closed by a CRC32C, and saved
 * through a temporary file and a rename so a reader never sees half a file.
 * Invariant: the image depends only on the sections added (no timestamps).
 */
#include "learn/learn.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

typedef struct wsection {
    char name[NG_MF_NAME];
    unsigned char *data;
    size_t len;
} wsection;

struct ng_mwriter {
    char kind[NG_MF_KIND];
    wsection sec[NG_MF_MAX_SECTIONS];
    uint32_t nsec;
};

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

ng_mwriter *ng_mwriter_new(const char *kind)
{
    size_t n = strlen(kind);
    if (n == 0 || n >= NG_MF_KIND)
        return NULL;
    ng_mwriter *w = ng_calloc(1, sizeof *w);
    if (w)
        memcpy(w->kind, kind, n);
    return w;
}

void ng_mwriter_free(ng_mwriter *w)
{
    if (!w)
        return;
    for (uint32_t i = 0; i < w->nsec; i++)
        ng_free(w->sec[i].data, w->sec[i].len ? w->sec[i].len : 1);
    ng_free(w, sizeof *w);
}

static bool good_name(const ng_mwriter *w, const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= NG_MF_NAME)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x21 || (unsigned char)name[i] > 0x7e)
            return false;
    for (uint32_t i = 0; i < w->nsec; i++)
        if (strcmp(w->sec[i].name, name) == 0)
            return false;
    return true;
}

/* Add a section of len bytes; *pdata receives the copy (for swapping). */
static int add(ng_mwriter *w, const char *name, const void *data, size_t len, unsigned char **pdata)
{
    if (w->nsec >= NG_MF_MAX_SECTIONS || !good_name(w, name))
        return NG_EARG;
    unsigned char *c = ng_malloc(len ? len : 1);
    if (!c)
        return NG_ENOMEM;
    if (len)
        memcpy(c, data, len);
    wsection *s = &w->sec[w->nsec++];
    memset(s->name, 0, sizeof s->name);
    memcpy(s->name, name, strlen(name));
    s->data = c;
    s->len = len;
    if (pdata)
        *pdata = c;
    return NG_OK;
}

int ng_mwriter_add(ng_mwriter *w, const char *name, const void *data, size_t len)
{
    return add(w, name, data, len, NULL);
}

int ng_mwriter_add_u32s(ng_mwriter *w, const char *name, const uint32_t *a, size_t n)
{
    unsigned char *c;
    int rc = add(w, name, a, n * 4, &c);
    for (size_t i = 0; rc == NG_OK && i < n; i++)
        wr32(c + 4 * i, a[i]);
    return rc;
}

int ng_mwriter_add_u64s(ng_mwriter *w, const char *name, const uint64_t *a, size_t n)
{
    unsigned char *c;
    int rc = add(w, name, a, n * 8, &c);
    for (size_t i = 0; rc == NG_OK && i < n; i++)
        wr64(c + 8 * i, a[i]);
    return rc;
}

static size_t align16(size_t n) { return (n + 15) & ~(size_t)15; }

/* Header fields (all but the checksum). */
static void write_header(const ng_mwriter *w, unsigned char *p, size_t size)
{
    memcpy(p, NG_MF_MAGIC, 8);
    memcpy(p + 8, NG_MF_CANARY, 4);
    wr32(p + 12, NG_MF_VERSION);
    wr64(p + 16, UINT64_C(0x0102030405060708));
    double probe = NG_MF_FLOAT_PROBE;
    uint64_t bits;
    memcpy(&bits, &probe, 8);
    wr64(p + 24, bits);
    memcpy(p + 32, w->kind, NG_MF_KIND);
    wr32(p + 48, w->nsec);
    wr32(p + 52, 0);
    wr64(p + 56, size);
}

int ng_mwriter_image(const ng_mwriter *w, void **out, size_t *plen)
{
    size_t off = NG_MF_HEADER + (size_t)w->nsec * NG_MF_SECTION_ENTRY;
    for (uint32_t i = 0; i < w->nsec; i++)
        off = align16(off) + w->sec[i].len;
    size_t size = off + 4;
    unsigned char *p = ng_calloc(1, size);
    if (!p)
        return NG_ENOMEM;
    write_header(w, p, size);
    off = NG_MF_HEADER + (size_t)w->nsec * NG_MF_SECTION_ENTRY;
    for (uint32_t i = 0; i < w->nsec; i++) {
        unsigned char *e = p + NG_MF_HEADER + (size_t)i * NG_MF_SECTION_ENTRY;
        off = align16(off);
        memcpy(e, w->sec[i].name, NG_MF_NAME);
        wr64(e + NG_MF_NAME, off);
        wr64(e + NG_MF_NAME + 8, w->sec[i].len);
        if (w->sec[i].len)
            memcpy(p + off, w->sec[i].data, w->sec[i].len);
        off += w->sec[i].len;
    }
    wr32(p + size - 4, ng_crc32c(0, p, size - 4));
    *out = p;
    *plen = size;
    return NG_OK;
}

int ng_mwriter_save(const ng_mwriter *w, const char *path, ng_error *err)
{
    void *img;
    size_t len;
    if (ng_mwriter_image(w, &img, &len) != NG_OK)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    int rc = NG_OK;
    FILE *fp = n > 0 && (size_t)n < sizeof tmp ? fopen(tmp, "wb") : NULL;
    if (!fp)
        rc = ng_err(err, NG_EIO, "%s: cannot write: %s", path, strerror(errno));
    else if (fwrite(img, 1, len, fp) != len || fflush(fp) != 0)
        rc = ng_err(err, NG_EIO, "%s: write failed: %s", path, strerror(errno));
    if (fp && fclose(fp) != 0 && rc == NG_OK)
        rc = ng_err(err, NG_EIO, "%s: write failed: %s", path, strerror(errno));
    if (rc == NG_OK && rename(tmp, path) != 0)
        rc = ng_err(err, NG_EIO, "%s: cannot rename %s into place: %s", path, tmp, strerror(errno));
    if (fp && rc != NG_OK)
        unlink(tmp);
    ng_free(img, len);
    return rc;
}
