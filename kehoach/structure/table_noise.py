"""What a reader of a table sees through the layout noise around it (structure/tables.py reads the
tables): a page break inside a table is furniture, not a row or a cell; a cell cut by hard
wrapping is one cell.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, compress, pairwise

from kehoach.lines import patterns as P

# A line cut short by hard wrapping is at least this long.
WRAPPED_LINE_MIN = 40
# An inline row's first cell, its number or letter, before the first "|": "1 | Rà soát ...", "II | Nhiệm vụ chung",
# "| 3 | Tập huấn ...", "a) | Xây dựng ..."
ROW_LABEL_RE = re.compile(r"^\|?\s*(?:\d{1,3}|[IVX]{1,5}|[A-ZĐa-zđ])[.)]?\s*\|")
# How many lines of an inline table are read to find its fullest row (the count of "|" a whole row has)
FULLEST_ROW_LINES = 20
# A bare number this far in from the margin, a blank line beside it, is centred on the page: its number, never a
# cell (a one-cell-per-line table starts its cells at the margin; a fixed-width row holds more than a number)
PAGE_NUMBER_INDENT = 20
# What a page number line can open with, after the line break and the blanks before it: "=== Trang 3 ===",
# "Trang 3/12", "- 3 -", or a bare number alone on its line "      13"; the whole text is scanned for it at once,
# as most lines are none (``_page_break`` and ``_centred_number`` decide on the few found)
PAGE_LINE_RE = re.compile(r"\n[^\S\n]*(?:=|trang|[-–][^\S\n]*\d|\d+[^\S\n]*$)", re.IGNORECASE | re.MULTILINE)


def without_page_breaks(raw: list[str], furniture: list[bool] | None) -> tuple[list[str], list[int]]:
    """The lines a reader of a table sees, and the index in ``raw`` of each: a page break inside a
    table (a page number line, see ``_page_break``) is gone with the blank line on either side of
    it, which a one-cell-per-line table would read as empty cells; between two fixed-width lines
    the blank lines stay, as they part rows. Other lines marked as furniture read as blank."""
    breaks = [j for j in _page_number_lines(raw) if _page_break(raw, j) or _centred_number(raw, j)]
    if furniture and any(furniture):
        raw = list(raw)
        for j in compress(range(len(furniture)), furniture):
            raw[j] = ""
    if not breaks:
        return raw, list(range(len(raw)))
    gone = set(breaks)
    for j in breaks:
        before, after = j - 1, j + 1  # the blank lines around the break, if blank
        beyond = [k for k in (before - 1, after + 1) if 0 <= k < len(raw)]
        if not all(P.COLUMN_GAP_RE.search(raw[k].rstrip()) for k in beyond):
            gone.update(k for k in (before, after) if 0 <= k < len(raw) and not raw[k].strip())
    kept = [(a + 1, b) for a, b in pairwise([-1, *sorted(gone), len(raw)])]  # the runs of lines between those gone
    return list(chain.from_iterable(raw[a:b] for a, b in kept)), list(chain.from_iterable(range(a, b) for a, b in kept))


def _page_number_lines(raw: list[str]) -> Iterator[int]:
    """The index of each line that may be a page number (``PAGE_LINE_RE``), from one scan of the text."""
    text = "\n" + "\n".join(raw)  # a line break before every line, the first one's too
    j = pos = 0
    for m in PAGE_LINE_RE.finditer(text):
        j += text.count("\n", pos, m.start())  # the line breaks passed since the last match: its line
        pos = m.start()
        yield j


def _page_break(raw: list[str], j: int) -> bool:
    """A page number line: '- 3 -' or 'Trang 3' anywhere; a bare '3' only where its spacing differs
    from the lines before it: set apart by blank lines among unspaced lines, or run into the next
    line (or the tab-separated row before it) among lines each followed by a blank line. A bare
    number spaced like its neighbours is a cell ('STT' '3')."""
    text = raw[j].strip()
    if not text or text[0] not in P.PAGE_MARK_FIRST or not P.PAGE_MARK_RE.match(text):
        return False
    if not text.isdigit():
        return True
    blank_after = j + 1 < len(raw) and not raw[j + 1].strip()
    spaced = j >= 5 and all(bool(raw[k].strip()) == (k % 2 == j % 2) for k in range(j - 5, j))
    if spaced:
        return not blank_after
    # under a tab-separated row, which holds all its cells on its own line
    run_in = j >= 6 and "\t" in raw[j - 1].strip() \
        and all(bool(raw[k].strip()) == (k % 2 != j % 2) for k in range(j - 6, j))
    return run_in or blank_after and j > 0 and not raw[j - 1].strip()


def _centred_number(raw: list[str], j: int) -> bool:
    """A bare number centred on the page with a blank line beside it: '                    13'."""
    line = raw[j]
    if not line.strip().isdecimal() or len(line) - len(line.lstrip()) < PAGE_NUMBER_INDENT:
        return False
    return any(0 <= k < len(raw) and not raw[k].strip() for k in (j - 1, j + 1))


def inline_rows(raw: list[str], start: int) -> Iterator[tuple[int, int, str]]:
    """Each row of an inline ('|') table from line ``start`` on, as (first line, last line, text), 0-based, until
    a line that is no row. A row cut by hard wrapping is joined again: a line goes on with the row before it while
    that row has fewer '|' than the fullest line of the table (or the line starts in lower case: the last cell goes
    on), the line before is as long as a wrapped line, no blank line parts them (unless one follows every line),
    and the line opens no row of its own ('1 | Tổ chức ... các chủ' + 'trương, chính sách ... | Sở Tư pháp |')."""
    piped = [line.count("|") for line in raw[start:start + FULLEST_ROW_LINES] if "|" in line]
    fullest = max(piped, default=0)
    spaced = start + 1 < len(raw) and not raw[start + 1].strip()  # a blank line after every line: no row's end
    row: list[str] = []
    first = last = start
    for j in range(start, len(raw)):
        text = raw[j].strip()
        if not text:
            continue
        goes_on = bool(row) and len(row[-1]) >= WRAPPED_LINE_MIN and (spaced or j == last + 1) \
            and (sum(p.count("|") for p in row) < fullest or text[0].islower()) and not ROW_LABEL_RE.match(text)
        if goes_on:
            row.append(text)
            last = j
            continue
        if row:
            yield first, last, " ".join(row)
        if "|" not in text:
            return
        row, first, last = [text], j, j
    if row:
        yield first, last, " ".join(row)


def row_cells(lines: list[str], count: int, spaced: bool) -> list[str] | None:
    """The ``count`` cells of one row of a one-cell-per-line table, or None when its lines are no
    such row: a cell cut by hard wrapping ('Biên soạn tài liệu hỏi - đáp' / 'về chuyển đổi số')
    is joined again, the line after the cut starting in lower case or the line before it long."""
    cells = [line.strip() for line in lines if line.strip() or not spaced]
    while len(cells) > count:
        cuts = [k for k in range(1, len(cells)) if cells[k] and cells[k - 1]]
        if not cuts:
            return None
        k = max(cuts, key=lambda k: (cells[k][0].islower(), len(cells[k - 1])))
        if not cells[k][0].islower() and len(cells[k - 1]) < WRAPPED_LINE_MIN:
            return None
        cells[k - 1:k + 1] = [f"{cells[k - 1]} {cells[k]}"]
    if len(cells) < count and not spaced:
        return None
    return cells + [""] * (count - len(cells))
