//! Titles and affiliations of persons.

use super::text::View;
use super::{Person, Relation};
use crate::entity::Entity;
use crate::gazetteer::Lexicon;

/// Gives each person the titles the text gives them and their affiliation.
pub(crate) fn link(
    _view: &View<'_>,
    _entities: &[Entity],
    _persons: &mut [Person],
    _relations: &mut Vec<Relation>,
    _lex: &Lexicon,
) {
}
