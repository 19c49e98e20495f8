#!/bin/sh
# heldout2.sh - fact extraction and document metadata on the second, blind
# held-out set (tests/heldout2: ten articles written for the project, never
# tuned to; look only at the FIGURE lines).
# Fails below the committed floors (tests/eval/lib/gold_set.sh).
NAME=heldout2 DIR=tests/heldout2 WHAT="blind held-out articles"
FACTS_FLOOR=0.66
META_FLOOR=0.85
. tests/eval/lib/gold_set.sh
