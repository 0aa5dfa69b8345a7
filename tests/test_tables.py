"""One task table drawn in four renderings (pipes, fixed-width columns, one cell per line, tabs) gives the same record."""
from __future__ import annotations

import kehoach
from conftest import FIXTURES

RENDERINGS = ("ong", "cot", "o", "tab")


def _without_lines(value):
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k not in ("line", "end_line")}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def test_every_rendering_gives_the_same_record() -> None:
    records = [_without_lines(kehoach.parse_file(FIXTURES / "documents" / f"ke_hoach_so_cong_thuong_bang_{name}.txt")
                              .model_dump(mode="json", exclude={"source"})) for name in RENDERINGS]
    assert len(records[0]["tasks"]) == 6  # five annex rows, one prose task; the targets table and repeated header give none
    assert all(record == records[0] for record in records[1:])
