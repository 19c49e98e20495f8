#!/bin/sh
# dev3.sh - fact extraction and document metadata on the dev3 development
# set (tests/dev3: eight short articles written for the project to tune on).
# Fails below the committed floors (tests/eval/lib/gold_set.sh).
NAME=dev3 DIR=tests/dev3 WHAT="dev3 articles"
FACTS_FLOOR=0.86
META_FLOOR=0.83
. tests/eval/lib/gold_set.sh
