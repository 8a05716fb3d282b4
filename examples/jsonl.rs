//! Runs the default extractor over a raw JSONL corpus, end to end: JSONL in, JSONL out.
//!
//! ```text
//! cargo run --release --example jsonl -- ../shared/corpora/news-raw-fr.jsonl > /tmp/out.jsonl
//! cat corpus.jsonl | cargo run --release --example jsonl > out.jsonl
//! ```
//!
//! Input: one JSON object a line with at least `id` (any JSON value) and `text` (a string);
//! other fields are ignored; malformed lines (bad JSON, no `text`, invalid UTF-8) are reported on
//! standard error and skipped. Output, buffered on standard output, one line a document:
//! `{"id": …, "entities": [{"start", "end", "label", "kind", "subtype"?, "text", "value"}]}` —
//! the shape of `evaluate --predictions`: start/end in Unicode code points, label PER, LOC, ORG,
//! DATE, TITLE or DEMONYM, kind the entity kind (`location`…), subtype for locations only, value
//! null when absent.
//!
//! At the end it prints on standard error the documents, MB (10^6 bytes) of input and of text,
//! seconds, and MB/s of input end to end (read, parse, extract, serialise, write) and of text for
//! extraction alone.

use nommer::Extractor;
use serde::Deserialize;

#[path = "../src/bin/nommer/predictions.rs"]
mod output;
use output::{out_entity, OutDoc};
use std::borrow::Cow;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::time::{Duration, Instant};

#[derive(Deserialize)]
struct InDoc<'a> {
    id: serde_json::Value,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

fn fail_write(e: std::io::Error) -> ! {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!("jsonl: cannot write standard output: {e}");
    }
    std::process::exit(1);
}

fn main() {
    let path = match std::env::args().nth(1) {
        Some(a) if a == "-h" || a == "--help" => {
            eprintln!("usage: jsonl [CORPUS.jsonl]   (reads standard input without it)");
            return;
        }
        other => other,
    };
    let input: Box<dyn Read> = match &path {
        Some(p) => Box::new(std::fs::File::open(p).unwrap_or_else(|e| {
            eprintln!("jsonl: cannot open {p}: {e}");
            std::process::exit(2);
        })),
        None => Box::new(std::io::stdin()),
    };
    let name = path.as_deref().unwrap_or("<stdin>");
    let mut reader = BufReader::with_capacity(1 << 20, input);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());

    let extractor = Extractor::default();
    let started = Instant::now();
    let mut extracting = Duration::ZERO;
    let (mut docs, mut skipped, mut entities) = (0usize, 0usize, 0usize);
    let (mut input_bytes, mut text_bytes) = (0usize, 0usize);
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => input_bytes += n,
            Err(e) => {
                eprintln!("jsonl: {name}: read error after line {line_no}: {e}");
                break;
            }
        }
        line_no += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                eprintln!("jsonl: {name}:{line_no}: invalid UTF-8 ({e}); skipped");
                skipped += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let doc: InDoc = match serde_json::from_str(line) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("jsonl: {name}:{line_no}: {e}; skipped");
                skipped += 1;
                continue;
            }
        };
        let t = Instant::now();
        let result = extractor.extract(&doc.text);
        extracting += t.elapsed();
        docs += 1;
        text_bytes += doc.text.len();
        entities += result.len();
        let record = OutDoc {
            id: &doc.id,
            entities: result.entities().iter().map(out_entity).collect(),
        };
        if let Err(e) = serde_json::to_writer(&mut out, &record) {
            fail_write(e.into());
        }
        if let Err(e) = out.write_all(b"\n") {
            fail_write(e);
        }
    }
    if let Err(e) = out.flush() {
        fail_write(e);
    }
    let total = started.elapsed().as_secs_f64();
    let ex = extracting.as_secs_f64();
    let rate = |bytes: usize, secs: f64| {
        if secs > 0.0 {
            bytes as f64 / 1e6 / secs
        } else {
            0.0
        }
    };
    eprintln!(
        "jsonl: {docs} docs ({skipped} skipped), {entities} entities; \
         input {:.2} MB, text {:.2} MB; {:.3} s total, {:.3} s extraction; \
         {:.2} MB/s end to end (input), {:.2} MB/s extraction only (text)",
        input_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
        total,
        ex,
        rate(input_bytes, total),
        rate(text_bytes, ex),
    );
}
