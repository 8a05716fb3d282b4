//! One extractor shared by many threads gives what one thread gives: on different texts at
//! once and on the same text at once, for the default extractor and a built one, flat and with
//! the document layer. And the public types can cross threads and unwind boundaries, checked at
//! compile time (as aho-corasick checks its own).

use nommer::{Document, Entity, Extractor, ExtractorBuilder, Options};
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, Barrier};

const THREADS: usize = 8;

/// Compiles only if `T` has every auto trait a shared extractor needs.
fn assert_send_sync_unwind<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    assert_send_sync_unwind::<Extractor>();
    assert_send_sync_unwind::<ExtractorBuilder>();
    assert_send_sync_unwind::<Document>();
    assert_send_sync_unwind::<Entity>();
    assert_send_sync_unwind::<Options>();
    assert_send_sync_unwind::<nommer::Error>();
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_3d983a079f199569.txt"
    ))
    .unwrap()
}

/// Texts that differ from one another: the seed's paragraphs, whole and cut, with a few
/// constructions of the document layer.
fn texts() -> Vec<String> {
    let seed = seed();
    let mut out: Vec<String> = seed
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    out.push(seed.clone());
    out.push(seed.to_uppercase());
    out.push(
        "Alexandre Novak, vice-Premier ministre de la Fédération de Russie, est arrivé à Bamako. \
         « Nous voulons aller plus loin », a déclaré M. Novak. La Confédération des États du \
         Sahel (AES) a salué la visite. L'AES compte trois pays."
            .to_string(),
    );
    out.push("Le jeudi 28 novembre 2024, le général Assimi Goïta a reçu Mme Diarra.".into());
    out
}

fn built() -> Extractor {
    Extractor::builder()
        .gazetteer_str(
            "mine.tsv",
            "Zorbaville\tcity\tZorbaville\tcc=ML\nSociété des Mines du Nord\torg\t-\t-\n",
        )
        .disable(nommer::Kind::Title)
        .build()
        .unwrap()
}

/// What one thread gets, text by text: flat and with the document layer.
fn alone(ex: &Extractor, texts: &[String]) -> Vec<(Document, Document)> {
    texts
        .iter()
        .map(|t| (ex.extract(t), ex.analyse(t)))
        .collect()
}

/// Each of 8 threads (started together) reads the texts from its own offset, so that they read
/// different texts at the same moment, round after round.
fn different_texts_at_once(ex: &Extractor) {
    let texts = Arc::new(texts());
    let want = Arc::new(alone(ex, &texts));
    assert!(want
        .iter()
        .any(|(d, a)| !d.is_empty() && !a.persons().is_empty()));
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|k| {
            let (ex, texts, want, barrier) =
                (ex.clone(), texts.clone(), want.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                for round in 0..3 {
                    for j in 0..texts.len() {
                        let i = (j + k * 3 + round) % texts.len();
                        assert_eq!(ex.extract(&texts[i]), want[i].0, "thread {k}, text {i}");
                        assert_eq!(ex.analyse(&texts[i]), want[i].1, "thread {k}, text {i}");
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// 8 threads read the same text at the same moment, several times.
fn same_text_at_once(ex: &Extractor) {
    let text = Arc::new(seed());
    let want = Arc::new((ex.extract(&text), ex.analyse(&text)));
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let (ex, text, want, barrier) =
                (ex.clone(), text.clone(), want.clone(), barrier.clone());
            std::thread::spawn(move || {
                for _ in 0..5 {
                    barrier.wait();
                    assert_eq!(ex.extract(&text), want.0);
                    assert_eq!(ex.analyse(&text), want.1);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn the_default_extractor_shared_by_8_threads() {
    let ex = Extractor::default();
    different_texts_at_once(&ex);
    same_text_at_once(&ex);
}

#[test]
fn a_built_extractor_shared_by_8_threads() {
    let ex = built();
    let doc = ex.extract("La Société des Mines du Nord a quitté Zorbaville.");
    assert_eq!(doc.len(), 2, "{doc:?}");
    different_texts_at_once(&ex);
    same_text_at_once(&ex);
}

/// Borrowed, not cloned: one `&Extractor` in scoped threads.
#[test]
fn one_borrowed_extractor_in_scoped_threads() {
    let ex = built();
    let texts = texts();
    let want = alone(&ex, &texts);
    std::thread::scope(|s| {
        for k in 0..THREADS {
            let (ex, texts, want) = (&ex, &texts, &want);
            s.spawn(move || {
                for (i, t) in texts.iter().enumerate().skip(k % texts.len()) {
                    assert_eq!(ex.extract(t), want[i].0);
                }
            });
        }
    });
}
