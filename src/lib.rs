//! # nommer
//!
//! Named entities in French news text — people, their titles and functions, countries and
//! places, organisations, dates, nationalities — returned as typed spans of the caller's text,
//! each with the gazetteer entry or rule that produced it.
//!
//! nommer is a rule system: embedded gazetteers matched by Aho-Corasick tries over a folded
//! view of the text (case, accents, apostrophes, no-break spaces), then a cascade of
//! pattern phases (dates, titles with portfolios, organisation names from head nouns, acronyms
//! defined in the text, persons after honorifics, titles and first names), one conflict policy,
//! and a document pass (an acronym defined once applies to every later use; « M. Novak » is the
//! « Alexandre Novak » named earlier). No model, no download, no network.
//!
//! # Example
//!
//! ```
//! use nommer::{Extractor, Kind, Value};
//!
//! let text = "Le jeudi 28 novembre 2024, le général de division Abdoulaye Maïga a reçu \
//!             à Bamako une délégation russe.";
//! let doc = Extractor::default().extract(text);
//! for e in doc.entities() {
//!     println!("{e}");
//! }
//! let date = doc.of_kind(Kind::Date).next().unwrap();
//! assert_eq!(date.text(), "jeudi 28 novembre 2024");
//! assert_eq!(date.value(), Some(&Value::Date("2024-11-28".into())));
//! let person = doc.of_kind(Kind::Person).next().unwrap();
//! assert_eq!(person.text(), "Abdoulaye Maïga");
//! assert_eq!(&text[person.range()], "Abdoulaye Maïga");
//! ```
//!
//! # Kinds and values
//!
//! | [`Kind`] | what | [`Value`] |
//! |---|---|---|
//! | `person` | a name, without honorific or title | full name, for a short mention |
//! | `title` | a function, office or rank with its portfolio | — |
//! | `location` ([`Place`]: country, city, region, other) | a place, article outside | ISO 3166-1 alpha-2 for countries |
//! | `organisation` | full name or acronym | full name, for an acronym |
//! | `date` | a date expression, preposition outside | ISO 8601 date, list or interval |
//! | `demonym` | a nationality adjective or noun | ISO 3166-1 alpha-2 codes |
//!
//! # Relative dates
//!
//! « a déclaré mardi », « en mars », « hier », « la semaine dernière », « le 9 » are dates to a
//! reader of the news, and date entities here (not inside names: « Mardi gras », « Avril
//! Lavigne », « place du 1er Mai »). Their value needs the article's date, given by
//! [`Options::date`]; so does the year of « le 22 mars ». A weekday that contradicts its date
//! (« vendredi 28 novembre 2024 ») is reported by [`Entity::warning`], not corrected.
//!
//! ```
//! use nommer::{Extractor, Options, Value};
//!
//! let text = "Le ministre a déclaré mardi que l'accord signé le 22 mars serait appliqué.";
//! let options = Options::new().date("2024-11-27".parse().unwrap());
//! let doc = Extractor::default().extract_with(text, &options);
//! let values: Vec<_> = doc.entities().iter().filter_map(|e| e.value()).collect();
//! assert!(values.contains(&&Value::Date("2024-11-26".into()))); // mardi
//! assert!(values.contains(&&Value::Date("2024-03-22".into()))); // le 22 mars
//! ```
//!
//! # Offsets
//!
//! [`Entity::range`] is a byte range of the caller's `&str` (always on char boundaries);
//! [`Entity::char_range`] counts Unicode scalar values, as Python does. Normalisation never
//! moves a span: matching runs on a folded copy and maps back.
//!
//! # Conflict policy
//!
//! Every phase proposes candidates; the longest wins, then the one of higher priority (acronym
//! entries, then gazetteer names and dates, then cue-based persons, titles and organisation
//! rules, then demonyms and first-name persons, then weak evidence), then the leftmost. A
//! candidate that overlaps a kept one is dropped. The result is flat, sorted and non-overlapping.
//!
//! # Untrusted input
//!
//! Any `&str` is valid: empty, huge, all capitals, OCR noise, decomposed accents, control and
//! zero-width characters. Extraction is linear in the text and never panics. Texts over 64 MiB
//! are processed in pieces cut at line breaks.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// Defines `fn $name(w: &T) -> bool`, one `match` on the listed literals (as fast as a
/// `match` written out), and `const $list: &[&T]`, the same literals: both are written from
/// the one list, so a word cannot be in one and not the other. Attributes go before `fn`
/// (its doc) and before `const` (its doc, `#[cfg(test)]` when only the tests read it).
macro_rules! word_set {
    (
        $(#[$fn_attr:meta])* $vis:vis fn $name:ident(&$t:ty),
        $(#[$list_attr:meta])* const $list:ident = [$($w:literal),+ $(,)?] $(,)?
    ) => {
        $(#[$fn_attr])*
        #[inline]
        $vis fn $name(w: &$t) -> bool {
            matches!(w, $($w)|+)
        }

        $(#[$list_attr])*
        const $list: &[&$t] = &[$($w),+];
    };
}

mod date;
mod document;
mod entity;
mod error;
mod extractor;
mod fxhash;
mod gazetteer;
mod invariants;
mod links;
mod normalize;
mod pipeline;
mod reldate;
mod rules;
mod tokenize;
mod wordtable;

pub use date::{Date, DateError};
pub use document::Document;
pub use entity::{Entity, Kind, Place, Source, Value};
pub use error::Error;
pub use extractor::{embedded_gazetteers, Extractor, ExtractorBuilder, Options};
#[doc(hidden)]
pub use invariants::check_invariants;
pub use links::{
    Acronym, Affiliation, Gender, Mention, Person, Quote, Ref, Relation, RelationKind, Span,
    Speaker,
};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod auto_traits {
    use super::*;
    use std::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

    #[test]
    fn public_types_are_thread_safe() {
        assert_all::<Extractor>();
        assert_all::<ExtractorBuilder>();
        assert_all::<Document>();
        assert_all::<Entity>();
        assert_all::<Kind>();
        assert_all::<Place>();
        assert_all::<Value>();
        assert_all::<Source>();
        assert_all::<Error>();
        assert_all::<Options>();
        assert_all::<Date>();
        assert_all::<Person>();
        assert_all::<Quote>();
        assert_all::<Relation>();
    }
}
