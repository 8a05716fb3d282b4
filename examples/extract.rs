//! Extracts the entities of a text file (or of standard input) and prints them, one a line.
//!
//! ```text
//! cargo run --release --example extract -- seeds/000_3d983a079f199569.txt
//! cargo run --release --example extract -- --json seeds/000_3d983a079f199569.txt
//! cargo run --release --example extract -- --date 2024-11-27 seeds/000_3d983a079f199569.txt
//! cargo run --release --example extract -- --flat seeds/000_3d983a079f199569.txt
//! ```
//!
//! After the entities it prints the document layer: the persons with their mentions, titles
//! and affiliation, the quotations with their speakers, the acronyms (`--flat` leaves it out).
//! `--date YYYY-MM-DD` gives the document's date (relative dates get their values).

use std::io::Read;

fn main() {
    let mut json = false;
    let mut flat = false;
    let mut date = None;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--flat" => flat = true,
            "--date" => {
                let d = args.next().unwrap_or_default();
                date = Some(d.parse::<nommer::Date>().unwrap_or_else(|e| {
                    eprintln!("extract: --date: {e}");
                    std::process::exit(2);
                }));
            }
            "-h" | "--help" => {
                eprintln!("usage: extract [--json] [--flat] [--date YYYY-MM-DD] [FILE]   (reads standard input without FILE)");
                return;
            }
            _ => path = Some(arg),
        }
    }
    let text = match &path {
        Some(p) => std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("extract: cannot read {p}: {e}");
            std::process::exit(2);
        }),
        None => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("extract: cannot read standard input: {e}");
                std::process::exit(2);
            }
            s
        }
    };
    let mut options = nommer::Options::new().document_layer(!flat);
    if let Some(d) = date {
        options = options.date(d);
    }
    let doc = nommer::Extractor::default().extract_with(&text, &options);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("entities serialise")
        );
        return;
    }
    println!(
        "{:>11}  {:<22} {:<40} {:<34} source",
        "chars", "kind", "text", "value"
    );
    for e in doc.entities() {
        let kind = match e.place() {
            Some(p) => format!("{}/{}", e.kind(), p.as_str()),
            None => e.kind().to_string(),
        };
        let value = match e.value() {
            None => String::new(),
            Some(v) => serde_json::to_string(v).expect("value serialises"),
        };
        let r = e.char_range();
        println!(
            "{:>11}  {:<22} {:<40} {:<34} {}",
            format!("{}..{}", r.start, r.end),
            kind,
            e.text(),
            value,
            e.source()
        );
        if let Some(w) = e.warning() {
            println!("{:>11}  warning: {w}", "");
        }
    }
    eprintln!("{} entities", doc.len());
    if flat {
        return;
    }
    println!();
    for p in doc.persons() {
        let mentions: Vec<&str> = p.mentions().iter().map(|m| m.span().text()).collect();
        println!("person  {}  mentions {:?}", p.name(), mentions);
        for t in p.titles() {
            println!("          title  {}", t.span().text());
        }
        if let Some(a) = p.affiliation() {
            println!(
                "          affiliation  {}",
                serde_json::to_string(a).expect("affiliation serialises")
            );
        }
    }
    for q in doc.quotes() {
        let speaker = q.speaker().map_or("(no speaker)".to_string(), |s| {
            format!("{} [{} {:?}]", s.name(), s.rule(), s.cue().text())
        });
        println!(
            "quote   {:?}\n          speaker  {speaker}",
            q.span().text()
        );
    }
    for a in doc.acronyms() {
        let how = if a.defined_in_text() {
            "defined in the text"
        } else {
            "gazetteer"
        };
        println!("acronym {} = {} ({how})", a.acronym(), a.expansion());
    }
}
