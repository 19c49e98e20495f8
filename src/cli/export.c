/*
 * export.c - `newsgraph export`: the entity graph (entities as nodes, facts
 * between two entities as edges) as JSON Lines, CSV (nodes.csv, edges.csv),
 * GraphML or GEXF, for pandas, Neo4j, Cytoscape and Gephi.  Streams rows:
 * nodes first, then edges; memory does not grow with the graph.
 */
#include "query.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

static const char help[] =
    "usage: newsgraph export [OPTIONS]\n"
    "\n"
    "Write the knowledge graph: entities are nodes (id, name, type, documents,\n"
    "mentions, first_seen, last_seen, aliases); facts between two entities are\n"
    "directed edges (relation, polarity, modality, time, year, title, sources,\n"
    "evidence, first_seen, last_seen, confidence).  Facts with a literal object\n"
    "(quotes) are not edges; see 'newsgraph facts --relation said'.\n"
    "\n"
    "  -f, --format F      jsonl (default), csv, graphml or gexf\n"
    "  -o, --output PATH   file to write (default stdout); for csv a directory\n"
    "                      that receives nodes.csv and edges.csv (required)\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "  -h, --help          this help\n"
    "\n"
    "jsonl: one {\"kind\":\"node\",...} or {\"kind\":\"edge\",...} object a line.\n"
    "csv: a header line, then RFC 4180 rows; aliases joined with '|'.\n"
    "graphml, gexf: node labels are names, edge labels relations; GEXF edge\n"
    "weights are the number of sources.\n";

typedef enum { FMT_JSONL, FMT_CSV, FMT_GRAPHML, FMT_GEXF } export_format;

typedef struct exporter {
    export_format fmt;
    FILE *out;              /* nodes (and everything but csv edges) */
    FILE *edges;            /* csv: edges.csv */
    size_t rows;
    bool edge_phase;
} exporter;

/* Attribute columns and their GraphML/GEXF types. */
typedef struct attr {
    const char *name, *type;
} attr;

static const attr node_attrs[] = {
    {"type", "string"}, {"documents", "int"}, {"mentions", "int"}, {"first_seen", "string"},
    {"last_seen", "string"}, {"aliases", "string"},
};
static const attr edge_attrs[] = {
    {"relation", "string"}, {"polarity", "string"}, {"modality", "string"}, {"time", "string"},
    {"year", "int"}, {"title", "string"}, {"sources", "int"}, {"evidence", "int"},
    {"first_seen", "string"}, {"last_seen", "string"}, {"confidence", "double"},
};
#define NATTRS(a) (sizeof(a) / sizeof((a)[0]))

static const char *col(const ng_kb_row *row, const char *name)
{
    for (size_t i = 0; i < row->ncols; i++)
        if (strcmp(row->names[i], name) == 0)
            return row->values[i];
    return NULL;
}

/* --------------------------------------------------------------- escaping */

/* XML text or attribute value; characters XML 1.0 forbids are dropped. */
static void xml_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
                fputc(*p, out);
        }
    }
}

static void csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* Aliases come from the database joined by '\x1f'. */
static void aliases_json(FILE *out, const char *s)
{
    fputc('[', out);
    for (const char *p = s; p && *p;) {
        const char *e = strchr(p, '\x1f');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char one[1024];
        snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one - 1 ? n : sizeof one - 1), p);
        if (p != s)
            fputc(',', out);
        cli_json_str(out, one);
        p = e ? e + 1 : p + n;
    }
    fputc(']', out);
}

static void aliases_plain(FILE *out, const char *s, void (*emit)(FILE *, const char *))
{
    char buf[8192];
    snprintf(buf, sizeof buf, "%s", s ? s : "");
    for (char *p = buf; *p; p++)
        if (*p == '\x1f')
            *p = '|';
    emit(out, buf);
}

/* ------------------------------------------------------------------ rows */

static void row_jsonl(exporter *x, const ng_kb_row *row, const char *kind)
{
    fprintf(x->out, "{\"kind\":\"%s\"", kind);
    for (size_t i = 0; i < row->ncols; i++) {
        fputc(',', x->out);
        cli_json_str(x->out, row->names[i]);
        fputc(':', x->out);
        if (strcmp(row->names[i], "aliases") == 0)
            aliases_json(x->out, row->values[i]);
        else
            cli_json_value(x->out, row->values[i], row->types[i]);
    }
    fputs("}\n", x->out);
}

static void row_csv(FILE *out, const ng_kb_row *row, bool header)
{
    if (header) {
        for (size_t i = 0; i < row->ncols; i++)
            fprintf(out, "%s%s", i ? "," : "", row->names[i]);
        fputc('\n', out);
    }
    for (size_t i = 0; i < row->ncols; i++) {
        if (i)
            fputc(',', out);
        if (strcmp(row->names[i], "aliases") == 0)
            aliases_plain(out, row->values[i], csv_field);
        else
            csv_field(out, row->values[i]);
    }
    fputc('\n', out);
}

static void xml_attvalues(FILE *out, const ng_kb_row *row, const attr *attrs, size_t n, bool graphml,
                          const char *prefix)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = col(row, attrs[i].name);
        if (!v)
            continue;
        fprintf(out, graphml ? "<data key=\"%s%s\">" : "<attvalue for=\"%s%s\" value=\"", prefix, attrs[i].name);
        if (strcmp(attrs[i].name, "aliases") == 0)
            aliases_plain(out, v, xml_text);
        else
            xml_text(out, v);
        fputs(graphml ? "</data>" : "\"/>", out);
    }
}

static void node_xml(exporter *x, const ng_kb_row *row)
{
    bool gml = x->fmt == FMT_GRAPHML;
    fprintf(x->out, gml ? "    <node id=\"n%s\"><data key=\"n_label\">" : "      <node id=\"%s\" label=\"",
            col(row, "id"));
    xml_text(x->out, col(row, "name"));
    fputs(gml ? "</data>" : "\"><attvalues>", x->out);
    xml_attvalues(x->out, row, node_attrs, NATTRS(node_attrs), gml, "n_");
    fputs(gml ? "</node>\n" : "</attvalues></node>\n", x->out);
}

static void edge_xml(exporter *x, const ng_kb_row *row)
{
    bool gml = x->fmt == FMT_GRAPHML;
    const char *id = col(row, "id"), *s = col(row, "source"), *t = col(row, "target");
    const char *w = col(row, "sources");
    if (gml)
        fprintf(x->out, "    <edge id=\"e%s\" source=\"n%s\" target=\"n%s\"><data key=\"e_label\">", id, s, t);
    else
        fprintf(x->out, "      <edge id=\"%s\" source=\"%s\" target=\"%s\" weight=\"%s\" label=\"", id, s, t,
                w ? w : "1");
    xml_text(x->out, col(row, "relation"));
    fputs(gml ? "</data>" : "\"><attvalues>", x->out);
    xml_attvalues(x->out, row, edge_attrs, NATTRS(edge_attrs), gml, "e_");
    fputs(gml ? "</edge>\n" : "</attvalues></edge>\n", x->out);
}

static int node_row(void *ud, const ng_kb_row *row)
{
    exporter *x = ud;
    switch (x->fmt) {
    case FMT_JSONL: row_jsonl(x, row, "node"); break;
    case FMT_CSV: row_csv(x->out, row, x->rows == 0); break;
    default: node_xml(x, row); break;
    }
    x->rows++;
    return ferror(x->out) ? 1 : 0;
}

static int edge_row(void *ud, const ng_kb_row *row)
{
    exporter *x = ud;
    switch (x->fmt) {
    case FMT_JSONL: row_jsonl(x, row, "edge"); break;
    case FMT_CSV: row_csv(x->edges, row, x->rows == 0); break;
    default: edge_xml(x, row); break;
    }
    x->rows++;
    return ferror(x->fmt == FMT_CSV ? x->edges : x->out) ? 1 : 0;
}

/* ------------------------------------------------------- document frames */

static void xml_keys(FILE *out, const attr *attrs, size_t n, const char *prefix, const char *for_)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  <key id=\"%s%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", prefix, attrs[i].name,
                for_, attrs[i].name, attrs[i].type);
}

static void gexf_attrs(FILE *out, const attr *attrs, size_t n, const char *prefix, const char *cls)
{
    fprintf(out, "    <attributes class=\"%s\">\n", cls);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "      <attribute id=\"%s%s\" title=\"%s\" type=\"%s\"/>\n", prefix, attrs[i].name,
                attrs[i].name, strcmp(attrs[i].type, "int") == 0 ? "integer" : attrs[i].type);
    fputs("    </attributes>\n", out);
}

static void begin(exporter *x)
{
    if (x->fmt == FMT_GRAPHML) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
              "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
              "  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n", x->out);
        xml_keys(x->out, node_attrs, NATTRS(node_attrs), "n_", "node");
        xml_keys(x->out, edge_attrs, NATTRS(edge_attrs), "e_", "edge");
        fputs("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n", x->out);
    } else if (x->fmt == FMT_GEXF) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
              "  <meta><creator>newsgraph " NG_VERSION "</creator></meta>\n"
              "  <graph defaultedgetype=\"directed\" mode=\"static\">\n", x->out);
        gexf_attrs(x->out, node_attrs, NATTRS(node_attrs), "n_", "node");
        gexf_attrs(x->out, edge_attrs, NATTRS(edge_attrs), "e_", "edge");
        fputs("    <nodes>\n", x->out);
    }
}

static void middle(exporter *x)
{
    if (x->fmt == FMT_GEXF)
        fputs("    </nodes>\n    <edges>\n", x->out);
}

static void end(exporter *x)
{
    if (x->fmt == FMT_GRAPHML)
        fputs("  </graph>\n</graphml>\n", x->out);
    else if (x->fmt == FMT_GEXF)
        fputs("    </edges>\n  </graph>\n</gexf>\n", x->out);
}

/* ------------------------------------------------------------------ main */

static int parse_format(const char *s, export_format *out)
{
    static const struct { const char *name; export_format f; } names[] = {
        {"jsonl", FMT_JSONL}, {"csv", FMT_CSV}, {"graphml", FMT_GRAPHML}, {"gexf", FMT_GEXF},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        cli_error("%s: %s", path, strerror(errno));
    return f;
}

/* Open the outputs of x; false (error printed) on failure. */
static bool open_outputs(exporter *x, const char *output)
{
    if (x->fmt == FMT_CSV) {
        if (!output) {
            cli_usage_error("export", "csv writes nodes.csv and edges.csv: give a directory with -o");
            return false;
        }
        if (mkdir(output, 0777) != 0 && errno != EEXIST) {
            cli_error("%s: %s", output, strerror(errno));
            return false;
        }
        x->out = open_out(output, "nodes.csv");
        x->edges = x->out ? open_out(output, "edges.csv") : NULL;
        return x->edges != NULL;
    }
    x->out = output ? fopen(output, "w") : stdout;
    if (!x->out)
        cli_error("%s: %s", output, strerror(errno));
    return x->out != NULL;
}

static int close_outputs(exporter *x, int status)
{
    if (x->edges && fclose(x->edges) != 0)
        status = EXIT_FAIL;
    if (x->out && x->out != stdout && fclose(x->out) != 0)
        status = EXIT_FAIL;
    return x->out == stdout ? cli_finish_stdout(status) : status;
}

static int run_export(ng_kb *kb, exporter *x)
{
    ng_error err = {0};
    begin(x);
    int rc = ng_kb_query(kb, "export.nodes", NULL, 0, node_row, x, &err);
    middle(x);
    x->rows = 0;
    if (rc == NG_OK)
        rc = ng_kb_query(kb, "export.edges", NULL, 0, edge_row, x, &err);
    end(x);
    if (rc != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return ferror(x->out) || (x->edges && ferror(x->edges)) ? EXIT_FAIL : EXIT_OK;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"output", required_argument, 0, 'o'},
        {"db", required_argument, 0, 'd'},     {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    query_opts o = {0};
    exporter x = {.fmt = FMT_JSONL};
    const char *output = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (parse_format(optarg, &x.fmt) != 0)
                return cli_usage_error("export", "unknown format '%s' (jsonl, csv, graphml, gexf)", optarg);
            break;
        case 'o': output = optarg; break;
        case 'd': o.db = optarg; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("export", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    if (x.fmt == FMT_CSV && !output)
        return cli_usage_error("export", "csv writes nodes.csv and edges.csv: give a directory with -o");
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    int status = open_outputs(&x, output) ? run_export(kb, &x) : EXIT_FAIL;
    ng_kb_close(kb);
    return close_outputs(&x, status);
}
