"""The words of a sentence, looked at once, before any anchored pattern is tried on it.

The task finder asks of many clauses whether a body starts them, and most start with a verb ("Tổ
chức ...", "Triển khai ...") or a time word: no pattern of a head can match there. The first word
of every phrase a head pattern is built from is known in advance, so one dict lookup on a clause's
first word (and a look for an acronym) answers "no body here" for most clauses, and the patterns run only on the rest.

Matching works on a *fold* of the text (``fold``): lower case, old tone placement made modern,
same length as the text, so every position found in the fold is one in the text. Both changes stay
inside a word, so a word folded alone reads as it does in the fold of its text: the look folds just
the word, and the whole text only when a pattern is to run.
"""
from __future__ import annotations

import re
import unicodedata

from kehoach.lines.memo import per_parse
from kehoach.reading.normalize import modern_tones
from kehoach.tasks.unit_words import (ASSIGN_PREFIXES, BARE_NOUNS, BODY_HEADS, LOWERCASE_HEADS, PERSON_HEADS,
                                      SUBJECT_NOUNS)

__all__ = ["WORD_RE", "fold", "is_head_word", "may_open_body"]

# A word: "Bộ", "Kế", "hoạch", "2030" (a run of word characters, as the name trie reads them).
WORD_RE = re.compile(r"\w+")
# A clause's first word past its bullets and markdown: "- **|Sở| Y tế chủ trì" ("_" is a bullet there).
FIRST_WORD_RE = re.compile(r"[^\W_]+")
# The words a plural group or an organisation starts with: "toàn thể các ...", "tất cả các ...", "các sở",
# "những cơ quan", "mọi tổ chức", "một số đơn vị", "tổ chức quốc tế".
GROUP_FIRST_WORDS = ("toàn", "tất", "các", "những", "mọi", "một", "tổ")


@per_parse
def fold(text: str) -> str:
    """A matching key of the same length as ``text``: "Uỷ ban Khánh Hoà" -> "ủy ban khánh hòa".

    Lower case, and the old tone placement of "oa", "oe", "uy" moved to the modern one, so the
    patterns are written in modern spelling.
    """
    low = text.lower()
    if len(low) != len(text):  # a few non-Vietnamese letters lower-case to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return modern_tones(low)


def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The folded first word of each phrase: "ủy ban nhân dân" -> "ủy", "đ/c" -> "đ"."""
    found = set()
    for phrase in phrases:
        word = WORD_RE.match(fold(phrase))
        if word is None:  # a phrase that starts with punctuation would slip past the lookup
            raise ValueError(f"a head phrase must start with a word: {phrase!r}")
        found.add(word.group())
    return frozenset(found)


# Every word a body, a person, a group noun or a plural group can start with.
BODY_FIRST_WORDS = _first_words(BODY_HEADS + PERSON_HEADS + LOWERCASE_HEADS + BARE_NOUNS + SUBJECT_NOUNS
                                + GROUP_FIRST_WORDS)


# The words an assigning prefix starts with, which come before the bodies: "Giao", "Đề nghị", "Kính đề nghị".
PREFIX_FIRST_WORDS = _first_words(ASSIGN_PREFIXES)


def is_head_word(word: str) -> bool:
    """Whether a word, as written, is one a head, a group noun or a plural group starts with; when it is
    not, only an acronym ("UBND tỉnh ...") can still start a body there.

    >>> is_head_word("Ủy"), is_head_word("Uỷ"), is_head_word("các"), is_head_word("Xây")
    (True, True, True, False)
    """
    return fold(word) in BODY_FIRST_WORDS


def may_open_body(text: str) -> bool:
    """Whether a sentence may start with its bodies, by its first word past the bullets: a head word or an
    acronym written with a capital ("Sở", "UBND", "Tổ"), or the "Giao"/"Đề nghị" said before them.

    False means no body starts the sentence, so the task finder skips its patterns there; a sentence that
    starts in lower case is the tail of a wrapped line.

    >>> may_open_body("- Sở Y tế chủ trì"), may_open_body("Giao các xã"), may_open_body("Xây dựng kế hoạch")
    (True, True, False)
    >>> may_open_body("các xã báo cáo"), may_open_body("UBND tỉnh")
    (False, True)
    """
    word = FIRST_WORD_RE.search(text)
    if word is None:
        return False
    if not unicodedata.is_normalized("NFC", text[:word.end() + 1]):
        return True  # a mark not yet joined to its letter cuts the word short: let the patterns read it
    first = word.group()
    folded = fold(first)
    return folded in PREFIX_FIRST_WORDS or not first[0].islower() and (
        first[:2].isupper() or folded in BODY_FIRST_WORDS)

