/*
 * query_util.c - database path, opening read-only, entity lookup by name,
 * and the row printers shared by the knowledge-base commands.
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>

const char *query_db_path(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("NEWSGRAPH_DB");
    return env && *env ? env : "newsgraph.db";
}

ng_kb *query_open(const query_opts *o)
{
    ng_error err = {0};
    ng_kb *kb = ng_kb_open(query_db_path(o->db), NG_KB_READONLY, &err);
    if (!kb)
        cli_error("%s", err.msg);
    return kb;
}

void cli_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

void cli_json_value(FILE *out, const char *v, int type)
{
    if (!v || type == NG_VAL_NULL)
        fputs("null", out);
    else if (type == NG_VAL_INT || type == NG_VAL_REAL)
        fputs(v, out);
    else
        cli_json_str(out, v);
}

void plain_value(FILE *out, const char *v)
{
    for (const char *p = v ? v : ""; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, out);
}

int print_row(void *ud, const ng_kb_row *row)
{
    row_printer *p = ud;
    if (p->json) {
        fputc('{', p->out);
        for (size_t i = 0; i < row->ncols; i++) {
            if (i)
                fputc(',', p->out);
            cli_json_str(p->out, row->names[i]);
            fputc(':', p->out);
            cli_json_value(p->out, row->values[i], row->types[i]);
        }
        fputs("}\n", p->out);
    } else {
        if (p->header && p->rows == 0) {
            if (p->section)
                fputs("section\t", p->out);
            for (size_t i = 0; i < row->ncols; i++)
                fprintf(p->out, "%s%s", i ? "\t" : "", row->names[i]);
            fputc('\n', p->out);
        }
        if (p->section)
            fprintf(p->out, "%s\t", p->section);
        for (size_t i = 0; i < row->ncols; i++) {
            if (i)
                fputc('\t', p->out);
            plain_value(p->out, row->values[i]);
        }
        fputc('\n', p->out);
    }
    p->rows++;
    return ferror(p->out) ? 1 : 0;
}

int query_print(ng_kb *kb, const char *query, const ng_kb_param *params, size_t n, row_printer *p)
{
    ng_error err = {0};
    if (ng_kb_query(kb, query, params, n, print_row, p, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ------------------------------------------------------- entity lookup */

typedef struct found {
    long long id[10];
    char names[10][128];
    size_t n;
} found;

static int collect(void *ud, const ng_kb_row *row)
{
    found *f = ud;
    if (f->n < 10 && row->ncols >= 3) {
        f->id[f->n] = atoll(row->values[0]);
        snprintf(f->names[f->n], sizeof f->names[0], "%s (%s)", row->values[1], row->values[2]);
        f->n++;
    }
    return 0;
}

long long query_find_entity(ng_kb *kb, const char *name)
{
    found f = {0};
    ng_error err = {0};
    ng_kb_param p[] = {{"name", name}};
    if (ng_kb_query(kb, "entity.find", p, 1, collect, &f, &err) != NG_OK ||
        (f.n == 0 && ng_kb_query(kb, "entity.find_like", p, 1, collect, &f, &err) != NG_OK)) {
        cli_error("%s", err.msg);
        return -1;
    }
    if (f.n == 0) {
        cli_error("no entity named '%s'", name);
        return 0;
    }
    if (f.n > 1) {
        fprintf(stderr, "newsgraph: '%s' matches %zu entities; showing #%lld %s; others:", name, f.n, f.id[0],
                f.names[0]);
        for (size_t i = 1; i < f.n; i++)
            fprintf(stderr, "%s #%lld %s", i > 1 ? "," : "", f.id[i], f.names[i]);
        fputc('\n', stderr);
    }
    return f.id[0];
}

bool parse_count(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v <= 0)
        return false;
    *out = v;
    return true;
}
