"""A unit's canonical name beside the printed one: the usual abbreviations written out.

    >>> canonical_unit("Sở KH&ĐT")
    'Sở Kế hoạch và Đầu tư'
    >>> canonical_unit("UBND các huyện, thành phố")
    'Ủy ban nhân dân các huyện, thành phố'
    >>> canonical_unit("Uỷ ban MTTQVN tỉnh")
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'

Plans abbreviate the same bodies in many ways ("Sở KH&ĐT", "Sở KHĐT", "Sở Kế hoạch và Đầu
tư"); a filter or a comparison across documents needs one spelling. Only whole tokens are
expanded, never letters inside a word, and the old tone placement "Uỷ"/"Hoà" becomes the new one.
"""
from __future__ import annotations

import re

from kehoach.lines.alternation import phrase_trie
from kehoach.lines.memo import per_parse
from kehoach.reading.normalize import modern_tones

__all__ = ["ABBREVIATIONS", "canonical_unit"]

#: Abbreviation -> the words it stands for, as official names write them. Spellings with "&", "-"
#: or without them are all listed: "Sở TN&MT", "Sở TNMT" and "Sở TN-MT" are one body.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "KH&ĐT": "Kế hoạch và Đầu tư", "KHĐT": "Kế hoạch và Đầu tư",
    "TN&MT": "Tài nguyên và Môi trường", "TNMT": "Tài nguyên và Môi trường", "TN-MT": "Tài nguyên và Môi trường",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "LĐTB&XH": "Lao động - Thương binh và Xã hội", "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "GD&ĐT": "Giáo dục và Đào tạo", "GDĐT": "Giáo dục và Đào tạo",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn", "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "TT&TT": "Thông tin và Truyền thông", "TTTT": "Thông tin và Truyền thông",
    "KH&CN": "Khoa học và Công nghệ", "KHCN": "Khoa học và Công nghệ",
    "GTVT": "Giao thông vận tải",
    "TNCS": "Thanh niên Cộng sản",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
}
# One prefix-factored alternation, longest first, of whole tokens: "UBND" in "UBND tỉnh", never inside "UBNDX".
_ABBREVIATION_RE = re.compile(
    r"(?<![\w&-])(?:" + phrase_trie(ABBREVIATIONS) + r")(?![\w&-])"
)


@per_parse  # a plan names the same few bodies task after task
def canonical_unit(name: str) -> str:
    """The name with its abbreviations written out and modern tone placement, spaces single."""
    expanded = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], name)
    lowered = expanded.lower()
    if modern_tones(lowered) == lowered:  # most names: no old tone placement, no word to look at alone
        return " ".join(expanded.split())
    return " ".join(_modern_word(word) for word in expanded.split())


def _modern_word(word: str) -> str:
    """modern_tones of one word, keeping its capitals: "Uỷ" -> "Ủy", "HOÀ" -> "HÒA"."""
    moved = modern_tones(word.lower())
    if moved == word.lower():
        return word
    return "".join(c.upper() if o.isupper() else c for c, o in zip(moved, word))
