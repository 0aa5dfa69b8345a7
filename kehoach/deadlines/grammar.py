"""The deadline grammar of shared/spec/DEADLINES.md as tables of named regexes.

Patterns are written once, in lower-case Vietnamese with diacritics, in a small notation: a literal
space means "one to three blanks", ``~`` means "up to three blanks", and ``«NAME»`` is a shared
fragment from ``FRAGMENTS``. Each pattern is compiled twice: as written, for text that carries
diacritics, and folded to ASCII, for text typed without them ("Ngay 15 thang 3 nam 2023"). Folding
only the unmarked text keeps "năm"/"Nam", "sau"/"sáu" and "ngày"/"ngay" apart where marks exist.

Every quantifier is bounded, so each scan is linear even on a 1 MB line. What a match names (the
periods, ``Part``, or a marker's value) is read in ``kehoach.deadlines.atoms``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kehoach.deadlines.leading import literal_first, opens_on_digit
from kehoach.lines.prefilter import Prefiltered

# --- folding -----------------------------------------------------------------------------------


def _ascii_table() -> dict[int, str]:
    """Latin letters with marks -> their base letter: "ế" -> "e", "Đ" -> "D"."""
    table = {ord("đ"): "d", ord("Đ"): "D", ord("Ð"): "D", ord("ð"): "d"}
    for code in range(0xC0, 0x1EFA):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            table.setdefault(code, base)
    return table


ASCII_FOLD = _ascii_table()
# Key characters: dashes become "-", markdown emphasis and odd spaces become blanks (same length).
KEY_FOLD = {**{ord(c): "-" for c in "–—‑−"}, **{ord(c): " " for c in "*_`\u00a0\u2007\u202f\t"}}
VIETNAMESE_LETTER_RE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)

# --- shared fragments --------------------------------------------------------------------------

FRAGMENTS = {
    "«D»": r"(?<![\w/.])(?:0?[1-9]|[12]\d|3[01])(?!\d)",        # day 1-31: "05", "30"
    "«M»": r"(?:0?[1-9]|1[0-2])(?!\d)",                          # month 1-12: "04", "12"
    "«Y»": r"(?<!\d)(?:19|20)\d\d(?!\d)",                        # year: "2023"
    "«DSEP»": r"~[/.\-]~",                                       # inside a date: "30/6", "31.12", "30-6"
    "«YSEP»": r"(?:~[/.\-]~|~,?~năm ~|~,~| )",                   # before the year: "/2022", " năm 2022", " - 2022"
    "«LIST»": r"~(?:-|,|và|đến|tới)~",                           # between listed numbers: "10 - 12", "II và III"
    "«R»": r"(?:iv|i{1,3}|[1-4])(?!\w)",                         # quarter number: "II", "2"
    "«Q»": r"(?:qu[ýíyì]|qúy|q\.?(?=[1-4]|iv|i))",               # "quý", "quí", "Qúy", "Q2", "Q.3"
    "«DAYW»": r"(?:ngày (?:(?:mồng|mùng) )?|(?:mồng|mùng) )",    # "ngày", "ngày mồng"
    "«PART»": r"(?:đầu|giữa|cuối)",                              # part of a period
    "«NUM»": r"(?:\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)",
    "«CLOCK»": r"(?:\d{1,2}~(?:giờ|h|g)(?![^\W\d_])(?:~\d{1,2}(?:~(?:phút|p|'))?)?~,?~(?:(?:sáng|chiều|tối) )?)",
    "«UNIT»": r"(?:ngày|tuần|tháng|quý|quí|năm)",
    "«CAN»": r"(?:giáp|ất|bính|đinh|mậu|kỷ|canh|tân|nhâm|quý|quí)",         # lunar year name, first word
    "«CHI»": r"(?:tý|tí|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu|tuất|hợi)(?!\w)",
}


def expand(source: str) -> str:
    """Notation -> regex source: "chậm nhất~«Y»" -> r"chậm\\s{1,3}nhất\\s{0,3}(?<!\\d)(?:19|20)...".

    Fragments are expanded until none is left, so a fragment may use another.
    """
    for _ in range(4):
        for name, fragment in FRAGMENTS.items():
            source = source.replace(name, fragment)
    if "«" in source:
        raise ValueError(f"unknown fragment in {source!r}")
    return source.replace(" ", r"\s{1,3}").replace("~", r"\s{0,3}")


# --- period atoms: one alternation, first alternative that matches at a position wins ----------

ATOM_RULES: tuple[tuple[str, str], ...] = (
    # "6 tháng cuối năm 2022", "Sáu tháng đầu năm 2023", "Nửa đầu năm 2023", "6 tháng đầu năm"
    ("half_year", r"(?:(?:0?6|sáu) tháng|nửa) (?P<hy_part>đầu|cuối|sau) năm(?:~(?:[/.\-]~)?(?P<hy_year>«Y»))?"),
    # "Ngày 30/6/2023", "31.12.2022", "trước 17 giờ ngày 20/12/2022", "30 tháng 11 năm 2022"
    ("date", r"(?P<da_clock>«CLOCK»)?(?:«DAYW»)?(?P<da_day>«D»)(?:~(?P<da_sep>[/.\-])~(?P<da_mon>«M»)~(?P=da_sep)~"
             r"| tháng (?P<da_mon2>«M»)(?:~,?~năm |«DSEP»| ))(?P<da_year>«Y»)"),
    # "Ngày 15/10", "Từ 15/7 đến ...", "ngày 15 tháng 12 hằng năm"
    ("date_no_year", r"(?P<dn_clock>«CLOCK»)?(?P<dn_word>«DAYW»)?(?P<dn_day>«D»)"
                     r"(?:«DSEP»(?P<dn_mon>«M»)| tháng (?P<dn_mon2>«M»))(?!«DSEP»\d)"),
    # "Tuần đầu tháng 12/2025", "tuần thứ hai của tháng 3/2025", "Tuần cuối tháng 2/2024"
    ("week", r"tuần (?P<wk_ord>đầu|cuối|thứ (?:nhất|hai|ba|tư|1|2|3|4))(?: của)? tháng~(?P<wk_mon>«M»)"
             r"(?:«YSEP»(?P<wk_year>«Y»))?"),
    # "Tháng 04/2022", "T4/2022", "Cuối tháng 6/2023", "Tháng 10 - 12/2022", "tháng 11, 12/2013", "Tháng 8"
    ("month", r"(?:(?P<mo_part>«PART») )?(?:tháng~|(?<!\w)t(?=\d))(?P<mo_nums>«M»(?:«LIST»(?:tháng~)?«M»){0,3})"
              r"(?:«YSEP»(?P<mo_year>«Y»))?"),
    # "tháng Mười hai năm 2022"
    ("month_word", r"(?:(?P<mw_part>«PART») )?tháng (?P<mw_word>mười một|mười hai|mười|một|giêng|hai|ba|tư|bốn"
                   r"|năm|sáu|bảy|tám|chín|chạp)«YSEP»(?P<mw_year>«Y»)"),
    # "12/2022", "01/2025" (a table cell)
    ("month_bare", r"(?<![\w/.\-])(?P<mb_mon>«M»)~[/.\-]~(?P<mb_year>«Y»)"),
    # "quý II/2022", "Quí IV/2022", "Q2/2023", "Quý III-IV/2023", "quý II và quý III/2022", "Cuối quý II/2023"
    ("quarter", r"(?:(?P<qu_part>«PART») )?«Q»~(?P<qu_nums>«R»(?:«LIST»(?:«Q»~)?«R»){0,3})(?:«YSEP»(?P<qu_year>«Y»))?"),
    # "Năm 2023", "Cuối năm 2024", "Năm 2022 - 2023", "các năm 2023, 2024", "từ năm 2013 đến năm 2020"
    ("year", r"(?:(?P<yr_part>«PART») )?(?:(?P<yr_many>các|những) )?(?P<yr_word>năm~)?"
             r"(?P<yr_list>«Y»(?:«LIST»(?:năm )?«Y»){0,5})"),
    # "Cuối năm", "đầu năm" (no year written)
    ("year_part", r"(?P<yp_part>«PART») năm(?!~[/.\-]?~\d)"),
    # "Ngày 20 hàng tháng", "trước ngày 25"
    ("day", r"«DAYW»(?P<dy_day>«D»)(?!«DSEP»\d| tháng~\d)"),
    # An impossible month or quarter with its year: "tháng 13/2025", "Tháng 0/2025", "quý V/2023"
    ("invalid", r"(?:tháng~(?:0?0|1[3-9]|[2-9]\d)|«Q»~(?:v|[05-9]))(?!\w)«YSEP»«Y»"),
)

# Where a period can start (every first word of ATOM_RULES), with what must follow the words that also
# start common non-time words ("các cơ quan", "quản lý", "đầu tư"): a cheap scan the atom alternation follows.
_PART_NEXT = r" (?:tháng|t\d|q|các|những|năm|\d)"  # "cuối tháng 6", "đầu quý II", "cuối năm", "giữa các năm 2023"
ATOM_START_WORDS: tuple[tuple[str, str], ...] = (
    ("ngày", ""), ("mồng", ""), ("mùng", ""), ("tuần", ""), ("tháng", ""), ("năm", ""), ("nửa", ""), ("sáu", ""),
    ("t", r"\d"),  # "T4/2022"
    ("q", r"(?:u[ýíyì]|úy|\.?)~[\div]"),  # "quý II", "Q2", "quý V/2023" (an invalid one)
    ("đầu", _PART_NEXT), ("giữa", _PART_NEXT), ("cuối", _PART_NEXT),
    ("các", r" (?:năm|\d)"), ("những", r" (?:năm|\d)"),  # "các năm 2023, 2024"
)


def first_char_scan(words: tuple[tuple[str, str], ...]) -> str:
    """A digit, or a word of ``words`` after a non-word character and before its next text, as a pattern that
    opens on a character class, so the engine skips to a candidate character without entering the matcher;
    each match is that first character, and a word is checked whole from behind:
    (("năm", ""), ("t", r"\\d")) -> r"[\\dnt](?:(?<=\\d)|ăm(?<=năm)(?<!\\w...)|(?<=t)(?<!\\w.)(?=\\d))"."""
    firsts = "".join(dict.fromkeys(word[0] for word, _ in words))
    checks = [rf"{word[1:]}(?<={word})(?<!\w{'.' * len(word)})" + (f"(?={after})" if after else "")
              for word, after in words]
    return rf"[\d{firsts}](?:(?<=\d)|{'|'.join(checks)})"


ATOM_START = first_char_scan(ATOM_START_WORDS)

# --- markers that are not periods --------------------------------------------------------------

MARKER_RULES: tuple[tuple[str, str], ...] = (
    # "2 lần/năm", "hai lần mỗi năm"
    ("recur_times", r"(?<!\w)(?P<rt_times>«NUM») lần~(?:/|mỗi|một|trong)~(?P<rt_unit>«UNIT»)(?!\w)"),
    # "Hằng năm", "Hàng quý", "Ngày 20 hàng tháng", "mỗi năm 2 lần"
    ("recur_each", r"(?<!\w)(?:h[ằàă]ng|mỗi) (?P<re_unit>«UNIT»)(?: (?P<re_times>«NUM») lần)?(?!\w)"),
    # "Định kỳ 03 tháng/lần", "6 tháng một lần"
    ("recur_every", r"(?<![\w/.])(?P<rv_n>«NUM») (?P<rv_unit>«UNIT»)~(?:/~|một )lần"),
    # "Định kỳ 6 tháng", "định kỳ hằng năm", "Định kỳ báo cáo"
    ("recur_periodic", r"(?<!\w)định k[ỳì](?: (?P<rp_n>«NUM») (?P<rp_unit>«UNIT»)(?!~(?:đầu|cuối)))?"),
    # "Trước ngày 20 tháng cuối quý" (a period named with no number)
    ("recur_sub", r"(?<!\w)(?:ngày|tuần|tháng) (?:đầu|giữa|cuối) (?P<rs_unit>tháng|quý|quí)(?!~(?:\d|i|v))"),
    # "Thường xuyên", "liên tục", "Lâu dài"
    ("ongoing", r"(?<!\w)(?:thường xuyên|liên tục|lâu dài)(?!\w)"),
    # "Từ quý III/2022 trở đi", "Năm 2025 và những năm tiếp theo", "... đến năm 2020 và tiếp theo"
    ("open_end", r"(?<!\w)(?:trở đi|về sau|(?:và )?(?:các|những) năm (?:tiếp theo|tiếp|sau)"
                 r"|và (?:năm )?tiếp theo)(?!\w)"),
    # "Trong vòng 30 ngày kể từ ngày ký", "15 ngày làm việc", "Sau 3 năm thực hiện"
    ("count", r"(?<![\w/.])(?P<ct_n>«NUM») (?P<ct_unit>ngày|tuần|tháng|năm)(?P<ct_work> làm việc)?(?!\w)"),
    # "Trong năm sau", "năm tới", "quý tới"
    ("next", r"(?<!\w)(?P<nx_unit>năm|quý|quí|tháng) (?:sau|tới|kế tiếp)(?! khi)(?!~\d)(?!\w)"),
    # "trong năm nay"
    ("this", r"(?<!\w)(?P<th_unit>năm|quý|quí|tháng) nay(?!\w)"),
    # "Từ nay đến hết năm 2025"
    ("from_now", r"(?<!\w)từ (?:nay|bây giờ)(?!\w)"),
    # "Kể từ ngày ký", "kể từ ngày ban hành Kế hoạch này"
    ("doc_from", r"(?<!\w)(?:kể từ|tính từ|từ) ngày (?:ký|ban hành)(?!\w)"),
    # "Sau khi Nghị quyết được ban hành", "Trước kỳ họp thứ 5", "Kể từ ngày Kế hoạch này có hiệu lực"
    ("event", r"(?<!\w)(?P<ev_rel>ngay sau khi|sau khi|ngay khi|kể từ (?:ngày|khi|lúc)|tính từ (?:ngày|khi|lúc)"
              r"|từ (?:ngày|khi|lúc)|kể từ|cho đến (?:ngày|khi|lúc)|đến (?:ngày|khi|lúc)|trước|sau|nhân dịp|dịp)"
              r"(?= ~@| [^\W\d_])"
              r"(?! (?:(?:đó|đây|mắt|hết|tiên|này|nay|tiếp|nữa|quý|quí|qúy)(?!\w)|(?:ngày|tháng|năm)~\d"
              r"|«UNIT» (?:đầu|cuối)))"),
    # A masked lunar date or Tết: "Tết Nguyên đán Quý Mão 2023" (masked to "@@@...")
    ("event_mask", r"@{3,}"),
    # "Triển khai ngay" (after "event", which keeps "Ngay sau khi ..." whole)
    ("now", r"(?<!\w)ngay(?!\w)(?!~\d)"),
)
# What a count is counted from: "30 ngày| kể từ ngày ký", "| sau khi kết thúc", "| kể từ ngày 15/3/2023".
COUNT_ANCHOR_RE = (r"~,?~(?P<rel>(?:kể |tính )?từ|sau khi|sau|trước) (?P<doc>ngày (?:ký|ban hành)(?!\w)"
                   r"|ngày (?:kế hoạch|quyết định|văn bản|chương trình|thông báo|công văn) này"
                   r" (?:được )?(?:ký|ban hành))?")
# Kinds whose marker is worth a search hit inside a long sentence.
STRONG_EVENT_RE = (r"(?:ngay sau khi|sau khi|kể từ|từ khi|đến khi|nhân dịp|dịp"
                   r"|trước (?:kỳ họp|tết|@|đại hội|hội nghị|ngày bầu cử|bầu cử))")

# --- the words before a period: its qualifier ----------------------------------------------------

# The relation word that ends right before a period, with filler words between: "Chậm nhất trong",
# "Hoàn thành trước", "trong khoảng thời gian từ", "trước hoặc trong". The leftmost start wins.
QUALIFIER_TAIL = (
    r"(?<!\w)(?:(?P<no_later_than>trước hoặc trong|chậm nhất|muộn nhất|không muộn hơn|không quá|hạn chót"
    r"|đến hết|tới hết|(?<!cho\s)đến|hết)|(?P<before>trước)|(?P<from>(?:bắt đầu )?(?:kể |tính )?từ)"
    r"|(?P<after>(?:ngay )?sau(?: khi)?)|(?P<within>trong|giai đoạn))"
    r"(?: (?:suốt|cả|thời gian|giai đoạn|vòng|thời hạn|khoảng|là|vào|lúc|trong|sau|các|những|hoàn thành|thực hiện"
    r"|xong|dự kiến|«NUM»)(?!\w)){0,4}~[,:]?~$"
)

# --- text that is not a deadline: masked before the scan ------------------------------------------

# Cited document numbers, matched on the original text (case matters): "1234/QĐ-UBND", "13-NQ/TW",
# "30/2020/NĐ-CP", "104 -CTr/TU"; with the date or year that follows: ", ngày 02/4/2022", "năm 2022".
CITATION_RE = (
    r"(?<![\w/])\d{1,5}(?:/\d{2,4})?\s?[/\-](?!(?i:qu[ýíy]|qúy|tháng|năm|ngày|thang|nam|ngay)(?!\w))"
    r"[A-ZĐ][A-Za-zĐđ]{1,14}(?:[\-/&.][A-Za-zĐđ0-9]{1,25}){0,5}"
    r"(?:(?i:\s{0,3},?\s{0,3}(?:ngày\s{1,3}|ngay\s{1,3})?(?:\d{1,2}\s{0,2}[/.\-]\s{0,2}\d{1,2}\s{0,2}[/.\-]\s{0,2}\d{4}"
    r"|\d{1,2}\s{1,3}th[áa]ng\s{1,3}\d{1,2}\s{0,3},?\s{0,3}n[ăa]m\s{1,3}\d{4})|\s{0,3},?\s{0,3}n[ăa]m\s{1,3}\d{4}))?"
)
MASK_RULES: tuple[tuple[str, str], ...] = (
    # "Quyết định số 1234 ngày 15/3/2022" (a number without a code)
    ("cited_number", r"(?<!\w)số~:?~\d{1,6}(?![\d/\-])"
                     r"(?:~,?~(?:«DAYW»)?(?:«D»«DSEP»«M»«DSEP»«Y»|«D» tháng «M»~,?~năm «Y»))?"),
    # "Kết luận ngày 15/3/2022 của Thường trực Tỉnh ủy"
    ("cited_date", r"«DAYW»«D»(?:«DSEP»«M»«DSEP»| tháng «M»~,?~năm )«Y»~,?~(?:của|do) "),
    # "Luật Bầu cử năm 2015", "Bộ luật Dân sự 2015", "(được sửa đổi, bổ sung năm 2025)"
    ("law_year", r"(?<!\w)(?:bộ luật|luật|hiến pháp|pháp lệnh)(?: (?!(?:trong|trước|chậm|đến|từ|vào|hoàn|xong|hằng|hàng"
                 r"|định|năm|tháng|quý|ngày)(?!\w))[^\W\d_]{1,12}){0,6}(?: năm)? «Y»"),
    ("amended_year", r"(?<!\w)(?:sửa đổi|bổ sung)(?:~,?~(?:sửa đổi|bổ sung))?(?: năm)? «Y»"),
    # "tầm nhìn đến năm 2045", "định hướng đến năm 2030", "đến năm 2030, tầm nhìn ..."
    ("horizon_lead", r"(?<!\w)(?:(?:đến|tới) năm «Y»|giai đoạn «Y»~-~«Y»)(?=~[,;]?~(?:tầm nhìn|định hướng))"),
    ("horizon", r"(?<!\w)(?:tầm nhìn|định hướng)(?: (?:đến|tới))?(?: năm)?~«Y»"),
    # "Chiến lược phát triển KH,CN&ĐMST đến năm 2025", "Kế hoạch phát triển KTXH 5 năm 2021-2025",
    # "Chiến lược phát triển khoa học và công nghệ đến năm 2030" ("và" inside a name, not before an action)
    ("plan_period", r"(?<!\w)(?:chiến lược|quy hoạch|đề án|chương trình|kế hoạch|nghị quyết|kết luận|chỉ thị|dự án"
                    r"|mục tiêu)"
                    r"(?: (?!(?:trong|trước|chậm|đến|tới|từ|vào|hoàn|xong|h[ằàă]ng «UNIT»|định|năm|tháng|quý|ngày|giai"
                    r"|và (?:đến|tới|trong|triển|thực|tổ|hoàn|trình|ban|xây|báo|tổng)|thường|trình|báo|phấn)(?!\w))"
                    r"[^\s;:()]{1,20}){0,12}(?: \d{1,2} năm)?"
                    r" (?:(?:đến|tới) năm «Y»|giai đoạn «Y»(?:~-~«Y»)?|(?:năm )?«Y»~-~«Y»)"),
    # "bầu cử đại biểu Hội đồng nhân dân nhiệm kỳ 2026-2031" (not "trong nhiệm kỳ 2021-2026")
    ("term", r"(?<!trong\s)(?<!suốt\s)nhiệm k[ỳì] «Y»~-~«Y»"),
    # "30 tháng trước" (ago), but not "95 ngày trước bầu cử"
    ("ago", r"(?<![\w/.])«NUM» «UNIT» trước(?=~(?:$|[.,;:)!?]|(?:đó|đây|nay|kia)(?!\w)))"),
)
# Replaced by "@": a lunar date or Tết is an event, not a period ("Quý Mão" is a year name).
EVENT_MASK_RULES: tuple[tuple[str, str], ...] = (
    # "Tết Nguyên đán Quý Mão 2023", "Tết Dương lịch 2023"
    ("tet", r"(?<!\w)tết(?: (?:nguyên đán|âm lịch|cổ truyền|dương lịch|trung thu))?(?: «CAN» «CHI»)?"
            r"(?:~(?:năm )?«Y»)?"),
    # "năm Giáp Thìn 2024"
    ("lunar_year", r"(?<!\w)(?:năm )?«CAN» «CHI»(?:~«Y»)?(?!\w)"),
)
# A kind of document named by its period: "kế hoạch công tác hằng năm", "kế hoạch 5 năm và hằng năm",
# "dự toán ngân sách nhà nước hằng năm".
PERIODIC_DOCUMENT = (r"(?:(?:kế hoạch|chương trình|chỉ tiêu)(?: (?:công tác|hoạt động))?(?: «NUM» năm~(?:và|,))?"
                     r"|(?:dự toán|ngân sách)(?: [^\W\d_]{1,10}){0,3}) h[ằàă]ng (?:năm|quý|tháng)")
# Inside a sentence, noun phrases that carry a time word without timing the task (search only). Where a
# rule has a group "masked", only that group is masked: a match without it keeps its time words.
SEARCH_MASK_RULES: tuple[tuple[str, str], ...] = (
    # "kế hoạch công tác hằng năm của cơ quan" is masked; "xây dựng kế hoạch hằng năm" (drawing up a
    # yearly plan) is a yearly task, matched by the first alternative and kept
    ("plan_recurrence", r"(?<!\w)(?:(?:xây dựng|lập|ban hành)(?:~,?~(?:và|trình|ban hành|phê duyệt|triển khai)){0,2}"
                        r" (?=kế hoạch|chương trình)" + PERIODIC_DOCUMENT + "|(?P<masked>" + PERIODIC_DOCUMENT + "))"),
    # A past period a sentence reports: "Năm 2024 đã đạt 95%", "trong năm 2024 đã hoàn thành"
    ("history_done", r"(?<!\w)(?:(?:trong|của) )?(?:năm|giai đoạn) «Y»(?:~-~«Y»)?~,?~(?:vừa qua~,?~)?(?:đã|vừa)(?!\w)"),
    # What was done in a past period: "kết quả giai đoạn 2016-2020", "kết quả thực hiện năm 2024"
    ("history_result", r"(?<!\w)kết quả(?: (?:thực hiện|đạt được|triển khai))?(?: (?:của|trong))?"
                       r" (?:năm|giai đoạn|nhiệm kỳ) «Y»(?:~-~«Y»)?"),
    # "bố trí kinh phí chi thường xuyên" (recurrent expenditure)
    ("budget_line", r"(?<!\w)(?:chi|kinh phí) thường xuyên(?!\w)"),
    # "kiểm tra thường xuyên và đột xuất" (a manner, not a schedule)
    ("manner_pair", r"(?<!\w)(?:thường xuyên~(?:,|và|hoặc)~đột xuất|đột xuất~(?:,|và|hoặc)~thường xuyên)(?!\w)"),
)

# --- phrase clean-up ---------------------------------------------------------------------------

# "Thời gian thực hiện:", "Thời hạn hoàn thành:", "+ Tiến độ:", "thời gian hoàn thành:", "c) Thời gian:"
LABEL_RE = (r"(?:^|(?<=[\s;|(]))(?:[-+•·]~)?(?:[a-zđ0-9]{1,2}[.)]~)?(?:thời gian|thời hạn|tiến độ|hạn chót|thời điểm)"
            r"(?: [^\W\d_]{1,10}){0,3}~:")
BRACKET_RE = r"\([^()\n]{0,300}\)|\[[^\[\]\n]{0,300}\]"
# The next field after a deadline label: "Quý II/2023|; Sản phẩm: Báo cáo".
FIELD_TAIL_RE = r"[;|]\s*[^;:|]{1,40}:"
# Between two periods of one phrase: "Quý IV/2022 - Quý I/2023", "Cuối năm 2022, đầu năm 2023".
CONNECTOR_RE = r"[\s,;/\-]{0,6}(?:(?:và|hoặc|đến|tới|đến hết|tới hết|và trong)[\s,]{0,6}){0,2}"
CLAUSE_BREAK_RE = r"[;:|()\n]|\.\s"
# The last break of a text, found from its end: "Sở Y tế; hoàn thành| trước" (a greedy run, then one break).
LAST_CLAUSE_BREAK_RE = rf"(?s:.*)(?:{CLAUSE_BREAK_RE})"
# Only bullets and blanks since the last break: "Năm 2025, ..." heads its clause.
CLAUSE_HEAD_RE = r"(?:^|[;:|(\n.,])[\s\-+*•]{0,6}$"
# Where an event phrase ends: "sau khi Kế hoạch được ban hành|, các sở ..."
EVENT_END_RE = r"[,;:|()\n]|\.(?:\s|$)"


@dataclass(frozen=True)
class Rules:
    """One spelling mode's compiled patterns."""

    atoms: re.Pattern[str]
    digit_atoms: re.Pattern[str]  # the atoms that can start with a digit, in the same order: fewer tried there
    atom_start: re.Pattern[str]
    markers: tuple[tuple[str, Prefiltered], ...]  # scanned only where their required words are
    masks: tuple[Prefiltered, ...]
    event_masks: tuple[Prefiltered, ...]
    qualifier_tail: re.Pattern[str]
    count_anchor: re.Pattern[str]
    strong_event: re.Pattern[str]
    search_masks: tuple[Prefiltered, ...]
    label: Prefiltered
    connector: re.Pattern[str]


def _regex(source: str, ascii_only: bool) -> str:
    """One notation pattern as a regex, folded to ASCII for unmarked text, its leading lookbehinds moved."""
    regex = expand(source)
    return literal_first(regex.translate(ASCII_FOLD) if ascii_only else regex)


def _compile(source: str, ascii_only: bool) -> re.Pattern[str]:
    return re.compile(_regex(source, ascii_only))


@cache
def rules(ascii_only: bool) -> Rules:
    """The compiled tables for text with diacritics (False) or without them (True)."""
    named = [(f"(?P<{name}>{source})", _regex(source, ascii_only)) for name, source in ATOM_RULES]
    return Rules(
        atoms=_compile("|".join(source for source, _ in named), ascii_only),
        digit_atoms=_compile("|".join(source for source, regex in named if opens_on_digit(regex)), ascii_only),
        atom_start=_compile(ATOM_START, ascii_only),
        markers=tuple((name, Prefiltered(_regex(source, ascii_only))) for name, source in MARKER_RULES),
        masks=tuple(Prefiltered(_regex(source, ascii_only)) for _, source in MASK_RULES),
        event_masks=tuple(Prefiltered(_regex(source, ascii_only)) for _, source in EVENT_MASK_RULES),
        qualifier_tail=_compile(QUALIFIER_TAIL, ascii_only),
        count_anchor=_compile(COUNT_ANCHOR_RE, ascii_only),
        strong_event=_compile(STRONG_EVENT_RE, ascii_only),
        search_masks=tuple(Prefiltered(_regex(source, ascii_only)) for _, source in SEARCH_MASK_RULES),
        label=Prefiltered(_regex(LABEL_RE, ascii_only)),
        connector=_compile(CONNECTOR_RE, ascii_only),
    )


CITATION_PATTERN = Prefiltered(literal_first(CITATION_RE))
BRACKET_PATTERN = re.compile(BRACKET_RE)
FIELD_TAIL_PATTERN = re.compile(FIELD_TAIL_RE)
CLAUSE_BREAK_PATTERN = re.compile(CLAUSE_BREAK_RE)
LAST_CLAUSE_BREAK_PATTERN = re.compile(LAST_CLAUSE_BREAK_RE)
EVENT_END_PATTERN = re.compile(EVENT_END_RE)
CLAUSE_HEAD_PATTERN = re.compile(CLAUSE_HEAD_RE)
