//! The rule phases of the cascade, one file a family, each an `impl Run` block:
//!
//! | phase | file | rules (names as reported in [`Source::Rule`](crate::Source)) |
//! |---|---|---|
//! | gazetteer | `gazetteer.rs` | entries, with the case policy and corroboration of ambiguous entries |
//! | demonyms | `demonyms.rs` | `demonym`, `demonym-compound` |
//! | dates | `dates.rs` | `date`, `date-numeric`, `date-year` |
//! | relative dates | `reldates.rs` | `date-relative` (valued later from the document's date), `date-decade` |
//! | titles | `titles.rs` | `title+portfolio` |
//! | acronyms | `orgs.rs` | `name(ACR)`, `acronym-definition` |
//! | organisations | `orgs.rs` | `org-head`, `ministry`, `acronym-unknown`, `cue+name` |
//! | events (negative) | `places.rs` | `event`: blocks the places inside « Tour de France » |
//! | places | `places.rs` | `street`, `road`, `a+place` |
//! | persons | `persons.rs` | `honorific+name`, `title+name`, `profession+name`, `demonym+name`, `first-name+name`, `first-name-coordinated`, `name,title`, `speech+name` |
//! | document | `document.rs` | `acronym-reuse`, `person-short-mention` |

mod dates;
mod demonyms;
mod document;
mod gazetteer;
mod lexical;
mod orgs;
mod persons;
mod places;
mod reldates;
mod titles;

pub(crate) use dates::month_number;
pub(crate) use lexical::{class, class_of, closed_classes, word_class, DAYS, MONTHS};
pub(crate) use orgs::initials_fit;

/// Builds the lazily compiled tables (folding table, char classes) at extractor build time, so
/// that the first extraction costs what the others do.
pub(crate) fn warm_up() {
    crate::normalize::warm_up();
    crate::tokenize::warm_up();
}
