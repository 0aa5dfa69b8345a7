"""Recognise labelled task fields: '- Đơn vị chủ trì thực hiện: Sở Nội vụ.' -> ('lead', 'Sở Nội vụ')."""
from __future__ import annotations

from kehoach.lines.memo import per_parse
from kehoach.lines.patterns import FIELD_HEADING_RE, FIELD_NAMES, FIELD_RE, NEXT_FIELD_RE

# A field heading ("a) Cơ quan chủ trì") is a short line.
FIELD_HEADING_MAX_CHARS = 60


def match_field(text: str) -> tuple[str, str] | None:
    """The field name and its value, or None: 'Thời gian thực hiện: Quý II/2022' -> ('deadline', 'Quý II/2022').

    A label standing alone as a heading ('a) Cơ quan chủ trì') is a field whose value is written below it:
    its value is ''. The value ends where the line's next label starts (``match_fields``).
    """
    found = match_fields(text)
    return found[0] if found else None


@per_parse  # the task finder asks again of one line for its node, the node above it and its run of bullets
def match_fields(text: str) -> tuple[tuple[str, str], ...]:
    """Every field a line gives, in order: several labels may share one line.

    'Đơn vị chủ trì: Phòng A; Đơn vị phối hợp: Phòng B, Phòng C.' -> (('lead', 'Phòng A'),
    ('coordinating', 'Phòng B, Phòng C.'))
    """
    found = first_field(text)  # most lines: None, told by a cheap test, not through the list of every field
    out: list[tuple[str, str]] = []
    while found is not None:
        name, value = found
        nxt = None
        for m in NEXT_FIELD_RE.finditer(value):
            if (nxt := first_field(value[m.end():])) is not None:
                value = value[:m.start()]
                break
        out.append((name, value))
        found = nxt
    return tuple(out)


def first_field(text: str) -> tuple[str, str] | None:
    """The field a line opens with, its value running to the line's end, or None (most lines, told by a cheap test):
    'Đơn vị chủ trì: Phòng A; Đơn vị phối hợp: Phòng B.' -> ('lead', 'Phòng A; Đơn vị phối hợp: Phòng B.')."""
    if ":" in text[:90]:
        m = FIELD_RE.match(text)
    elif len(text) <= FIELD_HEADING_MAX_CHARS:
        m = FIELD_HEADING_RE.match(text)
    else:
        return None
    if m is None:
        return None
    name = next(name for i, name in enumerate(FIELD_NAMES) if m.start(f"field{i}") >= 0)
    return name, m.groupdict().get("value", "").strip()
