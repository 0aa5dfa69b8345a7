"""Grammar matches -> what they name: a period atom -> its ``Part``s, a marker -> its value.

    >>> fold_word("Mười  hai"), number("IV")
    ('muoi hai', 4)

``ATOM_BUILDERS`` reads the named alternatives of ``ATOM_RULES``, ``marker_value`` those of ``MARKER_RULES``.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from kehoach.deadlines.dates import Count, Part, bounds, recurrence
from kehoach.deadlines.grammar import ASCII_FOLD

NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
                "muoi": 10, "gieng": 1, "chap": 12, "muoi mot": 11, "muoi hai": 12}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class Periods(NamedTuple):
    """What a period atom names; ``weak``: a bare number or no year; ``to``: a list that runs "đến"."""

    parts: tuple[Part, ...]
    weak: bool = False
    to: bool = False


def fold_word(text: str) -> str:
    """Lookup form of a matched word: "Cuối" -> "cuoi", "mười  hai" -> "muoi hai"."""
    return " ".join(text.lower().translate(ASCII_FOLD).split())


def number(text: str) -> int:
    """ "03" -> 3, "sáu" -> 6, "IV" -> 4; 0 when unknown."""
    word = fold_word(text)
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word) or ROMAN.get(word, 0)


def relation_qualifier(words: str) -> str:
    """The qualifier of a relation word before an event: "Ngay sau khi" -> "after", "kể từ ngày" -> "from"."""
    tokens = fold_word(words).split()
    if tokens[0] == "truoc":
        return "before"
    if "sau" in tokens:
        return "after"
    if "tu" in tokens:
        return "from"
    return "no_later_than" if "den" in tokens else ""


def _periods(parts: list[Part], weak: bool = False, to: bool = False) -> Periods | None:
    """The atom's periods, or None when a date does not exist (31/4/2024)."""
    if not parts or any(p.unit == "date" and p.year and bounds(p, p.year) is None for p in parts):
        return None
    return Periods(tuple(parts), weak or parts[-1].year is None, to)


def _listed(unit: str, text: str, year: int | None, part: str) -> Periods | None:
    """A listed period writes its year once, at the end: "11 đến tháng 2" + 2025 -> [11/?, 2/2025], to."""
    folded = fold_word(text)
    token = r"(?<![a-z])(?:iv|i{1,3}|[1-4])(?![a-z])" if unit == "quarter" else r"\d{1,2}"
    numbers = [n for n in (number(t) for t in re.findall(token, folded)) if n]
    last = len(numbers) - 1
    parts = [Part(unit, year if i == last else None, n, part=part, written=i == last) for i, n in enumerate(numbers)]
    return _periods(parts, to=bool(re.search(r"-|\bden\b|\btoi\b", folded)))


def _year(m: re.Match[str], group: str) -> int | None:
    """The year a group wrote, or None: "quý II/2022" -> 2022, "quý II" -> None."""
    return int(m[group]) if m[group] else None


def _half_year(m: re.Match[str]) -> Periods | None:
    """ "6 tháng cuối năm 2022" -> the second half of 2022."""
    return _periods([Part("half_year", _year(m, "hy_year"), 1 if fold_word(m["hy_part"]) == "dau" else 2)])


def _date(m: re.Match[str]) -> Periods | None:
    """ "trước 17 giờ ngày 20/12/2022" -> 20/12/2022 with a clock time."""
    month = int(m["da_mon"] or m["da_mon2"])
    return _periods([Part("date", int(m["da_year"]), month, int(m["da_day"]), clock=bool(m["da_clock"]))])


def _date_no_year(m: re.Match[str]) -> Periods | None:
    """ "Ngày 15/10" -> 15 October, year unknown."""
    month = int(m["dn_mon"] or m["dn_mon2"])
    return _periods([Part("date", None, month, int(m["dn_day"]), clock=bool(m["dn_clock"]))])


def _month(m: re.Match[str]) -> Periods | None:
    """ "Tháng 10 - 12/2022" -> October and December 2022 (a range)."""
    return _listed("month", m["mo_nums"], _year(m, "mo_year"), fold_word(m["mo_part"] or ""))


def _week(m: re.Match[str]) -> Periods | None:
    """ "Tuần thứ hai tháng 3/2025" -> the days 8-14 of March 2025 (part "tuan2"; "tuần cuối": "tuan_cuoi")."""
    order = fold_word(m["wk_ord"]).removeprefix("thu ")
    week = {"dau": "1", "nhat": "1", "cuoi": "_cuoi"}.get(order) or str(number(order))
    return _periods([Part("month", _year(m, "wk_year"), int(m["wk_mon"]), part=f"tuan{week}")])


def _month_word(m: re.Match[str]) -> Periods | None:
    """ "tháng Mười hai năm 2022" -> December 2022."""
    return _periods([Part("month", int(m["mw_year"]), number(m["mw_word"]), part=fold_word(m["mw_part"] or ""))])


def _month_bare(m: re.Match[str]) -> Periods | None:
    """ "12/2022" -> December 2022; bare, so a sentence search wants a relation word."""
    return _periods([Part("month", int(m["mb_year"]), int(m["mb_mon"]))], weak=True)


def _quarter(m: re.Match[str]) -> Periods | None:
    """ "Quý III-IV/2023" -> Q3 and Q4 2023."""
    return _listed("quarter", m["qu_nums"], _year(m, "qu_year"), fold_word(m["qu_part"] or ""))


def _year_list(m: re.Match[str]) -> Periods | None:
    """ "Năm 2022 - 2023" -> 2022 and 2023; a bare "2023" is weak."""
    part = fold_word(m["yr_part"] or "")
    parts = [Part("year", int(y), part=part) for y in re.findall(r"\d{4}", m["yr_list"])]
    bare = not (m["yr_word"] or m["yr_many"] or part)
    return _periods(parts, weak=bare, to=bool(re.search(r"-|\bden\b|\btoi\b", fold_word(m["yr_list"]))))


def _year_part(m: re.Match[str]) -> Periods | None:
    """ "Cuối năm" -> the fourth quarter of a year not written."""
    return _periods([Part("year", None, part=fold_word(m["yp_part"]))])


def _day(m: re.Match[str]) -> Periods | None:
    """ "ngày 25" -> day 25 of some month (only a recurring phrase gives it meaning)."""
    return _periods([Part("day", None, day=int(m["dy_day"]))])


def _invalid(m: re.Match[str]) -> Periods | None:
    """ "tháng 13/2025" -> None: no such period (the caller records the match as invalid)."""
    return None


ATOM_BUILDERS = {"half_year": _half_year, "date": _date, "date_no_year": _date_no_year, "week": _week, "month": _month,
                 "month_word": _month_word, "month_bare": _month_bare, "quarter": _quarter, "year": _year_list,
                 "year_part": _year_part, "day": _day, "invalid": _invalid}


def marker_value(name: str, m: re.Match[str]) -> object:
    """A marker's value: "Định kỳ 03 tháng/lần" -> "quarterly", "30 ngày" -> Count(30, "ngay"), "Sau khi" -> "after"."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    if name == "recur_each":
        times = number(groups["re_times"]) if "re_times" in groups else 1
        return recurrence(1 / max(times, 1), fold_word(groups["re_unit"]))
    if name == "recur_times":
        return recurrence(1 / max(number(groups["rt_times"]), 1), fold_word(groups["rt_unit"]))
    if name in ("recur_every", "recur_periodic") and len(groups) == 2:
        n, unit = groups.values()
        return recurrence(number(n), fold_word(unit))
    if name == "recur_sub":
        return "quarterly" if fold_word(groups["rs_unit"]) in ("quy", "qui") else "monthly"
    if name == "count":
        return Count(number(groups["ct_n"]), fold_word(groups["ct_unit"]), "ct_work" in groups)
    if name in ("next", "this"):
        return fold_word(next(iter(groups.values())))
    if name == "event":
        return relation_qualifier(groups["ev_rel"])
    return None
