"""One task table drawn in four renderings (pipes, fixed-width columns, one cell per line, tabs) gives the same record."""
from __future__ import annotations

import pytest

import kehoach
from kehoach.reading.normalize import normalize_text
from kehoach.structure import table_ocr
from kehoach.structure.table_noise import _centred_number, _page_break, _page_number_lines
from kehoach.structure.tables import find_tables
from conftest import FIXTURES
from redraw import blank, cut_columns

RENDERINGS = ("ong", "cot", "o", "tab")
# Our own documents, and ../shared/corpus when it is there
DOCUMENTS = [*sorted((FIXTURES.parent.parent / "samples").glob("*.txt")), *sorted((FIXTURES / "documents").glob("*.txt")),
             *sorted((FIXTURES.parents[2] / "shared" / "corpus").glob("*.txt"))]
# A wrap width that cuts the task column's lines of the wide fixed-width fixture (the column ends at 63)
TASK_LINE_CUT = 60


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


def test_a_fixed_width_table_cut_by_hard_wrapping_and_spaced_keeps_its_rows() -> None:
    """Fixed-width columns wider than the wrap width, every line cut where a word ends (the pieces after the
    first lose their place on the line; the task column's lines are cut inside too) and a blank line after
    every line: the column starts are read off the pieces that kept them and off the pieces that go on a
    line cut inside a cell, so every row is one task again, under its group, with its task text."""
    text = (FIXTURES / "documents" / "ke_hoach_huyen_lam_son_bang_cot_rong.txt").read_text(encoding="utf-8")
    plain = kehoach.parse_text(text)
    cut = kehoach.parse_text("\n".join(blank(cut_columns(text.split("\n"), TASK_LINE_CUT))))
    assert [t.id for t in cut.tasks] == [t.id for t in plain.tasks] == ["III.1", "PL.I.1", "PL.I.2", "PL.II.3", "PL.II.4", "PL.II.5"]
    assert [t.title.split()[:6] for t in cut.tasks] == [t.title.split()[:6] for t in plain.tasks]
    assert cut.tasks[1].lead_units == plain.tasks[1].lead_units == ["Phòng Giáo dục và Đào tạo"]


def test_a_long_cell_cut_over_many_lines_stays_in_its_row() -> None:
    """One cell per line, hard wrapped and a blank line after every line: a task cell cut over twelve lines
    is still one cell of its row, and the heading after the table ends it."""
    task = [f"phần việc thứ {k} của đề án chuyển đổi số trong các hợp tác xã nông nghiệp," for k in range(1, 13)]
    cells = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "|",
             "1", "Xây dựng đề án gồm", *task, "Sở Công Thương", "Quý IV/2025", "|",
             "2", "Tập huấn cán bộ hợp tác xã", "Sở Nông nghiệp và Môi trường", "Tháng 9/2025", "|",
             "III. TỔ CHỨC THỰC HIỆN", "Các đơn vị triển khai thực hiện Kế hoạch này.", "|"]
    raw = [out for line in ["|", *cells] for out in (line, "")]
    tables = find_tables(raw)
    assert len(tables) == 1 and [row.cells[0] for row in tables[0].rows] == ["1", "2"]
    assert tables[0].rows[0].cells[2:] == ["Sở Công Thương", "Quý IV/2025"]


def test_a_wide_gap_in_the_line_before_a_table_hides_no_table() -> None:
    """No blank lines anywhere, and the line before the table has a wide gap (a doubled space beside a
    non-breaking one): that line is no fixed-width header, and the '|' table under it is still read."""
    raw = ["PHỤ LỤC 01   DANH MỤC NHIỆM VỤ NĂM 2025",
           "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
           "| --- | --- | --- | --- |",
           *[f"| {k} | Tổ chức tập huấn đợt {k} cho cán bộ hợp tác xã | Sở Công Thương | Quý {k}/2025 |" for k in range(1, 5)],
           "Các đơn vị triển khai thực hiện."]
    tables = find_tables(raw)
    assert len(tables) == 1 and len(tables[0].rows) == 4


def test_a_page_number_run_into_a_row_of_a_spaced_tab_table_is_furniture() -> None:
    """A blank line after every row, and a page number printed right under a row (no blank line between):
    its spacing differs from every other line, so it is the page's number and the table goes on after it."""
    rows = [f"{k}\tTổ chức tập huấn đợt {k} cho cán bộ\tSở Công Thương\tQuý {k}/2025" for k in range(1, 7)]
    lines = ["STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành", *rows[:4], "5", *rows[4:]]
    raw = [out for line in lines for out in ((line,) if line == rows[3] else (line, ""))]
    tables = find_tables(raw)
    assert len(tables) == 1 and len(tables[0].rows) == 6


def test_an_annex_title_after_a_stray_pipe_is_no_header() -> None:
    """A flattened signature leaves a lone '|' above the annex title, whose lines (blank line after each) then
    read as one cell per line: 'DANH MỤC NHIỆM VỤ' names a task column, 'THỰC HIỆN' a lead column. The note
    '(Kèm theo Kế hoạch số ...)' closes an annex's title, never a row of column labels: the header is the row
    under it."""
    title = ["TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Văn Minh PHỤ LỤC DANH MỤC NHIỆM VỤ,", "GIẢI PHÁP THỰC HIỆN",
             "CHUYỂN ĐỔI SỐ TRÊN ĐỊA BÀN HUYỆN", "*(Kèm theo Kế hoạch số 12/KH-UBND ngày 03 tháng 3 năm 2025)*"]
    header = ["STT", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện"]
    rows = [["1", "Xây dựng kho dữ liệu dùng chung của huyện", "Phòng Văn hóa", "Các xã", "Năm 2025"],
            ["2", "Tập huấn kỹ năng số cho cán bộ xã", "Phòng Nội vụ", "Các xã, thị trấn", "Quý III/2025"]]
    lines = ["|", *title, "|"]
    for cells in (header, *rows):
        lines += [part for cell in cells for part in (cell, "|")] + ["|"]
    raw = [out for line in lines for out in (line, "")]
    tables = [table for table in find_tables(raw) if table.assigns]
    assert len(tables) == 1 and tables[0].roles["task"] == 1
    assert [tables[0].cell(row, "lead") for row in tables[0].rows] == ["Phòng Văn hóa", "Phòng Nội vụ"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_the_page_number_scan_misses_no_page_number(path) -> None:
    """The one scan of a document for lines that may be page numbers finds every line the page-number tests accept."""
    raw = normalize_text(path.read_text(encoding="utf-8")).split("\n")
    found = set(_page_number_lines(raw))
    assert {j for j in range(len(raw)) if _page_break(raw, j) or _centred_number(raw, j)} <= found


def test_the_page_number_scan_finds_each_shape_of_page_number() -> None:
    raw = ["Nội dung", "- 3 -", "  Trang 4/12", "=== TRANG 5 ===", "                    13", "1. Tổ chức", "Trang phục"]
    assert list(_page_number_lines(raw)) == [1, 2, 3, 4, 6]


@pytest.mark.parametrize("cell", ["Đảng ủy Khối các cơ quan tỉnh", "Đảng uỷ xã Tân Phú", "Uỷ ban nhân dân huyện",
                                  "Ủy ban Mặt trận Tổ quốc", "Các sở, ngành"])
def test_an_ocr_cell_opens_on_a_body_in_either_tone_placement(cell):
    assert table_ocr.BODY_OPENER_RE.match(cell)
