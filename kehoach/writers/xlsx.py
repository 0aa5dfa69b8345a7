"""Excel workbooks: every task, document and warning of some records, in three sheets.

    >>> from kehoach.writers.xlsx import TASK_COLUMNS
    >>> [header for _, header, _ in TASK_COLUMNS][:4]
    ['Tệp', 'Số văn bản', 'Mã', 'Nhiệm vụ']

The sheets are "Nhiệm vụ" (one row per task), "Văn bản" (one row per document, with its metadata
and counts) and "Cảnh báo" (one row per warning). Each has a frozen, filtered header row and
columns sized to their content; dates are real Excel dates, long text wraps, and no cell is ever
a formula, a number or a link that was text in the record (xlsxwriter with its string
conversions off). Written with xlsxwriter in constant-memory mode: rows go to disk as they come,
so a batch of any size fits in memory. A row is as tall as its most wrapped cell, so wrapped
tasks and unit lists can be read in Excel and LibreOffice alike (neither grows a row itself when
the file does not say its height).

    with open("all.xlsx", "wb") as fh:
        book = XlsxBook(fh)
        for record in records:        # PlanDocument or doc.model_dump(mode="json") dicts
            book.add(record)
        book.close()

``write_xlsx(records, "all.xlsx")`` and ``xlsx_bytes(records)`` do the same in one call.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

from kehoach.errors import KehoachError
from kehoach.writers.records import as_record, iso_date

__all__ = [
    "DOCUMENT_COLUMNS", "TASK_COLUMNS", "WARNING_COLUMNS", "XlsxBook", "write_xlsx",
    "xlsx_bytes",
]

#: The sheets' names, in their order in the workbook.
TASKS_SHEET, DOCUMENTS_SHEET, WARNINGS_SHEET = "Nhiệm vụ", "Văn bản", "Cảnh báo"

# Each column: (key, header, widest width). Keys name the value in the row dicts built below;
# a width of 0 marks a number or a date (fixed width).
TASK_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("document", "Tệp", 40),
    ("number", "Số văn bản", 18),
    ("id", "Mã", 12),
    ("title", "Nhiệm vụ", 70),
    ("lead_units", "Chủ trì", 32),
    ("coordinating_units", "Phối hợp", 32),
    ("deadline", "Thời hạn", 28),
    ("deadline_start", "Bắt đầu", 0),
    ("deadline_end", "Hạn cuối", 0),
    ("deadline_kind", "Loại thời hạn", 14),
    ("recurrence", "Định kỳ", 12),
    ("deliverable", "Sản phẩm", 32),
    ("line", "Dòng", 0),
)
DOCUMENT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("document", "Tệp", 40),
    ("kind", "Loại văn bản", 14),
    ("number", "Số văn bản", 18),
    ("date", "Ngày", 0),
    ("issuer", "Cơ quan ban hành", 36),
    ("place", "Địa danh", 16),
    ("title", "Trích yếu", 70),
    ("tasks", "Nhiệm vụ", 0),
    ("tasks_due", "Có hạn", 0),
    ("warnings", "Cảnh báo", 0),
    ("signer", "Người ký", 24),
    ("format", "Định dạng", 10),
    ("sha256", "SHA-256", 20),
)
WARNING_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("document", "Tệp", 40),
    ("number", "Số văn bản", 18),
    ("line", "Dòng", 0),
    ("code", "Mã cảnh báo", 24),
    ("message", "Nội dung", 80),
)

#: How list fields (lead and coordinating units) are joined in a cell: one unit per line.
LIST_SEPARATOR = "\n"
#: Excel's limits: characters in a cell, rows in a sheet.
MAX_CELL = 32_767
MAX_ROWS = 1_048_576
#: Points per line of wrapped text (the default font's row height), and Excel's tallest row.
LINE_HEIGHT, MAX_ROW_HEIGHT = 15, 409
#: Date cells show as 30/06/2024, the Vietnamese order.
DATE_FORMAT = "dd/mm/yyyy"

_WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,  # "= Sở Nội vụ" stays text
    "strings_to_numbers": False,   # "1.10" stays text
    "strings_to_urls": False,      # paths and web addresses stay text
}
# Characters XML 1.0 cannot hold (C0 controls other than tab and newline).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NUMBER_WIDTH, _DATE_WIDTH = 8, 11
_DATE_KEYS = frozenset({"deadline_start", "deadline_end", "date"})


class _Sheet:
    """One worksheet written row by row, tracking each column's widest text."""

    def __init__(self, book: Any, name: str, columns: tuple[tuple[str, str, int], ...], formats: dict) -> None:
        self.ws = book.add_worksheet(name)
        self.columns = columns
        self.formats = formats
        self.row = 0
        self.dates = {col for col, (key, _, _) in enumerate(columns) if key in _DATE_KEYS}
        self.widths = [len(header) + 2 for _, header, _ in columns]  # + room for the filter button
        self.ws.write_row(0, 0, [header for _, header, _ in columns], formats["header"])
        self.ws.freeze_panes(1, 0)

    def add(self, values: Mapping[str, Any]) -> None:
        if self.row + 1 >= MAX_ROWS:
            raise KehoachError(f"too many rows for one Excel sheet ({self.ws.name!r} holds {MAX_ROWS - 1:,})")
        self.row += 1
        lines = 1
        for col, (key, _, widest) in enumerate(self.columns):
            value = values.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                self.ws.write_datetime(self.row, col, dt.datetime(value.year, value.month, value.day),
                                       self.formats["date"])
            elif isinstance(value, int) and not isinstance(value, bool):
                self.ws.write_number(self.row, col, value, self.formats["number"])
            else:
                text = _clean(str(value))
                self.ws.write_string(self.row, col, text, self.formats["text"])
                parts = text.split("\n")
                longest = max(len(part) for part in parts)
                if longest > self.widths[col]:
                    self.widths[col] = min(longest, widest) if widest else longest
                # the column ends at most `widest` wide, and at least as wide as any shorter text
                lines = max(lines, sum(-(-len(part) // widest) or 1 for part in parts) if widest else len(parts))
        if lines > 1:
            self.ws.set_row(self.row, min(LINE_HEIGHT * lines, MAX_ROW_HEIGHT))

    def finish(self) -> None:
        last = len(self.columns) - 1
        for col, (_, _, widest) in enumerate(self.columns):
            width = self.widths[col]
            if not widest:  # a number or date column
                width = max(width, _DATE_WIDTH if col in self.dates else _NUMBER_WIDTH)
            self.ws.set_column(col, col, width + 1)
        self.ws.autofilter(0, 0, self.row, last)


class XlsxBook:
    """A workbook being written to ``target`` (a path or a binary file), one record at a time.

    ``add(record)`` takes a PlanDocument or its ``model_dump(mode="json")`` dict; ``close()``
    finishes the file (the bytes are complete only then). Raises KehoachError when a sheet
    would pass Excel's 1,048,575 data rows.
    """

    def __init__(self, target: str | os.PathLike[str] | IO[bytes]) -> None:
        import xlsxwriter

        if isinstance(target, os.PathLike):
            target = os.fspath(target)
        self._book = xlsxwriter.Workbook(target, _WORKBOOK_OPTIONS)
        base = {"valign": "top"}
        formats = {
            "header": self._book.add_format({"bold": True, "bg_color": "#D9E1F2", "bottom": 1,
                                             "text_wrap": True, "valign": "top"}),
            "text": self._book.add_format({**base, "text_wrap": True}),
            "date": self._book.add_format({**base, "num_format": DATE_FORMAT}),
            "number": self._book.add_format(base),
        }
        self._sheets = []
        for name, columns in ((TASKS_SHEET, TASK_COLUMNS), (DOCUMENTS_SHEET, DOCUMENT_COLUMNS),
                              (WARNINGS_SHEET, WARNING_COLUMNS)):
            self._sheets.append(_Sheet(self._book, name, columns, formats))
        self._tasks, self._documents, self._warnings = self._sheets
        self._closed = False

    def add(self, record: Any) -> None:
        """Add one document: its tasks, its row in "Văn bản" and its warnings."""
        record = as_record(record)
        source = record.get("source") or {}
        path = source.get("path")
        number = record.get("number")
        tasks = record.get("tasks") or []
        warnings = record.get("warnings") or []
        due = 0
        for task in tasks:
            deadline = task.get("deadline") or {}
            end = iso_date(deadline.get("end"))
            due += end is not None
            self._tasks.add({
                "document": path, "number": number, "id": task.get("id"), "title": task.get("title"),
                "lead_units": LIST_SEPARATOR.join(task.get("lead_units") or ()),
                "coordinating_units": LIST_SEPARATOR.join(task.get("coordinating_units") or ()),
                "deadline": deadline.get("text"), "deadline_start": iso_date(deadline.get("start")),
                "deadline_end": end, "deadline_kind": deadline.get("kind"),
                "recurrence": deadline.get("recurrence"), "deliverable": task.get("deliverable"),
                "line": task.get("line"),
            })
        signature = record.get("signature") or {}
        self._documents.add({
            "document": path, "kind": record.get("kind"), "number": number, "date": iso_date(record.get("date")),
            "issuer": record.get("issuer"), "place": record.get("place"), "title": record.get("title"),
            "tasks": len(tasks), "tasks_due": due, "warnings": len(warnings), "signer": signature.get("name"),
            "format": source.get("format"), "sha256": source.get("sha256"),
        })
        for warning in warnings:
            self._warnings.add({"document": path, "number": number, "line": warning.get("line"),
                                "code": warning.get("code"), "message": warning.get("message")})

    def close(self) -> None:
        """Size the columns, set the filters and write the file."""
        if self._closed:
            return
        self._closed = True
        for sheet in self._sheets:
            sheet.finish()
        try:
            self._book.close()
        except OSError as exc:
            raise KehoachError(f"cannot write the workbook: {exc.strerror or exc}") from exc



def write_xlsx(records: Iterable[Any], target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write records (PlanDocuments or their JSON dicts) as one workbook to a path or binary file."""
    book = XlsxBook(target)
    for record in records:
        book.add(record)
    book.close()


def xlsx_bytes(records: Iterable[Any]) -> bytes:
    """write_xlsx() into memory: the bytes of the .xlsx file."""
    buf = io.BytesIO()
    write_xlsx(records, buf)
    return buf.getvalue()


def _clean(text: str) -> str:
    """Text an Excel cell can hold: no XML-illegal control characters, at most 32,767 characters."""
    text = _CONTROL_RE.sub("", text)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return text
