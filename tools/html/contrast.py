#!/usr/bin/env python3
"""Prints the WCAG 2 contrast ratios of the HTML page's colours (read from the CSS in
src/bin/nommer/html.rs) and fails if one is under 4.5:1 (AA for normal text).

    python3 tools/html/contrast.py
"""
import pathlib
import re
import sys

CSS = (pathlib.Path(__file__).resolve().parents[2] / "src/bin/nommer/html.rs").read_text()
INK, PAPER, CARD, PANEL = "#1c1d21", "#fbfaf7", "#ffffff", "#faf9f5"


def luminance(colour):
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a, b):
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


pairs = []
for m in re.finditer(r"\.(k-\w+)\{--bg:(#\w+);--fg:(#\w+)", CSS):
    kind, bg, fg = m.groups()
    pairs.append((f"{kind} label on its mark", fg, bg))
    pairs.append((f"{kind} text on its mark", INK, bg))
pairs += [
    ("muted text on a card", "#5b5f6b", CARD),
    ("muted text on the panel", "#5b5f6b", PANEL),
    ("speaker label", "#5b4714", "#efe6cc"),
    ("header text", "#c9ccd8", "#1f2433"),
    ("table of contents link", "#2a3f9d", CARD),
    ("text on the page", INK, PAPER),
]
worst = min(ratio(fg, bg) for _, fg, bg in pairs)
for name, fg, bg in pairs:
    print(f"{ratio(fg, bg):5.1f}:1  {name} ({fg} on {bg})")
print(f"lowest {worst:.1f}:1 (WCAG AA asks 4.5:1, AAA 7:1)")
sys.exit(0 if worst >= 4.5 else 1)
