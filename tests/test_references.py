"""Cited documents: tests/fixtures/references.tsv (text, then [[type, number, date], ...])."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.lines import patterns as P
from kehoach.structure.references import _citations, find_references
from test_lines import rows


@pytest.mark.parametrize(("text", "expected"), rows("references.tsv"))
def test_references(text, expected):
    got = [[r.type, r.number, r.date.isoformat() if r.date else None] for r in find_references([text], None)]
    assert got == json.loads(expected)


def test_own_number_is_not_a_reference():
    assert find_references(["Kế hoạch số 57/KH-SNNMT ngày 14/3/2025"], "57/KH-SNNMT") == []


def _own_texts() -> list[str]:
    root = Path(__file__).resolve().parents[1]
    paths = [*sorted((root / "samples").glob("*.txt")), *sorted((root / "tests" / "fixtures").rglob("*.t[sx][vt]"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return [text, *text.split("\n")]


def test_the_near_number_scan_finds_what_a_full_scan_finds() -> None:
    texts = _own_texts()
    full = [[m.span() for m in P.REFERENCE_RE.finditer(t)] for t in texts]
    assert sum(map(len, full)) > 20
    assert [[m.span() for m in _citations(t)] for t in texts] == full


@given(st.lists(st.sampled_from(["Nghị quyết", "số", "13-NQ/TW", "12/2020/NĐ-CP", ",", ".", "(", ")", "ngày",
                                 "02/4/2022", "Luật Đất đai", "và", "3", ":", "Quyết định", "1740/QĐ-UBND", "  "]),
                max_size=30))
def test_the_near_number_scan_on_any_mix(words: list[str]) -> None:
    text = " ".join(words)
    assert [m.span() for m in _citations(text)] == [m.span() for m in P.REFERENCE_RE.finditer(text)]
