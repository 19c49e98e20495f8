#!/bin/sh
# demo.sh - ingest the demo corpus (examples/corpus) into a fresh knowledge
# base and show what a reader wants first: the documents, the events and who
# attended or stayed away by year, the most connected people and companies,
# and one entity profile.  Generic: it shows whatever the extraction stages
# found, so it shows more as they improve.
#
#   scripts/demo.sh [CORPUS_DIR]      (make demo builds first)
set -u
BUILD=${BUILD:-build}
NG=${NG:-$BUILD/newsgraph}
CORPUS=${1:-examples/corpus}
DB=${DEMO_DB:-$BUILD/demo.db}

[ -x "$NG" ] || { echo "demo.sh: $NG not built; run make" >&2; exit 1; }
rm -f "$DB" "$DB-wal" "$DB-shm"
export NEWSGRAPH_DB="$DB" NEWSGRAPH_NO_PROGRESS=1

# Tab-separated rows with a header -> aligned columns, long cells shortened.
table() {
    awk -F '\t' -v max=48 '
        { for (i = 1; i <= NF; i++) { v = $i; if (length(v) > max) v = substr(v, 1, max - 3) "...";
              cell[NR, i] = v; if (length(v) > w[i]) w[i] = length(v) }
          if (NF > nf) nf = NF }
        END { if (NR <= 1) { print "  (nothing yet)"; exit }
              for (r = 1; r <= NR; r++) { line = "  "
                  for (i = 1; i <= nf; i++) line = line sprintf("%-" w[i] "s  ", cell[r, i])
                  sub(/ +$/, "", line); print line
                  if (r == 1) { line = "  "; for (i = 1; i <= nf; i++) { d = ""; for (k = 0; k < w[i]; k++) d = d "-"; line = line d "  " }
                      sub(/ +$/, "", line); print line } } }'
}

# `newsgraph entity` rows (entity, alias, role, fact, cooccurs, document)
# -> a short readable profile.
profile() {
    awk -F '\t' '
        function yr(f) { return $11 != "" ? $11 : "    " }
        $1 == "entity"   { printf "  %s (%s): %s mentions in %s documents, %s to %s\n", $3, $4, $6, $5, substr($7, 1, 10), substr($8, 1, 10) }
        $1 == "alias"    { al = al (al ? ", " : "") $2 }
        $1 == "fact"     { how = ($8 == "negative" ? "not " : "") ($9 == "asserted" ? "" : $9 " ")
                           obj = $7 == "LITERAL" ? "\"" (length($6) > 60 ? substr($6, 1, 57) "..." : $6) "\"" : $6
                           if ($4 != name && name != "") obj = obj " <- " $4
                           facts[++nf] = sprintf("    %s  %s%s %s%s", yr(), how, $3, obj, $12 != "" ? " (" $12 ")" : "") }
        $1 == "entity"   { name = $3 }
        $1 == "cooccurs" { co = co (co ? ", " : "") $3 " (" $5 ")" }
        $1 == "document" { docs[++nd] = sprintf("    %s  %s", substr($4, 1, 10), $5) }
        END { if (al) print "  also called: " al
              if (nf) { print "  facts:"; for (i = 1; i <= nf; i++) print facts[i] }
              if (co) print "  appears with: " co
              if (nd) { print "  documents:"; for (i = 1; i <= nd; i++) print docs[i] } }'
}

section() { printf '\n== %s\n\n' "$1"; }

section "Ingesting $CORPUS into $DB"
"$NG" ingest -j 2 "$CORPUS" 2>&1 | sed 's/^newsgraph: /  /'

section "Documents"
"$NG" sql --header "SELECT substr(date, 1, 10) AS date, coalesce(title, doc) AS title, publisher,
    CASE WHEN dup_of IS NOT NULL THEN 'near-duplicate of ' || (SELECT doc FROM documents x WHERE x.id = d.dup_of)
         ELSE '' END AS note
    FROM documents d ORDER BY date, id" | table

section "Events: who attended or stayed away, by year"
"$NG" sql --header "SELECT o.name AS event, coalesce(f.year, 'undated') AS year,
    replace(group_concat(DISTINCT CASE WHEN f.relation = 'attended' AND f.negated = 0 AND f.modality NOT IN ('planned', 'hedged')
                      THEN s.name END), ',', ', ') AS attended,
    replace(group_concat(DISTINCT CASE WHEN f.relation = 'attended' AND f.negated = 1 THEN s.name END), ',', ', ') AS stayed_away,
    replace(group_concat(DISTINCT CASE WHEN f.negated = 0 AND (f.relation = 'invited_to' OR f.modality IN ('planned', 'hedged'))
                      THEN s.name END), ',', ', ') AS invited_or_expected
    FROM facts f JOIN entities s ON s.id = f.subject_id JOIN entities o ON o.id = f.object_id
    WHERE f.relation IN ('attended', 'invited_to')
    GROUP BY o.id, f.year ORDER BY event, f.year IS NULL, f.year" | table

section "Most connected people and companies"
"$NG" sql --header "SELECT e.name, e.type, e.ndocs AS documents,
    (SELECT count(DISTINCT CASE WHEN f.subject_id = e.id THEN f.object_id ELSE f.subject_id END)
       FROM facts f WHERE (f.subject_id = e.id OR f.object_id = e.id) AND f.object_id IS NOT NULL) AS linked_entities,
    (SELECT count(*) FROM facts f WHERE f.subject_id = e.id OR f.object_id = e.id) AS facts
    FROM entities e WHERE e.type IN ('PERSON', 'ORG')
    ORDER BY linked_entities DESC, documents DESC, facts DESC, e.name LIMIT 12" | table

section "Leadership, ownership and blocked services"
"$NG" sql --header "SELECT coalesce(f.year, '') AS year, s.name AS subject, f.relation,
    coalesce(o.name, f.object_text) AS object, coalesce(f.title, '') AS title,
    CASE WHEN f.negated = 1 THEN 'not ' ELSE '' END || f.modality AS how, f.nsources AS sources
    FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id
    WHERE f.relation IN ('role', 'owns', 'blocked_in', 'based_in')
    ORDER BY f.year IS NOT NULL, f.year, f.relation, subject" | table

# Profile: the most connected person, else the entity in most documents.
top=$("$NG" sql "SELECT '#' || e.id FROM entities e ORDER BY (e.type = 'PERSON') DESC,
    (SELECT count(*) FROM facts f WHERE f.subject_id = e.id OR f.object_id = e.id) DESC, e.ndocs DESC, e.id LIMIT 1")
if [ -n "$top" ]; then
    name=$("$NG" sql "SELECT name FROM entities WHERE id = ${top#\#}")
    section "Profile: $name"
    "$NG" entity "$top" | profile
else
    section "Profile"
    echo "  (no entities yet: the entity stages are not in this build)"
fi

section "Full-text search: sentences about blocking"
"$NG" search --header --limit 5 blocked | cut -f 1,2,5,6 | table

section "Totals"
"$NG" sql --header "SELECT (SELECT count(*) FROM documents) AS documents,
    (SELECT count(*) FROM documents WHERE dup_of IS NOT NULL) AS near_duplicates,
    (SELECT count(*) FROM sentences) AS sentences, (SELECT count(*) FROM entities) AS entities,
    (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM evidence) AS evidence" | table
printf '\nExplore further: NEWSGRAPH_DB=%s %s entities | facts | timeline NAME | search TEXT | export\n' "$DB" "$NG"
