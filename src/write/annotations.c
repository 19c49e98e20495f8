/*
 * annotations.c - entity and fact records (docs/records.md).  Entities are
 * written with their document-local id; a fact repeats its arguments' name,
 * type and aliases so each record stands alone (a pure filter's output is
 * read line by line).
 */
#include "json.h"
#include "write.h"

static void string_array(ng_buf *b, const char *const *strs, uint32_t n)
{
    ng_buf_putc(b, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            ng_buf_putc(b, ',');
        ng_json_str(b, strs[i], strlen(strs[i]));
    }
    ng_buf_putc(b, ']');
}

void ng_write_entity_records(ng_buf *b, const ng_doc *doc)
{
    for (size_t i = 0; i < doc->nentities; i++) {
        const ng_entity *e = &doc->entities[i];
        ng_buf_putc(b, '{');
        ng_json_kv_str(b, "kind", "entity");
        ng_json_kv_str(b, "doc", doc->fields[NG_F_ID]);
        ng_json_kv_int(b, "id", (long long)i);
        ng_json_kv_str(b, "name", e->name);
        ng_json_kv_str(b, "type", ng_ent_type_name(e->type));
        if (e->nominal)
            ng_buf_puts(b, ",\"nominal\":true");
        ng_json_key(b, "aliases");
        string_array(b, e->aliases, e->naliases);
        ng_json_key(b, "mentions");
        ng_buf_putc(b, '[');
        for (uint32_t k = 0; k < e->nmentions; k++)
            ng_buf_printf(b, "%s[%u,%u]", k ? "," : "", e->mentions[k].start, e->mentions[k].end);
        ng_buf_append(b, "]}\n", 3);
    }
}

static void argument(ng_buf *b, const ng_doc *doc, const char *key, int32_t index, const char *literal)
{
    ng_json_key(b, key);
    if (index < 0 || (size_t)index >= doc->nentities) {
        ng_buf_putc(b, '{');
        ng_json_kv_str(b, "name", literal ? literal : "");
        ng_json_kv_str(b, "type", "LITERAL");
        ng_buf_putc(b, '}');
        return;
    }
    const ng_entity *e = &doc->entities[index];
    ng_buf_putc(b, '{');
    ng_json_kv_int(b, "id", index);
    ng_json_kv_str(b, "name", e->name);
    ng_json_kv_str(b, "type", ng_ent_type_name(e->type));
    ng_json_key(b, "aliases");
    string_array(b, e->aliases, e->naliases);
    ng_buf_putc(b, '}');
}

void ng_write_fact_records(ng_buf *b, const ng_doc *doc)
{
    for (size_t i = 0; i < doc->nfacts; i++) {
        const ng_fact *f = &doc->facts[i];
        ng_buf_putc(b, '{');
        ng_json_kv_str(b, "kind", "fact");
        ng_json_kv_str(b, "doc", doc->fields[NG_F_ID]);
        ng_json_kv_str(b, "relation", f->relation);
        argument(b, doc, "subject", f->subject, NULL);
        argument(b, doc, "object", f->object, f->object_text);
        ng_json_kv_str(b, "polarity", f->negated ? "negative" : "positive");
        ng_json_kv_str(b, "modality", ng_modality_name(f->modality));
        ng_json_kv_str(b, "time", f->time);
        ng_json_kv_str(b, "title", f->title);
        ng_json_key(b, "confidence");
        ng_buf_printf(b, "%.3f", (double)f->confidence);
        ng_json_key(b, "evidence");
        ng_buf_putc(b, '{');
        ng_json_key(b, "sentence");
        ng_json_str(b, doc->text + f->evidence.start, f->evidence.end - f->evidence.start);
        ng_json_kv_int(b, "start", f->evidence.start);
        ng_json_kv_int(b, "end", f->evidence.end);
        ng_buf_append(b, "}}\n", 3);
    }
}
