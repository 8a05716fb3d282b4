#!/usr/bin/env bash
# Figures of the `nommer` command (README "Measured", benches/README.md):
#   - throughput of `nommer extract --format jsonl` over the raw news corpus, one job and two
#     (median of RUNS runs each, MB = 10^6 bytes of input, wall clock including start-up and
#     the default extractor's build), and a check that both outputs are byte-identical;
#   - peak memory (max RSS, /usr/bin/time -v) with the corpus fed once and ten times through a
#     pipe: a stream must not grow the process.
#   The corpus is repeated REPEAT times into one input file (default 3, some 30 MB), so that the
#   start-up (building the default extractor, some 60 ms) weighs as it does on real batches.
# Usage: tools/cli/figures.sh [CORPUS.jsonl] [RUNS] [REPEAT]  (default ../shared/corpora/news-raw-fr.jsonl, 5, 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/corpora/news-raw-fr.jsonl}
runs=${2:-5}
repeat=${3:-3}
[[ -f $corpus ]] || { echo "no corpus at $corpus (the figures need ../shared)"; exit 0; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time"; exit 1; }
cargo build --release --quiet --bin nommer
bin=target/release/nommer
tmp=target/tmp/cli-figures
mkdir -p "$tmp"
input=$tmp/input.jsonl
for ((i = 0; i < repeat; i++)); do cat "$corpus"; done > "$input"
bytes=$(stat -c %s "$input")
printf 'input: %s x%d, %.2f MB, %d lines; %d runs each; %s, %d cores\n' "$corpus" "$repeat" \
    "$(echo "$bytes / 1000000" | bc -l)" "$(wc -l < "$input")" "$runs" "$(date -u +%F)" "$(nproc)"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for jobs in 1 2; do
    for ((i = 0; i < runs; i++)); do
        s=$(date +%s.%N)
        "$bin" extract --format jsonl --jobs "$jobs" --quiet "$input" > "$tmp/out-$jobs.jsonl"
        e=$(date +%s.%N)
        echo "$bytes / ($e - $s) / 1000000" | bc -l
    done | median > "$tmp/mbs-$jobs"
    printf 'extract --format jsonl --jobs %d: %.1f MB/s (median)\n' "$jobs" "$(cat "$tmp/mbs-$jobs")"
done
printf 'speed-up with 2 jobs: x%.2f\n' "$(echo "$(cat "$tmp/mbs-2") / $(cat "$tmp/mbs-1")" | bc -l)"
if cmp -s "$tmp/out-1.jsonl" "$tmp/out-2.jsonl"; then echo "outputs of 1 and 2 jobs: identical"
else echo "outputs of 1 and 2 jobs DIFFER"; exit 1; fi

rss() { # times the corpus fed through a pipe; prints max RSS in MB
    local times=$1 jobs=$2
    { for ((i = 0; i < times; i++)); do cat "$corpus"; done; } |
        /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" extract --format jsonl --jobs "$jobs" --quiet - > /dev/null
    echo "scale=1; $(cat "$tmp/rss") / 1024" | bc
}
for jobs in 1 2; do
    printf 'peak RSS, jobs %d: corpus x1 %s MB, x10 %s MB\n' "$jobs" "$(rss 1 "$jobs")" "$(rss 10 "$jobs")"
done
