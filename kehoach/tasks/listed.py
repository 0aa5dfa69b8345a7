"""Listed names: the official names and fixed groups of nouns of ``data/unit_names.txt``, where a unit list
is never cut ("Sở Văn hóa, Thể thao và Du lịch", "các sở, ban, ngành").

The entries form a trie of folded words, matched leftmost-longest. Few words start an entry (about forty:
"sở", "ủy", "ban", ...), so one regex scan finds the words where a name may start and the trie is walked
from those alone. ``LazyMask`` reads the names only as far into a sentence as its caller looks: a subject
ends long before the sentence does; the names it read in the subject are handed to the subject's split
(``LazyMask.share``), which would read them again.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kehoach.lines.alternation import phrase_trie
from kehoach.lines.memo import per_parse, remember
from kehoach.tasks.words import WORD_RE, fold

__all__ = ["LazyMask", "Mask", "Span", "name_mask", "name_spans", "protected_spans"]

NAMES_RESOURCE = "unit_names.txt"

# What may stand between two words of a listed name: "Văn hóa, Thể thao", "Lao động - Thương binh".
NAME_GAP_RE = re.compile(r"\s+|\s*[,\-\u2013\u2014]\s*")

# Two word characters side by side: a cut between them falls inside a word.
JOINED_RE = re.compile(r"\w\w")

# A parenthesised remark, kept inside its unit: "Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)".
PAREN_RE = re.compile(r"\([^()\n]*\)")


@dataclass(frozen=True)
class Span:
    """A listed name found in the text."""

    start: int
    end: int
    group: bool  # a fixed group of nouns (lower-case entry), not the name of one body


_END = ""  # trie key marking the end of an entry; its value is the entry's ``group`` flag


def _load_names() -> list[str]:
    """The entries of data/unit_names.txt, comments and blank lines dropped."""
    try:
        data = resources.files("kehoach").joinpath("data", NAMES_RESOURCE)
        text = data.read_text(encoding="utf-8")
    except (NotADirectoryError, TypeError):  # an editable install that maps kehoach as a namespace
        text = (Path(__file__).parents[1] / "data" / NAMES_RESOURCE).read_text(encoding="utf-8")
    lines = (unicodedata.normalize("NFC", line.split("#", 1)[0]).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _build_trie(names: list[str]) -> dict:
    """A nested dict keyed by folded words; an entry's last node holds ``_END: group``."""
    trie: dict = {}
    for name in names:
        node = trie
        for word in WORD_RE.findall(fold(name)):
            node = node.setdefault(word, {})
        node.setdefault(_END, name[0].islower())
    return trie


NAME_TRIE = _build_trie(_load_names())

# A whole word that starts a listed name: "|sở| Y tế", "các |sở|, ban, ngành" (folded text).
NAME_START_RE = re.compile(r"(?<!\w)(?:" + phrase_trie(NAME_TRIE) + r")(?!\w)")


def _spans(folded: str, first_only: bool = False) -> Iterator[Span]:
    """Listed names in ``folded``, leftmost-longest, in order: "các sở, ban, ngành" -> the span of
    "sở, ban, ngành". A name never starts right after "-", "/" or "&" ("Lao động-|Thương binh"), except
    as the first word. ``first_only`` looks at the first word alone."""
    first = WORD_RE.search(folded)
    if first is None:
        return
    starts: Iterator[re.Match[str]] | tuple[re.Match[str], ...]
    if first_only:
        starts = (first,) if first.group() in NAME_TRIE else ()
    else:
        starts = NAME_START_RE.finditer(folded)
    resume = 0
    for word in starts:
        start = word.start()
        if start < resume or start != first.start() and folded[start - 1] in "-/&":
            continue
        node: dict | None = NAME_TRIE[word.group()]
        best: tuple[int, bool] | None = None
        end = word.end()
        while node is not None:
            if _END in node:
                best = (end, node[_END])
            following = WORD_RE.search(folded, end)
            if following is None:
                break
            at = following.start()
            if not (at == end + 1 and folded[end] == " " or NAME_GAP_RE.fullmatch(folded, end, at)):
                break  # most gaps are one space: no call into the engine for them
            node, end = node.get(following.group()), following.end()
        if best is not None:
            yield Span(start, best[0], best[1])
            resume = best[0]


def protected_spans(folded: str, first_only: bool = False) -> list[Span]:
    """The listed names of ``folded``, in order.

    >>> [(s.start, s.end, s.group) for s in protected_spans(fold("Các Sở, ban, ngành"))]
    [(4, 18, True)]
    """
    return list(_spans(folded, first_only))


@per_parse
def name_spans(folded: str) -> tuple[Span, ...]:
    """``protected_spans`` of ``folded``, read once per parse (or handed over by ``LazyMask.share``)."""
    return tuple(_spans(folded))


def name_mask(folded: str, spans: Sequence[Span]) -> bytearray:
    """1 at every position inside a listed name or a parenthesis, where nothing is cut."""
    found = bytearray(len(folded))
    for span in spans:
        found[span.start:span.end] = b"\x01" * (span.end - span.start)
    _mask_parentheses(folded, found)
    return found


def _mask_parentheses(folded: str, found: bytearray) -> None:
    for m in PAREN_RE.finditer(folded):
        found[m.start():m.end()] = b"\x01" * (m.end() - m.start())


class LazyMask:
    """``name_mask`` of a text, read left to right only as far as it is asked: ``lazy[i]`` is ``name_mask(...)[i]``.

    A name that covers position i starts at or before i, so the names are read until one starts after i.

    >>> folded = fold("Sở Văn hóa, Thể thao và Du lịch chủ trì")
    >>> m = LazyMask(folded); m[5], m[35]
    (1, 0)
    """

    __slots__ = ("_folded", "_found", "_names", "_reached", "_spans")

    def __init__(self, folded: str) -> None:
        self._folded = folded
        self._found = bytearray(len(folded))
        _mask_parentheses(folded, self._found)
        self._spans = _spans(folded)
        self._names: list[Span] = []
        self._reached = -1  # every name starting at or before this position is marked

    def __getitem__(self, pos: int) -> int:
        if pos < 0:
            pos += len(self._found)
        self._read_to(pos)
        return self._found[pos]

    def _read_to(self, pos: int) -> None:
        """Read the names on until one starts after ``pos`` (or none is left)."""
        while self._reached < pos:
            span = next(self._spans, None)
            if span is None:
                self._reached = len(self._found)
                break
            self._found[span.start:span.end] = b"\x01" * (span.end - span.start)
            self._names.append(span)
            self._reached = span.start

    def share(self, prefix: str) -> None:
        """Hand the names of ``prefix``, the fold of the text's start (a sentence's subject), to ``name_spans``:
        the split of the subject would read them again. They are the text's names that end within it, unless
        the cut falls inside a word or inside a name (then the prefix may hold a shorter name, and is left alone).
        """
        end = len(prefix)
        if not prefix or not self._folded.startswith(prefix) or JOINED_RE.match(self._folded, end - 1, end + 1):
            return
        self._read_to(end)
        names = tuple(span for span in self._names if span.start < end)
        if all(span.end <= end for span in names):
            remember(name_spans, prefix, names)


# What the subject patterns read a mask through: a whole one, or one read as far as asked.
Mask = bytearray | LazyMask
