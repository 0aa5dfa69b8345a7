"""Word automatic numbering: the label Word shows before a paragraph ("I.", "1.", "a)", "1.1.", "-").

python-docx leaves these labels out of the text, yet they carry a plan's section and task structure.
``Numbering`` reads numbering.xml (and the paragraph styles that carry ``w:numPr``) and renders labels
in document order, as Word does:

* A ``w:num`` (numId) points at a ``w:abstractNum`` whose ``w:lvl`` (ilvl 0-8) give ``w:start``,
  ``w:numFmt`` (decimal, upperRoman, lowerLetter, bullet, ...), ``w:lvlText`` ("%1.", "%1)", "%1.%2.",
  "Điều %1.") and ``w:lvlRestart``. ``w:numStyleLink`` abstractNums borrow the levels of a list style.
* Counting is per abstractNum, so two numIds on one list continue each other, as in Word. A
  ``w:lvlOverride/w:startOverride`` ("restart numbering") restarts its level the first time its numId
  is used; a ``w:lvlOverride/w:lvl`` replaces the level's definition for that numId.
* Using level k restarts every deeper level (unless its ``w:lvlRestart`` says otherwise); a level that
  has not been used yet shows its start value in "%1.%2." patterns. ``w:isLgl`` shows decimals.
"""
from __future__ import annotations

from dataclasses import dataclass

from kehoach.reading.legacy import convert_text, font_encoding

__all__ = ["Numbering", "format_number", "w"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w("p") -> "{http://...main}p"."""
    return f"{{{W_NS}}}{tag}"


def wval(el, tag: str, attr: str = "val") -> str | None:
    """The w:val of child ``tag`` of ``el``: wval(lvl, "numFmt") -> "decimal"."""
    if el is None:
        return None
    child = el.find(w(tag))
    return None if child is None else child.get(w(attr))


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Bullets in symbol fonts are private-use code points: Symbol U+F0B7 is "•", Wingdings U+F0A7 "▪".
_SYMBOL_BULLETS = {0xB7: "•", 0xA7: "▪", 0xA8: "◦", 0xD8: "➢", 0xFC: "✓", 0x76: "❖", 0x6E: "■", 0x71: "❑",
                   0x2D: "-", 0x2B: "+", 0x3E: ">", 0x6C: "●", 0x9F: "•", 0x77: "◆", 0xE0: "➢", 0xF0: "➢"}


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter in a numFmt: format_number(4, "upperRoman") -> "IV"; (27, "lowerLetter") -> "aa"."""
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if 0 < n < 4000 else str(n)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        if n <= 0:
            return str(n)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word repeats: y, z, aa, bb
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and formats we do not spell out (ordinal, chineseCounting, ...)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: 0 never restarts; None restarts after any higher level
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _level(el) -> Level:
    text = wval(el, "lvlText")
    fmt = wval(el, "numFmt") or "decimal"
    fonts = el.find(f"{w('rPr')}/{w('rFonts')}")
    font = None if fonts is None else fonts.get(w("hAnsi")) or fonts.get(w("ascii"))
    if text:
        legacy = font_encoding(font)
        if legacy:
            text = convert_text(text, legacy[0], upper=legacy[1])
        if fmt == "bullet":
            text = "".join(_SYMBOL_BULLETS.get(ord(c) - 0xF000, "•") if 0xF000 <= ord(c) <= 0xF0FF else c
                           for c in text)
            if text == "o":
                text = "◦"  # Courier New "o", the second-level bullet
    return Level(
        start=_int(wval(el, "start"), 1) or 0,
        fmt=fmt,
        text=text if text is not None else "",
        restart=_int(wval(el, "lvlRestart")),
        legal=el.find(w("isLgl")) is not None and wval(el, "isLgl") not in ("0", "false"),
        suffix=wval(el, "suff") or "tab",
        style=wval(el, "pStyle"),
    )


class Numbering:
    """Labels for numbered paragraphs, in document order: ``label(num_id, ilvl)`` -> "1." or None."""

    def __init__(self, numbering_root, styles: dict[str, "StyleInfo"] | None = None) -> None:
        self.styles = styles or {}
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> list style it borrows levels from
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        self.pending: dict[tuple[str, int], int] = {}
        if numbering_root is None:
            return
        for el in numbering_root.iter(w("abstractNum")):
            aid = el.get(w("abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = {_int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in el.findall(w("lvl"))}
            link = wval(el, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for el in numbering_root.iter(w("num")):
            nid, aid = el.get(w("numId")), wval(el, "abstractNumId")
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in el.findall(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0) or 0
                start = _int(wval(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                    if start is None and lvl.find(w("start")) is not None:
                        starts[ilvl] = levels[ilvl].start
            self.nums[nid] = (aid, starts, levels)

    def _abstract_id(self, num_id: str, depth: int = 0) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        link = self.style_link.get(aid)
        if link and depth < 5:  # numStyleLink: the list style's own numId holds the levels
            style = self.styles.get(link)
            if style and style.num_id and style.num_id != num_id:
                return self._abstract_id(style.num_id, depth + 1) or aid
        return aid

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        levels = dict(self.abstract.get(aid, {}))
        levels.update(self.nums[num_id][2])
        return aid, levels

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level whose w:pStyle is ``style_id`` (a heading style's own level), else 0."""
        found = self._levels(num_id)
        if found:
            for ilvl, level in found[1].items():
                if level.style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, str] | None:
        """Advance the counters and give (label, separator): ("II.", " "); None when not numbered."""
        if not num_id or num_id == "0":
            return None
        found = self._levels(num_id)
        if found is None:
            return None
        aid, levels = found
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used:  # "restart numbering": the override counts from its start again
            self.used.add(num_id)
            for lvl, start in self.nums[num_id][1].items():
                self.pending[(aid, lvl)] = start
        if (aid, ilvl) in self.pending:
            counters[ilvl] = self.pending.pop((aid, ilvl))
        else:
            counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                other = levels.get(k, Level())
                value = counters.get(k, self.pending.get((aid, k), other.start))
                text = text.replace(token, format_number(value, "decimal" if level.legal else other.fmt))
        if not text.strip():
            return None  # numFmt "none" or an empty lvlText: counted, but nothing shown
        separator = "" if level.suffix == "nothing" else " "
        return text, separator


@dataclass
class StyleInfo:
    """What the readers need from one w:style: its parent, list numbering and run font."""

    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    font: str | None = None  # w:rFonts hAnsi/ascii; "" when a theme font is set
