"""Build the section/item tree from classified paragraphs with a small stack of label styles."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kehoach.lines.paragraphs import Line
from kehoach.lines.patterns import DANGLING_END_CHARS, DANGLING_END_RE, ITEM_RE, RECIPIENTS_RE
from kehoach.lines.titles import read_title
from kehoach.models import Item, Section

ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass
class Node:
    """A paragraph placed in the tree; ``label`` is '' for a plain paragraph."""

    line: Line
    label: str
    style: str
    text: str
    children: list[Node] = field(default_factory=list)

    def to_item(self, line_no: Callable[[int], int]) -> Item:
        """The record's item; ``line_no`` numbers a line as the source file does."""
        return Item(label=self.label, text=self.text, line=line_no(self.line.no),
                    items=[c.to_item(line_no) for c in self.children])


@dataclass
class SectionNode:
    """A top-level part of the body with its content nodes."""

    number: str | None  # None for an unnumbered part ("PHẦN MỞ ĐẦU")
    title: str
    line: Line
    children: list[Node] = field(default_factory=list)

    def to_model(self, line_no: Callable[[int], int]) -> Section:
        """The record's section; ``line_no`` numbers a line as the source file does."""
        return Section(number=self.number, title=self.title, line=line_no(self.line.no),
                       items=[c.to_item(line_no) for c in self.children])


def roman_value(numeral: str) -> int:
    """'IV' -> 4, 'XII' -> 12."""
    total = 0
    for i, ch in enumerate(numeral):
        value = ROMAN[ch]
        total += -value if i + 1 < len(numeral) and ROMAN[numeral[i + 1]] > value else value
    return total


def to_roman(value: int) -> str:
    """4 -> 'IV', 12 -> 'XII' (the parts of a plan are few)."""
    out = ""
    for numeral, amount in (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1)):
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def section_number(line: Line) -> str | None:
    """The number a section prints: 'PHẦN THỨ HAI' -> 'II' (an ordinal part in Roman), 'PHẦN MỞ ĐẦU' -> None,
    'II.' -> 'II'."""
    number, words = line.groups["number"], line.text.upper().split()
    if words[1:2] == ["MỞ"]:
        return None
    return to_roman(int(number)) if number.isdigit() and words[1:2] == ["THỨ"] else number


def _scheme(line: Line) -> str:
    """The heading family of a section line: 'part' (PHẦN I, PHẦN THỨ HAI), 'letter' (A.) or 'roman' (I.)."""
    number = line.groups["number"]
    if line.text.upper().startswith("PHẦN") or number.upper().startswith("THỨ") or number.isdigit():
        return "part"
    if len(number) == 1 and number not in "IVX":
        return "letter"
    return "roman"


def top_scheme(lines: list[Line]) -> str:
    """Which heading family is the top level: 'part' (PHẦN I), 'letter' (A.) or 'roman' (I.)."""
    counts = {"part": 0, "letter": 0, "roman": 0}
    first_letter = ""
    for line in lines:
        if line.kind == "section":
            scheme = _scheme(line)
            counts[scheme] += 1
            if scheme == "letter" and not first_letter:
                first_letter = line.groups["number"]
    if counts["part"] >= 2:
        return "part"
    if counts["letter"] >= 2 and first_letter == "A":
        return "letter"
    return "roman"


def _order(number: str, scheme: str) -> int:
    if scheme == "letter":
        return ord(number) - ord("A") + 1
    if number.isdigit():
        return int(number)
    return roman_value(number) if set(number) <= set(ROMAN) else 0


def build_sections(lines: list[Line], body: list[int], *, allow_sections: bool = True) -> tuple[list[SectionNode], list[Node]]:
    """Sections of the body (paragraph indexes in ``body``) and the nodes outside any section.

    Sections follow each other in order (a heading may repeat its number, as misprints do);
    a heading out of order, or of a lower family, is an ordinary item. The recipients and
    signature close the body until the next type word (a plan attached to its Quyết định
    starts again there); an annex (Phụ lục) is not a section.
    """
    scheme = top_scheme([lines[i] for i in body])
    sections: list[SectionNode] = []
    loose: list[Node] = []
    stack: list[Node] = []
    last, closed = 0, ""  # what closed the body: "annex", "recipients" or "" while it is open
    current: SectionNode | None = None
    # the heading printed no title, or one cut short ("... TỪ NAY ĐẾN NĂM" + "2020"): it goes on in the lines below
    titling = False
    for i in body:
        line = lines[i]
        if line.kind in ("annex", "recipients") or _closing_row(line):
            closed, stack = "annex" if line.kind == "annex" else closed or "recipients", []
            continue
        if line.kind == "doc_type" and (closed != "annex" or _opens_document(line)):
            closed, stack, last, current = "", [], 0, None
            continue
        if closed:
            continue
        if titling and line.kind == "text" and not any(c.islower() for c in line.text):
            untitled = not current.title  # "Phần thứ nhất" + "THỰC TRẠNG ..." + "VÀ BẢO VỆ ..." below it
            current.title = read_title(f"{current.title} {line.text}".strip())[0]
            titling = untitled or _cut_short(current.title)
            continue
        titling = False
        if allow_sections and line.kind == "section" and _is_top(line, scheme, last):
            last = _order(line.groups["number"], scheme)
            title = read_title(line.groups["title"])[0]  # "TỎ CHỨC THỰC HIỆN" (a scan) -> "TỔ CHỨC THỰC HIỆN"
            current = SectionNode(number=section_number(line), title=title, line=line)
            sections.append(current)
            stack, titling = [], not title or _cut_short(title)
            continue
        _place(_node(line), stack, current.children if current else loose)
    for section in sections:
        _lift_closing_paragraphs(section.children)
        _nest_item_fields(section.children)
    _nest_item_fields(loose)
    return sections, loose


def _cut_short(title: str) -> bool:
    """A heading that stops where no title can end: "... TỪ NAY ĐẾN NĂM", "... CỦA", "... KINH TẾ -"."""
    low = title.lower()
    return bool(DANGLING_END_RE.search(low, max(0, len(low) - DANGLING_END_CHARS))) or low.endswith(" năm")


def _opens_document(line: Line) -> bool:
    """In an annex, a type word alone on its line ("KẾ HOẠCH") opens an attached plan; one with more
    capitals after it ("HƯỚNG DẪN CHẤM ĐIỂM") heads a column of the annex's table."""
    return line.text.split() == line.groups["doc_type"].split()


def _closing_row(line: Line) -> bool:
    """A row of two columns whose first is 'Nơi nhận:': the recipients beside the signature
    ("Nơi nhận: | T/M BAN THƯỜNG VỤ") close the body as the recipients line alone does."""
    if line.kind != "row":  # asked of every line of the body: the kind first, no cells cut
        return False
    first = next((cell.strip(" *") for cell in line.text.split("|") if cell.strip(" *")), "")
    return bool(RECIPIENTS_RE.match(first))


def _lift_closing_paragraphs(top: list[Node]) -> None:
    """Plain paragraphs at the end of a section that follow a list belong to the section, not to its
    last item: "8. Đề nghị: Ủy ban MTTQ huyện" + "- Vận động ..." + "Định kỳ hằng tháng, các thành
    viên ... báo cáo ..." (the closing sentence speaks for the whole section).

    A numbered block whose only content is paragraphs ("3. Sở Y tế" + its duties) keeps them, and so
    does an item that leads into them with a colon.
    """
    if not top:
        return
    parent = top[-1]
    while parent.children and parent.children[-1].children:
        parent = parent.children[-1]
    run = 0  # the trailing plain paragraphs under ``parent``
    while run < len(parent.children) and _is_plain(parent.children[-1 - run]):
        run += 1
    listed = parent.style in BULLET_STYLES or any(c.label for c in parent.children[:len(parent.children) - run])
    if run and listed and parent.label and not parent.text.endswith(":"):
        top.extend(parent.children[-run:])
        del parent.children[-run:]


def _nest_item_fields(nodes: list[Node]) -> None:
    """Fields written with the same mark as the items they follow belong to those items, when every item
    of that mark has its own: '* Nghị định A' '* Cơ quan chủ trì: ...' '* Thời hạn: ...' '* Nghị định B'
    '* Cơ quan chủ trì: ...' (a copy that turned '+' sub-bullets into the items' mark).

    A lone item followed by fields ('- Bảo đảm ...' '- Thời gian thực hiện: ...') leaves them to the
    item above it, whose content the bullet gives. A plain line inside a run goes on its field's value.
    """
    if not nodes:
        return
    marks = {node.style for node in nodes}
    for style in BULLET_STYLES:
        if style not in marks:
            continue  # no item has this mark (most lists have one mark at most): none to nest under
        owners: list[tuple[Node, list[Node]]] = []  # each item of the mark and the run of lines right after it
        open_run = False
        for node in nodes:
            if node.style == style and node.line.kind != "field":
                owners.append((node, []))
                open_run = True
            elif open_run and (_label_style(node.line.text) == style if node.line.kind == "field" else
                               owners[-1][1] and not node.label):
                owners[-1][1].append(node)
            else:
                open_run = False
        if len(owners) >= 2 and all(run and run[0].line.kind == "field" for _, run in owners):
            moved = {id(n) for _, run in owners for n in run}
            for item, run in owners:
                item.children.extend(run)
            nodes[:] = [n for n in nodes if id(n) not in moved]
    for node in nodes:
        _nest_item_fields(node.children)


def _is_plain(node: Node) -> bool:
    """An unlabelled paragraph with nothing under it (not a field line)."""
    return not node.label and not node.children and node.line.kind != "field"


def _is_top(line: Line, scheme: str, last: int) -> bool:
    if _scheme(line) != scheme:
        return False
    order = _order(line.groups["number"], scheme)
    return last == 0 or order in (last, last + 1)


def _node(line: Line) -> Node:
    if line.kind == "item":
        return Node(line=line, label=line.label, style=line.style, text=line.body)
    if line.kind == "section":  # a lower-level heading ("I." under "A.") is an item
        return Node(line=line, label=line.groups["number"] + ".", style=_scheme(line), text=line.groups["title"])
    if line.kind == "article":  # "Điều 2. Giao Sở Công Thương chủ trì ..."
        return Node(line=line, label=line.groups["label"], style="article", text=line.groups["text"])
    return Node(line=line, label="", style="", text=line.text)


def _place(node: Node, stack: list[Node], top: list[Node]) -> None:
    """Put ``node`` in the tree: a style already open closes back to its level; a new style nests."""
    if node.line.kind == "field":
        style = _label_style(node.line.text)
        if not style or style in BULLET_STYLES:
            _place_field(node, stack, top)
            return
        node.style = style  # 'b) Cơ quan thực hiện:' is a sibling of 'a) Nhiệm vụ:'
    elif not node.style:
        while stack and stack[-1].style == "intro":
            stack.pop()
        (stack[-1].children if stack else top).append(node)
        if node.text.endswith(":"):  # '... thực hiện các hoạt động sau:' holds the bullets that follow
            node.style = "intro"
            stack.append(node)
        return
    for depth, open_node in enumerate(stack):
        if open_node.style == node.style:
            del stack[depth:]
            break
    (stack[-1].children if stack else top).append(node)
    stack.append(node)


def _place_field(node: Node, stack: list[Node], top: list[Node]) -> None:
    """A field line belongs to the item it describes.

    After a list of bullets, a field with another bullet ('* Thời gian thực hiện:' after '- ...'
    items) describes the item that holds the list, not its last bullet; a '+' is a sub-bullet. A field with no value
    ('Thời gian thực hiện:' then '+ Đợt 1: ...') opens a level for the lines that give it.
    """
    bullet = _label_style(node.line.text)
    while stack and stack[-1].style.startswith("field:"):
        stack.pop()
    if len(stack) >= 2 and bullet and bullet == stack[-1].style:  # '- Thành phần: ...' '- Đơn vị chủ trì: ...'
        stack.pop()
    elif len(stack) >= 2 and stack[-1].style in BULLET_STYLES and bullet not in ("", "plus") and bullet != stack[-1].style:
        siblings = [c for c in stack[-2].children if c.style == stack[-1].style]
        if len(siblings) >= 2:
            stack.pop()
            while len(stack) >= 2 and stack[-1].style == "intro":  # the whole item, not its opening sentence
                stack.pop()
    (stack[-1].children if stack else top).append(node)
    if node.line.text.rstrip().endswith(":"):
        node.style = f"field:{bullet}"
        stack.append(node)


BULLET_STYLES = ("dash", "plus", "star", "bullet")


def _label_style(text: str) -> str:
    """The style of a line's item label: '- Thời gian: ...' -> 'dash'; 'b) Cơ quan ...' -> 'alpha'; else ''."""
    m = ITEM_RE.match(text)
    return m.lastgroup or "" if m else ""
