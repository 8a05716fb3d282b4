//! `nommer`: named entities in French news text, from files, directories or a pipe.
//!
//! `nommer extract` reads plain text or JSON lines and writes the entities as TSV, JSON, JSON
//! lines, CoNLL, brat standoff or an HTML page; `nommer eval` scores against an annotated
//! corpus; `nommer check-gazetteer` checks user gazetteers; `nommer gazetteers` lists the
//! embedded ones. `nommer --help` and `nommer extract --help` document everything, the exit
//! codes included.

mod eval;
mod extract;
mod formats;
mod gazetteers;
mod html;
mod input;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes (documented in `--help` and the README).
pub mod exit {
    /// Everything went well (also: the reader closed the pipe).
    pub const OK: i32 = 0;
    /// An error: unreadable or invalid input, a bad gazetteer line, an output error.
    pub const ERROR: i32 = 1;
    /// A usage error (bad option or value).
    pub const USAGE: i32 = 2;
    /// Bad input lines were skipped (`--skip-bad`) and `--allow-bad` was not given.
    pub const SKIPPED: i32 = 3;
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success (also when the reader of the output closes the pipe early: nommer stops quietly)
  1  error: unreadable file, invalid UTF-8, malformed JSONL line, missing field, bad gazetteer
     line, output error
  2  usage error
  3  bad input lines were skipped (--skip-bad) and --allow-bad was not given

Examples:
  nommer extract article.txt                        entities as TSV
  nommer extract --format json --layer article.txt  the Document with persons, quotes…
  cat corpus.jsonl | nommer extract --format jsonl - > out.jsonl
  nommer extract --format html -o page.html corpus.jsonl
  nommer eval gold.jsonl
  nommer check-gazetteer my-orgs.tsv
  nommer gazetteers";

/// Named entities in French news text: persons, titles, places, organisations, dates,
/// demonyms.
#[derive(Parser)]
#[command(name = "nommer", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Finds the entities of text files, JSONL corpora, directories or standard input.
    #[command(after_help = AFTER_HELP)]
    Extract(Box<extract::Args>),
    /// Scores the extractor against an annotated JSONL corpus (tables per label, errors).
    ///
    /// Every argument goes to the evaluation: `nommer eval --help` lists them. It prints the
    /// same tables as `cargo run --example evaluate`.
    #[command(disable_help_flag = true)]
    Eval {
        /// GOLD.jsonl and the evaluation's options (--predictions OUT.jsonl, --links OUT.jsonl,
        /// --errors N, --limit DOCS, --json-summary OUT.json, --passes N, --score PRED.jsonl,
        /// --relative-dates include|exclude, --persons-with-titles).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Parses gazetteer files and reports every bad line (file, line, why); exit 1 if any.
    CheckGazetteer {
        /// The gazetteer files (format in gazetteers/README.md).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Lists the embedded gazetteers: name, size, entries and sources.
    Gazetteers,
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            // --help and --version write to stdout; a closed pipe there is not an error.
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match cli.command {
        Command::Extract(args) => extract::run(*args),
        Command::Eval { args } => {
            eval::main(args);
            exit::OK
        }
        Command::CheckGazetteer { files } => gazetteers::check(&files),
        Command::Gazetteers => gazetteers::list(),
    };
    std::process::exit(code);
}
