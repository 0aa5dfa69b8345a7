"""A task table OCR'd from a scan (structure/tables.py reads the tables): the column separators are
lost or unreliable ("|" in odd places, single blanks between cells, stray marks such as "¬" or
"——"), so no column span can be read off the text. A reader still reads it:

* the header is the line that opens with the number column and names the task column ("STT Nhiệm
  vụ cụ thể ..."); the words around it say which assignment columns the table has;
* a group row opens with a Roman numeral ("II | Hoàn thiện thể chế ...");
* a task row starts where its task cell starts: a line opening with a capital, with the row's
  number on it or on one of the next lines (a wrapped cell puts the number on its middle line);
* the task cell is the first column's text of each line of the row: the text before the first "|"
  and before the first body name ("Bộ ...", "Các tỉnh ..."); the first body name after it opens
  the lead cell, the next one the coordinating cell; the time is "Thường xuyên" or a year;
* a line that is no text (a page OCR'd upside down) ends the row; a run of them ends the table.
"""
from __future__ import annotations

import re

from kehoach.lines.paragraphs import clean_line, kind_of

# "STT Nhiệm vụ cụ thể tổ chức đảng tổ chức đảng —— ¬ _ Nguồn lực"
OCR_HEADER_RE = re.compile(r"^(?:S\.?TT|TT)\s+(?:Nhiệm\s+vụ|Nội\s+dung|Tên\s+nhiệm\s+vụ)\b", re.IGNORECASE)
# "Cơ quan chủ trì" / "tổ chức đảng phối hợp" anywhere in the header's lines
LEAD_WORDS_RE = re.compile(r"chủ\s+trì", re.IGNORECASE)
COORDINATING_WORDS_RE = re.compile(r"phối\s+hợp", re.IGNORECASE)
# A group row: "II | Hoàn thiện thể chế, chính sách", "V_ | Bảo vệ tài nguyên"
GROUP_ROW_RE = re.compile(r"^(?P<label>[IVX]{1,4})[\s_.|]+(?P<text>[A-ZĐÀ-Ỹ].{10,})$")
# A row number at the start of a line, clean or garbled: "1 lối ...", "13. |", "4-- |", "l2 |"
ROW_NUMBER_RE = re.compile(r"^(?P<number>\d{1,2}|l\d)(?:\s*[.\-]+)?(?=\s|\||$)\s*\|?\s*")
# Stray OCR marks at the start of a cell: "- | bảo vệ", ". | Về nâng cao", "` Íthúc"
LEADING_NOISE_RE = re.compile(r"^[\s\-–—.,:;`'‘’\"^¬_|=~*]+")
# A body name opening a cell: "Ban Tuyên giáo", "|BộNông nghiệp", "Các tỉnh, thành phố", "Mặt trận Tổ quốc"
BODY_OPENER_RE = re.compile(
    r"(?<!\w)(?:Bộ|Ban|Sở|Mặt\s+trận|Ủy\s+ban|Uỷ\s+ban|UBND|Đảng\s+(?:ủy|uỷ)|Các\s+(?:bộ|tỉnh|sở|cơ\s+quan|ban|xã|huyện|phường|đơn\s+vị|địa\s+phương))"
    r"(?=\s*[A-ZĐÀ-Ỹa-zđ,])")
# A time cell: "Thường xuyên" (its second word often on the next line), "2026 - 2030", "2027"
TIME_RE = re.compile(r"(?P<ongoing>Thường)(?:\s+xuyên)?|\b20\d\d(?:\s*[-–—]\s*20\d\d)?\b")
ONGOING = "Thường xuyên"
# A word of running text: letters with a trailing comma or full stop at most
WORD_RE = re.compile(r"^[^\W\d_]+[,.;:]?$")
# A word holding a letter (numbers and marks say nothing of whether a line is text)
LETTERED_RE = re.compile(r"[^\W\d_]")
# A stray OCR mark where a cell ends: "¬", "——", "___ò", "`", a lone ":" or "?"
CELL_END_RE = re.compile(r"\s(?:\S*[¬—_`^=~]\S*|[:?;])(?=\s|$)")
# Fewer words of text than this share on a line: OCR of an upside-down page
TEXT_SHARE_MIN = 0.7
# This many lines of no text in a row end the table.
NOISE_RUN_MAX = 3
# A row's number is on its first line or one of this many lines of text after it.
NUMBER_REACH = 3
# The header's assignment words are within this many lines of its task word.
HEADER_REACH = 2

HEADER_STT, HEADER_TASK, HEADER_LEAD, HEADER_COORDINATING, HEADER_TIME = (
    "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")


def ocr_header(line: str) -> bool:
    """The line opens an OCR'd task table's header: 'STT Nhiệm vụ cụ thể ...'."""
    return bool(OCR_HEADER_RE.match(line.strip()))


def ocr_table(raw: list[str], start: int) -> tuple[list[str], list[tuple[list[str], int]], int] | None:
    """The header cells, rows (cells, 0-based line) and 1-based end of the OCR'd table whose header
    line is ``start``, or None when the header names no assignment column."""
    around = " ".join(raw[max(0, start - HEADER_REACH):start + HEADER_REACH + 1])
    if not LEAD_WORDS_RE.search(around):
        return None
    coordinating = bool(COORDINATING_WORDS_RE.search(around))
    header = [HEADER_STT, HEADER_TASK, HEADER_LEAD] + ([HEADER_COORDINATING] if coordinating else []) + [HEADER_TIME]
    rows: list[tuple[list[str], int]] = []
    current: list[int] = []  # the lines of the task row being read
    noise = 0
    end = start + 1
    j = start + 1
    while j < len(raw):
        text = clean_line(raw[j])
        if not text:
            j += 1
            continue
        if ocr_header(text) or kind_of(text)[0] in ("section", "annex", "recipients"):
            break
        if not _is_text(text):  # skipped; a run of them is a page that is no text
            noise += 1
            if noise >= NOISE_RUN_MAX:
                break
            j += 1
            continue
        noise = 0
        end = j + 1
        if group := GROUP_ROW_RE.match(text):
            rows.extend(_task_row(raw, current, coordinating))
            current = []
            rows.append(([group["label"], group["text"]] + [""] * (len(header) - 2), j))
        elif _opens_row(raw, j):
            rows.extend(_task_row(raw, current, coordinating))
            current = [j]
        elif current:
            current.append(j)
        j += 1
    rows.extend(_task_row(raw, current, coordinating))
    return header, rows, end


def _is_text(text: str) -> bool:
    words = [w for w in text.split() if LETTERED_RE.search(w)]
    return sum(bool(WORD_RE.match(w)) for w in words) >= TEXT_SHARE_MIN * len(words)


def _clipped(cell: str) -> str:
    """A cell's text up to the first stray OCR mark."""
    return CELL_END_RE.split(cell, 1)[0].strip(" |:;,")


def _first_cell(text: str) -> str:
    """A line's text in the first column, its row number and stray marks dropped."""
    text = LEADING_NOISE_RE.sub("", ROW_NUMBER_RE.sub("", LEADING_NOISE_RE.sub("", text)))
    return text.split("|", 1)[0].strip()


def _opens_row(raw: list[str], j: int) -> bool:
    """A task row starts at line ``j``: its task cell opens with a capital, and the row's number is
    on this line or one of the next few."""
    cell = _first_cell(clean_line(raw[j]))
    if not cell[:1].isupper() or BODY_OPENER_RE.match(cell):
        return False
    near = [text for line in raw[j:j + 2 * NUMBER_REACH + 2] if (text := clean_line(line))][:NUMBER_REACH + 1]
    return any(ROW_NUMBER_RE.match(LEADING_NOISE_RE.sub("", text)) for text in near)


def _task_row(raw: list[str], lines: list[int], coordinating: bool) -> list[tuple[list[str], int]]:
    """The cells of the task row on ``lines``: [] when there is none."""
    if not lines:
        return []
    number, task, rest = "", [], []
    for j in lines:
        text = LEADING_NOISE_RE.sub("", clean_line(raw[j]))
        if (m := ROW_NUMBER_RE.match(text)) and not number:
            number = m["number"] if m["number"].isdigit() else ""
        cell = _first_cell(text)
        if (body := BODY_OPENER_RE.search(cell)) and body.start() > 0:
            cell = cell[:body.start()]
        rest.append(text[text.find(cell) + len(cell):] if cell else text)
        task.append(_clipped(cell))
    others = " | ".join(rest)
    bodies = [m.start() for m in BODY_OPENER_RE.finditer(others)]
    lead = _cell_at(others, bodies, 0)
    cells = [number, " ".join(filter(None, task)), lead]
    if coordinating:
        cells.append(_cell_at(others, bodies, 1))
    time = TIME_RE.search(others)
    cells.append("" if time is None else ONGOING if time["ongoing"] else time.group())
    return [(cells, lines[0])]


def _cell_at(text: str, bodies: list[int], k: int) -> str:
    """The k-th body name's cell: from its opener to the next "|" or the next body name."""
    if k >= len(bodies):
        return ""
    stop = bodies[k + 1] if k + 1 < len(bodies) else len(text)
    return _clipped(text[bodies[k]:stop].split("|", 1)[0])
