"""Layout recovery: flattened header and signature lines cut back into their canonical lines, each tied to its source line."""
from __future__ import annotations

from kehoach.lines.layout import recover_layout


def test_canonical_lines_are_left_alone() -> None:
    raw = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NGUYÊN", "", "Số: 12/KH-UBND", "Bắc Nguyên, ngày 3 tháng 2 năm 2025", "",
           "KẾ HOẠCH", "Tập huấn cán bộ năm 2025", "", "I. MỤC ĐÍCH", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
           "PHÓ CHỦ TỊCH", "Lê Văn Bình"]
    assert recover_layout(raw) == (raw, None)


def test_flattened_header_is_cut_where_a_reader_sees_its_parts() -> None:
    raw = ["Kế hoạch 12/KH-UBND năm 2025",
           "ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN -------",
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------",
           "Số: 12/QĐ-UBND Bắc Nguyên, ngày 3 tháng 2 năm 2025 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH TẬP HUẤN"
           " ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN",
           "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    lines, origin = recover_layout(raw)
    assert lines == ["Kế hoạch 12/KH-UBND năm 2025", "ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 12/QĐ-UBND", "Bắc Nguyên, ngày 3 tháng 2 năm 2025", "QUYẾT ĐỊNH",
                     "VỀ VIỆC BAN HÀNH KẾ HOẠCH TẬP HUẤN", "", "ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN",
                     "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    assert origin == [1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 5]


def test_a_title_ending_with_the_issuer_after_a_tie_word_keeps_it() -> None:
    raw = ["ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN -------",
           "Số: 12/KH-UBND Bắc Nguyên, ngày 3 tháng 2 năm 2025 KẾ HOẠCH HOẠT ĐỘNG CỦA ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN"]
    lines, _ = recover_layout(raw)
    assert lines[-2:] == ["KẾ HOẠCH", "HOẠT ĐỘNG CỦA ỦY BAN NHÂN DÂN TỈNH BẮC NGUYÊN"]


def test_flattened_signature_running_into_an_attached_plan() -> None:
    raw = ["Nơi nhận:", "- Lưu: VT.",
           "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Đỗ Văn Quyết KẾ HOẠCH TẬP HUẤN CÁN BỘ"
           " (Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 3/2/2025)",
           "I. MỤC ĐÍCH"]
    lines, origin = recover_layout(raw)
    assert lines == ["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)",
                     "Đỗ Văn Quyết", "KẾ HOẠCH", "TẬP HUẤN CÁN BỘ",
                     "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 3/2/2025)", "I. MỤC ĐÍCH"]
    assert origin == [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4]


def test_a_position_and_name_without_marker() -> None:
    lines, _ = recover_layout(["x", "BỘ TRƯỞNG Trần Quang Vinh CHƯƠNG TRÌNH HÀNH ĐỘNG NĂM 2025"])
    assert lines[1:] == ["BỘ TRƯỞNG", "Trần Quang Vinh", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "NĂM 2025"]


def test_a_caps_heading_with_a_capitalised_word_is_no_signature() -> None:
    raw = ["x", "NHIỆM VỤ TRỌNG TÂM Năm 2025 tập trung"]
    assert recover_layout(raw) == (raw, None)


def test_body_labels_printed_with_the_line_before_open_their_own_text() -> None:
    raw = ["II. NỘI DUNG", "1. Nâng cao năng lực quản lý nhà nước về đất đai 1.1.", "Rà soát quy hoạch sử dụng đất.",
           "2.", "Sở Xây dựng chủ trì kiểm tra.", "Thực hiện theo Điều 1.", "Sở Y tế theo dõi.",
           "III. TỔ CHỨC THỰC HIỆN Các sở, ngành triển khai Kế hoạch."]
    lines, origin = recover_layout(raw)
    assert lines == ["II. NỘI DUNG", "1. Nâng cao năng lực quản lý nhà nước về đất đai", "1.1. Rà soát quy hoạch sử dụng đất.",
                     "2. Sở Xây dựng chủ trì kiểm tra.", "Thực hiện theo Điều 1.", "Sở Y tế theo dõi.",
                     "III. TỔ CHỨC THỰC HIỆN", "", "Các sở, ngành triển khai Kế hoạch."]
    assert origin == [1, 2, 3, 4, 6, 7, 8, 8, 8]


def test_number_in_the_cell_after_its_so() -> None:
    raw = ["ỦY BAN NHÂN DÂN", "HUYỆN MINH SƠN", "Số:", "218/KH-UBND", "Minh Sơn, ngày 5 tháng 6 năm 2025", "KẾ HOẠCH"]
    lines, origin = recover_layout(raw)
    assert lines[2:4] == ["Số: 218/KH-UBND", "Minh Sơn, ngày 5 tháng 6 năm 2025"]
    assert origin == [1, 2, 3, 5, 6]


def test_a_place_and_date_cut_by_hard_wrapping_is_read_on() -> None:
    raw = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Bắc Nguyên, ngày",
           "tháng 3 năm 2025 KẾ HOẠCH Tổ chức ngày hội văn hóa các dân tộc năm 2025",
           "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    lines, origin = recover_layout(raw)
    assert lines[:5] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Bắc Nguyên, ngày tháng 3 năm 2025", "KẾ HOẠCH",
                         "Tổ chức ngày hội văn hóa các dân tộc năm 2025"]
    assert origin[:5] == [1, 1, 1, 1, 1]


def test_blank_lines_of_a_spaced_header_are_spacing() -> None:
    canonical = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NGUYÊN", "Số: 12/KH-UBND", "Bắc Nguyên, ngày 3 tháng 2 năm 2025",
                 "KẾ HOẠCH", "TẬP HUẤN CÁN BỘ CÔNG CHỨC", "CẤP XÃ NĂM 2025", "Căn cứ Luật Tổ chức chính quyền địa phương;",
                 "I. MỤC ĐÍCH", "1. Nâng cao kỹ năng của cán bộ.", "II. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ chủ trì."]
    raw = [out for line in canonical for out in (line, "")]
    lines, origin = recover_layout(raw)
    assert lines[:8] == canonical[:8] and lines[8:10] == ["", "I. MỤC ĐÍCH"]
    assert origin[:8] == [1, 3, 5, 7, 9, 11, 13, 15]
