"""Find the tasks of a document in its tree, one function per task shape (OUTPUT.md 'What is a task').

1. a numbered item with labelled field lines (``_field_task``);
2. a responsibility block: a heading naming a body, its bullets or paragraph the work (``_block_tasks``);
3. an assigning sentence: 'X chủ trì, phối hợp Y ...', 'X có trách nhiệm ...' (``_sentence_task``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import re

from kehoach.lines import patterns as P
from kehoach.deadlines.parse import parse_deadline, search_deadline
from kehoach.lines.fields import match_field
from kehoach.models import Deadline, Task, TaskForm
from kehoach.structure.tables import Table
from kehoach.structure.tree import BULLET_STYLES, Node, SectionNode
from kehoach.tasks.canonical import canonical_unit
from kehoach.tasks.node_fields import (field_title, first_assignment, gather_fields, leads_group, lists_content,
                                      serves_bullets, serving, shared_fields)
from kehoach.tasks.sentences import Fields, assigned_subject, assignments, closing_duties, sentence_fields
from kehoach.tasks.unit_lists import is_body, is_delegated, leading_body, names_body, split_units, strip_assign_prefix

Prose = Literal["all", "blocks", "none"]
# A responsibility-block heading is a name, not a sentence.
BLOCK_HEADING_MAX_WORDS = 30


@dataclass
class TaskFinder:
    """Walks the tree once; ``warn`` records what looked wrong."""

    document_date: dt.date | None
    warn: Callable[[str, str, int | None], None]
    tasks: list[Task] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    repeats: dict[str, int] = field(default_factory=dict)  # the last suffix given to each repeated id
    deadlines: dict[str, Deadline | None] = field(default_factory=dict)  # each field value parsed once

    assigning: bool = False  # the section being walked says it assigns work ("TỔ CHỨC THỰC HIỆN")
    def run(self, sections: list[SectionNode], loose: list[Node], tables: list[Table]) -> list[Task]:
        self._walk(loose, [], None, "all")
        for sec in sections:
            self.assigning = bool(P.ASSIGNING_SECTION_RE.match(sec.title))
            owner = P.SECTION_OWNER_RE.match(sec.title)
            path = [sec.number] if sec.number else []  # an unnumbered part ('Phần mở đầu') adds nothing to ids
            if owner and is_body(owner.group("owner")):  # the section is one body's responsibility block
                head = Node(line=sec.line, label="", style="", text=sec.title, children=sec.children)
                self._block_tasks(head, path, sec.number, split_units(owner.group("owner")), None)
                continue
            self._walk(sec.children, path, sec.number, "blocks" if P.PURPOSE_SECTION_RE.match(sec.title) else "all")
        self.assigning = False
        for table in tables:
            self._table_tasks(table)
        return sorted(self.tasks, key=lambda t: t.line)

    def _table_tasks(self, table: Table) -> None:
        """One task per row that names work and a body or a time; heading rows ('II | ...') set the path."""
        prefix = f"PL{table.annex or ''}"
        path: list[str] = []
        index = 0  # the rows' own number when their STT cell is empty, counted within the heading
        for row in table.rows:
            number = table.cell(row, "stt").rstrip(".")
            title = table.cell(row, "task")
            fields = Fields(
                lead=_cell_units(table.cell(row, "lead")), coordinating=_cell_units(table.cell(row, "coordinating")),
                deadline=table.cell(row, "deadline") or None, deliverable=table.cell(row, "deliverable") or None,
            )
            if not title:
                continue
            if not fields.any_assignment():
                if number:
                    path, index = _table_path(path, number), 0
                continue
            index += 1
            self._add_task([prefix, *path, number or str(index)], None, fields, title, row.line, "table")

    def _walk(self, nodes: list[Node], path: list[str], section: str | None, prose: Prose,
              deadline: str | None = None, group: Fields | None = None) -> None:
        """Find tasks among ``nodes``; ``deadline`` is a time field an ancestor gives all its tasks.

        ``prose`` says which unlabelled shapes count here: "all" (blocks and assigning sentences),
        "blocks" (a section of purposes: only responsibility blocks) or "none" (inside a task).
        ``group`` is the field block of the heading above, which serves each of its bullets.
        """
        keyed = list(_keyed(nodes))
        deadline = self._closing_deadline([n for _, n in keyed]) or deadline
        shared = shared_fields(keyed)
        if group is not None:
            shared = {id(n): group for _, n in keyed if n.style in BULLET_STYLES} | shared
        carried: list[str] = []  # the bodies of 'Giao X thực hiện các công việc sau:' for the items after it
        closing = False  # the closing formula ('Trên đây là Kế hoạch ...') was passed
        for key, node in keyed:
            here = [*path, key]
            if closing or P.CLOSING_FORMULA_RE.match(node.text):
                closing = True
                self._add_sentences(node, here, section, closing_duties(node.text), deadline)
                continue
            if (label := match_field(node.text)) and label[0] == "task" and prose == "all":
                self._add_sentences(node, here, section, assignments(label[1]), deadline)  # '1. Nội dung: UBND xã ...'
            if label or P.NEVER_TASK_RE.match(node.text):
                continue
            if carried and node.style and not _has_items(node) and P.ASSIGN_VERB_RE.match(node.text) \
                    and not assigned_subject(node.text):
                self._add(node, here, section, Fields(lead=carried), node.text, "block", default_deadline=deadline)
                continue  # its list was numbered like its opening line (Word's numbering lost in conversion)
            carried = []
            fields = gather_fields(node)
            if (given := shared.get(id(node))) is not None:  # a block that serves a run of bullets
                fields = serving(fields if fields.any_assignment() else given, node.text)
            inner = fields.deadline or deadline
            if node.style == "intro" and not assigned_subject(node.text):  # '... cụ thể như sau:' only leads in
                self._walk(node.children, here, section, prose, inner)
            elif (fields.lead or fields.coordinating) and serves_bullets(node):
                self._walk(node.children, here, section, prose, inner, group=fields)
            elif fields.lead or fields.coordinating:
                self._add(node, here, section, fields, field_title(node, fields), "fields", default_deadline=deadline)
                self._walk(node.children, here, section, "none", inner)
            elif fields.deadline and not leads_group(node):  # the item's own time, written after its content
                first = first_assignment(node)  # '1. Giám sát ...' + '- Ban Thường trực ... giám sát ...'
                fields.lead, fields.coordinating = first.lead, first.coordinating
                self._add(node, here, section, fields, field_title(node, fields), "fields")
                self._walk(node.children, here, section, "none", inner)
            elif fields.deadline:  # a time for the whole group, or for this one item
                before = len(self.tasks)
                self._walk(node.children, here, section, prose, inner)
                if len(self.tasks) == before:
                    self._add(node, here, section, fields, field_title(node, fields), "fields")
            elif prose != "none" and node.children and _is_block_heading(node.text):
                self._block_tasks(node, here, section, split_units(_strip_assign(node.text)), deadline)
            elif (prose != "none" and node.children and node.text.endswith(":") and not lists_content(node)
                  and (subject := assigned_subject(node.text))):
                self._block_tasks(node, here, section, split_units(subject), deadline)  # '... thực hiện các hoạt động sau:'
            elif prose == "all" and (found := assignments(node.text)):
                self._add_sentences(node, here, section, found, deadline)
                if not node.children and node.text.endswith(":"):
                    carried = split_units(found[-1][0])
                self._walk(node.children, here, section, prose, deadline)
            elif prose == "all" and (sole := _sole_assignment(node)) is not None:
                subject, sentence, roles = sole  # '3. Xây dựng quy chế ...' + 'Sở Tư pháp chủ trì ...': titled by the heading
                self._add(node, here, section, sentence_fields(subject, roles), node.text, "sentence",
                          default_deadline=deadline, time_text=sentence)
            else:
                if self.assigning and prose == "all" and not node.children and names_body(node.text):
                    self.warn("task_missed", f"names a body but assigns it no task: {node.text[:60]!r}", node.line.no)
                self._walk(node.children, here, section, prose, deadline)

    def _add_sentences(self, node: Node, path: list[str], section: str | None, found: list[tuple[str, str, str]],
                       deadline: str | None) -> None:
        """One task per assigning sentence of a paragraph (``assignments``)."""
        for n, (subject, title, roles) in enumerate(found, start=1):
            key_path = path if len(found) == 1 else [*path, str(n)]
            self._add(node, key_path, section, sentence_fields(subject, roles), title, "sentence",
                      default_deadline=deadline)

    def _closing_deadline(self, items: list[Node]) -> str | None:
        """The time a closing line ('3. Thời hạn: chậm nhất ...', 'Các nội dung trên ...') gives the items before it."""
        last = items[-1] if len(items) >= 3 and not match_field(items[-2].text) else None
        if last and last.children and (m := P.CLOSING_DEADLINE_RE.match(last.children[-1].text)) and m["above"]:
            last = last.children[-1]  # 'Các nội dung trên ...' wrapped under the last item
        if last is None or last.children:
            return None
        if (field := match_field(last.text)) is not None:
            return field[1] or None if field[0] == "deadline" else None
        found = None if not P.CLOSING_DEADLINE_RE.match(last.text) or assignments(last.text) \
            else search_deadline(last.text, document_date=self.document_date)
        return self.deadlines.setdefault(found.text, found).text if found is not None else None

    def _block_tasks(self, head: Node, path: list[str], section: str | None, lead: list[str],
                     deadline: str | None, coordinating: list[str] | None = None) -> None:
        """'3. Ban Tuyên giáo Thành ủy' + bullets: one task per bullet, lead = the heading's body.

        A sub-heading with bullets of its own ('a) Chủ trì, phối hợp với các sở ...' then '- ...')
        passes its coordinating bodies down to them.
        """
        defaults = gather_fields(head)
        coordinating = defaults.coordinating or coordinating or []
        for key, child in _keyed(head.children):
            if match_field(child.text):
                continue
            fields = gather_fields(child)
            sentence = sentence_fields(None, child.text)
            found = leading_body(child.text)  # a sentence that opens on its own subject is that subject's task
            own_lead = split_units(found[0]) if found and (P.ASSIGN_VERB_RE.match(found[1]) or is_delegated(child.text, True)) \
                else lead
            if _has_items(child) and not fields.any_assignment():
                inner_lead = split_units(_strip_assign(child.text)) if _is_block_heading(child.text) else own_lead
                inner_coordinating = sentence.coordinating or coordinating
                if directed := _directed(child.text):  # 'Chỉ đạo các trường ..., cụ thể:' is a task, theirs below
                    self._add(child, [*path, key], section, Fields(lead=own_lead, coordinating=sentence.coordinating),
                              child.text, "block", default_deadline=deadline)
                    inner_lead, inner_coordinating = directed, coordinating
                self._block_tasks(child, [*path, key], section, inner_lead, defaults.deadline or deadline,
                                  inner_coordinating)
                continue
            fields.lead = fields.lead or own_lead
            fields.coordinating = fields.coordinating or sentence.coordinating or coordinating
            fields.deadline = fields.deadline or defaults.deadline
            self._add(child, [*path, key], section, fields, child.text, "block", default_deadline=deadline)
            for closing in child.children[-1:]:  # the closing formula wrapped under the block's last item
                if P.CLOSING_FORMULA_RE.match(closing.text):
                    self._add_sentences(closing, [*path, key], section, closing_duties(closing.text), deadline)

    def _add(self, node: Node, path: list[str], section: str | None, fields: Fields, title: str, form: TaskForm,
             default_deadline: str | None = None, time_text: str | None = None) -> None:
        """A task from a tree node: its own time field, else a time in its text (``time_text``, else the
        title), else its group's."""
        if fields.deadline is None:
            found = search_deadline(time_text or title, document_date=self.document_date)
            if found is not None:  # already normalised, in its sentence: not parsed again from its text
                self.deadlines.setdefault(found.text, found)
            fields.deadline = found.text if found is not None else default_deadline
        self._add_task(path, section, fields, title, node.line.no, form)

    def _add_task(self, path: list[str], section: str | None, fields: Fields, title: str, line: int,
                  form: TaskForm) -> None:
        deadline = self._deadline(fields.deadline, line) if fields.deadline else None
        base = task_id = ".".join(_printed_path(path))
        while task_id in self.ids:  # a repeated label path: "II.1~2", "II.1~3" ...
            self.repeats[base] = self.repeats.get(base, 1) + 1
            task_id = f"{base}~{self.repeats[base]}"
        self.ids.add(task_id)
        self.tasks.append(Task(
            id=task_id, section=section, title=_clean_title(title), lead_units=fields.lead,
            coordinating_units=fields.coordinating, lead_units_canonical=[canonical_unit(u) for u in fields.lead],
            coordinating_units_canonical=[canonical_unit(u) for u in fields.coordinating],
            deadline=deadline, deliverable=fields.deliverable,
            line=line, form=form,
        ))

    def _deadline(self, text: str, line: int) -> Deadline | None:
        if text not in self.deadlines:  # a table repeats "Năm 2024" down its column
            self.deadlines[text] = parse_deadline(text, document_date=self.document_date)
        kept = self.deadlines[text]
        deadline = kept.model_copy() if kept is not None else None  # each task its own record
        if deadline is not None and deadline.kind == "unknown":
            self.warn("deadline_invalid" if deadline.invalid else "deadline_unparsed", f"{'impossible' if deadline.invalid else 'no'} date in deadline {text!r}", line)
        if deadline is not None and deadline.year_inferred:
            self.warn("deadline_year_inferred", f"year taken from the document date: {text!r}", line)
        if deadline is not None and deadline.kind == "relative" and deadline.end is not None:
            self.warn("deadline_holidays_unknown", f"counted from the document date; public holidays are not known: {text!r}",
                      line)
        return deadline


def _cell_units(cell: str) -> list[str]:
    """A table cell's bodies. A cell that lists them as bullets ('- Vụ Đất đai - Cục Khoáng sản') is cut
    at each bullet; a piece that names no body ('Tài chính' of 'Vụ Kế hoạch - Tài chính') stays with
    the one before it."""
    if not P.CELL_BULLETS_RE.match(cell):
        return split_units(cell)
    pieces: list[str] = []
    for part in P.CELL_BULLET_BREAK_RE.split(cell[1:].strip()):
        if pieces and not is_body(part):
            pieces[-1] += " - " + part
        else:
            pieces.append(part)
    return [unit for piece in pieces for unit in split_units(piece)]


def _sole_assignment(node: Node) -> tuple[str, str, str] | None:
    """The one assigning sentence of the only paragraph under a numbered heading that names work by its verb
    ('2.1. Thành lập Tổ công tác:' + 'UBND xã thành lập Tổ công tác gồm ...'), or None. A heading that ends
    in a full stop is the first sentence of its item's text ('6. Đẩy mạnh ... Các xã rà soát ...' rewrapped)."""
    if not node.label or node.style in BULLET_STYLES or len(node.children) != 1 or not P.ASSIGN_VERB_RE.match(node.text) \
            or node.text.endswith("."):
        return None
    child = node.children[0]
    found = [] if child.style or child.children or match_field(child.text) else assignments(child.text)
    return found[0] if len(found) == 1 and found[0][0] else None


def _directed(text: str) -> list[str]:
    """The bodies an item directs to the work of its sub-items, or []: 'Chỉ đạo các Ngân hàng thương
    mại trên địa bàn phối hợp ..., cụ thể như sau:' -> ['các Ngân hàng thương mại trên địa bàn']."""
    if not text.endswith(":") or not (m := P.DIRECTING_ITEM_RE.match(text)):
        return []
    rest = text[m.end():]
    found = leading_body(rest[:1].upper() + rest[1:])
    return split_units(rest[:1] + found[0][1:]) if found else []


def _table_path(path: list[str], number: str) -> list[str]:
    """A heading row's place: 'A' opens a part, 'I' a section inside it, anything else a group below."""
    if re.fullmatch(r"[A-ZĐ]", number) and number not in "IVX":
        return [number]
    letters = [p for p in path[:1] if re.fullmatch(r"[A-ZĐ]", p) and p not in "IVX"]
    if re.fullmatch(r"[IVX]{1,5}", number):
        return [*letters, number]
    romans = [p for p in path if re.fullmatch(r"[IVX]{1,5}", p)][:1]
    return [*letters, *romans, number]


def _printed_path(path: list[str]) -> list[str]:
    """The labels as printed: a hierarchical label that extends its parent's replaces it.

    ['III', '1', '1.2', '1'] -> ['III', '1.2', '1'] (item "1.2." under "1." under III is "III.1.2.1").
    """
    out: list[str] = []
    for part in path:
        if out and part.startswith(out[-1] + "."):
            out[-1] = part
        else:
            out.append(part)
    return out


def _keyed(nodes: list[Node]) -> Iterator[tuple[str, Node]]:
    """Each node with its id part: the label without punctuation ('1.' -> '1'), else its position
    among the nodes that are not field lines."""
    index = 0
    for node in nodes:
        if node.line.kind != "field":
            index += 1
        key = node.label.strip(".)(-–—+*•: ") if node.label else ""
        yield (key if key else str(index)), node


def _has_items(node: Node) -> bool:
    """Whether a node heads bullets or numbered items of its own (not only fields or wrapped text)."""
    return any(c.style and not match_field(c.text) for c in node.children)


def _strip_assign(text: str) -> str:
    """A heading's bodies: '- Đề nghị Sở Y tế:', '2. Đối với Sở Y tế:', 'Đề nghị Sở Y tế phối hợp' -> 'Sở Y tế'."""
    text = strip_assign_prefix(text)
    if m := P.BODY_HEADING_PREFIX_RE.match(text):
        text = text[m.end():]
    return P.BODY_HEADING_ROLE_RE.sub("", text).rstrip(":. ")


def _is_block_heading(text: str) -> bool:
    words = text.split(maxsplit=BLOCK_HEADING_MAX_WORDS)  # a long paragraph is cut no further than it needs
    return 0 < len(words) <= BLOCK_HEADING_MAX_WORDS and is_body(_strip_assign(text))


def _clean_title(text: str) -> str:
    """'Bước 2: Kiểm tra hiện trạng nhà ở;' -> 'Kiểm tra hiện trạng nhà ở'."""
    return P.STEP_PREFIX_RE.sub("", _one_spaced(text)).rstrip(" ;,:")


def _one_spaced(text: str) -> str:
    """``" ".join(text.split())``: blanks as single spaces. A text whose blanks are single spaces already (most
    titles: every blank but " " is unprintable) is only stripped, not cut into words and joined again."""
    if text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(text.split())
