//! Demonyms: nationality adjectives and nouns (« malien », « les Maliennes ») and their
//! compounds with combining forms (« russo-maliennes » → RU, ML; « franco-sud-africain »).

use crate::entity::{Kind, Value};
use crate::gazetteer::{EntryKind, Lexicon, AMBIGUOUS};
use crate::pipeline::{prio, Run, Src};
use crate::tokenize::{JOINED, NUMBER, WORD};

/// The unambiguous demonym entries of a folded word: their ids and country codes.
fn demonym_codes<'l>(lex: &'l Lexicon, word: &str) -> impl Iterator<Item = (u32, &'l str)> {
    lex.word_ids(word).iter().filter_map(move |&id| {
        let e = &lex.entries[id as usize];
        (e.kind == EntryKind::Demonym && !e.has(AMBIGUOUS))
            .then(|| (id, e.value.as_deref().unwrap_or("")))
    })
}

impl Run<'_> {
    #[inline(never)]
    pub(crate) fn demonym_phase(&mut self) {
        let lex = self.lex;
        // Most words are no demonym and have no hyphen: only the others are visited.
        let mut next = 0;
        while let Some(i) =
            self.next_where(next, |t, c| t.has(JOINED) || c & super::class::DEMONYM != 0)
        {
            next = i + 1;
            let t = self.tokens[i];
            let known = self.is(i, super::class::DEMONYM);
            if !t.has(WORD) || t.has(NUMBER) || t.fe - t.fs < 3 {
                continue;
            }
            let w = self.word(i);
            // A word with a demonym entry has the class bit: without it, only a compound can
            // be one.
            if known {
                let mut whole = demonym_codes(lex, w).peekable();
                if let Some(&(id, _)) = whole.peek() {
                    let mut list: Vec<String> = whole.map(|(_, c)| c.to_string()).collect();
                    list.dedup();
                    self.push_tokens(
                        i,
                        i + 1,
                        Kind::Demonym,
                        None,
                        Some(Value::Countries(list)),
                        Src::Entry(id),
                        prio::DEMONYM,
                    );
                    continue;
                }
            }
            let Some((first, _)) = w.split_once('-') else {
                continue;
            };
            // Compound: every part before the demonym is a combining form, the first one
            // included; most hyphenated words (« Jean-Pierre ») fail here, at one lookup.
            if lex.word_of(first, EntryKind::DemonymPrefix).is_none() {
                continue;
            }
            // The demonym itself may contain a hyphen (« sud-africain »), so try each split
            // point: the tail after each hyphen, longest first.
            // « franco-germano-russe » has three parts; a longer chain is no demonym.
            if w.bytes().filter(|&b| b == b'-').count() > 3 {
                continue;
            }
            for (cut, _) in w.match_indices('-') {
                let Some((_, tail_code)) = demonym_codes(lex, &w[cut + 1..]).next() else {
                    continue;
                };
                let mut list = Vec::new();
                let ok =
                    w[..cut]
                        .split('-')
                        .all(|p| match lex.word_of(p, EntryKind::DemonymPrefix) {
                            Some((_, e)) => {
                                list.push(e.value.as_deref().unwrap_or("").to_string());
                                true
                            }
                            None => false,
                        });
                if ok {
                    list.push(tail_code.to_string());
                    self.push_tokens(
                        i,
                        i + 1,
                        Kind::Demonym,
                        None,
                        Some(Value::Countries(list)),
                        Src::Rule("demonym-compound"),
                        prio::DEMONYM,
                    );
                }
                break;
            }
        }
    }
}
