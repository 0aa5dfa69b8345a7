"""Legacy Vietnamese font encodings to Unicode: TCVN3 (ABC, fonts ".VnTime") and VNI-Windows ("VNI-Times").

Text typed in these fonts is stored as Windows-1252 code points that the font draws as Vietnamese
letters. We convert with our own two tables rather than a library (shared/notes/LIBRARIES.md measured
viparse): the tables are fixed by the two standards, the conversion is a single pass (microseconds per
line, so no size guard is needed), it works on the Python floor without an optional extra, and the
.docx reader needs it per run, where the font name says which table applies.

* TCVN3 is one code point per letter: "KÕ ho¹ch" -> "Kế hoạch". It has no capitals with tone marks;
  documents set capitals in the companion fonts ".VnTimeH", ".VnArialH" ..., which draw the same codes
  as capitals, so ``tcvn3_to_unicode(text, upper=True)`` upper-cases.
* VNI-Windows writes a base vowel and then one mark byte: "hoaïch" -> "hoạch", "Keá" -> "Kế".

``looks_legacy_vietnamese`` (kehoach.reading.text) is the cheap check that decides when plain text is legacy.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["ENCODING_NAMES", "convert_lines", "convert_text", "font_encoding", "tcvn3_to_unicode", "vni_to_unicode"]

# TCVN3 code (as its cp1252 character) -> Unicode, in the standard's order.
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
_TCVN3 = {ord(pair[0]): pair[1] for pair in _TCVN3_PAIRS.split(" ")}

# VNI-Windows: letters that are one code point, and the mark bytes that follow a vowel.
_VNI_LETTERS = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ", "æ": "ỉ", "Æ": "Ỉ",
                "ò": "ị", "Ò": "Ị", "ó": "ĩ", "Ó": "Ĩ", "î": "ỵ", "Î": "Ỵ"}
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_CIRC_TONES = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_BREVE_TONES = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_RE = re.compile(
    "([aA])([âáàåãäêéèúüëÂÁÀÅÃÄÊÉÈÚÜËùøûõïÙØÛÕÏ])"
    "|([eEoO])([âáàåãäÂÁÀÅÃÄùøûõïÙØÛÕÏ])"
    "|([uUyYôÔöÖ])([ùøûõïÙØÛÕÏ])"
    "|([ôÔöÖñÑæÆòÒóÓîÎ])"
)


def tcvn3_to_unicode(text: str, *, upper: bool = False) -> str:
    """TCVN3 (.VnTime) text to Unicode: "KÕ ho¹ch n¨m" -> "Kế hoạch năm"; ``upper`` for .VnTimeH fonts."""
    out = text.translate(_TCVN3)
    return out.upper() if upper else out


def _vni_mark(match: re.Match[str]) -> str:
    if match.group(7):
        return _VNI_LETTERS[match.group(7)]
    if match.group(1):
        base, mark = match.group(1), match.group(2).lower()
        if mark in _CIRC_TONES:
            return unicodedata.normalize("NFC", base + _CIRC + _CIRC_TONES[mark])
        if mark in _BREVE_TONES:
            return unicodedata.normalize("NFC", base + _BREVE + _BREVE_TONES[mark])
        return unicodedata.normalize("NFC", base + _TONES[mark])
    if match.group(3):
        base, mark = match.group(3), match.group(4).lower()
        if mark in _CIRC_TONES:
            return unicodedata.normalize("NFC", base + _CIRC + _CIRC_TONES[mark])
        return unicodedata.normalize("NFC", base + _TONES[mark])
    base, mark = match.group(5), match.group(6).lower()
    return unicodedata.normalize("NFC", _VNI_LETTERS.get(base, base) + _TONES[mark])


def vni_to_unicode(text: str, *, upper: bool = False) -> str:
    """VNI-Windows text to Unicode: "Keá hoaïch thöïc hieän" -> "Kế hoạch thực hiện"."""
    out = _VNI_RE.sub(_vni_mark, text)
    return out.upper() if upper else out


def convert_text(text: str, encoding: str, *, upper: bool = False) -> str:
    """Convert with the table ``encoding`` names ("tcvn3" or "vni")."""
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text, upper=upper)
    if encoding == "vni":
        return vni_to_unicode(text, upper=upper)
    raise ValueError(f"unknown legacy encoding: {encoding}")


def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """The legacy table a font name implies, and whether it draws capitals only.

    ".VnTime" -> ("tcvn3", False); ".VnTimeH" -> ("tcvn3", True); "VNI-Times" -> ("vni", False);
    "Times New Roman" -> None.
    """
    if not font:
        return None
    name = font.strip()
    if name.startswith(".Vn") or name.startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni", False
    return None


# Vietnamese letters outside Latin-1 (ă đ ĩ ũ ơ ư and Latin Extended Additional): a line that has one is
# Unicode already, since text typed in a legacy font, read through cp1252, never has them.
_UNICODE_VIETNAMESE_RE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


# One of these in a line is enough to call the line legacy once the document is (reader's cheap check):
# TCVN3 letters at A1-AF/B5-BF ("n¨m", "®îc"), which Unicode Vietnamese never uses; VNI tone bytes
# after a vowel ("hoaïch", "vaø").
_LINE_HIT = {
    "tcvn3": re.compile("[\u00a1-\u00af\u00b5-\u00bf]"),
    "vni": re.compile("[aeiouyAEIOUY][äåëïøûüÄÅËÏØÛÜ]"),
}


_TCVN3_CAPITALS = "\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7"  # Ă Â Ê Ô Ơ Ư Đ
_SEGMENT_RE = re.compile(r"[ \t]{3,}|\t|[^ \t]+(?: {1,2}[^ \t]+)*")  # columns of a plain-text layout
_WORD_RE = re.compile(r"\S+")


def _capitals(text: str) -> tuple[int, bool]:
    """(capital letters, whether a small ASCII letter occurs) in TCVN3 source text."""
    capitals = sum(1 for c in text if (c.isascii() and c.isupper()) or c in _TCVN3_CAPITALS)
    return capitals, any(c.isascii() and c.islower() for c in text)


def _restore_capitals(line: str, converted: str) -> str:
    """TCVN3 plain text lost its .VnTimeH capitals: "KÕ HO¹CH" reads "Kế HOạCH"; make it "KẾ HOẠCH".

    TCVN3 has one code point per letter, so offsets in ``line`` and ``converted`` agree. A column of the
    line (text between wide gaps) without digits whose letters are all capitals is upper-cased, and so
    is a word with two capitals and no small ASCII letter. "Kế", "Số:" and "ủy" stay: one capital may
    just start a sentence.
    """
    out = []
    for segment in _SEGMENT_RE.finditer(converted):
        start, end = segment.span()
        capitals, small = _capitals(line[start:end])
        if capitals >= 2 and not small and not any(c in "0123456789" for c in line[start:end]):
            out.append(segment.group().upper())  # "SỞ Y TẾ"; but "Số: 12/KH-UBND" keeps its small "ố"
            continue
        piece = list(segment.group())
        for word in _WORD_RE.finditer(line, start, end):
            capitals, small = _capitals(word.group())
            if capitals >= 2 and not small:
                a, b = word.start() - start, word.end() - start
                piece[a:b] = list("".join(piece[a:b]).upper())
        out.append("".join(piece))
    return "".join(out)


def convert_lines(text: str, encoding: str, *, check_each_line: bool) -> tuple[str, int]:
    """Convert the legacy lines of ``text``; give the new text and how many lines changed.

    A line with a Unicode-only Vietnamese letter (ă, đ, ơ, ư, ạ, ế ...) is left alone, so a document
    that mixes Unicode and legacy paragraphs is converted paragraph by paragraph. With
    ``check_each_line`` (text that came as Unicode, where legacy text was pasted in) a line is
    converted only when it also shows a sign of the legacy font itself.
    """
    out, changed = [], 0
    hit = _LINE_HIT[encoding]
    for line in text.split("\n"):
        if not _UNICODE_VIETNAMESE_RE.search(line) and (not check_each_line or hit.search(line)):
            new = convert_text(line, encoding)
            if encoding == "tcvn3":
                new = _restore_capitals(line, new)
            changed += new != line
            line = new
        out.append(line)
    return "\n".join(out), changed


ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC, .VnTime fonts)", "vni": "VNI-Windows (VNI-Times fonts)"}
