"""The gates of the deadline masks and markers: wherever a rule matches, its gate lets the scan run."""
from __future__ import annotations

import pytest

from kehoach.deadlines.gates import gated_rules
from kehoach.deadlines.scan import _fold
from test_prefilter import _texts


@pytest.mark.parametrize("ascii_only", [False, True])
def test_gates_never_hide_a_match(ascii_only: bool) -> None:
    """Every line of our documents, folded: a rule that matches it has a gate word and a word of each further group."""
    rules = gated_rules(ascii_only)
    keys = [_fold(text, ascii_only) for text in _texts()]
    gated = [rule for rule in (*rules.sentence_masks, *rules.event_masks, *rules.markers) if rule.words is not None]
    present = {key: rules.present(key) for key in keys}
    matched = [(rule, key) for rule in gated for key in keys if rule.pattern.pattern.search(key)]
    hidden = [(rule.name, key) for rule, key in matched if not rule.may_match(key, present[key])]
    assert hidden == []
    assert len(matched) > 100  # the check above saw real matches
    assert sum(bool(rule.also) for rule, _ in matched) > 50  # ... of rules with further groups


def test_further_groups() -> None:
    """A lunar year needs a branch as well as a stem; a rule's own gate words are not repeated."""
    rules = {rule.name: rule for rule in gated_rules(False).markers}
    assert rules["recur_sub"].also == (("đầu", "cuối", "giữa"), ("quí", "quý", "tháng"))
    lunar = gated_rules(False).event_masks[-1]
    assert "thìn" in lunar.also[0] and "giáp" in lunar.words
    assert rules["ongoing"].also == ()
