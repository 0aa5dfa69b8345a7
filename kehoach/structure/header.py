"""The document header: kind, number, issuer, place, date and title (trích yếu)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import re

from kehoach.lines import patterns as P
from kehoach.structure.spacing import join_letter_spacing

# How far above the number line the issuer's name may stand, above the type word the number, and above
# the number the place and date, in lines with text (a blank line after every line does not count)
ISSUER_WINDOW, NUMBER_WINDOW, DATE_WINDOW = 14, 40, 6
# Header words that open a new body name; anything else continues the previous line's name.
ISSUER_HEAD_RE = re.compile(
    r"^(?:SỞ|BAN|BỘ|ỦY\s+BAN|UỶ\s+BAN|UBND|ĐẢNG\s+(?:ĐOÀN|ỦY|UỶ|BỘ)|TỈNH\s+(?:ỦY|UỶ)|THÀNH\s+(?:ỦY|UỶ)|HUYỆN\s+(?:ỦY|UỶ)"
    r"|HỘI\s+ĐỒNG|THỦ\s+TƯỚNG|VĂN\s+PHÒNG|CÔNG\s+AN|CỤC|TỔNG\s+CỤC|CHI\s+CỤC|ĐOÀN|HỘI|MẶT\s+TRẬN|TRUNG\s+TÂM|PHÒNG)\b"
)
# A body that decides, printed on its own line under the trích yếu: "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
AUTHORITY_RE = re.compile(r"^(?:ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN|UBND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|BAN\s+THƯỜNG\s+VỤ"
                          r"|BAN\s+CHẤP\s+HÀNH|BAN\s+CÁN\s+SỰ|ĐẢNG\s+ĐOÀN)\b")
# A parent body printed alone above a party document: the real issuer is the one signed for.
PARENT_ONLY_RE = re.compile(r"^BAN\s+CH[ẤẮ]\w*P\s+HÀNH\s+TRUNG\s+ƯƠNG(?:\s+ĐẢNG)?$")
KIND_BY_TYPE = (
    ("KẾ HOẠCH", "ke_hoach"), ("CHƯƠNG TRÌNH", "chuong_trinh"), ("QUYẾT ĐỊNH", "quyet_dinh"),
    ("NGHỊ QUYẾT", "quyet_dinh"),
)
# "45/KH-UBND" -> ke_hoach; "31-CTr/TW" -> chuong_trinh; "2623/QĐ-TTg" -> quyet_dinh
KIND_BY_CODE_RE = (
    (re.compile(r"(?:^|[-/])KH(?:[-/]|$)", re.IGNORECASE), "ke_hoach"),
    (re.compile(r"(?:^|[-/])CTr(?:[-/]|$)", re.IGNORECASE), "chuong_trinh"),
    (re.compile(r"(?:^|[-/])QĐ(?:[-/]|$)", re.IGNORECASE), "quyet_dinh"),
)
# A text that talks about a plan without being one: a press report.
MENTIONS_PLAN_RE = re.compile(r"\b(?:kế\s+hoạch|chương\s+trình\s+hành\s+động|quyết\s+định)\b", re.IGNORECASE)


def reach(lines: list[str], at: int, count: int) -> int:
    """The index ``count`` lines with text after ``at`` (before it, for a negative count), or the text's
    edge: blank lines, which some layouts put after every line, do not count.

    >>> reach(["ỦY BAN NHÂN DÂN", "", "TỈNH ĐÔNG SƠN", "", "Số: 12/KH-UBND"], 4, -2)
    0
    >>> reach(["Nơi nhận:", "", "- Lưu: VT.", "", "", "CHỦ TỊCH"], 0, 2)
    5
    """
    step, i, seen = (1 if count > 0 else -1), at, 0
    while 0 <= i + step < len(lines) and seen < abs(count):
        i += step
        seen += bool(lines[i].strip())
    return i


@dataclass
class Header:
    kind: str = "khac"
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    type_line: int | None = None  # 0-based index of the physical line with the type word
    body_start: int = 0  # 0-based physical line where the body begins
    warnings: list[tuple[str, str, int | None]] = field(default_factory=list)


def find_type_line(lines: list[str]) -> int | None:
    """Index of the first line that is a document type word ('KẾ HOẠCH', 'QUYẾT ĐỊNH') in capitals."""
    limit = max(80, len(lines) // 3)
    for i, text in enumerate(lines[:limit]):
        if (m := P.DOC_TYPE_RE.match(text)) and _is_type_line(m):
            return i
    return None


def _is_type_line(m: re.Match[str]) -> bool:
    rest = m.group("doc_rest").strip()
    return not rest.startswith(":") and (not rest or (rest.isupper() and len(rest) < 120))


def extract_header(lines: list[str], full_text: str) -> Header:
    """Read the header from cleaned physical lines (index i is source line i + 1)."""
    head = Header()
    head.type_line = find_type_line(lines)
    zone_end = head.type_line if head.type_line is not None else min(len(lines), 25)
    lines = [join_letter_spacing(text) for text in lines[:zone_end + 1]] + lines[zone_end + 1:]  # "ỦY B AN" -> "ỦY BAN"
    number_at = _find_number(lines, zone_end, head)
    _find_place_date(lines, number_at, zone_end, head)
    head.issuer = _find_issuer(lines, number_at if number_at is not None else zone_end, head.type_line is not None)
    if head.type_line is not None:
        head.title, head.body_start = _find_title(lines, head.type_line)
        type_word = " ".join(P.DOC_TYPE_RE.match(lines[head.type_line]).group("doc_type").split())
        head.kind = next((k for w, k in KIND_BY_TYPE if type_word.startswith(w)), "khac")
    elif head.number:
        head.kind = next((k for rule, k in KIND_BY_CODE_RE if rule.search(head.number)), "khac")
    elif number_at is None and MENTIONS_PLAN_RE.search(full_text):
        head.kind = "bao_chi"  # an official letter has a 'Số:' line, even a blank one; a press report has none
    return head


def _find_number(lines: list[str], zone_end: int, head: Header) -> int | None:
    """The 'Số: 45/KH-UBND' line nearest above the type word; a blank number warns."""
    for i in range(zone_end - 1, reach(lines, zone_end, -NUMBER_WINDOW) - 1, -1):
        for cell in lines[i].split("|"):
            if m := P.NUMBER_LINE_RE.search(cell.strip()):
                number = re.sub(r"\s+", "", m.group("doc_number"))
                if number[0] in "/-":
                    head.warnings.append(("number_blank", f"the document number is blank: {cell.strip()!r}", i + 1))
                else:
                    head.number = number
                return i
    return None


def _find_place_date(lines: list[str], number_at: int | None, zone_end: int, head: Header) -> None:
    start = reach(lines, number_at if number_at is not None else zone_end, -DATE_WINDOW)
    window = " ".join(cell for text in lines[start:zone_end + 1] for cell in text.split("|"))
    if m := P.PLACE_DATE_RE.search(window):
        head.place = m.group("place").strip()
        if m.group("day") and m.group("month"):
            try:
                year, month, day = (int(m.group(k).replace(" ", "")) for k in ("year", "month", "day"))
                head.date = dt.date(year, month, day)
            except ValueError:
                head.warnings.append(("date_invalid", f"impossible date in header: {m.group(0)!r}", None))


def _header_cells(lines: list[str], end: int) -> list[str]:
    """Upper-case header cells above ``end``, motto and separators cut away."""
    cells: list[str] = []
    for text in lines[reach(lines, end, -ISSUER_WINDOW):end]:
        for cell in text.split("|"):
            cell = re.split(r"-{3,}|_{3,}", cell)[0]
            if m := P.MOTTO_RE.search(cell):
                cell = cell[:m.start()]
            cell = cell.strip(" *-–")
            if P.NUMBER_LINE_RE.search(cell) or P.PLACE_DATE_RE.search(cell):
                continue
            letters = [c for c in cell if c.isalpha()]
            if len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.9:
                cells.append(" ".join(cell.split()))
    return cells


def _find_issuer(lines: list[str], end: int, has_type: bool) -> str | None:
    """'ỦY BAN NHÂN DÂN' + 'THÀNH PHỐ HÀ NỘI' -> one name; 'UBND TỈNH LÀO CAI' + 'SỞ CÔNG THƯƠNG' -> the last."""
    if not has_type and end == 0:
        return None
    names: list[str] = []
    for cell in _header_cells(lines, end):
        if not names or ISSUER_HEAD_RE.match(cell):
            names.append(cell)
        else:
            names[-1] = f"{names[-1]} {cell}"
    if not names or PARENT_ONLY_RE.match(names[-1]):
        return None
    return names[-1]


def _ends_title(text: str) -> bool:
    """The line after the trích yếu: the authority that decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...",
    "ỦY BAN NHÂN DÂN HUYỆN ..."), or the body's first part ("PHẦN THỨ NHẤT")."""
    return bool(P.POSITION_RE.match(text) or AUTHORITY_RE.match(text) or P.PART_SECTION_RE.match(text))


def _goes_on_in_capitals(parts: list[str], nxt: str) -> bool:
    """A trích yếu in capitals goes on across a blank line in capitals: "QUYẾT ĐỊNH BAN" + blank + "HÀNH KẾ HOẠCH
    ..." (a layout that puts a blank line after every line)."""
    return parts[-1].isupper() and nxt.isupper() and not (_ends_title(nxt) or P.PREAMBLE_RE.match(nxt)
                                                          or P.ROMAN_SECTION_RE.match(nxt) or P.DOC_TYPE_RE.match(nxt))


def _find_title(lines: list[str], type_line: int) -> tuple[str | None, int]:
    """The trích yếu: the lines after the type word up to the first paragraph break, the preamble, or the
    line of the authority that decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...")."""
    rest = P.DOC_TYPE_RE.match(lines[type_line]).group("doc_rest").strip()
    parts = [rest] if rest else []
    i = type_line + 1
    while i < len(lines) and not lines[i] and i - type_line < 4:
        i += 1
    while i < len(lines):
        text = lines[i]
        if not text:
            nxt = next((j for j in range(i, min(i + 3, len(lines))) if lines[j]), None)
            if nxt is not None and parts and (lines[nxt][0].islower() or _goes_on_in_capitals(parts, lines[nxt])):
                i = nxt
                continue
            break
        preamble = text[0].isupper() and P.PREAMBLE_RE.match(text)  # not the title's own "... thực hiện Chỉ thị"
        if parts and (preamble or _ends_title(text) or len(parts) >= 8) or P.ROMAN_SECTION_RE.match(text):
            break
        parts.append(text)
        i += 1
    title = " ".join(" ".join(parts).split()) or None
    return title, i
