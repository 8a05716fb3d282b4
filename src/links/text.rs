//! A read-only view of the text for the document layer: gaps between entities, folded words,
//! spans with char offsets, paragraph limits.

use super::Span;
use crate::entity::Entity;

/// The text with its entities, for the document layer's steps.
pub(crate) struct View<'a> {
    pub(crate) text: &'a str,
    /// Per entity: (byte start, char start), to count chars from the nearest one.
    anchors: Vec<(usize, usize)>,
}

impl<'a> View<'a> {
    pub(crate) fn new(text: &'a str, entities: &[Entity]) -> View<'a> {
        let mut anchors = Vec::with_capacity(entities.len() * 2 + 1);
        anchors.push((0, 0));
        for e in entities {
            anchors.push((e.start, e.char_start));
            anchors.push((e.end, e.char_end));
        }
        View { text, anchors }
    }

    /// The char offset of byte `b` (a char boundary), counted from the nearest known offset
    /// before it.
    pub(crate) fn char_at(&self, b: usize) -> usize {
        let k = self.anchors.partition_point(|&(s, _)| s <= b);
        let (s, c) = self.anchors[k.saturating_sub(1)];
        c + self.text[s..b].chars().count()
    }

    /// The span of bytes `s..e` (char boundaries).
    pub(crate) fn span(&self, s: usize, e: usize) -> Span {
        let char_start = self.char_at(s);
        Span {
            start: s,
            end: e,
            char_start,
            char_end: char_start + self.text[s..e].chars().count(),
            text: self.text[s..e].to_string(),
        }
    }

    /// The text between bytes `s` and `e` (empty when `e <= s`).
    pub(crate) fn gap(&self, s: usize, e: usize) -> &'a str {
        if e <= s {
            return "";
        }
        self.text.get(s..e).unwrap_or("")
    }
}

/// Folds a piece of text as the extractor does (case, accents, apostrophes, no-break spaces),
/// then squeezes runs of white space into one space.
pub(crate) fn fold(s: &str) -> String {
    let f = crate::normalize::fold(s);
    let mut out = String::with_capacity(f.len());
    let mut space = false;
    for c in f.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// The words of a folded text: letters, digits, inner hyphens and apostrophes (an elided
/// article keeps its apostrophe: « l' »).
pub(crate) fn words(f: &str) -> impl Iterator<Item = &str> + '_ {
    f.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty() && *w != "-")
        .flat_map(split_elision)
}

/// « l'onu » → « l' », « onu ».
fn split_elision(w: &str) -> impl Iterator<Item = &str> {
    let cut = w.find('\'').map(|p| p + 1).filter(|&p| p < w.len());
    let (a, b) = match cut {
        Some(p) => (&w[..p], &w[p..]),
        None => (w, ""),
    };
    [a, b].into_iter().filter(|s| !s.is_empty())
}
