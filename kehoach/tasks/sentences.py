"""Read an assignment from a sentence: the bodies it names, its role verb, the bodies it works with.

GENERALIZE.md section 3: an assignment is a relation (body, role, work, time); ``Fields`` holds it,
and each surface form (a field line, a sentence, a heading) fills it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kehoach.lines import patterns as P
from kehoach.lines.memo import per_parse
from kehoach.tasks.unit_lists import (coordinating_bodies, is_body, is_delegated, leading_body, split_units,
                                     strip_assign_prefix)
from kehoach.tasks.words import may_open_body

# How a body works, said between it and its verb: "Sở Y tế| theo chức năng, nhiệm vụ được giao| tổ chức ...",
# "Các phòng| trong phạm vi nhiệm vụ của mình| rà soát ...", "Các Phó Giám đốc| theo lĩnh vực, địa bàn được
# phân công| chịu trách nhiệm ...".
_SCOPE = r"chức\s+năng|nhiệm\s+vụ|quyền\s+hạn|thẩm\s+quyền|lĩnh\s+vực(?:\s+công\s+tác)?|địa\s+bàn"
QUALIFIER_RE = re.compile(
    rf"(?:theo|trong\s+phạm\s+vi)\s+(?:{_SCOPE})(?:(?:\s*,\s*|\s+(?:và\s+)?)(?:{_SCOPE}))*"
    r"(?:\s+(?:được\s+giao|được\s+phân\s+công|của\s+mình|theo\s+quy\s+định))?[\s,]*",
    re.IGNORECASE,
)

# A condition whose bodies come after "thì": "Trường hợp người được mời vắng mặt, ốm đau thì| Tổ công tác
# ...", "Đối với hồ sơ ở nơi cư trú thì| Ủy ban nhân dân xã ..." (its commas and brackets belong to the condition:
# "Trường hợp hộ neo đơn (người già, ...) thì| UBND xã ...").
CONDITION_THEN_RE = re.compile(
    r"^(?:Đối\s+với|Trong\s+trường\s+hợp|Trường\s+hợp|Nếu|Khi)\s(?:\([^()]{0,120}\)|[^.;:(]){0,250}?\sthì\s+",
    re.IGNORECASE)
# Bodies that open the sentence inside the last comma clause of an opening, without a comma before them:
# "nếu có phát sinh, vướng mắc| các cơ quan, đơn vị báo cáo ...", "..., bổ sung| đề nghị các xã ...", and
# a bare group noun whose predicate follows ("..., giữa nhiệm kỳ| cơ quan chủ trì có trách nhiệm ...").
BODY_IN_TAIL_RE = re.compile(
    r"\s(?=(?P<plural>(?:đề\s+nghị\s+|yêu\s+cầu\s+)?(?:các|những)\s+(?:cơ\s+quan|đơn\s+vị|địa\s+phương"
    r"|sở|ban|ngành|phòng|tổ\s+chức|xã|phường|huyện|tỉnh|bộ|doanh\s+nghiệp|cấp)\b)|(?:cơ\s+quan|đơn\s+vị)\s)")

# Opening clauses cut before the bodies: "Trong quá trình thực hiện, nếu thấy cần sửa đổi, bổ sung ..., các bộ ..."
MAX_OPENING_CLAUSES = 5

# The marks a sentence ends with, one of which stands before every break SENTENCE_BREAK_RE finds, with at least a
# blank and the next sentence's first letter after it: "... báo cáo UBND tỉnh|.| Sở Kế hoạch ...".
SENTENCE_END_MARKS = ".!?"


@dataclass
class Fields:
    """Labelled fields gathered under one item."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    deadline: str | None = None
    deliverable: str | None = None
    task: str | None = None

    def any_assignment(self) -> bool:
        return bool(self.lead or self.coordinating or self.deadline)


def lead_value(value: str) -> tuple[list[str], list[str]]:
    """A lead field's bodies; sentences there name the coordinating bodies too.

    'Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành' -> (['Sở Nội vụ'], ['các sở, ban, ngành']);
    'Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và các sở chủ động tổ chức ...' -> both clauses' bodies.
    """
    lead: list[str] = []
    coordinating: list[str] = []
    for clause in _own_clauses(value):  # "... phối hợp với Sở A; Sở B; các huyện" stays one clause
        clause = clause.strip()
        found = leading_body(clause[:1].upper() + clause[1:])  # a later clause may start in lower case
        if found is None or not P.ASSIGN_VERB_RE.match(found[1]):
            continue
        lead += split_units(found[0])
        if not coordinating and P.LEAD_SENTENCE_RE.match(found[1]):
            coordinating = sentence_fields(None, found[1]).coordinating
    return (lead, coordinating) if lead else (split_units(value), [])


def assignments(text: str) -> list[tuple[str, str, str]]:
    """(subject, title, roles) for each sentence of a paragraph that assigns work to named bodies.

    ``roles`` is the text the coordinating bodies are read from: the clause itself, or the bracket
    that closes an item ('Lắp đặt ... (Giao Phòng X chủ trì, phối hợp Y)': the item is the title).
    In 'UBKT cấp tỉnh: Triển khai sử dụng Phần mềm ...' (or 'Đề nghị UBKT cấp tỉnh: ...') the work, and so
    the title, follows the colon;
    in 'Mở tài khoản: UBND xã phối hợp ...' a topic comes before the assigning sentence.
    """
    out = []
    for sentence in _sentences(text):
        bracket = P.CLOSING_ASSIGNMENT_RE.search(sentence) if "(" in sentence else None
        if bracket and (subject := assigned_subject(bracket.group("roles"))):
            out.append((subject, sentence[:bracket.start()], bracket.group("roles")))
            continue
        for clause in _own_clauses(sentence):
            if subject := assigned_subject(clause):
                head, colon, duties = clause.partition(":")
                if colon and strip_assign_prefix(head.strip(" *")) == subject and duties.strip():
                    clause = duties.strip(" *")
                out.append((subject, clause, clause))
            elif (topic := P.TOPIC_LABEL_RE.match(clause)) and (subject := assigned_subject(clause[topic.end():])):
                out.append((subject, clause, clause[topic.end():]))  # the topic stays in the title
            elif (case := CONDITION_THEN_RE.match(clause)) and P.ASSIGN_VERB_RE.match(clause[case.end():]):
                out.append(("", clause, clause))  # 'Đối với hồ sơ nộp muộn thì trả lại ...': no body is named
    return out


def _sentences(text: str) -> list[str]:
    """``SENTENCE_BREAK_RE.split(text)``. Most paragraphs hold one sentence, with no end mark but their last
    character: three str.find calls tell them, and only the rest go through the pattern's lookbehinds."""
    last = len(text) - 2  # a mark that ends a sentence has a blank and a letter after it
    if any(text.find(mark, 0, last) >= 0 for mark in SENTENCE_END_MARKS):
        return P.SENTENCE_BREAK_RE.split(text)
    return [text]


def closing_duties(text: str) -> list[tuple[str, str, str]]:
    """The assignments of a paragraph at or after the closing formula: only its conditional duties
    ('Trên đây là Kế hoạch ... Nếu có vướng mắc, các xã báo cáo về Phòng Nội vụ.' -> the second sentence);
    the formula and an exhortation to carry out the plan ('Đề nghị các đơn vị nghiêm túc thực hiện') are none."""
    if P.CLOSING_FORMULA_RE.match(text):
        formula = P.CLOSING_SENTENCE_RE.match(text)
        text = text[formula.end():] if formula else ""
    return [found for found in assignments(text) if P.CONDITIONAL_RE.search(found[1])]


def _own_clauses(sentence: str) -> list[str]:
    """A sentence cut where a clause after ';' assigns work to bodies of its own.

    'Sở Nội vụ lập danh sách ...; Ủy ban nhân dân xã, phường chỉ đạo ...' is two assignments;
    '...; định kỳ hằng năm báo cáo ...' stays with the clause before it, and so does the rest of a
    'phối hợp với Sở A; Sở B; các cơ quan ... thực hiện' list, and a subject listed with ';'
    ('Phòng A; Phòng B; Văn phòng C chủ trì ...') is one clause.
    """
    parts = sentence.split(";")
    clauses = [parts[0]]
    for part in parts[1:]:
        opening = part.strip()  # asked first: most clauses after ';' name no body, and the answer is cheap then
        starts_own = bool(opening) and assigned_subject(opening[:1].upper() + opening[1:]) is not None \
            and not _open_list(clauses[-1]) and not is_body(clauses[-1])
        if starts_own:
            clauses.append(opening)
        else:
            clauses[-1] = f"{clauses[-1]};{part}"
    return clauses


def _open_list(clause: str) -> bool:
    """Whether a clause ends inside its 'phối hợp với ...' list of bodies."""
    m = P.COORDINATION_RE.search(clause)
    return m is not None and m.end("coord_units") >= len(clause.rstrip(" ,"))


@per_parse  # a clause is asked again: by _own_clauses, then by assignments
def assigned_subject(text: str) -> str | None:
    """The bodies an assigning sentence names first (after an opening clause), or None."""
    if P.PLAN_INTRO_RE.search(text):
        return None
    opened = False  # an opening clause was cut: a comma may still belong to it
    for _ in range(MAX_OPENING_CLAUSES):
        found = leading_body(text) if may_open_body(text) else None  # most clauses open on their work
        if found is not None:
            subject, rest = found
            if P.INDEFINITE_SUBJECT_RE.search(subject):
                return None
            if " thì" in subject and (narrowed := _narrowed(text)):
                return narrowed  # "Các thôn có hộ nghèo thì| lập danh sách": the clause is no part of the name
            qualifier = QUALIFIER_RE.match(rest)
            rest = rest[qualifier.end():] if qualifier else rest
            if " thì " in rest and (insert := P.CONDITION_INSERT_RE.match(rest)):
                rest = rest[insert.end():]  # the duty follows its condition
            if P.ASSIGN_VERB_RE.match(rest) or P.ASSIGN_LATER_RE.search(rest[:250]) or is_delegated(text):
                return subject
            if P.DELEGATING_VERB_RE.match(rest) and leading_body(rest) is None:
                return subject  # "Cơ quan, đơn vị yêu cầu kê khai lại": no body after the verb
            return _delegated(rest) or (_narrowed(text) if " thì " in rest else None)
        m = CONDITION_THEN_RE.match(text) or P.INTRO_CLAUSE_RE.match(text) or (
            P.CLAUSE_TAIL_RE.match(text) if opened else None)
        if m is None:
            return None
        end = _body_in_tail(text, m.end()) if opened else m.end()  # a later clause may hold the bodies
        opened = True
        text = text[end:end + 1].upper() + text[end + 1:]  # the clause after it opens the sentence
    return None


def _narrowed(text: str) -> str | None:
    """The bodies of a subject narrowed by a clause before its duty: 'Các xã chưa nộp báo cáo thì gửi ...'
    -> 'Các xã' (the clause says which of them, it is no part of the name)."""
    m = P.NARROWED_SUBJECT_RE.match(text)
    return m["subject"] if m and P.ASSIGN_VERB_RE.match(text[m.end():]) and is_body(m["subject"]) else None


def _body_in_tail(text: str, tail_end: int) -> int:
    """Where the sentence's bodies start inside an opening's comma clause ending at ``tail_end``, else its end."""
    for m in BODY_IN_TAIL_RE.finditer(text, 1, tail_end):
        if m.group("plural"):
            return m.end()
        found = leading_body(text[m.end()].upper() + text[m.end() + 1:])
        if found is not None and P.ASSIGN_VERB_RE.match(found[1]):
            return m.end()
    return tail_end


def _delegated(rest: str) -> str | None:
    """The bodies named after a delegating verb: 'UBND huyện| yêu cầu Ban Quản lý chợ, Hợp tác xã X khẩn
    trương sửa chữa ...' -> 'Ban Quản lý chợ, Hợp tác xã X' (the issuer gives the work, they do it).
    With no body after the verb, the requiring is the subject's own work (``assigned_subject``)."""
    if not P.DELEGATING_VERB_RE.match(rest):
        return None
    found = leading_body(rest)  # the verb is read as the "Giao"/"Yêu cầu" before a subject
    return found[0] if found is not None and P.ASSIGN_VERB_RE.match(found[1]) else None


def sentence_fields(subject: str | None, text: str) -> Fields:
    """Lead and coordinating bodies of an assigning sentence.

    The coordinating list ends where its bodies do: 'phối hợp với Sở Tài chính tham mưu ...' -> Sở Tài chính,
    also when the verb that follows is not one the pattern knows ('... Sở Tài chính nâng cấp ...').
    """
    fields = Fields(lead=split_units(subject) if subject else [])
    if m := P.COORDINATION_RE.search(text):  # ('phối hợp tuyên truyền ...' names no body)
        fields.coordinating = _with_sub_unit(coordinating_bodies(after := text[m.start("coord_units"):]), after)
    return fields


def _with_sub_unit(units: list[str], text: str) -> list[str]:
    """The last unit with the bracket after it that names a part of it or its members:
    'Sở Nội vụ' + ' (Ban Thi đua - Khen thưởng) tiến hành ...' -> 'Sở Nội vụ (Ban Thi đua - Khen thưởng)'."""
    at = text.find(units[-1]) if units else -1
    if at < 0 or not (m := P.SUB_UNIT_RE.match(text, at + len(units[-1]))):
        return units
    sub = " ".join(m.group("sub").split())
    return [*units[:-1], f"{units[-1]} ({sub})"] if is_body(sub.split(",")[0]) else units
