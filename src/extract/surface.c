/*
 * surface.c - arguments read off the word sequence, for when the parse is
 * wrong or silent: the list of names just before a trigger ("Tencent chief
 * Pony Ma and founder Richard Liu did not attend"), the list after a word
 * ("including Apple's Tim Cook and Google's Sundar Pichai"), through
 * relative pronouns ("..., both of whom attended").  A list element is a
 * name with what news puts before it: "Apple's", "Baidu boss", "former
 * Alibaba chief executive".
 */
#include "extract.h"

#include "kb/gazetteer.h"

#define SURF_WINDOW 14 /* tokens scanned for an argument */

static bool is_w(const ng_xctx *c, uint32_t i, const char *w)
{
    return ng_tree_has(&c->tree, i) && ng_x_is(c, i, w);
}

static const ng_mention *named_at(const ng_xctx *c, uint32_t i)
{
    const ng_mention *m = ng_tree_has(&c->tree, i) ? ng_mention_at(c->doc, i) : NULL;
    if (!m || m->entity < 0 || m->kind == NG_MK_DEMONYM)
        return NULL;
    /* "Oslo-based", "state-owned": a name glued to a hyphenated word only
     * modifies what follows */
    const ng_doc *doc = c->doc;
    if (m->last + 1 < doc->ntokens && doc->tokens[m->last - 1].end == doc->tokens[m->last].start &&
        doc->tokens[m->last].end - doc->tokens[m->last].start == 1 && doc->text[doc->tokens[m->last].start] == '-')
        return NULL;
    return m;
}

/* Relative words between a list and its verb: "who", "which", "both of whom". */
static uint32_t skip_relative_left(const ng_xctx *c, uint32_t i)
{
    static const char *const rel[] = {"who", "which", "that", "whom", NULL};
    for (const char *const *w = rel; *w; w++)
        if (is_w(c, i, *w)) {
            /* "both of whom", "all of which", "some of whom" */
            if (i >= c->tree.first + 2 && is_w(c, i - 1, "of"))
                i -= 2;
            return i;
        }
    return UINT32_MAX;
}

/* List separators: ",", "and", "or", and the words of "as well as",
 * "along with", "together with". */
static bool separator(const ng_xctx *c, uint32_t i)
{
    if (is_w(c, i, ",") || is_w(c, i, "and") || is_w(c, i, "or") || is_w(c, i, "&") || is_w(c, i, "plus"))
        return true;
    if (is_w(c, i, "with") && i > c->tree.first && (is_w(c, i - 1, "along") || is_w(c, i - 1, "together")))
        return true;
    if ((is_w(c, i, "along") || is_w(c, i, "together")) && is_w(c, i + 1, "with"))
        return true;
    /* "as well as": the last "as" separates; "as well" is glue */
    return is_w(c, i, "as") && i >= c->tree.first + 2 && is_w(c, i - 1, "well") && is_w(c, i - 2, "as");
}

/* Tokens that may stand before a name inside a list element: possessives,
 * "former", "the", titles and other lowercase nouns and adjectives. */
static bool element_glue(const ng_xctx *c, uint32_t i)
{
    if (is_w(c, i, "'s") || is_w(c, i, "'") || is_w(c, i, "former") || is_w(c, i, "the") || is_w(c, i, "-"))
        return true;
    /* the word after a glued hyphen: "Oslo-based", "state-owned" */
    if (i > c->tree.first && is_w(c, i - 1, "-") && c->doc->tokens[i - 1].end == c->doc->tokens[i].start)
        return true;
    /* titles, capitalised or not: "Party Secretary Yuan", "President Lee" */
    const ng_token *t = &c->doc->tokens[i];
    if (c->gaz && ((ng_gaz_lists_of(c->gaz, c->doc->text + t->start, t->end - t->start, NG_GAZ_FOLD) >> NG_GAZ_TITLE) & 1u))
        return true;
    int u = c->doc->tokens[i].upos;
    unsigned char ch = (unsigned char)c->doc->text[c->doc->tokens[i].start];
    /* "the Malaysian chip designer", "the Indian payments firm": nationality
     * and other adjectives may be capitalised */
    if (u == NG_UPOS_ADJ || is_w(c, i, "well") || is_w(c, i, "as"))
        return true;
    return (u == NG_UPOS_NOUN || u == NG_UPOS_NUM) && !(ch >= 'A' && ch <= 'Z');
}

static void add(int32_t *out, size_t *n, size_t max, int32_t e, const ng_xctx *c, uint16_t types)
{
    if (e < 0 || !ng_x_type_ok(c, e, types))
        return;
    for (size_t k = 0; k < *n; k++)
        if (out[k] == e)
            return;
    if (*n < max)
        out[(*n)++] = e;
}

size_t ng_surf_left(ng_xctx *c, uint32_t trig, uint16_t types, int32_t *out, size_t max)
{
    size_t n = 0;
    uint32_t lo = trig > c->tree.first + SURF_WINDOW ? trig - SURF_WINDOW : c->tree.first;
    uint32_t i = trig;
    /* the trigger's own auxiliaries and adverbs: "did not", "have been", "are expected to" */
    while (i > lo) {
        const ng_token *t = &c->doc->tokens[i - 1];
        if (t->upos == NG_UPOS_AUX || t->upos == NG_UPOS_PART || t->upos == NG_UPOS_ADV ||
            is_w(c, i - 1, "expected") || is_w(c, i - 1, "set") || is_w(c, i - 1, "due"))
            i--;
        else
            break;
    }
    /* "Acme, whose chief spoke last year, did not attend", "Jo Smith, chief
     * executive of Acme, attended": skip the relative clause or apposition
     * between the name and its verb */
    if (i > lo && is_w(c, i - 1, ",")) {
        uint32_t lo2 = i > c->tree.first + 30 ? i - 30 : c->tree.first;
        for (uint32_t k = i - 1; k > lo2 + 1; k--) {
            if ((is_w(c, k, "whose") || is_w(c, k, "who") || is_w(c, k, "which")) && is_w(c, k - 1, ",")) {
                i = k - 1;
                lo = i > SURF_WINDOW + c->tree.first ? i - SURF_WINDOW : c->tree.first;
                break;
            }
            if (k < i - 1 && is_w(c, k, ",")) {
                /* an apposition holds no verb of its own */
                bool verb = false;
                for (uint32_t j = k + 1; j < i - 1; j++)
                    verb |= c->doc->tokens[j].upos == NG_UPOS_VERB && c->doc->tokens[j].xpos != ng_xpos_id("VBN") &&
                            c->doc->tokens[j].xpos != ng_xpos_id("VBG");
                const ng_mention *before = verb ? NULL : named_at(c, k - 1);
                /* "Taiwan's largest maker, Formosa Chips, will": a described
                 * noun's apposition is the name itself */
                const ng_mention *inner = named_at(c, i - 2);
                if (before && before->kind == NG_MK_NOMINAL && inner && inner->kind == NG_MK_NAME &&
                    inner->first == k + 1) {
                    i--;
                } else if (before) {
                    i = k;
                    lo = i > SURF_WINDOW + c->tree.first ? i - SURF_WINDOW : c->tree.first;
                }
                break;
            }
        }
    }
    /* "..., both of whom attended": the list before the relative words */
    if (i > lo) {
        uint32_t r = skip_relative_left(c, i - 1);
        if (r != UINT32_MAX) {
            i = r;
            while (i > lo && is_w(c, i - 1, ","))
                i--;
        }
    }
    /* the subject itself must stand right there: in "US tech names stayed
     * away" the name only modifies the noun that is the subject */
    if (i <= lo || !named_at(c, i - 1))
        return 0;
    bool need_name = true; /* at the end of an element: its name comes next */
    bool conjunction = false; /* "and"/"or" seen: commas now separate elements */
    while (i > lo) {
        uint32_t j = i - 1;
        const ng_mention *m = named_at(c, j);
        if (m) {
            if (need_name)
                add(out, &n, max, m->entity, c, types);
            need_name = false;
            i = m->first;
            continue;
        }
        bool comma = is_w(c, j, ",");
        if (separator(c, j) && n && (!comma || conjunction)) {
            need_name = true;
            conjunction |= !comma;
        } else if (comma || !element_glue(c, j)) {
            break;
        }
        i = j;
    }
    return n;
}

size_t ng_surf_right(ng_xctx *c, uint32_t from, uint16_t types, int32_t *out, size_t max)
{
    size_t n = 0;
    uint32_t end = c->tree.first + c->tree.n, hi = NG_MIN(end, from + SURF_WINDOW);
    int32_t cur = -1;        /* the latest name of the element being read */
    bool conjunction = false; /* "X, Y and Z": without "and", a comma ends the list */
    for (uint32_t i = from; i < hi;) {
        const ng_mention *m = named_at(c, i);
        if (m) {
            if (m->kind == NG_MK_NAME)
                cur = m->entity;
            i = m->last;
            hi = NG_MIN(end, i + SURF_WINDOW);
            continue;
        }
        /* a name glued to a hyphen ("Stockholm-based") is a modifier: skip it */
        const ng_mention *mod = ng_mention_at(c->doc, i);
        if (mod && mod->first == i && mod->last < end && is_w(c, mod->last, "-")) {
            i = mod->last;
            continue;
        }
        if (separator(c, i)) {
            add(out, &n, max, cur, c, types);
            cur = -1;
            conjunction |= !is_w(c, i, ",");
        } else if (!element_glue(c, i)) {
            break;
        } else if (cur >= 0 && c->doc->tokens[i].upos == NG_UPOS_NOUN && !is_w(c, i, "'s")) {
            /* "the Tianhe delegation": a name before a noun only modifies it */
            cur = -1;
        }
        i++;
    }
    add(out, &n, max, cur, c, types);
    return conjunction ? n : NG_MIN(n, (size_t)1);
}

size_t ng_surf_after_word(ng_xctx *c, uint32_t from, uint32_t to, const char *word, uint16_t types, int32_t *out,
                          size_t max)
{
    for (uint32_t i = from; i < to && i < c->tree.first + c->tree.n; i++) {
        if (is_w(c, i, ";"))
            break;
        if (!is_w(c, i, word))
            continue;
        uint32_t j = i + 1;
        if (strcmp(word, "such") == 0) {
            if (!is_w(c, j, "as"))
                continue;
            j++;
        }
        return ng_surf_right(c, j, types, out, max);
    }
    return 0;
}
