"""Recognise labelled task fields: '- Đơn vị chủ trì thực hiện: Sở Nội vụ.' -> ('lead', 'Sở Nội vụ')."""
from __future__ import annotations

from kehoach.lines.patterns import ANY_FIELD_HEADING_RE, ANY_FIELD_RE, FIELD_HEADING_RES, FIELD_RES

# A field heading ("a) Cơ quan chủ trì") is a short line.
FIELD_HEADING_MAX_CHARS = 60


def match_field(text: str) -> tuple[str, str] | None:
    """The field name and its value, or None: 'Thời gian thực hiện: Quý II/2022' -> ('deadline', 'Quý II/2022').

    A label standing alone as a heading ('a) Cơ quan chủ trì') is a field whose value is written below it:
    its value is ''.
    """
    if ":" in text[:90]:
        rules = FIELD_RES if ANY_FIELD_RE.match(text) else ()
    elif len(text) <= FIELD_HEADING_MAX_CHARS:
        rules = FIELD_HEADING_RES if ANY_FIELD_HEADING_RE.match(text) else ()
    else:
        return None
    for name, rule in rules:
        if m := rule.match(text):
            return name, m.groupdict().get("value", "").strip()
    return None
