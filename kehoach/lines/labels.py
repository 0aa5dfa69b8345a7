"""Body labels put back where a reader sees them, after web copies ran them into their neighbours.

    '1. Tăng cường ... và tiến bộ 1.1.' + 'Tổ chức nghiên cứu ...' -> '... và tiến bộ' + '1.1. Tổ chức nghiên cứu ...'
    '2.' + 'Sở Lao động - Thương binh và Xã hội chủ trì ...' -> '2. Sở Lao động - ...'
    'I. BỐI CẢNH, TÌNH HÌNH CHUNG Năm 2023 là năm ...' -> 'I. BỐI CẢNH, TÌNH HÌNH CHUNG' + '' + 'Năm 2023 là năm ...'
    '... do Sở Y tế chủ trì) II. NHIỆM VỤ CỤ THỂ' -> '... do Sở Y tế chủ trì)' + 'II. NHIỆM VỤ CỤ THỂ'

The last step of layout recovery (``layout.recover_layout``), over its canonical lines.
"""
from __future__ import annotations

import re

from kehoach.lines import patterns as P

# Body headings as web copies run them into their neighbours (the label printed with the line before):
# "1. Tăng cường sự lãnh đạo ... và tiến bộ 1.1." + "Tổ chức nghiên cứu ..." -> the label opens the next line;
# "III. TỔ CHỨC THỰC HIỆN 1." and "**III. TỔ CHỨC THỰC HIỆN 1.**" the same; not "... theo Điều 1." nor "... tại khoản 2."
TRAILING_LABEL_RE = re.compile(
    P.uni(r"(?<![.;:])\s+(?P<label>\d{1,2}\.(?:\d{1,2}\.){0,2})(?P<bold>\*\*)?$")
)
LABEL_REFERENCE_WORDS = frozenset({"điều", "khoản", "mục", "điểm", "số", "phần", "chương", "tại", "theo", "năm", "ngày",
                                   "tháng", "quý", "giai", "đoạn", "lần", "thứ", "bước", "phụ", "lục", "biểu", "mẫu"})
# A label alone on its line, its text on the next: "2." + "Sở Lao động - Thương binh và Xã hội chủ trì ..."
LONE_LABEL_RE = re.compile(r"^(?:\d{1,2}\.(?:\d{1,2}\.){0,2}|[a-zđ]\)|Điều\s+\d{1,2}\.)$")
# What a line the rules below may change ends or starts with: a label's "." or ")" or the bold after it
# ("... và tiến bộ 1.1.", "2.", "a)", "... THỰC HIỆN 1.**"), "Số" alone, a Roman heading "I. BỐI CẢNH ..."
LABEL_LAST = frozenset(".)*")
LABEL_FIRST = frozenset("SIVX")
# What a label alone on its line starts with: "2.", "a)", "Điều 3."
LONE_LABEL_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzđĐ")  # or a digit
# A Roman heading in capitals run into its first sentence: "I. BỐI CẢNH, TÌNH HÌNH CHUNG Năm 2023 là năm ..."
HEADING_INTO_TEXT_RE = re.compile(
    P.uni(r"^(?P<heading>[IVX]{1,5}\.\s+[\p{Lu}\d][\p{Lu}\d\s,;\-–&/()]*?\p{Lu}{2,}[\d\s)]*?)\s+(?P<text>\p{Lu}\p{Ll}+(?:\s.*)?)$")
)
# A heading in capitals a hard wrap left at the end of a line, after a sentence end or a closing bracket:
# "... ban hành kèm theo Quyết định số 7/QĐ-UBND của Ủy ban nhân dân huyện) I. MỤC ĐÍCH, YÊU CẦU";
# not "... khóa XII. Nghị quyết ..." nor "... Điều 2. Giao ..." (no title in capitals to the line's end)
HEADING_AT_END_RE = re.compile(
    P.uni(r"(?<=[.;:)”\"])\s+(?P<heading>(?:[IVX]{1,5}\.|\d{1,2}\.|[a-zđ]\))\s+\p{Lu}[\p{Lu}\d\s,;\-–&/]*\p{Lu}{2,})$")
)
# The rest of such a heading on the next line, short and in capitals without a label of its own: "CẦU"
HEADING_REST_MAX = 40
LABEL_START_RE = re.compile(r"^(?:[IVX]{1,5}\.|[A-ZĐ][.)])\s")
# "Số:" in one header cell and the number in the next, as Word's cell-by-cell export prints them:
# "Số:" + "435/QĐ-UBND" -> "Số: 435/QĐ-UBND"
NUMBER_ALONE_RE = re.compile(r"^Số\s*:?$")
NUMBER_VALUE_RE = re.compile(rf"^{P.DOC_NUMBER}$")


def _sentence_goes_on(text: str, out: list[str], k: int) -> bool:
    """A sentence, not a capitalised word of the heading: small letters follow, on its line or the next one."""
    if any(c.islower() for word in text.split()[1:] for c in word):
        return True  # 'Năm 2023 là năm ...
    nxt = next((line.strip() for line in out[k + 1:k + 4] if line.strip()), "")
    return nxt[:1].islower()


def _near_cells(out: list[str], k: int) -> bool:
    """Whether line ``k`` follows a lone "|" within 8 lines: a number there is a table cell, not a label."""
    return any(line.strip() == "|" for line in out[max(0, k - 8):k])


def _text_after(out: list[str], k: int) -> int:
    """The next line of text after line ``k``, over blank lines and a page mark ('Trang 12', '- 3 -'); 0 if none near."""
    for j in range(k + 1, min(k + 6, len(out))):
        line = out[j].strip()
        if line and (line.isdigit() or not P.PAGE_MARK_RE.match(line)):
            return j
    return 0


def _heading_goes_on(nxt: str) -> bool:
    """The rest of a heading in capitals the wrap carried to the next line: 'I. MỤC ĐÍCH, YÊU' + 'CẦU'."""
    return len(nxt) <= HEADING_REST_MAX and nxt.isupper() and nxt[:1].isalpha() and not LABEL_START_RE.match(nxt)


def _ends_with_number(text: str) -> bool:
    """A cheap test before scanning a line for a trailing label: it ends with a digit and a dot, maybe in bold
    ('... và tiến bộ 1.1.', '... THỰC HIỆN 1.**'), as few lines do."""
    if text.endswith("**"):
        text = text[:-2]
    return text.endswith(".") and text[-2:-1].isdigit()


def rejoin_labels(out: list[str], origin: list[int], header_lines: int) -> bool:
    """Body labels put back at the start of their own text, headings cut from the sentence run into them (in place)."""
    changed = False
    k = 0
    while k < len(out):
        text = out[k].strip()
        first = text[:1]
        may_end_label = text[-1:] in LABEL_LAST and (first in LONE_LABEL_FIRST or first.isdigit() or _ends_with_number(text))
        if text[-1:].isupper() and (m := HEADING_AT_END_RE.search(text)):
            heading = m.group("heading")
            if (j := _text_after(out, k)) and _heading_goes_on(nxt := out[j].strip()):
                heading = f"{heading} {nxt}"
                del out[k + 1:j + 1], origin[k + 1:j + 1]
            out[k:k + 1] = [text[:m.start()], heading]
            origin[k:k] = [origin[k]]
            changed = True
            k += 1
            continue
        if first not in LABEL_FIRST and not may_end_label:
            k += 1  # no rule below can match: most lines, a sentence among them
            continue
        j = k + 2 if k + 2 < len(out) and not out[k + 1].strip() else k + 1  # one blank line between, as Word writes
        nxt = out[j].strip() if j < len(out) else ""
        if k < header_lines and NUMBER_ALONE_RE.match(text) and NUMBER_VALUE_RE.match(nxt):
            out[k:j + 1] = [f"Số: {nxt}"]
            del origin[k + 1:j + 1]
            changed = True
        elif LONE_LABEL_RE.match(text) and nxt[:1].isalpha() and not _near_cells(out, k) \
                and not LONE_LABEL_RE.match(nxt):
            out[k:j + 1] = [f"{text} {nxt}"]
            del origin[k + 1:j + 1]
            changed = True
        elif _ends_with_number(text) and (m := TRAILING_LABEL_RE.search(text)) and "|" not in text \
                and text[:m.start()].split()[-1].lower() not in LABEL_REFERENCE_WORDS \
                and (j := _text_after(out, k)) and (nxt := out[j].strip())[:1].isupper() \
                and not LONE_LABEL_RE.match(nxt) and not _near_cells(out, k):
            out[k], out[j] = text[:m.start()] + (m.group("bold") or ""), f"{m.group('label')} {nxt}"
            changed = True
            continue  # the rest may end in a heading: '... năm 2026. III. TỔ CHỨC THỰC HIỆN' + '1.'
        elif (m := HEADING_INTO_TEXT_RE.match(text)) and _sentence_goes_on(m.group("text"), out, k):
            out[k:k + 1] = [m.group("heading").strip(), "", m.group("text")]  # a blank: the heading ends there
            origin[k:k] = [origin[k]] * 2
            k += 1
            changed = True
        k += 1
    return changed
