//! Acronyms and their expansions.

use super::text::View;
use super::{Acronym, Relation};
use crate::entity::Entity;

/// The acronyms of the text with their expansions.
pub(crate) fn collect(
    _view: &View<'_>,
    _entities: &[Entity],
    _relations: &mut Vec<Relation>,
) -> Vec<Acronym> {
    Vec::new()
}
