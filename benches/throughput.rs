//! Throughput of extraction and cost of building an extractor.
//!
//! ```text
//! cargo bench --bench throughput
//! cargo bench --bench throughput -- extract/seed     # one group
//! ```
//!
//! Groups:
//! - `extract/seed`: the seed article `seeds/000_3d983a079f199569.txt`, bytes/s;
//! - `extract/news-raw`: the first ~2 MB of texts of `../shared/corpora/news-raw-fr.jsonl`
//!   (relative to the crate root), document by document in one iteration, bytes/s of the total;
//!   skipped with a note when the corpus is absent;
//! - `analyse/seed`, `analyse/news-raw`: the same texts through `Extractor::analyse`, the
//!   flat extraction and the document layer (persons, titles, quotes, acronyms): the ratio to
//!   `extract/…` in the same run is the layer's cost;
//! - `build/default`: `Extractor::builder().build()` from the embedded gazetteers (not
//!   `Extractor::default()`, which is built once and cached).
//!
//! Criterion prints throughput in MiB/s (2^20 bytes). Settings are short (10 samples, a few
//! seconds each) so the whole run stays around a minute on two cores.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nommer::Extractor;
use std::path::Path;
use std::time::Duration;

/// How much news text the `extract/news-raw` group processes per iteration.
const NEWS_BYTES: usize = 2_000_000;

fn manifest_path(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The texts of the first documents of a JSONL corpus, up to about `limit` bytes.
fn news_texts(path: &Path, limit: usize) -> Option<Vec<String>> {
    let content = std::fs::read_to_string(path).ok()?;
    let mut texts = Vec::new();
    let mut total = 0;
    for line in content.lines() {
        if total >= limit {
            break;
        }
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            total += t.len();
            texts.push(t.to_string());
        }
    }
    Some(texts)
}

fn extract_seed(c: &mut Criterion) {
    let path = manifest_path("seeds/000_3d983a079f199569.txt");
    let text = std::fs::read_to_string(&path).expect("the seed article is in the repository");
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("seed", |b| b.iter(|| extractor.extract(black_box(&text))));
    group.finish();
    // The same with the document layer, in one run: the ratio of the two is its cost.
    let mut group = c.benchmark_group("analyse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("seed", |b| b.iter(|| extractor.analyse(black_box(&text))));
    group.finish();
}

/// One way to read a text, counting what it finds.
type Run<'a> = dyn Fn(&str) -> usize + 'a;

fn extract_news(c: &mut Criterion) {
    let path = manifest_path("../shared/corpora/news-raw-fr.jsonl");
    let texts = match news_texts(&path, NEWS_BYTES) {
        Some(t) if !t.is_empty() => t,
        _ => {
            eprintln!(
                "note: {} not found or empty; skipping extract/news-raw",
                path.display()
            );
            return;
        }
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    eprintln!(
        "extract/news-raw: {} documents, {} bytes",
        texts.len(),
        bytes
    );
    let extractor = Extractor::default();
    // The flat extraction, then the same with the document layer: their ratio is its cost.
    let runs: [(&str, &Run); 2] = [
        ("extract", &|t| extractor.extract(t).len()),
        ("analyse", &|t| extractor.analyse(t).persons().len()),
    ];
    for (name, run) in runs {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(8));
        group.bench_function("news-raw", |b| {
            b.iter(|| texts.iter().map(|t| run(black_box(t))).sum::<usize>())
        });
        group.finish();
    }
}

fn build_default(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("default", |b| {
        b.iter(|| {
            Extractor::builder()
                .build()
                .expect("the embedded gazetteers are valid")
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = extract_seed, extract_news, build_default
}
criterion_main!(benches);
