"""Hot patterns respelt for speed: the spelling they had before, kept here, and theirs give the same matches."""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from pathlib import Path

import pytest

from conftest import SHARED
from kehoach.lines import patterns as P

ROOT = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "corpus"

# The labelled fields before their look ahead at the first letter
_EARLIER_LEAD = r"^(?:(?:[-–—+*•]|[a-zđ]\)|\d{1,2}[.)])\s*)?"
_EARLIER_FIELDS = "(?:" + "|".join(f"(?P<field{i}>{body})" for i, (_, body) in enumerate(P._FIELD_BODIES)) + ")"

# (name in kehoach.lines.patterns, its earlier spelling)
EARLIER = (
    ("FIELD_RE", _EARLIER_LEAD + _EARLIER_FIELDS + r"\s*:\s*(?P<value>.*)$"),
    ("FIELD_HEADING_RE", _EARLIER_LEAD + _EARLIER_FIELDS + P._FIELD_HEADING_TAIL),
    # written with "(?:...)?" and "\s*:?\s*"
    ("REFERENCE_RE",
     r"(?P<ref_type>(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?:\s+[^\s,;.()\d]+){0,14}?(?=\s+số\s)|Nghị\s+quyết|Nghị\s+định"
     r"|Quyết\s+định|Kết\s+luận|Chỉ\s+thị|Thông\s+tư(?:\s+liên\s+tịch)?|Hướng\s+dẫn"
     r"|Kế\s+hoạch|Chương\s+trình(?:\s+hành\s+động)?|Công\s+văn|Thông\s+báo|Quy\s+định|Luật|Pháp\s+lệnh|Văn\s+bản|Tờ\s+trình"
     r"|Báo\s+cáo|Đề\s+án|Công\s+điện)?"
     r"(?:\s+s[ốo])?\s*:?\s*"
     r"(?P<ref_number>\d{1,5}(?:\s*/\s*\d{4})?\s*(?:[/-]\s*|\s+-)[A-ZĐ][\wĐđ&]*(?:\s*[/-]\s*[A-ZĐ0-9][\wĐđ&]*){0,4})"
     r"(?P<ref_tail>(?:\s*,)?\s*(?:ngày\s*(?P<ref_date>\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}\s*(?:/|-|\.|\s+năm\s+)"
     r"\s*\d{4}))?)"),
    # opened with its lookbehinds, not its first blank
    ("SENTENCE_BREAK_RE", P.uni(r"(?<=[.!?])(?<![Tt][Pp]\.)(?<!\b\p{Lu}\.)(?<!\d\.)(?<!\bv\.v\.)\s+(?=[\p{Lu}\"“])")),
)
# Lines that test the respelt parts at their edges: a colon with and without blanks, "so" for "số", no type word;
# sentences after "TP.", an initial, a number, "v.v.", and after two blanks
EDGES = ("K) Đơn vị chủ trì: Sở Y tế", "ĐƠN VỊ PHỐI HỢP", "a) Cơ quan chủ trì, phối hợp.", "- chủ trì: Sở A",
         "tại TP. Hồ Chí Minh. Sở Y tế", "ông A. Nguyễn", "Điều 1. Ban hành", "các sở v.v. Các đơn vị", "xong.  Tiếp",
         "hết!\t“Trích”", "Quyết định số: 12/QĐ-UB", "Quyết định số:12/QĐ-UB", "Kế hoạch :  45/KH-UBND", "Tờ trình so 5120/TTr-SXD",
         "theo số 7-KL/TW", "số ::12/QĐ-UB", "LUẬT ĐẤT ĐAI SỐ 31/2024/QH15", "Luật Lâm nghiệp số 16/2017/QH14 ngày 15/11/2017")


def _lines() -> list[str]:
    """Every line of our samples and fixture documents, and of the real corpus when it is there."""
    paths = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt")),
             *(sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])]
    lines = {line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return [*EDGES, *sorted(lines)]


@pytest.mark.parametrize(("name", "earlier"), EARLIER, ids=[name for name, _ in EARLIER])
def test_same_matches(name: str, earlier: str) -> None:
    respelt = getattr(P, name)
    before = re.compile(earlier, respelt.flags)
    assert before.pattern != respelt.pattern
    for line in _lines():
        assert [(m.span(), m.groupdict()) for m in respelt.finditer(line)] == \
            [(m.span(), m.groupdict()) for m in before.finditer(line)], line


def _starts(seq) -> tuple[set[str], bool]:
    """The letters a parsed sequence of words and groups can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, av in seq:
        if op is C.LITERAL:
            return out | {chr(av)}, False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN:
            found, empty = _starts(av[3])
        elif op is C.BRANCH:
            parts = [_starts(alternative) for alternative in av[1]]
            found, empty = set().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        elif op is C.MAX_REPEAT:
            found, empty = _starts(av[2])
            empty = empty or av[0] == 0
        else:
            raise AssertionError(f"no rule for {op} at a label's start")
        out |= found
        if not empty:
            return out, False
    return out, True


# (words behind a look ahead at their first letters, those letters)
LOOKED_AHEAD = (("reference types", P.REFERENCE_TYPE, P.REFERENCE_TYPE_INITIALS),
                ("field labels", P._FIELD_ALTERNATIVES, P.FIELD_INITIALS))


@pytest.mark.parametrize(("source", "letters"), [row[1:] for row in LOOKED_AHEAD], ids=[row[0] for row in LOOKED_AHEAD])
def test_look_ahead_lets_every_word_through(source: str, letters: str) -> None:
    initials, empty = _starts(_parser.parse(source))
    assert initials and not empty and {c.lower() for c in initials} <= set(letters)
