#!/usr/bin/env python3
"""Expand tools/gazetteers/demonyms-base.tsv into gazetteers/demonyms.tsv.

Deterministic, standard library only. Every base row gives masculine singular,
feminine singular, masculine plural and feminine plural forms (French rules below,
or the explicit forms written in the table), plus its combining forms (demonym-prefix).

    python3 tools/gazetteers/demonyms.py            # write gazetteers/demonyms.tsv
    python3 tools/gazetteers/demonyms.py --check fr # also list forms the speller rejects
                                                    # (needs PyPI spylls and a hunspell fr.dic/fr.aff path prefix)
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = os.path.join(ROOT, "tools", "gazetteers", "demonyms-base.tsv")
OUT = os.path.join(ROOT, "gazetteers", "demonyms.tsv")

FLAG_ORDER = ["exact", "acronym", "ambiguous", "capital", "m", "f", "pl"]


def feminine(masc):
    """French feminine of a nationality adjective."""
    if masc.endswith("e"):
        return masc                    # belge, russe, suisse, chypriote
    if masc.endswith("en"):
        return masc + "ne"             # malien → malienne, ghanéen → ghanéenne
    if masc.endswith("on"):
        return masc + "ne"             # letton → lettonne
    if masc.endswith("è"):
        return masc                    # burkinabè (invariable)
    return masc + "e"                  # -ain, -in, -an, -ais, -ois, -ol, -and, -ar, -é…


def plural(word):
    """French plural of a nationality adjective."""
    if word.endswith(("s", "x", "z")):
        return word                    # français, congolais (invariable in number)
    return word + "s"


def sort_flags(flags):
    known = [f for f in FLAG_ORDER if f in flags]
    rest = sorted(f for f in flags if f not in FLAG_ORDER)
    return known + rest


def read_base(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 6:
                sys.exit(f"{path}:{n}: expected 6 tab-separated columns, got {len(cols)}")
            rows.append((n, cols))
    return rows


def expand(rows):
    # (surface, kind, value) -> list of flag sets, one per generated form
    entries = {}

    def add(surface, kind, value, flags):
        entries.setdefault((surface, kind, value), []).append(set(flags))

    for n, (code, masc, fem, plurals, prefixes, flags) in rows:
        extra = [] if flags == "-" else flags.split(";")
        if masc == "-":
            # a feminine-only noun (suissesse): only its feminine forms are listed
            if fem == "-":
                sys.exit(f"{BASE}:{n}: masc_sg and fem_sg cannot both be `-`")
            add(fem, "demonym", code, extra + ["f"])
            add(plural(fem) if plurals == "-" else fem, "demonym", code, extra + ["f", "pl"])
            continue
        fem = feminine(masc) if fem == "-" else fem
        if plurals == "-":
            mpl, fpl = plural(masc), plural(fem)
        elif plurals == "=":
            mpl, fpl = masc, fem
        else:
            mpl, fpl = plurals.split(",")
        add(masc, "demonym", code, extra + ["m"])
        add(fem, "demonym", code, extra + ["f"])
        add(mpl, "demonym", code, extra + ["m", "pl"])
        add(fpl, "demonym", code, extra + ["f", "pl"])
        if prefixes != "-":
            for p in prefixes.split(","):
                add(p, "demonym-prefix", code, extra)

    out = []
    for (surface, kind, value), flagsets in entries.items():
        merged = set().union(*flagsets)
        # a surface that serves both numbers (français, burkinabè) is not marked plural
        if not all("pl" in fs for fs in flagsets):
            merged.discard("pl")
        flags = ";".join(sort_flags(merged)) or "-"
        out.append((surface, kind, value, flags))
    out.sort(key=lambda r: (r[1], r[0].lower(), r[0], r[2], r[3]))
    return out


HEADER = """\
# nommer gazetteer: demonyms (nationality adjectives and nouns, all genders and numbers) and combining forms
# source: hand-kept table tools/gazetteers/demonyms-base.tsv (general knowledge; forms checked against the French speller hunspell-fr-comprehensive 1:7.0-1)
# version: 1
# licence: MIT (the project's own licence)
# regenerate: python3 tools/gazetteers/demonyms.py
# Surfaces are lowercase: matching folds case (« Maliens » the noun matches « maliens »).
# A surface serving several countries has one row per country (congolais: CG and CD).
# surface\tkind\tvalue\tflags
"""


def check(out, prefix):
    from spylls.hunspell import Dictionary  # optional dependency, only for --check
    d = Dictionary.from_files(prefix)
    for surface, kind, value, flags in out:
        if kind == "demonym" and not d.lookup(surface):
            print(f"speller rejects: {surface}\t{value}\t{flags}")


def main():
    out = expand(read_base(BASE))
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        for row in out:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {OUT}: {len(out)} rows", file=sys.stderr)
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(out, sys.argv[2])


if __name__ == "__main__":
    main()
