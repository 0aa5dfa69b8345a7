"""The signature block (T/M, TM., KT., TL., TUQ.; position; name) and the 'Nơi nhận' recipients."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kehoach.lines import patterns as P
from kehoach.models import Signature
from kehoach.structure.header import reach
from kehoach.structure.spacing import join_letter_spacing

# "T/M BỘ CHÍNH TRỊ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG", "TUQ. GIÁM ĐỐC"
MARKER_RE = re.compile(P.uni(r"(?<![\p{L}])(?:T/M|TM\.|TM|KT\.|KT|TL\.|TUQ\.|Q\.)\s+(?=\p{Lu})"))
# The markers that open a signing block inside a cell, anywhere in it: "Nơi nhận: T/M BỘ CHÍNH TRỊ" (a cheap
# test: most cells hold none, and are not scanned for the place to cut)
MID_MARKERS_RE = re.compile(r"T/M|TM\.|KT\.|TL\.|TUQ\.")
# A marker inside a cell, two columns run together: "Nơi nhận: T/M BỘ CHÍNH TRỊ"
MID_MARKER_RE = re.compile(P.uni(r"(?<=\S)\s+(?=(?:" + MID_MARKERS_RE.pattern + r")\s+\p{Lu})"))
# A position at the end of a run of capitals: "… PHÓ CHỦ TỊCH", "… BÍ THƯ", "TRƯỞNG BAN PHÓ THỦ TƯỚNG"
# (not "BAN BÍ THƯ")
TRAILING_POSITION_RE = re.compile(
    r"(?:^|\s)(?P<position>(?:PHÓ\s+)?(?:(?<!BAN\s)BÍ\s+THƯ|CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|GIÁM\s+ĐỐC"
    r"|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|CỤC\s+TRƯỞNG|TRƯỞNG\s+PHÒNG))$"
)
# Upper-case words, one run: "BAN THƯỜNG VỤ PHÓ BÍ THƯ", up to a word in lower case, a bracket, or a scan's
# specks below the block ("BỘ CHÍNH TRỊ ¬ ...")
CAPS_RUN_RE = re.compile(P.uni(r"^[\p{Lu}\s,.\-–/]+?(?=\s+\p{Lu}\p{Ll}|\s*\(|\s*$|\s+[^\p{L}\d\s,.\-–/(])"))
SIGNED_NOTE_RE = re.compile(r"\((?:đã\s+ký|ký)[^)]{0,30}\)|\[[^\]]{0,20}\]", re.IGNORECASE)
# The signer's name ending a cell: "Võ Văn Thường", "PHÓ GIÁM ĐỐC Hoàng Văn Thuân"
NAME_TAIL_RE = re.compile(P.uni(r"(?<!\S)(?:\p{Lu}\p{Ll}{1,7}\s+){1,4}\p{Lu}\p{Ll}{1,7}$"))
# "- Bộ Chính trị, Ban Bí thư,", "+ Lưu: VT."
RECIPIENT_BULLET_RE = re.compile(r"^[-–—+•*]\s*")
BLOCK_LINES = 12
# How many lines with text above and below 'Nơi nhận:' the signature block may stand
NEAR_ABOVE, NEAR_BELOW = 15, 45


def _cut_at_markers(cell: str) -> list[str]:
    """A cell cut before each signing marker inside it."""
    return MID_MARKER_RE.split(cell) if MID_MARKERS_RE.search(cell) else [cell]


def _cells(lines: list[str], start: int, stop: int) -> Iterator[tuple[int, str]]:
    """Table cells of the lines in [start, stop), a cell also cut before a signing marker inside it."""
    for i in range(start, min(stop, len(lines))):
        for cell in join_letter_spacing(lines[i]).split("|"):  # "P HÓ CHỦ T Ị CH" -> "PHÓ CHỦ TỊCH"
            for part in _cut_at_markers(cell):
                if part.strip():
                    yield i, part.strip()


def find_recipients_line(lines: list[str], after: int) -> int | None:
    """Index of the first 'Nơi nhận:' line at or after ``after``."""
    for i in range(after, len(lines)):  # (a line without the words is cut into no cells)
        if P.RECIPIENTS_RE.may_match(lines[i]) and any(P.RECIPIENTS_RE.match(c.strip()) for c in lines[i].split("|")):
            return i
    return None


def extract_signature(lines: list[str], after: int, recipients_at: int | None) -> Signature | None:
    """The first signature block after the body starts, near 'Nơi nhận:' when there is one."""
    start = after if recipients_at is None else max(after, reach(lines, recipients_at, -NEAR_ABOVE))
    more = _cells(lines, start, len(lines) if recipients_at is None else reach(lines, recipients_at, NEAR_BELOW) + 1)
    # the cells are read as far ahead of the k-th as a block reaches, not to the window's end: the lines
    # below the block are never cut and respaced
    cells = list(itertools.islice(more, BLOCK_LINES))
    k = 0
    while k < len(cells):
        i, cell = cells[k]
        named = NAME_TAIL_RE.search(cell)  # 'TRƯỞNG BAN PHÓ THỦ TƯỚNG Nguyễn Thiện Nhân' in one cell
        if (MARKER_RE.match(cell) or (named and named.start() and P.POSITION_RE.match(cell[:named.start()].strip()))
                or (P.POSITION_RE.match(cell) and _name_at(cells[k + 1:k + 4]) is not None)):
            return _parse_block([c for _, c in cells[k:k + BLOCK_LINES] if not _is_recipient_cell(c)], i + 1)
        cells.extend(itertools.islice(more, 1))
        k += 1
    return None


def _is_recipient_cell(cell: str) -> bool:
    """A piece of the recipient list laid out beside the signature: 'Nơi nhận:', '- Bộ Chính trị,',
    'trực thuộc Trung ương;' (a bullet, a line going on in lower case, or one ending as a list item does)."""
    return bool(P.RECIPIENTS_RE.match(cell) or RECIPIENT_BULLET_RE.match(cell)) or cell[0].islower() or cell[-1] in ",;"


def _name_at(cells: list[tuple[int, str]]) -> int | None:
    return next((k for k, (_, c) in enumerate(cells) if NAME_TAIL_RE.search(SIGNED_NOTE_RE.sub("", c).strip())), None)


def _parse_block(cells: list[str], line: int) -> Signature:
    """['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Đã ký)', 'Trương Việt Dũng'] -> its three parts."""
    caps_cells, name = [], None
    for cell in cells:
        cell = " ".join(SIGNED_NOTE_RE.sub(" ", cell).split())
        if m := NAME_TAIL_RE.search(cell):
            name = m.group(0)
            caps_cells.append(cell[:m.start()])
            break
        caps_cells.append(cell)
    block = " ".join(caps_cells).strip()
    parts = [p.strip() for p in MARKER_RE.split(block)]
    caps = [m.group(0).strip(" ,.") for p in parts if p and (m := CAPS_RUN_RE.match(p))]
    on_behalf, position = None, None
    if caps:
        if pm := TRAILING_POSITION_RE.search(caps[-1]):
            position = pm.group("position")
            caps[-1] = caps[-1][:pm.start()].strip()
        if MARKER_RE.match(block):
            on_behalf = next((c for c in caps if c), None)
    return Signature(on_behalf_of=on_behalf, position=position, name=name, line=line)


def extract_recipients(lines: list[str], at: int) -> list[str]:
    """The bodies listed under 'Nơi nhận:', bullets and trailing punctuation stripped.

    The list ends at the signature beside or below it, an annex, an attached plan's type word, or
    a line that is no bullet after an item that had ended ("- Lưu: VT, KT." then a scan's specks);
    a line that is no bullet goes on with the item before when that item had not ended (no ';' or '.').
    """
    first = next(c.strip() for c in join_letter_spacing(lines[at]).split("|") if P.RECIPIENTS_RE.match(c.strip()))
    rest = _cut_at_markers(P.RECIPIENTS_RE.match(first).group("rest"))[0].strip()
    pieces = [] if not rest or MARKER_RE.match(rest) else [rest]
    for text in lines[at + 1:at + 60]:
        cell = _cut_at_markers(join_letter_spacing(text).split("|")[0].strip())[0].strip()
        if not cell:
            continue
        if MARKER_RE.match(cell) or any(rule.match(cell) for rule in RECIPIENTS_END):
            break
        if RECIPIENT_BULLET_RE.match(cell) or not pieces:
            pieces.append(cell)
        elif cell[0].islower() or not pieces[-1].endswith((";", ".")):
            pieces[-1] = f"{pieces[-1]} {cell}"
        else:
            break
    items: list[str] = []
    for piece in pieces:
        for part in re.split(r"(?:^|(?<=[;,.])\s*)[-–—+•]\s+", piece):
            part = part.strip().rstrip(",;.").strip()
            if part:
                items.append(part)
    return items


# What follows the recipient list: the signer's title or name, an annex, an attached plan
RECIPIENTS_END = (P.POSITION_RE, P.PERSON_NAME_RE, P.ANNEX_RE, P.DOC_TYPE_RE)
