//! `nommer gazetteers` and `nommer check-gazetteer`.

use crate::exit;
use std::io::Write;
use std::path::PathBuf;

/// Lists the embedded gazetteers, one a line: name, bytes, entries, sources (`# source:`
/// header lines, joined by ` | `).
pub fn list() -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "file\tbytes\tentries\tsources")?;
        for (name, content) in nommer::embedded_gazetteers() {
            let entries = content
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            let sources: Vec<&str> = content
                .lines()
                .take_while(|l| l.starts_with('#') || l.trim().is_empty())
                .filter_map(|l| l.strip_prefix("# source:"))
                .map(str::trim)
                .collect();
            writeln!(
                out,
                "{name}\t{}\t{entries}\t{}",
                content.len(),
                sources.join(" | ")
            )?;
        }
        out.flush()
    };
    match write() {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("nommer: cannot write standard output: {e}");
            exit::ERROR
        }
    }
}

/// At most this many bad lines are reported per file (each costs a build of the file).
const MAX_BAD_LINES: usize = 1000;

/// Checks each file with the library's own parser and prints every bad line as
/// `FILE:LINE: why` on standard output. The library stops at the first bad line, so each one
/// found is blanked (the line numbers stay) and the file parsed again.
pub fn check(files: &[PathBuf]) -> i32 {
    let mut bad = 0usize;
    let mut unreadable = false;
    for path in files {
        let name = path.display().to_string();
        let content = match std::fs::read(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("nommer: cannot read {name}: {e}");
                unreadable = true;
                continue;
            }
        };
        let content = match String::from_utf8(content) {
            Ok(c) => c,
            Err(e) => {
                println!(
                    "{name}: invalid UTF-8 at byte offset {}",
                    e.utf8_error().valid_up_to()
                );
                bad += 1;
                continue;
            }
        };
        let mut lines: Vec<&str> = content.split('\n').collect();
        let mut found = 0;
        loop {
            let text = lines.join("\n");
            let result = nommer::Extractor::builder()
                .without_default_gazetteers()
                .gazetteer_str(&name, &text)
                .build();
            let Err(e) = result else { break };
            found += 1;
            bad += 1;
            println!("{e}");
            match e.line_number() {
                Some(n) if (n as usize) >= 1 && (n as usize) <= lines.len() => {
                    lines[n as usize - 1] = "";
                }
                _ => break, // an error of the whole file: nothing more to find
            }
            if found >= MAX_BAD_LINES {
                println!("{name}: more than {MAX_BAD_LINES} bad lines; stopped");
                break;
            }
        }
        if found == 0 {
            println!("{name}: ok");
        }
    }
    if bad > 0 || unreadable {
        exit::ERROR
    } else {
        exit::OK
    }
}
