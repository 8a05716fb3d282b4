//! Extracts the entities of a text file (or of standard input) and prints them, one a line.
//!
//! ```text
//! cargo run --release --example extract -- seeds/000_3d983a079f199569.txt
//! cargo run --release --example extract -- --json seeds/000_3d983a079f199569.txt
//! ```

use std::io::Read;

fn main() {
    let mut json = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                eprintln!("usage: extract [--json] [FILE]   (reads standard input without FILE)");
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
    let doc = nommer::Extractor::default().extract(&text);
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
    }
    eprintln!("{} entities", doc.len());
}
