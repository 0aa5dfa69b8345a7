"""Which masks and markers can match a key: their required words, looked for once per key.

    >>> rules = gated_rules(False)
    >>> present = rules.present("hoàn thành trước ngày 30/6/2024")
    >>> [rule.name for rule in rules.markers if rule.words is None or not present.isdisjoint(rule.words)]
    ['recur_sub', 'count', 'doc_from', 'event']
    >>> [rule.name for rule in rules.markers if rule.may_match("hoàn thành trước ngày 30/6/2024", present)]
    ['count', 'event']

Every match of a gated rule holds one of its required words (``Prefiltered.factors``). The words of all
rules of a spelling mode are looked for once per key; a rule is scanned only when the key holds one of
its words, read off the words found with one ``isdisjoint``. A rule that needs more words, each
from its own group ("Tết Quý Mão": a year stem and a branch), is then scanned only when the key holds one
of each (``also``): most sentences with "quý" name no lunar year.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from re import _parser  # type: ignore[attr-defined]
from typing import NamedTuple

from kehoach.deadlines import grammar
from kehoach.lines.prefilter import Prefiltered, required


class GatedRule(NamedTuple):
    """A mask or marker and the words one of which its every match holds (None: always scanned), then the
    further groups of words one of each it holds."""

    name: str
    pattern: Prefiltered
    words: frozenset[str] | None
    also: tuple[tuple[str, ...], ...]

    def may_match(self, key: str, present: frozenset[str]) -> bool:
        """Whether the key may hold a match, by the gate words found in it (``present``) and its further groups."""
        return self.words is None or not present.isdisjoint(self.words) and holds_all(key, self.also)


@dataclass(frozen=True)
class GatedRules:
    """One spelling mode's masks and markers with their words, and every such word."""

    phrase_masks: tuple[GatedRule, ...]  # blanked in a deadline phrase
    sentence_masks: tuple[GatedRule, ...]  # blanked in a sentence searched for one: the phrase masks and more
    event_masks: tuple[GatedRule, ...]
    markers: tuple[GatedRule, ...]
    words: tuple[str, ...]

    def present(self, key: str) -> frozenset[str]:
        """The gate words in the key, each looked for once instead of once per rule that needs it."""
        return frozenset([word for word in self.words if word in key])


def _gated(name: str, pattern: Prefiltered) -> GatedRule:
    """A rule that folds case itself, or has no known words, is always scanned."""
    words = None if pattern.factors is None or pattern.fold else frozenset(pattern.factors)
    return GatedRule(name, pattern, words, _also(pattern, words) if words else ())


def _also(pattern: Prefiltered, words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The word groups of the pattern's top-level parts other than its gate words, one word of each in
    every match: a lunar year "(?:năm )?«CAN» «CHI»" is gated on its stems ("giáp", "quý", ...) and also
    needs a branch ("thìn", "mão", ...); a group with a one-letter word is no test worth making."""
    groups = (required([item]) for item in _parser.parse(pattern.source))
    kept = (tuple(sorted(group, key=lambda word: (len(word), word)))
            for group in groups if group and min(map(len, group)) > 1 and group != words)
    return tuple(dict.fromkeys(kept))  # "nhiệm kỳ 2021-2026" needs a "20" once, not twice


def holds_all(key: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the key holds a word of every group."""
    for group in groups:  # plain loops: no generator to build, on the hot path
        for word in group:
            if word in key:
                break
        else:
            return False
    return True


@cache
def gated_rules(ascii_only: bool) -> GatedRules:
    """The gated rules of a spelling mode (built once per mode)."""
    rules = grammar.rules(ascii_only)
    masks = tuple(_gated("mask", p) for p in rules.masks)
    sentence_masks = masks + tuple(_gated("search_mask", p) for p in rules.search_masks)
    event_masks = tuple(_gated("event_mask", p) for p in rules.event_masks)
    markers = tuple(_gated(name, p) for name, p in rules.markers)
    words = {word for rule in (*sentence_masks, *event_masks, *markers) for word in rule.words or ()}
    return GatedRules(masks, sentence_masks, event_masks, markers, tuple(sorted(words)))
