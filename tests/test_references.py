"""Cited documents: tests/fixtures/references.tsv (text, then [[type, number, date], ...])."""
from __future__ import annotations

import json

import pytest

from kehoach.references import find_references
from test_lines import rows


@pytest.mark.parametrize(("text", "expected"), rows("references.tsv"))
def test_references(text, expected):
    got = [[r.type, r.number, r.date.isoformat() if r.date else None] for r in find_references([text], None)]
    assert got == json.loads(expected)


def test_own_number_is_not_a_reference():
    assert find_references(["Kế hoạch số 57/KH-SNNMT ngày 14/3/2025"], "57/KH-SNNMT") == []
