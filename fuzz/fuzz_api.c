/*
 * fuzz_api.c - libFuzzer harness for the JSON API's request handling: the
 * input is a path and query arguments ("PATH\nname=value\n..."), answered
 * from a small knowledge base built once.  Fails on a 500 (request input must
 * never cause a database error, e.g. through FTS syntax), on a status other
 * than 200/400/404/503, or on a JSON body that does not parse.
 */
#include "serve/serve.h"

#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char RECORDS[] =
    "{\"kind\":\"document\",\"doc\":\"d1\",\"title\":\"Quay Forum opens\",\"date\":\"2020-05-01\","
    "\"publisher\":\"Test Wire\",\"body\":\"Ana Roe attended the Quay Forum in Brill. Ben Ott did not.\"}\n"
    "{\"kind\":\"entity\",\"doc\":\"d1\",\"id\":1,\"name\":\"Ana Roe\",\"type\":\"PERSON\",\"aliases\":[\"Roe\"],"
    "\"mentions\":[[0,7]]}\n"
    "{\"kind\":\"entity\",\"doc\":\"d1\",\"id\":2,\"name\":\"Quay Forum\",\"type\":\"EVENT\",\"mentions\":[[21,31]]}\n"
    "{\"kind\":\"entity\",\"doc\":\"d1\",\"id\":3,\"name\":\"Brill\",\"type\":\"GPE\",\"mentions\":[[35,40]]}\n"
    "{\"kind\":\"fact\",\"doc\":\"d1\",\"relation\":\"attended\",\"subject\":{\"id\":1},\"object\":{\"id\":2},"
    "\"time\":\"2020\",\"evidence\":{\"start\":0,\"end\":41}}\n"
    "{\"kind\":\"fact\",\"doc\":\"d1\",\"relation\":\"held_in\",\"subject\":{\"id\":2},\"object\":{\"id\":3},"
    "\"evidence\":{\"start\":0,\"end\":41}}\n";

static ng_kb *open_kb(void)
{
    char path[] = "/tmp/ngfuzzapiXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    close(fd);
    unlink(path);
    ng_kb *kb = ng_kb_open(path, 0, NULL);
    ng_records *r = ng_records_new();
    if (!kb || !r)
        abort();
    ng_doc *doc;
    for (const char *p = RECORDS, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        ng_records_add(r, "fuzz", p, (size_t)(nl - p), &doc, NULL);
        if (doc && ng_kb_put(kb, doc, NULL, NULL) != NG_OK)
            abort();
        ng_doc_free(doc);
    }
    ng_records_finish(r, &doc, NULL);
    if (doc && ng_kb_put(kb, doc, NULL, NULL) != NG_OK)
        abort();
    ng_doc_free(doc);
    ng_records_free(r);
    return kb; /* the file is unlinked: it goes with the process */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ng_kb *kb;
    if (!kb)
        kb = open_kb();
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    ng_api_arg args[NG_SERVE_MAX_ARGS + 4];
    size_t n = 0;
    char *save = NULL, *path = strtok_r(text, "\n", &save);
    for (char *line; path && n < NG_ARRAY_LEN(args) && (line = strtok_r(NULL, "\n", &save));) {
        char *eq = strchr(line, '=');
        if (eq)
            *eq = '\0';
        args[n++] = (ng_api_arg){line, eq ? eq + 1 : ""};
    }
    ng_api_resp resp;
    int st = ng_api_handle(kb, path ? path : "", args, n, &resp);
    if (st != 200 && st != 400 && st != 404 && st != 503)
        abort();
    if (strncmp(resp.content_type, "application/json", 16) == 0) {
        json_t *j = json_loadb(resp.body.data, resp.body.len, 0, NULL);
        if (!j)
            abort();
        json_decref(j);
    }
    ng_buf_free(&resp.body);
    free(text);
    return 0;
}
