//! A driver for instruction counts: extracts (or analyses) the first 1,200 texts of a JSONL
//! corpus, after loading them all, so that a profiler can count one step alone.
//!
//! ```text
//! cargo build --release --example profile
//! valgrind --tool=callgrind --toggle-collect='nommer::pipeline::Run::extract' \
//!     target/release/examples/profile ../shared/corpora/news-raw-fr.jsonl
//! valgrind --tool=callgrind --toggle-collect='nommer::links::read' \
//!     target/release/examples/profile ../shared/corpora/news-raw-fr.jsonl analyse
//! ```
//!
//! The second argument `analyse` (or `a`) runs the document layer too. It prints the number of
//! entities and quotations found, so that the work is not optimised away.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: profile CORPUS.jsonl [analyse]");
        std::process::exit(2);
    };
    let analyse = matches!(std::env::args().nth(2).as_deref(), Some("a" | "analyse"));
    let corpus = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("profile: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let texts: Vec<String> = corpus
        .lines()
        .take(1200)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let extractor = nommer::Extractor::default();
    let mut n = 0;
    for t in &texts {
        let doc = if analyse {
            extractor.analyse(t)
        } else {
            extractor.extract(t)
        };
        n += doc.entities().len() + doc.quotes().len();
    }
    println!("{n}");
}
