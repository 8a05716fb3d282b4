#!/usr/bin/env python3
"""Run nommer over a JSONL corpus as a Spark job, check it, and time it.

The corpus is read as a text RDD (one JSON document a line) and every partition is piped
through the nommer binary in its JSONL mode (one output line per input line, in order). The
binary is shipped to the executors with ``SparkContext.addFile`` so the same code runs in local
mode and on a cluster. Two ways of feeding the binary are measured:

* ``pipe``: ``RDD.pipe``, the stock way (PySpark starts the command once per partition);
* ``partitions``: ``mapPartitions`` with our own ``subprocess``, which resolves the binary with
  ``SparkFiles.get`` on the executor and reports the binary's exit code and standard error.

The driver then checks that every input line came back exactly once with its id, that the
fields the binary passed through equal the input's, and that the entities equal those of a
direct run of the binary (one process, no Spark) over the same lines. It prints a table of
documents, MB, seconds and MB/s for each way and for the direct run, and exits 1 if any check
failed.

Run it through ``tools/spark/run.sh``, which sets up PySpark and Java; ``--help`` lists the
options.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

# Exit codes: 0 all checks passed, 1 a check failed, 2 the job could not run.
EXIT_CHECK_FAILED = 1
EXIT_CANNOT_RUN = 2

# How many differing documents are printed in full before the rest are only counted.
SHOWN_PROBLEMS = 5


@dataclass
class Timing:
    """One measured run: what it processed and how long it took."""

    name: str
    docs: int
    input_bytes: int
    seconds: float
    note: str = ""

    @property
    def mb(self) -> float:
        return self.input_bytes / 1e6

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds > 0 else float("inf")


@dataclass
class CheckReport:
    """What the checks of one Spark run found; empty lists mean it passed."""

    name: str
    problems: list[str] = field(default_factory=list)
    differing_docs: int = 0
    identical_lines: int = 0
    passthrough_checked: int = 0
    passthrough_missing_docs: int = 0
    compared: bool = False  # whether the entities were compared with the direct run's

    @property
    def ok(self) -> bool:
        return not self.problems and self.differing_docs == 0

    def summary(self, docs: int) -> str:
        status = "ok" if self.ok else "FAILED"
        ids = "every id once, in order" if not self.problems else "problems below"
        parts = [f"check {self.name}: {status}", ids]
        if self.compared:
            parts.append(
                f"{docs - self.differing_docs}/{docs} documents with the direct run's entities, "
                f"{self.identical_lines} lines byte-identical to it"
            )
        parts.append(
            f"{self.passthrough_checked} passed-through fields equal to the input's, "
            f"{self.passthrough_missing_docs} documents without every input field"
        )
        return "; ".join(parts)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run nommer over a JSONL corpus with Spark (local mode), check the output "
        "against a direct run of the binary, and report throughput.",
    )
    parser.add_argument(
        "--input",
        type=Path,
        default=Path(__file__).resolve().parents[3] / "shared/corpora/news-raw-fr.jsonl",
        help="the JSONL corpus, one {id, text, ...} object a line (default: %(default)s)",
    )
    parser.add_argument(
        "--binary",
        type=Path,
        required=True,
        help="the nommer binary (or the jsonl example) that reads JSONL on stdin",
    )
    parser.add_argument(
        "--binary-args",
        default="",
        help='its arguments as one shell-quoted string, e.g. "extract --input jsonl '
        '--format jsonl --jobs 1 --quiet -" (default: none, for examples/jsonl)',
    )
    parser.add_argument(
        "--entities-key",
        default="entities",
        help="where the output holds the entity list, a key or a dotted path: entities for "
        "examples/jsonl, nommer.entities for the nommer command (default: %(default)s)",
    )
    parser.add_argument(
        "--id-key", default="id", help="the key of the document id (default: %(default)s)"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=0,
        help="process only the first N documents (0: all; default: %(default)s)",
    )
    parser.add_argument(
        "--master",
        default="",
        help="the Spark master (default: spark-submit's, else local[CORES]); on a cluster the "
        "input must be at the same path on the driver and every worker",
    )
    parser.add_argument(
        "--cores",
        type=int,
        default=os.cpu_count() or 1,
        help="N in local[N] when --master is not given (default: %(default)s)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="number of partitions, one binary process each (default: the number of cores)",
    )
    parser.add_argument(
        "--modes",
        default="pipe,partitions",
        help="comma-separated Spark runs to do: pipe (RDD.pipe) and/or partitions "
        "(mapPartitions + subprocess) (default: %(default)s)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each Spark mode this many times (the first run also starts the Python "
        "workers; later ones show the steady state) (default: %(default)s)",
    )
    parser.add_argument(
        "--strict-passthrough",
        action="store_true",
        help="require every input field in the output (the nommer command passes them "
        "through; examples/jsonl does not)",
    )
    parser.add_argument(
        "--binary-on-workers",
        default="",
        help="on a cluster: the binary's path on every worker, instead of shipping --binary "
        "with addFile",
    )
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = sorted(set(modes) - {"pipe", "partitions"})
    if unknown or not modes:
        parser.error(f"--modes: unknown or empty: {', '.join(unknown) or args.modes!r}")
    args.modes = modes
    if args.limit < 0 or args.repeat < 1 or args.cores < 1 or args.partitions < 0:
        parser.error("--limit, --partitions must be >= 0; --repeat, --cores >= 1")
    return args


def read_input(path: Path, limit: int) -> list[str]:
    """The corpus's non-blank lines (the first `limit` if > 0), without their line ends."""
    with path.open("rb") as f:
        raw = f.read()
    # Split on \n only, as Hadoop's text input does (str.splitlines would also split on
    # U+2028 and friends, which JSON strings may hold raw).
    lines = [l.rstrip(b"\r").decode("utf-8") for l in raw.split(b"\n")]
    lines = [l for l in lines if l.strip()]
    return lines[:limit] if limit else lines


def id_key(value: Any) -> str:
    """A hashable, canonical form of a JSON id (ids may be any JSON value)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def binary_command(binary: str, binary_args: str) -> list[str]:
    return [binary, *shlex.split(binary_args)]


def run_direct(command: list[str], lines: list[str]) -> tuple[list[str], float]:
    """Feed the lines to one process of the binary; return its output lines and seconds."""
    data = "".join(l + "\n" for l in lines).encode("utf-8")
    started = time.perf_counter()
    proc = subprocess.run(command, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"direct run {shlex.join(command)} exited {proc.returncode}:\n{tail}")
    # Split on \n only, like RDD.pipe: a raw U+2028 inside a JSON string is not a line end.
    out = proc.stdout.decode("utf-8").split("\n")
    if out and out[-1] == "":
        out.pop()
    return out, seconds


def pipe_partition(command: list[str]) -> Callable[[Iterable[str]], Iterator[str]]:
    """A mapPartitions function that streams a partition through one process of the binary.

    command[0] is a file name shipped with SparkContext.addFile (resolved with SparkFiles.get
    on the executor that runs the task) or, if it contains a slash, a path used as it is. Unlike
    RDD.pipe, a non-zero exit is reported with the tail of the binary's standard error.
    """

    def run(lines: Iterable[str]) -> Iterator[str]:
        from pyspark import SparkFiles  # imported on the executor

        binary = command[0] if "/" in command[0] else SparkFiles.get(command[0])
        proc = subprocess.Popen(
            [binary, *command[1:]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdin and proc.stdout and proc.stderr
        stderr_chunks: list[bytes] = []

        def feed() -> None:
            # A writer thread, so that the binary's output is read while it is fed (it flushes
            # per document; feeding everything first could fill both pipes and deadlock).
            try:
                for line in lines:
                    proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # the binary died; its exit code tells why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        def drain_stderr() -> None:
            stderr_chunks.append(proc.stderr.read())

        threads = [threading.Thread(target=feed), threading.Thread(target=drain_stderr)]
        for t in threads:
            t.start()
        for out in proc.stdout:
            yield out.rstrip(b"\n").decode("utf-8")
        for t in threads:
            t.join()
        if proc.wait() != 0:
            tail = b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{shlex.join(command)} exited {proc.returncode}:\n{tail}")

    return run


def parse_output(lines: list[str], name: str, report: CheckReport) -> list[dict[str, Any]]:
    """Output lines as JSON objects; a line that is not one is a problem."""
    docs = []
    for n, line in enumerate(lines, 1):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            report.problems.append(f"{name}: output line {n} is not JSON ({e}): {line[:120]!r}")
            continue
        if not isinstance(doc, dict):
            report.problems.append(f"{name}: output line {n} is not a JSON object: {line[:120]!r}")
            continue
        docs.append(doc)
    return docs


def get_path(doc: Any, path: str) -> Any:
    """The value at a dotted path ("nommer.entities"), or None where a step is missing."""
    for step in path.split("."):
        if not isinstance(doc, dict) or step not in doc:
            return None
        doc = doc[step]
    return doc


def entity_map(outputs: list[dict[str, Any]], ikey: str, epath: str) -> dict[str, Any]:
    """Each id's entity list (the first line with that id wins)."""
    found: dict[str, Any] = {}
    for d in outputs:
        found.setdefault(id_key(d.get(ikey)), get_path(d, epath))
    return found


def check_run(
    name: str,
    inputs: list[dict[str, Any]],
    output_lines: list[str],
    reference: dict[str, Any] | None,
    args: argparse.Namespace,
) -> tuple[CheckReport, list[dict[str, Any]]]:
    """Check one run's output against the input and, if given, the reference entities.

    Returns the report and the parsed output. The direct run is checked with no reference
    (it is the reference); each Spark run against the direct run's entities.
    """
    report = CheckReport(name)
    ikey, epath = args.id_key, args.entities_key
    added = epath.split(".")[0]  # the one top-level field the binary adds
    outputs = parse_output(output_lines, name, report)

    # Every input id exactly once: compare the multisets of ids.
    want = Counter(id_key(d.get(ikey)) for d in inputs)
    got = Counter(id_key(d[ikey]) for d in outputs if ikey in d)
    if no_id := sum(1 for d in outputs if ikey not in d):
        report.problems.append(f"{name}: {no_id} output lines have no {ikey!r}")
    missing = want - got
    extra = got - want
    if missing:
        report.problems.append(
            f"{name}: {sum(missing.values())} of {len(inputs)} input documents did not come "
            f"back, e.g. {ikey} {', '.join(list(missing)[:SHOWN_PROBLEMS])}"
        )
    if extra:
        report.problems.append(
            f"{name}: {sum(extra.values())} output lines are duplicates or unknown ids, e.g. "
            f"{ikey} {', '.join(list(extra)[:SHOWN_PROBLEMS])}"
        )
    if len(output_lines) != len(inputs):
        report.problems.append(
            f"{name}: {len(output_lines)} output lines for {len(inputs)} input lines"
        )
    elif not missing and not extra:
        # Same ids: they should also be in the input's order (pipe keeps the order within a
        # partition, collect keeps the partitions' order).
        order = [id_key(d.get(ikey)) for d in inputs]
        if order != [id_key(d.get(ikey)) for d in outputs]:
            report.problems.append(f"{name}: every id came back once, but not in input order")

    # Pass-through: every field the binary wrote besides the entities equals the input's.
    by_id = {id_key(d.get(ikey)): d for d in inputs}
    differing_fields = 0
    for out in outputs:
        src = by_id.get(id_key(out.get(ikey)))
        if src is None:
            continue
        for k, v in out.items():
            if k == added:
                continue
            report.passthrough_checked += 1
            if k not in src or src[k] != v:
                differing_fields += 1
                if differing_fields <= SHOWN_PROBLEMS:
                    report.problems.append(
                        f"{name}: {ikey} {id_key(out.get(ikey))}: field {k!r} is not the input's"
                    )
        if set(src) - set(out) - {added}:
            report.passthrough_missing_docs += 1
    if differing_fields > SHOWN_PROBLEMS:
        report.problems.append(f"{name}: {differing_fields} output fields differ from the input")
    if args.strict_passthrough and report.passthrough_missing_docs:
        report.problems.append(
            f"{name}: {report.passthrough_missing_docs} documents lack input fields in the "
            "output (--strict-passthrough)"
        )
    if no_entities := sum(1 for d in outputs if not isinstance(get_path(d, epath), list)):
        report.problems.append(f"{name}: {no_entities} output lines have no list at {epath!r}")

    # Entities: identical to the reference, input document by input document (a document
    # missing from either side counts as differing).
    if reference is not None:
        report.compared = True
        mine = entity_map(outputs, ikey, epath)
        for key in by_id:
            a, b = mine.get(key), reference.get(key)
            if a is None or b is None or a != b:
                report.differing_docs += 1
                # A document missing from this output is already reported above.
                if a is not None and report.differing_docs <= SHOWN_PROBLEMS:
                    report.problems.append(
                        f"{name}: {ikey} {key}: entities differ from the direct run "
                        f"({'none' if a is None else len(a)} vs "
                        f"{'none' if b is None else len(b)} entities)"
                    )
    return report, outputs


def task_error(error: Exception) -> str:
    """The Python error raised in a failed task, out of the Java stack trace that wraps it."""
    lines = str(error).splitlines()
    for n in range(len(lines) - 1, -1, -1):
        if "RuntimeError" in lines[n]:  # ours (RuntimeError) or RDD.pipe's (PySparkRuntimeError)
            tail = []
            for line in lines[n:]:
                if not line.strip() or line.startswith("\tat "):
                    break
                tail.append(line.strip())
            return "\n  ".join(tail)
    return "\n  ".join(lines[:10])


def print_table(startup: float, timings: list[Timing], direct: Timing) -> None:
    header = f"{'run':<34} {'docs':>6} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'vs direct':>9}"
    print(header)
    print("-" * len(header))
    for t in [*timings, direct]:
        ratio = t.mb_per_s / direct.mb_per_s if direct.mb_per_s else float("nan")
        label = f"{t.name} {t.note}".strip()
        print(
            f"{label:<34} {t.docs:>6} {t.mb:>7.2f} {t.seconds:>8.3f} {t.mb_per_s:>7.2f} "
            f"{ratio:>8.2f}x"
        )
    print(
        f"Spark start-up (JVM, SparkContext, addFile), not in the rows above: {startup:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    binary = args.binary.resolve()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(f"job.py: {binary} is not an executable file", file=sys.stderr)
        return EXIT_CANNOT_RUN
    if not args.input.is_file():
        print(f"job.py: no corpus at {args.input}", file=sys.stderr)
        return EXIT_CANNOT_RUN

    lines = read_input(args.input, args.limit)
    inputs = [json.loads(l) for l in lines]
    input_bytes = sum(len(l.encode("utf-8")) + 1 for l in lines)
    print(
        f"input: {args.input} — {len(lines)} documents, {input_bytes / 1e6:.2f} MB"
        + (f" (first {args.limit})" if args.limit else "")
    )

    # The direct run first: the reference output, and the single-process figure.
    direct_cmd = binary_command(str(binary), args.binary_args)
    print(f"direct: {shlex.join(direct_cmd)}")
    try:
        direct_lines, direct_s = run_direct(direct_cmd, lines)
    except RuntimeError as e:
        print(f"job.py: {e}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    direct = Timing("direct, 1 process (no Spark)", len(direct_lines), input_bytes, direct_s)
    direct_report, direct_docs = check_run("direct", inputs, direct_lines, None, args)
    reference = entity_map(direct_docs, args.id_key, args.entities_key)

    # PySpark's workers must run this interpreter (the venv's), not whatever `python3` is.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext, SparkFiles

    partitions = args.partitions or args.cores
    conf = (
        SparkConf()
        .setAppName("nommer-spark")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    log4j = Path(__file__).resolve().with_name("log4j2.properties")
    if log4j.is_file():
        # PySpark starts the driver's JVM with this conf, so the option reaches it.
        conf.set("spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={log4j.as_uri()}")
    if args.master:
        conf.setMaster(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Not under spark-submit (which sets the gateway and its own --master): local mode.
        conf.setMaster(f"local[{args.cores}]")
    started = time.perf_counter()
    sc = SparkContext(conf=conf)
    master = sc.master
    try:
        sc.setLogLevel("ERROR")
        if args.binary_on_workers:
            # The binary is installed on every worker at this path: nothing to ship.
            pipe_binary = task_binary = args.binary_on_workers
        else:
            sc.addFile(str(binary))
            # RDD.pipe takes a command string built here, on the driver. In local mode the
            # executors share the driver's SparkFiles directory; on a cluster a shipped file
            # lands in each executor's working directory, which is the Python workers' too.
            local = master.startswith("local[") or master == "local"
            pipe_binary = SparkFiles.get(binary.name) if local else f"./{binary.name}"
            task_binary = binary.name  # resolved with SparkFiles.get in each task
        startup = time.perf_counter() - started
        print(f"spark: {master}, {partitions} partitions, Spark {sc.version}, up in {startup:.2f} s")

        if args.limit:
            # The small version: the driver's first N lines, spread evenly over the partitions
            # (filtering a text RDD would leave them all in the first partition).
            corpus = sc.parallelize(lines, partitions)
        else:
            # A file: URI, since a bare path would be read from the cluster's default file
            # system (HDFS) when there is one; on a cluster this path must exist on every node.
            corpus = sc.textFile(args.input.resolve().as_uri(), minPartitions=partitions)
            corpus = corpus.filter(lambda l: bool(l.strip()))
            if corpus.getNumPartitions() != partitions:
                # textFile may cut a file into more splits than asked; coalesce merges
                # neighbours and so keeps the input order (repartition would shuffle it).
                corpus = corpus.coalesce(partitions)
        # Read once into memory so that the timed runs measure the binary, not the file read.
        corpus = corpus.cache()
        if (read := corpus.count()) != len(lines):
            print(f"job.py: Spark read {read} documents, the driver {len(lines)}", file=sys.stderr)
            return EXIT_CHECK_FAILED

        timings: list[Timing] = []
        reports: list[CheckReport] = [direct_report]
        for mode in args.modes:
            for run in range(1, args.repeat + 1):
                if mode == "pipe":
                    cmd = binary_command(pipe_binary, args.binary_args)
                    out_rdd = corpus.pipe(shlex.join(cmd), checkCode=True)
                    label = "spark RDD.pipe"
                else:
                    cmd = binary_command(task_binary, args.binary_args)
                    out_rdd = corpus.mapPartitions(pipe_partition(cmd))
                    label = "spark mapPartitions"
                t0 = time.perf_counter()
                try:
                    out = out_rdd.collect()
                except Exception as e:  # Py4JJavaError and friends: a task failed
                    print(f"job.py: FAILED: {label}: {task_error(e)}", file=sys.stderr)
                    return EXIT_CHECK_FAILED
                seconds = time.perf_counter() - t0
                note = f"(run {run})" if args.repeat > 1 else ""
                timings.append(Timing(label, len(out), input_bytes, seconds, note))
                report, _ = check_run(f"{label} run {run}", inputs, out, reference, args)
                report.identical_lines = sum(1 for a, b in zip(out, direct_lines) if a == b)
                reports.append(report)
    finally:
        sc.stop()

    print(f"\nSpark: {master}, {partitions} partitions (one binary process each)")
    print_table(startup, timings, direct)
    print()
    failed = False
    for r in reports:
        print(r.summary(len(inputs)))
        for p in r.problems:
            print(f"  {p}")
        failed |= not r.ok
    if failed:
        failing = ", ".join(r.name for r in reports if not r.ok)
        print(f"job.py: FAILED: {failing} (problems listed above)", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
