//! The document layer: who is who, who holds which office, who said what.
//!
//! It runs after the flat extraction, on its entities and the text, and returns the persons of
//! the article (clusters of mentions with their titles and affiliation), the quotations with
//! their speakers, the acronyms with their expansions, and the typed relations between them,
//! each with its evidence span. Its steps, in order, each a function of what the earlier ones
//! return:
//!
//! 1. [`persons::cluster`]: person mentions → persons (canonical name, mentions, gender);
//! 2. [`acronyms::collect`]: acronyms and their expansions, defined in the text or known (a
//!    definition in the text gives every mention its expansion);
//! 3. [`offices::link`]: titles and affiliations of each person, from appositions, titles before
//!    the name, demonyms, and titles used alone that refer back to a person;
//! 4. [`quotes::find`]: quotations and their speakers.
//!
//! The flat entities are not changed, except that a person mention's value is its person's
//! canonical name.

use crate::entity::{Entity, Kind};
use crate::gazetteer::Lexicon;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod acronyms;
mod offices;
mod persons;
mod pronouns;
mod quotes;
mod text;

/// A piece of the caller's text: byte and char ranges and the text itself.
///
/// As for [`Entity`], `start`/`end` are UTF-8 byte offsets and `char_start`/`char_end` count
/// Unicode scalar values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
    pub(crate) text: String,
}

impl Span {
    /// Byte offset of the first byte.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset one past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The byte range in the caller's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// The range in Unicode scalar values.
    pub fn char_range(&self) -> std::ops::Range<usize> {
        self.char_start..self.char_end
    }
    /// The text of the span, as in the caller's text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The span of an entity.
    pub(crate) fn of(e: &Entity) -> Span {
        Span {
            start: e.start,
            end: e.end,
            char_start: e.char_start,
            char_end: e.char_end,
            text: e.text.clone(),
        }
    }
}

/// An entity of [`Document::entities`](crate::Document::entities) that the document layer
/// refers to: its index there and its span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// Index of the entity in [`Document::entities`](crate::Document::entities).
    pub(crate) entity: usize,
    #[serde(flatten)]
    pub(crate) span: Span,
}

impl Mention {
    /// Index of the entity in [`Document::entities`](crate::Document::entities).
    pub fn entity(&self) -> usize {
        self.entity
    }
    /// The entity's span.
    pub fn span(&self) -> &Span {
        &self.span
    }
    /// The entity's text: « Novak », « vice-Premier ministre ».
    pub fn text(&self) -> &str {
        &self.span.text
    }
    pub(crate) fn of(entities: &[Entity], i: usize) -> Mention {
        Mention {
            entity: i,
            span: Span::of(&entities[i]),
        }
    }
}

/// Grammatical gender, where the text tells it (« M. », « Mme », « la ministre », a first name,
/// « elle a déclaré »).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// « M. Novak », « le ministre », « Alexandre ».
    Masculine,
    /// « Mme Diarra », « la ministre », « Aminata ».
    Feminine,
}

impl Gender {
    /// The other gender.
    pub(crate) fn other(self) -> Gender {
        match self {
            Gender::Masculine => Gender::Feminine,
            Gender::Feminine => Gender::Masculine,
        }
    }
}

/// What a person belongs to: a country (ISO 3166-1 alpha-2) or an organisation (its canonical
/// name). Serialised `{"country": "RU"}` or `{"organisation": "Organisation des Nations unies"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Affiliation {
    /// A country code.
    Country(String),
    /// An organisation's canonical name.
    Organisation(String),
}

/// A person of the article: every mention of one name, the titles the text gives them and what
/// they belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) gender: Option<Gender>,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) titles: Vec<Mention>,
    #[serde(default)]
    pub(crate) affiliation: Option<Affiliation>,
}

impl Person {
    /// The canonical name: the longest form the text gives (« Alexandre Novak »).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The gender, where the text tells it.
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }
    /// Every mention of the person's name, in text order (« Alexandre Novak », « Novak »).
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    /// The title entities that the text gives the person, in text order.
    pub fn titles(&self) -> &[Mention] {
        &self.titles
    }
    /// The country or organisation the person belongs to, if the text says.
    pub fn affiliation(&self) -> Option<&Affiliation> {
        self.affiliation.as_ref()
    }
}

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    /// Index in [`Document::persons`](crate::Document::persons) for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) person: Option<usize>,
    /// The words that attribute the quote (« a-t-il déclaré », « selon M. Novak »).
    pub(crate) cue: Span,
    pub(crate) rule: Cow<'static, str>,
}

impl Speaker {
    /// The same speaker, found by rule `rule`.
    pub(crate) fn with_rule(self, rule: &'static str) -> Speaker {
        Speaker {
            rule: std::borrow::Cow::Borrowed(rule),
            ..self
        }
    }
    /// A person's canonical name, or an organisation's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// [`Kind::Person`] or [`Kind::Organisation`].
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The person's index in [`Document::persons`](crate::Document::persons).
    pub fn person(&self) -> Option<usize> {
        self.person
    }
    /// The words that attribute the quote.
    pub fn cue(&self) -> &Span {
        &self.cue
    }
    /// The rule that attributed it (`after-quote`, `pronoun`, `colon`, `selon`…).
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// A quotation: the quoted words, without the quotation marks, and its speaker when the text
/// gives one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    #[serde(flatten)]
    pub(crate) span: Span,
    #[serde(default)]
    pub(crate) speaker: Option<Speaker>,
}

impl Quote {
    /// The quoted words, quotation marks outside.
    pub fn span(&self) -> &Span {
        &self.span
    }
    /// The speaker, when the text gives one. None is better than a wrong one: a quote whose
    /// speaker is unclear has none.
    pub fn speaker(&self) -> Option<&Speaker> {
        self.speaker.as_ref()
    }
}

/// An acronym used in the text, with its expansion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acronym {
    pub(crate) acronym: String,
    pub(crate) expansion: String,
    /// Whether the text defines it (« Nom complet (SIGLE) », « SIGLE (Nom complet) »), rather
    /// than a gazetteer.
    pub(crate) defined_in_text: bool,
    /// The definition's span, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) definition: Option<Span>,
    /// The acronym's mentions.
    pub(crate) mentions: Vec<Mention>,
}

impl Acronym {
    /// The acronym as written (« AES »).
    pub fn acronym(&self) -> &str {
        &self.acronym
    }
    /// Its expansion (« Confédération des États du Sahel »).
    pub fn expansion(&self) -> &str {
        &self.expansion
    }
    /// Whether the text defines it; otherwise the expansion comes from a gazetteer.
    pub fn defined_in_text(&self) -> bool {
        self.defined_in_text
    }
    /// Where the text defines it.
    pub fn definition(&self) -> Option<&Span> {
        self.definition.as_ref()
    }
    /// Every mention of the acronym.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
}

/// What a [`Relation`] says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RelationKind {
    /// A person holds a title: person → title entity.
    PersonTitle,
    /// A person belongs to a country or organisation.
    PersonAffiliation,
    /// A title belongs to a country or organisation (« président de la Transition » du Mali).
    TitleAffiliation,
    /// A quote is a speaker's: quote → person or organisation.
    QuoteSpeaker,
    /// An acronym stands for its expansion: acronym → organisation.
    AcronymExpansion,
    /// A demonym names a country: demonym entity → country.
    DemonymCountry,
}

/// One end of a [`Relation`]: an item of the document, or a value.
///
/// Serialised externally tagged: `{"person": 0}`, `{"entity": 3}`, `{"quote": 1}`,
/// `{"acronym": 0}`, `{"country": "ML"}`, `{"organisation": "Confédération des États du Sahel"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Ref {
    /// Index in [`Document::persons`](crate::Document::persons).
    Person(usize),
    /// Index in [`Document::entities`](crate::Document::entities).
    Entity(usize),
    /// Index in [`Document::quotes`](crate::Document::quotes).
    Quote(usize),
    /// Index in [`Document::acronyms`](crate::Document::acronyms).
    Acronym(usize),
    /// An ISO 3166-1 alpha-2 code.
    Country(String),
    /// An organisation's canonical name.
    Organisation(String),
}

/// A typed link between two items of the document, with the span of text that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub(crate) kind: RelationKind,
    pub(crate) from: Ref,
    pub(crate) to: Ref,
    pub(crate) evidence: Span,
}

impl Relation {
    /// What the relation says.
    pub fn kind(&self) -> RelationKind {
        self.kind
    }
    /// Its subject.
    pub fn from(&self) -> &Ref {
        &self.from
    }
    /// Its object.
    pub fn to(&self) -> &Ref {
        &self.to
    }
    /// The text that shows it.
    pub fn evidence(&self) -> &Span {
        &self.evidence
    }
}

/// What the document layer returns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Links {
    pub(crate) persons: Vec<Person>,
    pub(crate) quotes: Vec<Quote>,
    pub(crate) acronyms: Vec<Acronym>,
    pub(crate) relations: Vec<Relation>,
}

/// Reads the document layer off the flat `entities` of `text`. Person mentions get their
/// person's canonical name as value; nothing else in `entities` changes.
pub(crate) fn read(text: &str, entities: &mut [Entity], lex: &Lexicon) -> Links {
    let view = text::View::new(text, entities);
    let mut persons = persons::cluster(&view, entities, lex);
    let mut relations = Vec::new();
    let acronyms = acronyms::collect(&view, entities, &mut relations);
    offices::link(&view, entities, &mut persons, &mut relations, lex);
    let quotes = quotes::find(&view, entities, &persons, &mut relations);
    for (k, q) in quotes.iter().enumerate() {
        if let Some(s) = &q.speaker {
            let to = match s.person {
                Some(p) => Ref::Person(p),
                None => Ref::Organisation(s.name.clone()),
            };
            relations.push(Relation {
                kind: RelationKind::QuoteSpeaker,
                from: Ref::Quote(k),
                to,
                evidence: s.cue.clone(),
            });
        }
    }
    for (i, e) in entities.iter().enumerate() {
        if let (Kind::Demonym, Some(crate::Value::Countries(cs))) = (e.kind, &e.value) {
            for c in cs {
                relations.push(Relation {
                    kind: RelationKind::DemonymCountry,
                    from: Ref::Entity(i),
                    to: Ref::Country(c.clone()),
                    evidence: Span::of(e),
                });
            }
        }
    }
    Links {
        persons,
        quotes,
        acronyms,
        relations,
    }
}
