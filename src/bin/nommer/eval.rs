//! Scores the default extractor against an annotated corpus in JSONL, and lists its commonest
//! errors.
//!
//! ```text
//! nommer eval CORPUS.jsonl [--predictions OUT.jsonl] [--links OUT.jsonl] [--errors N] [--limit DOCS] [--json-summary OUT.json] [--passes N] [--relative-dates include|exclude]
//! nommer eval CORPUS.jsonl --score PRED.jsonl [--errors N] [--limit DOCS] [--json-summary OUT.json]
//! nommer eval ../shared/corpora/winer-fr-dev.jsonl
//! ```
//!
//! Corpus format (`../shared/corpora/README.md`): one JSON object a line, with `id`, `text` and
//! `entities` (`[{"start", "end", "label", "text"}]`, `start`/`end` in Unicode code points, end
//! exclusive). Malformed lines are reported on standard error and skipped.
//!
//! Scoring: the extractor's kinds map to labels (person → PER, location → LOC, organisation →
//! ORG, date → DATE); titles and demonyms are never scored. Only the labels PER, LOC, ORG and
//! DATE that occur in the corpus's gold are scored, for gold and predictions alike (gold MISC
//! and TIME are ignored, except to name spurious predictions that fall on them). Per label and
//! micro-averaged: exact (same span and label) and lenient (same label, overlapping span; each
//! gold and each prediction matched at most once, exact pairs first, then greedily in text
//! order) precision, recall and F1.
//!
//! Errors, classified from the prediction side (each wrong prediction counts once) and the gold
//! side (missed entities):
//! - wrong label: a scored gold entity has exactly the prediction's span, another label;
//! - boundary: a gold entity of the same label overlaps the prediction, span differs;
//! - wrong label + boundary: only gold entities of other scored labels overlap, span differs;
//! - spurious (MISC in gold) (or TIME…): only gold entities of unscored labels overlap;
//! - spurious: no gold entity of any label overlaps;
//! - missed: a scored gold entity that no scored prediction overlaps.
//!
//! `--errors N` (default 15) lists, per error type, the N most frequent texts with one context
//! (±40 chars, the span in [brackets], line breaks as ⏎). `--limit DOCS` reads only the first
//! DOCS documents. `--predictions OUT.jsonl` writes one line a document:
//! `{"id": …, "entities": [{"start", "end", "label", "kind", "subtype"?, "text", "value"}]}` with
//! start/end in Unicode code points, every kind included (label PER, LOC, ORG, DATE, TITLE or
//! DEMONYM; `subtype` for locations only; `value` null when absent).
//!
//! Timing covers extraction only (not reading, parsing or scoring); MB = 10^6 bytes of UTF-8 text.
//! `--passes N` (default 1) extracts the whole corpus N times in the same process and reports
//! the median pass: a pass over WiNER dev takes a twentieth of a second, short enough for the
//! first pass's cold caches and a moment of machine noise to weigh on it. Predictions and scores
//! are the same whatever N.
//!
//! `--relative-dates exclude` (the default) scores dates the way corpora that do not annotate
//! relative dates do (WiNER's guidelines leave out « mardi », « hier », « en mars », « la semaine
//! dernière »; its dev set has some 600 of them unannotated): predictions of the `date-relative`
//! rule are not scored, and a decade (rule `date-decade`, « les [années 1990] ») is scored as
//! its year, WiNER's span (« les années [1990] »). `--relative-dates include` scores every
//! predicted date as it is. The report's header says which. Either way `--predictions` writes
//! every entity the extractor returns, relative dates and decades included, with their spans.
//!
//! `--persons-with-titles` compares like with like on corpora whose persons include their
//! honorific and title (HIPE: « M. Chéron », « le maréchal Haig »): each predicted person is
//! extended over the title entity just before it and an honorific before that, before scoring.
//!
//! `--score PRED.jsonl` scores another system instead of running the extractor: PRED is in the
//! `--predictions` format (only `id` and, per entity, `start`, `end` and `label` are needed;
//! other fields are ignored; the span text is taken from the corpus), one line per document,
//! matched to the corpus by `id` (compared as JSON values). Labels outside PER, LOC, ORG and DATE
//! (e.g. spaCy's MISC) are counted as not scored. A corpus document with no line in PRED counts
//! as having no predictions (reported on standard error and in the report); PRED lines whose id
//! is not in the (possibly `--limit`ed) corpus are ignored, with a note on standard error;
//! malformed PRED lines and entities are skipped with a warning; duplicate ids (in PRED, or in
//! the corpus) are an error. The report is the same, with the extraction-time line replaced by a
//! line on the predictions read. `--score` and `--predictions` cannot be combined.
//!
//! `--links OUT.jsonl` runs the document layer too and writes one line a document:
//! `{"id": …, "persons": [{"name", "mentions": [{"start", "end", "text"}], "titles": [{"start",
//! "end", "text"}], "affiliation": {"country": "RU"} | {"organisation": "…"} | null}],
//! "acronyms": [{"acronym", "expansion", "defined_in_text"}], "quotes": [{"start", "end",
//! "speaker": name | null}]}` — offsets in Unicode code points into the document's `text`;
//! `name` a person's canonical name; `speaker` a person's canonical name or an organisation's
//! name. Tools outside the project read it: keep it stable. A corpus line's optional
//! `"date": "YYYY-MM-DD"` is the document's date (relative dates get values from it).
//!
//! `--json-summary OUT.json` also writes the figures as JSON, for scripts (see
//! `benches/compare/`): `corpus`, `documents`, `chars`, `bytes`, `system` (`"nommer"` or
//! `"predictions"`), `predictions_file` (the `--score` file or null), `labels` (per scored label:
//! `gold`, `pred`, and `exact` and `lenient` objects with `tp`, `precision`, `recall`, `f1` as
//! fractions in 0..1), `micro` (the same over PER+LOC+ORG, plus `labels`), `micro_date` (over all
//! scored labels, or null if the gold has no DATE), `relative_dates` (`"include"`,
//! `"exclude"`, or null with `--score`), `unscored_predictions` (label → count),
//! `errors` (error type → count), `extraction_seconds` (the median pass) and `mb_per_s` (null
//! with `--score`), `passes`.

use nommer::Extractor;

#[path = "predictions.rs"]
mod output;
use output::{out_entity, OutDoc};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::{Duration, Instant};

/// The labels the extractor can be scored on, in report order.
const SCORABLE: [&str; 4] = ["PER", "LOC", "ORG", "DATE"];

/// A span in Unicode code points, with its label and text.
#[derive(Clone, Debug)]
struct Span {
    start: usize,
    end: usize,
    label: String,
    text: String,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    fn same_span(&self, other: &Span) -> bool {
        self.start == other.start && self.end == other.end
    }
}

/// One corpus document.
struct Doc {
    id: serde_json::Value,
    text: String,
    gold: Vec<Span>,
    /// The line's `"date"`, the document's date.
    date: Option<nommer::Date>,
}

struct Options {
    corpus: String,
    predictions: Option<String>,
    score: Option<String>,
    json_summary: Option<String>,
    errors: usize,
    limit: Option<usize>,
    persons_with_titles: bool,
    passes: usize,
    links: Option<String>,
    /// Whether relative dates are scored (`--relative-dates include`).
    relative_dates: bool,
}

const USAGE: &str = "usage: evaluate CORPUS.jsonl [--predictions OUT.jsonl] [--errors N] [--limit DOCS] [--json-summary OUT.json] [--persons-with-titles] [--passes N] [--links OUT.jsonl] [--relative-dates include|exclude]
       evaluate CORPUS.jsonl --score PRED.jsonl [--errors N] [--limit DOCS] [--json-summary OUT.json]";

fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut corpus = None;
    let mut predictions = None;
    let mut score = None;
    let mut json_summary = None;
    let mut errors = 15;
    let mut limit = None;
    let mut persons_with_titles = false;
    let mut passes = 1;
    let mut links = None;
    let mut relative_dates = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--predictions" => predictions = Some(value("--predictions")?),
            "--links" => links = Some(value("--links")?),
            "--score" => score = Some(value("--score")?),
            "--json-summary" => json_summary = Some(value("--json-summary")?),
            "--persons-with-titles" => persons_with_titles = true,
            "--relative-dates" => {
                relative_dates = match value("--relative-dates")?.as_str() {
                    "include" => true,
                    "exclude" => false,
                    v => return Err(format!("--relative-dates: include or exclude, not {v}")),
                }
            }
            "--errors" => {
                let v = value("--errors")?;
                errors = v
                    .parse()
                    .map_err(|_| format!("--errors: not a number: {v}"))?;
            }
            "--limit" => {
                let v = value("--limit")?;
                limit = Some(
                    v.parse()
                        .map_err(|_| format!("--limit: not a number: {v}"))?,
                );
            }
            "--passes" => {
                let v = value("--passes")?;
                passes = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--passes: not a positive number: {v}"))?;
            }
            _ if name.starts_with("--") => return Err(format!("unknown option {name}")),
            _ if corpus.is_none() => corpus = Some(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if predictions.is_some() && score.is_some() {
        return Err("--predictions and --score cannot be combined".into());
    }
    Ok(Options {
        corpus: corpus.ok_or("missing CORPUS.jsonl")?,
        predictions,
        links,
        score,
        json_summary,
        errors,
        limit,
        persons_with_titles,
        passes,
        relative_dates,
    })
}

/// Byte offset of every char boundary, indexed by char offset (length = chars + 1).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Parses one corpus line. Malformed gold entities are skipped with a warning in `warnings`.
fn parse_doc(line: &str, warnings: &mut Vec<String>) -> Result<Doc, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = obj.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let text = obj
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or("no string \"text\"")?
        .to_string();
    let offsets = char_to_byte(&text);
    let nchars = offsets.len() - 1;
    let mut gold = Vec::new();
    let entities = match obj.get("entities") {
        None | Some(serde_json::Value::Null) => &[][..],
        Some(serde_json::Value::Array(a)) => &a[..],
        Some(_) => return Err("\"entities\" is not an array".into()),
    };
    for (i, e) in entities.iter().enumerate() {
        let (start, end, label) = match entity_span(e, nchars) {
            Some(span) => span,
            None => {
                warnings.push(format!("entity {i}: bad start/end/label, skipped: {e}"));
                continue;
            }
        };
        let span_text = &text[offsets[start]..offsets[end]];
        if let Some(t) = e.get("text").and_then(|x| x.as_str()) {
            if t != span_text {
                warnings.push(format!(
                    "entity {i}: text {t:?} differs from text[{start}..{end}] = {span_text:?}"
                ));
            }
        }
        gold.push(Span {
            start,
            end,
            label: label.to_string(),
            text: span_text.to_string(),
        });
    }
    let date = match v.get("date") {
        None | Some(serde_json::Value::Null) => None,
        Some(d) => Some(
            d.as_str()
                .ok_or("\"date\" is not a string")?
                .parse::<nommer::Date>()
                .map_err(|e| e.to_string())?,
        ),
    };
    Ok(Doc {
        id,
        text,
        gold,
        date,
    })
}

/// True positives, gold and predicted counts.
#[derive(Clone, Copy, Default)]
struct Counts {
    tp: usize,
    gold: usize,
    pred: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.gold += o.gold;
        self.pred += o.pred;
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Matches the gold and predicted spans of one label in one document: exact pairs first, then
/// (lenient) overlapping pairs greedily in text order. Returns (exact tp, lenient tp).
fn match_label(gold: &[&Span], pred: &[&Span]) -> (usize, usize) {
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut exact = 0;
    for (pi, p) in pred.iter().enumerate() {
        if let Some(gi) = (0..gold.len()).find(|&gi| !gold_used[gi] && gold[gi].same_span(p)) {
            gold_used[gi] = true;
            pred_used[pi] = true;
            exact += 1;
        }
    }
    let mut lenient = exact;
    for (pi, p) in pred.iter().enumerate() {
        if pred_used[pi] {
            continue;
        }
        if let Some(gi) = (0..gold.len()).find(|&gi| !gold_used[gi] && gold[gi].overlaps(p)) {
            gold_used[gi] = true;
            pred_used[pi] = true;
            lenient += 1;
        }
    }
    (exact, lenient)
}

/// Error types, in report order.
const ERROR_TYPES: [&str; 6] = [
    "wrong label (right span)",
    "boundary (same label, overlapping)",
    "wrong label + boundary",
    "spurious (unscored label in gold)",
    "spurious",
    "missed",
];

/// One error occurrence: its type, the label to count it under, a key to group by, and where.
struct ErrorItem {
    kind: usize,
    label: String,
    key: String,
    doc: usize,
    start: usize,
    end: usize,
}

/// Classifies the errors of one document. `scored` gold and predictions are those of scored
/// labels; `all_gold` includes unscored labels (MISC, TIME).
fn classify_errors(
    doc_index: usize,
    scored_gold: &[&Span],
    all_gold: &[Span],
    scored_pred: &[&Span],
    out: &mut Vec<ErrorItem>,
) {
    for p in scored_pred {
        if scored_gold
            .iter()
            .any(|g| g.same_span(p) && g.label == p.label)
        {
            continue;
        }
        let (kind, label, key) = if let Some(g) = scored_gold.iter().find(|g| g.same_span(p)) {
            (
                0,
                format!("{}→{}", g.label, p.label),
                format!("«{}»  gold {} → pred {}", p.text, g.label, p.label),
            )
        } else if let Some(g) = scored_gold
            .iter()
            .find(|g| g.overlaps(p) && g.label == p.label)
        {
            (
                1,
                p.label.clone(),
                format!("«{}»  {}, gold «{}»", p.text, p.label, g.text),
            )
        } else if let Some(g) = scored_gold.iter().find(|g| g.overlaps(p)) {
            (
                2,
                format!("{}→{}", g.label, p.label),
                format!(
                    "«{}»  pred {}, gold {} «{}»",
                    p.text, p.label, g.label, g.text
                ),
            )
        } else if let Some(g) = all_gold.iter().find(|g| g.overlaps(p)) {
            (
                3,
                format!("{} on {}", p.label, g.label),
                format!("«{}»  {} on gold {} «{}»", p.text, p.label, g.label, g.text),
            )
        } else {
            (4, p.label.clone(), format!("«{}»  {}", p.text, p.label))
        };
        out.push(ErrorItem {
            kind,
            label,
            key,
            doc: doc_index,
            start: p.start,
            end: p.end,
        });
    }
    for g in scored_gold {
        if !scored_pred.iter().any(|p| p.overlaps(g)) {
            out.push(ErrorItem {
                kind: 5,
                label: g.label.clone(),
                key: format!("«{}»  {}", g.text, g.label),
                doc: doc_index,
                start: g.start,
                end: g.end,
            });
        }
    }
}

/// `text` around chars `start..end`: 40 chars each side, the span in brackets, one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let offsets = char_to_byte(text);
    let n = offsets.len() - 1;
    let (start, end) = (start.min(n), end.min(n));
    let left = start.saturating_sub(40);
    let right = (end + 40).min(n);
    let s = format!(
        "{}{}[{}]{}{}",
        if left > 0 { "…" } else { "" },
        &text[offsets[left]..offsets[start]],
        &text[offsets[start]..offsets[end]],
        &text[offsets[end]..offsets[right]],
        if right < n { "…" } else { "" },
    );
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Writes `--predictions`, if asked, from the extractor's results.
fn write_predictions(opts: &Options, docs: &[Doc], results: &[nommer::Document]) {
    if let Some(path) = &opts.predictions {
        let written = (|| -> std::io::Result<()> {
            let mut w = BufWriter::new(std::fs::File::create(path)?);
            for (d, doc) in docs.iter().zip(results) {
                let out = OutDoc {
                    id: &d.id,
                    entities: doc.entities().iter().map(out_entity).collect(),
                };
                serde_json::to_writer(&mut w, &out)?;
                w.write_all(b"\n")?;
            }
            w.flush()
        })();
        if let Err(e) = written {
            eprintln!("evaluate: cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
}

/// Writes `--links`, if asked: per document its persons, acronyms and quotes, offsets in code
/// points (the shape in the module's documentation).
fn write_links(opts: &Options, docs: &[Doc], results: &[nommer::Document]) {
    use serde_json::json;
    let Some(path) = &opts.links else { return };
    let span = |s: &nommer::Span| {
        let r = s.char_range();
        json!({"start": r.start, "end": r.end, "text": s.text()})
    };
    let written = (|| -> std::io::Result<()> {
        let mut w = BufWriter::new(std::fs::File::create(path)?);
        for (d, doc) in docs.iter().zip(results) {
            let persons: Vec<serde_json::Value> = doc
                .persons()
                .iter()
                .map(|p| {
                    json!({
                        "name": p.name(),
                        "mentions": p.mentions().iter().map(|m| span(m.span())).collect::<Vec<_>>(),
                        "titles": p.titles().iter().map(|m| span(m.span())).collect::<Vec<_>>(),
                        "affiliation": p.affiliation(),
                    })
                })
                .collect();
            let acronyms: Vec<serde_json::Value> = doc
                .acronyms()
                .iter()
                .map(|a| {
                    json!({"acronym": a.acronym(), "expansion": a.expansion(),
                           "defined_in_text": a.defined_in_text()})
                })
                .collect();
            let quotes: Vec<serde_json::Value> = doc
                .quotes()
                .iter()
                .map(|q| {
                    let r = q.span().char_range();
                    json!({"start": r.start, "end": r.end, "speaker": q.speaker().map(|s| s.name())})
                })
                .collect();
            let line =
                json!({"id": d.id, "persons": persons, "acronyms": acronyms, "quotes": quotes});
            serde_json::to_writer(&mut w, &line)?;
            w.write_all(b"\n")?;
        }
        w.flush()
    })();
    if let Err(e) = written {
        eprintln!("evaluate: cannot write {path}: {e}");
        std::process::exit(1);
    }
}

/// Reads a `--score` predictions file: for each corpus document (matched by id), its predicted
/// spans, any label, sorted by start (stable); and the report line on what was read.
fn read_predictions(path: &str, docs: &[Doc]) -> Result<(Vec<Vec<Span>>, String), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if index.insert(d.id.to_string(), i).is_some() {
            return Err(format!(
                "duplicate id {} in the corpus: cannot match predictions by id",
                d.id
            ));
        }
    }
    let mut predicted: Vec<Option<Vec<Span>>> = vec![None; docs.len()];
    let mut seen: HashSet<String> = HashSet::new();
    let (mut lines_skipped, mut unmatched, mut entities_skipped, mut warned) = (0, 0, 0, 0);
    let mut warn = |msg: String| {
        warned += 1;
        if warned <= 20 {
            eprintln!("evaluate: {msg}");
        }
    };
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let at = format!("{path}:{}", n + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                warn(format!("{at}: unreadable line, skipped: {e}"));
                lines_skipped += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                warn(format!("{at}: bad JSON, skipped: {e}"));
                lines_skipped += 1;
                continue;
            }
        };
        let Some(id) = v.get("id") else {
            warn(format!("{at}: no \"id\", skipped"));
            lines_skipped += 1;
            continue;
        };
        let key = id.to_string();
        if !seen.insert(key.clone()) {
            return Err(format!("{at}: duplicate id {key} in the predictions"));
        }
        let Some(&di) = index.get(&key) else {
            unmatched += 1;
            continue;
        };
        let entities = match v.get("entities") {
            None | Some(serde_json::Value::Null) => &[][..],
            Some(serde_json::Value::Array(a)) => &a[..],
            Some(_) => {
                warn(format!("{at}: \"entities\" is not an array, line skipped"));
                lines_skipped += 1;
                continue;
            }
        };
        let text = &docs[di].text;
        let offsets = char_to_byte(text);
        let nchars = offsets.len() - 1;
        let mut spans = Vec::with_capacity(entities.len());
        for (i, e) in entities.iter().enumerate() {
            let (start, end, label) = match entity_span(e, nchars) {
                Some(span) => span,
                None => {
                    warn(format!(
                        "{at}: entity {i}: bad start/end/label (text of {nchars} chars), skipped: {e}"
                    ));
                    entities_skipped += 1;
                    continue;
                }
            };
            let span_text = &text[offsets[start]..offsets[end]];
            if let Some(t) = e.get("text").and_then(|x| x.as_str()) {
                if t != span_text {
                    warn(format!(
                        "{at}: entity {i}: text {t:?} differs from the corpus text[{start}..{end}] = {span_text:?}"
                    ));
                }
            }
            spans.push(Span {
                start,
                end,
                label: label.to_string(),
                text: span_text.to_string(),
            });
        }
        spans.sort_by_key(|s| s.start);
        predicted[di] = Some(spans);
    }
    if warned > 20 {
        eprintln!("evaluate: {warned} warnings on {path} in all");
    }
    let missing = predicted.iter().filter(|p| p.is_none()).count();
    if missing > 0 {
        eprintln!(
            "evaluate: {missing} corpus documents have no line in {path}: scored as no predictions"
        );
    }
    if unmatched > 0 {
        eprintln!("evaluate: {unmatched} lines of {path} have an id not in the corpus: ignored");
    }
    let line = format!(
        "predictions: {path}: {} documents matched, {missing} without a line (no predictions), \
         {unmatched} lines not in the corpus, {lines_skipped} lines and {entities_skipped} entities skipped (not timed)",
        docs.len() - missing
    );
    Ok((
        predicted
            .into_iter()
            .map(|p| p.unwrap_or_default())
            .collect(),
        line,
    ))
}

fn pct(x: f64) -> String {
    format!("{:5.1}", 100.0 * x)
}

/// Extends each person span over the title entity just before it and an honorific before that
/// (« M. le [président] [Dupont] » → « M. le président Dupont »), for corpora such as HIPE whose
/// persons include them.
fn with_titles(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    const HONORIFICS: &[&str] = &[
        "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Mr", "Dr", "Me", "Mgr", "Pr", "S.E.",
    ];
    let chars: Vec<char> = text.chars().collect();
    let gap_ok = |from: usize, to: usize| chars[from..to].iter().all(|c| c.is_whitespace());
    spans.sort_by_key(|s| s.start);
    let titles: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| s.label == "TITLE")
        .map(|s| (s.start, s.end))
        .collect();
    for s in spans.iter_mut().filter(|s| s.label == "PER") {
        if let Some(&(ts, _)) = titles.iter().rev().find(|&&(ts, te)| {
            te <= s.start && s.start - te <= 4 && gap_ok(te, s.start) && ts < s.start
        }) {
            s.start = ts;
        }
        let before: String = chars[..s.start].iter().collect();
        let mut before = before.trim_end();
        // « M. le président »: the article between honorific and title.
        for article in [" le", " la", " l'", " l’"] {
            if let Some(rest) = before.strip_suffix(article) {
                before = rest.trim_end();
                break;
            }
        }
        for h in HONORIFICS {
            if let Some(rest) = before.strip_suffix(h) {
                if !rest.chars().next_back().is_some_and(char::is_alphanumeric) {
                    s.start = rest.chars().count();
                    break;
                }
            }
        }
        s.text = chars[s.start..s.end].iter().collect();
    }
    spans
}

/// The start, end (code points) and label of a JSON entity, if well formed and inside a text of
/// `nchars` code points.
fn entity_span(e: &serde_json::Value, nchars: usize) -> Option<(usize, usize, &str)> {
    let start = e.get("start")?.as_u64()? as usize;
    let end = e.get("end")?.as_u64()? as usize;
    let label = e.get("label")?.as_str()?;
    (start <= end && end <= nchars).then_some((start, end, label))
}

/// The span an entity is scored as: its own, but for `--relative-dates exclude` (when
/// `include_relative` is false), where a relative date is not scored and a decade is scored as
/// its year (« années [1990] »).
fn scored_span(e: &nommer::Entity, include_relative: bool) -> Option<Span> {
    let r = e.char_range();
    let span = |start: usize, text: &str| Span {
        start,
        end: r.end,
        label: e.kind().label().to_string(),
        text: text.to_string(),
    };
    if !include_relative {
        if let nommer::Source::Rule(rule) = e.source() {
            match rule.as_ref() {
                "date-relative" => return None,
                "date-decade" => {
                    let year_at = e.text().rfind(char::is_whitespace).map_or(0, |p| p + 1);
                    let year = &e.text()[year_at..];
                    return Some(span(r.end - year.chars().count(), year));
                }
                _ => {}
            }
        }
    }
    Some(span(r.start, e.text()))
}

/// Runs the evaluation with `args` (the command line after the program or subcommand name).
pub fn main(args: Vec<String>) {
    let opts = parse_args(args).unwrap_or_else(|e| {
        eprintln!("evaluate: {e}\n{USAGE}");
        std::process::exit(2);
    });
    let file = std::fs::File::open(&opts.corpus).unwrap_or_else(|e| {
        eprintln!("evaluate: cannot open {}: {e}", opts.corpus);
        std::process::exit(2);
    });

    // Read the corpus.
    let mut docs = Vec::new();
    let mut skipped = 0;
    let mut warned = 0;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        if opts.limit.is_some_and(|l| docs.len() >= l) {
            break;
        }
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "evaluate: {}:{}: unreadable line, skipped: {e}",
                    opts.corpus,
                    n + 1
                );
                skipped += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let mut warnings = Vec::new();
        match parse_doc(&line, &mut warnings) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("evaluate: {}:{}: {e}; skipped", opts.corpus, n + 1);
                skipped += 1;
            }
        }
        for w in warnings {
            warned += 1;
            if warned <= 20 {
                eprintln!("evaluate: {}:{}: {w}", opts.corpus, n + 1);
            }
        }
    }
    if warned > 20 {
        eprintln!("evaluate: {warned} entity warnings in all");
    }

    // The label set: scorable labels present in the gold.
    let mut gold_labels: BTreeMap<String, usize> = BTreeMap::new();
    for d in &docs {
        for g in &d.gold {
            *gold_labels.entry(g.label.clone()).or_default() += 1;
        }
    }
    let scored: Vec<&str> = SCORABLE
        .iter()
        .copied()
        .filter(|l| gold_labels.contains_key(*l))
        .collect();

    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    let mut elapsed = Duration::ZERO;
    // With --score: the line on the predictions read, in place of the extraction time.
    let mut score_line = None;
    // Predicted spans (all labels) per document: read from the --score file, or extracted.
    let predicted: Vec<Vec<Span>> = if let Some(path) = &opts.score {
        let (predicted, line) = read_predictions(path, &docs).unwrap_or_else(|e| {
            eprintln!("evaluate: {e}");
            std::process::exit(2);
        });
        score_line = Some(line);
        predicted
    } else {
        // Extract (timed): each pass over the whole corpus, the median pass reported.
        let extractor = Extractor::default();
        let mut results = Vec::with_capacity(docs.len());
        let mut pass_times = Vec::with_capacity(opts.passes);
        for _ in 0..opts.passes {
            results.clear();
            let mut pass = Duration::ZERO;
            for d in &docs {
                let t = Instant::now();
                let doc = if opts.links.is_some() || d.date.is_some() {
                    let mut o = nommer::Options::new().document_layer(opts.links.is_some());
                    if let Some(date) = d.date {
                        o = o.date(date);
                    }
                    extractor.extract_with(&d.text, &o)
                } else {
                    extractor.extract(&d.text)
                };
                pass += t.elapsed();
                results.push(doc);
            }
            pass_times.push(pass);
        }
        pass_times.sort();
        elapsed = pass_times[pass_times.len() / 2];
        write_predictions(&opts, &docs, &results);
        write_links(&opts, &docs, &results);
        results
            .iter()
            .map(|doc| {
                doc.entities()
                    .iter()
                    .filter_map(|e| scored_span(e, opts.relative_dates))
                    .collect()
            })
            .collect()
    };

    // HIPE's convention: a person's span includes the honorific and title before the name.
    let predicted: Vec<Vec<Span>> = if opts.persons_with_titles {
        docs.iter()
            .zip(predicted)
            .map(|(d, spans)| with_titles(&d.text, spans))
            .collect()
    } else {
        predicted
    };

    // Score.
    let mut exact: HashMap<&str, Counts> = HashMap::new();
    let mut lenient: HashMap<&str, Counts> = HashMap::new();
    let mut unscored_pred: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (di, (d, doc_pred)) in docs.iter().zip(&predicted).enumerate() {
        let mut pred = Vec::new();
        for e in doc_pred {
            let label = e.label.as_str();
            if scored.contains(&label) {
                pred.push(e.clone());
            } else {
                *unscored_pred.entry(label).or_default() += 1;
            }
        }
        let scored_gold: Vec<&Span> = d
            .gold
            .iter()
            .filter(|g| scored.contains(&g.label.as_str()))
            .collect();
        let scored_pred: Vec<&Span> = pred.iter().collect();
        for &label in &scored {
            let g: Vec<&Span> = scored_gold
                .iter()
                .copied()
                .filter(|s| s.label == label)
                .collect();
            let p: Vec<&Span> = pred.iter().filter(|s| s.label == label).collect();
            let (tp_exact, tp_lenient) = match_label(&g, &p);
            exact.entry(label).or_default().add(Counts {
                tp: tp_exact,
                gold: g.len(),
                pred: p.len(),
            });
            lenient.entry(label).or_default().add(Counts {
                tp: tp_lenient,
                gold: g.len(),
                pred: p.len(),
            });
        }
        classify_errors(di, &scored_gold, &d.gold, &scored_pred, &mut errors);
    }

    // Report.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "corpus {}: {} documents ({} lines skipped), {} chars, {:.2} MB",
        opts.corpus,
        docs.len(),
        skipped,
        chars,
        bytes as f64 / 1e6
    );
    if opts.score.is_none() {
        let _ = writeln!(
            out,
            "relative dates: {}",
            if opts.relative_dates {
                "included (--relative-dates include: every predicted date is scored)"
            } else {
                "excluded from scoring (--relative-dates exclude, the default: « mardi », « hier », \
                 « en mars »… are not scored, decades are scored as their year; the corpus's \
                 guidelines do not annotate them)"
            }
        );
    }
    let gold_summary: Vec<String> = gold_labels
        .iter()
        .map(|(l, n)| {
            let tag = if scored.contains(&l.as_str()) {
                ""
            } else {
                " (ignored)"
            };
            format!("{l} {n}{tag}")
        })
        .collect();
    let _ = writeln!(out, "gold labels: {}", gold_summary.join(", "));
    let unscored: Vec<String> = unscored_pred
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let _ = writeln!(
        out,
        "predictions not scored: {}",
        if unscored.is_empty() {
            "none".to_string()
        } else {
            unscored.join(", ")
        }
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<18} {:>6} {:>6}   {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}",
        "label", "gold", "pred", "P", "R", "F1", "lenP", "lenR", "lenF1"
    );
    let row = |out: &mut String, name: &str, ex: Counts, le: Counts| {
        let (p, r, f) = ex.prf();
        let (lp, lr, lf) = le.prf();
        let _ = writeln!(
            out,
            "{:<18} {:>6} {:>6}   {} {} {}   {} {} {}",
            name,
            ex.gold,
            ex.pred,
            pct(p),
            pct(r),
            pct(f),
            pct(lp),
            pct(lr),
            pct(lf)
        );
    };
    for &label in &scored {
        row(&mut out, label, exact[label], lenient[label]);
    }
    let micro = |labels: &[&str]| {
        let (mut ex, mut le) = (Counts::default(), Counts::default());
        for l in labels {
            if let (Some(e), Some(n)) = (exact.get(l), lenient.get(l)) {
                ex.add(*e);
                le.add(*n);
            }
        }
        (ex, le)
    };
    let core: Vec<&str> = scored.iter().copied().filter(|l| *l != "DATE").collect();
    let (ex, le) = micro(&core);
    row(&mut out, &format!("micro {}", core.join("+")), ex, le);
    if scored.contains(&"DATE") {
        let (ex, le) = micro(&scored);
        row(&mut out, "micro +DATE", ex, le);
    }
    let _ = writeln!(out);
    let secs = elapsed.as_secs_f64();
    let mb_per_s = if secs > 0.0 {
        bytes as f64 / 1e6 / secs
    } else {
        0.0
    };
    match &score_line {
        Some(line) => {
            let _ = writeln!(out, "{line}");
        }
        None => {
            let _ = writeln!(
                out,
                "extraction: {} chars, {:.3} s, {:.2} MB/s (extraction only{}, MB = 10^6 bytes)",
                chars,
                secs,
                mb_per_s,
                if opts.passes > 1 {
                    format!(", median of {} passes", opts.passes)
                } else {
                    String::new()
                }
            );
        }
    }

    // Error breakdown.
    let _ = writeln!(out);
    let _ = writeln!(out, "errors by type (and label):");
    for (ti, name) in ERROR_TYPES.iter().enumerate() {
        let mut per_label: BTreeMap<&str, usize> = BTreeMap::new();
        for e in errors.iter().filter(|e| e.kind == ti) {
            *per_label.entry(e.label.as_str()).or_default() += 1;
        }
        let total: usize = per_label.values().sum();
        let labels: Vec<String> = per_label.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let _ = writeln!(out, "  {:<36} {:>6}   {}", name, total, labels.join(", "));
    }
    if opts.errors > 0 {
        for (ti, name) in ERROR_TYPES.iter().enumerate() {
            // key → (count, first occurrence)
            let mut groups: HashMap<&str, (usize, &ErrorItem)> = HashMap::new();
            for e in errors.iter().filter(|e| e.kind == ti) {
                groups.entry(e.key.as_str()).or_insert((0, e)).0 += 1;
            }
            if groups.is_empty() {
                continue;
            }
            let mut sorted: Vec<(&str, usize, &ErrorItem)> =
                groups.into_iter().map(|(k, (n, e))| (k, n, e)).collect();
            sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "{name}: top {} of {} distinct",
                opts.errors.min(sorted.len()),
                sorted.len()
            );
            for (key, n, e) in sorted.into_iter().take(opts.errors) {
                let _ = writeln!(out, "  {n:>5}  {key}");
                let _ = writeln!(
                    out,
                    "         {} | {}",
                    docs[e.doc].id,
                    context(&docs[e.doc].text, e.start, e.end)
                );
            }
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());

    // JSON summary.
    if let Some(path) = &opts.json_summary {
        use serde_json::json;
        let figures = |c: Counts| {
            let (p, r, f) = c.prf();
            json!({"tp": c.tp, "precision": p, "recall": r, "f1": f})
        };
        let entry = |ex: Counts, le: Counts| json!({"gold": ex.gold, "pred": ex.pred, "exact": figures(ex), "lenient": figures(le)});
        let mut labels = serde_json::Map::new();
        for &label in &scored {
            labels.insert(label.to_string(), entry(exact[label], lenient[label]));
        }
        let (ex, le) = micro(&core);
        let mut micro_core = entry(ex, le);
        micro_core["labels"] = json!(core);
        let micro_date = if scored.contains(&"DATE") {
            let (ex, le) = micro(&scored);
            let mut m = entry(ex, le);
            m["labels"] = json!(scored);
            m
        } else {
            serde_json::Value::Null
        };
        let mut error_counts = serde_json::Map::new();
        for (ti, name) in ERROR_TYPES.iter().enumerate() {
            let n = errors.iter().filter(|e| e.kind == ti).count();
            error_counts.insert(name.to_string(), json!(n));
        }
        let scoring = opts.score.is_some();
        let summary = json!({
            "corpus": opts.corpus,
            "documents": docs.len(),
            "chars": chars,
            "bytes": bytes,
            "system": if scoring { "predictions" } else { "nommer" },
            "predictions_file": opts.score,
            "labels": labels,
            "micro": micro_core,
            "micro_date": micro_date,
            "unscored_predictions": unscored_pred,
            "errors": error_counts,
            "extraction_seconds": if scoring { None } else { Some(secs) },
            "mb_per_s": if scoring { None } else { Some(mb_per_s) },
            "passes": if scoring { None } else { Some(opts.passes) },
            "relative_dates": if scoring {
                None
            } else if opts.relative_dates {
                Some("include")
            } else {
                Some("exclude")
            },
        });
        let written = std::fs::File::create(path).and_then(|f| {
            let mut w = BufWriter::new(f);
            serde_json::to_writer_pretty(&mut w, &summary)?;
            w.write_all(b"\n")?;
            w.flush()
        });
        if let Err(e) = written {
            eprintln!("evaluate: cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
    if scored.is_empty() {
        eprintln!("evaluate: no PER, LOC, ORG or DATE gold entity in the corpus: nothing scored");
    }
}
