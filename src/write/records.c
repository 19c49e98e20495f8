/*
 * records.c - the JSON Lines records of `newsgraph extract` (document,
 * entity, fact; see docs/records.md) and CoNLL-U output.
 */
#include "core/doc.h"
#include "json.h"
#include "write.h"

static void document_record(ng_buf *b, const ng_doc *doc, unsigned records)
{
    static const struct { ng_field f; const char *key; } fields[] = {
        {NG_F_TITLE, "title"}, {NG_F_DATE, "date"}, {NG_F_AUTHOR, "author"},
        {NG_F_PUBLISHER, "publisher"}, {NG_F_LANGUAGE, "language"}, {NG_F_URL, "url"},
    };
    ng_buf_putc(b, '{');
    ng_json_kv_str(b, "kind", "document");
    ng_json_kv_str(b, "doc", doc->fields[NG_F_ID]);
    for (size_t i = 0; i < NG_ARRAY_LEN(fields); i++)
        ng_json_kv_str(b, fields[i].key, doc->fields[fields[i].f]);
    if (!(records & NG_OUT_NO_BODY)) {
        ng_json_key(b, "body");
        ng_json_str(b, doc->text, doc->len);
    }
    ng_json_kv_str(b, "sha256", doc->fields[NG_F_SHA256]);
    ng_json_kv_str(b, "source", doc->fields[NG_F_PATH]);
    ng_buf_append(b, "}\n", 2);
}

static int flush(FILE *out, ng_buf *b)
{
    int rc = NG_OK;
    if (b->oom)
        rc = NG_ENOMEM;
    else if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
        rc = NG_EIO;
    ng_buf_free(b);
    return rc;
}

int ng_write_jsonl(FILE *out, const ng_doc *doc, unsigned records)
{
    ng_buf b;
    ng_buf_init(&b);
    if (records & NG_OUT_DOCUMENT)
        document_record(&b, doc, records);
    if (records & NG_OUT_ENTITIES)
        ng_write_entity_records(&b, doc);
    if (records & NG_OUT_FACTS)
        ng_write_fact_records(&b, doc);
    return flush(out, &b);
}

/* CoNLL-U forbids spaces and tabs in FORM; newlines cannot occur in tokens. */
static void put_form(ng_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ng_buf_putc(b, s[i] == '\t' || s[i] == '\n' ? ' ' : s[i]);
}

static void put_misc(ng_buf *b, const ng_token *t, bool last)
{
    size_t start = b->len;
    if (!(t->flags & NG_TOK_SPACE_AFTER) && !last)
        ng_buf_puts(b, "SpaceAfter=No");
    if (t->ent_iob == NG_IOB_B || t->ent_iob == NG_IOB_I)
        ng_buf_printf(b, "%sNER=%c-%s", b->len > start ? "|" : "", t->ent_iob == NG_IOB_B ? 'B' : 'I',
                      ng_ent_type_name(t->ent_type));
    ng_buf_printf(b, "%sOffset=%u:%u", b->len > start ? "|" : "", t->start, t->end);
}

static void sentence_conllu(ng_buf *b, const ng_doc *doc, const ng_sentence *s, size_t k)
{
    ng_buf_printf(b, "# sent_id = %s-%zu\n# text = ", doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "doc", k + 1);
    put_form(b, doc->text + s->start, s->end - s->start);
    ng_buf_putc(b, '\n');
    for (uint32_t i = 0; i < s->ntokens; i++) {
        const ng_token *t = &doc->tokens[s->first + i];
        ng_buf_printf(b, "%u\t", i + 1);
        put_form(b, doc->text + t->start, t->end - t->start);
        ng_buf_printf(b, "\t%s\t%s\t%s\t_\t", t->lemma ? t->lemma : "_", ng_upos_name(t->upos),
                      ng_xpos_name(t->xpos));
        if (t->deprel)
            ng_buf_printf(b, "%d\t%s", t->head < 0 ? 0 : t->head - (int32_t)s->first + 1, ng_deprel_name(t->deprel));
        else
            ng_buf_puts(b, "_\t_");
        ng_buf_puts(b, "\t_\t");
        put_misc(b, t, i + 1 == s->ntokens);
        ng_buf_putc(b, '\n');
    }
    ng_buf_putc(b, '\n');
}

int ng_write_conllu(FILE *out, const ng_doc *doc)
{
    ng_buf b;
    ng_buf_init(&b);
    ng_buf_printf(&b, "# newdoc id = %s\n", doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "doc");
    for (size_t k = 0; k < doc->nsents; k++) {
        sentence_conllu(&b, doc, &doc->sents[k], k);
        if (b.len > (1u << 20)) { /* stream long documents */
            if (fwrite(b.data, 1, b.len, out) != b.len) {
                ng_buf_free(&b);
                return NG_EIO;
            }
            ng_buf_clear(&b);
        }
    }
    return flush(out, &b);
}
