#!/usr/bin/env python3
"""Parses HTML pages with html5lib (the WHATWG parsing algorithm) in strict mode and prints
every parse error: what a browser would have to repair.

    tools/html/validate.py PAGE.html…      # needs html5lib: tools/html/screenshot.sh --validate
"""
import sys

import html5lib

bad = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    parser.parse(data, transport_encoding="utf-8")
    for pos, code, args in parser.errors:
        bad += 1
        print(f"{path}:{pos[0]}:{pos[1]}: {code} {args}")
    print(f"{path}: {len(data)} bytes, {len(parser.errors)} parse errors")
sys.exit(1 if bad else 0)
