"""Date arithmetic of deadlines: the periods a phrase names and the calendar days they cover.

    >>> bounds(Part("quarter", 2023, 3), 2023)
    (datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))

A ``Part`` is one period ("quý II", "cuối năm 2023"); ``bounds`` gives its first and last day,
``with_years`` carries a written year to the parts that lack one, ``count_end`` counts "30 ngày"
from a date and ``document_period`` names "năm sau" or "năm nay" from the document's date.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

UNIT_MONTHS = {"thang": 1, "quy": 3, "qui": 3, "nam": 12}
ONE_DAY = dt.timedelta(days=1)
WEEK_DAYS = {f"tuan{n}": (7 * n - 6, 7 * n) for n in range(1, 5)}  # "tuần thứ hai" of a month: days 8-14


class Part(NamedTuple):
    """One period a phrase names, year None until resolved: "quý II" -> Part("quarter", None, 2).

    A named tuple, not a frozen dataclass: every period of every sentence makes one, and a tuple is built
    several times faster."""

    unit: str  # date, month, quarter, half_year, year, day
    year: int | None
    index: int = 0  # the month of a date or month, the quarter, the half
    day: int = 0
    part: str = ""  # "dau" / "giua" / "cuoi" (đầu, giữa, cuối); of a month also "tuan1".."tuan4", "tuan_cuoi"
    clock: bool = False
    written: bool = True  # the phrase wrote the year (False once a year is carried or inferred)


@dataclass(frozen=True)
class Count:
    """ "30 ngày làm việc", and what it counts from: "document", "event", "event_before" or a date."""

    n: int
    unit: str  # ngay, tuan, thang, nam
    working: bool = False
    anchor: str | dt.date | None = None


def recurrence(n: float, unit: str) -> str | None:
    """A period -> its recurrence value: (3, "thang") -> "quarterly", (1, "tuan") -> "weekly"."""
    if unit in ("ngay", "tuan"):
        return ("daily" if unit == "ngay" else "weekly") if n == 1 else None
    months = n * UNIT_MONTHS.get(unit, 0)
    return {1.0: "monthly", 3.0: "quarterly", 6.0: "semiannual", 12.0: "yearly"}.get(months)


def month_bounds(year: int, month: int, part: str = "") -> tuple[dt.date, dt.date]:
    """Tháng 6/2023, cuối -> 21/6..30/6 (đầu 1-10, giữa 11-20, cuối 21-last; week N: 7N-6..7N, last week: the last 7)."""
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"dau": (1, 10), "giua": (11, 20), "cuoi": (21, last), "tuan_cuoi": (last - 6, last),
                           **WEEK_DAYS}.get(part, (1, last))
    return dt.date(year, month, first_day), dt.date(year, month, last_day)


def bounds(p: Part, year: int) -> tuple[dt.date, dt.date] | None:
    """First and last day of a part in ``year``: quarter 2 -> 1/4..30/6; cuối năm -> 1/10..31/12."""
    if p.unit == "date":
        try:
            return dt.date(year, p.index, p.day), dt.date(year, p.index, p.day)
        except ValueError:
            return None
    if p.unit == "month":
        return month_bounds(year, p.index, p.part)
    if p.unit in ("quarter", "half_year", "year"):
        size = {"quarter": 3, "half_year": 6, "year": 12}[p.unit]
        first = (p.index - 1) * size + 1 if p.unit != "year" else 1
        span = {"quarter": {"dau": (0, 0), "giua": (1, 1), "cuoi": (2, 2)},
                "year": {"dau": (0, 2), "giua": (3, 8), "cuoi": (9, 11)}}.get(p.unit, {}).get(p.part, (0, size - 1))
        return month_bounds(year, first + span[0])[0], month_bounds(year, first + span[1])[1]
    return None


def with_years(parts: list[Part], default: int | None) -> list[Part]:
    """A year written once covers every part; a first part later in the year is the year before.

        [15/7, 15/8/2023] -> [15/7/2023, 15/8/2023]; [tháng 11, tháng 2/2024] -> [11/2023, 2/2024]
    """
    later: list[Part | None] = [None] * len(parts)
    for i in range(len(parts) - 2, -1, -1):
        later[i] = parts[i + 1] if parts[i + 1].year is not None else later[i + 1]
    out: list[Part] = []
    earlier: Part | None = None
    for p, after in zip(parts, later):
        if p.year is None:
            if after is not None and after.year is not None:
                year: int | None = after.year - _starts_before(after, p)
            elif earlier is not None and earlier.year is not None:
                year = earlier.year + _starts_before(p, earlier)
            else:
                year = default
            p = p._replace(year=year, written=False)
        out.append(p)
        earlier = p if p.year is not None else earlier
    return out


def _starts_before(a: Part, b: Part) -> bool:
    """Whether ``a`` starts earlier in the year than ``b`` (tested in a leap year, so 29/2 exists)."""
    bounds_a, bounds_b = bounds(a, 2000), bounds(b, 2000)
    return bounds_a is not None and bounds_b is not None and bounds_a[0] < bounds_b[0]


def document_period(doc: dt.date, unit: str, ahead: int) -> tuple[dt.date, dt.date]:
    """ "năm sau" from 15/11/2022 -> 2023; "quý tới" -> the next quarter; "tháng nay" -> this month."""
    months = UNIT_MONTHS.get(unit, 12)
    first = dt.date(doc.year, (doc.month - 1) // months * months + 1, 1) + relativedelta(months=months * ahead)
    return first, first + relativedelta(months=months) - ONE_DAY


def count_end(base: dt.date, count: Count) -> dt.date:
    """Bộ luật Dân sự 2015 Art. 147-148: day D not counted, months keep the day number, weekends move on.

        (10/3/2023, 30 ngày) -> 10/4/2023 (9/4 is a Sunday); (31/1/2023, 1 tháng) -> 28/2/2023
    """
    if count.working and count.unit == "ngay":
        day, n = base, count.n
        while n > 0:
            day += ONE_DAY
            n -= day.weekday() < 5
        return day
    unit = {"ngay": "days", "tuan": "weeks", "thang": "months", "nam": "years"}[count.unit]
    end = base + relativedelta(**{unit: count.n})
    return end + dt.timedelta(days=7 - end.weekday()) if end.weekday() >= 5 else end
