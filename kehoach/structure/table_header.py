"""What a table's header says (structure/tables.py reads the tables): the role of each column, from
its label, and the sub-columns a second header row names under a cell that spans several."""
from __future__ import annotations

import re

from kehoach.lines.layout import ATTACHED_NOTE_RE

# A header cell is a short label; a longer one is text before the table.
HEADER_CELL_MAX = 80
# A header row names at least this many column roles, and has at least this many cells.
HEADER_MIN_ROLES = 2
HEADER_MIN_CELLS = 3
# Column roles in the order they are tried on a header cell: "Đơn vị phối hợp thực hiện" is the
# coordinating column although it also says "thực hiện"; "Cá nhân phụ trách chỉ đạo" (a party
# annex) names the person who directs, never the body that leads.
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stt", re.compile(r"^(?:S\.?\s*TT|TT|Số\s+TT|STT)$", re.IGNORECASE)),
    ("coordinating", re.compile(r"phối\s+hợp", re.IGNORECASE)),
    ("deliverable", re.compile(r"^(?:Sản\s+phẩm|Kết\s+quả|Hình\s+thức\s+văn\s+bản)", re.IGNORECASE)),
    # "Thời gian hoàn thành", "Cấp trình và thời gian trình" (a list of draft legal texts)
    ("deadline", re.compile(r"^(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ|Lộ\s+trình)|\bthời\s+gian\s+trình\b", re.IGNORECASE)),
    # "Chỉ tiêu", "Mục tiêu đến năm 2030": a table of targets, whose rows are no tasks
    ("target", re.compile(r"^(?:Chỉ\s+tiêu|Mục\s+tiêu)", re.IGNORECASE)),
    ("task", re.compile(r"(?:Nhiệm\s+vụ|Nội\s+dung|Tên\s+(?:nhiệm\s+vụ|đề\s+án|công\s+việc|văn\s+bản|dự\s+án)|Công\s+việc|Hoạt\s+động|Giải\s+pháp)",
                        re.IGNORECASE)),
    ("director", re.compile(r"^Cá\s+nhân\s+phụ\s+trách", re.IGNORECASE)),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện|^(?:Cơ\s+quan|Đơn\s+vị|Người)|phụ\s+trách", re.IGNORECASE)),
    ("note", re.compile(r"^Ghi\s+chú", re.IGNORECASE)),
)


def column_roles(cells: list[str]) -> dict[str, int] | None:
    """Roles of a header row, or None when it is no header: ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì'] -> {...}."""
    if len(cells) < HEADER_MIN_CELLS or any(len(c) > HEADER_CELL_MAX for c in cells):
        return None
    if any(ATTACHED_NOTE_RE.search(c) for c in cells):  # "(Kèm theo Kế hoạch số ...)" closes an annex's title
        return None
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for role, rule in COLUMN_ROLES:
            if role not in roles and rule.search(cell):
                roles[role] = index
                break
    return roles if len(roles) >= HEADER_MIN_ROLES else None


def sub_header(header: list[str], cells: list[str], roles: dict[str, int]) -> tuple[dict[str, int], list[int]] | None:
    """A header's second row, which names the sub-columns of a header cell that spans several
    ('Đơn vị thực hiện' over 'Chủ trì | Phối hợp'; 'Cấp trình và thời gian trình' over 'Bộ trưởng |
    Chính phủ | Thủ tướng Chính phủ'): the roles it adds and the time column's stages, or None when
    the row is a first row of the table (its task cell is filled)."""
    task = roles.get("task")
    if task is None or task >= len(cells) or cells[task] or not any(cells):
        return None
    added = dict(roles)
    for index, cell in enumerate(cells):
        if cell and (index >= len(header) or not header[index]):
            role = next((r for r, rule in COLUMN_ROLES if rule.search(cell)), None)
            if role in ("lead", "coordinating") and role not in added:
                added[role] = index
    stages: list[int] = []
    if (at := roles.get("deadline")) is not None and at < len(cells) and cells[at]:
        stages = [at]
        while (nxt := stages[-1] + 1) < len(cells) and cells[nxt] and (nxt >= len(header) or not header[nxt]):
            stages.append(nxt)
    return added, stages if len(stages) > 1 else []
