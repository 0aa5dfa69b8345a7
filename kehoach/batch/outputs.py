"""Writing a batch's outputs: Batch(...).run(inputs) converts the inputs, writes the per-document
records, the combined file and the list of failures, and keeps a Summary."""
from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kehoach.batch.inputs import Input, OutputMap, combined_format
from kehoach.batch.pool import convert, one_line
from kehoach.errors import KehoachError
from kehoach.writers.jsoncsv import CsvWriter, atomic_open, atomic_write

__all__ = ["Batch", "Summary", "failure_text"]


def failure_text(result: Mapping[str, Any]) -> str:
    """A failed result in one line, naming the file once: 'x.txt: empty file' or 'file too large: x.txt (...)'."""
    path, error = result["path"], result["error"]
    return error if path in error else f"{path}: {error}"


def _count(n: int, noun: str) -> str:
    """'1 warning', '12 warnings', '1,380 tasks'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


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
        head = f"converted {self.converted:,} of {_count(self.total, 'document')}"
        if self.unchanged:
            head += f" ({self.unchanged:,} unchanged, not parsed again)"
        text = (f"{head}: {_count(self.tasks, 'task')}, {_count(self.warnings, 'warning')}, {self.failed:,} failed, "
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
        self._cm = atomic_open(path, fsync=True)
        self._fh = self._cm.__enter__()
        self._csv: CsvWriter | None = None
        self._sink: Any = None  # a workbook or calendar that takes whole records
        if self.fmt == "xlsx":
            from kehoach.writers.xlsx import XlsxBook

            self._sink = XlsxBook(self._fh)
        elif self.fmt == "ics":
            from kehoach.writers.ics import IcsCalendar

            self._sink = IcsCalendar(self._fh)
        elif self.fmt == "csv":
            self._csv = CsvWriter(self._fh, bom=bom)

    def add(self, result: Mapping[str, Any]) -> None:
        try:
            if self._sink is not None:
                self._sink.add(result["record"])
            elif self._csv is not None:
                self._csv.add_rows(result["rows"])
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
            try:  # one error before starting, not one failure per document
                tempfile.TemporaryFile(dir=self.outdir).close()
            except OSError as exc:
                raise KehoachError(f"cannot write in the output folder {str(self.outdir)!r}: "
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
        outputs = OutputMap(self.outdir)
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
            result["error"] = one_line(exc)


def _missing(path: Path) -> bool:
    return not path.exists()
