"""Leading lookbehinds moved after the first letter: the rewrite, and that it never changes a match."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kehoach.deadlines import grammar as R
from kehoach.deadlines.leading import literal_first
from kehoach.deadlines.scan import _fold
from test_deadlines import read_tsv

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("row"), [row for _, row in read_tsv(FIXTURES / "leading.tsv")],
                         ids=[rid for rid, _ in read_tsv(FIXTURES / "leading.tsv")])
def test_rewrite(row: dict[str, str]) -> None:
    expected = row["pattern"] if row["moved"] == "same" else row["moved"]
    assert literal_first(row["pattern"]) == expected


def _keys() -> list[str]:
    """The lines of our samples and deadline tables, as written and folded as the deadline scan folds them."""
    paths = [*sorted((ROOT / "samples").glob("*.txt")), FIXTURES / "deadlines.tsv", FIXTURES / "deadline_search.tsv"]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines + [_fold(line, ascii_only) for line in lines for ascii_only in (False, True)]


RULES = [*R.MARKER_RULES, *R.MASK_RULES, *R.EVENT_MASK_RULES, *R.SEARCH_MASK_RULES, ("qualifier", R.QUALIFIER_TAIL),
         ("citation", R.CITATION_RE)]


@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize(("name", "source"), RULES, ids=[name for name, _ in RULES])
def test_same_matches(name: str, source: str, ascii_only: bool) -> None:
    regex = R.expand(source).translate(R.ASCII_FOLD) if ascii_only else R.expand(source)
    original, moved = re.compile(regex), re.compile(literal_first(regex))
    for key in _keys():
        assert [(m.span(), m.groupdict()) for m in moved.finditer(key)] == \
            [(m.span(), m.groupdict()) for m in original.finditer(key)], key


@pytest.mark.parametrize("ascii_only", [False, True])
def test_digit_atoms(ascii_only: bool) -> None:
    """At every digit, the atoms that can start with one match what the whole alternation matches."""
    rules = R.rules(ascii_only)
    checked = 0
    for key in _keys():
        for at in (i for i, char in enumerate(key) if char.isdigit()):
            full, digit = rules.atoms.match(key, at), rules.digit_atoms.match(key, at)
            assert (full and (full.span(), full.lastgroup)) == (digit and (digit.span(), digit.lastgroup)), key
            checked += full is not None
    assert checked > 100
