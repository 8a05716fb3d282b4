//! The document pass: what only the whole text tells. An acronym defined once names every use of
//! it, before or after the definition (headlines often use it first); a person named in full
//! once (« Alexandre Novak ») makes « Novak » and « M. Novak » the same person, wherever they
//! stand in the text.

use super::lexical::length_bit;
use crate::entity::{Kind, Place, Value};
use crate::gazetteer::FxMap;
use crate::pipeline::{merge_sorted, overlaps, prio, Cand, Run, Src};
use crate::tokenize::{CAP, SENT_START, UPPER, WORD};

impl Run<'_> {
    #[inline(never)]
    pub(crate) fn document_phase(&self, kept: Vec<Cand>) -> Vec<Cand> {
        // Sorted by start, as the conflict policy leaves them.
        let mut kept = kept;
        let mut new: Vec<Cand> = Vec::new();

        // Acronyms defined by « Full Name (ACR) ».
        if !self.acronyms.is_empty() {
            for c in kept.iter_mut() {
                if c.value.is_none() && c.te == c.ts + 1 {
                    if let Some(a) = self.acronyms.get(self.orig_word(c.ts)) {
                        c.value.clone_from(&a.2);
                    }
                }
            }
            // An acronym opens with a capital (`Run::is_acronym`), so its token has the CAP
            // flag: the others need no look-up of their original text.
            let mut from = 0;
            while let Some(i) = self.next_where(from, |t, _| t.has(WORD) && t.has(CAP)) {
                from = i + 1;
                let w = self.orig_word(i);
                if let Some((kind, place, value)) = self.acronyms.get(w) {
                    let t = self.tokens[i];
                    if !overlaps(&kept, t.fs as usize, t.fe as usize) {
                        new.push(self.mention(
                            i,
                            i + 1,
                            *kind,
                            *place,
                            value.clone(),
                            "acronym-reuse",
                        ));
                    }
                }
            }
            merge_sorted(&mut kept, std::mem::take(&mut new));
        }

        // Companies: « Adobe Systems », « Niantic Labs » make a later bare « Adobe »,
        // « Niantic » the same company.
        let mut companies: FxMap<&str, String> = FxMap::default();
        for c in &kept {
            if c.kind == Kind::Organisation
                && c.te - c.ts >= 2
                && (self.is(c.te - 1, super::class::ORG_SUFFIX)
                    || matches!(c.src, Src::Rule("cue+name")))
                && self.is_cap_word(c.ts)
                && self.word(c.ts).len() >= 3
                && !self.is(c.ts, super::class::ORG_HEAD)
            {
                companies
                    .entry(self.word(c.ts))
                    .or_insert_with(|| self.orig_text(c.fs, c.fe).to_string());
            }
        }
        if !companies.is_empty() {
            for c in kept.iter_mut() {
                // « Adobe » read as the short name of a person no rule named in full.
                if c.kind == Kind::Person
                    && c.te == c.ts + 1
                    && matches!(c.src, Src::Rule("person-short-mention"))
                {
                    if let Some(full) = companies.get(self.word(c.ts)) {
                        c.kind = Kind::Organisation;
                        c.value = Some(Value::Name(full.clone()));
                        c.src = Src::Rule("company-short-mention");
                    }
                }
            }
            let lens = key_lengths(companies.keys());
            let mut from = 0;
            while let Some(i) = self.next_cap_word(from, lens) {
                from = i + 1;
                let Some(full) = companies.get(self.word(i)) else {
                    continue;
                };
                let t = self.tokens[i];
                // Alone: not inside another run of capitalised words (« Magento Commerce
                // Cloud »).
                if overlaps(&kept, t.fs as usize, t.fe as usize)
                    || (i > 0 && self.tok_has(i - 1, CAP) && !self.tok_has(i, SENT_START))
                    || self.is_cap_word(i + 1)
                    || self.tok_has(i + 1, UPPER)
                {
                    continue;
                }
                new.push(self.mention(
                    i,
                    i + 1,
                    Kind::Organisation,
                    None,
                    Some(Value::Name(full.clone())),
                    "company-short-mention",
                ));
            }
            merge_sorted(&mut kept, std::mem::take(&mut new));
        }

        // Persons: surname → full name, from the first full mention.
        let mut surnames: FxMap<&str, String> = FxMap::default();
        for c in &kept {
            if c.kind == Kind::Person && c.te - c.ts >= 2 {
                let last = self.word(c.te - 1);
                if companies.contains_key(last) {
                    // « Cloud d'Adobe »: a company's name is no surname.
                    continue;
                }
                surnames
                    .entry(last)
                    .or_insert_with(|| self.orig_text(c.fs, c.fe).to_string());
            }
        }
        if surnames.is_empty() {
            return kept;
        }
        // First names: « Fatoumata » alone after « Fatoumata Sidibé » is her, when no other
        // full name of the text starts with it (the byte where the full name is first given;
        // `None` for a first name two full names share).
        let mut firsts: FxMap<&str, Option<(usize, String)>> = FxMap::default();
        for c in &kept {
            if c.kind == Kind::Person
                && c.te - c.ts >= 2
                && self.is_first_name(c.ts)
                && !self.is(c.ts, super::class::AMBIGUOUS_FIRST_NAME)
                && self.word(c.ts).len() >= 3
                && !surnames.contains_key(self.word(c.ts))
            {
                let full = self.orig_text(c.fs, c.fe);
                let e = firsts
                    .entry(self.word(c.ts))
                    .or_insert_with(|| Some((c.fs, full.to_string())));
                if e.as_ref().is_some_and(|(_, f)| f != full) {
                    *e = None;
                }
            }
        }
        for c in kept.iter_mut() {
            // « SONKO » alone after « Ousmane SONKO »: the person, not an unknown acronym.
            if matches!(c.src, Src::Rule("acronym-unknown")) && c.te == c.ts + 1 {
                if let Some(full) = surnames.get(self.word(c.ts)) {
                    c.kind = Kind::Person;
                    c.value = Some(Value::Name(full.clone()));
                    c.src = Src::Rule("person-short-mention");
                    continue;
                }
            }
            if c.kind == Kind::Person && c.te == c.ts + 1 && c.value.is_none() {
                if let Some(full) = surnames.get(self.word(c.ts)) {
                    c.value = Some(Value::Name(full.clone()));
                }
            }
        }
        let lens = key_lengths(surnames.keys()) | key_lengths(firsts.keys());
        let mut from = 0;
        while let Some(i) = self.next_cap_word(from, lens) {
            from = i + 1;
            let t = self.tokens[i];
            let Some(full) = surnames.get(self.word(i)) else {
                // A first name alone, after the full name, and not the start of another name.
                if let Some(Some((at, full))) = firsts.get(self.word(i)) {
                    if (t.fs as usize) > *at
                        && !overlaps(&kept, t.fs as usize, t.fe as usize)
                        && !self.is_cap_word(i + 1)
                        && !self.tok_has(i + 1, UPPER)
                        && (i == 0 || !self.tok_has(i - 1, CAP) || self.tok_has(i, SENT_START))
                    {
                        new.push(self.mention(
                            i,
                            i + 1,
                            Kind::Person,
                            None,
                            Some(Value::Name(full.clone())),
                            "person-first-name-mention",
                        ));
                    }
                }
                continue;
            };
            if overlaps(&kept, t.fs as usize, t.fe as usize) {
                continue;
            }
            // « De Gendt » for « Thomas De Gendt »: the particle comes along.
            let mut ts = i;
            if i > 0
                && self.is_particle(i - 1)
                && (self.tok_has(i - 1, crate::tokenize::CAP)
                    || !matches!(self.word(i - 1), "la" | "le" | "les"))
                && full.contains(&format!("{} {}", self.orig_word(i - 1), self.orig_word(i)))
                && !overlaps(&kept, self.tokens[i - 1].fs as usize, t.fe as usize)
            {
                ts = i - 1;
            }
            new.push(self.mention(
                ts,
                i + 1,
                Kind::Person,
                None,
                Some(Value::Name(full.clone())),
                "person-short-mention",
            ));
        }
        merge_sorted(&mut kept, new);
        kept
    }

    /// The first capitalised word ([`Run::is_cap_word`]) from `from` on whose folded length is
    /// one of `lens` ([`key_lengths`]): a tight scan, and most words need no hash look-up.
    fn next_cap_word(&self, from: usize, lens: u64) -> Option<usize> {
        self.next_where(from, |t, c| {
            super::lexical::cap_word(t, c) && lens & length_bit((t.fe - t.fs) as usize) != 0
        })
    }

    /// A mention the document pass adds over tokens `ts..te`, with the value it carries.
    fn mention(
        &self,
        ts: usize,
        te: usize,
        kind: Kind,
        place: Option<Place>,
        value: Option<Value>,
        rule: &'static str,
    ) -> Cand {
        Cand {
            fs: self.tokens[ts].fs as usize,
            fe: self.tokens[te - 1].fe as usize,
            ts,
            te,
            kind,
            place,
            value,
            src: Src::Rule(rule),
            prio: prio::DOCUMENT,
            hidden: false,
            warning: crate::pipeline::Warning::None,
        }
    }
}

/// The mask of the lengths of the keys of a map (see [`length_bit`]).
fn key_lengths<'k>(keys: impl Iterator<Item = &'k &'k str>) -> u64 {
    keys.fold(0, |m, k| m | length_bit(k.len()))
}
