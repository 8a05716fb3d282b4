//! The output formats of one document: TSV, JSON record, CoNLL, brat standoff.

use nommer::{Document, Entity, Value};
use std::fmt::Write as _;

/// The TSV header line.
pub const TSV_HEADER: &str = "id\tstart\tend\tkind\ttext\tvalue\tsource\n";

/// Appends `s` with tabs, line breaks and backslashes escaped (`\t`, `\n`, `\r`, `\\`).
fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
}

/// A value as TSV shows it: `ML`, `RU+ML`, `2024-11-28`, `2024-11-09,2024-11-10`,
/// `2024-11-09/2024-11-12` (an ISO 8601 interval), a name; `-` when absent.
fn value_text(value: Option<&Value>) -> String {
    match value {
        None => "-".into(),
        Some(Value::Country(c)) | Some(Value::Date(c)) | Some(Value::Name(c)) => c.clone(),
        Some(Value::Countries(c)) => c.join("+"),
        Some(Value::Dates(d)) => d.join(","),
        Some(Value::Interval(a, b)) => format!("{a}/{b}"),
        Some(other) => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// The kind column: `person`, `location/country`…
fn kind_text(e: &Entity) -> String {
    match e.place() {
        Some(p) => format!("{}/{}", e.kind(), p.as_str()),
        None => e.kind().to_string(),
    }
}

/// One TSV line an entity: id, char start, char end (code points), kind, text, value, source.
pub fn tsv(id: &str, doc: &Document) -> String {
    let mut out = String::new();
    for e in doc.entities() {
        let r = e.char_range();
        push_escaped(&mut out, id);
        let _ = write!(out, "\t{}\t{}\t{}\t", r.start, r.end, kind_text(e));
        push_escaped(&mut out, e.text());
        out.push('\t');
        push_escaped(&mut out, &value_text(e.value()));
        out.push('\t');
        push_escaped(&mut out, &e.source().to_string());
        out.push('\n');
    }
    out
}

/// Inserts `"field": json` at the end of the JSON object `raw` (which the caller parsed as an
/// object), leaving every byte before it as it was.
pub fn insert_field(raw: &str, field: &str, json: &str) -> String {
    let trimmed = raw.trim_end();
    let body = trimmed.strip_suffix('}').unwrap_or(trimmed);
    let empty = body
        .trim_start()
        .strip_prefix('{')
        .is_some_and(|r| r.trim().is_empty());
    let key = serde_json::to_string(field).unwrap_or_default();
    let mut out = String::with_capacity(raw.len() + json.len() + key.len() + 3);
    out.push_str(body);
    if !empty {
        out.push(',');
    }
    out.push_str(&key);
    out.push(':');
    out.push_str(json);
    out.push('}');
    out
}

/// The record of a plain-text document: `{"file": path, "field": Document}`.
pub fn text_record(file: &str, field: &str, json: &str) -> String {
    let file = serde_json::to_string(file).unwrap_or_default();
    let key = serde_json::to_string(field).unwrap_or_default();
    format!("{{\"file\":{file},{key}:{json}}}")
}

/// A token of the CoNLL output: byte range.
fn tokens(text: &str, doc: &Document) -> Vec<(usize, usize)> {
    let mut bounds: Vec<usize> = doc
        .entities()
        .iter()
        .flat_map(|e| [e.start(), e.end()])
        .collect();
    bounds.sort_unstable();
    let mut next_bound = 0;
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, c) in text.char_indices() {
        while next_bound < bounds.len() && bounds[next_bound] < i {
            next_bound += 1;
        }
        if next_bound < bounds.len() && bounds[next_bound] == i {
            if let Some(s) = cur.take() {
                out.push((s, i));
            }
        }
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            if let Some(s) = cur.take() {
                out.push((s, i));
            }
        } else if c.is_alphanumeric() {
            cur.get_or_insert(i);
        } else if (c == '\'' || c == '’') && cur.is_some() {
            // « l' », « aujourd' »: the apostrophe ends the word it follows.
            out.push((cur.take().unwrap_or(i), end));
        } else if c == '-' && cur.is_some() && text[end..].starts_with(char::is_alphanumeric) {
            // « vice-Premier », « Saint-Louis »: one token.
        } else {
            if let Some(s) = cur.take() {
                out.push((s, i));
            }
            out.push((i, end));
        }
    }
    if let Some(s) = cur {
        out.push((s, text.len()));
    }
    out
}

/// CoNLL: `# id = ID`, then one `TOKEN\tTAG` line a token, BIO tags over PER, LOC, ORG, DATE,
/// TITLE, DEMONYM; a blank line after each sentence (after `.`, `!`, `?`, `…` or a line break
/// outside an entity) and at the end of the document.
pub fn conll(id: &str, text: &str, doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("# id = ");
    push_escaped(&mut out, id);
    out.push('\n');
    let entities = doc.entities();
    let mut e = 0;
    let mut open_line = false;
    let mut prev_end = 0;
    for (s, t) in tokens(text, doc) {
        while e < entities.len() && entities[e].end() <= s {
            e += 1;
        }
        let inside = e < entities.len() && entities[e].start() <= s;
        if open_line && !inside && text[prev_end..s].contains('\n') {
            out.push('\n');
        }
        out.push_str(&text[s..t]);
        out.push('\t');
        if inside {
            out.push_str(if entities[e].start() == s { "B-" } else { "I-" });
            out.push_str(entities[e].kind().label());
        } else {
            out.push('O');
        }
        out.push('\n');
        open_line = true;
        prev_end = t;
        if !inside && matches!(&text[s..t], "." | "!" | "?" | "…") {
            out.push('\n');
            open_line = false;
        }
    }
    if open_line {
        out.push('\n');
    }
    out
}

/// brat standoff (`.ann`): `T1\tLABEL START END\ttext` in code points, one fragment a line of
/// the entity (`START END;START END` when it spans a line break), and the value as an
/// `AnnotatorNotes` line `#1\tAnnotatorNotes T1\tvalue`.
pub fn brat(text: &str, doc: &Document) -> String {
    let mut out = String::new();
    let mut notes = 0;
    // Byte offset -> code point offset, walked forward with the sorted entities.
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_char = |b: usize| {
        chars += text[byte..b].chars().count();
        byte = b;
        chars
    };
    for (n, e) in doc.entities().iter().enumerate() {
        let start = to_char(e.start());
        let mut fragments = Vec::new();
        let mut at = start;
        for (i, part) in e.text().split('\n').enumerate() {
            if i > 0 {
                at += 1;
            }
            let len = part.chars().count();
            if len > 0 {
                fragments.push(format!("{} {}", at, at + len));
            }
            at += len;
        }
        let _ = writeln!(
            out,
            "T{}\t{} {}\t{}",
            n + 1,
            e.kind().label(),
            fragments.join(";"),
            e.text().replace('\n', " ")
        );
        if let Some(v) = e.value() {
            notes += 1;
            let _ = writeln!(
                out,
                "#{notes}\tAnnotatorNotes T{}\t{}",
                n + 1,
                value_text(Some(v)).replace(['\n', '\t'], " ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_field_keeps_the_line_and_adds_the_field() {
        assert_eq!(
            insert_field(r#"{"a": 1} "#, "n", "[]"),
            r#"{"a": 1,"n":[]}"#
        );
        assert_eq!(insert_field("{ }", "n", "{}"), r#"{ "n":{}}"#);
    }

    #[test]
    fn conll_tags_follow_the_entities() {
        let text = "Le président Assimi Goïta est arrivé à Bamako. Il a parlé.";
        let doc = nommer::Extractor::default().extract(text);
        let out = conll("x", text, &doc);
        assert!(out.contains("Assimi\tB-PER\nGoïta\tI-PER\n"), "{out}");
        assert!(out.contains("Bamako\tB-LOC\n.\tO\n\nIl\tO\n"), "{out}");
    }
}
