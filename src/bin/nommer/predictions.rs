//! The JSON line written per document by the `evaluate --predictions` and `jsonl` examples:
//! `{"id": …, "entities": [{"start", "end", "label", "kind", "subtype"?, "text", "value"}]}`,
//! start/end in Unicode code points. Tools outside the project read it: keep it stable.

use nommer::{Entity, Value};
use serde::Serialize;

/// The JSON shape of an entity.
#[derive(Serialize)]
pub struct OutEntity<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtype: Option<&'static str>,
    text: &'a str,
    value: Option<&'a Value>,
}

/// The JSON shape of a document.
#[derive(Serialize)]
pub struct OutDoc<'a> {
    pub id: &'a serde_json::Value,
    pub entities: Vec<OutEntity<'a>>,
}

/// An entity in its JSON shape.
pub fn out_entity(e: &Entity) -> OutEntity<'_> {
    let r = e.char_range();
    OutEntity {
        start: r.start,
        end: r.end,
        label: e.kind().label(),
        kind: e.kind().as_str(),
        subtype: e.place().map(|p| p.as_str()),
        text: e.text(),
        value: e.value(),
    }
}
