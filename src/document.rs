//! The result of extraction: the entities, and the document layer when it ran.

use crate::date::Date;
use crate::entity::{Entity, Kind};
use crate::links::{Acronym, Person, Quote, Relation};
use serde::{Deserialize, Serialize};

/// The result of extraction: a flat, sorted, non-overlapping list of entities, and, when the
/// document layer ran ([`Extractor::analyse`](crate::Extractor::analyse), or
/// [`Options::document_layer`](crate::Options::document_layer)), the persons, quotes, acronyms
/// and relations of the text.
///
/// In JSON the lists of the document layer are left out when empty, so a flat extraction
/// serialises as `{"entities": […]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's date, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<Date>,
    pub(crate) entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) persons: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) quotes: Vec<Quote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) acronyms: Vec<Acronym>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) relations: Vec<Relation>,
}

impl Document {
    /// The entities, sorted by start offset, never overlapping.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    /// Takes the entities out.
    pub fn into_entities(self) -> Vec<Entity> {
        self.entities
    }
    /// Iterates over the entities of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entity> + '_ {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }
    /// Whether no entity was found.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
    /// The document's date, when one was given ([`Options::date`](crate::Options::date)).
    pub fn date(&self) -> Option<Date> {
        self.date
    }
    /// The persons of the text (document layer), in order of first mention.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }
    /// The person a person entity (an index in [`entities`](Self::entities)) is a mention of.
    pub fn person_of(&self, entity: usize) -> Option<&Person> {
        self.persons
            .iter()
            .find(|p| p.mentions.iter().any(|m| m.entity == entity))
    }
    /// The quotations of the text (document layer), in text order.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }
    /// The acronyms of the text (document layer), in order of first mention.
    pub fn acronyms(&self) -> &[Acronym] {
        &self.acronyms
    }
    /// The relations between the items of the document (document layer).
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
}

impl<'a> IntoIterator for &'a Document {
    type Item = &'a Entity;
    type IntoIter = std::slice::Iter<'a, Entity>;
    fn into_iter(self) -> Self::IntoIter {
        self.entities.iter()
    }
}

impl IntoIterator for Document {
    type Item = Entity;
    type IntoIter = std::vec::IntoIter<Entity>;
    fn into_iter(self) -> Self::IntoIter {
        self.entities.into_iter()
    }
}
