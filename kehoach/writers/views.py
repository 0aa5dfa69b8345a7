"""What a person reads: the `kehoach show` summary, the task table, and the task filter.

    >>> from kehoach.writers.views import unit_matcher
    >>> matches = unit_matcher(["uy ban nhan dan tinh"])
    >>> matches("Ủy ban nhân dân tỉnh Khánh Hoà"), matches("Sở Tài chính")
    (True, False)

Everything here works on PlanDocument models and returns text; the CLI decides where it goes and
whether it may be coloured (``color=True`` adds ANSI styles with click.style).
"""
from __future__ import annotations

import datetime as dt
import json
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import click

from kehoach.models import PlanDocument, Task
from kehoach.reading.normalize import fold_key, strip_diacritics
from kehoach.tasks.canonical import canonical_unit

__all__ = [
    "TaskRow", "filter_document", "records_bytes", "show_text", "sort_rows", "table_text", "task_rows",
    "unit_matcher",
]

#: Column widths of the table: the lead column's widest and narrowest, the document's widest, the
#: deadline phrase shown when a task has no end date, and the narrowest title.
LEAD_WIDTH, MIN_LEAD, DOCUMENT_WIDTH, DUE_WIDTH, MIN_TITLE = 28, 14, 18, 24, 24
#: Width of the table when stdout is not a terminal.
DEFAULT_WIDTH = 100
NONE = "—"


# --- filtering ------------------------------------------------------------------------------

def unit_matcher(needles: Sequence[str]) -> Callable[[str], bool]:
    """A test "does this unit name contain one of the needles?", lenient about how it is typed.

    Case, Unicode form (NFC/NFD), spacing and old/new tone placement ("Hoà"/"Hòa", "Uỷ"/"Ủy")
    never matter. A needle typed without any diacritics ("so tai chinh") also ignores the
    diacritics of the names; one typed with them must match them ("Sở Tư pháp" is not "Sổ ...").
    Abbreviations are the body they stand for, in the needle and in the name ("UBND" finds "Ủy
    ban nhân dân tỉnh", "Sở Kế hoạch và Đầu tư" finds "Sở KH&ĐT"): both are also compared in
    their canonical form.
    """
    keys = []
    for needle in needles:
        for key in dict.fromkeys((fold_key(needle), fold_key(canonical_unit(needle)))):
            if key:
                keys.append((key, strip_diacritics(key) == key))

    def matches(name: str) -> bool:
        for folded in dict.fromkeys((fold_key(name), fold_key(canonical_unit(name)))):
            stripped = None
            for key, loose in keys:
                if loose:
                    stripped = stripped if stripped is not None else strip_diacritics(folded)
                    if key in stripped:
                        return True
                elif key in folded:
                    return True
        return False
    return matches


def task_matches(task: Task, *, due_before: dt.date | None = None, due_after: dt.date | None = None,
                 unit: Callable[[str], bool] | None = None) -> bool:
    """Whether a task passes the filters: due (end) before/after a date, a unit lead or coordinating."""
    end = task.deadline.end if task.deadline is not None else None
    if due_before is not None and (end is None or not end < due_before):
        return False
    if due_after is not None and (end is None or not end > due_after):
        return False
    if unit is not None and not any(unit(u) for u in [*task.lead_units, *task.coordinating_units]):
        return False
    return True


def filter_document(doc: PlanDocument, **filters) -> PlanDocument:
    """A copy of doc with only the tasks that pass task_matches(**filters)."""
    return doc.model_copy(update={"tasks": [t for t in doc.tasks if task_matches(t, **filters)]})


# --- the task table -------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskRow:
    """One line of the task table."""

    document: str      # the document's number, else its file name
    id: str
    title: str
    lead: str
    due: dt.date | None
    due_text: str      # the date (with the printed limit of a "trước ngày" deadline), else the phrase
    order: tuple[int, int]


def task_rows(docs: Iterable[PlanDocument], unit: Callable[[str], bool] | None = None) -> list[TaskRow]:
    """The table rows of every task of docs, in document order.

    With a ``unit`` filter the lead column shows the units that matched it, a coordinating one
    marked "(phối hợp)", so a reader sees why each task is listed.
    """
    rows = []
    for d, doc in enumerate(docs):
        name = doc.number or _file_name(doc.source.path) or "-"
        for t, task in enumerate(doc.tasks):
            end = task.deadline.end if task.deadline is not None else None
            if end is not None:  # "trước ngày 30/4/2024" is due 2024-04-29: say the printed limit too
                due_text = end.isoformat() + (f" (trước {end + dt.timedelta(days=1):%d/%m})"
                                              if task.deadline.qualifier == "before" else "")
            elif task.deadline is not None:
                due_text = task.deadline.text
            else:
                due_text = NONE
            units = task.lead_units if unit is None else \
                [u for u in task.lead_units if unit(u)] + [f"{u} (phối hợp)" for u in task.coordinating_units if unit(u)]
            rows.append(TaskRow(name, task.id, " ".join(task.title.split()), "; ".join(units) or NONE,
                                end, due_text, (d, t)))
    return rows


def sort_rows(rows: Iterable[TaskRow]) -> list[TaskRow]:
    """By due date (earliest first), then the tasks without one, each group in document order."""
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.min, r.order))


def table_text(rows: Sequence[TaskRow], *, today: dt.date, width: int = DEFAULT_WIDTH, color: bool = False,
               with_document: bool = False, indent: str = "  ") -> str:
    """The rows as an aligned table (id, task, lead, due, and the document when asked); a task due
    before today is marked "overdue Nd" (red when coloured). Titles and leads are shortened to
    fit ``width`` columns."""
    if not rows:
        return indent + "(no tasks)\n"
    header = ["DOCUMENT", "ID", "TASK", "LEAD", "DUE", ""]
    table = []
    for r in rows:
        late = r.due is not None and r.due < today
        table.append([r.document, r.id, r.title, r.lead, _cut(r.due_text, DUE_WIDTH),
                      f"overdue {(today - r.due).days}d" if late else ""])
    if not with_document:
        header, table = header[1:], [row[1:] for row in table]
    widths = [max(_width(row[i]) for row in [header, *table]) for i in range(len(header))]
    title = 2 if with_document else 1
    lead = title + 1
    if with_document:
        widths[0] = min(widths[0], DOCUMENT_WIDTH)
    widths[lead] = min(widths[lead], LEAD_WIDTH)
    def room() -> int:  # what is left for the title
        return width - len(indent) - sum(w for i, w in enumerate(widths) if i != title) - 2 * (len(widths) - 1)
    if room() < MIN_TITLE:  # a narrow terminal: the lead gives way first
        widths[lead] = max(MIN_LEAD, widths[lead] - (MIN_TITLE - room()))
    widths[title] = max(MIN_TITLE if room() >= MIN_TITLE else 12, min(widths[title], room()))
    lines = [_row(header, widths, indent, lambda s: _style(s, color, bold=True))]
    for row, r in zip(table, rows):
        late = r.due is not None and r.due < today
        lines.append(_row(row, widths, indent, (lambda s: _style(s, color, fg="red")) if late else None))
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str], widths: Sequence[int], indent: str, style: Callable[[str], str] | None) -> str:
    parts = [_pad(_cut(c, w), w) for c, w in zip(cells, widths)]
    text = indent + "  ".join(parts).rstrip()
    return style(text) if style is not None else text


# --- kehoach show ---------------------------------------------------------------------------

def show_text(doc: PlanDocument, *, today: dt.date, width: int = DEFAULT_WIDTH, color: bool = False) -> str:
    """The ten-second summary of one document: identity, sections, tasks by due date, warnings."""
    def bold(s: str) -> str:
        return _style(s, color, bold=True)

    out: list[str] = []
    ident = "  ·  ".join(p for p in (doc.number, doc.issuer, _place_date(doc)) if p)
    out.append(bold(ident or "(no number, issuer or date)"))
    if doc.title:
        out.append(textwrap.fill(" ".join(doc.title.split()), width=max(20, width)))
    out.append(_style(f"{doc.kind} · {doc.source.path or 'stdin'}", color, dim=True))
    out.append("")

    if doc.sections:
        out.append(bold("Sections"))
        counts: dict[str, int] = {}
        for task in doc.tasks:
            counts[task.section or ""] = counts.get(task.section or "", 0) + 1
        num_w = max(_width(s.number) for s in doc.sections)
        for s in doc.sections:
            n = counts.get(s.number, 0)
            tail = f"  ({n} task{'s' if n != 1 else ''})" if n else ""
            out.append(f"  {_pad(s.number, num_w)}  {_cut(s.title, width - num_w - 6 - len(tail))}{tail}")
        out.append("")

    rows = task_rows([doc])
    due = sum(r.due is not None for r in rows)
    late = sum(r.due is not None and r.due < today for r in rows)
    head = f"Tasks: {len(rows)}"
    if rows:
        head += f", {due} with a due date, {late} overdue on {today.isoformat()}"
    out.append(bold(head))
    if rows:
        out.append(table_text(sort_rows(rows), today=today, width=width, color=color).rstrip("\n"))
    out.append("")

    if doc.warnings:
        out.append(bold(f"Warnings: {len(doc.warnings)}"))
        for w in doc.warnings:
            where = f"line {w.line}: " if w.line else ""
            out.append(_style(f"  {where}{w.code}: {w.message}", color, fg="yellow"))
    else:
        out.append(bold("Warnings: none"))
    return "\n".join(out) + "\n"


def _place_date(doc: PlanDocument) -> str:
    return ", ".join(p for p in (doc.place, doc.date.isoformat() if doc.date else None) if p)


# --- formats for `kehoach tasks` -------------------------------------------------------------

def records_bytes(docs: Sequence[PlanDocument], fmt: str, *, bom: bool = True, pretty: bool = False) -> bytes:
    """Several records in one output format: json (a JSON list), jsonl, csv, xlsx or ics."""
    from kehoach.writers import jsoncsv as writers

    if fmt == "json":
        data = [doc.model_dump(mode="json") for doc in docs]
        indent = 2 if pretty else None
        return (json.dumps(data, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
    if fmt == "jsonl":
        return "".join(writers.jsonl_lines(docs)).encode("utf-8")
    if fmt == "csv":
        return writers.csv_bytes(docs, bom=bom)
    if fmt == "xlsx":
        from kehoach.writers.xlsx import xlsx_bytes

        return xlsx_bytes(docs)
    if fmt == "ics":
        from kehoach.writers.ics import ics_bytes

        return ics_bytes(docs)
    raise ValueError(f"unknown format {fmt!r}")


# --- text helpers ---------------------------------------------------------------------------

def _style(text: str, color: bool, **styles) -> str:
    return click.style(text, **styles) if color and text else text


def _file_name(path: str | None) -> str | None:
    if not path:
        return None
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    """Columns the text takes on a terminal (combining marks take none, wide characters two)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _cut(text: str, width: int) -> str:
    """Text shortened to ``width`` columns, ending in "…" when cut."""
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip(" ,;:") + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))
