"""Deadline phrases -> ``Deadline`` records, as shared/spec/DEADLINES.md defines them.

    >>> parse_deadline("Hoàn thành chậm nhất quý III năm 2023").end
    datetime.date(2023, 9, 30)

One call: ``scan`` turns the phrase into elements (periods and markers, each with the relation
word before it); this module decides the kind, in this order: recurring, ongoing, dated, relative,
unknown. The patterns live in ``grammar``, what a match names in ``atoms``, the calendar
arithmetic in ``dates``.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace

from kehoach.deadlines.dates import ONE_DAY, Count, bounds, count_end, document_period, recurrence, with_years
from kehoach.deadlines.grammar import CLAUSE_BREAK_PATTERN, CLAUSE_HEAD_PATTERN
from kehoach.deadlines.scan import EDGE_STRIP, Element, Scan, clean_phrase, find_elements, make_scan
from kehoach.models import Deadline

__all__ = ["parse_deadline", "search_deadline"]

RECURRENCES = ("daily", "weekly", "monthly", "quarterly", "semiannual", "yearly")
RELATIVE = ("count", "next", "this", "from_now", "doc_from", "now", "event", "event_mask")
SPAN_QUALIFIERS = ("within", "from", "from_to", "no_later_than")


@dataclass
class Result:
    """The fields a decision fills."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    qualifier: str = ""
    recurrence: str | None = None
    year_inferred: bool = False
    invalid: bool = False  # the phrase names a period that does not exist


# --- the public functions --------------------------------------------------------------------------


def parse_deadline(text: str, *, document_date: dt.date | None = None) -> Deadline | None:
    """Normalise a deadline field value; None only for blank text.

        >>> d = parse_deadline("Thời gian thực hiện: Trước ngày 30/6/2023.")
        >>> d.text, d.kind, d.end, d.qualifier
        ('Trước ngày 30/6/2023', 'before', datetime.date(2023, 6, 29), 'before')
    """
    if text is None or not text.strip():
        return None
    phrase = clean_phrase(unicodedata.normalize("NFC", text))
    if not phrase:
        return None
    return _deadline(phrase, _evaluate(find_elements(make_scan(phrase, search=False)), document_date))


def search_deadline(sentence: str, *, document_date: dt.date | None = None) -> Deadline | None:
    """Find the deadline phrase inside an assigning sentence; None if nothing time-like is there.

        >>> search_deadline("Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2023.").text
        'trước ngày 30/6/2023'
    """
    if sentence is None or not sentence.strip():
        return None
    scan = make_scan(unicodedata.normalize("NFC", sentence), search=True)
    elements = find_elements(scan)
    found = [e for i, e in enumerate(elements) if _counts_in_sentence(scan, e) or _leads_recurrence(scan, elements, i)]
    groups = _groups(scan, [e for e in found if not e.in_bracket]) or _groups(scan, found)
    if not groups:
        return None
    best = max(groups, key=_group_score)  # the first of equals
    low = min(e.q_start if e.q_start >= 0 else e.start for e in best)
    high = max(e.end for e in best)
    phrase = scan.text[low:high].strip(EDGE_STRIP)
    return _deadline(phrase or scan.text[low:high], _evaluate(best, document_date))


def _deadline(text: str, result: Result) -> Deadline:
    """The model from a decision."""
    return Deadline(text=text, kind=result.kind, start=result.start, end=result.end, qualifier=result.qualifier,
                    recurrence=result.recurrence, year_inferred=result.year_inferred, invalid=result.invalid)


# --- years and windows -----------------------------------------------------------------------------


def _years_across(atoms: list[Element], default_year: int | None) -> list[Element]:
    """Carry years between the elements of one phrase: "Từ 15/7 đến 15/8/2023" dates both in 2023."""
    if all(p.year is not None for e in atoms for p in e.parts):
        return atoms  # every year written: nothing to carry, no copies
    resolved = iter(with_years([p for e in atoms for p in e.parts], default_year))
    return [replace(e, parts=tuple(next(resolved) for _ in e.parts)) for e in atoms]


def _atom_bounds(e: Element) -> tuple[dt.date | None, dt.date | None]:
    """One element's window; "trước" ends it the day before: trước quý III/2023 -> (None, 30/6/2023)."""
    spans = [b for p in e.parts if p.year is not None and (b := bounds(p, p.year))]
    if not spans:
        return None, None
    start, end = min(s for s, _ in spans), max(t for _, t in spans)
    if e.qualifier == "before":
        return None, (start if e.parts[0].clock else start - ONE_DAY)
    return start, end


# --- decisions ---------------------------------------------------------------------------------------


def _evaluate(elements: list[Element], document_date: dt.date | None) -> Result:
    """Decide on what is outside brackets; a bracket counts when the rest says nothing, or for a recurrence."""
    main = [e for e in elements if not e.in_bracket]
    aside = [e for e in elements if e.in_bracket]
    result = _with_document_year(main, document_date) if main else Result("unknown")
    if result.kind == "unknown" and aside:
        result = _with_document_year(aside, document_date)
    elif result.kind == "recurring" and not result.qualifier:
        result.qualifier = next((e.qualifier for e in aside if e.qualifier), "")
    return result


def _with_document_year(elements: list[Element], document_date: dt.date | None) -> Result:
    """Years not written come from the document date, or the next year when that ends before it."""
    if document_date is None or all(p.year is not None for e in elements for p in e.parts):
        return _decide(elements, None, document_date)
    result = _decide(elements, document_date.year, document_date)
    if result.end is not None and result.end < document_date:
        result = _decide(elements, document_date.year + 1, document_date)
    has_date = result.start is not None or result.end is not None
    result.year_inferred = has_date and result.kind not in ("recurring", "relative", "unknown")
    return result


def _decide(elements: list[Element], default_year: int | None, doc: dt.date | None) -> Result:
    """An impossible period makes it unknown; else recurring beats ongoing beats a dated period beats relative."""
    atoms = _years_across([e for e in elements if e.parts], default_year)
    names = {e.name for e in elements}
    if "invalid" in names:  # never a nearby valid date
        return Result("unknown", invalid=True)
    if "recur" in names:
        return _recurring(elements, atoms)
    if names & {"ongoing", "open_end"} or (len(atoms) == 1 and atoms[0].qualifier == "from" and not atoms[0].to):
        return _ongoing(elements, atoms)
    relative = [e for e in elements if e.name in RELATIVE
                and not (isinstance(e.value, Count) and not e.qualifier and e.value.anchor is None)]
    atoms = _without_event_periods(elements, atoms)
    if atoms:
        dated = _dated(atoms)
        if relative and relative[0].name == "from_now" and relative[0].start < atoms[0].start and \
                not (doc and dated.end and dated.end < doc):
            return Result("relative", doc, dated.end, "from_to")  # "Từ nay đến hết năm 2025"
        return dated
    return _relative(relative, doc) if relative else Result("unknown")


def _without_event_periods(elements: list[Element], atoms: list[Element]) -> list[Element]:
    """Drop periods that sit, with no relation word of their own, in an event's clause: "Trước kỳ họp cuối năm".

    One pass over both lists, which are sorted by start.
    """
    events = iter(e for e in elements if e.name in ("event", "event_mask"))
    event, reach, kept = next(events, None), -1, []
    for atom in atoms:
        while event is not None and event.start < atom.start:
            reach, event = max(reach, event.end), next(events, None)
        if atom.qualifier or reach < atom.start:
            kept.append(atom)
    return kept


def _dated(atoms: list[Element]) -> Result:
    """One period keeps its kind; several make a range: "Quý IV/2022 - Quý I/2023" -> 1/10/2022..31/3/2023."""
    first = atoms[0]
    qualifier = first.qualifier
    if qualifier == "from" and (first.to or any(a.to or a.qualifier == "no_later_than" for a in atoms[1:])):
        qualifier = "from_to"
    windows = [_atom_bounds(a) for a in atoms]
    if len({(p.unit, p.year, p.index, p.day, p.part) for a in atoms for p in a.parts}) == 1:
        kind = "before" if qualifier == "before" else {"day": "date"}.get(first.parts[0].unit, first.parts[0].unit)
        return Result(kind, *windows[0], qualifier)
    known = [(start, end) for start, end in windows if end is not None]
    if not known:
        return Result("range", qualifier=qualifier)
    earliest = min(known, key=lambda w: w[1])  # the start of the part that ends first
    return Result("range", earliest[0], max(end for _, end in known), qualifier)


def _recurring(elements: list[Element], atoms: list[Element]) -> Result:
    """ "Hằng năm, giai đoạn 2021-2025" -> yearly over 2021..2025; the shortest period wins."""
    values = [e.value for e in elements if e.name == "recur" and e.value]
    values += [recurrence(e.value.n, e.value.unit) for e in elements  # "6 tháng, hằng năm và định kỳ"
               if isinstance(e.value, Count) and not e.qualifier and e.value.anchor is None]
    points = [a for a in atoms if not a.parts[-1].written and a.parts[0].unit in ("date", "month", "quarter")]
    if "yearly" in values and points and not any(a.to or a.qualifier == "from" for a in points):
        per_year = sum(len(a.parts) for a in points)  # "tháng 6 và tháng 12 hằng năm": twice a year
        values.append({2: "semiannual", 4: "quarterly", 12: "monthly"}.get(per_year))
    shortest = min((str(v) for v in values if v), key=RECURRENCES.index, default=None)
    spans = [a for a in atoms if a.parts[-1].written and a.qualifier in SPAN_QUALIFIERS]
    if not spans:  # the point within each period: "Trước ngày 15/12 hằng năm", "Từ 1/1 đến 31/3 hằng năm"
        qualifier = _dated(atoms).qualifier if atoms and atoms[0].qualifier else \
            next((a.qualifier for a in atoms if a.qualifier), "")
        return Result("recurring", qualifier=qualifier, recurrence=shortest)
    window = _dated(spans)
    end = None if window.qualifier == "from" else window.end
    return Result("recurring", window.start, end, window.qualifier, shortest)


def _ongoing(elements: list[Element], atoms: list[Element]) -> Result:
    """ "Từ quý III/2022 trở đi" -> from 1/7/2022, open; "Thường xuyên trong giai đoạn 2021-2025" -> bounded."""
    says_open = any(e.name == "open_end" for e in elements)
    open_end = says_open or not any(e.name == "ongoing" for e in elements)  # else a lone "từ X"
    if not atoms:
        return Result("ongoing", qualifier="from" if says_open else "")
    window = _dated(atoms)
    start = min((s for s in (_atom_bounds(a)[0] for a in atoms) if s), default=window.start)
    if open_end:
        return Result("ongoing", start, None, "from")
    bounded = window.qualifier in ("within", "no_later_than", "from_to")
    return Result("ongoing", start, window.end if bounded else None, window.qualifier)


def _relative(relative: list[Element], doc: dt.date | None) -> Result:
    """ "Trong vòng 30 ngày kể từ ngày ký" -> D + 30 days; an event anchor leaves the dates null."""
    first = relative[0]
    qualifier = first.qualifier or (str(first.value or "") if first.name == "event" else "")
    if qualifier == "from" and any("no_later_than" in (e.qualifier, e.value) for e in relative[1:]):
        qualifier = "from_to"  # "Từ ngày thành lập ... đến ngày kết thúc ..."
    start = end = None
    if isinstance(first.value, Count):
        base = doc if first.value.anchor == "document" else first.value.anchor
        end = count_end(base, first.value) if isinstance(base, dt.date) else None
    elif first.name in ("next", "this") and doc:
        start, end = document_period(doc, str(first.value), 1 if first.name == "next" else 0)
    elif first.name in ("now", "from_now", "doc_from") and doc:
        start = doc
    return Result("relative", start, end, qualifier)


# --- sentence search ----------------------------------------------------------------------------------


def _counts_in_sentence(scan: Scan, e: Element) -> bool:
    """Inside a sentence, bare numbers, undated periods and loose relation words need a relation word."""
    if e.parts:  # a bare "năm 2025" inside a clause names a thing: "thương mại điện tử tỉnh Sơn La năm 2025"
        if e.qualifier:
            return True
        bare_year = all(p.unit == "year" and not p.part for p in e.parts) and len(e.parts) == 1
        heads_clause = CLAUSE_HEAD_PATTERN.search(scan.key, max(0, e.start - 8), e.start) is not None
        return not e.weak and (heads_clause or not bare_year)
    if e.name in ("recur", "ongoing", "open_end", "from_now", "doc_from", "invalid"):
        return True
    if isinstance(e.value, Count):  # "30 tháng trước so với ..." is "ago", not "30 months before an event"
        return e.value.anchor not in (None, "event_before") or e.qualifier in ("within", "no_later_than")
    if e.name in ("next", "this", "event_mask"):
        return bool(e.qualifier)
    return e.name == "event" and scan.rules.strong_event.match(scan.key, e.start) is not None


def _leads_recurrence(scan: Scan, elements: list[Element], i: int) -> bool:
    """An undated period right before a periodic word belongs to it: "Ngày 20 hàng tháng", "Quý I hằng năm"."""
    e, following = elements[i], elements[i + 1] if i + 1 < len(elements) else None
    return bool(e.parts) and following is not None and following.name == "recur" and \
        scan.rules.connector.fullmatch(scan.key, e.end, following.start) is not None


def _groups(scan: Scan, elements: list[Element]) -> list[list[Element]]:
    """Elements that form one phrase: joined by connectors, or steps that each have a relation word."""
    groups: list[list[Element]] = []
    for e in elements:
        if groups and _joined(scan, groups[-1][-1], e):
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def _joined(scan: Scan, prev: Element, e: Element) -> bool:
    """ "Quý IV/2022 - Quý I/2023" and "dự thảo trong quý I/2023, trình ban hành trong quý II/2023" join."""
    gap = scan.key[prev.end:e.q_start if e.q_start >= 0 else e.start]
    if len(gap) > 40 or CLAUSE_BREAK_PATTERN.search(gap):
        return False
    if scan.rules.connector.fullmatch(gap):
        return True
    steps = prev.qualifier or prev.name == "recur"
    return bool(steps and (e.qualifier or e.name in ("recur", "ongoing", "open_end")))


def _group_score(group: list[Element]) -> int:
    """Periodic words and dated periods with a relation word rank first; loose relatives last."""
    def score(e: Element) -> int:
        """3 for "hằng năm" or "trước ngày 30/6/2023", 2 for "Quý II/2023" or "thường xuyên", 1 for "sau khi ..."."""
        if e.name == "recur" or (e.parts and e.qualifier and not e.weak):
            return 3
        return 2 if e.parts or e.name in ("ongoing", "open_end") else 1
    return max(score(e) for e in group)
