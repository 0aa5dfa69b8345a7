"""Property: parsing never raises, whatever the text, and every writer accepts the result."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kehoach
from kehoach.writers.jsoncsv import csv_bytes, json_text

FRAGMENTS = [
    "I.", "II-", "III.", "1.", "2.", "a)", "b)", "-", "+", "*", "|", " | ", "\n", "\n\n", " ",
    "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "QUYẾT ĐỊNH", "Điều 1.", "Phụ lục",
    "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số:", "Số 45-KH/TW", "Số: /KH-UBND", "128/KH-UBND", "Hà Nội, ngày 09 tháng 01 năm 2024",
    "ngày", "tháng 13 năm 0", "Căn cứ Nghị quyết số 13-NQ/TW, ngày 02/4/2022",
    "TỔ CHỨC THỰC HIỆN", "NHIỆM VỤ", "Sở Tài chính", "Giao Sở Nội vụ chủ trì, phối hợp với",
    "- Đơn vị chủ trì:", "- Đơn vị phối hợp:", "- Thời gian thực hiện:", "Sản phẩm:",
    "quý II/2022", "quý V/2022", "trước ngày 30/6/2024", "31/2/2024", "Hằng năm", "Thường xuyên",
    "6 tháng đầu năm", "giai đoạn 2021-2025", "từ tháng 3 đến tháng 6/2024", "năm 99999",
    "Nơi nhận:", "T/M BỘ CHÍNH TRỊ", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "./.",
    "**", "#", "\t", "\r\n", "\u00a0", "\u200b", "\ufeff", "Ð", "e\u0301",
]

plan_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


def check(text: str) -> None:
    doc = kehoach.parse_text(text)
    assert isinstance(doc, kehoach.PlanDocument)
    json_text(doc, pretty=False)
    csv_bytes([doc])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_parse_text_never_raises_on_any_text(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_like)
def test_parse_text_never_raises_on_plan_like_text(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | plan_like.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_parse_bytes_gives_a_record_or_input_error(data: bytes) -> None:
    try:
        doc = kehoach.parse_bytes(data)
    except kehoach.InputError as exc:
        assert str(exc)
    else:
        assert isinstance(doc, kehoach.PlanDocument)
