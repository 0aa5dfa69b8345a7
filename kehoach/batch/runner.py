"""Batch conversion: many documents, in parallel, streamed in input order; one bad file stops nothing.

Three layers, each usable alone:

- ``find_inputs(paths)`` walks folders (recursively, sorted) and keeps the files that match
  ``INPUT_PATTERNS`` (or your include/exclude globs);
- ``convert(inputs, jobs=N)`` parses them in worker processes and yields one plain dict per
  document, in input order, as they complete (a bounded window: memory stays flat);
- ``Batch(outdir=..., combined=...).run(inputs)`` writes the outputs (a mirrored tree of JSON
  records, one combined JSONL or CSV file, the list of failures) and keeps a ``Summary``.
  ``kehoach batch`` is a thin shell over it.

    >>> from kehoach import batch
    >>> inputs = batch.find_inputs(["inbox"])                       # doctest: +SKIP
    >>> for result in batch.convert(inputs, jobs=2):                # doctest: +SKIP
    ...     print(result["path"], result["error"] or result["tasks"])

The worker, ``convert_one(path)``, is a top-level function over plain data with no global state,
so it runs the same under the fork, spawn and forkserver start methods (and on a Dask cluster:
see the README).
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import math
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from kehoach import pipeline
from kehoach.errors import KehoachError
from kehoach.writers.jsoncsv import CSV_COLUMNS, UTF8_BOM, atomic_open, atomic_write, record_rows

__all__ = [
    "COMBINED_FORMATS", "INPUT_PATTERNS", "Batch", "Input", "Summary", "combined_format", "convert",
    "convert_one", "default_jobs", "find_inputs", "output_path",
]

#: The files a folder walk picks up by default: the formats the parser reads. One list, matched
#: case-insensitively against file names; the format readers add "*.docx", "*.pdf", "*.html", "*.htm".
INPUT_PATTERNS: tuple[str, ...] = ("*.txt", "*.docx", "*.doc", "*.pdf", "*.html", "*.htm")

#: The extension of each per-document record in OUTDIR ("a/b/x.txt" -> "OUTDIR/a/b/x.json").
OUTPUT_SUFFIX = ".json"

#: --combined FILE: the format follows the file's extension.
COMBINED_FORMATS: Mapping[str, str] = {".jsonl": "jsonl", ".csv": "csv", ".xlsx": "xlsx", ".ics": "ics"}

#: Documents per task sent to a worker: at most this many, fewer when the batch is small, so that
#: scheduling costs little next to parsing and the progress bar still moves smoothly.
MAX_CHUNK = 16
#: Chunks queued or running per worker: enough to keep every worker busy, few enough that results
#: waiting for an earlier, slower chunk stay a handful (memory does not grow with the batch).
CHUNKS_PER_JOB = 3

#: The multiprocessing start method; None is the platform's default ("fork" on Linux before
#: Python 3.14, "spawn" on macOS and Windows). The worker is safe under all three.
START_METHOD: str | None = None

_WORKER_DIED = "the worker process died while converting this file (out of memory?)"


# --- inputs ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    """One document to convert: ``path`` as handed to parse_file, ``rel`` its place in OUTDIR.

    ``rel`` is the path relative to the folder it was found in ("a/b/x.txt"), or the file's name
    for a file named by itself. ``error`` set means it fails without being parsed.
    """

    path: str
    rel: str
    error: str | None = None


def find_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = INPUT_PATTERNS,
    exclude: Sequence[str] = (),
    skip: Iterable[str | os.PathLike[str]] = (),
) -> list[Input]:
    """The documents under ``paths``, in a deterministic order: find_inputs(["inbox"]) -> [Input(...), ...].

    A folder is walked recursively and its files sorted by relative path; a file matches when one
    ``include`` glob and no ``exclude`` glob matches it (case-insensitively; a glob with "/" is
    matched against the path relative to the folder, else against the file name; an excluded
    folder is not entered). Symbolic links to folders are not followed. A file named by itself is
    always taken. ``skip`` lists folders and files never to read (the outputs). A file reached
    twice is listed once; a path that does not exist is listed with an error.
    """
    skipped = {os.path.realpath(p) for p in skip}
    seen: set[str] = set()
    out: list[Input] = []
    for given in paths:
        given = os.fspath(given)
        if os.path.isdir(given):
            found = _walk(given, include, exclude, skipped)
        elif os.path.lexists(given):
            found = [Input(given, os.path.basename(given))]
        else:
            found = [Input(given, os.path.basename(given) or given, error=f"no such file or folder: {given}")]
        for item in found:
            key = os.path.realpath(item.path)
            if key in skipped or key in seen:
                continue
            seen.add(key)
            out.append(item)
    return out


def _walk(root: str, include: Sequence[str], exclude: Sequence[str], skipped: set[str]) -> list[Input]:
    """The matching files under one folder, sorted by relative path."""
    rels: list[str] = []
    failed: list[Input] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or root
        failed.append(Input(where, os.path.relpath(where, root), error=f"cannot list folder {where}: "
                            f"{exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        rel_folder = os.path.relpath(folder, root)
        prefix = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        dirs[:] = [d for d in dirs if not _matches(prefix + d, d, exclude)
                   and os.path.realpath(os.path.join(folder, d)) not in skipped]
        rels.extend(prefix + name for name in files
                    if _matches(prefix + name, name, include) and not _matches(prefix + name, name, exclude))
    rels.sort(key=lambda rel: rel.split("/"))
    return [Input(os.path.join(root, *rel.split("/")), rel) for rel in rels] + failed


def _matches(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a glob matches: against the relative path when it has a "/", else the name."""
    for pattern in patterns:
        subject = rel if "/" in pattern else name
        if fnmatch.fnmatchcase(subject.casefold(), pattern.casefold()):
            return True
    return False


def output_path(outdir: str | os.PathLike[str], rel: str) -> Path:
    """Where a document's record goes: output_path("out", "a/b/x.txt") -> Path("out/a/b/x.json").

    Raises KehoachError when the path would leave OUTDIR: an absolute or ".." relative path, or a
    folder inside OUTDIR that is a symbolic link to somewhere outside it.
    """
    return _OutputMap(outdir).target(rel)


class _OutputMap:
    """output_path() for many documents, resolving each output folder once."""

    def __init__(self, outdir: str | os.PathLike[str]) -> None:
        self.outdir = Path(outdir)
        self.root = self.outdir.resolve()
        self._inside: dict[Path, Path | None] = {}  # output folder -> where it leads, None when inside

    def target(self, rel: str) -> Path:
        parts = PurePosixPath(rel.replace("\\", "/")).parts
        if (not parts or os.path.isabs(rel) or PurePosixPath(rel).is_absolute() or ".." in parts
                or parts[-1] == "."):
            raise KehoachError(f"refusing to write outside {str(self.outdir)!r}: {rel!r}")
        name = PurePosixPath(parts[-1])
        target = self.outdir.joinpath(*parts[:-1], (name.stem if name.suffix else name.name) + OUTPUT_SUFFIX)
        folder = target.parent
        if folder not in self._inside:
            resolved = folder.resolve()
            self._inside[folder] = None if resolved.is_relative_to(self.root) else resolved
        if (leads_to := self._inside[folder]) is not None:
            raise KehoachError(f"refusing to write outside {str(self.outdir)!r}: {str(target)!r} leads to "
                               f"{str(leads_to)!r}")
        return target


def combined_format(path: str | os.PathLike[str]) -> str:
    """The combined file's format from its extension: "all.jsonl" -> "jsonl", "tasks.CSV" -> "csv"."""
    suffix = Path(path).suffix.lower()
    if suffix not in COMBINED_FORMATS:
        raise KehoachError(f"cannot tell the format of {os.fspath(path)!r}: the combined file's name must end in "
                           + " or ".join(COMBINED_FORMATS))
    return COMBINED_FORMATS[suffix]


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# --- the worker -----------------------------------------------------------------------------

def convert_one(path: str, *, previous: str | None = None, want: Collection[str] = ("record",)) -> dict[str, Any]:
    """Parse one file into plain data: convert_one("x.txt")["record"]["tasks"] -> [...].

    The result: ``path``; ``error`` (a one-line reason, or None); ``tasks``, ``warnings`` (counts);
    ``sha256`` (of the input bytes); ``unchanged``; and what ``want`` asks for: ``record`` (the
    dict of ``doc.model_dump(mode="json")``), ``json`` (that record as one line of JSON, as
    ``kehoach parse`` prints it) and ``rows`` (its CSV rows). With ``previous`` (an earlier
    output's path), a file whose bytes have the sha256 that output records is not parsed again:
    ``unchanged`` is True and the record is the earlier one. Never raises on a bad file.
    """
    result: dict[str, Any] = {"path": path, "error": None, "tasks": 0, "warnings": 0, "sha256": None,
                              "unchanged": False}
    try:
        record = _previous_record(path, previous) if previous is not None else None
        if record is not None:
            result["unchanged"] = True
        else:
            record = pipeline.parse_file(path).model_dump(mode="json")
    except KehoachError as exc:
        result["error"] = _one_line(exc)
        return result
    except Exception as exc:  # a parser bug on one document must not stop the batch
        result["error"] = f"internal error: {type(exc).__name__}: {_one_line(exc)}"
        return result
    result["tasks"] = len(record.get("tasks") or ())
    result["warnings"] = len(record.get("warnings") or ())
    result["sha256"] = (record.get("source") or {}).get("sha256")
    if "record" in want:
        result["record"] = record
    if "json" in want:
        result["json"] = json.dumps(record, ensure_ascii=False)
    if "rows" in want:
        result["rows"] = list(record_rows(record))
    return result


def _previous_record(path: str, previous: str) -> dict[str, Any] | None:
    """The earlier record at ``previous`` when it was made from exactly these bytes, else None."""
    try:
        with open(previous, "rb") as fh:
            record = json.loads(fh.read())
        recorded = record["source"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(recorded, str):
        return None
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    except OSError:
        return None  # parse_file reports why
    return record if digest.hexdigest() == recorded else None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _convert_chunk(jobs: list[tuple[str, str | None]], want: tuple[str, ...]) -> list[dict[str, Any]]:
    """What a worker process runs: convert_one over a few documents (one round trip for all)."""
    return [convert_one(path, previous=previous, want=want) for path, previous in jobs]


def _worker_init() -> None:
    """Workers ignore Ctrl-C: the parent stops them, so a keypress never kills one mid-result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- converting many ------------------------------------------------------------------------

@dataclass
class _Chunk:
    items: list[Input]
    isolated: bool = False  # re-run one by one after a worker died


def convert(
    inputs: Iterable[Input | str],
    *,
    jobs: int | None = None,
    want: Collection[str] = ("record",),
    previous: Mapping[str, str] | None = None,
    mp_context: Any = None,
) -> Iterator[dict[str, Any]]:
    """Convert documents in ``jobs`` worker processes (default: one per core); yield convert_one()
    results in input order as they complete.

    At most a few chunks per worker are in flight, so however many documents there are, memory
    holds only those. ``previous`` maps an input path to its earlier output (see convert_one).
    ``mp_context`` is a multiprocessing context or start method name (default START_METHOD).
    Closing the generator (or Ctrl-C) cancels what has not started and stops the workers.
    """
    items = [Input(x, os.path.basename(x)) if isinstance(x, str) else x for x in inputs]
    want = tuple(want)
    previous = previous or {}
    jobs = default_jobs() if jobs is None else max(1, jobs)
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (jobs * 4))))
    chunks = [_Chunk(items[i:i + size]) for i in range(0, len(items), size)]
    if jobs == 1 or len(chunks) <= 1:
        for item in items:
            yield _failed(item) if item.error else convert_one(item.path, previous=previous.get(item.path), want=want)
        return
    yield from _convert_in_pool(chunks, min(jobs, len(chunks)), want, previous, mp_context)


def _convert_in_pool(chunks: list[_Chunk], jobs: int, want: tuple[str, ...], previous: Mapping[str, str],
                     mp_context: Any) -> Iterator[dict[str, Any]]:
    """The ordered, bounded stream of results over a process pool, restarted if a worker dies."""
    context = _context(mp_context)
    todo = deque(chunks)
    window = jobs * CHUNKS_PER_JOB
    pool = _new_pool(jobs, context)
    pending: deque = deque()  # (chunk, future or None when nothing in it needs a worker)
    clean = False
    try:
        while todo or pending:
            while todo and len(pending) < window:
                if todo[0].isolated and pending:
                    break  # after a crash, suspects run alone: a second crash is theirs
                chunk = todo.popleft()
                work = [(i.path, previous.get(i.path)) for i in chunk.items if not i.error]
                pending.append((chunk, _submit(pool, work, want) if work else None))
                if chunk.isolated:
                    break
            chunk, future = pending.popleft()
            try:
                done = future.result() if future is not None else []
            except BrokenProcessPool:
                # One of the running chunks killed its worker: fail that file if it ran alone, else
                # re-run the head chunk one file per task; everything else queued is resubmitted.
                _stop_pool(pool)
                requeue = [c for c, _ in pending]
                pending.clear()
                if chunk.isolated or len(chunk.items) == 1:
                    done = [_failed(replace(i, error=_WORKER_DIED)) for i in chunk.items if not i.error]
                    todo.extendleft(reversed(requeue))
                else:
                    singles = [_Chunk([i], isolated=True) for i in chunk.items]
                    todo.extendleft(reversed(singles + requeue))
                    pool = _new_pool(jobs, context)
                    continue
                pool = _new_pool(jobs, context)
            except Exception as exc:  # a result that could not come back (convert_one itself never raises)
                reason = f"internal error: {type(exc).__name__}: {_one_line(exc)}"
                done = [_failed(replace(i, error=reason)) for i in chunk.items if not i.error]
            yield from _merge(chunk.items, done)
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:
            for _chunk, future in pending:
                if future is not None:
                    future.cancel()
            _stop_pool(pool)


def _merge(items: list[Input], done: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """A chunk's results in input order, the inputs failed up front in their places."""
    results = iter(done)
    for item in items:
        yield _failed(item) if item.error else next(results)


def _failed(item: Input) -> dict[str, Any]:
    return {"path": item.path, "error": item.error, "tasks": 0, "warnings": 0, "sha256": None, "unchanged": False}


def _context(mp_context: Any):
    if mp_context is None:
        mp_context = START_METHOD
    if mp_context is None or isinstance(mp_context, str):
        return multiprocessing.get_context(mp_context)
    return mp_context


def _new_pool(jobs: int, context) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)


def _submit(pool: ProcessPoolExecutor, work: list[tuple[str, str | None]], want: tuple[str, ...]) -> Future:
    try:
        return pool.submit(_convert_chunk, work, want)
    except BrokenProcessPool as exc:  # broke since the last result: handled like a failed result
        future: Future = Future()
        future.set_exception(exc)
        return future


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop now: cancel what is queued and end the workers (they hold no files, only results)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            pass
    if manager is not None:  # it joins the workers too: a join racing it can return before the exit is seen
        manager.join(timeout=5)
    for process in processes:
        try:
            process.join(timeout=5)
        except (OSError, AttributeError, ValueError, AssertionError):
            pass


# --- writing the outputs --------------------------------------------------------------------

@dataclass
class Summary:
    """What a batch did; ``line()`` is the summary the CLI prints."""

    total: int = 0
    converted: int = 0
    unchanged: int = 0
    tasks: int = 0
    warnings: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    elapsed: float = 0.0
    interrupted: bool = False
    stopped: bool = False  # --fail-fast stopped at a failure
    combined_written: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        """'converted 41 of 42 documents: 380 tasks, 12 warnings, 1 failed, 0.8 s'."""
        head = f"converted {self.converted:,} of {self.total:,} documents"
        if self.unchanged:
            head += f" ({self.unchanged:,} unchanged, not parsed again)"
        text = (f"{head}: {self.tasks:,} tasks, {self.warnings:,} warnings, {self.failed:,} failed, "
                f"{self.elapsed:.1f} s")
        if self.interrupted:
            text = "interrupted: " + text
        elif self.stopped:
            text = "stopped at the first failure (--fail-fast): " + text
        return text


class _Combined:
    """The --combined file, streamed to a temporary file and renamed into place by commit()."""

    def __init__(self, path: str | os.PathLike[str], *, bom: bool) -> None:
        self.fmt = combined_format(path)
        self.path = path
        if self.fmt == "xlsx":
            from kehoach.writers.xlsx import require_xlsxwriter

            require_xlsxwriter()  # before any temporary file exists
        self._cm = atomic_open(path, fsync=True)
        self._fh = self._cm.__enter__()
        self._csv = None
        self._sink: Any = None  # a workbook or calendar that takes whole records
        if self.fmt == "xlsx":
            from kehoach.writers.xlsx import XlsxBook

            self._sink = XlsxBook(self._fh)
        elif self.fmt == "ics":
            from kehoach.writers.ics import IcsCalendar

            self._sink = IcsCalendar(self._fh)
        elif self.fmt == "csv":
            import csv

            if bom:
                self._fh.write(UTF8_BOM)
            self._csv = csv.writer(_Utf8(self._fh))
            self._csv.writerow(CSV_COLUMNS)

    def add(self, result: Mapping[str, Any]) -> None:
        try:
            if self._sink is not None:
                self._sink.add(result["record"])
            elif self._csv is not None:
                self._csv.writerows(result["rows"])
            else:
                self._fh.write((result["json"] + "\n").encode("utf-8"))
        except OSError as exc:  # a full disk: the batch cannot go on
            raise KehoachError(f"cannot write {str(self.path)!r}: {exc.strerror or exc}") from exc

    def commit(self) -> None:
        if self._sink is not None:
            self._sink.close()
        self._cm.__exit__(None, None, None)

    def discard(self) -> None:
        """Remove the temporary file; an earlier file at the path stays as it was."""
        try:
            self._cm.__exit__(_Discarded, _Discarded(), None)
        except _Discarded:
            pass


class _Discarded(Exception):
    pass


class _Utf8:
    """A text sink for csv.writer over a binary file."""

    def __init__(self, fh) -> None:
        self._fh = fh

    def write(self, text: str) -> int:
        return self._fh.write(text.encode("utf-8"))


class Batch:
    """Convert inputs and write the outputs, keeping a Summary.

        job = Batch(outdir="out", combined="all.csv", jobs=2)
        for result in job.run(find_inputs(["inbox"])):   # each result once its outputs are written
            ...
        print(job.summary.line())

    Outputs: ``outdir`` mirrors the input tree, one JSON record per document (a/b/x.txt ->
    OUTDIR/a/b/x.json); ``combined`` is one file for all (.jsonl: one record per line; .csv: one
    row per task); ``errors`` a JSON list of the failures. Every file is written atomically. The
    combined file appears only when the batch ran to its end (failures included); after Ctrl-C or
    a --fail-fast stop, the per-document records already written stay and the errors file is
    still written. Records are renamed into place but, unless ``fsync``, not flushed to disk one by
    one (that costs milliseconds a file); the combined and errors files always are.
    """

    def __init__(
        self,
        *,
        outdir: str | os.PathLike[str] | None = None,
        combined: str | os.PathLike[str] | None = None,
        errors: str | os.PathLike[str] | None = None,
        jobs: int | None = None,
        skip_unchanged: bool = False,
        fail_fast: bool = False,
        bom: bool = True,
        fsync: bool = False,
        mp_context: Any = None,
    ) -> None:
        if skip_unchanged and outdir is None:
            raise KehoachError("skipping unchanged documents needs an output folder (their earlier records)")
        if combined is not None:
            combined_format(combined)
        self.outdir = Path(outdir) if outdir is not None else None
        self.combined = combined
        self.errors = errors
        self.jobs = jobs
        self.skip_unchanged = skip_unchanged
        self.fail_fast = fail_fast
        self.bom = bom
        self.fsync = fsync
        self.mp_context = mp_context
        self.summary = Summary()

    def run(self, inputs: Sequence[Input]) -> Iterator[dict[str, Any]]:
        """Convert and write, yielding each result (dict of convert_one) after its outputs are written."""
        summary = self.summary
        summary.total = len(inputs)
        start = time.monotonic()
        if self.outdir is not None:
            try:
                self.outdir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise KehoachError(f"cannot create the output folder {str(self.outdir)!r}: "
                                   f"{exc.strerror or exc}") from exc
        if self.errors is not None and not Path(self.errors).resolve().parent.is_dir():
            raise KehoachError(f"cannot write {os.fspath(self.errors)!r}: no such folder")
        planned, targets = self._plan(inputs)
        want = {"json"} if self.outdir is not None else set()
        previous = ({p: str(t) for p, t in targets.items()} if self.skip_unchanged else None)
        made_dirs: set[Path] = set()
        combined: _Combined | None = None
        stream: Iterator[dict[str, Any]] | None = None
        try:
            if self.combined is not None:
                combined = _Combined(self.combined, bom=self.bom)
                want.add({"csv": "rows", "jsonl": "json"}.get(combined.fmt, "record"))
            stream = convert(planned, jobs=self.jobs, want=want, previous=previous, mp_context=self.mp_context)
            for result in stream:
                if result["error"] is None:
                    self._write_record(result, targets.get(result["path"]), made_dirs)
                if result["error"] is None:
                    if combined is not None:
                        combined.add(result)
                    summary.converted += 1
                    summary.unchanged += bool(result["unchanged"])
                    summary.tasks += result["tasks"]
                    summary.warnings += result["warnings"]
                else:
                    summary.failures.append({"path": result["path"], "error": result["error"]})
                yield result
                if result["error"] is not None and self.fail_fast:
                    summary.stopped = True
                    break
            else:
                if combined is not None:
                    combined.commit()
                    summary.combined_written = True
        except (KeyboardInterrupt, GeneratorExit):
            summary.interrupted = True
            raise
        finally:
            if stream is not None:
                stream.close()
            if combined is not None and not summary.combined_written:
                combined.discard()
            summary.elapsed = time.monotonic() - start
            if self.errors is not None:
                data = json.dumps(summary.failures, ensure_ascii=False, indent=2) + "\n"
                atomic_write(self.errors, data.encode("utf-8"))

    def _plan(self, inputs: Sequence[Input]) -> tuple[list[Input], dict[str, Path]]:
        """Each input's output path, or the reason it has none (outside OUTDIR, taken, the input itself)."""
        if self.outdir is None:
            return list(inputs), {}
        planned: list[Input] = []
        targets: dict[str, Path] = {}
        owners: dict[str, str] = {}
        outputs = _OutputMap(self.outdir)
        for item in inputs:
            if item.error is None:
                try:
                    target = outputs.target(item.rel)
                except KehoachError as exc:
                    item = replace(item, error=str(exc))
                else:
                    key = os.path.normcase(os.path.abspath(target))
                    if key in owners:
                        item = replace(item, error=f"{str(target)!r} is already the output of {owners[key]!r}")
                    elif os.path.realpath(target) == os.path.realpath(item.path):
                        item = replace(item, error=f"refusing to overwrite the input {item.path!r}")
                    else:
                        owners[key] = item.path
                        targets[item.path] = target
            planned.append(item)
        return planned, targets

    def _write_record(self, result: dict[str, Any], target: Path | None, made_dirs: set[Path]) -> None:
        """Write one record file; a write error becomes the result's error."""
        if target is None or (result["unchanged"] and not _missing(target)):
            return
        try:
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            atomic_write(target, (result["json"] + "\n").encode("utf-8"), fsync=self.fsync)
        except OSError as exc:
            result["error"] = f"cannot write {str(target)!r}: {exc.strerror or exc}"
        except KehoachError as exc:
            result["error"] = _one_line(exc)


def _missing(path: Path) -> bool:
    return not path.exists()
