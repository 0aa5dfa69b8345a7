"""Every prefix-factored (trie) alternation finds what the plain longest-first alternation found.

Each pattern built with ``phrase_trie`` is compared with the same pattern written with the plain
alternation, on every line of the samples, the fixture documents, fixtures/alternation_lines.txt
(lines written so that every pattern finds something without the corpus) and ../shared/corpus (when
it is there), folded as the pattern's caller folds, and used as its caller uses it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED
from kehoach.lines.alternation import phrase_trie
from kehoach.tasks import canonical, listed, names, unit_words as uw
from kehoach.tasks.words import fold

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((FIXTURES / "documents").glob("*.txt")),
         FIXTURES / "alternation_lines.txt", *sorted((SHARED / "corpus").glob("*.txt"))]
LINES = sorted({line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
FOLDED_LINES = sorted({fold(line) for line in LINES})

WORD_RE = re.compile(r"\w+")
WORD_START_RE = re.compile(r"(?<!\w)\w")
WORD_END_RE = re.compile(r"(?<=\w)\W")
# How many words a phrase tested for a whole match may span, and how far back a caller looks.
FULLMATCH_MAX_WORDS = 4
BEFORE_WINDOW = names.BEFORE_WINDOW


def _plain(phrases: Iterable[str]) -> str:
    """The alternation the trie replaces: the phrases longest first, words joined by ``\\s+``."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(set(phrases), key=len, reverse=True))


def _finditer(pattern: re.Pattern[str], lines: list[str]) -> list[object]:
    return [m.span() for line in lines for m in pattern.finditer(line)]


def _match(pattern: re.Pattern[str], lines: list[str]) -> list[object]:
    """At every word start, as ``_head_at`` looks for a head."""
    return [m.span() for line in lines for w in WORD_START_RE.finditer(line) if (m := pattern.match(line, w.start()))]


def _match_after_word(pattern: re.Pattern[str], lines: list[str]) -> list[object]:
    """Right after every word, as ``VERB_PAIR_RE.match(folded, m.end())`` looks for a second verb."""
    return [m.span() for line in lines for w in WORD_END_RE.finditer(line) if (m := pattern.match(line, w.start()))]


@cache
def _word_runs(lines: tuple[str, ...]) -> frozenset[str]:
    """Every run of up to a few whole words in ``lines``: "chủ", "chủ trì", "chủ trì ,"..."""
    runs = set()
    for line in lines:
        words = list(WORD_RE.finditer(line))
        for i, first in enumerate(words):
            runs.update(line[first.start():last.end()] for last in words[i:i + FULLMATCH_MAX_WORDS])
    return frozenset(runs)


def _fullmatch(pattern: re.Pattern[str], lines: list[str]) -> list[object]:
    """Every run of words as a whole, as a found word is checked: ``STRONG_PREDICATE_RE.fullmatch(m.group())``."""
    return sorted(run for run in _word_runs(tuple(lines)) if pattern.fullmatch(run))


def _search_before(pattern: re.Pattern[str], lines: list[str]) -> list[object]:
    """Just before every word, as ``PURPOSE_HEAD_BEFORE_RE.search(folded, window, at)``."""
    return [m.span() for line in lines for w in WORD_START_RE.finditer(line)
            if (m := pattern.search(line, max(0, w.start() - BEFORE_WINDOW), w.start()))]


Use = Callable[[re.Pattern[str], list[str]], list[object]]
# (name, pattern, the phrases its trie holds as the caller gives them, folded lines?, how the caller uses it)
CASES: list[tuple[str, re.Pattern[str], tuple[str, ...], bool, Use]] = [
    ("BODY_HEAD_RE", names.BODY_HEAD_RE, uw.BODY_HEADS, True, _match),
    ("PERSON_HEAD_RE", names.PERSON_HEAD_RE, uw.PERSON_HEADS, True, _match),
    ("LOWERCASE_HEAD_RE", names.LOWERCASE_HEAD_RE, uw.LOWERCASE_HEADS, True, _match),
    ("STRICT_HEAD_RE", names.STRICT_HEAD_RE, uw.STRICT_HEADS, True, _fullmatch),
    ("STRICT_NEXT_RE", names.STRICT_NEXT_RE, uw.STRICT_NEXT, True, _match_after_word),
    ("NOT_A_HEAD_RE", names.NOT_A_HEAD_RE, uw.NOT_A_HEAD, True, _match),
    ("PLURAL_GROUP_RE", names.PLURAL_GROUP_RE, uw.ORG_NOUNS, True, _match),
    ("NOT_ORG_AFTER_RE", names.NOT_ORG_AFTER_RE, uw.NOT_ORG_AFTER, True, _match),
    ("ORGANISATION_RE", names.ORGANISATION_RE, uw.ORGANISATION_NEXT, True, _match),
    ("BARE_NOUN_RE", names.BARE_NOUN_RE, uw.BARE_NOUNS, True, _match),
    ("SUBJECT_NOUN_RE", names.SUBJECT_NOUN_RE, uw.SUBJECT_NOUNS, True, _match),
    ("PREDICATE_RE", names.PREDICATE_RE, uw.PREDICATE_STARTS, True, _finditer),
    ("BEFORE_BODY_PREDICATE_RE", names.BEFORE_BODY_PREDICATE_RE, uw.BEFORE_BODY_PREDICATES, True, _fullmatch),
    ("STRONG_PREDICATE_RE", names.STRONG_PREDICATE_RE, uw.STRONG_PREDICATES, True, _fullmatch),
    ("NOUN_OR_VERB_RE", names.NOUN_OR_VERB_RE, uw.NOUN_OR_VERB, True, _fullmatch),
    ("PURPOSE_HEAD_RE", names.PURPOSE_HEAD_RE, uw.PURPOSE_HEADS, True, _search_before),
    ("PURPOSE_HEAD_BEFORE_RE", names.PURPOSE_HEAD_BEFORE_RE, uw.PURPOSE_HEADS, True, _search_before),
    ("PURPOSE_HEAD_VERB_RE", names.PURPOSE_HEAD_VERB_RE, uw.PURPOSE_HEAD_VERBS, True, _fullmatch),
    ("PURPOSE_CLAUSE_END_RE", names.PURPOSE_CLAUSE_END_RE, uw.STRONG_PREDICATES + uw.PURPOSE_HEAD_VERBS, True,
     _fullmatch),
    ("NAME_END_RE", names.NAME_END_RE, uw.NAME_END_WORDS, True, _finditer),
    ("NAME_TAIL_RE", names.NAME_TAIL_RE, uw.NAME_TAIL_WORDS + uw.NAME_END_WORDS, True, _match),
    ("NAME_START_RE", listed.NAME_START_RE, tuple(listed.NAME_TRIE), False, _finditer),
    ("_ABBREVIATION_RE", canonical._ABBREVIATION_RE, tuple(canonical.ABBREVIATIONS), False, _finditer),
]


@pytest.mark.parametrize(("pattern", "phrases", "folds", "use"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_trie_finds_what_the_plain_alternation_found(pattern, phrases, folds, use):
    keys = [fold(p) for p in phrases] if folds else list(phrases)
    trie, plain = phrase_trie(keys), _plain(keys)
    assert pattern.pattern.count(trie) == 1
    old = re.compile(pattern.pattern.replace(trie, plain), pattern.flags)
    lines = FOLDED_LINES if folds else LINES
    found = use(pattern, lines)
    assert found == use(old, lines)
    assert found  # the lines hold something the pattern finds

def test_trie_factors_shared_beginnings():
    assert phrase_trie(["sở y tế", "sở", "ban  chỉ đạo"]) == r"(?:ban\s+chỉ\s+đạo|sở(?:\s+y\s+tế)?)"
