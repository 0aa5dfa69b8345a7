"""A cheap test before a regex scan: the literal words every match of a pattern must contain.

Most deadline rules find nothing in most sentences, yet each scan tries the pattern at every
position. ``Prefiltered`` reads, from the parsed pattern, a set of strings such that every match
contains one of them ("lần" for "«NUM» lần/năm", {"hằng", "hàng", "hăng", "mỗi"} for "hằng năm"),
and scans only when one of them is in the text: the answer is always the pattern's own.
Its ``match`` also checks first that the text starts with a character a match can start with
(``first_chars``), for rules tried at the start of every line.

The patterns are read with the stdlib's own parser (``re._parser``, ``re._constants`` and
``re._casefix``, all there since Python 3.11, which pyproject requires); tests check on every
line of our documents that no gate ever hides a match.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES as EXTRA_CASES  # type: ignore[import-not-found]

# Sets of alternatives multiply ("h[ằàă]ng" is three strings); past this many, stop growing them.
MAX_FACTORS = 64
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
MAX_CLASS_CHARS = 128  # a first-character set larger than this is no cheap test

Factors = frozenset[str]


def _literals(op, av, fold: bool) -> Factors | None:
    """The strings one element matches when they are few and fixed ("a", "[ằàă]", "(?:năm|quý)"), else None."""
    if op is C.LITERAL:
        char = chr(av)
        return frozenset({char.lower() if fold else char})
    if op is C.IN and all(o is C.LITERAL for o, _ in av) and len(av) <= 8:
        return frozenset(chr(a).lower() if fold else chr(a) for _, a in av)
    if op is C.SUBPATTERN:
        return _sequence_literals(av[3], fold or bool(av[1] & C.SRE_FLAG_IGNORECASE))
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _sequence_literals(alternative, fold)
            if found is None:
                return None
            out |= found
        return frozenset(out) if len(out) <= MAX_FACTORS else None
    return None


def _sequence_literals(seq, fold: bool) -> Factors | None:
    """The fixed strings a whole sequence matches, or None."""
    out: Factors = frozenset({""})
    for op, av in seq:
        if op in ZERO_WIDTH:
            continue
        found = _literals(op, av, fold)
        if found is None:
            return None
        out = frozenset(a + b for a in out for b in found)
        if len(out) > MAX_FACTORS:
            return None
    return out


def _quality(factors: Factors) -> tuple[int, int]:
    """Longer shortest strings make a sharper test, then fewer of them."""
    return min(map(len, factors)), -len(factors)


def required(seq, fold: bool = False) -> Factors | None:
    """Strings one of which every match of the parsed sequence contains, or None when none is known.

    >>> sorted(required(_parser.parse(r"(?<!\\w)(?:h[ằà]ng|mỗi) \\d+ lần")))
    [' lần']
    """
    candidates: list[Factors] = []
    run: Factors = frozenset({""})  # the fixed strings read so far, contiguous in every match

    def close() -> None:
        nonlocal run
        if run != frozenset({""}):
            candidates.append(run)
        run = frozenset({""})

    for op, av in seq:
        if op in ZERO_WIDTH:
            continue  # matches nothing: the strings around it stay contiguous
        found = _literals(op, av, fold)
        if found is not None:
            grown = frozenset(a + b for a in run for b in found)
            if len(grown) <= MAX_FACTORS:
                run = grown
                continue
            close()
            run = found
            continue
        close()
        inner: Factors | None = None
        if op is C.SUBPATTERN:
            inner = required(av[3], fold or bool(av[1] & C.SRE_FLAG_IGNORECASE))
        elif op is C.BRANCH:
            parts = [required(alternative, fold) for alternative in av[1]]
            if all(p is not None for p in parts):
                union = frozenset().union(*parts)
                inner = union if len(union) <= MAX_FACTORS else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = required(av[2], fold)
        if inner is not None and "" not in inner:
            candidates.append(inner)
    close()
    candidates = [c for c in candidates if "" not in c]
    return max(candidates, key=_quality) if candidates else None


def _ignores_case(seq) -> bool:
    """Whether any part of a parsed sequence is case-insensitive ("(?i:KẾ HOẠCH)")."""
    for op, av in seq:
        if op is C.SUBPATTERN and (av[1] & C.SRE_FLAG_IGNORECASE or _ignores_case(av[3])):
            return True
        if op is C.BRANCH and any(_ignores_case(alternative) for alternative in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and _ignores_case(av[2]):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT, C.ATOMIC_GROUP) and _ignores_case(av[1] if op is not C.ATOMIC_GROUP else av):
            return True
    return False


def _class_chars(items) -> list[str] | None:
    """The characters of a small class ("[IVX]", "[A-ZĐ]"), or None past MAX_CLASS_CHARS."""
    chars: list[str] = []
    for op, a in items:
        chars += [chr(a)] if op is C.LITERAL else [chr(c) for c in range(a[0], a[1] + 1)]
        if len(chars) > MAX_CLASS_CHARS:
            return None
    return chars


def _first(seq, fold: bool) -> frozenset[str] | None:
    """The characters a match of the parsed sequence can start with, or None when any may."""
    for op, av in seq:
        if op in ZERO_WIDTH:
            continue
        if op is C.LITERAL or op is C.IN and all(o in (C.LITERAL, C.RANGE) for o, _ in av):
            chars = [chr(av)] if op is C.LITERAL else _class_chars(av)
            if chars is None:
                return None
            if not fold:
                return frozenset(chars)
            if any(ord(c.lower()) in EXTRA_CASES for c in chars):
                return None  # "i" also matches "ı" under IGNORECASE: not worth spelling out
            return frozenset(v for c in chars for v in (c, c.lower(), c.upper()))
        if op is C.SUBPATTERN:
            inner = av[3]
            return _first(inner, fold or bool(av[1] & C.SRE_FLAG_IGNORECASE)) if len(inner) else None
        if op is C.BRANCH:
            parts = [_first(alternative, fold) for alternative in av[1]]
            return None if any(p is None for p in parts) else frozenset().union(*parts)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            return _first(av[2], fold)
        return None
    return None


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when any may.

    >>> sorted(first_chars(re.compile(r"^(?:PHỤ|Nơi)\\s", re.IGNORECASE)))
    ['N', 'P', 'n', 'p']
    """
    return _first(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))


class Prefiltered:
    """A pattern that scans only text holding one of its required strings, and tries a match only
    where the text starts with a character a match can start with.

    It is built from the pattern's source and compiled on the first text that passes the gate: a
    rule whose words a document never holds costs no compile (most deadline rules, in most
    documents). A case-insensitive pattern's strings are lower case and tested against the
    lower-cased text.
    """

    __slots__ = ("compiled", "factors", "flags", "fold", "source", "starts")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags, self.compiled = source, flags, None
        parsed = _parser.parse(source, flags)
        ignore_case = bool(flags & re.IGNORECASE)
        self.fold = ignore_case or _ignores_case(parsed)
        found = required(parsed, ignore_case)
        self.factors = None if found is None else tuple(sorted(found, key=len))
        self.starts = _first(parsed, ignore_case)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if no text has needed it yet)."""
        return self.compiled or self._compile()

    def _compile(self) -> re.Pattern[str]:
        self.compiled = re.compile(self.source, self.flags)
        return self.compiled

    def may_match(self, text: str) -> bool:
        if self.factors is None:
            return True
        if self.fold:
            text = text.lower()
        for factor in self.factors:  # a plain loop: no generator to build, on the hot path
            if factor in text:
                return True
        return False

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        return (self.compiled or self._compile()).finditer(text, *args)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return (self.compiled or self._compile()).search(text, *args)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.starts is not None and text[pos:pos + 1] not in self.starts:
            return None  # "- Sở Y tế ..." cannot start "PHỤ LỤC": no call into the engine
        return (self.compiled or self._compile()).match(text, pos)
