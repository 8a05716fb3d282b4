#!/usr/bin/env bash
# Runs nommer over the raw corpus as a Spark job in local mode and checks it against a direct
# run of the binary: sets up a virtualenv with the pinned PySpark, makes sure Java is there,
# builds (or takes) the binary, then runs tools/spark/job.py.
#
#   tools/spark/run.sh                      # the whole corpus (2,501 documents)
#   tools/spark/run.sh --build --limit 200  # CI's small version, building the binary first
#   tools/spark/run.sh --cli                # the `nommer` command instead of examples/jsonl
#   tools/spark/run.sh -- --repeat 3        # anything after -- goes to job.py
#
# Options:
#   --build       build the binary with cargo first (otherwise it must exist)
#   --cli         use the `nommer` command (feature cli) and its JSONL mode, not examples/jsonl
#   --limit N     only the first N documents
#   --input PATH  the corpus (default: ../shared/corpora/news-raw-fr.jsonl beside the repo)
#   -h, --help    this text
# Environment:
#   NOMMER_BIN          the binary to run (no build); its arguments still follow --cli
#   NOMMER_BIN_ARGS     the binary's arguments, overriding the default of --cli or not
#   SPARK_VENV          the virtualenv (default: tools/spark/.venv)
#   PYTHON              the Python that creates it (default: python3)
#   CARGO_TARGET_DIR    where cargo builds (default: target/ in the repository)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

build=0
cli=0
job_args=()
input="$repo/../shared/corpora/news-raw-fr.jsonl"
while (($#)); do
    case "$1" in
        --build) build=1 ;;
        --cli) cli=1 ;;
        --limit) job_args+=(--limit "${2:?--limit needs a number}"); shift ;;
        --input) input="${2:?--input needs a path}"; shift ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        --) shift; job_args+=("$@"); break ;;
        *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

say() { printf '== %s\n' "$*"; }

# --- the binary ------------------------------------------------------------------------------
target="${CARGO_TARGET_DIR:-$repo/target}"
if ((cli)); then
    default_bin="$target/release/nommer"
    build_cmd=(cargo build --release --features cli --bin nommer)
    default_args="extract --input jsonl --format jsonl --jobs 1 --quiet -"
    # It adds one field, "nommer": {"entities": [...]}, and passes every input field through.
    job_args+=(--entities-key nommer.entities --strict-passthrough)
else
    default_bin="$target/release/examples/jsonl"
    build_cmd=(cargo build --release --example jsonl)
    default_args=""
fi
bin="${NOMMER_BIN:-$default_bin}"
bin_args="${NOMMER_BIN_ARGS-$default_args}"
if ((build)); then
    if [[ -n "${NOMMER_BIN:-}" ]]; then
        echo "run.sh: --build and NOMMER_BIN both given; use one" >&2
        exit 2
    fi
    say "building: ${build_cmd[*]}"
    (cd "$repo" && "${build_cmd[@]}")
fi
if [[ ! -x "$bin" ]]; then
    echo "run.sh: no binary at $bin: pass --build, or set NOMMER_BIN" >&2
    exit 2
fi

# --- Java ------------------------------------------------------------------------------------
# PySpark 4 needs Java 17 or later. Install Debian's only if there is no java at all; an old
# one is reported, not replaced.
if ! command -v java > /dev/null; then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get > /dev/null; then
        echo "run.sh: no java; install a Java 17+ runtime (Debian: openjdk-17-jre-headless)" >&2
        exit 2
    fi
    say "no java: installing openjdk-17-jre-headless"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        openjdk-17-jre-headless > /dev/null
    if ! command -v java > /dev/null; then
        echo "run.sh: installed openjdk-17-jre-headless, but java is still not on PATH" >&2
        exit 2
    fi
fi
java_major="$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n1)"
if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
    echo "run.sh: Spark 4 needs Java 17+, found: $(java -version 2>&1 | head -n1)" >&2
    exit 2
fi

# --- PySpark in a virtualenv -----------------------------------------------------------------
venv="${SPARK_VENV:-$here/.venv}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2> /dev/null)" != "$want" ]]; then
    say "installing $(grep -v '^#' "$here/requirements.txt" | xargs) in $venv"
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$stamp"
fi

# --- the job ---------------------------------------------------------------------------------
# Spark binds to the loopback interface only: local mode needs no network.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
say "running job.py (binary $bin)"
exec "$venv/bin/python" "$here/job.py" --input "$input" --binary "$bin" \
    --binary-args "$bin_args" "${job_args[@]}"
