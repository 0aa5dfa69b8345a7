"""The prefilter before a regex scan: the strings it requires, and that it never hides a match."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kehoach.deadlines import grammar as R
from kehoach.deadlines.scan import _fold
from kehoach.lines.prefilter import Prefiltered, first_chars
from kehoach.tasks.names import fold as units_fold
from test_deadlines import read_tsv

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.parametrize(("row"), [row for _, row in read_tsv(FIXTURES / "prefilter.tsv")],
                         ids=[rid for rid, _ in read_tsv(FIXTURES / "prefilter.tsv")])
def test_required_strings(row: dict[str, str]) -> None:
    factors = Prefiltered(row["pattern"]).factors
    expected = None if row["required"] == "none" else set(row["required"].split(" | "))
    assert (None if factors is None else set(factors)) == expected


def _texts() -> list[str]:
    """Every line of our own documents and fixture tables, and of ../shared/corpus when it is there."""
    paths = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((FIXTURES / "documents").glob("*.txt")),
             *sorted(FIXTURES.glob("*.tsv")), *sorted(SHARED_CORPUS.glob("*.txt"))]
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _deadline_rules() -> list[tuple[str, bool, Prefiltered]]:
    out = []
    for ascii_only in (False, True):
        rules = R.rules(ascii_only)
        gated = [*(p for _, p in rules.markers), *rules.masks, *rules.event_masks, *rules.search_masks, rules.label]
        out += [(p.pattern.pattern[:40], ascii_only, p) for p in gated]
    return out


def _module_patterns() -> list[tuple[str, Prefiltered]]:
    """The Prefiltered patterns of the structural modules (they run on text as written or folded)."""
    from kehoach.lines import patterns
    from kehoach.tasks import names, unit_lists

    return [(name, value) for module in (patterns, names, unit_lists) for name, value in vars(module).items()
            if isinstance(value, Prefiltered)]


def test_structural_patterns_never_hide_a_match() -> None:
    texts = _texts()
    found = _module_patterns()
    assert len(found) >= 4
    hidden = [(name, text) for name, p in found for text in texts
              for key in (text, units_fold(text)) if p.pattern.search(key) and not p.may_match(key)]
    assert hidden == []


def test_every_deadline_rule_has_required_strings() -> None:
    assert all(p.factors for _, _, p in _deadline_rules())


def test_the_prefilter_never_hides_a_match() -> None:
    """Wherever a rule matches a folded line, its required strings are there (both spellings)."""
    texts = _texts()
    assert len(texts) > 500
    keys = {ascii_only: [_fold(t, ascii_only) for t in texts] for ascii_only in (False, True)}
    hidden = [(name, key) for name, ascii_only, p in _deadline_rules() for key in keys[ascii_only]
              if p.pattern.search(key) and not p.may_match(key)]
    assert hidden == []
    matched = sum(1 for _, ascii_only, p in _deadline_rules() for key in keys[ascii_only][:2000] if p.pattern.search(key))
    assert matched > 100  # the check above saw real matches


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?i:KẾ HOẠCH) số", "Kế Hoạch số 12"),
    (r"kế hoạch", "KẾ HOẠCH"),
    (r"(?:a(?i:B)c)+", "aBc abc"),
])
def test_case_insensitive_parts_are_tested_on_lower_case(pattern: str, text: str) -> None:
    gated = Prefiltered(pattern, re.IGNORECASE if pattern == "kế hoạch" else 0)
    assert bool(gated.pattern.search(text)) == gated.may_match(text)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in gated.pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"^PHỤ\s+LỤC", re.IGNORECASE, "Pp"),
    (r"^(?P<n>[IVX]{1,5})\.", 0, "IVX"),
    (r"^(?:Nơi|Điều)\s", 0, "NĐ"),
    (r"^[A-C]\)", 0, "ABC"),
    (r"^\d+\.", 0, None),
    (r"^(?:a)?b", 0, None),
    (r"^in", re.IGNORECASE, None),  # "i" has a third case partner ("ı"): no set is given
])
def test_first_chars(pattern: str, flags: int, expected: str | None) -> None:
    found = first_chars(re.compile(pattern, flags))
    assert (None if found is None else "".join(sorted(found))) == (None if expected is None else "".join(sorted(expected)))


def test_match_checks_only_the_first_character_and_never_misses() -> None:
    """The line rules (PHỤ LỤC, Điều, sections ...) match wherever their own pattern does."""
    from kehoach.lines.paragraphs import clean_line

    texts = [clean_line(t) for t in _texts()]
    found = _module_patterns()
    assert sum(1 for _, p in found if p.starts is not None) >= 6
    missed = [(name, t) for name, p in found for t in texts if bool(p.match(t)) != bool(p.pattern.match(t))]
    assert missed == []
    assert sum(1 for _, p in found if p.starts is not None for t in texts if p.pattern.match(t)) > 20


@pytest.mark.parametrize(("text", "compiled"), [
    ("Thời hạn: quý II năm 2025", False),  # no "lần": the gate answers, nothing is compiled
    ("báo cáo 2 lần/năm", True),
])
def test_a_rule_is_compiled_only_for_text_that_passes_its_gate(text: str, compiled: bool) -> None:
    gated = Prefiltered(r"\d+ lần/năm")
    assert gated.compiled is None
    assert bool(gated.search(text)) == compiled
    assert (gated.compiled is not None) == compiled
