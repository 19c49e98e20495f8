/*
 * mfile.c - opening a model file: map it, then check the header, the section
 * table and the checksum before handing out a single byte of it.
 * Invariant: after ng_mfile_open succeeds every section lies inside the file,
 * starts 16-byte aligned, does not overlap another, and the CRC matched.
 */
#include "learn/learn.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#else
#define HOST_BIG_ENDIAN 0
#endif

typedef struct msection {
    char name[NG_MF_NAME];
    uint64_t off, len;
} msection;

struct ng_mfile {
    char *name;
    const unsigned char *base; /* the file's bytes, 16-byte aligned */
    size_t size;
    void *block;               /* mmap'd region or heap block */
    size_t block_size;
    bool mapped;
    char kind[NG_MF_KIND + 1];
    uint32_t version, crc, nsec;
    msection sec[NG_MF_MAX_SECTIONS];
    void *swapped[NG_MF_MAX_SECTIONS]; /* big-endian hosts: host-order copies */
};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* A NUL-padded name field: true when it holds 1..size-1 printable bytes
 * followed only by NULs; copies it into out. */
static bool padded_name(const unsigned char *p, size_t size, char *out)
{
    size_t n = 0;
    while (n < size && p[n])
        n++;
    if (n == 0 || n == size)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x21 || p[i] > 0x7e)
            return false;
    for (size_t i = n; i < size; i++)
        if (p[i])
            return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static int bad(ng_mfile *f, ng_error *err, const char *what)
{
    return ng_err(err, NG_EMODEL, "%s: not a usable model file: %s", f->name, what);
}

/* Magic, canary, version and probes. */
static int check_ident(ng_mfile *f, ng_error *err)
{
    const unsigned char *h = f->base;
    if (f->size < 8)
        return bad(f, err, "file too short to be a model");
    if (memcmp(h, NG_MF_MAGIC, 8) != 0)
        return bad(f, err, "bad magic (not a newsgraph model file)");
    if (f->size >= 12 && memcmp(h + 8, NG_MF_CANARY, 4) != 0)
        return bad(f, err, "bad canary bytes (file was altered in transfer, e.g. newline conversion)");
    if (f->size < NG_MF_HEADER + 4)
        return ng_err(err, NG_EMODEL, "%s: not a usable model file: truncated (%zu bytes)", f->name, f->size);
    f->version = rd32(h + 12);
    if (f->version != NG_MF_VERSION)
        return ng_err(err, NG_EMODEL, "%s: model format version %u, this build reads version %u (retrain or "
                      "use a matching build)", f->name, f->version, NG_MF_VERSION);
    uint64_t probe = rd64(h + 16);
    if (probe == UINT64_C(0x0807060504030201))
        return bad(f, err, "written big-endian (model files are little-endian)");
    if (probe != UINT64_C(0x0102030405060708))
        return bad(f, err, "bad endianness probe");
    uint64_t fbits = rd64(h + 24);
    double d;
    memcpy(&d, &fbits, sizeof d);
    if (d != NG_MF_FLOAT_PROBE)
        return bad(f, err, "bad floating-point probe (not IEEE 754 binary64)");
    return NG_OK;
}

/* Kind, section count, declared size and checksum. */
static int check_header(ng_mfile *f, ng_error *err)
{
    const unsigned char *h = f->base;
    if (!padded_name(h + 32, NG_MF_KIND, f->kind))
        return bad(f, err, "bad kind field");
    f->nsec = rd32(h + 48);
    if (f->nsec > NG_MF_MAX_SECTIONS)
        return ng_err(err, NG_EMODEL, "%s: not a usable model file: %u sections (limit %d)", f->name,
                      f->nsec, NG_MF_MAX_SECTIONS);
    if (rd32(h + 52) != 0)
        return bad(f, err, "reserved header field is not 0");
    uint64_t declared = rd64(h + 56);
    if (declared != f->size)
        return ng_err(err, NG_EMODEL, "%s: not a usable model file: header says %llu bytes, file has %zu%s",
                      f->name, (unsigned long long)declared, f->size,
                      declared > f->size ? " (truncated)" : " (trailing bytes)");
    f->crc = rd32(h + f->size - 4);
    uint32_t crc = ng_crc32c(0, h, f->size - 4);
    if (crc != f->crc)
        return ng_err(err, NG_EMODEL, "%s: not a usable model file: checksum mismatch (stored %08x, "
                      "computed %08x): the file is corrupt", f->name, f->crc, crc);
    return NG_OK;
}

/* The section table: names unique, sections aligned, inside the data area,
 * in increasing order without overlap. */
static int check_sections(ng_mfile *f, ng_error *err)
{
    uint64_t table_end = NG_MF_HEADER + (uint64_t)f->nsec * NG_MF_SECTION_ENTRY;
    uint64_t data_end = f->size - 4, prev_end = table_end;
    if (table_end > data_end)
        return bad(f, err, "section table runs past the end");
    for (uint32_t i = 0; i < f->nsec; i++) {
        const unsigned char *e = f->base + NG_MF_HEADER + (size_t)i * NG_MF_SECTION_ENTRY;
        msection *s = &f->sec[i];
        if (!padded_name(e, NG_MF_NAME, s->name))
            return ng_err(err, NG_EMODEL, "%s: not a usable model file: section %u has a bad name", f->name, i);
        s->off = rd64(e + NG_MF_NAME);
        s->len = rd64(e + NG_MF_NAME + 8);
        if (s->off % 16 || s->off < prev_end || s->off > data_end || s->len > data_end - s->off)
            return ng_err(err, NG_EMODEL, "%s: not a usable model file: section '%s' (offset %llu, length "
                          "%llu) lies outside the data area or overlaps another", f->name, s->name,
                          (unsigned long long)s->off, (unsigned long long)s->len);
        prev_end = s->off + s->len;
        for (uint32_t j = 0; j < i; j++)
            if (strcmp(f->sec[j].name, s->name) == 0)
                return ng_err(err, NG_EMODEL, "%s: not a usable model file: section '%s' appears twice",
                              f->name, s->name);
    }
    return NG_OK;
}

static int check_all(ng_mfile *f, ng_error *err)
{
    int rc = check_ident(f, err);
    if (rc == NG_OK)
        rc = check_header(f, err);
    if (rc == NG_OK)
        rc = check_sections(f, err);
    return rc;
}

static ng_mfile *mfile_new(const char *name)
{
    ng_mfile *f = ng_calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->name = ng_strndup(name, strlen(name));
    if (!f->name) {
        ng_free(f, sizeof *f);
        return NULL;
    }
    return f;
}

void ng_mfile_close(ng_mfile *f)
{
    if (!f)
        return;
    for (uint32_t i = 0; i < NG_MF_MAX_SECTIONS; i++)
        if (f->swapped[i])
            ng_free(f->swapped[i], (size_t)f->sec[i].len);
    if (f->mapped)
        munmap(f->block, f->block_size);
    else
        ng_free(f->block, f->block_size);
    ng_free(f->name, strlen(f->name) + 1);
    ng_free(f, sizeof *f);
}

static int finish_open(ng_mfile *f, ng_mfile **out, ng_error *err)
{
    int rc = check_all(f, err);
    if (rc != NG_OK) {
        ng_mfile_close(f);
        return rc;
    }
    *out = f;
    return NG_OK;
}

int ng_mfile_open_mem(const char *name, const void *data, size_t len, ng_mfile **out, ng_error *err)
{
    *out = NULL;
    if (len > NG_MF_MAX_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: model file of %zu bytes exceeds the limit", name, len);
    ng_mfile *f = mfile_new(name);
    if (f)
        f->block = ng_malloc(len + 16);
    if (!f || !f->block) {
        ng_mfile_close(f);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    f->block_size = len + 16;
    unsigned char *p = (unsigned char *)f->block + (16 - (uintptr_t)f->block % 16) % 16;
    if (len)
        memcpy(p, data, len);
    f->base = p;
    f->size = len;
    return finish_open(f, out, err);
}

/* Map fd read-only (for empty files there is nothing to map). */
static int map_file(ng_mfile *f, int fd, size_t size, ng_error *err)
{
    f->size = size;
    if (size == 0) {
        static const unsigned char none[16] __attribute__((aligned(16)));
        f->base = none;
        return NG_OK;
    }
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED)
        return ng_err(err, NG_EIO, "%s: cannot map: %s", f->name, strerror(errno));
    f->block = m;
    f->block_size = size;
    f->mapped = true;
    f->base = m;
    return NG_OK;
}

int ng_mfile_open(const char *path, ng_mfile **out, ng_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: cannot open model: %s", path,
                      strerror(errno));
    struct stat st;
    int rc = NG_OK;
    if (fstat(fd, &st) != 0)
        rc = ng_err(err, NG_EIO, "%s: cannot stat: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = ng_err(err, NG_EMODEL, "%s: not a regular file", path);
    else if ((uint64_t)st.st_size > NG_MF_MAX_BYTES)
        rc = ng_err(err, NG_EMODEL, "%s: model file of %lld bytes exceeds the %zu-byte limit", path,
                    (long long)st.st_size, NG_MF_MAX_BYTES);
    ng_mfile *f = rc == NG_OK ? mfile_new(path) : NULL;
    if (rc == NG_OK && !f)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    if (rc == NG_OK)
        rc = map_file(f, fd, (size_t)st.st_size, err);
    close(fd);
    if (rc != NG_OK) {
        ng_mfile_close(f);
        return rc;
    }
    return finish_open(f, out, err);
}

const char *ng_mfile_name(const ng_mfile *f) { return f->name; }
const char *ng_mfile_kind(const ng_mfile *f) { return f->kind; }
uint32_t ng_mfile_version(const ng_mfile *f) { return f->version; }
size_t ng_mfile_size(const ng_mfile *f) { return f->size; }
uint32_t ng_mfile_crc(const ng_mfile *f) { return f->crc; }
size_t ng_mfile_nsections(const ng_mfile *f) { return f->nsec; }

const char *ng_mfile_section_at(const ng_mfile *f, size_t i, uint64_t *offset, uint64_t *len)
{
    *offset = f->sec[i].off;
    *len = f->sec[i].len;
    return f->sec[i].name;
}

static int find_section(const ng_mfile *f, const char *name)
{
    for (uint32_t i = 0; i < f->nsec; i++)
        if (strcmp(f->sec[i].name, name) == 0)
            return (int)i;
    return -1;
}

const void *ng_mfile_section(const ng_mfile *f, const char *name, size_t *len)
{
    int i = find_section(f, name);
    if (i < 0)
        return NULL;
    *len = (size_t)f->sec[i].len;
    return f->base + f->sec[i].off;
}

/* A section as n values of elt bytes in host order. */
static int typed(ng_mfile *f, const char *name, size_t elt, const void **a, size_t *n, ng_error *err)
{
    int i = find_section(f, name);
    if (i < 0)
        return ng_err(err, NG_EMODEL, "%s: model has no section '%s'", f->name, name);
    size_t len = (size_t)f->sec[i].len;
    if (len % elt)
        return ng_err(err, NG_EMODEL, "%s: section '%s' has %zu bytes, not a multiple of %zu", f->name, name,
                      len, elt);
    *n = len / elt;
    *a = f->base + f->sec[i].off;
    if (!HOST_BIG_ENDIAN)
        return NG_OK;
    if (!f->swapped[i]) {
        unsigned char *c = ng_malloc(len ? len : 1);
        if (!c)
            return ng_err(err, NG_ENOMEM, "%s: out of memory", f->name);
        for (size_t k = 0; k < len; k += elt)
            for (size_t b = 0; b < elt; b++)
                c[k + b] = f->base[f->sec[i].off + k + elt - 1 - b];
        f->swapped[i] = c;
    }
    *a = f->swapped[i];
    return NG_OK;
}

int ng_mfile_u32s(ng_mfile *f, const char *name, const uint32_t **a, size_t *n, ng_error *err)
{
    return typed(f, name, 4, (const void **)a, n, err);
}

int ng_mfile_u64s(ng_mfile *f, const char *name, const uint64_t **a, size_t *n, ng_error *err)
{
    return typed(f, name, 8, (const void **)a, n, err);
}

size_t ng_mfile_nlines(const ng_mfile *f, const char *section)
{
    size_t len, n = 0;
    const char *p = ng_mfile_section(f, section, &len);
    if (!p)
        return 0;
    for (size_t i = 0; i < len; i++)
        n += p[i] == '\n';
    return n + (len && p[len - 1] != '\n');
}

bool ng_mfile_line(const ng_mfile *f, const char *section, size_t i, const char **s, size_t *n)
{
    size_t len;
    const char *p = ng_mfile_section(f, section, &len), *end = p + len;
    if (!p)
        return false;
    for (; p < end; i--) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (i == 0) {
            *s = p;
            *n = (size_t)(e - p);
            return true;
        }
        p = nl ? nl + 1 : end;
    }
    return false;
}

bool ng_mfile_meta(const ng_mfile *f, const char *section, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key), nlines = ng_mfile_nlines(f, section);
    for (size_t i = 0; i < nlines; i++) {
        const char *s;
        size_t n;
        if (!ng_mfile_line(f, section, i, &s, &n) || n <= klen || s[klen] != '=' || memcmp(s, key, klen))
            continue;
        size_t vlen = NG_MIN(n - klen - 1, size ? size - 1 : 0);
        if (size) {
            memcpy(out, s + klen + 1, vlen);
            out[vlen] = '\0';
        }
        return true;
    }
    return false;
}
