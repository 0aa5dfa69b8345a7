"""Task tables (usually an annex, Phụ lục) in the text layouts converters produce.

Two layouts, one result (``Table``: header cells and rows of cells, each with its source line):

* inline rows, one line per row, cells joined by "|": ``1 | Rà soát ... | Sở Tư pháp | ... |``
  (markdown tables and Word documents saved as text; the "|---|" rule and the "(1) | (2)"
  column-number row are skipped);
* one cell per line with a line holding only "|" between cells, and two such lines in a row
  where a row ends (thuvienphapluat pages).

Only a table whose header names a task column and an assignment column (chủ trì, phối hợp,
thời gian ...) is a task table; the header decides which column is which, not its position.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re

from kehoach.lines import patterns as P
from kehoach.lines.paragraphs import clean_line, kind_of
from kehoach.structure.tree import roman_value

# A lone-pipe table ends when no cell separator comes for this many lines.
MAX_CELL_LINES = 40
# A header cell is a short label; a longer one is text before the table.
HEADER_CELL_MAX = 80
# Column roles in the order they are tried on a header cell: "Đơn vị phối hợp thực hiện" is the
# coordinating column although it also says "thực hiện".
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stt", re.compile(r"^(?:S\.?\s*TT|TT|Số\s+TT|STT)$", re.IGNORECASE)),
    ("coordinating", re.compile(r"phối\s+hợp", re.IGNORECASE)),
    ("deliverable", re.compile(r"^(?:Sản\s+phẩm|Kết\s+quả|Hình\s+thức\s+văn\s+bản)", re.IGNORECASE)),
    ("deadline", re.compile(r"^(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ|Lộ\s+trình)", re.IGNORECASE)),
    ("task", re.compile(r"(?:Nhiệm\s+vụ|Nội\s+dung|Tên\s+(?:nhiệm\s+vụ|đề\s+án|công\s+việc)|Công\s+việc|Hoạt\s+động|Giải\s+pháp)",
                        re.IGNORECASE)),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện|^(?:Cơ\s+quan|Đơn\s+vị|Người)|phụ\s+trách", re.IGNORECASE)),
    ("note", re.compile(r"^Ghi\s+chú", re.IGNORECASE)),
)
# "|---|:---:|" (a markdown rule) or "(1) | (2) | (3)" (Word's column numbers)
FILLER_CELL_RE = re.compile(r"^(?::?-{2,}:?|\(\d{1,2}\)|\d{1,2})?$")


@dataclass
class Row:
    cells: list[str]
    line: int  # 1-based line of the row's first cell


@dataclass
class Table:
    roles: dict[str, int]  # role -> column index
    rows: list[Row] = field(default_factory=list)
    start: int = 0  # 1-based first line (the header)
    end: int = 0  # 1-based last line
    annex: str | None = None  # the annex's number ("1", "2") or "" for an unnumbered annex

    def cell(self, row: Row, role: str) -> str:
        index = self.roles.get(role)
        return row.cells[index] if index is not None and index < len(row.cells) else ""


def column_roles(cells: list[str]) -> dict[str, int] | None:
    """Roles of a header row, or None when it is no task table: ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì'] -> {...}."""
    if any(len(c) > HEADER_CELL_MAX for c in cells):
        return None
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for role, rule in COLUMN_ROLES:
            if role not in roles and rule.search(cell):
                roles[role] = index
                break
    if "task" in roles and ({"lead", "coordinating", "deadline"} & roles.keys()):
        return roles
    return None


def _cell_text(lines: list[str]) -> str:
    return " ".join(filter(None, map(clean_line, lines))).strip()


def _framed(text: str) -> bool:
    """A markdown row starts and ends with '|': '| 1 | Rà soát |'."""
    body = text.strip()
    return len(body) > 1 and body.startswith("|") and body.endswith("|")


def _split_inline(text: str, framed: bool) -> list[str]:
    """Cells of one inline row; in a framed (markdown) table the outer '|' are no cell borders."""
    body = text.strip()
    if framed and _framed(body):
        body = body[1:-1]
    return [_cell_text([c]) for c in body.split("|")]


def find_tables(raw: list[str]) -> list[Table]:
    """Every task table of the document: ``raw`` holds the normalised source lines."""
    tables: list[Table] = []
    i = 0
    while i < len(raw):
        if "|" not in raw[i]:  # most lines: no cell of any table
            i += 1
            continue
        text = raw[i].strip()
        table = None
        if text == "|":
            table, stop = _lone_pipe_table(raw, i)
            if table is None:
                i = max(i + 1, stop)  # the rows read were no task table's header: look past them
                continue
        elif text.count("|") >= 2 and (roles := column_roles(_split_inline(text, _framed(text)))):
            table = _inline_table(raw, i, roles, _framed(text))
        if table is None:
            i += 1
            continue
        table.annex = _annex_before(raw, table.start - 1)
        tables.append(table)
        i = table.end
    return tables


def _inline_table(raw: list[str], start: int, roles: dict[str, int], framed: bool) -> Table:
    table = Table(roles=roles, start=start + 1, end=start + 1)
    for j in range(start + 1, len(raw)):
        text = raw[j].strip()
        if not text:
            continue
        if "|" not in text:
            break
        cells = _split_inline(text, framed)
        table.end = j + 1
        if all(FILLER_CELL_RE.match(c) for c in cells):
            continue
        table.rows.append(Row(cells=cells, line=j + 1))
    return table


def _lone_pipe_table(raw: list[str], start: int) -> tuple[Table | None, int]:
    """The one-cell-per-line table that starts at the '|' line ``start``, or None and where the
    first row (no task header) ended."""
    rows = _lone_pipe_rows(raw, start)
    header = next(rows, None)
    if header is None:
        return None, start + 1
    cells = header[0].cells
    long_cells = [k for k, c in enumerate(cells) if len(c) > HEADER_CELL_MAX]
    if long_cells:  # text before the table ran into its first row: the header starts after it
        cells = cells[long_cells[-1] + 1:]
    if (roles := column_roles(cells)) is None:
        return None, header[1] - 1
    table = Table(roles=roles, start=start + 1, end=header[1])
    for row, end in rows:
        table.end = end
        if not all(FILLER_CELL_RE.match(c) for c in row.cells):
            table.rows.append(row)
    return table, table.end


def _lone_pipe_rows(raw: list[str], start: int):
    """Yield (Row, last line) for each row until the cell separators stop."""
    cells: list[str] = []
    cell: list[str] = []
    first_line, since_sep, seps = 0, 0, 0
    for j in range(start, len(raw)):
        text = raw[j].strip()
        if text == "|":
            since_sep = 0
            if cell:
                cells.append(_cell_text(cell))
                cell, seps = [], 1
            else:
                seps += 1
                if seps >= 2 and cells:
                    yield Row(cells=cells, line=first_line), j + 1
                    cells = []
            continue
        if not text:
            continue
        since_sep += 1
        if since_sep > MAX_CELL_LINES or (not cell and kind_of(clean_line(text))[0] in ("section", "recipients", "annex")):
            break
        if not cell and not cells:
            first_line = j + 1
        cell.append(text)
    if cells:
        yield Row(cells=cells, line=first_line), j + 1


def _annex_before(raw: list[str], start: int) -> str | None:
    """The number of the 'PHỤ LỤC II' heading a table follows ('2'), '' if unnumbered, None if none."""
    for j in range(start - 1, max(-1, start - 30), -1):
        if m := P.ANNEX_RE.match(clean_line(raw[j])):
            number = m.group("annex_number") or ""
            if number and not number.isdigit():
                number = str(roman_value(number))
            return number.lstrip("0") or number
    return None
