"""Cited documents: every distinct numbered document the text mentions, first mention wins."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import re

from kehoach.lines import patterns as P
from kehoach.models import Reference

# Canonical spelling of each document type, keyed by its lower-case, single-spaced form.
TYPE_NAMES = {
    name.lower(): name
    for name in (
        "Nghị quyết", "Nghị định", "Quyết định", "Kết luận", "Chỉ thị", "Thông tư", "Thông tư liên tịch",
        "Hướng dẫn", "Kế hoạch", "Chương trình", "Chương trình hành động", "Công văn", "Thông báo", "Quy định",
        "Luật", "Pháp lệnh", "Văn bản", "Tờ trình", "Báo cáo", "Đề án", "Công điện",
    )
}
# The code after the number must name a document kind: "13-NQ/TW", "1740/QĐ-UBND", "30/2020/NĐ-CP"
CODE_RE = re.compile(P.uni(r"\p{Lu}"))
# Without a type word, the number itself must look like a document's: "13-NQ/TW", "30/2020/NĐ-CP"
DOC_CODE_RE = re.compile(P.uni(r"\d[-/]\p{Lu}+[/-]\p{Lu}|\d/\d{4}/\p{Lu}"))


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    nums = re.findall(r"\d+", text)
    try:
        return dt.date(int(nums[2]), int(nums[1]), int(nums[0]))
    except (ValueError, IndexError):
        return None


def _type_name(matched: str | None) -> str | None:
    """Canonical type: 'QUYẾT ĐỊNH' -> 'Quyết định'; 'Luật Lâm nghiệp' -> 'Luật'."""
    if not matched:
        return None
    key = " ".join(matched.lower().split())
    if key in TYPE_NAMES:
        return TYPE_NAMES[key]
    return next((name for low, name in TYPE_NAMES.items() if key.startswith(low + " ")), None)


# Nothing between a citation's start and its number is one of these: "Nghị quyết số |13-NQ/TW".
STOP_RE = re.compile(r"[,;.()\d]")
NUMBER_DIGITS = 5  # a number has at most this many digits before its code ("12345/QĐ-UBND")


def _citations(text: str) -> Iterator[re.Match[str]]:
    """What REFERENCE_RE.finditer(text) gives, scanning only near the numbers.

    Every citation holds a number with a code (REFERENCE_HINT_RE, at the number's last digit), and
    nothing between the citation's start and its number is a digit or one of ",;.()": so the
    leftmost citation at or after ``pos`` starts after the last such character before the next
    number, and the scan can begin there instead of at ``pos``.
    """
    if "/" not in text and "-" not in text:
        return  # every hint holds one of them: most paragraphs are answered without a scan
    pos = 0
    while hint := P.REFERENCE_HINT_RE.search(text, pos):
        limit = max(pos, hint.start() - (NUMBER_DIGITS - 1))
        before = text[pos:limit][::-1]
        stop = STOP_RE.search(before)
        m = P.REFERENCE_RE.search(text, limit - stop.start() if stop else pos)
        if m is None:
            return
        yield m
        pos = m.end()


def _is_form(text: str, m: re.Match[str]) -> bool:
    """The number is a form's: "(Mẫu số 02/BB-KT)"."""
    start = m.start("ref_number")
    return bool(P.FORM_NUMBER_BEFORE_RE.search(text, max(0, start - FORM_LOOKBACK), start))


FORM_LOOKBACK = 16  # "Biểu mẫu số: " and some spaces


def find_references(paragraphs: list[str], own_number: str | None) -> list[Reference]:
    """References in reading order: 'Nghị quyết số 13-NQ/TW, ngày 02/4/2022 của Bộ Chính trị' -> one."""
    seen = {own_number.replace(" ", "").upper()} if own_number else set()
    out: list[Reference] = []
    for text in paragraphs:
        for m in _citations(text):
            number = re.sub(r"\s+", "", m.group("ref_number"))
            code = number.split("/", 1)[-1] if "/" in number else number
            key = number.upper()
            if key in seen or not CODE_RE.search(code) or re.fullmatch(r"[\d/.-]+", number):
                continue
            if not m.group("ref_type") and (not DOC_CODE_RE.search(number) or _is_form(text, m)):
                continue
            if any(known.startswith(key) and known[len(key)] in "/-" for known in seen if len(known) > len(key)):
                continue  # a later, shortened mention: "Nghị quyết liên tịch số 102/2025/NQLT" after its full number
            seen.add(key)
            ref_type = m.group("ref_type")
            issuer = None
            if im := P.REFERENCE_ISSUER_RE.match(text, m.end()):
                issuer = " ".join(im.group("ref_issuer").split())
            out.append(Reference(
                type=_type_name(ref_type),
                number=number, date=_date(m.group("ref_date")), issuer=issuer,
                text=" ".join(m.group(0).split()).rstrip(", "),
            ))
    return out
