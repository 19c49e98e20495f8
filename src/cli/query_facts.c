/*
 * query_facts.c - `newsgraph facts` (facts filtered by relation, subject,
 * object, year, polarity, modality) and `newsgraph timeline NAME` (dated
 * facts about one entity, in order).
 */
#include "query.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char facts_help[] =
    "usage: newsgraph facts [OPTIONS]\n"
    "\n"
    "List distinct facts with their aggregated evidence: fact, relation,\n"
    "subject, subject_type, object, object_type, polarity, modality, time,\n"
    "year, title, sources, evidence, first_seen, last_seen, confidence.\n"
    "A fact reported by many documents is one row; sources counts documents\n"
    "(a cluster of near-duplicates once).  Names match any alias, case-\n"
    "insensitively; % is a wildcard.\n"
    "\n"
    "  -r, --relation R    only relation R (attended, role, owns, blocked_in, said, ...)\n"
    "  -s, --subject X     only facts whose subject is named X\n"
    "  -o, --object Y      only facts whose object is named Y (or quote contains Y)\n"
    "  -y, --year Y        only facts of year Y (the fact's time, else when first reported)\n"
    "      --negated       only negated facts (\"did not attend\")\n"
    "      --positive      only facts that are not negated\n"
    "      --planned       only planned facts (modality planned)\n"
    "      --modality M    only modality M (asserted, planned, former, hedged, reported)\n"
    "  -n, --limit N       at most N facts\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object a line\n"
    "      --header        a header line (plain output)\n"
    "  -h, --help          this help\n";

static const char timeline_help[] =
    "usage: newsgraph timeline [OPTIONS] NAME\n"
    "\n"
    "Facts about one entity in date order: the date the text gives (dated_by\n"
    "text), else the date it was first reported (dated_by published).\n"
    "\n"
    "  -n, --limit N       at most N facts\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object a line\n"
    "      --header        a header line (plain output)\n"
    "  -h, --help          this help\n";

enum { OPT_JSON = 1000, OPT_HEADER, OPT_NEGATED, OPT_POSITIVE, OPT_PLANNED, OPT_MODALITY };

typedef struct fact_filter {
    const char *relation, *subject, *object, *year, *negated, *modality;
} fact_filter;

static int parse_facts(int argc, char **argv, query_opts *o, fact_filter *f)
{
    static const struct option opts[] = {
        {"relation", required_argument, 0, 'r'}, {"subject", required_argument, 0, 's'},
        {"object", required_argument, 0, 'o'},   {"year", required_argument, 0, 'y'},
        {"negated", no_argument, 0, OPT_NEGATED}, {"positive", no_argument, 0, OPT_POSITIVE},
        {"planned", no_argument, 0, OPT_PLANNED}, {"modality", required_argument, 0, OPT_MODALITY},
        {"limit", required_argument, 0, 'n'},    {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, OPT_JSON},      {"header", no_argument, 0, OPT_HEADER},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0},
    };
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "r:s:o:y:n:d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': f->relation = optarg; break;
        case 's': f->subject = optarg; break;
        case 'o': f->object = optarg; break;
        case 'y':
            if (!parse_count(optarg, &n))
                return cli_usage_error("facts", "--year wants a year");
            f->year = optarg;
            break;
        case OPT_NEGATED: f->negated = "1"; break;
        case OPT_POSITIVE: f->negated = "0"; break;
        case OPT_PLANNED: f->modality = "planned"; break;
        case OPT_MODALITY:
            if (strcmp(ng_modality_name(ng_modality_id(optarg)), optarg) != 0)
                return cli_usage_error("facts", "unknown modality '%s'", optarg);
            f->modality = optarg;
            break;
        case 'n':
            if (!parse_count(optarg, &n))
                return cli_usage_error("facts", "--limit wants a positive number");
            o->limit = optarg;
            break;
        case 'd': o->db = optarg; break;
        case OPT_JSON: o->json = true; break;
        case OPT_HEADER: o->header = true; break;
        case 'h': return -1;
        default: return cli_usage_error("facts", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("facts", "unexpected argument '%s'", argv[optind]);
    return EXIT_OK;
}

int cmd_facts(int argc, char **argv)
{
    query_opts o = {0};
    fact_filter f = {0};
    int rc = parse_facts(argc, argv, &o, &f);
    if (rc != EXIT_OK)
        return rc < 0 ? cli_help(facts_help) : rc;
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    ng_kb_param p[] = {
        {"relation", f.relation}, {"subject", f.subject}, {"object", f.object}, {"year", f.year},
        {"negated", f.negated},   {"modality", f.modality}, {"limit", o.limit},
    };
    row_printer pr = {.out = stdout, .json = o.json, .header = o.header};
    int status = query_print(kb, "facts", p, sizeof p / sizeof p[0], &pr);
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}

int cmd_timeline(int argc, char **argv)
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
                return cli_usage_error("timeline", "--limit wants a positive number");
            o.limit = optarg;
            break;
        case 'd': o.db = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_HEADER: o.header = true; break;
        case 'h': return cli_help(timeline_help);
        default: return cli_usage_error("timeline", "bad option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("timeline", "give one entity NAME");
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    long long id = query_find_entity(kb, argv[optind]);
    int status = EXIT_FAIL;
    if (id > 0) {
        char ids[32];
        snprintf(ids, sizeof ids, "%lld", id);
        ng_kb_param p[] = {{"id", ids}, {"limit", o.limit}};
        row_printer pr = {.out = stdout, .json = o.json, .header = o.header};
        status = query_print(kb, "timeline", p, 2, &pr);
    }
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}
