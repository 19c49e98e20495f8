/*
 * main.c - the newsgraph command: git-style subcommands, one file each.
 */
#include "cli.h"

#include <signal.h>
#include <string.h>

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_serve(int argc, char **argv);

static const cli_command commands[] = {
    {"extract", "read articles and print documents, entities and facts", cmd_extract},
    {"ingest", "store articles, entities and facts in the knowledge base", cmd_ingest},
    {"load", "bulk-load extract records into the knowledge base", cmd_load},
    {"entities", "list entities of the knowledge base", cmd_entities},
    {"entity", "profile of one entity: aliases, roles, facts, neighbours", cmd_entity},
    {"facts", "list facts, filtered by relation, argument, year", cmd_facts},
    {"timeline", "dated facts about one entity, in order", cmd_timeline},
    {"search", "full-text search over sentences", cmd_search},
    {"sql", "run a read-only SQL query on the knowledge base", cmd_sql},
    {"export", "the graph as jsonl, csv, graphml or gexf", cmd_export},
    {"serve", "JSON API and web UI over the knowledge base", cmd_serve},
    {"train", "train a model (pos, ner, dep, lemma) from annotated data", cmd_train},
    {"eval", "score a stage against gold data (tokenize, pos, ner, dep)", cmd_eval},
    {"model", "describe a model file (info, dump)", cmd_model},
    {"bench", NULL, cmd_bench}, /* hidden: for the bench scripts */
};

static void usage(FILE *out)
{
    fprintf(out, "usage: newsgraph [--version] [--help] COMMAND [ARGS]\n\n"
                 "Turn news articles into a knowledge graph.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].summary)
            fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'newsgraph COMMAND --help' describes one command.\n");
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN); /* a closed pipe becomes a write error we report */
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("newsgraph %s\n", NG_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].main(argc - 1, argv + 1);
    cli_error("'%s' is not a command; see 'newsgraph --help'", argv[1]);
    return EXIT_USAGE;
}
