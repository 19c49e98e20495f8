/*
 * query_entities.c - `newsgraph entities` (list, filter by type or name)
 * and `newsgraph entity NAME` (profile: aliases, roles over time, facts by
 * relation with years and sources, co-occurring entities, documents).
 */
#include "query.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char entities_help[] =
    "usage: newsgraph entities [OPTIONS]\n"
    "\n"
    "List the entities of the knowledge base, those in most documents first:\n"
    "id, name, type, documents, mentions, facts, first_seen, last_seen.\n"
    "\n"
    "  -t, --type T        only entities of type T (PERSON, ORG, GPE, LOC, EVENT, PRODUCT, MISC)\n"
    "  -s, --search TEXT   only entities with a name containing TEXT\n"
    "  -n, --limit N       at most N entities\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object a line\n"
    "      --header        a header line (plain output)\n"
    "  -h, --help          this help\n";

static const char entity_help[] =
    "usage: newsgraph entity [OPTIONS] NAME\n"
    "\n"
    "Profile of one entity (NAME: a name or alias, a part of one, or #ID): its\n"
    "type, aliases, roles over time, facts grouped by relation with years and\n"
    "sources, the entities it appears with, and its documents.  Plain output is\n"
    "one row a line whose first column names the section (entity, alias, role,\n"
    "fact, cooccurs, document); --json prints one JSON object.\n"
    "\n"
    "  -n, --limit N       at most N co-occurring entities and documents (default 10)\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object\n"
    "      --header        header lines (plain output)\n"
    "  -h, --help          this help\n";

enum { OPT_JSON = 1000, OPT_HEADER };

int cmd_entities(int argc, char **argv)
{
    static const struct option opts[] = {
        {"type", required_argument, 0, 't'}, {"search", required_argument, 0, 's'},
        {"limit", required_argument, 0, 'n'}, {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, OPT_JSON},   {"header", no_argument, 0, OPT_HEADER},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
    };
    query_opts o = {0};
    const char *type = NULL, *search = NULL;
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:s:n:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': {
            char up[16];
            size_t k = 0;
            for (; optarg[k] && k + 1 < sizeof up; k++)
                up[k] = (char)toupper((unsigned char)optarg[k]);
            up[k] = '\0';
            if (!ng_ent_type_id(up))
                return cli_usage_error("entities", "unknown entity type '%s'", optarg);
            type = ng_ent_type_name(ng_ent_type_id(up));
            break;
        }
        case 's': search = optarg; break;
        case 'n':
            if (!parse_count(optarg, &n))
                return cli_usage_error("entities", "--limit wants a positive number");
            o.limit = optarg;
            break;
        case 'd': o.db = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_HEADER: o.header = true; break;
        case 'h': return cli_help(entities_help);
        default: return cli_usage_error("entities", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("entities", "unexpected argument '%s'", argv[optind]);
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    ng_kb_param p[] = {{"type", type}, {"search", search}, {"limit", o.limit}};
    row_printer pr = {.out = stdout, .json = o.json, .header = o.header};
    int status = query_print(kb, "entities", p, 3, &pr);
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}

/* ------------------------------------------------------------- profile */

/* JSON: rows as objects in an array, or grouped by one column's value. */
typedef struct json_list {
    FILE *out;
    size_t n;
    const char *group;      /* group by this column (an object of arrays) */
    char current[128];      /* the group open now */
} json_list;

static void json_object(FILE *out, const ng_kb_row *row, const char *skip)
{
    fputc('{', out);
    bool first = true;
    for (size_t i = 0; i < row->ncols; i++) {
        if (skip && strcmp(row->names[i], skip) == 0)
            continue;
        if (!first)
            fputc(',', out);
        first = false;
        cli_json_str(out, row->names[i]);
        fputc(':', out);
        cli_json_value(out, row->values[i], row->types[i]);
    }
    fputc('}', out);
}

static const char *column(const ng_kb_row *row, const char *name)
{
    for (size_t i = 0; i < row->ncols; i++)
        if (strcmp(row->names[i], name) == 0)
            return row->values[i] ? row->values[i] : "";
    return "";
}

static int json_list_row(void *ud, const ng_kb_row *row)
{
    json_list *l = ud;
    if (l->group) {
        const char *g = column(row, l->group);
        if (l->n == 0 || strcmp(g, l->current) != 0) {
            fputs(l->n ? "]," : "", l->out);
            cli_json_str(l->out, g);
            fputs(":[", l->out);
            snprintf(l->current, sizeof l->current, "%s", g);
        } else {
            fputc(',', l->out);
        }
    } else if (l->n) {
        fputc(',', l->out);
    }
    json_object(l->out, row, l->group);
    l->n++;
    return 0;
}

/* One section of the profile: "key": [rows] or {group: [rows]}. */
static int json_section(ng_kb *kb, const char *key, const char *query, const ng_kb_param *p, size_t np,
                        const char *group)
{
    json_list l = {.out = stdout, .group = group};
    printf(",\"%s\":%s", key, group ? "{" : "[");
    ng_error err = {0};
    int rc = ng_kb_query(kb, query, p, np, json_list_row, &l, &err);
    printf("%s%s", group && l.n ? "]" : "", group ? "}" : "]");
    if (rc != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int print_entity_header(void *ud, const ng_kb_row *row)
{
    json_object(ud, row, NULL);
    return 0;
}

static int profile_json(ng_kb *kb, const char *id, const char *limit)
{
    ng_kb_param p[] = {{"id", id}, {"limit", limit}};
    ng_error err = {0};
    /* {"entity": {...}, "aliases": [...], ...} */
    fputs("{\"entity\":", stdout);
    if (ng_kb_query(kb, "entity", p, 1, print_entity_header, stdout, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    int status = json_section(kb, "aliases", "entity.aliases", p, 1, NULL);
    if (status == EXIT_OK)
        status = json_section(kb, "roles", "entity.roles", p, 1, NULL);
    if (status == EXIT_OK)
        status = json_section(kb, "facts", "entity.facts", p, 1, "relation");
    if (status == EXIT_OK)
        status = json_section(kb, "cooccurring", "entity.cooccur", p, 2, NULL);
    if (status == EXIT_OK)
        status = json_section(kb, "documents", "entity.documents", p, 2, NULL);
    fputs("}\n", stdout);
    return status;
}

static int profile_plain(ng_kb *kb, const char *id, const char *limit, bool header)
{
    static const struct { const char *section, *query; int nparams; } parts[] = {
        {"entity", "entity", 1},          {"alias", "entity.aliases", 1},
        {"role", "entity.roles", 1},      {"fact", "entity.facts", 1},
        {"cooccurs", "entity.cooccur", 2}, {"document", "entity.documents", 2},
    };
    ng_kb_param p[] = {{"id", id}, {"limit", limit}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        row_printer pr = {.out = stdout, .header = header, .section = parts[i].section};
        int status = query_print(kb, parts[i].query, p, (size_t)parts[i].nparams, &pr);
        if (status != EXIT_OK)
            return status;
    }
    return EXIT_OK;
}

int cmd_entity(int argc, char **argv)
{
    static const struct option opts[] = {
        {"limit", required_argument, 0, 'n'}, {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, OPT_JSON},   {"header", no_argument, 0, OPT_HEADER},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
    };
    query_opts o = {0};
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (!parse_count(optarg, &n))
                return cli_usage_error("entity", "--limit wants a positive number");
            o.limit = optarg;
            break;
        case 'd': o.db = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_HEADER: o.header = true; break;
        case 'h': return cli_help(entity_help);
        default: return cli_usage_error("entity", "bad option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("entity", "give one entity NAME");
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    long long id = query_find_entity(kb, argv[optind]);
    int status = EXIT_FAIL;
    if (id > 0) {
        char ids[32];
        snprintf(ids, sizeof ids, "%lld", id);
        status = o.json ? profile_json(kb, ids, o.limit) : profile_plain(kb, ids, o.limit, o.header);
    }
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}
