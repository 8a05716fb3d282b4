//! What every [`Document`] must satisfy, whatever the text: one checker shared by the test
//! suite and the fuzz targets (`fuzz/`), so that both assert the same promises.

use crate::document::Document;
use crate::entity::{Entity, Kind, Source, Value};
use crate::links::{Mention, Ref, Span};

/// Checks the promises of a document extracted from `text`; returns the first broken one.
///
/// Entities: non-empty, sorted, non-overlapping, on char boundaries, `text` equal to the
/// slice, char ranges agreeing with byte ranges, a subtype exactly for locations, values well
/// formed (ISO 3166-1 alpha-2 codes, ISO 8601 dates that exist, intervals in order, non-empty
/// names), sources with a file and a line. Document layer: every span inside the text and
/// equal to its slice, every mention pointing at an existing entity of the right kind and with
/// its span, every index (person, entity, quote, acronym) in range.
///
/// Linear in the text and the document. Not part of the API (hidden, may change).
#[doc(hidden)]
pub fn check_invariants(text: &str, doc: &Document) -> Result<(), String> {
    let chars = CharIndex::new(text);
    let mut prev_end = 0;
    for (i, e) in doc.entities.iter().enumerate() {
        let at = || format!("entity {i} ({e})");
        if e.start >= e.end {
            return Err(format!("{}: empty span", at()));
        }
        if e.start < prev_end {
            return Err(format!("{}: overlaps or precedes the one before", at()));
        }
        prev_end = e.end;
        check_range(
            text,
            &chars,
            e.start,
            e.end,
            e.char_start,
            e.char_end,
            &e.text,
        )
        .map_err(|m| format!("{}: {m}", at()))?;
        check_entity(e).map_err(|m| format!("{}: {m}", at()))?;
    }
    let n = doc.entities.len();
    let mention = |m: &Mention, kinds: &[Kind], what: &str| -> Result<(), String> {
        let Some(e) = doc.entities.get(m.entity) else {
            return Err(format!("{what}: entity {} of {n}", m.entity));
        };
        if !kinds.contains(&e.kind) {
            return Err(format!("{what}: entity {} is a {}", m.entity, e.kind));
        }
        if m.span.start != e.start || m.span.end != e.end || m.span.text != e.text {
            return Err(format!("{what}: span {:?} is not entity {e}", m.span));
        }
        Ok(())
    };
    let span = |s: &Span, what: &str| -> Result<(), String> {
        check_range(
            text,
            &chars,
            s.start,
            s.end,
            s.char_start,
            s.char_end,
            &s.text,
        )
        .map_err(|m| format!("{what} {s:?}: {m}"))
    };
    for (p, person) in doc.persons.iter().enumerate() {
        if person.mentions.is_empty() {
            return Err(format!("person {p} has no mention"));
        }
        if person.name.is_empty() {
            return Err(format!("person {p} has no name"));
        }
        for m in &person.mentions {
            mention(m, &[Kind::Person], &format!("person {p}'s mention"))?;
        }
        for m in &person.titles {
            mention(m, &[Kind::Title], &format!("person {p}'s title"))?;
        }
        if let Some(crate::links::Affiliation::Country(c)) = &person.affiliation {
            check_code(c).map_err(|m| format!("person {p}'s affiliation: {m}"))?;
        }
    }
    for (q, quote) in doc.quotes.iter().enumerate() {
        span(&quote.span, &format!("quote {q}"))?;
        if let Some(s) = &quote.speaker {
            span(&s.cue, &format!("quote {q}'s cue"))?;
            if let Some(p) = s.person {
                if p >= doc.persons.len() {
                    return Err(format!("quote {q}: speaker person {p}"));
                }
            }
        }
    }
    for (a, acronym) in doc.acronyms.iter().enumerate() {
        if let Some(d) = &acronym.definition {
            span(d, &format!("acronym {a}'s definition"))?;
        }
        for m in &acronym.mentions {
            let all = Kind::ALL;
            mention(m, &all, &format!("acronym {a}'s mention"))?;
        }
    }
    for (r, rel) in doc.relations.iter().enumerate() {
        span(&rel.evidence, &format!("relation {r}'s evidence"))?;
        for end in [&rel.from, &rel.to] {
            let ok = match end {
                Ref::Person(i) => *i < doc.persons.len(),
                Ref::Entity(i) => *i < n,
                Ref::Quote(i) => *i < doc.quotes.len(),
                Ref::Acronym(i) => *i < doc.acronyms.len(),
                Ref::Country(c) => check_code(c).is_ok(),
                Ref::Organisation(name) => !name.is_empty(),
            };
            if !ok {
                return Err(format!("relation {r}: bad reference {end:?}"));
            }
        }
    }
    Ok(())
}

/// The value, subtype and source of one entity.
fn check_entity(e: &Entity) -> Result<(), String> {
    if e.place.is_some() != (e.kind == Kind::Location) {
        return Err("a subtype exactly for locations".into());
    }
    match &e.value {
        None => {}
        Some(Value::Country(c)) => check_code(c)?,
        Some(Value::Countries(cs)) => {
            if cs.is_empty() {
                return Err("no country codes".into());
            }
            for c in cs {
                check_code(c)?;
            }
        }
        Some(Value::Date(d)) => check_date(d)?,
        Some(Value::Dates(ds)) => {
            if ds.len() < 2 {
                return Err(format!("a list of {} dates", ds.len()));
            }
            for d in ds {
                check_date(d)?;
            }
        }
        Some(Value::Interval(a, b)) => {
            check_date(a)?;
            check_date(b)?;
            if a.len() == b.len() && a > b {
                return Err(format!("interval {a}/{b} out of order"));
            }
        }
        Some(Value::Name(n)) if n.is_empty() => return Err("empty name".into()),
        Some(Value::Name(_)) => {}
    }
    match &e.source {
        Source::Gazetteer { file, line } => {
            if file.is_empty() || *line == 0 {
                return Err(format!("source {}", e.source));
            }
        }
        Source::Rule(name) => {
            if name.is_empty() {
                return Err("a rule without a name".into());
            }
        }
    }
    Ok(())
}

/// An ISO 3166-1 alpha-2 code: two capital ASCII letters.
fn check_code(c: &str) -> Result<(), String> {
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!("country code {c:?}"))
    }
}

/// An ISO 8601 date of year, month or day precision, that exists.
fn check_date(d: &str) -> Result<(), String> {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && (1..=12).contains(&d[5..7].parse::<u32>().unwrap_or(0))
        }
        10 => d.parse::<crate::Date>().is_ok(),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("date {d:?}"))
    }
}

/// The byte range is on char boundaries of `text`, its slice is `expected`, and the char range
/// counts the chars before and inside it.
fn check_range(
    text: &str,
    chars: &CharIndex,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    expected: &str,
) -> Result<(), String> {
    if start > end || end > text.len() {
        return Err(format!("range {start}..{end} outside the text"));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!("range {start}..{end} not on char boundaries"));
    }
    if &text[start..end] != expected {
        return Err(format!("text {expected:?} is not the slice"));
    }
    let want = (chars.of(start), chars.of(end));
    if (char_start, char_end) != want {
        return Err(format!(
            "char range {char_start}..{char_end}, expected {}..{}",
            want.0, want.1
        ));
    }
    Ok(())
}

/// Byte offset → char offset, for the char boundaries of a text: the byte offsets of its
/// non-ASCII chars, searched by bisection (an ASCII text costs nothing).
struct CharIndex {
    /// For every char of two bytes or more: its byte offset, and the bytes beyond the first of
    /// it and of every wide char before it.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            if c.len_utf8() > 1 {
                extra += c.len_utf8() - 1;
                wide.push((i, extra));
            }
        }
        CharIndex { wide }
    }

    /// The char offset of byte offset `b`, a char boundary: the wide chars that start before
    /// it end at or before it.
    fn of(&self, b: usize) -> usize {
        let k = self.wide.partition_point(|&(i, _)| i < b);
        match k.checked_sub(1) {
            None => b,
            Some(j) => b - self.wide[j].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    #[test]
    fn a_true_document_passes_and_each_broken_promise_is_caught() {
        let text = "Le 3 mai 2024, M. Novak était à Bamako, au Mali, « oui », a-t-il dit.";
        let doc = Extractor::default().analyse(text);
        assert!(doc.entities.len() >= 3);
        check_invariants(text, &doc).unwrap();
        let mut broken: Vec<(&str, Document)> = Vec::new();
        let mut d = doc.clone();
        d.entities.swap(0, 1);
        broken.push(("unsorted", d));
        let mut d = doc.clone();
        d.entities[1].char_start += 1;
        broken.push(("char range", d));
        let mut d = doc.clone();
        d.entities[0].text.push('x');
        broken.push(("slice", d));
        let mut d = doc.clone();
        d.entities[0].value = Some(Value::Date("2024-02-30".into()));
        broken.push(("date", d));
        let mut d = doc.clone();
        d.entities[0].value = Some(Value::Country("ml".into()));
        broken.push(("code", d));
        let mut d = doc.clone();
        d.persons[0].mentions[0].entity = 99;
        broken.push(("mention", d));
        for (what, d) in &broken {
            assert!(check_invariants(text, d).is_err(), "{what} not caught");
        }
        // Non-ASCII text: char offsets differ from byte offsets.
        let text = "À Bamako, Aminata Traoré à Ségou.";
        check_invariants(text, &Extractor::default().analyse(text)).unwrap();
    }
}
