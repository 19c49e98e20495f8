/*
 * extract.c - `newsgraph extract`: read articles, run the pipeline, print
 * records.  A pure filter: no state between documents, so it can run over
 * shards under GNU parallel, Hadoop Streaming or Spark's pipe.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph extract [OPTIONS] PATH...\n"
    "\n"
    "Read articles from files, directories (recursively) or - (stdin) and print\n"
    "one record per line: the document, its entities and its facts.\n"
    "\n"
    "  -f, --format FMT        output: jsonl (default) or conllu\n"
    "  -i, --input-format FMT  auto (default), txt, html, jsonl or warc\n"
    "  -r, --records LIST      jsonl records to print: document,entity,fact (default all)\n"
    "      --no-body           leave the body out of document records\n"
    "  -s, --stages LIST       run only these stages: tokenize,pos,ner,parse,lemma,time,\n"
    "                          entities,facts (default: all; facts bring entities and time)\n"
    "  -m, --models DIR        model directory (default: the shipped models)\n"
    "  -l, --lexicons DIR      lexicon directory (default: the shipped lexicons)\n"
    "  -v, --verbose           more diagnostics on stderr\n"
    "  -h, --help              this help\n"
    "\n"
    "Inputs: .txt, .html/.htm, .jsonl, .warc, each optionally .gz.  An input that\n"
    "fails is reported on stderr with its name and the run goes on; the exit\n"
    "status is 1 when any input failed.\n";

static int parse_records(const char *list, unsigned *out)
{
    unsigned r = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "document") == 0 || strcmp(tok, "documents") == 0)
            r |= NG_OUT_DOCUMENT;
        else if (strcmp(tok, "entity") == 0 || strcmp(tok, "entities") == 0)
            r |= NG_OUT_ENTITIES;
        else if (strcmp(tok, "fact") == 0 || strcmp(tok, "facts") == 0)
            r |= NG_OUT_FACTS;
        else
            return -1;
    }
    *out = r;
    return 0;
}

static int parse_stages(const char *list, unsigned *out)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"tokenize", NG_STAGE_TOKENIZE}, {"pos", NG_STAGE_POS},     {"ner", NG_STAGE_NER},
        {"parse", NG_STAGE_PARSE},       {"lemma", NG_STAGE_LEMMA}, {"time", NG_STAGE_TIME},
        {"entities", NG_STAGE_ENTITIES}, {"facts", NG_STAGE_FACTS}, {"all", NG_STAGE_ALL},
    };
    unsigned r = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        size_t i = 0;
        while (i < sizeof names / sizeof names[0] && strcmp(tok, names[i].name) != 0)
            i++;
        if (i == sizeof names / sizeof names[0])
            return -1;
        r |= names[i].bit;
    }
    *out = r;
    return 0;
}

static int parse_input_format(const char *s, ng_format *out)
{
    static const struct { const char *name; ng_format fmt; } names[] = {
        {"auto", NG_FMT_AUTO}, {"txt", NG_FMT_TEXT}, {"text", NG_FMT_TEXT},
        {"html", NG_FMT_HTML}, {"jsonl", NG_FMT_JSONL}, {"warc", NG_FMT_WARC},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].fmt;
            return 0;
        }
    return -1;
}

int cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},       {"input-format", required_argument, 0, 'i'},
        {"records", required_argument, 0, 'r'},      {"no-body", no_argument, 0, 'B'},
        {"models", required_argument, 0, 'm'},       {"lexicons", required_argument, 0, 'l'},
        {"stages", required_argument, 0, 's'},
        {"verbose", no_argument, 0, 'v'},            {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "jsonl", *models = NULL, *lexicons = NULL;
    ng_format in_format = NG_FMT_AUTO;
    unsigned records = NG_OUT_ALL;
    bool verbose = false;
    unsigned stages = NG_STAGE_ALL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:i:r:m:l:s:vh", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'i':
            if (parse_input_format(optarg, &in_format) != 0)
                return cli_usage_error("extract", "unknown input format '%s'", optarg);
            break;
        case 'r':
            if (parse_records(optarg, &records) != 0)
                return cli_usage_error("extract", "unknown record kind in '%s'", optarg);
            break;
        case 'B': records |= NG_OUT_NO_BODY; break;
        case 's':
            if (parse_stages(optarg, &stages) != 0)
                return cli_usage_error("extract", "unknown stage in '%s'", optarg);
            break;
        case 'm': models = optarg; break;
        case 'l': lexicons = optarg; break;
        case 'v': verbose = true; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("extract", "bad option");
        }
    }
    bool conllu = strcmp(format, "conllu") == 0;
    if (!conllu && strcmp(format, "jsonl") != 0)
        return cli_usage_error("extract", "unknown output format '%s' (jsonl or conllu)", format);
    if (optind >= argc)
        return cli_usage_error("extract", "no input; give files, directories or -");
    cli_init_logging(verbose);

    ng_error err = {0};
    if (conllu)
        stages &= ~(unsigned)(NG_STAGE_ENTITIES | NG_STAGE_FACTS);
    ng_pipeline *pipe = ng_pipeline_open(models, lexicons, stages, &err);
    if (!pipe) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    ng_reader *reader = ng_reader_new(in_format);
    for (int i = optind; reader && i < argc; i++)
        if (ng_reader_add(reader, argv[i]) != NG_OK)
            break;
    if (!reader) {
        cli_error("out of memory");
        ng_pipeline_free(pipe);
        return EXIT_FAIL;
    }
    cli_progress progress;
    cli_progress_start(&progress, "documents", 0);
    int status = EXIT_OK;
    for (;;) {
        ng_doc *doc = NULL;
        int rc = ng_reader_next(reader, &doc, &err);
        if (rc == NG_END)
            break;
        if (rc != NG_OK) {
            cli_error("%s", err.msg);
            status = EXIT_FAIL;
            continue;
        }
        rc = ng_pipeline_run(pipe, doc, &err);
        if (rc != NG_OK) {
            cli_error("%s: %s", ng_doc_get(doc, NG_F_PATH), err.msg);
            status = EXIT_FAIL;
        } else if ((conllu ? ng_write_conllu(stdout, doc) : ng_write_jsonl(stdout, doc, records)) != NG_OK) {
            ng_doc_free(doc);
            status = EXIT_FAIL;
            break; /* stdout is gone: nothing more can be written */
        }
        ng_doc_free(doc);
        cli_progress_tick(&progress, 1);
    }
    cli_progress_end(&progress);
    ng_reader_free(reader);
    ng_pipeline_free(pipe);
    return cli_finish_stdout(status);
}
