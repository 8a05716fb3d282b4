// temporary profiling driver (not committed)
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mode = std::env::args().nth(2).unwrap_or_default();
    let ex = nommer::Extractor::default();
    let mut texts = Vec::new();
    for line in std::fs::read_to_string(path).unwrap().lines().take(1200) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        texts.push(v["text"].as_str().unwrap().to_string());
    }
    let mut n = 0;
    for t in &texts {
        let d = if mode == "a" {
            ex.analyse(t)
        } else {
            ex.extract(t)
        };
        n += d.entities().len() + d.quotes().len();
    }
    println!("{n}");
}
