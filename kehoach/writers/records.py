"""Records as the writers take them: a PlanDocument or its JSON dump (what batch workers return)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def as_record(obj: Any) -> Mapping[str, Any]:
    """The JSON form of a record: PlanDocument -> model_dump(mode="json"); a dict stays as it is."""
    dump = getattr(obj, "model_dump", None)
    return dump(mode="json") if dump is not None else obj


def iso_date(value: Any) -> dt.date | None:
    """An ISO date string (as in a JSON record) or a date as a date; None, or no date, gives None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
