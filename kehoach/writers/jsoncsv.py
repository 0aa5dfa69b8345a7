"""Output writers: a PlanDocument as JSON, JSON lines or CSV (one row per task).

The writers are generators or write to a binary file object, so they work the same for one
document and, later, for many. They never print; the CLI decides where the bytes go.

    >>> from kehoach.writers.jsoncsv import excel_safe, CSV_COLUMNS
    >>> CSV_COLUMNS[:4]
    ('document', 'number', 'date', 'issuer')
    >>> excel_safe("- Sở Nội vụ;")
    "'- Sở Nội vụ;"
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kehoach.errors import KehoachError
from kehoach.models import PlanDocument
from kehoach.writers.records import as_record

#: The CSV header: the document's identity repeated on every row, then the task's fields.
CSV_COLUMNS: tuple[str, ...] = (
    "document", "number", "date", "issuer",
    "id", "section", "title", "lead_units", "coordinating_units",
    "deadline", "deadline_kind", "deadline_start", "deadline_end",
    "deliverable", "line",
)

#: How list fields (lead_units, coordinating_units) are joined into one cell.
LIST_SEPARATOR = "; "

#: A cell starting with one of these is read by spreadsheets as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

UTF8_BOM = b"\xef\xbb\xbf"


def excel_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula: "- Sở Nội vụ" → "'- Sở Nội vụ"."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def json_text(doc: PlanDocument, *, pretty: bool) -> str:
    """One document as one JSON object: indented by 2 when pretty, else on a single line."""
    data = doc.model_dump(mode="json")
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False)


def jsonl_lines(docs: Iterable[PlanDocument]) -> Iterator[str]:
    """One single-line JSON object per document, each ending in "\\n"."""
    for doc in docs:
        yield json_text(doc, pretty=False) + "\n"


def _cell(value: Any) -> str:
    """A field value as CSV text: None → "", lists joined with "; ", the rest str()."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


def csv_rows(doc: PlanDocument) -> Iterator[list[str]]:
    """The rows (without the header) of one document: one per task, cells excel_safe()."""
    return record_rows(doc.model_dump(mode="json"))


def record_rows(record: Mapping[str, Any]) -> Iterator[list[str]]:
    """csv_rows() of a record already dumped to plain data (``doc.model_dump(mode="json")``).

    Batch workers hand records between processes as plain data; this gives the same rows.
    """
    source = record.get("source") or {}
    head = {
        "document": source.get("path"),
        "number": record.get("number"),
        "date": record.get("date"),
        "issuer": record.get("issuer"),
    }
    for task in record.get("tasks") or ():
        dl = task.get("deadline") or {}
        row = {
            **head,
            "id": task.get("id"),
            "section": task.get("section"),
            "title": task.get("title"),
            "lead_units": task.get("lead_units"),
            "coordinating_units": task.get("coordinating_units"),
            "deadline": dl.get("text"),
            "deadline_kind": dl.get("kind"),
            "deadline_start": dl.get("start"),
            "deadline_end": dl.get("end"),
            "deliverable": task.get("deliverable"),
            "line": task.get("line"),
        }
        yield [excel_safe(_cell(row[name])) for name in CSV_COLUMNS]


class CsvWriter:
    """A CSV of tasks streamed to a binary file object: the header at once, then rows as they come.

    With ``bom`` (the default) the bytes start with a UTF-8 byte order mark, so Excel reads
    Vietnamese correctly instead of guessing the ANSI code page. ``add(doc)`` appends a
    document's rows (a PlanDocument or its ``model_dump(mode="json")`` dict; one without tasks
    adds none); ``add_rows(rows)`` appends rows made already (by record_rows()). Nothing is
    buffered: every row is in ``fh`` once the call returns, and ``fh`` stays open.

        writer = CsvWriter(fh)
        for doc in docs:
            writer.add(doc)
    """

    def __init__(self, fh: IO[bytes], *, bom: bool = True) -> None:
        if bom:
            fh.write(UTF8_BOM)
        self._writer = csv.writer(_Utf8(fh))
        self._writer.writerow(CSV_COLUMNS)

    def add(self, doc: PlanDocument | Mapping[str, Any]) -> None:
        """Append one document's rows, one per task."""
        self.add_rows(record_rows(as_record(doc)))

    def add_rows(self, rows: Iterable[list[str]]) -> None:
        """Append rows as record_rows() makes them."""
        self._writer.writerows(rows)


class _Utf8:
    """A text sink for csv.writer over a binary file object: each write encoded to UTF-8."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh

    def write(self, text: str) -> int:
        return self._fh.write(text.encode("utf-8"))


def write_csv(docs: Iterable[PlanDocument], fh: IO[bytes], *, bom: bool = True) -> None:
    """Write the header and every document's rows as UTF-8 CSV to a binary file object (see CsvWriter).

    The header is always written, even when no document has tasks.
    """
    writer = CsvWriter(fh, bom=bom)
    for doc in docs:
        writer.add(doc)


def csv_bytes(docs: Iterable[PlanDocument], *, bom: bool = True) -> bytes:
    """write_csv() into memory."""
    buf = io.BytesIO()
    write_csv(docs, buf, bom=bom)
    return buf.getvalue()


def atomic_write(path: str | os.PathLike[str], data: bytes, *, fsync: bool = True) -> None:
    """Write data to path through a temporary file in the same folder and os.replace().

    A reader never sees a half-written file, and a failed write leaves an existing file as it
    was. Raises KehoachError with a one-line message when the file cannot be written.
    ``fsync=False`` skips flushing the data to disk before the rename (still atomic for readers
    and for an interrupted program; only a power cut can then leave an empty file).
    """
    with atomic_open(path, fsync=fsync) as fh:
        try:
            fh.write(data)
        except OSError as exc:  # a full disk
            raise _write_error(path, exc) from exc


@contextmanager
def atomic_open(path: str | os.PathLike[str], *, fsync: bool = True) -> Iterator[IO[bytes]]:
    """A binary file that appears at path, complete, only when the ``with`` block ends normally.

    The bytes go to a temporary file beside path (".NAME.*.tmp"), renamed over path at the end; an
    exception (or KeyboardInterrupt) inside the block removes the temporary file and leaves path as
    it was. Raises KehoachError with a one-line message when the file cannot be written.

        with atomic_open("all.jsonl") as fh:
            for line in jsonl_lines(docs):
                fh.write(line.encode("utf-8"))
    """
    target = Path(path)
    tmp_name = None
    try:
        try:
            mode = _new_file_mode(target)
            tmp = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp",
                                              delete=False)
            tmp_name = tmp.name
        except OSError as exc:
            raise _write_error(path, exc) from exc
        with tmp:
            yield tmp
            try:
                tmp.flush()
                if fsync:
                    os.fsync(tmp.fileno())
            except OSError as exc:
                raise _write_error(path, exc) from exc
        try:
            os.chmod(tmp_name, mode)
            os.replace(tmp_name, target)
        except OSError as exc:
            raise _write_error(path, exc) from exc
        tmp_name = None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _write_error(path: str | os.PathLike[str], exc: OSError) -> KehoachError:
    reason = exc.strerror or str(exc)
    return KehoachError(f"cannot write {str(path)!r}: {reason}")


def _new_file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
