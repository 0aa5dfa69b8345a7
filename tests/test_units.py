"""kehoach.tasks.unit_lists: split_units, is_body, leading_body over the TSV fixtures (ids = file:line)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from kehoach.tasks.names import fold
from kehoach.tasks.unit_lists import coordinating_bodies, is_body, leading_body, split_units

FIXTURES = Path(__file__).parent / "fixtures"


def _rows(name: str, columns: int) -> list:
    """The data rows of a fixture file as pytest params with id "file:line"; '\\n' in text is a newline."""
    params = []
    for no, line in enumerate((FIXTURES / name).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) == columns, f"{name}:{no}: want {columns} tab-separated cells, got {len(cells)}"
        cells[columns - 2] = cells[columns - 2].replace("\\n", "\n")
        params.append(pytest.param(*cells, id=f"{name}:{no}"))
    return params


@pytest.mark.parametrize(("text", "expected"), _rows("units.tsv", 2))
def test_split_units(text: str, expected: str) -> None:
    assert split_units(text) == json.loads(expected)


BODY_ROWS = _rows("bodies.tsv", 3)


def _body_rows(function: str) -> list:
    return [p for p in BODY_ROWS if p.values[0] == function]


@pytest.mark.parametrize(("function", "text", "expected"), _body_rows("is_body"))
def test_is_body(function: str, text: str, expected: str) -> None:
    assert expected in ("true", "false")
    assert is_body(text) is (expected == "true")


@pytest.mark.parametrize(("function", "text", "expected"), _body_rows("leading_body"))
def test_leading_body(function: str, text: str, expected: str) -> None:
    found = leading_body(text)
    if not expected:
        assert found is None
        return
    assert found is not None
    subject, rest = found
    assert subject == expected
    assert rest and text.rstrip().endswith(rest)  # the rest is the sentence's own tail


@pytest.mark.parametrize(("function", "text", "expected"), _body_rows("coordinating_bodies"))
def test_coordinating_bodies(function: str, text: str, expected: str) -> None:
    assert coordinating_bodies(text) == json.loads(expected)


def test_fixture_files_are_big_enough() -> None:
    assert len(_rows("units.tsv", 2)) >= 40
    assert len(BODY_ROWS) >= 40


def test_fold_keeps_length_and_evens_out_tone_placement() -> None:
    for text in ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Thuỵ, khoẻ, quý, hoàn", "ǅ İstanbul"):
        assert len(fold(text)) == len(text)
    assert fold("Uỷ ban Khánh Hoà") == fold("Ủy ban Khánh Hòa") == "ủy ban khánh hòa"


def test_decomposed_input_is_read_as_composed() -> None:
    text = unicodedata.normalize("NFD", "Sở Kế hoạch và Đầu tư, Sở Y tế")
    assert split_units(text) == ["Sở Kế hoạch và Đầu tư", "Sở Y tế"]


@pytest.mark.parametrize("text", [
    "Sở Kế hoạch và Đầu tư, các sở, ban, ngành và địa phương; " * 15000,
    "a, " * 300000,
    "và " * 300000,
    "Các bộ, ngành" + ", địa phương" * 60000 + " liên quan",
    "Sở Y tế" + "." * 500000 + " x",
    "UBND, " * 100000,
])
def test_long_lines_finish_with_pieces_of_the_text(text: str) -> None:
    """Pathological lists end (their time is measured by benchmarks/bench.py, not asserted here)."""
    flat = " ".join(text.split())
    assert all(unit in flat for unit in split_units(text))
    is_body(text)
    lead = leading_body(text)
    assert lead is None or lead[0] in flat


# --- properties -----------------------------------------------------------------------------------


_PIECES = ["Sở Y tế", "Bộ Kế hoạch và Đầu tư", "các sở, ban, ngành", "địa phương", "UBND các xã, phường",
           "Ban Tuyên giáo và Dân vận", "liên quan", "Uỷ ban", "(Sở Nội vụ)", "lĩnh vực", "Văn hoá, Thể thao"]
_SEPARATORS = [", ", "; ", " và ", " ", ",", "\n", " - ", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=12))
def test_units_are_pieces_of_the_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + sep for piece, sep in parts)
    flat = " ".join(text.split())
    units = split_units(text)
    assert all(unit and unit in flat for unit in units)
    assert all(not unit.endswith((",", ";", ".", " ")) for unit in units)
    is_body(text)
    leading_body(text)


# --- the shared corpus, when it sits beside the project ------------------------------------------

CORPUS = SHARED / "corpus"
_LABEL_RE = re.compile(r"^[\s\-+*•]*(?:[a-zđ]\)\s*)?\**\s*(?:(?:đơn vị|cơ quan)[^:\n|]{0,40}?)?"
                       r"(?:chủ trì|phối hợp|thực hiện)[^:\n|]{0,40}?:\s*\**\s*(.*)$", re.I)
_STOP_RE = re.compile(r"^\s*$|^[\s\-+*•]*(?:[a-zđ0-9]+[).]\s)|^[\s\-+*•]*\**\s*(?:(?:đơn vị|cơ quan)[^:\n]{0,40}:"
                      r"|thời gian|thời hạn|sản phẩm|tiến độ|nội dung)", re.I)
_KEY_RE = re.compile(r"[\s,;.:*]+|\bvà\b")


def _label_values(text: str) -> list[str]:
    """The value after every "chủ trì:" / "phối hợp:" label, wrapped lines joined."""
    lines, values = text.split("\n"), []
    for i, line in enumerate(lines):
        m = _LABEL_RE.match(line)
        if not m or "|" in line or not m.group(1).strip():
            continue
        parts = [m.group(1)]
        for nxt in lines[i + 1:]:
            if _STOP_RE.match(nxt) or _LABEL_RE.match(nxt):
                break
            parts.append(nxt)
        values.append(" ".join(p.strip() for p in parts))
    return values


def _key(text: str) -> str:
    return _KEY_RE.sub("", unicodedata.normalize("NFC", text).casefold())


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shared corpus not present")
def test_corpus_label_values_split_like_the_gold() -> None:
    """Every labelled unit list whose words match a gold list splits into that list."""
    total = agree = 0
    for gold_file in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not gold["file"].endswith(".txt"):  # a Word original (real-040.docx) is not text to split
            continue
        lists = {_key("".join(units)): units for task in gold.get("tasks", [])
                 for units in (task.get("lead_units"), task.get("coordinating_units")) if units}
        text = (CORPUS / gold["file"]).read_text(encoding="utf-8")
        for value in _label_values(text):
            expected = lists.get(_key(value))
            if expected is not None:
                total += 1
                agree += [u.casefold() for u in split_units(value)] == [u.casefold() for u in expected]
    assert total >= 50
    assert agree / total >= 0.95, f"{agree}/{total}"
