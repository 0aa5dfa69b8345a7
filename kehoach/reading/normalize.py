"""Text clean-up at the reader boundary, and comparison keys.

``normalize_text`` is applied to every decoded document; it is idempotent, so a second pass is harmless.
Its contract: the output has exactly as many ``"\\n"`` as the input has line breaks (``\\r\\n``, lone
``\\r`` or ``\\n``), so 1-based line numbers computed downstream point at the original file's lines.
Nothing else that ``str.splitlines`` treats as a line break survives, so ``text.split("\\n")`` and
``text.splitlines()`` agree.

Decisions:

* Tabs are kept: text copied out of Word tables separates cells with tabs, and later stages may split on
  them. Patterns should match ``[ \\t]`` or ``\\s`` where a space may be written.
* Form feed, vertical tab, the C0 separators ``\\x1c``-``\\x1e``, NEL, LINE SEPARATOR and PARAGRAPH
  SEPARATOR are not line breaks of the file (``wc -l``, ``grep -n`` and editors don't count them). They
  disappear at the start or end of a line or next to a blank, and become one space inside a line.
* Dashes and quotes are left as written: "–" is a real bullet in Vietnamese documents.

``fold_key`` and ``strip_diacritics`` build keys for matching only; output always keeps the source text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_key", "normalize_line_breaks", "normalize_text", "strip_diacritics"]

# Characters that are not line breaks of the file but that str.splitlines() would split on.
_SOFT_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SOFT_BREAK_RE = re.compile(f"[{_SOFT_BREAKS}]+")
_BLANK_OR_BREAK = " \t\n"

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator (old zero-width space)
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right / right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060"  # word joiner
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # BOM / zero-width no-break space inside the text
)
_CHAR_MAP: dict[str, str] = {
    **{c: " " for c in _SPACES},
    **{c: "" for c in _INVISIBLE},
    "\u00d0": "\u0110",  # Ð (Icelandic eth) typed for Đ
    "\u00f0": "\u0111",  # ð for đ
}
# A regex finds the rare characters far faster than str.translate walks non-ASCII text.
_CHAR_RE = re.compile("[" + "".join(_CHAR_MAP) + "]")

# Old tone placement in an open syllable: "hoà" -> "hòa", "uỷ" -> "ủy"; "quý" and "hoạch" stay.
_OPEN = r"(?![^\W\d_]|[\u0300-\u036f])"  # no letter (or stray combining mark) follows: an open syllable
# (the vowel first, so the scan looks for "o"/"u" before trying anything else)
_OLD_TONE_RE = re.compile(rf"[ou](?:(?<=o)[àáảãạèéẻẽẹ]|(?<=u)(?<!qu)[ỳýỷỹỵ]){_OPEN}")
# The vowel pair every old tone placement is written with, whatever follows: "h|oà|", "|uỷ| ban", also "h|oạ|ch".
# Most texts hold none, and this scan is cheaper than the one above, which also asks what comes before and after.
_OLD_TONE_PAIR_RE = re.compile(r"o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_D_MAP = {0x0110: "D", 0x0111: "d", 0x00D0: "D", 0x00F0: "d"}


def _soft_break(match: re.Match[str]) -> str:
    """A page break at a line edge or next to a blank is dropped; inside a line it becomes a space."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text) or text[start - 1] in _BLANK_OR_BREAK or text[end] in _BLANK_OR_BREAK:
        return ""
    return " "


def normalize_line_breaks(text: str) -> str:
    """Line breaks to "\\n" and page breaks away, changing nothing else: "a\\r\\nb\\rc\\fd" -> "a\\nb\\nc d".

    This is the part of ``normalize_text`` that is safe on legacy-font (TCVN3/VNI) text, where
    "\\xad" and "Ð" are letters.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not any(c in text for c in _SOFT_BREAKS):  # the usual case: eight str scans beat one regex scan
        return text
    return _SOFT_BREAK_RE.sub(_soft_break, text)


def normalize_text(text: str) -> str:
    """Clean decoded text, keeping its line count: "Kê\\u0301 hoa\\u0323ch\\r\\nÐà" -> "Kế hoạch\\nĐà".

    NFC; line breaks to "\\n"; page breaks removed; Unicode spaces to " "; zero-width characters, soft
    hyphens and bidi marks removed; "Ð"/"ð" to "Đ"/"đ". Tabs are kept. Idempotent, linear time.
    """
    text = _CHAR_RE.sub(lambda m: _CHAR_MAP[m.group()], normalize_line_breaks(text))
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=64)
def _moved_tone(pair: str) -> str:
    """"oà" -> "òa": the tone mark moves from the second vowel to the first."""
    decomposed = unicodedata.normalize("NFD", pair[1])
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    return unicodedata.normalize("NFC", pair[0] + tone) + unicodedata.normalize("NFC", base)


def modern_tones(text: str) -> str:
    """Old tone placement in open syllables moved to the new one, length kept: "hoà, uỷ" -> "hòa, ủy"."""
    if not _OLD_TONE_PAIR_RE.search(text):  # the usual case: no such vowel pair at all
        return text
    return _OLD_TONE_RE.sub(lambda m: _moved_tone(m.group()), text)


def fold_key(text: str) -> str:
    """A comparison key: "  Uỷ ban\\u00a0nhân dân  tỉnh Khánh Hoà " -> "ủy ban nhân dân tỉnh khánh hòa".

    NFC and ``normalize_text`` clean-up, lower case, old tone placement moved to the new one in open
    syllables (oà/oá/oả/oã/oạ, oè/oé/oẻ/oẽ/oẹ, uỳ/uý/uỷ/uỹ/uỵ except after q), whitespace collapsed.
    """
    return modern_tones(" ".join(normalize_text(text).lower().split()))


def strip_diacritics(text: str) -> str:
    """Letters without marks, case kept, for lenient matching: "Đồng Nai, Ủy ban" -> "Dong Nai, Uy ban"."""
    text = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return unicodedata.normalize("NFC", _COMBINING_RE.sub("", text))
