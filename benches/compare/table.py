#!/usr/bin/env python3
"""Builds the side-by-side table of benches/compare/compare.sh from the files it left in DIR.

    table.py DIR CORPUS.jsonl [--limit N]

For each system S in nommer, sm-full, sm-ner, md-full, md-ner, DIR holds:
- S.score.json: `evaluate CORPUS --score S.pred.jsonl --json-summary` (accuracy);
- S.pred.jsonl: the predictions;
- S.time.txt: `/usr/bin/time -v` of the run (peak RSS: "Maximum resident set size", KiB);
  for nommer, nommer.run*.time.txt (one per run);
- speed: S.stats.json from spacy_ner.py (seconds of the pipe loop), or for nommer
  nommer.run*.summary.json from `evaluate --json-summary` (extraction_seconds; median of runs).

Words = whitespace-separated tokens (str.split()) of the corpus texts, the same for every system;
MB = 10^6 bytes of UTF-8 text. Prints the markdown table (and notes) and writes DIR/TABLE.md.
Standard library only.
"""

import argparse
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spacy_ner import read_corpus  # noqa: E402  (does not import spaCy)

SYSTEMS = [
    ("nommer", "nommer"),
    ("sm-full", "spaCy fr_core_news_sm, full pipeline"),
    ("sm-ner", "spaCy fr_core_news_sm, NER only"),
    ("md-full", "spaCy fr_core_news_md, full pipeline"),
    ("md-ner", "spaCy fr_core_news_md, NER only"),
]


def die(msg):
    sys.exit(f"table.py: {msg}")


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die(f"cannot read {path}: {e}")


def peak_rss_kib(path):
    try:
        with open(path, encoding="utf-8") as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
    except OSError as e:
        die(f"cannot read {path}: {e}")
    if not m:
        die(f"no 'Maximum resident set size' in {path}")
    return int(m.group(1))


def cpu_percent(path):
    """"Percent of CPU this job got" (below ~95% for a one-thread run: the machine was busy)."""
    with open(path, encoding="utf-8") as f:
        m = re.search(r"Percent of CPU this job got: (\d+)%", f.read())
    return m.group(1) + "%" if m else "?"


def entity_set(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs[json.dumps(d["id"])] = sorted(
                    (e["start"], e["end"], e["label"]) for e in d["entities"]
                )
    return docs


def agreement(dir_, a, b):
    """Documents and entities on which two prediction files agree exactly."""
    x, y = entity_set(f"{dir_}/{a}.pred.jsonl"), entity_set(f"{dir_}/{b}.pred.jsonl")
    same_docs = sum(x[k] == y.get(k) for k in x)
    sx = {(k, e) for k, es in x.items() for e in es}
    sy = {(k, e) for k, es in y.items() for e in es}
    return same_docs, len(x), len(sx), len(sy), len(sx & sy)


def f1(summary, label, kind="exact"):
    entry = summary["labels"].get(label)
    return None if entry is None else entry[kind]["f1"]


def fmt_pct(x):
    return "–" if x is None else f"{100 * x:.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    d = args.dir

    texts = [t for _, t in read_corpus(args.corpus, args.limit)]
    words = sum(len(t.split()) for t in texts)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    rows = []
    for key, name in SYSTEMS:
        score = load_json(f"{d}/{key}.score.json")
        if score["bytes"] != nbytes:
            die(f"{key}: evaluate scored {score['bytes']} bytes of text, the corpus has {nbytes}")
        if key == "nommer":
            # In run order (run10 after run9).
            runs = sorted(
                glob.glob(f"{d}/nommer.run*.summary.json"),
                key=lambda p: int(re.search(r"nommer\.run(\d+)\.", p).group(1)),
            )
            if not runs:
                die(f"no {d}/nommer.run*.summary.json")
            summaries = [load_json(r) for r in runs]
            secs_all = [r["extraction_seconds"] for r in summaries]
            passes = sorted({r.get("passes") or 1 for r in summaries})
            secs = statistics.median(secs_all)
            rss = max(peak_rss_kib(t) for t in sorted(glob.glob(f"{d}/nommer.run*.time.txt")))
            extra = {"runs": secs_all, "passes": passes}
        else:
            stats = load_json(f"{d}/{key}.stats.json")
            if stats["bytes"] != nbytes or stats["words"] != words:
                die(f"{key}: stats for {stats['bytes']} bytes / {stats['words']} words, "
                    f"corpus has {nbytes} / {words}")
            secs = stats["seconds"]
            rss = peak_rss_kib(f"{d}/{key}.time.txt")
            extra = stats
        rows.append({
            "key": key,
            "name": name,
            "PER": f1(score, "PER"),
            "LOC": f1(score, "LOC"),
            "ORG": f1(score, "ORG"),
            "DATE": f1(score, "DATE") if key == "nommer" else None,
            "micro": score["micro"]["exact"]["f1"],
            "micro_len": score["micro"]["lenient"]["f1"],
            "unscored": score["unscored_predictions"],
            "secs": secs,
            "wps": words / secs,
            "mbps": nbytes / 1e6 / secs,
            "rss_mb": rss * 1024 / 1e6,
            "extra": extra,
        })

    nommer = rows[0]
    head = ("| system | PER F1 | LOC F1 | ORG F1 | DATE F1 | micro F1 exact | micro F1 lenient "
            "| seconds | words/s | MB/s | peak RSS (MB) | nommer is × faster |")
    lines = [head, "|" + "---|" + "---:|" * 11]
    for r in rows:
        ratio = "—" if r is nommer else f"{nommer['mbps'] / r['mbps']:,.0f}×"
        lines.append(
            f"| {r['name']} | {fmt_pct(r['PER'])} | {fmt_pct(r['LOC'])} | {fmt_pct(r['ORG'])} "
            f"| {fmt_pct(r['DATE'])} | **{fmt_pct(r['micro'])}** | {fmt_pct(r['micro_len'])} "
            f"| {r['secs']:.3f} | {r['wps']:,.0f} | {r['mbps']:.3f} | {r['rss_mb']:.0f} | {ratio} |"
        )

    notes = [
        "",
        f"Corpus `{os.path.basename(args.corpus)}`: {len(texts)} documents, {words:,} words "
        f"(whitespace-separated), {nbytes / 1e6:.3f} MB of text"
        + (f" (--limit {args.limit})" if args.limit else "") + ".",
        "F1 exact (same span and label) per label and micro over PER+LOC+ORG; lenient = same "
        "label, overlapping span. DATE: spaCy has none. spaCy MISC and nommer TITLE/DEMONYM "
        "are not scored.",
        "Speed: nommer = extraction only (median of "
        f"{len(nommer['extra']['runs'])} runs: "
        + ", ".join(f"{s:.3f}" for s in nommer["extra"]["runs"]) + " s; each run one process, "
        "its time the median of "
        + "/".join(str(p) for p in nommer["extra"]["passes"])
        + " passes over the corpus; runs interleaved with spaCy's, in run order); spaCy = the "
        "`nlp.pipe(texts, batch_size=16)` loop only, after loading. Peak RSS = "
        "`/usr/bin/time -v` maximum resident set size of the whole process "
        "(MB = 10^6 bytes). Ratio = nommer MB/s ÷ that row's MB/s.",
    ]
    for key, label in (("sm", "fr_core_news_sm"), ("md", "fr_core_news_md")):
        same_docs, n, e_full, e_ner, e_both = agreement(d, f"{key}-full", f"{key}-ner")
        notes.append(
            f"{label}: NER-only vs full pipeline: identical entities in {same_docs}/{n} "
            f"documents; {e_both} entities in common, {e_full - e_both} only in full, "
            f"{e_ner - e_both} only in NER-only."
        )
    notes.append(
        "CPU share of each run (`/usr/bin/time -v` \"Percent of CPU\"; well below 100% means "
        "another process competed for the cores, and speed is understated): "
        + "; ".join(
            f"{key} " + ", ".join(cpu_percent(t) for t in sorted(glob.glob(f"{d}/{key}*.time.txt")))
            for key, _ in SYSTEMS
        )
        + "."
    )
    for r in rows[1:]:
        notes.append(
            f"{r['name']}: load {r['extra']['load_seconds']:.1f} s; pipeline "
            f"{r['extra']['pipeline']}; not scored: "
            + (", ".join(f"{k} {v}" for k, v in sorted(r["unscored"].items())) or "none")
        )
    text = "\n".join(lines + notes) + "\n"
    print(text, end="")
    with open(f"{d}/TABLE.md", "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
