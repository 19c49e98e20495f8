/*
 * annotations.c - entity and fact records.  Until the entity and fact stages
 * run, a document has none and nothing is written.
 */
#include "write.h"

void ng_write_entity_records(ng_buf *b, const ng_doc *doc)
{
    (void)b;
    if (!doc->entities)
        return;
}

void ng_write_fact_records(ng_buf *b, const ng_doc *doc)
{
    (void)b;
    if (!doc->facts)
        return;
}
