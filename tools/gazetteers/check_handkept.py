#!/usr/bin/env python3
"""Check (and with --fix, sort in place) nommer gazetteer files.

    python3 tools/gazetteers/check_handkept.py gazetteers/*.tsv          # check only
    python3 tools/gazetteers/check_handkept.py --fix gazetteers/titles.tsv  # sort rows, keep header

Rules checked (see gazetteers/README.md): a header of `#` comments naming source, version,
licence and regenerate command; exactly 4 tab-separated columns; a known kind; known flags;
no empty surface or value; no duplicate (surface, kind, value); rows sorted by
(kind, lowercase surface, surface, value). Standard library only.
"""
import re
import sys

KINDS = {"country", "city", "region", "place", "org", "title", "honorific",
         "demonym", "demonym-prefix", "first-name", "org-head"}
PLAIN_FLAGS = {"exact", "ambiguous", "capital", "m", "f", "pl", "acronym", "platform"}
VALUED_FLAGS = [re.compile(r"^cc=[A-Z]{2}$"), re.compile(r"^pop=[0-9]+$"),
                re.compile(r"^wikidata=Q[0-9]+$")]
HEADER_KEYS = ("source:", "version:", "licence:", "regenerate:")


def sort_key(row):
    surface, kind, value, flags = row
    return (kind, surface.lower(), surface, value, flags)


def check(path, fix):
    errors = []
    header, rows = [], []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            if rows:
                errors.append(f"{path}:{n}: comment after the first entry (kept in place only in the header)")
            header.append(line)
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            errors.append(f"{path}:{n}: expected 4 tab-separated columns, got {len(cols)}")
            continue
        surface, kind, value, flags = cols
        if not surface or surface != surface.strip():
            errors.append(f"{path}:{n}: empty surface or surrounding spaces")
        if kind not in KINDS:
            errors.append(f"{path}:{n}: unknown kind {kind!r}")
        if not value or value != value.strip():
            errors.append(f"{path}:{n}: empty value or surrounding spaces")
        if flags != "-":
            for f in flags.split(";"):
                if f not in PLAIN_FLAGS and not any(p.match(f) for p in VALUED_FLAGS):
                    errors.append(f"{path}:{n}: unknown flag {f!r}")
        rows.append((surface, kind, value, flags))
    text = "\n".join(header).lower()
    for key in HEADER_KEYS:
        if key not in text:
            errors.append(f"{path}: header lacks a `{key}` line")
    seen = set()
    for r in rows:
        if r[:3] in seen:
            errors.append(f"{path}: duplicate (surface, kind, value): {r[:3]}")
        seen.add(r[:3])
    if rows != sorted(rows, key=sort_key):
        if fix:
            rows.sort(key=sort_key)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write("\n".join(header) + "\n")
                for r in rows:
                    fh.write("\t".join(r) + "\n")
            print(f"{path}: sorted")
        else:
            errors.append(f"{path}: rows not sorted by (kind, lowercase surface); run with --fix")
    return errors, len(rows)


def main():
    args = sys.argv[1:]
    fix = "--fix" in args
    paths = [a for a in args if a != "--fix"]
    if not paths:
        sys.exit(__doc__)
    failed = False
    for p in paths:
        errors, n = check(p, fix)
        for e in errors:
            print(e)
        failed |= bool(errors)
        print(f"{p}: {n} rows, {'OK' if not errors else str(len(errors)) + ' error(s)'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
