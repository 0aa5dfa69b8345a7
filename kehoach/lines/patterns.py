"""Every structural regex of the parser, in one place, each with a real example line.

Deadline phrases have their own grammar in the ``deadlines`` package; unit names live in
``data/unit_names.txt``. Patterns here run on one line at a time and have no unbounded
nested repeats, so matching stays linear in the line's length.
"""
from __future__ import annotations

import re
import unicodedata

from kehoach.lines.prefilter import Prefiltered

# --- letter classes --------------------------------------------------------------------
# The stdlib ``re`` has no \p{..} classes; ``uni`` spells the three the patterns use as explicit
# ranges of the Latin blocks (Basic Latin to Latin Extended-B, and Latin Extended Additional, where
# "Ạ" ... "ỹ" live), which cover every Vietnamese letter.
LATIN_BLOCKS = (range(0x41, 0x250), range(0x1E00, 0x1F00))
UNICODE_PROPERTIES = {"Lu": ("Lu",), "Ll": ("Ll",), "L": ("Lu", "Ll", "Lt", "Lm", "Lo")}


def _class_body(categories: tuple[str, ...]) -> str:
    """The ranges of the Latin letters in ``categories``: ("Lu",) -> "A-ZÀ-ÖØ-Þ...", no brackets."""
    points = [c for block in LATIN_BLOCKS for c in block if unicodedata.category(chr(c)) in categories]
    runs: list[list[int]] = []
    for c in points:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


CLASS_BODIES = {name: _class_body(cats) for name, cats in UNICODE_PROPERTIES.items()}
PROPERTY_RE = re.compile(r"\\p\{(Lu|Ll|L)\}|\\.|\[|\]")


def uni(source: str) -> str:
    r"""A pattern with \p{Lu}, \p{Ll} and \p{L} spelt out for ``re``: r"\p{Lu}\." -> "[A-Z...]\."."""
    out, depth, pos = [], 0, 0
    for m in PROPERTY_RE.finditer(source):
        out.append(source[pos:m.start()])
        token = m.group()
        if m.group(1):
            body = CLASS_BODIES[m.group(1)]
            token = body if depth else f"[{body}]"
        elif token == "[":
            depth += 1
        elif token == "]" and depth:
            depth -= 1
        out.append(token)
        pos = m.end()
    return "".join(out) + source[pos:]


# --- markup and noise ------------------------------------------------------------------

# "**I. MỤC ĐÍCH, YÊU CẦU**", "## ĐẢNG CỘNG SẢN VIỆT NAM", "*Hà Nội, ngày 17", "> quote"
MARKUP_EDGE_RE = re.compile(r"^[\s#>]*(?:\*{1,3}\s*)*|(?:\s*\*{1,3})*\s*$")
# "**Điều 2. **Quyết" (bold and italic markers anywhere inside a line)
MARKUP_INNER_RE = re.compile(r"\*{1,3}|__")
# A page number line: "===== Trang 3 =====", "Trang 2/15", "- 3 -"
_PAGE_MARK = r"=+\s*Trang\s+\d+\s*=+|Trang\s+\d+(?:\s*/\s*\d+)?|[-–]\s*\d{1,3}\s*[-–]"
# "|", "|---|---|", "-------", "* * *", and the page number lines above
NOISE_LINE_RE = re.compile(r"^(?:[|\s:\-–—=_*]*|" + _PAGE_MARK + r")$", re.IGNORECASE)
# The same page numbers, or a bare one: "3" (a bare number is a page's only where no table cell can be)
PAGE_MARK_RE = re.compile(r"^(?:" + _PAGE_MARK + r"|\d{1,3})$", re.IGNORECASE)
# The characters a page number line can start with: a cheap test first
PAGE_MARK_FIRST = frozenset("=Tt-–0123456789")
# The characters a noise line can start with (a cleaned line has no edge space): a cheap test first
NOISE_FIRST = frozenset("|:-–—=_*Tt")
# A gap of three or more spaces, or a tab, inside a line: "Số 45-KH/TW            Hà Nội, ngày 09 tháng 01 năm 2024"
COLUMN_GAP_RE = re.compile(r"[ \t]{3,}|\t")
# Any run of digits, for comparing lines that differ only in a page number: "18.CTRTW31.DOC 9"
DIGITS_RE = re.compile(r"\d+")
# A line that stops where no phrase can end, so the next line goes on with it:
# "... phối hợp với các", "Nghị quyết số", "Ủy ban nhân dân tỉnh và", "phát triển kinh tế -", "thành phố trực thuộc"
DANGLING_WORDS = ("và", "của", "về", "số", "ngày", "tại", "các", "Các", "những", "với", "cho", "theo", "trong", "hoặc",
                  "đối", "từ", "đến", "thuộc")
DANGLING_END_RE = re.compile(r"(?:[,\-–]|\b(?:" + "|".join(DANGLING_WORDS) + r"))$")
# A match is one of those words at most: search only a line's last characters
DANGLING_END_CHARS = max(map(len, DANGLING_WORDS))
# What such a line ends with, a cheap test before the search (most lines end otherwise): "... với các"
DANGLING_ENDS = (",", "-", "–", *DANGLING_WORDS)
# "| Số: 252/KH-BCĐQG1237 | Hà Nội, ngày 11 tháng 11 năm 2013 |" (a row of pipe cells)
PIPE_ROW_RE = re.compile(r"^\|?[^|]*\|[^|]*")

# --- structure -------------------------------------------------------------------------
# The rules tried at the start of every line are Prefiltered: a line that starts with a character
# the rule cannot start with ("- Sở Y tế" for "PHỤ LỤC") is answered without a match.

# "I- MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III – TỔ CHỨC THỰC HIỆN", "IV.XÂY DỰNG ..."
ROMAN_SECTION_RE = Prefiltered(
    r"^(?P<sec_number>[IVX]{1,5})\s*(?:[.\-–—:)]\s*|\s+)(?P<sec_title>\S.*)$"
)
# OCR misreadings of a party document's "I-", "II-", "III-": "1- MỤC ĐÍCH", "HI- TỔ CHỨC THỰC HIỆN"
OCR_SECTION_RE = Prefiltered(r"^(?P<sec_number>1|l|H|HI|Hl|lI|Il|ll|lll)\s*[-–—]\s*(?P<sec_title>\S.*)$")
OCR_NUMERALS = {"1": "I", "l": "I", "H": "II", "HI": "III", "Hl": "III", "lI": "II", "Il": "II", "ll": "II", "lll": "III"}
# "A. MỤC ĐÍCH, YÊU CẦU", "B- NHIỆM VỤ CỤ THỂ"
LETTER_SECTION_RE = Prefiltered(r"^(?P<sec_number>[A-ZĐ])\s*[.\-–—:)]\s*(?P<sec_title>\S.*)$")
# "Phần I. MỤC TIÊU", "PHẦN THỨ NHẤT: ĐÁNH GIÁ ...", and the unnumbered "Phần mở đầu SỰ CẦN THIẾT ..."
PART_SECTION_RE = Prefiltered(
    r"^PHẦN\s+(?P<sec_number>[IVX]{1,5}|\d{1,2}|THỨ\s+\w+|MỞ\s+ĐẦU)\s*(?:[.\-–—:)]\s*|\s*$|\s+)(?P<sec_title>.*)$",
    re.IGNORECASE,
)
# "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 02: DANH MỤC NHIỆM VỤ"; not a sentence that
# names one in lower case after its number, cut at a line end: "Phụ lục 2 kèm theo Kế hoạch này; Ban ..."
ANNEX_RE = Prefiltered(uni(
    r"^(?!PHỤ\s+LỤC(?:\s+(?:[IVX]{1,5}|\d{1,2}))?\s+(?-i:\p{Ll}))PHỤ\s+LỤC\b(?:\s+(?P<annex_number>[IVX]{1,5}|\d{1,2}))?"
), re.IGNORECASE)

# How a line that is more than a field or text can start: a label, a bullet, a numeral, or the first
# letters of PHỤ LỤC, PHẦN, a type word, "Điều", "Nơi nhận" (a cheap test before the rules below)
STRUCTURE_START_RE = re.compile(
    r"^(?:[\d(\-–—+*•●○▪■◦·]|[IVXlH]|[A-ZĐ]\s*[.\-–—:)]|[a-zđ][.)]|PH|Ph|KẾ|CH|QU|NGH|HƯ|ĐỀ|Điều|Nơi)"
)
# Item labels, most specific first. "1.1.2. Rà soát", "2.3 Tổ chức", "1. Sở Tài chính",
# "a) Nhiệm vụ", "đ) Cơ quan", "(1) Xây dựng", "1) Kiểm tra", "- Chủ trì", "+ Đợt 1", "• Tập huấn"
ITEM_SOURCES: tuple[tuple[str, str], ...] = (
    ("roman", uni(r"^(?P<label>[IVX]{1,5}[.\-–])\s*(?P<text>\p{Lu}.*)$")),
    ("decimal_alpha", r"^(?P<label>\d{1,2}\.\d{1,2}\.[a-zđ]\.?)\s+(?P<text>\S.*)$"),
    ("decimal3", r"^(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2}\.?)\s+(?P<text>\S.*)$"),
    ("decimal2", uni(r"^(?P<label>\d{1,2}\.\d{1,2}\.|\d{1,2}\.\d{1,2}(?=\s+\p{Lu}))\s+(?P<text>\S.*)$")),
    # (not a citation number cut from its "Kết luận số": "75-KL/TW ngày ...")
    ("decimal", r"^(?P<label>\d{1,2}[.\-–])(?:\s+|(?=[^\d\s/]))(?![A-ZĐ]{1,10}/)(?P<text>\S.*)$"),
    ("decimal_paren", r"^(?P<label>\d{1,2}\))\s*(?P<text>\S.*)$"),
    ("paren_num", r"^(?P<label>\(\d{1,2}\))\s*(?P<text>\S.*)$"),
    ("alpha", r"^(?P<label>[a-zđ]\))\s*(?P<text>\S.*)$"),
    ("alpha_dot", r"^(?P<label>[a-eđ]\.)\s+(?P<text>\S.*)$"),
    ("dash", r"^(?P<label>[-–—])\s*(?P<text>\S.*)$"),
    ("plus", r"^(?P<label>\+)\s*(?P<text>\S.*)$"),
    ("star", r"^(?P<label>\*)\s+(?P<text>\S.*)$"),
    ("bullet", r"^(?P<label>[•●○▪■◦·])\s*(?P<text>\S.*)$"),
)
# All of them in one match, tried in the same order: the alternative that matched names the style,
# its groups "<style>_label" and "<style>_text" (one call, and one pattern to compile, for thirteen).
ITEM_RE = re.compile("|".join(
    "(?P<%s>%s)" % (style, source.replace("(?P<label>", f"(?P<{style}_label>").replace("(?P<text>", f"(?P<{style}_text>"))
    for style, source in ITEM_SOURCES
))

# --- header ----------------------------------------------------------------------------

# "Số: 45/KH-UBND", "Số 133-KH/ThU", "Số: 3210/QĐ - UBND", "Số:           /KH-UBND"
# A document number after "Số:": "45/KH-UBND", "31-CTr/TW", "/KH-MTTQ-BTT" (blank), "3210/QĐ - UBND"
DOC_NUMBER = r"(?:\d[\w.]*\s*)?[/-]\s*[\w.]+(?:\s*[/-]\s*[\w.]+){0,4}"
NUMBER_LINE_RE = re.compile(rf"(?:^|\|\s*)Số\s*:?\s*(?P<doc_number>{DOC_NUMBER})")
# "Hà Nội, ngày 09 tháng 01 năm 2024", "Đà Lạt, ngày 05 tháng 12 năm 2022", "Lào Cai, ngày   tháng  năm 2026"
# (a scan may put a space inside a number: "ngày 2 8 tháng 0 6 năm 2014")
PLACE_DATE_RE = re.compile(uni(
    r"(?<![\w/-])(?P<place>\p{Lu}\p{Ll}*(?:[ \t]+(?:\p{Lu}\p{Ll}*|phố|xã)){0,5})\s*,\s*ngày\s*(?P<day>\d(?: ?\d)?)?\s*tháng"
    r"\s*(?P<month>\d(?: ?\d)?)?\s*năm\s*(?P<year>\d(?: ?\d){3})"
))
# Document type words as the header prints them: "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "QUYẾT ĐỊNH"
# The document type words a header prints in capitals: "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "QUYẾT ĐỊNH"
DOC_TYPE_WORDS = (r"KẾ\s+HOẠCH(?:\s+HÀNH\s+ĐỘNG)?|CHƯƠNG\s+TRÌNH(?:\s+HÀNH\s+ĐỘNG)?|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT"
                  r"|CHỈ\s+THỊ|HƯỚNG\s+DẪN|ĐỀ\s+ÁN")
DOC_TYPE_RE = Prefiltered(rf"^(?P<doc_type>{DOC_TYPE_WORDS})(?P<doc_rest>\b.*)$")
# The national motto lines that stand beside the issuer in the header
MOTTO_RE = re.compile(
    r"CỘNG\s+H\w{1,3}(?:\s+XÃ|$)|HỘI\s+CHỦ\s+NGHĨA|CHỦ\s+NGHĨA\s+VIỆT|Độc\s+lập\s*-\s*Tự\s+do|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.IGNORECASE,
)
# "Căn cứ Luật ...", "Thực hiện Nghị quyết ...", "Theo đề nghị của ...": the preamble after the title
PREAMBLE_RE = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Trên\s+cơ\s+sở|Nhằm)\b", re.IGNORECASE)
# "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ..." (not "Điều 6; khoản 5 Điều 9" wrapped in a sentence)
ARTICLE_RE = Prefiltered(r"^(?P<label>Điều\s+\d{1,2})\s*[.:](?:\s+|$)(?P<text>.*)$")

# --- signature and recipients ----------------------------------------------------------

# "Nơi nhận:", "Nơi nhận :"
RECIPIENTS_RE = Prefiltered(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
# "T/M BỘ CHÍNH TRỊ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG", "TUQ. GIÁM ĐỐC"
ON_BEHALF_RE = re.compile(r"^(?:T/M|TM|KT|TL|TUQ|Q)\s*[./:]?\s+(?P<body>[^\d|]{2,120}?)\s*$", re.IGNORECASE)
# "PHÓ CHỦ TỊCH", "BÍ THƯ", "THỨ TRƯỞNG", "GIÁM ĐỐC", "CHỦ TỊCH": the signer's title line
POSITION_RE = re.compile(uni(
    r"^(?:PHÓ\s+)?(?:BÍ\s+THƯ|CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG"
    r"|TỔNG\s+BÍ\s+THƯ|THƯỜNG\s+TRỰC(?:\s+BAN\s+BÍ\s+THƯ)?|TRƯỞNG\s+PHÒNG|CỤC\s+TRƯỞNG|CHÁNH\s+THANH\s+TRA)\b[^\p{Ll}]*$"  # then capitals only: "TRƯỞNG BAN PHÓ THỦ TƯỚNG"
))
# "Võ Văn Thường", "Đặng Quang Tú": two to five capitalised words, nothing else
PERSON_NAME_RE = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,7}\s+){1,4}[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,7}$")

# --- references ------------------------------------------------------------------------

# The document types a citation may name; a law may name its subject before its number: "Luật Lâm nghiệp số ..."
REFERENCE_TYPE = (
    r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?:\s+[^\s,;.()\d]+){0,14}?(?=\s+số\s)|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Kết\s+luận"
    r"|Chỉ\s+thị|Thông\s+tư(?:\s+liên\s+tịch)?|Hướng\s+dẫn|Kế\s+hoạch|Chương\s+trình(?:\s+hành\s+động)?|Công\s+văn|Thông\s+báo"
    r"|Quy\s+định|Luật|Pháp\s+lệnh|Văn\s+bản|Tờ\s+trình|Báo\s+cáo|Đề\s+án|Công\s+điện"
)
# The letters those types start with (tests/test_respelt.py checks that it holds each one's)
REFERENCE_TYPE_INITIALS = "bcđhklnpqtv"
# "Nghị quyết số 13-NQ/TW, ngày 02/4/2022", "Quyết định số 1740/QĐ-UBND ngày 26/8/2021",
# "Kết luận 12-KL/TW", "Nghị định số 30/2020/NĐ-CP", "Luật Lâm nghiệp số 16/2017/QH14", "Hướng dẫn số 106-HD/BTGTU, ngày 22/11/2022"
# re tries it at every position of a paragraph, so it is spelt for that: a look ahead at the first letter spares the
# twenty type words at most positions; the optional parts before the number are "(?:...|)" (an empty last branch),
# not "(?:...)?", and the colon "(?::\s*|)" after one run of blanks, not "\s*:?\s*" (the same matches, but a "?" over
# a group, or a repeat after an optional one, costs re several times more there).
REFERENCE_RE = re.compile(
    rf"(?:(?=[{REFERENCE_TYPE_INITIALS}])(?P<ref_type>{REFERENCE_TYPE})|)"
    r"(?:\s+s[ốo]|)\s*(?::\s*|)"  # "số", or "so" typed without its accent: "Tờ trình so 5120/TTr-SXD"
    r"(?P<ref_number>\d{1,5}(?:\s*/\s*\d{4})?\s*(?:[/-]\s*|\s+-)[A-ZĐ][\wĐđ&]*(?:\s*[/-]\s*[A-ZĐ0-9][\wĐđ&]*){0,4})"
    r"(?P<ref_tail>(?:\s*,)?\s*(?:ngày\s*(?P<ref_date>\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}\s*(?:/|-|\.|\s+năm\s+)\s*\d{4}))?)",
    re.IGNORECASE,
)
# A form's number is no document cited: "(Mẫu số 02/BB-KT)", "Biểu mẫu 03/HNCT" (what stands before the number)
FORM_NUMBER_BEFORE_RE = re.compile(r"\b(?:Mẫu|Biểu)(?:\s+mẫu)?(?:\s+s[ốo])?\s*:?\s*$", re.IGNORECASE)
# What every cited number has somewhere: a digit, then a code after "/" or "-" ("13-NQ", "30/2020/NĐ")
REFERENCE_HINT_RE = re.compile(r"\d\s*(?:/\s*\d{4}\s*)?(?:[/-]\s*|\s+-)[A-ZĐ]", re.IGNORECASE)
# "… của Bộ Chính trị", "… của Thủ tướng Chính phủ về …": the issuer after a citation
REFERENCE_ISSUER_RE = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?của\s+(?P<ref_issuer>(?:Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư"
    r"|Chính\s+phủ|Thủ\s+tướng\s+Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|Ban\s+Thường\s+vụ\s+\w+\s+ủy"
    r"|(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)(?:\s+(?:tỉnh|thành\s+phố|Thành\s+phố|huyện))?"
    r"|(?:Bộ|Sở|Ban)\s+[A-ZĐ][\w]*(?:\s+[A-ZĐ\w][\w]*){0,5}?)(?=\s+(?:về|khóa|khoá|ban\s+hành|quy\s+định|hướng\s+dẫn|phê\s+duyệt)\b|[,;.()]|\s*$))",
)

# --- labelled task fields ----------------------------------------------------------------
# One (field, label) per label family; the value is what follows the colon. A leading item
# label or bullet ("- ", "b) ", "* ", "+ ") is allowed before the field name.
_FIELD_LEAD = r"^(?:(?:[-–—+*•]|[a-zđ]\)|\d{1,2}[.)])\s*)?"
_FIELD_BODIES: tuple[tuple[str, str], ...] = (
        # "Lãnh đạo phụ trách: Phó Giám đốc Nguyễn Văn Bình.", "Người phụ trách: Giám đốc Sở": a person who
        # oversees the work, not a body that does it
        ("supervisor", r"(?:Lãnh\s+đạo|Người|Đồng\s+chí)\s+(?:phụ\s+trách|chỉ\s+đạo|theo\s+dõi)"),
        # "- Đơn vị chủ trì tham mưu thực hiện: Văn phòng Trung ương Đảng.", "Cơ quan chủ trì: Bộ Công an"
        ("lead", r"(?:(?:Cơ\s+quan|Đơn\s+vị|Sở,\s*ngành|Sở|Bộ,\s*ngành|Ngành)(?:\s+chuyên\s+môn)?\s+)?"
                 r"chủ\s+trì(?:\s+tham\s+mưu)?(?:\s*,?\s*(?:thực\s+hiện|triển\s+khai))?"),
        # "Cơ quan thực hiện: ..." (empty value: a group whose sub-fields follow), "Người thực hiện: ..."
        ("lead", r"(?:Cơ\s+quan|Đơn\s+vị|Người|Bộ\s+phận)\s+(?:thực\s+hiện|phụ\s+trách|đầu\s+mối)"),
        # "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh", "Trách nhiệm thực hiện: Sở Y tế"
        ("lead", r"Trách\s+nhiệm(?:\s+chỉ\s+đạo)?(?:\s+thực\s+hiện)?"),
        # "- Đơn vị phối hợp thực hiện: Ban Kinh tế Trung ương.", "Cơ quan phối hợp: Các bộ, ngành"
        ("coordinating", r"(?:(?:Cơ\s+quan|Đơn\s+vị)\s+)?phối\s+hợp(?:\s+thực\s+hiện)?"),
        # "- Thời gian thực hiện: Hoàn thành trong quý II/2022.", "Thời hạn hoàn thành: 30/6/2024", "Tiến độ: Quý III"
        ("deadline", r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành|hoàn\s+tất|triển\s+khai|trình|ban\s+hành))?"
                     r"(?:\s+dự\s+kiến)?"),
        # "Sản phẩm: Kế hoạch của UBND tỉnh", "Kết quả dự kiến: Báo cáo ..."
        ("deliverable", r"(?:Sản\s+phẩm|Kết\s+quả)(?:\s+(?:dự\s+kiến|đầu\s+ra|đạt\s+được|thực\s+hiện))?"),
        # "a) Nhiệm vụ: Xây dựng cơ sở dữ liệu ...", "Nội dung thực hiện: ..."
        ("task", r"(?:Nhiệm\s+vụ|Nội\s+dung)(?:\s+(?:thực\s+hiện|công\s+việc|cụ\s+thể))?"),
)
# The same labels as a heading of their own, the values on the lines below: "a) Cơ quan chủ trì",
# "2. Cơ quan chủ trì, phối hợp", "1. Nội dung, biện pháp", "3. Thời gian thực hiện"
_FIELD_HEADING_TAIL = r"(?:\s*,\s*(?:phối\s+hợp|biện\s+pháp|giải\s+pháp))?\s*\.?$"
# One match for every label, tried in the order above: the group "field<i>" that matched names the
# label family, FIELD_NAMES[i], and "value" is what follows the colon (one pattern where eight were tried)
FIELD_NAMES = tuple(name for name, _ in _FIELD_BODIES)
_FIELD_ALTERNATIVES = "(?:" + "|".join(f"(?P<field{i}>{body})" for i, (_, body) in enumerate(_FIELD_BODIES)) + ")"
# The letters a label starts with (tests/test_respelt.py checks that it holds each one's): a look ahead at them after
# the lead spares re the eight labels on most lines, which start otherwise
FIELD_INITIALS = "bcđklnpst"
_FIELD_LABEL = f"(?=[{FIELD_INITIALS}])" + _FIELD_ALTERNATIVES
FIELD_RE = re.compile(_FIELD_LEAD + _FIELD_LABEL + r"\s*:\s*(?P<value>.*)$", re.IGNORECASE)
FIELD_HEADING_RE = re.compile(_FIELD_LEAD + _FIELD_LABEL + _FIELD_HEADING_TAIL, re.IGNORECASE)
_ANY_FIELD_BODY = "(?:" + "|".join(body for _, body in _FIELD_BODIES) + ")"
# Where a line's next label starts after a value: "Đơn vị chủ trì: Phòng A; Đơn vị phối hợp: Phòng B.",
# "Lãnh đạo phụ trách: Giám đốc Sở. Đơn vị chủ trì: Văn phòng Sở."
NEXT_FIELD_RE = re.compile(r"\s*[;.]\s*(?=" + _ANY_FIELD_BODY + r"\s*:)", re.IGNORECASE)

# A table cell that lists bodies as bullets, its lines joined: "- Vụ Đất đai - Cục Khoáng sản - Các đơn vị liên quan"
CELL_BULLETS_RE = re.compile(r"^[-–+•]\s")
# Where the next bullet of such a cell starts
CELL_BULLET_BREAK_RE = re.compile(r"\s+[-–+•]\s+")

# --- assignments in prose ----------------------------------------------------------------

def _words(phrases: tuple[str, ...]) -> str:
    """An alternation of phrases, any run of spaces between their words: ('chủ trì',) -> 'chủ\\s+trì'."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


# Verbs that open a body's duty: "Sở Tài chính chủ trì ...", "Các cơ quan, đơn vị xây dựng Kế hoạch ..."
ACTION_VERBS = (
    "chủ trì", "có trách nhiệm", "tham mưu", "xây dựng", "ban hành", "tổ chức", "hướng dẫn", "theo dõi", "kiểm tra",
    "rà soát", "bố trí", "báo cáo", "triển khai", "thực hiện", "chỉ đạo", "chuẩn bị", "thẩm định", "hoàn thiện",
    "nghiên cứu", "đề xuất", "đôn đốc", "tuyên truyền", "phổ biến", "quán triệt", "tập huấn", "giám sát", "tổng hợp",
    "đảm bảo", "bảo đảm", "lập", "có nhiệm vụ", "tiếp nhận", "bàn giao", "gửi", "nộp", "cung cấp", "công khai",
    "tăng cường", "đẩy mạnh", "vận động", "ưu tiên", "duy trì", "thành lập", "tham gia", "đăng tải", "cập nhật", "xử lý",
    "chủ động", "tiến hành", "phản ánh", "tiên phong", "dẫn dắt", "mở thêm", "mở rộng", "xác định",
    "kiện toàn", "nâng cao", "nêu cao", "hỗ trợ", "phụ trách", "điều hành", "huy động", "khảo sát",
    "xem xét", "quyết định", "họp", "trao đổi", "tập hợp",  # deliberating, deciding, meeting, gathering:
    # "Giám đốc Sở xem xét khen thưởng ...", "UBND xã quyết định ...", "Hội đồng thi đua họp, xét khen thưởng ...",
    # "Tổ công tác trao đổi với ...", "Trưởng thôn tập hợp đơn ..."
)
# What a body is told to do, right after its name (maybe after an adverb: "Các sở tiếp tục rà soát ..."):
# "Ban Kinh tế Trung ương chủ trì, phối hợp ...",
# "... là cơ quan đầu mối ...", "... là đầu mối tổng hợp ...", "... phải hoàn thành việc kê khai ...",
# "... tập trung tuyên truyền ..."
# (not "chịu trách nhiệm thi hành Quyết định này", nor the sanction "chịu trách nhiệm toàn diện trước Chủ
# tịch UBND tỉnh nếu để xảy ra ...", nor the exhortations "tập trung / tiếp tục chỉ đạo thực hiện ...");
# an adverb of urgency makes any verb a duty: "Ban Quản lý chợ khẩn trương sửa chữa hệ thống báo cháy"
ASSIGN_VERB_RE = re.compile(
    r"^(?:(?:kịp\s+thời|khẩn\s+trương|tích\s+cực)\s+(?=\w)"
    r"|(?:(?:thường\s+xuyên|tiếp\s+tục(?!\s+chỉ\s+đạo\s+thực\s+hiện))\s+)?(?:" + _words(ACTION_VERBS) + r"|phối\s+hợp|là\s+(?:cơ\s+quan\s+)?(?:đầu\s+mối|thường\s+trực)"
    r"|chịu\s+trách\s+nhiệm\s+(?!thi\s+hành|(?:toàn\s+diện\s+)?trước)|phải\s+(?!là\b)"
    r"|tập\s+trung\s+(?!chỉ\s+đạo|lãnh\s+đạo|thực\s+hiện)(?:" + _words(ACTION_VERBS) + r")))\b",
    re.IGNORECASE,
)
# An assignment stated further into the sentence: "... căn cứ chức năng, nhiệm vụ ... có trách nhiệm xây dựng",
# "... căn cứ Kế hoạch này xây dựng kế hoạch thực hiện ...", "Các xã, trên cơ sở Kế hoạch này, tổ chức ...",
# "Thủ trưởng các đơn vị| theo chức năng, nhiệm vụ được giao chịu trách nhiệm thực hiện ..."
ASSIGN_LATER_RE = re.compile(
    r"\b(?:có\s+trách\s+nhiệm|chủ\s+trì)\b|^(?:căn\s+cứ|trên\s+cơ\s+sở|theo\s+(?:chức\s+năng|thẩm\s+quyền|nhiệm\s+vụ))\b"
    r"[^.;]{0,200}?\s(?:" + _words(ACTION_VERBS) + r")\b",
    re.IGNORECASE,
)
# A subject narrowed by a clause, its duty after "thì": "Các hợp tác xã| có nhu cầu vay vốn trong quý I (trừ ...)
# thì| gửi hồ sơ về Phòng Kinh tế", "Ngoài ra, các trường| chưa nộp báo cáo thì| bổ sung ..."
NARROWED_SUBJECT_RE = re.compile(r"^(?P<subject>[^.;:()]{3,120}?)\s(?:có|chưa|không|đã)\s(?:\([^()]*\)|[^.;:(])*?\sthì\s+")
# A condition said between a body and its duty, closed by "thì": "Tổ công tác| trong khi kiểm tra, nếu phát hiện
# sai sót thì| báo cáo ngay ..."
CONDITION_INSERT_RE = re.compile(r"^(?:trong|nếu|khi|trường\s+hợp)\s(?:\([^()]*\)|[^.;:(])*?\sthì\s+", re.IGNORECASE)
# An indefinite subject names no body: a ranking rule "... thì đơn vị nào có tỷ lệ cao hơn thì xếp hạng cao hơn"
INDEFINITE_SUBJECT_RE = re.compile(r"\snào\b", re.IGNORECASE)
# An item of a body's block that directs other bodies, whose sub-items are then their work: "a) Chỉ đạo
# các trường học trên địa bàn phối hợp với Trạm Y tế ..., cụ thể như sau:" + "- Tổ chức ..." "- Báo cáo ..."
DIRECTING_ITEM_RE = re.compile(r"^(?:Chỉ\s+đạo|Hướng\s+dẫn|Đôn\s+đốc)\s+(?=các\s|[A-ZĐ])")
# A bracket right after a body that names a part of it or its members, which belongs to the unit:
# "phối hợp với Sở Nội vụ (Ban Thi đua - Khen thưởng) tổ chức ..." -> 'Sở Nội vụ (Ban Thi đua - Khen thưởng)'
SUB_UNIT_RE = re.compile(r"\s*\((?P<sub>[^()]{2,150})\)")
# A short topic before the assigning sentence of an item: "b) Mở tài khoản cho đối tượng: Ủy ban nhân dân
# xã phối hợp với các ngân hàng ..." (the topic names the work, the sentence after it assigns it)
TOPIC_LABEL_RE = re.compile(uni(r"^[^:;.()]{3,80}:\s+(?=\p{Lu})"))
# A verb by which the subject hands the work to the bodies after it: "Ủy ban nhân dân huyện yêu cầu Ban
# Quản lý chợ ... sửa chữa ...", "UBND tỉnh giao Sở Y tế chủ trì ...", "Ban Thường vụ đề nghị các xã ..."
DELEGATING_VERB_RE = re.compile(r"^(?:giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị)\s", re.IGNORECASE)
# "Đối với" before the body a heading names for the items under it: "2. Đối với Công an huyện:" (in a
# sentence it opens a condition instead: "Đối với các tổ chức ...: Căn cứ vào số lượng ...")
BODY_HEADING_PREFIX_RE = re.compile(r"^Đối\s+với\s+", re.IGNORECASE)
# What closes the heading that names the body of the items under it, and is no part of the body: a bare
# role word ("2. Đề nghị Ủy ban nhân dân xã phối hợp", "3. Công an xã thực hiện:"; the items say what
# the work is) or a bracket giving the body's standing role ("1. Sở Nội vụ (Cơ quan thường trực Ban Vì
# sự tiến bộ phụ nữ):", "Văn phòng UBND (đầu mối):")
BODY_HEADING_ROLE_RE = re.compile(
    r"(?:\s+(?:phối\s+hợp|thực\s+hiện|chủ\s+trì)|\s*\((?:là\s+)?(?:cơ\s+quan\s+)?(?:thường\s+trực|đầu\s+mối)[^()]*\))"
    r"\s*:?\s*$", re.IGNORECASE)
# Roles in a bracket that closes an item: "Lắp đặt bình chữa cháy (Giao Phòng Kinh tế chủ trì, phối hợp
# Công an huyện)." - the item is the work, the bracket its lead and coordinating bodies
CLOSING_ASSIGNMENT_RE = re.compile(
    r"\s*\((?P<roles>(?:Giao|giao|Đề\s+nghị|đề\s+nghị)\s[^()]{3,300})\)\s*[.;]?\s*$")
# Coordinating bodies inside an assignment, up to the verb or time word that follows them:
# "chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan tham mưu ..." -> "Sở Tài chính và các đơn vị liên quan"
COORDINATION_RE = re.compile(
    r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+(?P<coord_units>[^;:.]{3,300}?)"
    r"(?=\s+(?:" + _words(ACTION_VERBS + (
        "để", "nhằm", "trong", "thường xuyên", "kịp thời", "hoàn thành", "trình", "đánh giá", "sơ kết", "tổng kết",
        "khắc phục", "hỗ trợ", "giúp", "nâng cấp", "kết nối", "trang bị", "sử dụng", "vận hành", "thúc đẩy",
    )) + r")\b|\s*[;:.(]|\s*$)",
    re.IGNORECASE,
)
# Section titles that state purposes, facts or content, not work: "MỤC ĐÍCH, YÊU CẦU", "QUAN ĐIỂM, MỤC TIÊU",
# "NỘI DUNG TUYÊN TRUYỀN", "ĐÁNH GIÁ TÌNH HÌNH", "THỰC TRẠNG ..."
PURPOSE_SECTION_RE = re.compile(
    r"^(?:MỤC\s+ĐÍCH|YÊU\s+CẦU|MỤC\s+TIÊU|QUAN\s+ĐIỂM|SỰ\s+CẦN\s+THIẾT|CĂN\s+CỨ|NỘI\s+DUNG\s+TUYÊN\s+TRUYỀN"
    r"|ĐÁNH\s+GIÁ|KẾT\s+QUẢ|THỰC\s+TRẠNG|TÌNH\s+HÌNH|BỐI\s+CẢNH|CHỈ\s+TIÊU)",
    re.IGNORECASE,
)
# An opening clause before the bodies a sentence assigns: "Căn cứ nội dung Kế hoạch này, các sở ...",
# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan ...", "Sau buổi tập huấn, ..."
INTRO_CLAUSE_RE = re.compile(
    r"^(?:Căn\s+cứ|(?:Trong\s+)?[Qq]uá\s+trình|Đối\s+với|Trên\s+cơ\s+sở|Để|Nhằm|Định\s+kỳ|Hằng\s+năm|Hàng\s+năm|Sau|Trước\s+khi"
    r"|Trường\s+hợp|Khi|Nếu|nếu|khi|trường\s+hợp|Ngoài\s+ra|Đồng\s+thời|Theo\s+đó|Bên\s+cạnh\s+đó)\b[^,;.]{0,200}?"
    r"(?:,\s*vướng\s+mắc)?(?:,\s*|\s+thì\s+)"
    r"|^(?:Định\s+kỳ|Hằng\s+năm|Hàng\s+năm)\b[^,;.]{0,30}?\s+(?=các\s)",  # "Định kỳ 06 tháng các cơ quan ... báo cáo"
)
# Where one sentence ends and the next begins: "... báo cáo UBND tỉnh. Sở Kế hoạch và Đầu tư là ..."
# (not after "TP.", "Tp.", an initial, or a number such as "Điều 1."). It opens with its first blank, the looks
# behind taking that blank in, so that re skips to the blanks of a paragraph instead of trying every position.
SENTENCE_BREAK_RE = re.compile(uni(r"\s(?<=[.!?]\s)(?<![Tt][Pp]\.\s)(?<!\b\p{Lu}\.\s)(?<!\d\.\s)(?<!\bv\.v\.\s)\s*(?=[\p{Lu}\"“])"))
# A lead field written as a sentence: "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành ..."
LEAD_SENTENCE_RE = re.compile(r"^(?:chủ\s+trì|là\s+cơ\s+quan\s+(?:chủ\s+trì|đầu\s+mối))\b", re.IGNORECASE)
# A bullet that names a subject matter, not a piece of work: "- Việc lập danh sách cử tri;",
# "- Thông qua tiếp công dân ...", "- Về hình thức tổ chức ..."
CONTENT_ITEM_RE = re.compile(
    r"^(?:Việc|Thông\s+qua|Về|Công\s+tác|Tình\s+hình|Kết\s+quả|Tiêu\s+chuẩn|Số\s+lượng|Cơ\s+cấu|Những|Các\s+trường\s+hợp)\b"
)
# A paragraph that is never a task, nor are the lines under it (OUTPUT.md "Never tasks"): the closing
# formula "Trên đây là Kế hoạch ..., đề nghị các cơ quan ... thực hiện./.", a participant list
# "Thành phần gồm: Sở Y tế, Sở Tài chính ...", "Thành phần tham dự: ...", the bodies a competition or a
# rule concerns "1. Đối tượng thi đua" (+ "a) Tập thể" "- Các tổ chức ... tham gia"),
# "| Nơi nhận: - Như trên; ..." (recipients laid out beside the signature), "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH ..."
NEVER_TASK_RE = re.compile(
    r"^(?:Trên\s+đây\s+là|Thành\s+phần\s+(?:gồm|tham\s+dự|tham\s+gia|mời)\b|[|\s]*Nơi\s+nhận\s*:"
    r"|Đối\s+tượng\s+(?:thi\s+đua|áp\s+dụng|tham\s+gia|tham\s+dự|khen\s+thưởng)\b"
    r"|(?:T/?M|KT|TL|TUQ)\.?\s)", re.IGNORECASE)
# The closing formula that ends a plan's body (NEVER_TASK_RE): "Trên đây là Kế hoạch ... của UBND xã ..."; what
# follows it is a duty only when it is conditional: "Quá trình triển khai, nếu có vướng mắc, các xã báo cáo ..."
CLOSING_FORMULA_RE = re.compile(r"^Trên\s+đây\s+là\b", re.IGNORECASE)
# The formula's own sentence, up to the next one (a year may end it: "... năm học 2026 - 2027. Quá trình ...")
CLOSING_SENTENCE_RE = re.compile(uni(r"^Trên\s+đây\s+là\b.*?[.!?]\s+(?=\p{Lu})"), re.IGNORECASE)
CONDITIONAL_RE = re.compile(r"\b(?:nếu|trường\s+hợp)\b", re.IGNORECASE)
# A section title that says the section assigns work: "TỔ CHỨC THỰC HIỆN", "NHIỆM VỤ VÀ GIẢI PHÁP",
# "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM CỦA CÁC CƠ QUAN"
ASSIGNING_SECTION_RE = re.compile(
    r"^(?:TỔ\s+CHỨC\s+THỰC\s+HIỆN|(?:CÁC\s+)?NHIỆM\s+VỤ|PHÂN\s+CÔNG|TRÁCH\s+NHIỆM)", re.IGNORECASE)
# A section title that names the body for everything under it: "II. NHIỆM VỤ CỦA BỘ TÀI CHÍNH",
# "III. TRÁCH NHIỆM CỦA ỦY BAN NHÂN DÂN CÁC XÃ"
SECTION_OWNER_RE = re.compile(r"^(?:NHIỆM\s+VỤ|TRÁCH\s+NHIỆM)\s+(?:CỦA|ĐỐI\s+VỚI)\s+(?P<owner>\S.*)$", re.IGNORECASE)
# A heading that only numbers the work ("Hoạt động 1"); its "Nội dung:" field names it
GENERIC_HEADING_RE = re.compile(r"^(?:Hoạt\s+động|Nhiệm\s+vụ|Nội\s+dung|Công\s+việc)(?:\s+(?:\d{1,2}|[IVX]{1,4}))?\s*:?$", re.IGNORECASE)
# A group's closing line that gives the time of the items before it: "3. Chậm nhất là ngày 30/6/2026, việc
# cập nhật hồ sơ phải được hoàn thành."; one naming "the items above" may be wrapped under the last item:
# "Các nội dung trên hoàn thành chậm nhất ngày 15/3/2026."
CLOSING_DEADLINE_RE = re.compile(
    r"^(?:(?P<above>(?:Các|Những)\s+(?:nội\s+dung|nhiệm\s+vụ|công\s+việc|hoạt\s+động)\s+(?:nêu\s+)?trên\s+"
    r"(?:được\s+|phải\s+)?hoàn\s+thành\s+)|Hoàn\s+thành\s+)?(?:chậm\s+nhất|muộn\s+nhất|không\s+muộn\s+hơn|trước\s+ngày)\b",
    re.IGNORECASE)
# A step number before the work: "Bước 2: Kiểm tra hiện trạng nhà ở ..."
STEP_PREFIX_RE = re.compile(r"^(?:Bước|Giai\s+đoạn)\s+\d{1,2}\s*[:.\-–]\s*", re.IGNORECASE)
# The sentence that introduces the plan itself: "..., Ủy ban nhân dân huyện ban hành Kế hoạch như sau:"
PLAN_INTRO_RE = Prefiltered(r"\bnhư\s+sau\s*:?\s*$")  # searched only in text holding "như"
# The rest of an opening clause, up to its next comma: "bổ sung những nội dung cụ thể, " after "nếu thấy cần sửa đổi,"
CLAUSE_TAIL_RE = re.compile(r"^[^,;.:]{1,150},\s*")
