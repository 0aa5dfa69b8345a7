"""One line, one kind: tests/fixtures/lines.tsv (expected kind, then the line)."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from kehoach.lines.paragraphs import join_paragraphs, kind_of, physical_lines


def rows(name: str) -> list:
    out = []
    path = FIXTURES / name
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw and not raw.startswith("#"):
            out.append(pytest.param(*raw.split("\t"), id=f"{name}:{no}"))
    return out


@pytest.mark.parametrize(("kind", "text"), rows("lines.tsv"))
def test_line_kind(kind, text):
    assert kind_of(text)[0] == kind


@pytest.mark.parametrize(("raw", "joined"), [
    ("Đơn vị chủ trì: Công an Thành\nphố.", ["Đơn vị chủ trì: Công an Thành phố."]),
    ("**II. MỤC TIÊU\nCHỦ YẾU**\n\n1. Nội dung", ["II. MỤC TIÊU CHỦ YẾU", "1. Nội dung"]),
    ("phát triển kinh tế - xã\n\nhội và quốc phòng", ["phát triển kinh tế - xã hội và quốc phòng"]),
    ("1. Sở Tài chính\nChủ trì thẩm định.", ["1. Sở Tài chính", "Chủ trì thẩm định."]),
    ("- Bước một;\n- Bước hai.", ["- Bước một;", "- Bước hai."]),
    ("*Đơn vị chủ trì thực hiện: *Các\nSở, ngành, đơn vị.", ["Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị."]),
    ("- Đơn vị chủ trì: Sở Nội vụ\n- Thời gian: Quý II", ["- Đơn vị chủ trì: Sở Nội vụ", "- Thời gian: Quý II"]),
    ("phối hợp với các\n\nSở, ngành liên quan", ["phối hợp với các Sở, ngành liên quan"]),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc\nTrung ương xây dựng đề án",
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương xây dựng đề án"]),
    ("**3. Đề nghị Ủy ban Mặt trận, Hội Liên hiệp**\n\n**Phụ nữ Thành phố**",
     ["3. Đề nghị Ủy ban Mặt trận, Hội Liên hiệp Phụ nữ Thành phố"]),
    ("**V. TỔ CHỨC THỰC HIỆN**\n\n**1.\nSở Y tế:**", ["V. TỔ CHỨC THỰC HIỆN", "1. Sở Y tế:"]),
    ("Hoàn thành.\n\nTổ chức sơ kết", ["Hoàn thành.", "Tổ chức sơ kết"]),
])
def test_join_paragraphs(raw, joined):
    lines, bold = physical_lines(raw)
    assert [p.text for p in join_paragraphs(lines, bold)] == joined


def test_paragraph_keeps_first_line_number():
    lines, bold = physical_lines("\n\nKẾ HOẠCH\n\ntriển khai thực hiện Nghị quyết của Ban Chấp hành\nĐảng bộ tỉnh\n")
    assert [(p.no, p.end_no) for p in join_paragraphs(lines, bold)] == [(3, 3), (5, 6)]


def test_every_title_phrase_has_two_words_for_the_opening_test():
    """titles._phrase_at passes over a word unless it or the next one is right in some phrase: a phrase of one
    word, one letter off, would slip through that test."""
    from kehoach.lines.titles import PHRASES, read_title

    assert all(len(keys) >= 2 for _, keys, _ in PHRASES)
    assert read_title("TỎ CHỨC THỰC HIÊN") == ("TỔ CHỨC THỰC HIỆN", True)
