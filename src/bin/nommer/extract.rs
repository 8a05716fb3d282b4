//! `nommer extract`: reads the documents, extracts them on `--jobs` threads, writes them in
//! input order.
//!
//! Memory stays bounded on an endless stream: the reader may run at most a few documents a
//! thread ahead of the writer (a pool of tokens that the writer gives back as it writes), so a
//! slow document holds the others back instead of piling them up.

use crate::exit;
use crate::formats;
use crate::html;
use crate::input::{self, Counts, InputKind, Item, Job, Settings, Stop};
use nommer::{Extractor, Options};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Mutex;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line an entity: id, char start, char end, kind, text, value, source (with a header).
    Tsv,
    /// One JSON array of the `jsonl` records, one a line.
    Json,
    /// One JSON object a document: a JSONL input line with the field `--output-field` added
    /// (every other byte kept), or `{"file": …, "nommer": …}` for a text document.
    Jsonl,
    /// One token a line with its BIO tag (PER, LOC, ORG, DATE, TITLE, DEMONYM), a blank line
    /// after each sentence.
    Conll,
    /// brat standoff: each text file's `.ann` written next to it (`a.txt` -> `a.ann`); with
    /// `--out-dir`, `NAME.txt` and `NAME.ann` for each document; standard input's to standard
    /// output.
    Brat,
    /// A standalone HTML page showing the entities in the text (and, with `--layer`, who is
    /// who and who said what).
    Html,
}

fn parse_date(s: &str) -> Result<nommer::Date, String> {
    s.parse::<nommer::Date>().map_err(|e| e.to_string())
}

/// The options of `nommer extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, JSONL files, directories (walked in name order for .txt, .jsonl, .ndjson
    /// files) or `-` for standard input [default: -].
    paths: Vec<PathBuf>,
    /// How to read the input: `auto` takes .jsonl/.ndjson files and input starting with `{` as
    /// JSON lines, the rest as text (one document a file).
    #[arg(long, value_enum, default_value = "auto")]
    input: InputKind,
    /// The JSONL field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    field: String,
    /// The JSONL field holding the document's id (shown in TSV, CoNLL, HTML; default: FILE:LINE).
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// The JSONL field holding the document's date (YYYY-MM-DD, for relative dates such as
    /// « mardi »); `--date` serves lines without it.
    #[arg(long, value_name = "NAME")]
    date_field: Option<String>,
    /// The date of the documents (YYYY-MM-DD): « mardi », « hier » get their ISO date.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    date: Option<nommer::Date>,
    /// Runs the document layer: persons with their mentions, titles and affiliations, quotes
    /// and their speakers, acronyms, relations.
    #[arg(long)]
    layer: bool,
    /// The output format.
    #[arg(short, long, value_enum, default_value = "tsv")]
    format: Format,
    /// The field the JSON formats put the result in.
    #[arg(long, default_value = "nommer", value_name = "NAME")]
    output_field: String,
    /// Writes to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// brat: writes `ID.txt` and `ID.ann` for each document into DIR (created if needed).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Threads extracting documents (the output keeps the input order) [default: the cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// No progress bar, no summary, no counts of skipped lines on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Replaces invalid UTF-8 with U+FFFD and reports how many bytes were replaced, instead
    /// of stopping.
    #[arg(long)]
    lossy: bool,
    /// Skips bad JSONL lines (malformed JSON, no text field, bad date, invalid UTF-8) and
    /// reports them, instead of stopping; the exit code is then 3.
    #[arg(long)]
    skip_bad: bool,
    /// With --skip-bad: exit 0 even when lines were skipped.
    #[arg(long, requires = "skip_bad")]
    allow_bad: bool,
    /// Adds a gazetteer file (format in gazetteers/README.md); repeatable.
    #[arg(short, long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Leaves out the embedded gazetteers (only the --gazetteer files and the rules).
    #[arg(long)]
    no_default_gazetteers: bool,
    /// The HTML page's title [default: the input's name].
    #[arg(long)]
    title: Option<String>,
}

/// One input item, extracted and formatted (or why its line is bad).
struct Rendered {
    /// Input bytes (the progress bar).
    bytes: usize,
    /// The document, or the bad line's message.
    result: Result<Output, String>,
}

/// A document's output.
struct Output {
    /// What goes to the output (brat: the `.ann`).
    out: Vec<u8>,
    /// brat with `--out-dir`: the file name and the text.
    brat: Option<(String, String)>,
    /// brat, a text file without `--out-dir`: the `.ann` beside it.
    beside: Option<PathBuf>,
    /// HTML: the page's section is written by the writer, which numbers the documents.
    html: Option<(Job, nommer::Document)>,
}

/// What extraction needs besides the document.
struct Ctx<'a> {
    extractor: &'a Extractor,
    args: &'a Args,
}

impl Ctx<'_> {
    fn render(&self, item: Item, settings: &Settings) -> Rendered {
        let bytes = item.bytes();
        let result = item.into_job(settings).map(|job| self.document(job));
        Rendered { bytes, result }
    }

    fn document(&self, job: Job) -> Output {
        let args = self.args;
        let mut options = Options::new().document_layer(args.layer);
        if let Some(d) = job.date {
            options = options.date(d);
        }
        let doc = self.extractor.extract_with(&job.text, &options);
        let mut out = Vec::new();
        let mut brat = None;
        let mut beside = None;
        let mut html = None;
        match args.format {
            Format::Tsv => out = formats::tsv(&job.id, &doc).into_bytes(),
            Format::Json | Format::Jsonl => {
                let json = serde_json::to_string(&doc).unwrap_or_default();
                let record = match &job.raw {
                    Some(raw) => formats::insert_field(raw, &args.output_field, &json),
                    None => formats::text_record(&job.id, &args.output_field, &json),
                };
                out = record.into_bytes();
            }
            Format::Conll => out = formats::conll(&job.id, &job.text, &doc).into_bytes(),
            Format::Brat => {
                out = formats::brat(&job.text, &doc).into_bytes();
                if args.out_dir.is_some() {
                    brat = Some((brat_name(&job), job.text));
                } else if let Some(p) = &job.path {
                    beside = Some(p.with_extension("ann"));
                }
            }
            Format::Html => html = Some((job, doc)),
        }
        Output {
            out,
            brat,
            beside,
            html,
        }
    }
}

/// A brat file name for the document: the text file's stem, or its id with every character
/// other than letters, digits, `.`, `_`, `-` replaced by `_`.
fn brat_name(job: &Job) -> String {
    let base = match &job.path {
        Some(p) => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        None => job.id.clone(),
    };
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = name.trim_start_matches('.').to_string();
    if name.is_empty() {
        format!("doc{}", job.seq + 1)
    } else {
        name
    }
}

/// Why writing stopped.
enum WriteStop {
    /// The reader of the output went away: stop quietly.
    Pipe,
    /// Anything else, formatted.
    Error(String),
}

impl From<io::Error> for WriteStop {
    fn from(e: io::Error) -> WriteStop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteStop::Pipe
        } else {
            WriteStop::Error(format!("cannot write the output: {e}"))
        }
    }
}

/// The writing end: the format's framing, the documents in order, brat files.
struct Writer {
    w: Box<dyn Write + Send>,
    format: Format,
    out_dir: Option<PathBuf>,
    title: String,
    brat_names: HashSet<String>,
    written: usize,
    bytes: u64,
    bar: Option<indicatif::ProgressBar>,
    skip_bad: bool,
    skipped: usize,
    quiet: bool,
}

/// At most this many skipped lines are reported one by one.
const MAX_REPORTED: usize = 20;

impl Writer {
    fn begin(&mut self) -> Result<(), WriteStop> {
        match self.format {
            Format::Tsv => self.w.write_all(formats::TSV_HEADER.as_bytes())?,
            Format::Html => html::head(&mut self.w, &self.title)?,
            Format::Json => self.w.write_all(b"[")?,
            _ => {}
        }
        if let Some(dir) = &self.out_dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| WriteStop::Error(format!("cannot create {}: {e}", dir.display())))?;
        }
        Ok(())
    }

    fn item(&mut self, r: Rendered) -> Result<(), WriteStop> {
        if let Some(bar) = &self.bar {
            bar.inc(r.bytes as u64);
        }
        match r.result {
            Ok(out) => {
                self.bytes += r.bytes as u64;
                self.document(out)
            }
            Err(msg) if self.skip_bad => {
                self.skipped += 1;
                if self.skipped <= MAX_REPORTED && !self.quiet {
                    eprintln!("nommer: {msg}; skipped");
                }
                Ok(())
            }
            Err(msg) => Err(WriteStop::Error(format!(
                "{msg} (--skip-bad skips such lines)"
            ))),
        }
    }

    fn document(&mut self, r: Output) -> Result<(), WriteStop> {
        if let Some((job, doc)) = &r.html {
            let page = html::Page {
                id: &job.id,
                text: &job.text,
                doc,
            };
            html::section(&mut self.w, &page, self.written + 1)?;
        }
        if let Some(path) = &r.beside {
            std::fs::write(path, &r.out)
                .map_err(|e| WriteStop::Error(format!("cannot write {}: {e}", path.display())))?;
            self.written += 1;
            return Ok(());
        }
        match (self.format, r.brat) {
            (Format::Brat, Some((name, text))) => {
                let dir = self
                    .out_dir
                    .as_ref()
                    .expect("brat names only with --out-dir");
                let mut unique = name.clone();
                let mut n = 1;
                while !self.brat_names.insert(unique.clone()) {
                    n += 1;
                    unique = format!("{name}-{n}");
                }
                for (ext, content) in [("txt", text.as_bytes()), ("ann", &r.out[..])] {
                    let path = dir.join(format!("{unique}.{ext}"));
                    std::fs::write(&path, content).map_err(|e| {
                        WriteStop::Error(format!("cannot write {}: {e}", path.display()))
                    })?;
                }
            }
            (Format::Brat, None) if self.written > 0 => {
                return Err(WriteStop::Error(
                    "brat: several documents need --out-dir DIR (one .txt and .ann each)".into(),
                ));
            }
            (Format::Json, _) => {
                self.w
                    .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
                self.w.write_all(&r.out)?;
            }
            (Format::Jsonl, _) => {
                self.w.write_all(&r.out)?;
                self.w.write_all(b"\n")?;
            }
            _ => self.w.write_all(&r.out)?,
        }
        self.written += 1;
        Ok(())
    }

    fn end(&mut self) -> Result<(), WriteStop> {
        match self.format {
            Format::Html => html::tail(&mut self.w, self.written)?,
            Format::Json => self.w.write_all(b"\n]\n")?,
            _ => {}
        }
        self.w.flush()?;
        Ok(())
    }
}

/// Runs `nommer extract`; returns the exit code.
pub fn run(mut args: Args) -> i32 {
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("-"));
    }
    if args.out_dir.is_some() && args.format != Format::Brat {
        eprintln!("nommer: --out-dir goes with --format brat");
        return exit::USAGE;
    }
    let files = match input::expand(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("nommer: {e}");
            return exit::ERROR;
        }
    };
    if args.format == Format::Brat && args.out_dir.is_none() {
        // Each text file's .ann goes beside it: never over an input.
        if let Some(p) = files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "ann"))
        {
            eprintln!(
                "nommer: {} is an input and would be overwritten by its own .ann; use --out-dir",
                p.display()
            );
            return exit::USAGE;
        }
    }
    let extractor = if args.gazetteers.is_empty() && !args.no_default_gazetteers {
        Extractor::default()
    } else {
        let mut b = Extractor::builder();
        if args.no_default_gazetteers {
            b = b.without_default_gazetteers();
        }
        for g in &args.gazetteers {
            b = b.gazetteer_file(g);
        }
        match b.build() {
            Ok(e) => e,
            Err(e) => {
                eprintln!("nommer: {e}");
                return exit::ERROR;
            }
        }
    };
    let w: Box<dyn Write + Send> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(io::BufWriter::with_capacity(1 << 16, f)),
            Err(e) => {
                eprintln!("nommer: cannot create {}: {e}", p.display());
                return exit::ERROR;
            }
        },
        None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
    };
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let bar = show_progress.then(|| progress_bar(&files));
    let title = args.title.clone().unwrap_or_else(|| match &args.paths[..] {
        [one] if one.as_os_str() != "-" => format!("nommer — {}", one.display()),
        _ => "nommer".to_string(),
    });
    let mut writer = Writer {
        w,
        format: args.format,
        out_dir: args.out_dir.clone(),
        title,
        brat_names: HashSet::new(),
        written: 0,
        bytes: 0,
        bar,
        skip_bad: args.skip_bad,
        skipped: 0,
        quiet: args.quiet,
    };
    let settings = Settings {
        kind: args.input,
        field: args.field.clone(),
        id_field: args.id_field.clone(),
        date_field: args.date_field.clone(),
        date: args.date,
        lossy: args.lossy,
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let ctx = Ctx {
        extractor: &extractor,
        args: &args,
    };
    let started = std::time::Instant::now();
    let mut counts = Counts::default();
    let (read, written) = match writer.begin() {
        Err(e) => (Ok(()), Err(e)),
        Ok(()) if jobs == 1 => sequential(&ctx, &files, &settings, &mut counts, &mut writer),
        Ok(()) => parallel(&ctx, jobs, &files, &settings, &mut counts, &mut writer),
    };
    let written = written.and_then(|()| writer.end());
    if let Some(bar) = &writer.bar {
        bar.finish_and_clear();
    }
    match written {
        Err(WriteStop::Pipe) => return exit::OK,
        Err(WriteStop::Error(e)) => {
            eprintln!("nommer: {e}");
            return exit::ERROR;
        }
        Ok(()) => {}
    }
    if let Err(Stop::Error(e)) = read {
        eprintln!("nommer: {e}");
        return exit::ERROR;
    }
    if !args.quiet {
        if counts.replaced > 0 {
            eprintln!(
                "nommer: {} invalid UTF-8 bytes replaced (--lossy)",
                counts.replaced
            );
        }
        if writer.skipped > 0 {
            eprintln!("nommer: {} bad lines skipped (--skip-bad)", writer.skipped);
        }
        if show_progress {
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "nommer: {} documents, {:.1} MB in {secs:.2} s ({:.1} MB/s, {jobs} jobs)",
                writer.written,
                writer.bytes as f64 / 1e6,
                writer.bytes as f64 / 1e6 / secs.max(1e-9)
            );
        }
    }
    if writer.skipped > 0 && !args.allow_bad {
        exit::SKIPPED
    } else {
        exit::OK
    }
}

/// A bar over the input bytes when every input is a file (a spinner for standard input).
fn progress_bar(files: &[PathBuf]) -> indicatif::ProgressBar {
    let sizes: Option<u64> = files
        .iter()
        .map(|p| {
            (!p.as_os_str().is_empty())
                .then(|| std::fs::metadata(p).ok().map(|m| m.len()))
                .flatten()
        })
        .sum();
    let bar = match sizes {
        Some(total) => indicatif::ProgressBar::new(total).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {binary_bytes} {binary_bytes_per_sec}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar
}

type Outcome = (Result<(), Stop>, Result<(), WriteStop>);

/// One thread: read, extract, write, one document at a time.
fn sequential(
    ctx: &Ctx,
    files: &[PathBuf],
    settings: &Settings,
    counts: &mut Counts,
    writer: &mut Writer,
) -> Outcome {
    let mut written = Ok(());
    // A stream consumer (a pipe into another job) gets each document as soon as the input
    // pauses; a file is written in large blocks.
    let read = input::read(files, settings, counts, &mut |item, more| match writer
        .item(ctx.render(item, settings))
        .and_then(|()| if more { Ok(()) } else { Ok(writer.w.flush()?) })
    {
        Ok(()) => true,
        Err(e) => {
            written = Err(e);
            false
        }
    });
    (read, written)
}

/// A batch of documents handed to an extracting thread: at most this many...
const BATCH_ITEMS: usize = 64;
/// ...or this many input bytes; a batch is also handed on as soon as the input pauses.
const BATCH_BYTES: usize = 1 << 20;

/// `jobs` threads extract batches of documents; this thread reads; one thread writes the
/// batches in input order. Batches keep the threads' hand-overs rare (one document at a time,
/// waking threads cost a sixth of the time).
fn parallel(
    ctx: &Ctx,
    jobs: usize,
    files: &[PathBuf],
    settings: &Settings,
    counts: &mut Counts,
    writer: &mut Writer,
) -> Outcome {
    // At most `window` batches between the reader and the writer.
    let window = jobs * 2;
    let (tokens_tx, tokens_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = tokens_tx.send(());
    }
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<(usize, Vec<Item>)>(window);
    let jobs_rx = Mutex::new(jobs_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Rendered>)>();
    let stopped = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let jobs_rx = &jobs_rx;
            s.spawn(move || loop {
                let batch = match jobs_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((n, items)) = batch else { return };
                let rendered = items
                    .into_iter()
                    .map(|item| ctx.render(item, settings))
                    .collect();
                if done_tx.send((n, rendered)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let stopped = &stopped;
        let written = s.spawn(move || {
            let mut pending = BTreeMap::new();
            let mut next = 0;
            for (n, batch) in done_rx {
                pending.insert(n, batch);
                while let Some(batch) = pending.remove(&next) {
                    next += 1;
                    let result = batch
                        .into_iter()
                        .try_for_each(|r| writer.item(r))
                        .and_then(|()| Ok(writer.w.flush()?));
                    if let Err(e) = result {
                        stopped.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    let _ = tokens_tx.send(());
                }
            }
            Ok(())
        });
        let mut batch = Vec::new();
        let mut bytes = 0;
        let mut sent = 0;
        let mut send = |batch: Vec<Item>| {
            if stopped.load(Ordering::Relaxed) || tokens_rx.recv().is_err() {
                return false;
            }
            sent += 1;
            jobs_tx.send((sent - 1, batch)).is_ok()
        };
        let read = input::read(files, settings, counts, &mut |item, more| {
            bytes += item.bytes();
            batch.push(item);
            if batch.len() < BATCH_ITEMS && bytes < BATCH_BYTES && more {
                return true;
            }
            bytes = 0;
            send(std::mem::take(&mut batch))
        });
        if !batch.is_empty() {
            send(batch);
        }
        drop(jobs_tx);
        let written = written
            .join()
            .unwrap_or_else(|_| Err(WriteStop::Error("the writer thread panicked".into())));
        (read, written)
    })
}
