//! Golden cases as data (`tests/cases.json`), grouped by phenomenon: elision, case and accent
//! folding, no-break spaces, decomposed accents, word boundaries, acronyms, titles, honorifics,
//! first names, name particles, portfolios, organisations, dates, demonyms, negatives.
//!
//! Each case lists entities that must be found (text, kind, optional subtype and value, and
//! which occurrence of the text) and surface strings that must not be returned as an entity.
//!
//! `tests/relative_dates.json` holds the cases of relative dates in the same format, with two
//! optional fields: a case's `"date": "YYYY-MM-DD"`, the document's date (the text is then
//! extracted with [`Options::date`]), and an expected entity's `"warning": true` or `false`,
//! whether the entity reports a contradiction (a weekday that is not the date's).

use nommer::{Extractor, Options, Value};
use serde_json::Value as Json;

fn nth_occurrence(text: &str, needle: &str, n: usize) -> Option<usize> {
    let mut from = 0;
    for _ in 1..n {
        from += text[from..].find(needle)? + needle.len();
    }
    Some(from + text[from..].find(needle)?)
}

fn check(case: &Json, extractor: &Extractor) -> Vec<String> {
    let name = case["name"].as_str().unwrap_or("?");
    let text = case["text"].as_str().expect("case text");
    let doc = match case.get("date").and_then(Json::as_str) {
        Some(date) => {
            let date = date.parse().expect("case date (YYYY-MM-DD)");
            extractor.extract_with(text, &Options::new().date(date))
        }
        None => extractor.extract(text),
    };
    let mut failures = Vec::new();
    for exp in case["expect"].as_array().into_iter().flatten() {
        let etext = exp["text"].as_str().expect("expect.text");
        let occurrence = exp["occurrence"].as_u64().unwrap_or(1) as usize;
        let Some(start) = nth_occurrence(text, etext, occurrence) else {
            failures.push(format!("{name}: {etext:?} is not in the text"));
            continue;
        };
        let end = start + etext.len();
        let Some(e) = doc
            .entities()
            .iter()
            .find(|e| e.start() == start && e.end() == end)
        else {
            let found: Vec<String> = doc.entities().iter().map(|e| e.to_string()).collect();
            failures.push(format!("{name}: missing {etext:?}; found {found:?}"));
            continue;
        };
        if let Some(kind) = exp["kind"].as_str() {
            if e.kind().as_str() != kind {
                failures.push(format!(
                    "{name}: {etext:?} is {}, expected {kind}",
                    e.kind()
                ));
            }
        }
        if let Some(sub) = exp["subtype"].as_str() {
            if e.place().map(|p| p.as_str()) != Some(sub) {
                failures.push(format!(
                    "{name}: {etext:?} subtype {:?}, expected {sub}",
                    e.place()
                ));
            }
        }
        if let Some(w) = exp.get("warning").and_then(Json::as_bool) {
            if e.warning().is_some() != w {
                failures.push(format!(
                    "{name}: {etext:?} warning {:?}, expected {}",
                    e.warning(),
                    if w { "one" } else { "none" }
                ));
            }
        }
        if let Some(v) = exp.get("value") {
            let expected: Option<Value> = serde_json::from_value(v.clone()).expect("value");
            if e.value() != expected.as_ref() {
                failures.push(format!(
                    "{name}: {etext:?} value {:?}, expected {expected:?}",
                    e.value()
                ));
            }
        }
    }
    for rej in case["reject"].as_array().into_iter().flatten() {
        let rej = rej.as_str().expect("reject string");
        if let Some(e) = doc.entities().iter().find(|e| e.text() == rej) {
            failures.push(format!("{name}: rejected {rej:?} was returned as {e}"));
        }
    }
    failures
}

/// Runs the cases of a file in `tests/`, which must hold at least `min` of them.
fn run_case_file(file: &str, min: usize) {
    let path = format!("{}/tests/{file}", env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= min, "{file} lost cases");
    let extractor = Extractor::default();
    let mut failures = Vec::new();
    for case in &cases {
        failures.extend(check(case, &extractor));
    }
    for f in &failures {
        println!("{f}");
    }
    println!("{file}: {} cases, {} failures", cases.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} failures (see output)",
        failures.len()
    );
}

#[test]
fn golden_cases() {
    run_case_file("cases.json", 60);
}

#[test]
fn relative_date_cases() {
    run_case_file("relative_dates.json", 30);
}
