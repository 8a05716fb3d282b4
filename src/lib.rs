//! nommer: named entities in French news text.
