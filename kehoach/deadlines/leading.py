"""A pattern that opens on lookbehinds, rewritten to open on letters: the same matches, found faster.

The regex engine skips ahead only to a character a match can start with, and only when the pattern
opens on one; "(?<!\\w)năm" is tried at every position. Moving the lookbehind after the first letter,
"n(?<!(?:\\w)n)ăm", matches the same text at the same place (the letter is fixed, so the lookbehind
sees what it saw before) and lets the engine skip to each "n".
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

# A lookbehind that opens a pattern ("(?<!\\w)", "(?<![\\w/.])", "(?<!trong\\s)") and a group that opens one.
LEAD_LOOKBEHIND_RE = re.compile(r"\(\?<!(?P<behind>(?:[^()\[\]\\]|\\.|\[(?:[^\]\\]|\\.)*\])+)\)")
LEAD_GROUP_RE = re.compile(r"\((?:\?:|\?P<\w+>)")
LEAD_DIGITS_RE = re.compile(r"\\d\{1,(?P<most>\d)\}")  # a number of one to N digits: r"\d{1,5}"
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def literal_first(regex: str) -> str:
    r"""The same pattern with its leading lookbehinds moved after the first letter of each alternative, so it
    opens on letters the engine can skip to instead of trying every position: r"(?<!\w)(?:năm|quý) nay" ->
    r"(?:n(?<!(?:\w)n)ăm|q(?<!(?:\w)q)uý) nay". Unchanged when some alternative does not open on a letter."""
    behinds, body = [], regex
    while m := LEAD_LOOKBEHIND_RE.match(body):
        behinds.append(m["behind"])
        body = body[m.end():]
    moved = _moved(behinds, body) if behinds else None
    return moved if moved and _opens_on_letters(moved) else regex


def _moved(behinds: list[str], body: str) -> str | None:
    """``body`` with the lookbehinds after its first letter (in each alternative of a leading group), or None."""
    if body[:1].isalnum() and body[1:2] not in ("?", "*", "+", "{"):
        return body[0] + "".join(f"(?<!(?:{b}){body[0]})" for b in behinds) + body[1:]
    if digits := LEAD_DIGITS_RE.match(body):  # r"\d{1,5}/" -> r"\d(?<!(?:[\w/])\d)\d{0,4}/"
        more = int(digits["most"]) - 1
        return "\\d" + "".join(f"(?<!(?:{b})\\d)" for b in behinds) + f"\\d{{0,{more}}}" + body[digits.end():]
    opening = LEAD_GROUP_RE.match(body)
    close = opening and _closing(body, opening.end())
    if not close or body[close + 1:close + 2] in ("?", "*", "+", "{"):
        return None
    alternatives = [_moved(behinds, a) for a in _top_split(body[opening.end():close])]
    if None in alternatives:
        return None
    return body[:opening.end()] + "|".join(alternatives) + body[close:]  # type: ignore[arg-type]


def _opens_on_letters(regex: str) -> bool:
    """Whether the engine can skip to a match's first character: the pattern opens on a letter or a class
    (a digit), or on a group whose alternatives each open on a letter ("(?:x(?<!..)ây|(?:l|b)..." does not)."""
    seq = _parser.parse(regex)
    while len(seq) and seq[0][0] is C.SUBPATTERN:
        seq = seq[0][1][3]
    if not len(seq):
        return False
    op, av = seq[0]
    return op is C.LITERAL or op is C.IN or op is C.BRANCH and all(len(a) and a[0][0] is C.LITERAL for a in av[1])


def _closing(regex: str, start: int) -> int | None:
    """The index of the ")" that closes the group whose content starts at ``start``."""
    depth, i = 0, start
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = regex.index("]", i + 2)  # a class: "]" right after "[" is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return None


def _top_split(content: str) -> list[str]:
    """A group's alternatives, split at the "|" outside inner groups and classes."""
    parts, last, i = [], 0, 0
    while i < len(content):
        char = content[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = content.index("]", i + 2)
        elif char == "(":
            i = _closing(content, i + 1) or len(content)
        elif char == "|":
            parts.append(content[last:i])
            last = i + 1
        i += 1
    return parts + [content[last:]]


def opens_on_digit(regex: str) -> bool:
    r"""Whether a match of the pattern can start with a digit (True when unsure): r"(?:(?:0?6|sáu) tháng|nửa) "
    can, r"tuần (?:đầu|cuối)" cannot."""
    return _digit_first(_parser.parse(regex)) is not False


def _digit_first(seq) -> bool | None:
    """True or False: a match of the parsed sequence can or cannot start with a digit; None: it can be empty."""
    for op, av in seq:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the first character comes after
        if op is C.LITERAL:
            return chr(av).isdigit()
        if op is C.IN:  # a category, a range or a negated class may hold a digit
            return any(o is not C.LITERAL or chr(a).isdigit() for o, a in av)
        if op is C.SUBPATTERN or op is C.BRANCH or op in REPEATS:
            inner = [av[3]] if op is C.SUBPATTERN else av[1] if op is C.BRANCH else [av[2]]
            found = [_digit_first(part) for part in inner]
            if True in found:
                return True
            if None not in found and not (op in REPEATS and av[0] == 0):
                return False
            continue  # an optional part: the next one may open the match
        return True
    return None
