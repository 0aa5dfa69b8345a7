"""What the labelled field lines under a tree node say, and which bullets a field block serves.

'2. Phát triển ...' + '- Đơn vị chủ trì: ...' + '- Thời gian: ...' -> ``Fields`` (OUTPUT.md, task form 1).
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.lines import patterns as P
from kehoach.lines.fields import match_field, match_fields
from kehoach.structure.tree import BULLET_STYLES, Node
from kehoach.tasks.sentences import Fields, assignments, lead_value, sentence_fields
from kehoach.tasks.unit_lists import split_units


def shared_fields(keyed: list[tuple[str, Node]]) -> dict[int, Fields]:
    """Bullets of one run share the field block written under the run's last bullet.

    '- Tăng cường ...' '- Nâng cao ...' + 'Đơn vị thực hiện: ...' -> both bullets get the fields.
    """
    shared: dict[int, Fields] = {}
    run: list[Node] = []
    for _, node in keyed:
        if node.style not in BULLET_STYLES or match_field(node.text):
            run = []
            continue
        if any(not match_field(c.text) for c in node.children):  # a heading of its own bullets
            run = []
            continue
        fields = gather_fields(node)
        if fields.any_assignment():
            for earlier in run:
                shared[id(earlier)] = fields
            if run:
                shared[id(node)] = fields
            run = []
        else:
            run.append(node)
    return shared


def serving(block: Fields, text: str) -> Fields:
    """A bullet's own copy of the field block that serves its group; the bodies its own sentence
    works with ('- Phối hợp với Sở Nội vụ ...') join the block's coordinating bodies."""
    own = [u for u in sentence_fields(None, text).coordinating if u not in block.coordinating]
    return replace(block, lead=list(block.lead), coordinating=[*block.coordinating, *own])


def serves_bullets(node: Node) -> bool:
    """Whether a heading's field block serves the bullets under it: '2. Phát triển ...', then
    'Đơn vị chủ trì: ...; Đơn vị phối hợp: ...' as lines of their own, then two or more bullets of work.

    Field lines written as bullets of the same list ('- Mục tiêu ...' '- Đơn vị chủ trì: ...')
    describe the heading's own task instead.
    """
    fields = [c for c in node.children if match_field(c.text)]
    work = [c for c in node.children if c.style in BULLET_STYLES and not match_field(c.text)
            and not gather_fields(c).any_assignment()]
    return len(work) >= 2 and not any(P.ITEM_RE.match(c.line.text) for c in fields) and not lists_content(node)


def gather_fields(node: Node) -> Fields:
    """Fields written under ``node``: its field lines and those of a field group ('Cơ quan thực hiện:')."""
    fields = Fields()
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        found = match_fields(child.text)
        for name, value in found:
            if not value and len(found) == 1 and name not in ("task", "supervisor"):
                # 'a) Cơ quan chủ trì' then '- Ban Chỉ đạo quốc gia.' ...
                value = "; ".join(c.text for c in child.children if not match_field(c.text))
            _take(fields, name, value)
        if found:
            stack.extend(reversed(child.children))
    return fields


def _take(fields: Fields, name: str, value: str) -> None:
    """One field's value into ``fields``; the first of each kind wins, a supervisor names no body."""
    if not value or name == "supervisor":
        return
    if name == "lead":
        if not fields.lead:
            fields.lead, coordinating = lead_value(value)
            fields.coordinating = fields.coordinating or coordinating
    elif name == "coordinating":
        fields.coordinating = fields.coordinating or split_units(value)
    elif name == "deadline":
        fields.deadline = fields.deadline or value
    elif name == "deliverable":
        fields.deliverable = fields.deliverable or value.rstrip(".;")
    else:
        fields.task = fields.task or value


def first_assignment(node: Node) -> Fields:
    """The bodies of the first paragraph under ``node`` that assigns work: every sentence's lead ('Ban Chỉ đạo
    kiểm tra ... Sau khi kiểm tra, UBND xã lập danh sách ...' -> both), the first one's coordinating bodies."""
    for child in node.children:
        if not match_field(child.text) and (found := assignments(child.text)):
            fields = sentence_fields(found[0][0], found[0][2])
            fields.lead = list(dict.fromkeys(unit for subject, _, _ in found for unit in split_units(subject)))
            return fields
    return Fields()


def lists_content(node: Node) -> bool:
    """Whether the bullets under an opening sentence list content ('- Việc tổ chức ...'), not work."""
    items = [c for c in node.children if not match_field(c.text)]
    content = sum(1 for c in items if P.CONTENT_ITEM_RE.match(c.text))
    return bool(items) and content * 2 >= len(items)


def leads_group(node: Node) -> bool:
    """Whether a time field stands before more content ('b) Thời gian: ...' then 'd) Các hoạt động'):
    then it is the time of the group's tasks, not of the heading itself."""
    last_field = max((i for i, c in enumerate(node.children) if match_field(c.text)), default=-1)
    return any(not match_field(c.text) for c in node.children[last_field + 1:])


def field_title(node: Node, fields: Fields) -> str:
    """A generic heading ('a) Hoạt động 1') yields to the task field ('- Nội dung: ...')."""
    if fields.task and P.GENERIC_HEADING_RE.match(node.text):
        return fields.task
    return node.text
