"""The well-known words of plan section titles, recognised through OCR misspellings.

A scanned plan prints "MỤC ĐÍCH, YÊU CÂU" or "TỎ CHỨC THỰC HIỆN": the letters are right, a
diacritic is not. The phrases below are the stock of section titles of Vietnamese plans; a run of
a title's words that is one of them with its diacritics folded (or one letter off, for a long
phrase) is that phrase, written in its own spelling and in the title's case.
"""
from __future__ import annotations

import re

from kehoach.lines.memo import per_parse
from kehoach.reading.normalize import strip_diacritics

# The phrases, longest first where one holds another: "TỔ CHỨC THỰC HIỆN" before "NỘI DUNG".
TITLE_PHRASES = (
    "TỔ CHỨC THỰC HIỆN", "CHẾ ĐỘ BÁO CÁO", "SỰ CẦN THIẾT", "KINH PHÍ THỰC HIỆN", "NỘI DUNG THỰC HIỆN",
    "TIẾN ĐỘ THỰC HIỆN", "THỜI GIAN THỰC HIỆN", "MỤC ĐÍCH", "YÊU CẦU", "MỤC TIÊU", "QUAN ĐIỂM", "NHIỆM VỤ",
    "GIẢI PHÁP", "NỘI DUNG", "KINH PHÍ", "CHỦ YẾU", "TRỌNG TÂM", "CỤ THỂ", "PHÂN CÔNG", "TRÁCH NHIỆM",
    "THỰC TRẠNG", "ĐÁNH GIÁ", "TÌNH HÌNH", "KẾT QUẢ", "CĂN CỨ", "ĐỐI TƯỢNG", "PHẠM VI", "KHEN THƯỞNG",
    "DỰ TOÁN", "BIỆN PHÁP", "TRỌNG ĐIỂM",
)
# Words that join phrases into one title: "NHIỆM VỤ VÀ GIẢI PHÁP", "MỤC ĐÍCH, YÊU CẦU"
JOINING_WORDS = frozenset({"va", "cac"})  # "và", "các", folded
# A phrase this long (letters, diacritics folded) may be one letter off: "TỔ CHỨC THỰC HIÊN" -> fixed
LONG_PHRASE = 10
WORD_RE = re.compile(r"\w+")


def fold(word: str) -> str:
    """A word without its diacritics, in lower case: 'TỎ' -> 'to', 'ĐÍCH' -> 'dich'."""
    return strip_diacritics(word).lower()


def _entry(phrase: str) -> tuple[list[str], list[str], bool]:
    """A phrase's words, their folded keys, and whether it is long enough to be one letter off."""
    keys = [fold(w) for w in phrase.split()]
    return phrase.split(), keys, sum(map(len, keys)) >= LONG_PHRASE


PHRASES = tuple(map(_entry, TITLE_PHRASES))
# Every phrase has two words at least and is off in one word at most, so its first or its second word is right:
# a word that opens no phrase so, with the word after it, is passed over without trying them all
FIRST_KEYS = frozenset(keys[0] for _, keys, _ in PHRASES)
SECOND_KEYS = frozenset(keys[1] for _, keys, _ in PHRASES)


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one insertion, deletion or substitution apart: 'cau' / 'cu', 'to' / 'tos'."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) >= len(b)):] == b[i + (len(b) >= len(a)):]


def _cased(word: str, like: str) -> str:
    """``word`` (in capitals) in the case of ``like``: 'CẦU' like 'câu' -> 'cầu'."""
    if like.isupper():
        return word
    return word.capitalize() if like[:1].isupper() else word.lower()


def _phrase_at(folded: list[str], k: int) -> list[str] | None:
    """The phrase whose words are the title's words from ``k``, diacritics folded."""
    if folded[k] not in FIRST_KEYS and (k + 1 == len(folded) or folded[k + 1] not in SECOND_KEYS):
        return None
    for words, keys, long_phrase in PHRASES:
        if not long_phrase and folded[k] != keys[0]:
            continue  # a short phrase is matched word for word: its first word decides, no slice taken
        got = folded[k:k + len(keys)]
        if len(got) < len(keys):
            continue
        # A long phrase may be one letter off in one word: 'yeu cau' for 'YÊU CÂU'
        wrong = [(g, key) for g, key in zip(got, keys) if g != key]
        if not wrong or (long_phrase and len(wrong) == 1 and _one_edit(*wrong[0])):
            return words
    return None


@per_parse
def read_title(title: str) -> tuple[str, bool]:
    """The title with its well-known phrases spelt right, and whether those phrases make all of it:
    'MỤC ĐÍCH, YÊU CÂU' -> ('MỤC ĐÍCH, YÊU CẦU', True); 'Tổ chức thực hiện.' -> (same, True);
    'NHIỆM VỤ CỦA SỞ Y TẾ' -> (same, False)."""
    spans = list(WORD_RE.finditer(title))
    folded = [fold(m.group()) for m in spans]
    out, pos, k, whole = [], 0, 0, bool(spans)
    while k < len(spans):
        words = _phrase_at(folded, k)
        if words is None:
            whole = whole and folded[k] in JOINING_WORDS
            k += 1
            continue
        for word, m in zip(words, spans[k:k + len(words)]):
            out += [title[pos:m.start()], _cased(word, m.group())]
            pos = m.end()
        k += len(words)
    return "".join(out) + title[pos:], whole
