"""The same document in another layout, drawn by our own code: what pdftotext, Word's text export and
markdown converters do to a plan's lines. Every layout changes only line breaks, markup and page
furniture, so a parser that reads the document, not its look, gives the same record.

Deterministic: a layout is a function of the lines alone.
"""
from __future__ import annotations

import re
import textwrap

# Hard wrapping at a fixed column, as pdftotext and e-mail copies cut lines
WRAP_COLUMNS = 64
# A page break (a form feed and the page's number) after this many lines
PAGE_LINES = 25
# In one-paragraph-per-line text, a page break after this many paragraphs (tables are crossed more often)
BLANK_PAGE_LINES = 6

# "II. NHIỆM VỤ CỤ THỂ": a section heading in capitals
SECTION_RE = re.compile(r"^([IVX]{1,4}[.\-–])\s+(\S.*)$")
# "1. Tổ chức hội nghị": a numbered heading with no sentence after it
HEADING_RE = re.compile(r"^(\d{1,2}\.)\s+([^:;,.]{3,90})$")
# "- Tuyên truyền ...": a dash bullet
DASH_RE = re.compile(r"^-\s+(?=[^\W\d_])")


# "1   Rà soát ...      Sở Nội vụ": fixed-width columns, which no converter rewraps
COLUMN_GAP_RE = re.compile(r"\S {3,}\S")


def _is_cell(line: str) -> bool:
    """A markdown row framed by '|', a tab-separated row or a fixed-width one; an unframed '|' row
    ('1 | Rà soát ... | Sở Tư pháp') is cut like text, as an e-mail copy of a Word table cuts it."""
    framed = line.strip().startswith("|") and line.strip().endswith("|")
    return framed or "\t" in line or bool(COLUMN_GAP_RE.search(line))


def rewrap(lines: list[str]) -> list[str]:
    """Every long line cut at WRAP_COLUMNS where a word ends; framed, tab and fixed-width table rows stay whole."""
    out: list[str] = []
    for line in lines:
        if len(line) <= WRAP_COLUMNS or _is_cell(line):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width=WRAP_COLUMNS, break_long_words=False, break_on_hyphens=False))
    return out


def cut_columns(lines: list[str], width: int = WRAP_COLUMNS) -> list[str]:
    """Every line longer than ``width`` cut where a word ends, fixed-width table rows too, each piece after
    the first set at the line's indent: an e-mail copy of a pdftotext -layout text."""
    out: list[str] = []
    for line in lines:
        indent = line[:len(line) - len(line.lstrip())]
        out.extend(textwrap.wrap(line, width=width, subsequent_indent=indent, break_long_words=False,
                                 break_on_hyphens=False) if len(line) > width else [line])
    return out


def pages(lines: list[str], every: int = PAGE_LINES) -> list[str]:
    """A form feed and a page number line ('2', '- 3 -', 'Trang 4' in turn) after every ``every`` lines."""
    styles = ("{n}", "- {n} -", "Trang {n}")
    out: list[str] = []
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % every == 0 and i < len(lines):
            n = i // every + 1
            out.extend(["", "\f" + " " * 30 + styles[n % 3].format(n=n), ""])
    return out


def blank(lines: list[str]) -> list[str]:
    """One paragraph per line with a blank line after each, as Word's text export writes."""
    return [out for line in lines if line.strip() for out in (line, "")]


def blank_pages(lines: list[str]) -> list[str]:
    """Word's text export of a paginated file: one paragraph per line, a blank line after each, and a page
    number line (centred, with blank lines around it) after every BLANK_PAGE_LINES paragraphs."""
    return pages(blank(lines), every=2 * BLANK_PAGE_LINES)


def markdown(lines: list[str]) -> list[str]:
    """Section headings in bold, numbered headings in bold with the number on a line of its own,
    dash bullets as '*'."""
    out: list[str] = []
    for line in lines:
        if (m := SECTION_RE.match(line)) and m.group(2).isupper():
            out.append(f"**{line}**")
        elif m := HEADING_RE.match(line):
            out.extend([f"**{m.group(1)}", f"{m.group(2)}**"])
        else:
            out.append(DASH_RE.sub("* ", line))
    return out


LAYOUTS = {"rewrap": rewrap, "pages": pages, "blank": blank, "blank_pages": blank_pages, "markdown": markdown}


def redraw(text: str, layout: str) -> str:
    """``text`` drawn in ``layout`` (a name of LAYOUTS)."""
    return "\n".join(LAYOUTS[layout](text.split("\n")))
