//! Reading the inputs: paths (files, directories walked, `-`), plain text or JSON lines, the
//! errors of bad input (invalid UTF-8, malformed lines, missing fields).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How the input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// `.jsonl`/`.ndjson` files are JSON lines, `.txt` files text; other files and standard
    /// input are JSON lines when their first non-blank byte is `{`.
    Auto,
    /// Each file (or standard input) is one document.
    Text,
    /// One JSON object a line, the text in `--field`.
    Jsonl,
}

/// One document to extract.
pub struct Job {
    /// Its number in the output, from 0.
    pub seq: usize,
    /// Its id: the file's path, or the JSONL line's id field (a string as it is, another JSON
    /// value as JSON), or `FILE:LINE` without one.
    pub id: String,
    /// The text.
    pub text: String,
    /// The JSONL line (without its line end), for the pass-through; `None` for text.
    pub raw: Option<String>,
    /// The document date (from `--date-field`, else `--date`).
    pub date: Option<nommer::Date>,
    /// The text file it comes from (`None` for standard input and JSON lines).
    pub path: Option<PathBuf>,
    /// Input bytes it took (for the progress bar).
    pub bytes: usize,
}

/// What the reader needs to know.
pub struct Settings {
    /// Text, JSON lines, or detected.
    pub kind: InputKind,
    /// The JSONL field of the text.
    pub field: String,
    /// The JSONL field of the id.
    pub id_field: String,
    /// The JSONL field of the document date, if any.
    pub date_field: Option<String>,
    /// The date of every document without a date field.
    pub date: Option<nommer::Date>,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
}

/// What the reader counted besides the documents.
#[derive(Default)]
pub struct Counts {
    /// Invalid UTF-8 bytes replaced (`--lossy`).
    pub replaced: usize,
}

/// What the reader hands on: a text document, or a JSONL line that the extracting thread
/// parses (so that parsing runs on every thread, not on the reader's alone).
pub enum Item {
    /// A text document.
    Ready(Job),
    /// A JSONL line.
    Line(Line),
}

/// A JSONL line, not parsed yet.
pub struct Line {
    /// Its number in the output, from 0 (bad lines have one too, and are dropped in order).
    pub seq: usize,
    /// `FILE:LINE`.
    pub where_: String,
    /// The line without its line end, or why it is not UTF-8.
    pub line: Result<String, String>,
    /// Input bytes it took.
    pub bytes: usize,
}

impl Item {
    /// Input bytes it took.
    pub fn bytes(&self) -> usize {
        match self {
            Item::Ready(j) => j.bytes,
            Item::Line(l) => l.bytes,
        }
    }

    /// The document, or why the line is bad.
    pub fn into_job(self, settings: &Settings) -> Result<Job, String> {
        match self {
            Item::Ready(j) => Ok(j),
            Item::Line(l) => l.parse(settings),
        }
    }
}

/// A JSONL line's fields, each kept as its JSON text until needed.
type Fields<'a> = std::collections::HashMap<String, &'a serde_json::value::RawValue>;

impl Line {
    /// Parses the line: a JSON object with a string text field, and a valid date when
    /// `--date-field` names one.
    pub fn parse(self, settings: &Settings) -> Result<Job, String> {
        let where_ = self.where_;
        let line = self.line?;
        let fields: Fields = match serde_json::from_str(&line) {
            Ok(f) => f,
            Err(e) if e.classify() == serde_json::error::Category::Data => {
                return Err(format!("{where_}: not a JSON object"));
            }
            Err(e) => return Err(format!("{where_}: malformed JSON: {e}")),
        };
        let text = match fields
            .get(&settings.field)
            .map(|v| serde_json::from_str(v.get()))
        {
            Some(Ok(t)) => t,
            _ => return Err(format!("{where_}: no string field {:?}", settings.field)),
        };
        let id = match fields.get(&settings.id_field) {
            Some(v) => match serde_json::from_str::<String>(v.get()) {
                Ok(s) => s,
                Err(_) => v.get().to_string(),
            },
            None => where_.clone(),
        };
        let date = match settings.date_field.as_ref().and_then(|f| fields.get(f)) {
            None => settings.date,
            Some(d) if d.get() == "null" => settings.date,
            Some(d) => match serde_json::from_str::<String>(d.get()).map(|s| s.parse()) {
                Ok(Ok(d)) => Some(d),
                _ => return Err(format!("{where_}: bad date {}", d.get())),
            },
        };
        drop(fields);
        Ok(Job {
            seq: self.seq,
            id,
            text,
            raw: Some(line),
            date,
            path: None,
            bytes: self.bytes,
        })
    }
}

/// An error that stops the run (already formatted), or the consumer asking to stop.
pub enum Stop {
    /// Bad input or unreadable file.
    Error(String),
}

/// The files of `paths`: `-` is standard input (an empty path), directories are walked (sorted,
/// hidden entries skipped, files ending in `.txt`, `.jsonl`, `.ndjson` kept).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(PathBuf::new());
        } else if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "ndjson")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

/// The number of bytes `String::from_utf8_lossy` replaces in `bytes`.
fn invalid_bytes(bytes: &[u8]) -> usize {
    bytes.utf8_chunks().map(|c| c.invalid().len()).sum()
}

/// Decodes `bytes` (`where_` names them in the error, `base` is their offset in the file).
fn decode(
    bytes: Vec<u8>,
    where_: &str,
    base: usize,
    settings: &Settings,
    counts: &mut Counts,
) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if settings.lossy => {
            let bytes = e.into_bytes();
            counts.replaced += invalid_bytes(&bytes);
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(e) => Err(format!(
            "{where_}: invalid UTF-8 at byte offset {} (--lossy replaces it)",
            base + e.utf8_error().valid_up_to()
        )),
    }
}

/// Reads every file in order and hands each document to `sink`, which returns false to stop.
/// The flag given with each item says whether more input is at hand (buffered, or in files
/// still to read): when it is false, the next read may wait on a slow stream, and a consumer
/// that gathers documents should hand on what it has.
pub fn read(
    files: &[PathBuf],
    settings: &Settings,
    counts: &mut Counts,
    sink: &mut dyn FnMut(Item, bool) -> bool,
) -> Result<(), Stop> {
    let mut seq = 0;
    for (nth, path) in files.iter().enumerate() {
        let more_files = nth + 1 < files.len();
        let stdin = path.as_os_str().is_empty();
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let source: Box<dyn Read> = if stdin {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(
                std::fs::File::open(path)
                    .map_err(|e| Stop::Error(format!("cannot open {name}: {e}")))?,
            )
        };
        let mut reader = BufReader::with_capacity(1 << 16, source);
        let jsonl = match settings.kind {
            InputKind::Text => false,
            InputKind::Jsonl => true,
            InputKind::Auto => match path.extension().and_then(|e| e.to_str()) {
                Some("jsonl" | "ndjson") => true,
                Some("txt") => false,
                _ => {
                    let buf = reader
                        .fill_buf()
                        .map_err(|e| Stop::Error(format!("cannot read {name}: {e}")))?;
                    buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
                }
            },
        };
        let go_on = if jsonl {
            read_jsonl(
                &mut reader,
                &name,
                settings,
                counts,
                &mut seq,
                more_files,
                sink,
            )?
        } else {
            let mut bytes = Vec::new();
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| Stop::Error(format!("cannot read {name}: {e}")))?;
            let n = bytes.len();
            let text = decode(bytes, &name, 0, settings, counts).map_err(Stop::Error)?;
            let job = Job {
                seq,
                id: if stdin { "-".into() } else { name.clone() },
                text,
                raw: None,
                date: settings.date,
                path: (!stdin).then(|| path.clone()),
                bytes: n,
            };
            seq += 1;
            sink(Item::Ready(job), more_files)
        };
        if !go_on {
            break;
        }
    }
    Ok(())
}

fn read_jsonl(
    reader: &mut BufReader<Box<dyn Read>>,
    name: &str,
    settings: &Settings,
    counts: &mut Counts,
    seq: &mut usize,
    more_files: bool,
    sink: &mut dyn FnMut(Item, bool) -> bool,
) -> Result<bool, Stop> {
    let mut offset = 0usize;
    let mut line_no = 0usize;
    loop {
        let mut buf = Vec::new();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Stop::Error(format!("{name}: read error after line {line_no}: {e}")))?;
        if n == 0 {
            return Ok(true);
        }
        line_no += 1;
        let line_start = offset;
        offset += n;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let where_ = format!("{name}:{line_no}");
        let line = decode(buf, &where_, line_start, settings, counts);
        if line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
            continue;
        }
        let job = Item::Line(Line {
            seq: *seq,
            where_,
            line,
            bytes: n,
        });
        *seq += 1;
        let more = more_files || !reader.buffer().is_empty();
        if !sink(job, more) {
            return Ok(false);
        }
    }
}
