/*
 * html_lex.c - lexicons/html_boilerplate.txt: class/id words that mark
 * boilerplate or content, and boilerplate lines.  Loaded once per process
 * (thread-safe) and read-only after; a missing file leaves the lists empty.
 */
#include "html.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>

#define LEX_FILE "html_boilerplate.txt"
#define LEX_MAX_ENTRY 64

enum { SEC_STRONG, SEC_WEAK, SEC_PROTECT, SEC_CONTENT, SEC_LINE, NSEC };
static const char *const sec_names[NSEC] = {"boilerplate", "boilerplate-weak", "protect", "content", "line"};

typedef struct lex_list {
    char (*e)[LEX_MAX_ENTRY]; /* [n] entries, lower case; '=' prefix: whole token */
    size_t n, cap;
} lex_list;

static lex_list lists[NSEC];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add_entry(lex_list *l, const char *s, size_t n)
{
    if (n == 0 || n >= LEX_MAX_ENTRY || !NG_GROW(l->e, l->cap, l->n + 1))
        return;
    for (size_t i = 0; i < n; i++)
        l->e[l->n][i] = (char)tolower((unsigned char)s[i]);
    l->e[l->n][n] = '\0';
    l->n++;
}

static int section_of(const char *s, size_t n)
{
    for (int i = 0; i < NSEC; i++)
        if (strlen(sec_names[i]) == n && memcmp(sec_names[i], s, n) == 0)
            return i;
    return -1;
}

static void load(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", ng_data_dir("lexicons"), LEX_FILE);
    FILE *f = fopen(path, "r");
    if (!f) {
        ng_log(NG_LOG_WARN, "%s: cannot open; HTML boilerplate removal uses tag rules only", path);
        return;
    }
    char line[512];
    int sec = -1;
    while (fgets(line, sizeof line, f)) {
        const char *s = line, *e = line + strlen(line);
        ng_trim(&s, &e);
        if (s == e || *s == '#')
            continue;
        if (*s == '[' && e[-1] == ']')
            sec = section_of(s + 1, (size_t)(e - s - 2));
        else if (sec >= 0)
            add_entry(&lists[sec], s, (size_t)(e - s));
    }
    fclose(f);
}

/* Does entry match the lower-cased value v?  "=word" must be a whole token
 * (tokens are runs of letters and digits); anything else a substring. */
static bool entry_matches(const char *entry, const char *v)
{
    if (entry[0] != '=')
        return strstr(v, entry) != NULL;
    size_t n = strlen(entry + 1);
    for (const char *p = v; (p = strstr(p, entry + 1)); p++) {
        bool left = p == v || !isalnum((unsigned char)p[-1]);
        bool right = !isalnum((unsigned char)p[n]);
        if (left && right)
            return true;
    }
    return false;
}

static bool list_matches(const lex_list *l, const char *v)
{
    for (size_t i = 0; i < l->n; i++)
        if (entry_matches(l->e[i], v))
            return true;
    return false;
}

unsigned ng_html_class_flags(const char *value)
{
    pthread_once(&once, load);
    char v[256];
    size_t n = 0;
    for (; value[n] && n + 1 < sizeof v; n++)
        v[n] = (char)tolower((unsigned char)value[n]);
    v[n] = '\0';
    if (n == 0)
        return 0;
    unsigned f = 0;
    if (list_matches(&lists[SEC_STRONG], v))
        f |= NG_HTML_CLS_STRONG;
    if (list_matches(&lists[SEC_WEAK], v))
        f |= NG_HTML_CLS_WEAK;
    if (list_matches(&lists[SEC_PROTECT], v))
        f |= NG_HTML_CLS_PROTECT;
    if (list_matches(&lists[SEC_CONTENT], v))
        f |= NG_HTML_CLS_CONTENT;
    return f;
}

bool ng_html_is_boiler_line(const char *text, size_t len)
{
    pthread_once(&once, load);
    char v[128];
    size_t n = 0;
    while (len && !isalnum((unsigned char)*text) && (unsigned char)*text < 0x80)
        text++, len--; /* leading bullets, pipes, dashes */
    for (; n < len && n + 1 < sizeof v; n++)
        v[n] = (char)tolower((unsigned char)text[n]);
    while (n && (v[n - 1] == ' ' || v[n - 1] == ':' || v[n - 1] == '.' || v[n - 1] == '|'))
        n--;
    v[n] = '\0';
    const lex_list *l = &lists[SEC_LINE];
    for (size_t i = 0; i < l->n; i++) {
        const char *e = l->e[i];
        if (e[0] == '=' ? strcmp(v, e + 1) == 0 : strncmp(v, e, strlen(e)) == 0)
            return true;
    }
    return false;
}
