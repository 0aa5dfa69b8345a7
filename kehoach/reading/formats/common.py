"""What the format readers share: limits, the warning type, table rendering and the final text check.

Every reader builds a list of lines the way the plain text of the same document reads: one line per
paragraph, table rows as cells joined by " | ". ``render_table`` decides how a table becomes lines:

* A data table (a "TT | Nhiệm vụ | ..." header, or at least 3 columns and 4 rows) gives one line per
  row with every grid column kept, so columns stay aligned. The paragraphs of a cell are joined with
  "; " (a space where punctuation or a lower-case continuation already marks the join), so a list of
  units stays a list: "Sở Nội vụ; Sở Tài chính". A cell covered by a merge (a ``rowspan``/``vMerge``
  continuation, or the columns a ``colspan``/``gridSpan`` covers) is left empty: its text is written
  once, in the first cell. Trailing spaces are trimmed, so "I | CẢI CÁCH THỂ CHẾ |  |  |".
* A layout table (the two-column header, the "Nơi nhận:" and signature block) reads as the page
  does. When a cell holds several paragraphs, column by column, one line per paragraph, as the eye
  (and a PDF's content stream) reads it: "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 128/KH-UBND", then
  "CỘNG HÒA XÃ HỘI ...". When every cell is one paragraph, row by row with the cells side by side,
  as in a plain-text copy: "Số: 128/KH-UBND | Hà Tĩnh, ngày 14 tháng 3 năm 2024". Empty cells and
  the empty paragraphs at the top or bottom of a cell are left out.
"""
from __future__ import annotations

import re

from kehoach.errors import InputError
from kehoach.reading.normalize import normalize_text

__all__ = [
    "LINE_BREAK", "MAX_PDF_PAGES", "MAX_TEXT_CHARS", "MAX_UNZIPPED_BYTES", "MAX_ZIP_ENTRIES", "MAX_ZIP_RATIO",
    "FormatWarning", "finish_text", "render_table",
]

# A line break inside a paragraph (Word's w:br, HTML's <br>): a new line in the body, a space in a
# data-table cell. U+2028 never survives normalize_text, so it cannot come from the document.
LINE_BREAK = "\u2028"
FormatWarning = tuple[str, str]  # (code, message), e.g. ("encoding_converted", "converted ... TCVN3 ...")

MAX_TEXT_CHARS = 5_000_000  # about 1,500 pages of plan text
MAX_PDF_PAGES = 2_000
MAX_ZIP_ENTRIES = 5_000
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # all members of a .docx together
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for a member over RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024

Cell = list[str]  # the paragraphs of one table cell
_OWN_END = ".,;:!?-–(/"

_NUMBER_HEADER_RE = re.compile(r"^(?:S\.?\s*T\.?\s*T|T\.?\s*T|Số\s*TT|Số\s*thứ\s*tự|Thứ\s*tự)\.?$", re.IGNORECASE)
_COLUMN_WORD_RE = re.compile(
    r"nhiệm vụ|nội dung|chủ trì|phối hợp|thời gian|thời hạn|cơ quan|đơn vị|sản phẩm|kết quả|ghi chú"
    r"|trách nhiệm|lộ trình|kinh phí|tiến độ|hoạt động",
    re.IGNORECASE,
)

_HTML_START_RE = re.compile(  # after a BOM, blanks and comments: a doctype, <html>, <head> or <body>
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml[^>]*>\s*<(?:!doctype\s+html|html))",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(data: bytes) -> bool:
    """Whether bytes start like an HTML page: b"<!DOCTYPE html>..." -> True."""
    return bool(_HTML_START_RE.match(data[:4096]))


def _cell_text(cell: Cell) -> str:
    """One data cell on one line: paragraphs joined by "; " where nothing else marks the boundary.

    ["Đỗ Mạnh Cường", "Vũ Việt Linh"] -> "Đỗ Mạnh Cường; Vũ Việt Linh"; ["Trách nhiệm", "thực hiện"]
    -> "Trách nhiệm thực hiện"; ["- Sở Nội vụ;", "- Sở Tài chính"] -> "- Sở Nội vụ; - Sở Tài chính".
    """
    out = ""
    for paragraph in cell:
        text = " ".join(paragraph.replace(LINE_BREAK, " ").split()).replace("|", "/")
        if not text:
            continue
        if out:
            first = text[0]
            marked = out[-1] in _OWN_END or first.islower() or first in "([" or not (first.isalnum() or first in "-–+•")
            out += " " if marked else "; "
        out += text
    return out


def is_data_table(grid: list[list[Cell]]) -> bool:
    """A task or schedule table rather than a page layout: 'TT | Nhiệm vụ | Thời gian' -> True."""
    rows = [row for row in grid if any(_cell_text(c) for c in row)]
    if not rows:
        return False
    columns = max(len(row) for row in rows)
    head = [_cell_text(c) for c in rows[0]]
    if head and _NUMBER_HEADER_RE.match(head[0]):
        return True
    if sum(1 for cell in head if _COLUMN_WORD_RE.search(cell) and len(cell) < 60) >= 2:
        return True
    return columns >= 3 and len(rows) >= 4


def _trim(lines: list[str]) -> list[str]:
    """A cell's lines without the empty paragraphs before and after its text."""
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = len(lines) - next((i for i, line in enumerate(reversed(lines)) if line), len(lines))
    return lines[start:end]


def render_table(grid: list[list[Cell]]) -> list[str]:
    """Lines for a table given as rows of cells: [[["TT"], ["Nhiệm vụ"]], ...] -> ["TT | Nhiệm vụ", ...]."""
    if not grid:
        return []
    width = max(len(row) for row in grid)
    rows = [row + [[] for _ in range(width - len(row))] for row in grid]
    if is_data_table(rows):
        lines = [" | ".join(_cell_text(c) for c in row) for row in rows]
        return [line for line in lines if line.replace("|", "").strip()]
    cells = [[_trim([" ".join(line.split()) for p in cell for line in p.split(LINE_BREAK)]) for cell in row]
             for row in rows]
    if all(len(cell) <= 1 for row in cells for cell in row):  # one paragraph a cell: rows side by side
        lines = [" | ".join(cell[0] for cell in row if cell and cell[0]) for row in cells]
        return [line for line in lines if line]
    out: list[str] = []
    for column in range(width):  # stacked paragraphs: read column by column, as the eye reads them
        for row in cells:
            for line in row[column]:
                if line or (out and out[-1]):
                    out.append(line)
    return out


def finish_text(lines: list[str], label: str) -> str:
    """Join the lines, normalise once (NFC, spaces) and enforce the size and emptiness checks."""
    text = normalize_text("\n".join(line.rstrip() for line in lines))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text too large: {label} gives over {MAX_TEXT_CHARS:,} characters")
    if not text.strip():
        raise InputError(f"no text in {label}")
    return text
