#!/usr/bin/env python3
# build_ner_lexicons.py - generate the NER's company and brand gazetteers
# (lexicons/known_companies.txt, lexicons/brands.txt) from two free npm
# packages; see lexicons/SOURCES.md.  Run by scripts/build-ner-lexicons.sh.
"""usage: build_ner_lexicons.py NODE_MODULES LEXICON_DIR

NODE_MODULES  a folder holding @cspell/dict-companies and simple-icons
LEXICON_DIR   lexicons/: read for the filters (clusters, places, given
              names, demonyms), written with the two lists

An entry is left out when it is too short to be a name, when the shipped
lists already know it as a place, nationality or given name, or when it is
a common English word: its lower-case form is at least twice as frequent
as its capitalised form in the clustering corpus's counts (clusters.txt),
so "Caterpillar" and "Shell" go while "Intel" and "Boeing" stay.  The
company list (single words split from longer names) also loses words
common in names ("New", "National"), words of multi-word places ("Kong"),
organisation suffixes ("Corp") and surnames ("Jones").  No name
is taken from the NER evaluation data.
"""
import json
import os
import re
import sys
from collections import Counter


def read_first_fields(path):
    """The entries (first TAB field) of a lexicon file."""
    out = set()
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.add(line.rstrip("\n").split("\t")[0].strip())
    return out


def read_counts(path):
    """Word counts of clusters.txt (bits TAB word TAB count)."""
    counts = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                counts[parts[1]] += int(parts[2])
    return counts


# A single word seen capitalised this often in the clustering corpus is a
# generic part of names ("New", "United", "National"), not one company.
GENERIC_COUNT = 100


class Filter:
    def __init__(self, lexdir, surnames):
        self.counts = read_counts(os.path.join(lexdir, "clusters.txt"))
        self.blocked = set()
        for name in ("cities.txt", "countries.txt", "subdivisions.txt", "demonyms.txt",
                     "given_names.txt", "country_codes.txt", "org_suffixes.txt", "titles.txt"):
            entries = read_first_fields(os.path.join(lexdir, name))
            self.blocked |= entries
            if name in ("cities.txt", "countries.txt", "subdivisions.txt"):
                # the words of multi-word places: "Kong", "Zealand", "Aires"
                self.blocked |= {w for e in entries if " " in e for w in e.split()}
        if surnames:
            self.blocked |= read_first_fields(os.path.join(lexdir, "surnames.txt"))

    def common_word(self, name):
        if " " in name:
            return False
        low = self.counts[name.lower()]
        return low >= 5 and low >= 2 * self.counts[name]

    def why_not(self, name):
        """The reason to leave name out, or None to keep it."""
        if len(name) < 2 or not re.search(r"[A-Za-z]", name) or len(name) > 60:
            return "shape"
        if not re.match(r"[A-Z0-9]", name):
            return "lower case"  # "htop", "nextbike": not how news writes names
        if name in self.blocked:
            return "place or given name"
        if self.common_word(name):
            return "common word"
        if " " not in name and self.counts[name] >= GENERIC_COUNT:
            return "generic name word"
        return None


def cspell_companies(modules):
    path = os.path.join(modules, "@cspell/dict-companies/dict/companies.txt")
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def simple_icon_brands(modules):
    path = os.path.join(modules, "simple-icons/data/simple-icons.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    names = []
    for icon in data:
        names.append(icon["title"])
        names.extend((icon.get("aliases") or {}).get("aka") or [])
    return names


def write(path, header, names, flt):
    kept, dropped = [], Counter()
    for name in sorted(set(n.strip() for n in names)):
        why = flt.why_not(name)
        if why:
            dropped[why] += 1
        elif "\t" not in name:
            kept.append(name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for name in kept:
            f.write(name + "\n")
    print(f"{os.path.basename(path)}: {len(kept)} kept; left out {dict(dropped)}", file=sys.stderr)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    modules, lexdir = sys.argv[1], sys.argv[2]
    write(os.path.join(lexdir, "known_companies.txt"),
          "# known_companies.txt - names of well-known companies (one word or more).\n"
          "# Format: name.  Generated by tools/build_ner_lexicons.py from npm\n"
          "# @cspell/dict-companies (MIT); common words, places and given names left out.\n",
          cspell_companies(modules), Filter(lexdir, True))
    write(os.path.join(lexdir, "brands.txt"),
          "# brands.txt - brand, product and service names (companies, software, media).\n"
          "# Format: name.  Generated by tools/build_ner_lexicons.py from the titles and\n"
          "# aliases of npm simple-icons (CC0 1.0); common words, places and given names left out.\n",
          simple_icon_brands(modules), Filter(lexdir, False))


if __name__ == "__main__":
    main()
