"""The worker pool: convert_one() parses one file into plain data; convert() runs it over many.

The worker, ``convert_one(path)``, is a top-level function over plain data with no global state,
so it runs the same under the fork, spawn and forkserver start methods (and on a Dask cluster:
see the README). convert() hands it small chunks of documents and yields the results in input
order through a bounded window, starting the pool again when a worker dies.
"""
from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

from kehoach import pipeline
from kehoach.batch.inputs import Input
from kehoach.errors import KehoachError
from kehoach.writers.jsoncsv import record_rows

__all__ = ["convert", "convert_one", "default_jobs"]

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
        result["error"] = one_line(exc)
        return result
    except Exception as exc:  # a parser bug on one document must not stop the batch
        result["error"] = f"internal error: {type(exc).__name__}: {one_line(exc)}"
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


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, or its type's name when it has none."""
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
                reason = f"internal error: {type(exc).__name__}: {one_line(exc)}"
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
