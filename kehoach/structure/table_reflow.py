"""A fixed-width table that was hard-wrapped and spaced after it was laid out (structure/tables.py
reads the tables): every line longer than the wrap width was cut where a word ends, the pieces after
the first lost their place on the line, and a blank line follows every line, so no blank line parts
two rows. A reader still reads it:

* the first piece of a line keeps its columns, and the column starts are the positions many pieces
  share: the first piece's own, and those of a piece that goes on a cut line (the cut fell inside a
  cell line, one blank wide, so the piece starts one blank after the line before it ends);
* a piece that lost its place goes where its cells fall on column starts and none runs into the
  next column;
* a row starts where the task cell starts: a capital after a cell line that ended short of its
  column, or after a full stop; the other cells of the row are the cells beside that one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from kehoach.lines import patterns as P
from kehoach.lines.paragraphs import clean_line, kind_of
from kehoach.structure.table_header import COLUMN_ROLES, column_roles

# One cell's text on a line: words parted by single blanks (two blanks or more part cells)
SEGMENT_RE = re.compile(r"\S+(?: \S+)*")
# A row's number or letter alone in its cell: "1.", "II.", "a)", "12"
ROW_LABEL_RE = re.compile(r"^(?:\d{1,3}|[IVXL]{1,6}|[A-ZĐa-zđ])[.)]?$")
# A group row's label: "II.", "A"
GROUP_LABEL_RE = re.compile(r"^(?:[IVXL]{1,6}|[A-ZĐ])[.)]?$")
# A header cell's piece is short: a longer segment is a row's text
HEADER_SEGMENT_MAX = 30
# The header is found among this many lines of the table's start; pieces of it cut off before
# its first gapped line are at most this long ('Thời' over 'TT   Tên nhiệm vụ'), and at most this many
HEADER_LOOK_LINES = 10
HEADER_PIECE_MAX = 20
HEADER_MAX_BEFORE = 3
# This many long lines in a row with no column gap, at the margin, are text after the table.
PROSE_RUN = 3
PROSE_WIDTH_SHARE = 0.75
# A line set this far in is centred (a page number) or a far column's piece, no line of text
CENTRED_INDENT = 20
# A column start is the place of at least this many pieces' cells, and this share of the pieces.
START_VOTES = 2
START_SHARE = 0.02
# A cell line ends a sentence here: the next cell line in capitals starts a new cell.
CELL_END = ".;:!?"


def spaced_at(raw: list[str], start: int) -> bool:
    """A blank line follows every line around ``start``: no blank line parts rows there."""
    window = [bool(raw[k].strip()) for k in range(start, min(len(raw), start + 8))]
    return len(window) >= 6 and all(filled == (k % 2 == 0) for k, filled in enumerate(window))


def wrap_width(raw: list[str]) -> int:
    """The width a hard-wrapped text was cut at: its longest line of text (no table's, none set far in)."""
    return max((len(line.rstrip()) for line in raw if "|" not in line and "\t" not in line
                and len(line) - len(line.lstrip()) < CENTRED_INDENT and not P.COLUMN_GAP_RE.search(line.strip())), default=0)


def reflowed_table(raw: list[str], start: int, width: int) -> tuple[list[str], list[tuple[list[str], int]], int] | None:
    """The header cells, the rows (cells and 0-based first line) and the end (1-based last line) of a
    hard-wrapped, spaced fixed-width table whose first gapped line is ``start``, or None."""
    region = _region(raw, start, width)
    lines = list(islice(region, HEADER_LOOK_LINES))
    if not _header_hint([_segments(raw[j]) for j in lines]):
        return None
    lines += region
    pieces = [(j, _segments(raw[j])) for j in lines]
    # the header's line that names the first columns ('TT   Tên nhiệm vụ'); pieces above it were cut off the top
    start = next((j for j, segs in pieces[:HEADER_LOOK_LINES] if any(_opens_header(text) for _, text in segs)), start)
    starts = _column_starts(raw, pieces, width)
    if starts[-1] <= width:  # no cell beyond the cut: no line was cut, every cell is in its place
        starts = _column_starts(raw, pieces, width, every=True)
    if len(starts) < 3:
        return None
    placed = _place(raw, [piece for piece in pieces if piece[0] >= start], starts, width)
    head = next((k for k, (_, frags) in enumerate(placed) if any(
        len(text) > HEADER_SEGMENT_MAX or (col == 0 and ROW_LABEL_RE.match(text)) for col, text, _ in frags)), len(placed))
    header = [" ".join(text for _, frags in placed[:head] for col, text, _ in frags if col == c) for c in range(len(starts))]
    cut = [c for c, cell in enumerate(header) if cell[:1].islower()]  # no header cell starts in lower case:
    for c, text in zip(cut, (text for j, segs in pieces if j < start for _, text in segs)):
        header[c] = f"{text} {header[c]}"  # 'Thời' cut off above 'gian hoàn thành' goes on top of it
    if not head or (roles := column_roles(header)) is None or "task" not in roles:
        return None
    label = roles.get("stt", 0 if roles["task"] else None)
    rows = _rows(placed[head:], roles["task"], len(starts), label)
    return header, rows, lines[-1] + 1


def _opens_header(cell: str) -> bool:
    """A header cell of a table's first columns: its row numbers' or its tasks'."""
    return any(role in ("stt", "task") and rule.search(cell) for role, rule in COLUMN_ROLES)


def _segments(line: str) -> list[tuple[int, str]]:
    text = line[1:] if line.startswith("\t") else line  # a tab put before a line is no indent
    return [(m.start(), m.group()) for m in SEGMENT_RE.finditer(text.rstrip())]


def _region(raw: list[str], start: int, width: int) -> Iterator[int]:
    """The non-blank lines of the table: a few short pieces of the header before ``start``, then
    lines until a heading with no column gap or a run of long lines of text at the margin."""
    before: list[int] = []
    for j in range(start - 1, max(-1, start - 2 * HEADER_MAX_BEFORE - 1), -1):
        text = raw[j].strip()
        if not text:
            continue
        if any(len(cell) > HEADER_PIECE_MAX for cell in SEGMENT_RE.findall(text)) or text[-1] in ".;)":
            break
        before.insert(0, j)
    yield from before
    prose: list[int] = []  # the long lines of text at the margin just read, held back
    for j in range(start, len(raw)):
        line = raw[j].rstrip()
        text = line.strip()
        if not text:
            continue
        gapped = bool(P.COLUMN_GAP_RE.search(text))
        if not gapped and kind_of(clean_line(text))[0] in ("section", "annex", "recipients"):
            break
        if not gapped and not line[0].isspace() and len(line) >= PROSE_WIDTH_SHARE * width:
            prose.append(j)
            if len(prose) >= PROSE_RUN:
                return
            continue
        yield from prose
        prose = []
        yield j
    yield from prose


def _header_hint(lines: list[list[tuple[int, str]]]) -> bool:
    """The first lines' short segments, read as cells, name column roles (a cheap look before the work)."""
    cells: list[str] = []
    for segs in lines:
        if any(len(text) > HEADER_SEGMENT_MAX for _, text in segs):
            break
        cells.extend(text for _, text in segs)
    return column_roles(cells) is not None


def _goes_on(prev: str, segs: list[tuple[int, str]], width: int) -> bool:
    """A piece can be the rest of the line before it cut inside a cell: its first word did not fit."""
    return bool(prev) and len(prev.rstrip()) + 1 + len(segs[0][1].split(" ")[0]) > width


def _column_starts(raw, pieces, width: int, every: bool = False) -> list[int]:
    """The places many pieces' cells share: a piece's first cell (a line's indent is its first
    cell's place), every cell of a line opened by a row's number, and the cells of a piece that
    goes on a line cut inside a cell, in the place the cut gives them; with ``every``, every cell."""
    votes: Counter[int] = Counter()
    prev, shift = "", 0
    for j, segs in pieces:
        votes[segs[0][0]] += 1
        if every:
            votes.update(pos for pos, _ in segs[1:])
        elif _goes_on(prev, segs, width):
            shift += len(prev.rstrip()) + 1 - segs[0][0]
            votes.update(pos + shift for pos, _ in segs[1:])
        else:
            shift = 0
            if ROW_LABEL_RE.match(segs[0][1]):
                votes.update(pos for pos, _ in segs[1:])
        prev = raw[j]
    starts: list[int] = []
    for pos in sorted(votes):
        if starts and pos - starts[-1] <= 1:  # a doubled blank moves a cell by one
            if votes[pos] > votes[starts[-1]]:
                votes[pos] += votes[starts[-1]]
                starts[-1] = pos
            else:
                votes[starts[-1]] += votes[pos]
            continue
        starts.append(pos)
    least = max(START_VOTES, START_SHARE * len(pieces))
    return [pos for pos in starts if votes[pos] >= least]


def _score(segs, offset: int, starts: list[int], skip_first: bool, numbered: bool) -> int:
    """How well a piece's cells sit in a place: a point per cell on a column start (a piece's first
    cell that goes on the cell line before sits where it must), one off per cell that runs into the
    next column or, in a numbered table's first column, is neither a row number nor a label in capitals."""
    score = 0
    for k, (pos, text) in enumerate(segs):
        at = pos + offset
        col = bisect_right(starts, at) - 1
        if col < 0:
            return -len(segs)
        overflows = col + 1 < len(starts) and at + len(text) >= starts[col + 1]
        if overflows or numbered and col == 0 and not (ROW_LABEL_RE.match(text) or text.isupper()):
            score -= 1
        elif skip_first and k == 0 or abs(at - starts[col]) <= 1:
            score += 1
    return score


def _place(raw, pieces, starts: list[int], width: int) -> list[tuple[int, list[tuple[int, str, bool]]]]:
    """Each piece's cells as (column, text, goes on the cell line before), in the piece's best place:
    where it stands, on from the line before (cut inside a cell), or moved right onto column starts
    (a piece cut off a line, or a line whose indent was wider than the cut); between equal places, the
    one where the cell line above the piece's first cell is full, so that the cell must go on, then
    the column written last."""
    numbered = sum(pos == 0 and bool(ROW_LABEL_RE.match(segs[0][1])) for _, segs in pieces for pos, _ in segs[:1]) >= 2
    last: dict[int, tuple[str, int]] = {}  # each column's last cell line so far, and its piece
    widest: dict[int, int] = {}  # each column's widest cell line so far
    placed = []
    prev, end, indent = "", 0, 0  # the piece before, where it ends in its place, the indent of its line
    for k, (j, segs) in enumerate(pieces):
        first = segs[0][1].split(" ")[0]

        def option(offset: int, kind: int, cont: bool = False) -> tuple:
            col = max(0, bisect_right(starts, segs[0][0] + offset) - 1)
            above, at = last.get(col, ("", -1))
            full = not cont and bool(above) and len(above) + 1 + len(first) > widest.get(col, 0)
            return _score(segs, offset, starts, cont, numbered), kind, full, at, offset, cont
        cut = _goes_on(prev, segs, width)  # the line before may have been cut inside a cell
        options = [option(0, 1)]
        if cut and segs[0][0] == indent:  # a cut line's pieces keep its indent
            options.append(option(end + 1 - segs[0][0], 3, True))
        lower = min(end + 2, width + 1) if segs[0][0] == 0 else end + 2
        if prev:
            options.extend(option(pos - segs[0][0], 0) for pos in starts if pos >= lower)
        *_, offset, cont = max(options)
        indent = segs[0][0] if not offset else indent
        cells = []
        for n, (pos, text) in enumerate(segs):
            col = max(0, bisect_right(starts, pos + offset) - 1)
            cells.append((col, text, cont and n == 0))
            line = f"{last[col][0]} {text}" if cont and n == 0 and col in last else text
            last[col] = (line, k)
            widest[col] = max(widest.get(col, 0), len(line))
        placed.append((j, cells))
        prev, end = raw[j], len(raw[j].rstrip()) + offset
    return placed


def _cells(placed, col: int, task: bool) -> list[tuple[int, int, str]]:
    """A column's cells as (first piece, last piece, text): in the task column, a cell line in capitals
    after a line that ended a sentence or stopped short of the column's width starts a new cell; in the
    others, any line in capitals or figures ('6/2025') does, as a cell cut too often is no harm there
    (its parts go to the same row) and one joined too often is."""
    frags = [(k, text, cont) for k, (_, cells) in enumerate(placed) for c, text, cont in cells if c == col]
    merged: list[list] = []  # [first, last, line text] per cell line, a cut line joined again
    for k, text, cont in frags:
        if cont and merged:
            merged[-1][1], merged[-1][2] = k, f"{merged[-1][2]} {text}"
        else:
            merged.append([k, k, text])
    wide = max((len(t) for _, _, t in merged), default=0)
    cells: list[list] = []  # [first, last, text, last line]
    for first, last, line in merged:
        if cells and not ROW_LABEL_RE.match(line):
            full = len(cells[-1][3]) + 1 + len(line.split(" ")[0]) > wide
            opens = line[0].isupper() or not task and line[0].isdigit()
            if not opens or task and full and cells[-1][2][-1] not in CELL_END:
                cells[-1][1:] = [last, f"{cells[-1][2]} {line}", line]
                continue
        cells.append([first, last, line, line])
    return [(first, last, text) for first, last, text, _ in cells]


def _rows(placed, task: int, ncol: int, label: int | None) -> list[tuple[list[str], int]]:
    """Rows around each task cell, with the cells of the other columns beside it; a group row ('II.
    Học liệu số') holds no cell but its label and title, so the cells beside it are its neighbours'."""
    tasks = _cells(placed, task, True)
    if not tasks:
        return []
    rows = [[""] * ncol for _ in tasks]
    for r, (_, _, text) in enumerate(tasks):
        rows[r][task] = text
    order = [col for col in (label,) if col is not None] + [col for col in range(ncol) if col not in (task, label)]
    for col in order:
        open_rows = [r for r in range(len(tasks)) if col == label or not GROUP_LABEL_RE.match(rows[r][label or 0])]
        for first, last, text in _cells(placed, col, False) if open_rows else ():
            r = max(open_rows, key=lambda r: (_overlap(tasks[r], first, last), -abs(
                (tasks[r][0] + tasks[r][1]) - (first + last))))
            rows[r][col] = f"{rows[r][col]} {text}".strip()
    return [(cells, placed[tasks[r][0]][0]) for r, cells in enumerate(rows)]


def _overlap(cell: tuple[int, int, str], first: int, last: int) -> int:
    return max(0, min(cell[1], last) - max(cell[0], first) + 1)
