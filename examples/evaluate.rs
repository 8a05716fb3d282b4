//! Scores the default extractor against an annotated corpus in JSONL: the code of `nommer eval`
//! (`src/bin/nommer/eval.rs`, which documents the options and the report), for builds without
//! the `cli` feature.
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/corpora/winer-fr-dev.jsonl
//! ```

#[path = "../src/bin/nommer/eval.rs"]
mod eval;

fn main() {
    eval::main(std::env::args().skip(1).collect());
}
