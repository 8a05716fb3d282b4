//! Quotations and their speakers.

use super::text::View;
use super::{Person, Quote, Relation};
use crate::entity::Entity;

/// The quotations of the text, with their speakers where the text gives them.
pub(crate) fn find(
    _view: &View<'_>,
    _entities: &[Entity],
    _persons: &[Person],
    _relations: &mut Vec<Relation>,
) -> Vec<Quote> {
    Vec::new()
}
