"""A deadline phrase -> its elements: the periods and markers it holds, each with its relation word.

    >>> [(e.name, e.qualifier) for e in find_elements(make_scan("Hoàn thành trước quý III/2023", search=False))]
    [('quarter', 'before')]

Clean the phrase (field label, bullets, table cells) -> a matching key of the same length (lower
case, one dash; cited documents, horizons and lunar dates masked) -> elements (periods from
``ATOM_RULES``, markers from ``MARKER_RULES``, each with the relation word before it).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kehoach.deadlines import grammar
from kehoach.deadlines.atoms import ATOM_BUILDERS, fold_word, marker_value, relation_qualifier
from kehoach.deadlines.dates import Count, Part
from kehoach.deadlines.gates import GatedRules, gated_rules

EDGE_STRIP = " \t\n-+*•·–—.;,:"
# A character the key folds ("–", "*", a no-break space): "Quý II – 2022", "**Quý II**".
KEY_FOLD_CHAR_RE = re.compile("[" + re.escape("".join(map(chr, grammar.KEY_FOLD))) + "]")


@dataclass
class Element:
    """A period or a marker found in the key, with the relation word before it."""

    name: str
    start: int
    end: int
    parts: tuple[Part, ...] = ()
    value: object = None  # a recurrence, a Count, an event's qualifier, a unit
    to: bool = False  # runs "to" a later part: "từ năm 2013 đến năm 2020", "tháng 10/2023 - tháng 3/2024"
    weak: bool = False  # a bare number or a period without a year
    qualifier: str = ""
    q_start: int = -1
    in_bracket: bool = False


@dataclass
class Scan:
    """The phrase, its same-length matching key and the rules of its spelling mode."""

    text: str
    key: str
    rules: grammar.Rules
    ascii_only: bool
    gated: GatedRules
    present: frozenset[str]  # the gate words in the key (``GatedRules.present``)


# --- phrase clean-up and the matching key -----------------------------------------------------------


def _fold(text: str, ascii_only: bool) -> str:
    """A key of the same length: "Quý II – 2022" -> "quý ii - 2022" ("quy ii - 2022" when ascii_only)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if KEY_FOLD_CHAR_RE.search(low):  # str.translate walks non-ASCII text slowly: only when there is work
        low = low.translate(grammar.KEY_FOLD)
    return low.translate(grammar.ASCII_FOLD) if ascii_only else low


def clean_phrase(text: str) -> str:
    """The phrase as written, without label, bullets and other cells: "+ Tiến độ: 20/5/2023." -> "20/5/2023"."""
    ascii_only = not grammar.VIETNAMESE_LETTER_RE.search(text)
    labels = list(grammar.rules(ascii_only).label.finditer(_fold(text, ascii_only)))
    if labels:
        text = text[labels[-1].end():]
        if tail := grammar.FIELD_TAIL_PATTERN.search(text):
            text = text[:tail.start()]
    if "|" in text:
        text = _best_cell(text.split("|"))
    text = text.strip(EDGE_STRIP)
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(EDGE_STRIP)
    return text


def _best_cell(cells: list[str]) -> str:
    """The cell most made of time words: ["3 ", " Rà soát ... ", " Quý III/2023 ", " Báo cáo"] -> "Quý III/2023"."""
    best, best_share = "|".join(cells), 0.0
    for cell in cells:
        cell = cell.strip()
        if not cell:
            continue
        share = sum(e.end - e.start for e in find_elements(make_scan(cell, search=False))) / len(cell)
        if share > best_share:
            best, best_share = cell, share
    return best


def make_scan(text: str, search: bool) -> Scan:
    """Fold and mask the phrase: cited documents and horizons become blanks, lunar dates and Tết "@"."""
    ascii_only = not grammar.VIETNAMESE_LETTER_RE.search(text)
    gated = gated_rules(ascii_only)
    key = _fill(_fold(text, ascii_only), grammar.CITATION_PATTERN.finditer(text), " ")
    present = gated.present(key)
    for char, masks in ((" ", gated.sentence_masks if search else gated.phrase_masks), ("@", gated.event_masks)):
        for rule in masks:
            if not rule.may_match(key, present):
                continue
            if (filled := _fill(key, rule.pattern.pattern.finditer(key), char)) is not key:
                key, present = filled, gated.present(filled)  # a mask may take a word away
    return Scan(text, key, grammar.rules(ascii_only), ascii_only, gated, present)


def _fill(key: str, matches: Iterator[re.Match[str]], char: str) -> str:
    """Overwrite the key where a rule matched (only its group "masked" if it has one), keeping its length:
    "số 12/QĐ-UB" with a match at (3, 11) and " " -> "số         "."""
    pieces, last = [], 0
    for m in matches:  # most rules, most sentences: no match
        start, end = m.span("masked") if "masked" in m.re.groupindex else m.span()
        if end > start >= last:
            pieces += [key[last:start], char * (end - start)]
            last = end
    return "".join(pieces) + key[last:] if pieces else key


# --- elements: periods and markers -------------------------------------------------------------------


def find_elements(scan: Scan) -> list[Element]:
    """Periods first, then markers where no period is; sorted, with qualifiers and bracket flags.

    A qualifier window starts after the previous period, so "Từ 15/7 đến 15/8/2023" gives "đến" to the second;
    a period after a bare dash ("tháng 10/2023 - tháng 3/2024") is marked ``to``.
    """
    found, taken = [], bytearray(len(scan.key))
    for m in _atom_matches(scan):
        if periods := ATOM_BUILDERS[m.lastgroup or ""](m):
            found.append(Element(m.lastgroup or "", m.start(), m.end(), periods.parts,
                                 weak=periods.weak, to=periods.to))
        else:  # a period that does not exist: "tháng 13/2025", "ngày 31/4/2025"
            found.append(Element("invalid", m.start(), m.end()))
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for rule in scan.gated.markers:
        if not rule.may_match(scan.key, scan.present):
            continue
        for m in rule.pattern.pattern.finditer(scan.key):  # the gate above was the pattern's own
            if taken.find(1, m.start(), m.end()) < 0:
                found.append(_marker(rule.name, m, scan))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found.sort(key=lambda e: e.start)
    brackets = [m.span() for m in grammar.BRACKET_PATTERN.finditer(scan.key)] if "(" in scan.key or "[" in scan.key else []
    opens, previous_end = [a for a, _ in brackets], 0
    for element in found:
        i = bisect.bisect_left(opens, element.start) - 1
        element.in_bracket = i >= 0 and element.start < brackets[i][1]
        element.qualifier, element.q_start = _qualifier_before(scan, element.start, previous_end)
        if element.parts:  # a marker ("trước" of "trước hoặc trong") does not cut the next window
            element.to = element.to or (previous_end > 0 and scan.key[previous_end:element.start].strip() == "-")
            previous_end = element.end
    _anchor_counts(scan, found)
    return found


def _atom_matches(scan: Scan) -> Iterator[re.Match[str]]:
    """Like ``atoms.finditer``, trying only where a period can start (a digit or a time word), and at a digit
    only the periods that can start with one."""
    end, rules = 0, scan.rules
    for candidate in rules.atom_start.finditer(scan.key):
        if candidate.start() < end:
            continue  # inside the period found last: "30/6/2024" is one
        if m := (rules.digit_atoms if candidate[0].isdigit() else rules.atoms).match(scan.key, candidate.start()):
            end = m.end()
            yield m


def _marker(name: str, m: re.Match[str], scan: Scan) -> Element:
    """A marker element; an event runs to the end of its clause: "sau khi Kế hoạch được ban hành|, ..."."""
    value = marker_value(name, m)
    if name == "event":
        stop = grammar.EVENT_END_PATTERN.search(scan.key, m.end(), m.end() + 80)
        return Element(name, m.start(), stop.start() if stop else min(len(scan.key), m.end() + 80), value=value)
    return Element("recur" if name.startswith("recur") else name, m.start(), m.end(), value=value)


def _qualifier_before(scan: Scan, pos: int, floor: int) -> tuple[str, int]:
    """The relation word right before ``pos``: "Hoàn thành chậm nhất trong |tháng 9" -> ("no_later_than", 11)."""
    low = max(floor, pos - 80)
    window = scan.key[low:pos]
    if last_break := grammar.LAST_CLAUSE_BREAK_PATTERN.match(window):
        low, window = low + last_break.end(), window[last_break.end():]
    m = scan.rules.qualifier_tail.search(window)
    if m is None:
        return "", -1
    return next(name for name, value in m.groupdict().items() if value), low + m.start()


def _anchor_counts(scan: Scan, found: list[Element]) -> None:
    """What "30 ngày" is counted from: the document ("kể từ ngày ký"), a written date, or an event."""
    for i, element in enumerate(found):
        if not isinstance(element.value, Count):
            continue
        m = scan.rules.count_anchor.match(scan.key, element.end)
        if m is None:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        anchor: str | dt.date = "event_before" if fold_word(m["rel"]) == "truoc" else "event"
        if m["doc"]:
            anchor = "document"
        elif following and following.name == "date" and following.start - m.end() <= 6:
            p = following.parts[0]
            anchor, following.parts = dt.date(p.year or 1, p.index, p.day), ()
        element.value = replace(element.value, anchor=anchor)
        element.qualifier = element.qualifier or relation_qualifier(m["rel"])
