"""Split normalised text into physical lines, clean them, and join them into classified paragraphs.

Two passes, as in mistune: ``clean_line`` looks at one line alone; ``join_paragraphs`` glues
hard-wrapped lines back together (keeping the first line's 1-based number) and
``classify`` gives each paragraph a kind from the first rule that matches.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from kehoach.lines import patterns as P
from kehoach.lines.fields import first_field
from kehoach.lines.memo import per_parse
from kehoach.lines.prefilter import Prefiltered
from kehoach.lines.titles import read_title
from kehoach.lines.widths import WRAP_FULL, WRAP_INDENT, Widths

LineKind = Literal["blank", "section", "annex", "doc_type", "article", "recipients", "item", "field", "row", "text"]

TERMINAL_PUNCT = ".;:!?"
# A running header or footer: a short line with a number, repeated on this many pages at least.
RUNNING_MAX_CHARS = 40
RUNNING_MIN_PAGES = 3
# A page number line is no longer than this: "===== Trang 12 =====", "Trang 12/150"
PAGE_MARK_MAX_CHARS = 24
# Text before a wide gap must be this long for the gap to count as a column break ("1.\tTổ chức" is no table).
COLUMN_MIN_CHARS = 8


@dataclass(slots=True)
class Line:
    """A paragraph: one or more physical lines joined, with the kind of its first line."""

    no: int
    text: str
    kind: LineKind = "text"
    end_no: int = 0
    label: str = ""
    style: str = ""
    body: str = ""
    groups: dict[str, str] = field(default_factory=dict)


@per_parse  # the table finders clean the same lines again (a cell's lines, a row's neighbours)
def clean_line(raw: str) -> str:
    """Drop markdown decoration and edge space: '**I. MỤC ĐÍCH,**' -> 'I. MỤC ĐÍCH,'."""
    text = raw.strip()
    if not text:
        return ""
    if text[0] in "#>" or "*" in text or "__" in text:
        star_bullet = text.startswith("* ") or text.startswith("*\t") or (text.startswith("*  ") and len(text) > 3)
        text = text.lstrip("#> ").strip() if text[0] in "#>" else text
        text = P.MARKUP_INNER_RE.sub("", text).strip()
        if star_bullet and text:
            text = "* " + text.lstrip("* ")
    if not text or text[0] in P.NOISE_FIRST and P.NOISE_LINE_RE.match(text):
        return ""
    if "  " not in text and "\t" not in text and text.isprintable():
        return text  # single spaces already: most lines
    return _columns(text)


def _columns(text: str) -> str:
    """Single spaces, but a wide gap after some text is a column break of a layout without rules.

    'BAN CHẤP HÀNH TRUNG ƯƠNG          ĐẢNG CỘNG SẢN VIỆT NAM' -> 'BAN CHẤP HÀNH TRUNG ƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM'
    """
    if "|" in text:  # a ruled table pads its cells with spaces: those gaps are no columns
        return " ".join(text.split())
    out: list[str] = []
    pos = 0
    for m in P.COLUMN_GAP_RE.finditer(text):
        out.append(text[pos:m.start()])
        out.append(" | " if m.start() >= COLUMN_MIN_CHARS else " ")
        pos = m.end()
    out.append(text[pos:])
    return " ".join("".join(out).split())


@dataclass(frozen=True)
class Mark:
    """What a raw line shows besides its words: an odd count of '**' (bold left open), whether it
    starts or ends bold, and whether it is page furniture (a page number, a running header)."""

    odd: bool = False
    starts: bool = False
    ends: bool = False
    furniture: bool = False


PLAIN = Mark()
FURNITURE = Mark(furniture=True)


def physical_lines(text: str) -> tuple[list[str], list[Mark]]:
    """Cleaned physical lines (index i holds line i + 1) and each line's marks.

    Page furniture reads as blank and is marked so: a page number line ('3', '- 3 -', 'Trang 3'),
    and a short line with a number that recurs on every page ('18.CTRTW31.DOC 9', '18.CTRTW31.DOC 10'),
    a running header or footer.
    """
    raw = text.split("\n")
    cleaned = [clean_line(r) if r else "" for r in raw]  # blank lines are half of some documents
    marks = [Mark(r.count("**") % 2 == 1, r.lstrip().startswith("**"), r.rstrip().endswith("**"))
             if "**" in r else PLAIN for r in raw]
    # a cleaned line is never longer than its raw text: a long one is no page number, nor a running line
    # (and a page number's first character stays first once cleaned)
    furniture = [i for i, (r, t) in enumerate(zip(raw, cleaned)) if r and len(t) <= PAGE_MARK_MAX_CHARS
                 and (not t or t[0] in P.PAGE_MARK_FIRST) and _is_page_number(raw, i)]
    short = [(i, _shape(t)) for i, t in enumerate(cleaned) if 0 < len(t) <= RUNNING_MAX_CHARS and _may_run(t)]
    running = {shape for shape, n in Counter(shape for _, shape in short).items() if n >= RUNNING_MIN_PAGES}
    furniture += [i for i, shape in short if shape in running]
    for i in furniture:
        cleaned[i], marks[i] = "", FURNITURE
    return cleaned, marks


def _is_page_number(raw: list[str], i: int) -> bool:
    """'3', '- 3 -', 'Trang 3' alone on a line; a bare number between '|' lines is a table cell."""
    text = raw[i].strip()
    if not text or text[0] not in P.PAGE_MARK_FIRST or len(text) > PAGE_MARK_MAX_CHARS or not P.PAGE_MARK_RE.match(text):
        return False
    return not text.isdigit() or not (_next_text(raw, i, -1) == "|" or _next_text(raw, i, 1) == "|")


def _next_text(raw: list[str], i: int, step: int) -> str:
    """The nearest non-blank raw line before (step -1) or after (step 1) line index ``i``, stripped."""
    i += step
    while 0 <= i < len(raw) and not raw[i].strip():
        i += step
    return raw[i].strip() if 0 <= i < len(raw) else ""


def _may_run(text: str) -> bool:
    """A page furniture candidate: short, with a number, letters all in capitals ('18.CTRTW31.DOC 9')."""
    if not 0 < len(text) <= RUNNING_MAX_CHARS or not P.DIGITS_RE.search(text):
        return False
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 3 and not any(map(str.islower, letters))


def _shape(text: str) -> str:
    return P.DIGITS_RE.sub("#", text)


# Each item style's groups in P.ITEM_RE: "dash" -> ("dash_label", "dash_text")
ITEM_GROUPS = {style: (f"{style}_label", f"{style}_text") for style, _ in P.ITEM_SOURCES}


@per_parse  # a line is classified again once joined, and repeated lines are common
def kind_of(text: str) -> tuple[LineKind, dict[str, str]]:
    """The first rule that matches one cleaned line, with its groups; 'text' is the fallback."""
    if not text:
        return "blank", {}
    if "|" in text and P.PIPE_ROW_RE.match(text):
        return "row", {}
    if not P.STRUCTURE_START_RE.match(text):  # most lines: only a field label can make them more than text
        return ("text", {}) if first_field(text) is None else ("field", {})
    if text[0] in BLOCK_FIRST and (found := _block_kind(text)):
        return found
    if first_field(text) is not None:
        return "field", {}
    if m := P.ITEM_RE.match(text):
        style = m.lastgroup or ""
        label, body = m.group(*ITEM_GROUPS[style])
        return "item", {"style": style, "label": label, "text": body}
    return "text", {}


def _block_kind(text: str) -> tuple[LineKind, dict[str, str]] | None:
    """The kind of a line that opens a block (an annex, a type word, an article, the recipients, a section), or None.

    Only the rules that can match a line starting with its first character are tried: 'II. NỘI DUNG' tries the
    Roman and the letter section, '1. Sở Y tế' the OCR'd section only."""
    for rule, read in BLOCK_READERS_BY_FIRST.get(text[0], ()):
        if (m := rule.match(text)) and (found := read(rule, m)):
            return found
    return None


def _annex(rule: Prefiltered, m: re.Match[str]) -> tuple[LineKind, dict[str, str]]:
    return "annex", {k: v for k, v in m.groupdict().items() if v}


def _doc_type(rule: Prefiltered, m: re.Match[str]) -> tuple[LineKind, dict[str, str]] | None:
    """A type word alone or before more capitals ('KẾ HOẠCH', 'QUYẾT ĐỊNH BAN HÀNH ...'), not 'Kế hoạch: ...'."""
    rest = m.group("doc_rest")
    if not rest.lstrip().startswith(":") and (not rest.strip() or rest.strip().isupper()):
        return "doc_type", {"doc_type": m.group("doc_type")}
    return None


def _article(rule: Prefiltered, m: re.Match[str]) -> tuple[LineKind, dict[str, str]]:
    return "article", {"label": m.group("label"), "text": m.group("text")}


def _recipients(rule: Prefiltered, m: re.Match[str]) -> tuple[LineKind, dict[str, str]]:
    return "recipients", {"rest": m.group("rest")}


def _section(rule: Prefiltered, m: re.Match[str]) -> tuple[LineKind, dict[str, str]] | None:
    """A section whose title is in capitals (or, after a Roman numeral, is well-known words): 'II. NỘI DUNG'."""
    title = m.group("sec_title")
    if _is_heading_title(title, rule is P.PART_SECTION_RE) or rule is P.ROMAN_SECTION_RE and read_title(title)[1]:
        number = part_number(P.OCR_NUMERALS.get(m.group("sec_number"), m.group("sec_number")))
        return "section", {"number": number, "title": title.strip()}
    return None


SECTION_RULES = (P.PART_SECTION_RE, P.ROMAN_SECTION_RE, P.LETTER_SECTION_RE, P.OCR_SECTION_RE)
# The rules of a line that opens a block, in the order they are tried, each with what reads its match
BLOCK_READERS = ((P.ANNEX_RE, _annex), (P.DOC_TYPE_RE, _doc_type), (P.ARTICLE_RE, _article),
                 (P.RECIPIENTS_RE, _recipients), *((rule, _section) for rule in SECTION_RULES))
# The characters a block's line can start with ("PHỤ LỤC", "KẾ HOẠCH", "Điều 1.", "Nơi nhận:", "II. NỘI DUNG"):
# "- Tổ chức ...", "2. Sở Y tế ...", "(1) ..." try none of those rules
BLOCK_FIRST = frozenset().union(*(rule.starts for rule, _ in BLOCK_READERS))
# For each of those characters, the rules a line starting with it may match: 'P' -> the annex and the part
BLOCK_READERS_BY_FIRST = {first: tuple((rule, read) for rule, read in BLOCK_READERS if first in rule.starts)
                          for first in BLOCK_FIRST}


# "PHẦN THỨ NHẤT", "PHẦN THỨ HAI" ...
ORDINALS = {"NHẤT": 1, "HAI": 2, "BA": 3, "TƯ": 4, "BỐN": 4, "NĂM": 5, "SÁU": 6, "BẢY": 7, "TÁM": 8, "CHÍN": 9, "MƯỜI": 10}


def part_number(number: str) -> str:
    """A part's number as a numeral: 'THỨ HAI' -> '2', 'III' -> 'III', '2' -> '2'."""
    words = number.upper().split()
    if len(words) == 2 and words[0] == "THỨ" and words[1] in ORDINALS:
        return str(ORDINALS[words[1]])
    return number


def _is_heading_title(title: str, is_part: bool) -> bool:
    """A section title is written in capitals: 'NỘI DUNG, THỜI GIAN VÀ ĐƠN VỊ THỰC HIỆN'."""
    letters = list(filter(str.isalpha, title))
    if not letters:
        return is_part
    upper = sum(map(str.isupper, letters))
    return upper / len(letters) >= 0.75 and len(letters) >= 3


def _continues(head: LineKind, single: bool, last: str, nxt: str, nxt_kind: LineKind, nxt_groups: dict[str, str],
               blank_between: bool, bold_open: bool, widths: Widths, at: int, bold_closed: bool = False,
               bold_starts: bool = False) -> bool:
    """Whether line ``nxt`` (of kind ``nxt_kind``, with its ``nxt_groups``) continues the paragraph so far: it
    started as a ``head`` line, is ``single`` when it has one line yet, and ends with the physical line ``last``
    (everything is read off ``last`` and ``head``, so joining stays linear however long the paragraph grows);
    ``widths.at(at)`` tells the wrapping of the block of ``nxt`` (line index ``at``), when a rule needs it. A line of any kind but "text"
    opens a block of its own, and so does an item unless the line before stopped in the middle of a phrase;
    ``bold_closed`` tells that ``last`` closes bold (a heading's end), ``bold_starts`` that ``nxt`` opens it."""
    if head == "doc_type":
        return False
    if bold_open and nxt_kind in ("text", "doc_type", "annex"):
        return True
    if nxt_kind not in ("text", "item") or last[-1] in TERMINAL_PUNCT:
        return False
    dangling = last.endswith(P.DANGLING_ENDS) and P.DANGLING_END_RE.search(last, max(0, len(last) - P.DANGLING_END_CHARS))
    if nxt_kind == "item":  # a label after a sentence cut short is words of it: 'kinh tế' + '- xã hội', and
        # a full line of a hard-wrapped block cut after 'số' + '1. ...'
        if last[-1] in ",-–":
            return False
        if nxt_groups["text"][0].islower():
            return True
        if not (dangling and nxt[0].isdigit()) or blank_between:
            return False
        hard = widths.at(at).hard
        return bool(hard) and len(last) >= WRAP_FULL * hard
    if dangling:
        return True  # 'Đơn vị chủ trì: Các' + 'Sở, ngành, đơn vị.': a value never ends there
    bold_edge = bold_closed and bold_starts  # '...**' + '**...': one bold run ends where the next begins
    if bold_edge and blank_between and nxt[0].isalpha() and head != "section":
        return True  # '**3. Đề nghị ..., Hội Liên hiệp**' + blank + '**Phụ nữ Thành phố ...**': one heading
    if not blank_between and head == "field" and not last.endswith(":"):
        return True  # a field's value wrapped onto the next line
    first = nxt[0]
    if first.islower():
        return True
    if bold_starts and not bold_open and not bold_closed:
        return False  # 'HI- TỔ CHỨC THỰC HIỆN' + '**1.': a heading in bold starts after plain text
    if blank_between and first.isalpha() and not (last.isupper() or bold_closed) and (spaced := widths.spaced(at)):
        return len(last) >= WRAP_FULL * spaced.hard  # a hard-wrapped text spaced out: a full line goes on
    if blank_between or bold_edge and not first.isalpha():
        return False  # '**III. TỔ CHỨC THỰC HIỆN**' + '**1.' (the number of the next heading)
    if first.isdigit() or first in "(\"“":
        return True
    if last.isupper():  # 'I. MỤC ĐÍCH, YÊU CẦU' + 'Bảo đảm an toàn ...': a heading in capitals, then its text
        return nxt.isupper()
    wrap = widths.at(at)
    if wrap.hard:  # a full line goes on; so does a paragraph's first line cut short by its indent
        return len(last) >= WRAP_FULL * wrap.hard or (single and len(last) <= WRAP_INDENT * wrap.hard)
    return len(last) >= wrap.soft


def join_paragraphs(lines: list[str], marks: list[Mark]) -> list[Line]:
    """Join hard-wrapped lines: ['Đơn vị chủ trì: Công an Thành', 'phố.'] -> one paragraph at line 1.

    A page break (its number line and its margin, a blank line on either side) joins the lines on either side
    as if they were next to each other; a second blank line on one side is the text's own. Each line is
    classified once; a paragraph of one line keeps its line's kind, one of several lines is classified again
    as a whole.
    """
    out: list[Line] = []
    parts: list[str] = []  # the physical lines of the paragraph being built (out[-1])
    head: LineKind = "blank"
    blank_run, bold, page_break = 0, False, False
    margin = 0  # the blank lines before the page break's first furniture line
    last_mark = PLAIN  # the marks of the paragraph's last physical line
    widths = Widths(lines, {k for k, m in enumerate(marks) if m.furniture})
    for i, text in enumerate(lines, start=1):
        mark = marks[i - 1]
        if mark.furniture:
            margin = margin if page_break else blank_run
            blank_run, page_break = 0, True
            continue
        if not text:
            blank_run += 1
            continue
        if page_break:  # the margin: one blank line on each side of the page's number
            blank_run, page_break = max(0, margin - 1) + max(0, blank_run - 1), False
        kind, groups = kind_of(text)
        if parts and blank_run <= 3 and _continues(head, len(parts) == 1, parts[-1], text, kind, groups, blank_run > 0,
                                                   bold, widths, i - 1,
                                                   last_mark.ends, mark.starts):
            parts.append(text)
            out[-1].end_no = i
            bold = bold != mark.odd
        else:
            if parts:
                out[-1].text = " ".join(parts)
            parts, head = [text], kind
            out.append(Line(no=i, text=text, kind=kind, end_no=i, groups=groups))
            bold = mark.odd
        last_mark = mark
        blank_run = 0
    if parts:
        out[-1].text = " ".join(parts)
    for line in out:
        if line.end_no > line.no:  # joined: the whole may read otherwise than its first line
            line.kind, line.groups = kind_of(line.text)
        if line.kind == "item":
            groups = line.groups
            line.label, line.style, line.body = groups["label"], groups["style"], groups["text"]
    return out
