/*
 * write.h - record writers that later stages provide: entity and fact
 * records are written by the modules that own those structures.
 */
#ifndef NG_WRITE_H
#define NG_WRITE_H

#include "core/doc.h"

/* Append the document's entity / fact records (one JSON object a line). */
void ng_write_entity_records(ng_buf *b, const ng_doc *doc);
void ng_write_fact_records(ng_buf *b, const ng_doc *doc);

#endif /* NG_WRITE_H */
