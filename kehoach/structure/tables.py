"""Task tables (usually an annex, Phụ lục) in the text layouts converters produce.

Every layout gives one result (``Table``: header cells, column roles and rows of cells, each row
with its source line), so the task code never sees the layout:

* inline rows, one line per row, cells joined by "|": ``1 | Rà soát ... | Sở Tư pháp | ... |``
  (markdown tables and Word documents saved as text; the "|---|" rule and the "(1) | (2)"
  column-number row are skipped);
* one cell per line with a line holding only "|" between cells, and two such lines in a row
  where a row ends (thuvienphapluat pages);
* one cell per line, a line holding only "|" between rows (a text export of a Word table);
* tab-separated rows, one line per row;
* fixed-width columns (pdftotext -layout): the column spans are read off the text's own
  alignment (the runs of blanks common to every line of the table), a cell wraps over several
  lines of its row, rows are separated by blank lines, page furniture between rows is skipped.

A repeated header row (each page's) is skipped; a group row ("I | Hoàn thiện thể chế") stays a
row. Only a table whose header names a task column and an assignment column (chủ trì, phối hợp,
thời gian ...) is a task table; the header decides which column is which, not its position.
Other tables (targets, indicators) are still found, so that their rows are read as no prose.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re
from bisect import bisect_right

from kehoach.lines import patterns as P
from kehoach.lines.paragraphs import BLOCK_FIRST, clean_line, kind_of
from kehoach.structure.table_header import HEADER_CELL_MAX, HEADER_MIN_CELLS, HEADER_MIN_ROLES, column_roles, sub_header
from kehoach.structure.table_noise import inline_rows, row_cells, without_page_breaks
from kehoach.structure.table_ocr import ocr_header, ocr_table
from kehoach.structure.table_reflow import reflowed_table, spaced_at, wrap_width
from kehoach.structure.tree import roman_value

# A lone-pipe table ends when no cell separator comes for this many lines.
MAX_CELL_LINES = 40
# Lines of these kinds open the text after a table, never a cell: "II. NHIỆM VỤ", "Nơi nhận:", "PHỤ LỤC II"
BLOCK_KINDS = ("section", "recipients", "annex")
# A fixed-width header is split over at most this many lines ("Thời gian" / "hoàn" / "thành").
HEADER_MAX_LINES = 6
# Fixed-width columns are parted by a run of at least this many blanks on every line of the table.
GUTTER_MIN = 2
# "|---|:---:|" (a markdown rule) or "(1) | (2) | (3)" (Word's column numbers)
FILLER_CELL_RE = re.compile(r"^(?::?-{2,}:?|\(\d{1,2}\)|\d{1,2})?$")
# One word of a fixed-width row
WORD_RE = re.compile(r"\S+")
# A run of GUTTER_MIN or more blank positions in a blank mask (bytes, 1 = blank)
GUTTER_RE = re.compile(rb"\x01{%d,}" % GUTTER_MIN)


@dataclass
class Row:
    cells: list[str]
    line: int  # 1-based line of the row's first cell


@dataclass
class Table:
    roles: dict[str, int]  # role -> column index
    rows: list[Row] = field(default_factory=list)
    stages: list[int] = field(default_factory=list)  # the time column's sub-columns, one per stage
    start: int = 0  # 1-based first line (the header)
    end: int = 0  # 1-based last line
    annex: str | None = None  # the annex's number ("1", "2") or "" for an unnumbered annex

    @property
    def assigns(self) -> bool:
        """A task table: a task column and an assignment column, and no targets column."""
        roles = self.roles.keys()
        return "task" in roles and bool({"lead", "coordinating", "deadline"} & roles) and "target" not in roles

    def cell(self, row: Row, role: str) -> str:
        """A row's cell in a role's column; a time split into stages is the last stage filled."""
        if role == "deadline" and self.stages:
            return next((row.cells[i] for i in reversed(self.stages) if i < len(row.cells) and row.cells[i]), "")
        index = self.roles.get(role)
        return row.cells[index] if index is not None and index < len(row.cells) else ""


def _framed(text: str) -> bool:
    """A markdown row starts and ends with '|': '| 1 | Rà soát |'."""
    body = text.strip()
    return len(body) > 1 and body.startswith("|") and body.endswith("|")


def _split_inline(text: str, framed: bool) -> list[str]:
    """Cells of one inline row; in a framed (markdown) table the outer '|' are no cell borders."""
    body = text.strip()
    if framed and _framed(body):
        body = body[1:-1]
    return list(map(clean_line, body.split("|")))


def _label(cell: str) -> str:
    return " ".join(cell.split()).casefold()


def _table(header: list[str], rows: list[Row], start: int, end: int) -> Table | None:
    """The canonical table of a header and its rows (0-based ``start``, 1-based ``end``), or None
    when ``header`` is no header. Column-number rows and repeated header rows are dropped."""
    if (roles := column_roles(header)) is None:
        return None
    labels = {_label(c) for c in header if c}
    table = Table(roles=roles, start=start + 1, end=end)
    rows = [row for row in rows if not all(FILLER_CELL_RE.match(c) for c in row.cells)]
    if rows and (under := sub_header(header, rows[0].cells, roles)) is not None:
        table.roles, table.stages = under
        rows = rows[1:]
    for row in rows:
        filled = [_label(c) for c in row.cells if c]
        repeated = sum(c in labels for c in filled)
        if repeated >= HEADER_MIN_ROLES and 2 * repeated >= len(filled):  # each page's header again
            continue
        table.rows.append(row)
    return table


def find_tables(raw: list[str], furniture: list[bool] | None = None, cleaned: list[str] | None = None) -> list[Table]:
    """Every table with a header row in the document, task tables or not: ``raw`` holds the
    normalised source lines, ``furniture`` flags the lines known as page furniture, ``cleaned`` holds
    each line as ``clean_line`` reads it, furniture blank (the lines stage's physical lines: no line is
    cleaned twice). Line numbers of the tables are those of ``raw``."""
    view, where = without_page_breaks(raw, furniture)
    if cleaned is None:
        cleaned = [clean_line(line) for line in view]
    elif len(view) < len(raw):
        cleaned = [cleaned[j] for j in where]
    tables = _find_tables(view, cleaned)
    if len(view) < len(raw):
        for table in tables:
            table.start, table.end = where[table.start - 1] + 1, where[table.end - 1] + 1
            for row in table.rows:
                row.line = where[row.line - 1] + 1
    return tables


def _find_tables(raw: list[str], cleaned: list[str]) -> list[Table]:
    tables: list[Table] = []
    width: int | None = None  # the width a hard-wrapped text was cut at, read once when needed
    i = 0
    while i < len(raw):
        line = raw[i]
        if "|" in line:
            table, stop = _pipe_table(raw, cleaned, i)
        elif "\t" in line:
            table, stop = _tab_table(raw, i)
        elif "   " in line:  # a blank line after every line parts no rows: the columns alone tell them
            spaced = spaced_at(raw, i)
            if spaced:
                width = wrap_width(raw) if width is None else width
            table, stop = (spaced and _reflowed_table(raw, i, width)) or _layout_table(raw, i)
        elif cleaned[i] and ocr_header(line):  # an OCR'd scan: no column separator to trust (an empty line opens none)
            table, stop = _ocr_table(raw, i)
        else:  # most lines: no cell of any table
            i += 1
            continue
        if table is None:
            i = max(i + 1, stop)  # the rows read were no table's header: look past them
            continue
        table.annex = _annex_before(cleaned, table.start - 1)
        tables.append(table)
        i = max(i + 1, table.end)
    return tables


def _pipe_table(raw: list[str], cleaned: list[str], i: int) -> tuple[Table | None, int]:
    text = raw[i].strip()
    if text == "|":
        return _cell_lines_table(raw, i) or _lone_pipe_table(raw, cleaned, i)
    if text.count("|") >= 2:
        return _inline_table(raw, i, _framed(text)), i + 1
    return None, i + 1


def _inline_table(raw: list[str], start: int, framed: bool) -> Table | None:
    lines = inline_rows(raw, start)
    _, end, text = next(lines)
    header = _split_inline(text, framed)
    if column_roles(header) is None:
        return None
    rows: list[Row] = []
    for first, end, text in lines:
        rows.append(Row(cells=_split_inline(text, framed), line=first + 1))
    return _table(header, rows, start, end + 1)


def _tab_table(raw: list[str], start: int) -> tuple[Table | None, int]:
    """Tab-separated rows: 'STT<tab>Nội dung<tab>Cơ quan chủ trì', one line per row; a single blank
    line between rows is spacing, a tab at the start of a row with one cell too many is indent."""
    header = _tab_cells(raw[start].strip())
    rows: list[Row] = []
    end = start + 1
    for j in range(start + 1, len(raw)):
        if not raw[j].strip() and j + 1 < len(raw) and "\t" in raw[j + 1] and raw[j - 1].strip():
            continue
        if "\t" not in raw[j]:
            break
        cells = _tab_cells(raw[j].rstrip())
        if len(cells) == len(header) + 1 and not cells[0]:
            cells = cells[1:]
        rows.append(Row(cells=cells, line=j + 1))
        end = j + 1
    return _table(header, rows, start, end), end


def _tab_cells(text: str) -> list[str]:
    return list(map(clean_line, text.split("\t")))


def _cell_lines_table(raw: list[str], start: int) -> tuple[Table, int] | None:
    """One cell per line, a lone '|' between rows (a blank line is an empty cell); the header row
    gives the count of cells every row has. When every cell line of the header is followed by a
    blank line, blank lines are spacing: a row may then have fewer cells (a group row's empty
    cells are gone) and is padded. A cell cut over two lines (hard wrapping) is joined again.
    None when the lines after ``start`` are no such header."""
    def segment(at: int, limit: int) -> int | None:  # the next lone '|' within ``limit`` lines
        for j in range(at + 1, min(len(raw), at + limit + 2)):
            if raw[j].strip() == "|":
                return j
        return None
    bar = segment(start, MAX_CELL_LINES)
    if bar is None:
        return None
    lines = raw[start + 1:bar]
    spaced = len(lines) > 2 and all(bool(line.strip()) == (k % 2 == 1) for k, line in enumerate(lines))
    header = [clean_line(c) for c in lines if c.strip() or not spaced]
    if len(header) < HEADER_MIN_CELLS or column_roles(header) is None:
        return None
    rows: list[Row] = []
    limit = 2 * MAX_CELL_LINES if spaced else MAX_CELL_LINES  # a cell cut by wrapping may run over many lines
    while (nxt := segment(bar, limit)) is not None:
        cells = None if _opens_block(raw[bar + 1:nxt]) else row_cells(raw[bar + 1:nxt], len(header), spaced)
        if cells is None:
            break
        rows.append(Row(cells=list(map(clean_line, cells)), line=bar + 2))
        bar = nxt
    table = _table(header, rows, start, bar + 1)
    return (table, bar + 1) if table else None


def _opens_block(lines: list[str]) -> bool:
    """The lines after a table's last '|' are the text after it: they open with a heading ('II. NHIỆM VỤ',
    'PHỤ LỤC', 'Nơi nhận:'), never a row's first cell."""
    return _opens_block_text(next((clean_line(line) for line in lines if line.strip()), ""))


def _opens_block_text(text: str) -> bool:
    """Whether one cleaned line opens a block; most lines are told by their first character."""
    return bool(text) and text[0] in BLOCK_FIRST and kind_of(text)[0] in BLOCK_KINDS


def _lone_pipe_table(raw: list[str], cleaned: list[str], start: int) -> tuple[Table | None, int]:
    """The one-cell-per-line table that starts at the '|' line ``start``, or None and where the
    first row (no task header) ended."""
    rows = _lone_pipe_rows(raw, cleaned, start)
    header = next(rows, None)
    if header is None:
        return None, start + 1
    cells = header[0].cells
    long_cells = [k for k, c in enumerate(cells) if len(c) > HEADER_CELL_MAX]
    if long_cells:  # text before the table ran into its first row: the header starts after it
        cells = cells[long_cells[-1] + 1:]
    if column_roles(cells) is None:
        return None, header[1] - 1
    body = list(rows)
    table = _table(cells, [row for row, _ in body], start, body[-1][1] if body else header[1])
    return table, table.end if table else header[1]


def _layout_table(raw: list[str], start: int) -> tuple[Table | None, int]:
    """Fixed-width columns: a header block of up to HEADER_MAX_LINES lines, then blocks of lines
    (rows) parted by blank lines, for as long as no block's text bridges a column gap."""
    first = next(_blocks(raw, start, start + HEADER_MAX_LINES + 1), None)
    if first is None or len(first) > HEADER_MAX_LINES:
        return None, start + 1  # too long for a header, but a table may start further down the run of lines
    blocks = _blocks(raw, first[-1] + 1)
    blank = _blank_mask(raw, first)
    gaps = _gutters(blank)
    if len(gaps) < HEADER_MIN_CELLS - 1 or column_roles(_cells_in(raw, first, _spans(gaps, blank))) is None:
        return None, first[-1] + 1
    rows: list[list[int]] = []
    for block in blocks:
        if all(P.PAGE_MARK_RE.match(raw[j].strip()) for j in block):
            continue  # a page number between rows
        merged = _blank_mask(raw, block, blank)
        closed = sum(not _open(merged, gap) for gap in gaps)
        if not closed:
            blank, gaps = merged, _gutters(merged)
        elif closed > 1 or not any(P.COLUMN_GAP_RE.search(raw[j].strip()) for j in block):
            break  # lines of running text across the column gaps: prose after the table
        rows.append(block)  # else a word too long for its column overflows into one gap
    spans = _spans(gaps, blank)
    end = (rows[-1] if rows else first)[-1] + 1
    table = _table(_cells_in(raw, first, spans),
                   [Row(cells=_cells_in(raw, block, spans), line=block[0] + 1) for block in rows], start, end)
    return table, end


def _reflowed_table(raw: list[str], start: int, width: int) -> tuple[Table, int] | None:
    """A fixed-width table hard-wrapped and spaced after it was laid out (structure/table_reflow.py)."""
    if (found := reflowed_table(raw, start, width)) is None:
        return None
    table, end = _read_table(found, start)
    return (table, end) if table else None


def _ocr_table(raw: list[str], start: int) -> tuple[Table | None, int]:
    """A task table OCR'd from a scan (structure/table_ocr.py)."""
    if (found := ocr_table(raw, start)) is None:
        return None, start + 1
    return _read_table(found, start)


def _read_table(found: tuple[list[str], list[tuple[list[str], int]], int], start: int) -> tuple[Table | None, int]:
    """The table a reader module found: its header cells, its rows as (cells, 0-based line), its 1-based end."""
    header, rows, end = found
    return _table(header, [Row(cells=cells, line=line + 1) for cells, line in rows], start, end), end


def _blocks(raw: list[str], start: int, stop: int | None = None):
    """Yield the 0-based line numbers of each run of non-blank lines from ``start`` on (up to ``stop``)."""
    block: list[int] = []
    for j in range(start, min(len(raw), stop or len(raw))):
        if raw[j].strip():
            block.append(j)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _blank_mask(raw: list[str], block: list[int], under: bytes = b"") -> bytes:
    """Per character position, 1 where every line of ``block`` is blank and 0 where one has text; as wide as
    the longest line, or as ``under`` (the mask of the lines above), whose blanks it keeps where no line has
    text. The lines' masks are put together as whole numbers (one '&' a line, no step a character)."""
    width = max(len(under), *(len(raw[j].rstrip()) for j in block))
    mask = int.from_bytes(under.ljust(width, b"\x01"), "big")
    for j in block:
        mask &= int.from_bytes(bytes(map(str.isspace, raw[j].rstrip())).ljust(width, b"\x01"), "big")
    return mask.to_bytes(width, "big")


def _gutters(blank: bytes) -> list[tuple[int, int]]:
    """Runs of at least GUTTER_MIN blank positions between text: the gaps between columns."""
    return [m.span() for m in GUTTER_RE.finditer(blank) if m.start() > 0 and m.end() < len(blank)]


def _open(blank: bytes, gap: tuple[int, int]) -> bool:
    """A column gap is still open: GUTTER_MIN blank positions in a row inside it."""
    return GUTTER_RE.search(blank, *gap) is not None


def _spans(gaps: list[tuple[int, int]], blank: bytes) -> list[tuple[int, int]]:
    """The column spans between the gaps."""
    bounds = [0, *(k for gap in gaps for k in gap), len(blank)]
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]


def _cells_in(raw: list[str], block: list[int], spans: list[tuple[int, int]]) -> list[str]:
    """Each column's text over the lines of one row, top to bottom; a word belongs to the column
    it starts in (or the next one, when it starts in a gap), so a word that overflows stays whole."""
    ends = [b for _, b in spans]
    cells: list[list[str]] = [[] for _ in spans]
    for j in block:
        for m in WORD_RE.finditer(raw[j]):
            cells[min(bisect_right(ends, m.start()), len(spans) - 1)].append(m.group())
    return [clean_line(" ".join(words)) for words in cells]


def _lone_pipe_rows(raw: list[str], cleaned: list[str], start: int):
    """Yield (Row, last line) for each row until the cell separators stop."""
    cells: list[str] = []
    cell: list[str] = []
    first_line, since_sep, seps = 0, 0, 0
    for j in range(start, len(raw)):
        text = raw[j].strip()
        if text == "|":
            since_sep = 0
            if cell:
                cells.append(" ".join(filter(None, cell)).strip())
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
        text = cleaned[j]  # a cell's first line is asked whether it opens a block, then joined
        if since_sep > MAX_CELL_LINES or (not cell and _opens_block_text(text)):
            break
        if not cell and not cells:
            first_line = j + 1
        cell.append(text)
    if cells:
        yield Row(cells=cells, line=first_line), j + 1


def _annex_before(cleaned: list[str], start: int) -> str | None:
    """The number of the 'PHỤ LỤC II' heading a table follows ('2'), '' if unnumbered, None if none."""
    for j in range(start - 1, max(-1, start - 30), -1):
        if m := P.ANNEX_RE.match(cleaned[j]):
            number = m.group("annex_number") or ""
            if number and not number.isdigit():
                number = str(roman_value(number))
            return number.lstrip("0") or number
    return None
