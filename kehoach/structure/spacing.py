"""Letter-spaced text put back together: "ỦY B AN NHÂN D Â N" -> "ỦY BAN NHÂN DÂN".

A PDF that sets its header or signature with wide letter spacing gives text in which a syllable
falls apart into pieces ("T HÀNH P HỐ", "Ngu y ễn"). Vietnamese writes one syllable a word, so a
piece that is no syllable of its own ("B", "CH", "nh") joins the piece next to it when together
they make a syllable; so does a piece that starts with a vowel after one that ends with a vowel
("Ngu" + "y" + "ễn"). Only a line with several such pieces is read this way: ordinary text, and
its abbreviations ("UBND", "VT"), stay as they are.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kehoach.lines.memo import per_parse

ONSETS = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Vowel groups that may take a final consonant ("iê" + "n"), and those that end the syllable ("ai", "ươi")
CLOSABLE = "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|iê|yê|oa|oă|oe|uâ|uê|uy|uô|ươ|uyê|ua|ưa|ia"
OPEN = ("ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|uơ")
SYLLABLE_RE = re.compile(rf"^(?:{ONSETS})?(?:(?:{CLOSABLE})(?:ch|c|m|ng|nh|n|p|t)?|(?:{OPEN}))$")
ONSET_RE = re.compile(rf"^(?:{ONSETS})$")
VOWELS = frozenset("aăâeêioôơuưy")
# The five tone marks (a syllable bears one at most); circumflex, breve and horn are letters' own
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Final consonants that stop the sound, and the only tones they allow (acute, dot below)
STOP_FINALS = ("c", "ch", "p", "t")
STOP_TONES = frozenset("\u0301\u0323")
# A line is read as letter-spaced when this many of its pieces are no syllable
SPACED_PIECES = 2


# Both tests below are pure functions of a short piece, asked again for every line's words: remembered
@lru_cache(maxsize=8192)
def _plain(piece: str) -> tuple[str, int]:
    """The piece in lower case without tone marks, and how many tone marks it had: 'Tướ' -> ('tươ', 1)."""
    letters = unicodedata.normalize("NFD", piece.lower())
    tones = sum(ch in TONE_MARKS for ch in letters)
    return unicodedata.normalize("NFC", "".join(ch for ch in letters if ch not in TONE_MARKS)), tones


@lru_cache(maxsize=8192)
def _is_word(piece: str) -> bool:
    """One syllable: an onset, a vowel group, a final consonant, one tone at most; after a final c, ch,
    p or t only the acute or the dot below ('tốt', 'học'; never 'nữt', 'hồc')."""
    plain, tones = _plain(piece)
    if tones > 1 or not SYLLABLE_RE.match(plain):
        return False
    marks = set(unicodedata.normalize("NFD", piece.lower())) & TONE_MARKS
    return not (plain.endswith(STOP_FINALS) and marks - STOP_TONES)


def _core(piece: str) -> str:
    """A piece without the punctuation after it: 'inh,' -> 'inh'."""
    return piece.rstrip(",;:.")


def _starts_next(pieces: list[str]) -> bool:
    """Whether consonant pieces at the head of ``pieces`` begin the syllable of the vowel piece after them:
    'C', 'H', 'Í' (the onset of 'CHÍ'), not 'n', 'g', ';' (the end of 'dựng')."""
    onset = ""
    for piece in map(_core, pieces):
        plain = _plain(piece)[0]
        if not piece.isalpha() or not plain:
            return False
        if plain[0] in VOWELS:
            return bool(onset) and (_is_word(onset + piece) or _is_prefix(onset + piece))
        onset += piece
        if not ONSET_RE.match(_plain(onset)[0]):
            return False
    return False


def _is_prefix(piece: str) -> bool:
    """An onset and the start of a vowel group: 'tươ' (of 'tương'), 'Ngu' (of 'Nguyễn')."""
    plain = _plain(piece)[0]
    return any(SYLLABLE_RE.match(plain + end) for end in ("n", "ng", "i"))


def _joins(left: str, right: str, after: list[str]) -> bool:
    """Whether two pieces are one syllable cut apart: 'B' + 'AN', 'C' + 'H', 'Ngu' + 'y'; a consonant
    that begins the syllable of the pieces ``after`` it stays with them ('HỒ' | 'C' 'H' 'Í')."""
    right = _core(right)  # "M" + "inh," : the comma stays after the joined syllable
    if not (left.isalpha() and right.isalpha()):
        return False
    if _plain(right)[0][0] not in VOWELS and _is_word(left) and _starts_next([right, *after]):
        return False
    # two syllables join only vowel to vowel ('Ngu' + 'y'): asked before the joined piece, which is
    # new text each time (the remembered tests above are not)
    if _is_word(left) and _is_word(right) and not (_plain(left)[0][-1] in VOWELS and _plain(right)[0][0] in VOWELS):
        return False
    return bool(_is_word(left + right) or ONSET_RE.match(_plain(left + right)[0]))


def _spaced(pieces: list[str]) -> bool:
    """Whether SPACED_PIECES of the pieces are no syllable: 'ỦY', 'B', 'AN', 'D', 'Â', 'N' -> True ('B', 'D').

    Asked of every line near a signature: a plain loop that stops at the second such piece.
    """
    left = SPACED_PIECES
    for piece in pieces:
        core = piece.rstrip(",;:.")  # _core, inline: this loop sees every word of those lines
        if core.isalpha() and not _is_word(core):
            left -= 1
            if not left:
                return True
    return False


@per_parse  # the recipients' lines are read by the signature's search first, then as the list
def join_letter_spacing(text: str) -> str:
    """A letter-spaced line put back together; a line without letter spacing is returned unchanged.

    >>> join_letter_spacing("ỦY B AN NHÂN D Â N T ỈNH Đ ÔNG S ƠN")
    'ỦY BAN NHÂN DÂN TỈNH ĐÔNG SƠN'
    >>> join_letter_spacing("KT. CHỦ T ỊCH P HÓ CHỦ TỊ CH Tr ần V ăn Kh ải")
    'KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Khải'
    >>> join_letter_spacing("- B ộ X â y d ự n g; - Hội L iên h i ệ p P hụ nữ T P;")
    '- Bộ Xây dựng; - Hội Liên hiệp Phụ nữ T P;'
    >>> join_letter_spacing("Sở TT và TT, UBND tỉnh, Lưu: VT")
    'Sở TT và TT, UBND tỉnh, Lưu: VT'
    """
    pieces = text.split(" ")
    if not _spaced(pieces):
        return text
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if out and _joins(out[-1], piece, pieces[k + 1:k + 4]):
            out[-1] += piece
        else:
            out.append(piece)
    return " ".join(out)
