"""Recognise labelled task fields: '- Đơn vị chủ trì thực hiện: Sở Nội vụ.' -> ('lead', 'Sở Nội vụ')."""
from __future__ import annotations

from .patterns import FIELD_RES


def match_field(text: str) -> tuple[str, str] | None:
    """The field name and its value, or None: 'Thời gian thực hiện: Quý II/2022' -> ('deadline', 'Quý II/2022')."""
    if ":" not in text[:90]:
        return None
    for name, rule in FIELD_RES:
        if m := rule.match(text):
            return name, m.group("value").strip()
    return None
