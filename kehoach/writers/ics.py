"""iCalendar (RFC 5545) files of the deadlines: one all-day to-do per task that has an end date.

    >>> from kehoach.writers.ics import escape_text
    >>> escape_text("Sở Nội vụ; Sở Tài chính, UBND")
    'Sở Nội vụ\\\\; Sở Tài chính\\\\, UBND'

Each task whose deadline has an ``end`` becomes a VTODO (or, with ``component="event"``, an
all-day VEVENT on that day) with:

- ``DUE`` = the deadline's end (the last day on which the task is on time), and ``DTSTART`` = its
  start when the deadline names a period ("quý II/2024": 2024-04-01 .. 2024-06-30);
- ``SUMMARY`` = the task's title, shortened to about 80 characters;
- ``DESCRIPTION`` = lead and coordinating units, the deadline as written, the document (number,
  issuer, date) and the task's id and source line, then the full title;
- a recurring deadline whose span is known ("hằng năm, giai đoạn 2021-2025") repeats with an
  ``RRULE``: the first occurrence is due at the end of the first period of the span
  (2021-12-31), the last at the span's end (2025-12-31, ``UNTIL``). Without a start, the span
  cannot be laid out and the task is one to-do due at the end.

Tasks without an end date ("hằng quý", "thường xuyên", no deadline) are left out. The output is
deterministic, so the same input gives the same bytes: ``UID`` is
``"<16 hex digits of the document's key>-<task id>@kehoach"``, where the key is a hash of the
issuer, number and date (or, when the document has no number, the source's sha256), so
importing the file again after a re-run, even of a corrected copy of the document, updates the
entries instead of duplicating them. ``DTSTAMP`` is the document's date at midnight UTC.

    with open("plan.ics", "wb") as fh:
        cal = IcsCalendar(fh)
        for record in records:          # PlanDocument or doc.model_dump(mode="json") dicts
            cal.add(record)
        cal.close()

``ics_bytes(records)`` does the same in memory.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping
from typing import IO, Any, Literal

from kehoach import __version__
from kehoach.reading.normalize import fold_key
from kehoach.writers.records import as_record, iso_date

__all__ = ["IcsCalendar", "escape_text", "ics_bytes", "task_uid", "write_ics"]

Component = Literal["todo", "event"]

PRODID = f"-//kehoach//kehoach {__version__}//VI"
#: SUMMARY is the title cut at a word boundary to at most this many characters.
SUMMARY_LENGTH = 80
#: DTSTAMP of a document without a date.
EPOCH_STAMP = "19700101T000000Z"

# recurrence -> (months per period, days per period, RRULE FREQ)
_PERIODS: dict[str, tuple[int, int, str]] = {
    "daily": (0, 1, "DAILY"),
    "weekly": (0, 7, "WEEKLY"),
    "monthly": (1, 0, "MONTHLY"),
    "quarterly": (3, 0, "MONTHLY"),
    "semiannual": (6, 0, "MONTHLY"),
    "yearly": (12, 0, "YEARLY"),
}


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold_line(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets (never inside a character), ending in CRLF."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    out = []
    start, limit = 0, 75
    while len(data) - start > limit:
        end = start + limit
        while end > start and (data[end] & 0xC0) == 0x80:  # a continuation byte: back up
            end -= 1
        out.append(data[start:end])
        start, limit = end, 74  # continuation lines start with a space
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def document_key(record: Mapping[str, Any]) -> str:
    """16 hex digits naming the document: from issuer, number and date, else the source sha256."""
    number = record.get("number")
    if number:
        ident = "|".join((fold_key(record.get("issuer") or ""), fold_key(number), str(record.get("date") or "")))
        return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]
    sha = (record.get("source") or {}).get("sha256") or ""
    if sha:
        return sha[:16]
    return hashlib.sha256((record.get("title") or "").encode("utf-8")).hexdigest()[:16]


def task_uid(record: Mapping[str, Any], task: Mapping[str, Any]) -> str:
    """The stable UID of a task's entry: "3f2a...-IV.2.1@kehoach"."""
    return f"{document_key(record)}-{task.get('id')}@kehoach"


class IcsCalendar:
    """A VCALENDAR being written to a binary file, one record at a time; close() ends it."""

    def __init__(self, fh: IO[bytes], *, name: str | None = None, component: Component = "todo") -> None:
        if component not in ("todo", "event"):
            raise ValueError(f"component must be 'todo' or 'event', not {component!r}")
        self._fh = fh
        self._component = component
        self._uids: set[str] = set()
        self.entries = 0
        self._lines(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name or 'kehoach')}"])

    def add(self, record: Any) -> None:
        """Add the dated tasks of one document (a PlanDocument or its JSON dict)."""
        record = as_record(record)
        stamp = _stamp(record.get("date"))
        for task in record.get("tasks") or ():
            lines = self._entry(record, task, stamp)
            if lines:
                self._lines(lines)
                self.entries += 1

    def close(self) -> None:
        self._lines(["END:VCALENDAR"])

    def _lines(self, lines: Iterable[str]) -> None:
        self._fh.write(b"".join(fold_line(line) for line in lines))

    def _entry(self, record: Mapping[str, Any], task: Mapping[str, Any], stamp: str) -> list[str]:
        deadline = task.get("deadline") or {}
        end = iso_date(deadline.get("end"))
        if end is None:
            return []
        uid = task_uid(record, task)
        if uid in self._uids:  # the same document twice in one file: keep the UIDs unique
            n = 2
            while f"{uid}-{n}" in self._uids:
                n += 1
            uid = f"{uid}-{n}"
        self._uids.add(uid)
        start = iso_date(deadline.get("start"))
        rule = _recurrence(deadline.get("recurrence"), start, end)
        if rule is not None:
            first, rrule = rule
            start = due = first
        else:
            rrule = None
            due = end
            if start is not None and start > end:
                start = None
        title = " ".join(str(task.get("title") or "").split())
        lines = ["BEGIN:VTODO" if self._component == "todo" else "BEGIN:VEVENT",
                 f"UID:{escape_text(uid)}", f"DTSTAMP:{stamp}"]
        if self._component == "todo":
            if start is not None:
                lines.append(f"DTSTART;VALUE=DATE:{_ical_date(start)}")
            lines.append(f"DUE;VALUE=DATE:{_ical_date(due)}")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{_ical_date(due)}")
            lines.append(f"DTEND;VALUE=DATE:{_ical_date(due + dt.timedelta(days=1))}")
            lines.append("TRANSP:TRANSPARENT")
        if rrule is not None:
            lines.append(f"RRULE:{rrule}")
        lines.append(f"SUMMARY:{escape_text(shorten(title, SUMMARY_LENGTH))}")
        lines.append(f"DESCRIPTION:{escape_text(_description(record, task, title))}")
        if self._component == "todo":
            lines.append("STATUS:NEEDS-ACTION")
        lines.append("END:VTODO" if self._component == "todo" else "END:VEVENT")
        return lines


def write_ics(records: Iterable[Any], fh: IO[bytes], *, name: str | None = None,
              component: Component = "todo") -> int:
    """Write records as one calendar to a binary file; returns the number of entries."""
    cal = IcsCalendar(fh, name=name, component=component)
    for record in records:
        cal.add(record)
    cal.close()
    return cal.entries


def ics_bytes(records: Iterable[Any], *, name: str | None = None, component: Component = "todo") -> bytes:
    """The calendar of records as bytes. Its name (X-WR-CALNAME) defaults to the document's number
    and title when there is one document, else "kehoach"."""
    records = [as_record(r) for r in records]
    if name is None and len(records) == 1:
        one = records[0]
        name = " ".join(p for p in (one.get("number"), shorten(one.get("title") or "", 60)) if p) or None
    buf = io.BytesIO()
    write_ics(records, buf, name=name, component=component)
    return buf.getvalue()


def shorten(text: str, length: int) -> str:
    """Text cut at a word boundary to at most ``length`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut and not text[length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def _description(record: Mapping[str, Any], task: Mapping[str, Any], title: str) -> str:
    deadline = task.get("deadline") or {}
    parts = []
    if task.get("lead_units"):
        parts.append("Chủ trì: " + "; ".join(task["lead_units"]))
    if task.get("coordinating_units"):
        parts.append("Phối hợp: " + "; ".join(task["coordinating_units"]))
    if deadline.get("text"):
        parts.append("Thời hạn: " + deadline["text"])
    document = ", ".join(str(p) for p in (record.get("number"), record.get("issuer"), _vn_date(record.get("date")))
                         if p)
    if document:
        parts.append("Văn bản: " + document)
    where = f"Nhiệm vụ {task.get('id')}, dòng {task.get('line')}"
    path = (record.get("source") or {}).get("path")
    if path:
        where += f" của {path}"
    parts.append(where)
    parts.append("")
    parts.append(title)
    return "\n".join(parts)


def _recurrence(recurrence: str | None, start: dt.date | None, end: dt.date) -> tuple[dt.date, str] | None:
    """(first due date, RRULE) of a recurring deadline over [start, end], or None."""
    if recurrence not in _PERIODS or start is None or start > end:
        return None
    months, days, freq = _PERIODS[recurrence]
    first = (_add_months(start, months) if months else start + dt.timedelta(days=days)) - dt.timedelta(days=1)
    if first >= end:
        return None  # the span is one period (or less): a single entry due at the end
    parts = [f"FREQ={freq}"]
    month_end = first.day == calendar.monthrange(first.year, first.month)[1]
    if freq == "MONTHLY":
        if months > 1:
            parts.append(f"INTERVAL={months}")
        if month_end:
            parts.append("BYMONTHDAY=-1")
    elif freq == "YEARLY" and month_end and first.month == 2:
        parts += ["BYMONTH=2", "BYMONTHDAY=-1"]
    parts.append(f"UNTIL={_ical_date(end)}")
    return first, ";".join(parts)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end: 2024-01-31 + 1 -> 2024-02-29."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ical_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(value: Any) -> str:
    day = iso_date(value)
    return f"{_ical_date(day)}T000000Z" if day is not None else EPOCH_STAMP


def _vn_date(value: Any) -> str | None:
    day = iso_date(value)
    return day.strftime("%d/%m/%Y") if day is not None else None
