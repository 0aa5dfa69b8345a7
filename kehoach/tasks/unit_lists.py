"""Unit lists: the bodies a plan names as lead or coordinating units (OUTPUT.md, section "Units").

Three entry points:

* ``split_units`` cuts a unit list into bodies: always at ";", at "," and "và" only where what follows
  starts a new body or group, never inside an official name or a fixed group of nouns listed in
  ``data/unit_names.txt``.
* ``is_body`` tells a heading that names bodies ("3. Ban Tuyên giáo Thành ủy") from one that names
  work ("3. Tổ chức học tập, quán triệt ...").
* ``leading_body`` splits an assigning sentence into the bodies it names first and the rest.

Names, heads and predicates are found by ``names`` on a fold of the text (lower case, modern tone
placement, same length as the text), so every position found there is one in the text.

    >>> split_units("Sở Tài chính, Sở Kế hoạch và Đầu tư và các cơ quan liên quan.")
    ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'các cơ quan liên quan']
"""
from __future__ import annotations

import bisect
import re
import unicodedata

from kehoach.lines.memo import per_parse
from kehoach.lines.prefilter import Prefiltered
from kehoach.tasks.names import (
    BARE_NOUN_RE, BODY_HEAD_RE, FIELD_NAME_RE, PERSON_HEAD_RE, PLURAL_GROUP_RE, SUBJECT_MAX_CHARS, WORD_RE,
    _alt, _body_starts, _head_at, _name_end, _predicate_start, _verb_after_name,
    _word_start, fold, names_body,
)
from kehoach.tasks.listed import LazyMask, name_mask, name_spans
from kehoach.tasks.unit_words import ASSIGN_PREFIXES, FAMILY_NAMES, LIST_NOUNS, NEW_GROUP_NOUNS

__all__ = ["is_body", "is_delegated", "leading_body", "names_body", "split_units", "strip_assign_prefix"]

# A full name in a "Người thực hiện" cell has three or four words.
PERSON_MIN_WORDS, PERSON_MAX_WORDS = 3, 4

# ---------------------------------------------------------------------------------------------------
# Compiled patterns. They run on folded text unless the comment says "original text".
# ---------------------------------------------------------------------------------------------------

# A list separator: "Sở Nội vụ; Sở Tư pháp", "Sở Y tế, Sở Tài chính", "..., và các cơ quan",
# "Sở Tài chính và Ủy ban nhân dân các xã", "đơn vị quản lý người đó hoặc Ủy ban nhân dân xã".
SEPARATOR_RE = re.compile(r";|,(?:\s*(?:và|hoặc)(?!\w))?|(?<!\w)(?:và|hoặc)(?!\w)")

# A comma inside an acronym, which never separates: "Ủy ban KH,CN&MT" (original text).
ACRONYM_COMMA_RE = re.compile(r"(?<=[A-ZĐ]),(?=[A-ZĐ])")

# "các " / "những " before a plural noun: "các| đồng chí Chuyên viên".
PLURAL_WORD_RE = re.compile(r"(?:các|những)\s+")

# A noun that starts a new group after a group: "Các bộ, ngành và |địa phương vùng đồng bằng sông Hồng".
NEW_GROUP_RE = re.compile(rf"(?:{_alt(NEW_GROUP_NOUNS)})(?!\w)")

# Nouns sharing one trailing modifier, from a candidate cut on: "địa phương, doanh nghiệp liên
# quan", "địa phương có liên quan"; "địa phương là chủ quản CSDLQG, ..." opens a clause.
_LIST_NOUN = rf"(?:các\s+)?(?:{_alt(LIST_NOUNS)})"
SHARED_MODIFIER_RE = re.compile(
    rf"{_LIST_NOUN}(?:\s*,\s*{_LIST_NOUN})*\s+"
    r"(?:(?:khác\s+)?(?:có\s+)?(?:liên\s+quan|hữu\s+quan)(?!\w)|(?P<clause>là|thuộc)\s)"
)
# How far a shared modifier may stand from the noun it binds.
SHARED_MODIFIER_WINDOW = 300

# A field of work, whose commas list fields, not bodies: "Các Phó chủ tịch phụ trách lĩnh vực Dân
# tộc, Tôn giáo và các Hội quần chúng".
FIELD_OF_WORK_RE = Prefiltered(r"(?<!\w)lĩnh\s+vực(?!\w)")

# A trailing "how" qualifier, which names no body: "các sở, ban, ngành Thành phố| trong phạm vi chức
# năng, nhiệm vụ của mình", "Sở Y tế| theo chức năng, nhiệm vụ được giao".
QUALIFIER_RE = Prefiltered(
    r"\s+(?:trong\s+phạm\s+vi|theo|căn\s+cứ)\s+(?:chức\s+năng|nhiệm\s+vụ)"
    r"(?:\s*,\s*(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn)|\s+và\s+(?:nhiệm\s+vụ|quyền\s+hạn))*"
    r"(?:\s+(?:được\s+giao|của\s+mình|theo\s+quy\s+định))?[\s.,;]*$"
)
# How much of a unit's end the qualifier is looked for in.
QUALIFIER_WINDOW = 200

# Leading bullets and markdown of a unit (original text): "- *Sở Tư pháp" -> "Sở Tư pháp".
LEADING_JUNK_RE = re.compile(r"[\s\-+*•·–—_>]+")
# Trailing punctuation and markdown of a unit, stripped with str.rstrip: "Thành Đoàn..." -> "Thành Đoàn".
TRAILING_JUNK = " \t\n\r\f\v.,;:*_…-–—\u00a0"

# A numbered label before a heading (original text): "3. ", "1.2. ", "II- ", "a) ", "- ", "**3.** ".
HEADING_LABEL_RE = re.compile(
    r"[\s*#>]*(?:(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđA-ZĐ])[.)\-–]+\s*|[\-+*•–]\s+)[\s*]*")

# "Giao", "Giao cho", "Đề nghị", "Yêu cầu" before the subject: "Giao| Sở Y tế chủ trì ...", "Đề nghị:| Ủy ban MTTQ ...".
ASSIGN_PREFIX_RE = re.compile(rf"(?:{_alt(ASSIGN_PREFIXES)})(?:\s*:)?\s+")
# The letters those prefixes start with ("g", "k", "đ", "y"): any other first letter starts none.
ASSIGN_PREFIX_FIRST = frozenset(fold(prefix)[:1] for prefix in ASSIGN_PREFIXES)

# The word of a request among the prefixes: "Đề nghị", "Kính đề nghị".
REQUEST_WORD = "đề nghị"
# A sentence end inside a would-be subject: "Sở Y tế. Tổ chức ...", "UBKT các cấp:** Triển khai".
SENTENCE_END_RE = re.compile(r"[.!?:][*_]*(?:\s|$)")
# The colon after a body that heads its duties: "**Sở Công Thương:** Chủ trì ..." (original text).
DUTIES_COLON_RE = re.compile(r"[*_]*:[*_\s]*")
# Where a "phối hợp với ..." list ends at the latest: its clause's own punctuation
# ("... phối hợp với Sở Y tế, Sở Xây dựng; định kỳ báo cáo" -> up to ";").
CLAUSE_END_RE = re.compile(r"[;:(]|\.(?:\s|$)")
# A word that ends a list of bodies outside any name: "phối hợp với UBND xã| trong việc ...",
# "... với các cơ quan quản lý| để kịp thời ...", "... với các sở| nhằm ...", and the dash of a
# field line run into the list's line: "... Hội Nông dân tỉnh và địa phương| -Thời gian thực hiện: ...", and
# a verb of answering a request, which no name holds: "... xã nơi người đó cư trú| xác minh, trả lời ...".
LIST_END_RE = re.compile(r"\s(?:(?:trong|để|nhằm|khi|nếu|xác\s+minh|trả\s+lời)(?!\w)|[\-\u2013](?=\w))")
# A predicate put after a list that has none, so that leading_body finds the list's end (not "thực
# hiện", which "cơ quan thực hiện" would take into a name).
NOMINAL_PREDICATE = " có trách nhiệm"

# How many parts, cut at ";", one coordinating list may run over.
MAX_LIST_PARTS = 8

# How far into a sentence the colon of "Sở X: ..." may stand.
COLON_MAX_CHARS = 200


# ---------------------------------------------------------------------------------------------------
# split_units
# ---------------------------------------------------------------------------------------------------

class _Splitter:
    """The cutting decisions for one unit list; every method looks at a bounded window."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.spans = name_spans(self.folded)
        self.span_at = {span.start: span for span in self.spans}
        self.mask = name_mask(self.folded, self.spans)
        self.fields = [m.start() for m in FIELD_OF_WORK_RE.finditer(self.folded)]

    def cuts(self) -> list[tuple[int, int]]:
        """(start, end) of every separator where the list is cut, in order."""
        cuts: list[tuple[int, int]] = []
        unit_start = _word_start(self.folded, 0)
        clause = False  # after "là ..." / "thuộc ..." that ends a noun list: only ";" cuts
        for start, end, sep in self._separators():
            if sep == ";":
                cuts.append((start, end))
                unit_start, clause = _word_start(self.folded, end), False
                continue
            nxt = _word_start(self.folded, end)
            decision = None
            if not clause and nxt < len(self.folded):
                decision = self._decide(unit_start, start, sep, nxt)
            if decision == "clause":
                clause = True
            elif decision == "cut":
                cuts.append((start, end))
                unit_start = nxt
        return cuts

    def _separators(self) -> list[tuple[int, int, str]]:
        """Separators outside names and parentheses, and the blank between two adjacent names."""
        seps = [(m.start(), m.end(), m.group()) for m in SEPARATOR_RE.finditer(self.folded)
                if not self.mask[m.start()]
                and not (m.group() == "," and ACRONYM_COMMA_RE.match(self.text, m.start()))]
        for a, b in zip(self.spans, self.spans[1:]):
            if not (a.group or b.group) and b.start > a.end and self.folded[a.end:b.start].isspace() \
                    and self.text[b.start].isupper() and BODY_HEAD_RE.match(self.folded, b.start):
                seps.append((a.end, b.start, " "))
        return sorted(seps)

    def _decide(self, unit_start: int, sep_start: int, sep: str, nxt: int) -> str | None:
        """"cut" when what follows the separator starts a new body or group, "clause" when a
        shared modifier binds the rest into the current unit, else None."""
        if sep == " ":
            return "cut"  # two listed names side by side
        head = _head_at(self.text, self.folded, nxt, lowercase_ok=False)
        if self._in_field_of_work(unit_start, sep_start):
            return "cut" if head == "person" or head == "plural" and self._plural_person(nxt) else None
        if head:
            return "cut"
        if self.text[nxt].isupper() and not BARE_NOUN_RE.match(self.folded, nxt):
            return None
        return self._bare_noun(unit_start, sep_start, sep, nxt)

    def _in_field_of_work(self, start: int, end: int) -> bool:
        """Whether "lĩnh vực" occurs in ``folded[start:end]``."""
        i = bisect.bisect_left(self.fields, start)
        return i < len(self.fields) and self.fields[i] < end

    def _plural_person(self, pos: int) -> bool:
        """Whether "các"/"những" at ``pos`` is followed by people: "các đồng chí", "các đ/c"."""
        m = PLURAL_WORD_RE.match(self.folded, pos)
        return bool(m and PERSON_HEAD_RE.match(self.folded, m.end()))

    def _bare_noun(self, unit_start: int, sep_start: int, sep: str, nxt: int) -> str | None:
        """A group noun after a separator: a cut after a named body; after a group, only a new group."""
        if not BARE_NOUN_RE.match(self.folded, nxt):
            return None
        if PERSON_HEAD_RE.match(self.folded, unit_start):
            return None  # "Người đứng đầu cấp ủy, chính quyền, tổ chức chính trị - xã hội các cấp"
        if not self._is_group(unit_start, sep_start):
            return "cut"  # "Sở Tài chính và cơ quan, địa phương liên quan"
        if not NEW_GROUP_RE.match(self.folded, nxt) and "và" not in sep:
            return None  # "Các Sở, ngành, đơn vị" (but "Các sở, ngành và cơ quan, đơn vị liên quan" is two)
        if sep.startswith(","):
            shared = SHARED_MODIFIER_RE.match(self.folded, nxt, nxt + SHARED_MODIFIER_WINDOW)
            if shared:  # "Các bộ, ngành, địa phương liên quan"
                return "clause" if shared.group("clause") else None
        return "cut"  # "Các bộ, ngành, địa phương", "Các bộ, ngành và địa phương vùng ..."

    def _is_group(self, start: int, end: int) -> bool:
        """Whether the unit ``folded[start:end]`` is a group of bodies rather than one named body.

        "Các bộ, ngành", "Bộ, ngành", "cơ quan, đơn vị" and a head alone ("Tập đoàn") are groups.
        """
        span = self.span_at.get(start)
        if PLURAL_GROUP_RE.match(self.folded, start) or span is not None and span.group:
            return True
        head = BODY_HEAD_RE.match(self.folded, start)
        if BARE_NOUN_RE.match(self.folded, start) and (not self.text[start].isupper() or not head):
            return True  # "cơ quan, địa phương liên quan", "Cơ quan, địa phương liên quan"
        return head is not None and WORD_RE.search(self.folded, head.end(), end) is None


def _clean_unit(unit: str) -> str:
    """A unit as written, without bullets, markdown, trailing punctuation or a trailing qualifier.

    >>> _clean_unit("- *Sở Y tế theo chức năng, nhiệm vụ được giao*.")
    'Sở Y tế'
    """
    unit = " ".join(unit.split())  # blanks and line breaks as one space: "Sở Thông tin và⏎Truyền thông"
    junk = LEADING_JUNK_RE.match(unit)
    unit = unit[junk.end():] if junk else unit
    tail = max(0, len(unit) - QUALIFIER_WINDOW)
    end = unit[tail:].rstrip(TRAILING_JUNK)  # folded only if it holds the qualifier's words, in which no tone moves
    qualifier = QUALIFIER_RE.search(fold(end)) if QUALIFIER_RE.may_match(end.lower()) else None
    if qualifier and tail + qualifier.start() > 0:
        unit = unit[:tail + qualifier.start()]
    unit = unit.rstrip(TRAILING_JUNK)
    if unit.endswith(")") and unit.count(")") > unit.count("("):
        unit = unit[:-1].rstrip(TRAILING_JUNK)
    return unit


def split_units(text: str) -> list[str]:
    """The bodies of a unit list, in order, each as written (NFC).

    >>> split_units("Ban cán sự đảng Chính phủ, Ban cán sự đảng Bộ Kế hoạch và Đầu tư.")
    ['Ban cán sự đảng Chính phủ', 'Ban cán sự đảng Bộ Kế hoạch và Đầu tư']
    >>> split_units("Các bộ, ngành và địa phương vùng đồng bằng sông Cửu Long")
    ['Các bộ, ngành', 'địa phương vùng đồng bằng sông Cửu Long']
    >>> split_units("Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan")
    ['Sở Tư pháp', 'các cơ quan, đơn vị, địa phương liên quan']
    """
    return list(_split(text))


@per_parse
def _split(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", text)
    units, start = [], 0
    for cut_start, cut_end in _Splitter(text).cuts():
        units.append(text[start:cut_start])
        start = cut_end
    units.append(text[start:])
    return tuple(name for unit in map(_clean_unit, units) if unit for name in _people(unit))


def _people(unit: str) -> list[str]:
    """Full names run together by a table cell, cut before each family name; anything else as it is.

    'Đỗ Mạnh Cường Vũ Việt Linh Nguyễn Thị Loan' -> three names, each of three or four words.
    """
    words = unit.split() if unit.count(" ") >= 2 * PERSON_MIN_WORDS - 1 else []  # most: too short for two names
    if not words or not all(w[0].isupper() and w[1:].islower() for w in words):
        return [unit]
    starts = [i for i, w in enumerate(words) if i == 0 or w in FAMILY_NAMES]
    bounds = list(zip(starts, starts[1:] + [len(words)]))
    if len(bounds) < 2 or any(not PERSON_MIN_WORDS <= b - a <= PERSON_MAX_WORDS for a, b in bounds):
        return [unit]
    return [" ".join(words[a:b]) for a, b in bounds]


# ---------------------------------------------------------------------------------------------------
# leading_body / is_body
# ---------------------------------------------------------------------------------------------------

def _strip_prefix(text: str) -> tuple[str, bool]:
    """``text`` without bullets, markdown and "Giao"/"Đề nghị", and whether such a word was there.

    >>> _strip_prefix("- Giao Sở Y tế chủ trì")
    ('Sở Y tế chủ trì', True)
    """
    text = unicodedata.normalize("NFC", text)
    junk = LEADING_JUNK_RE.match(text)
    text = text[junk.end():] if junk else text
    if text[:1].lower() not in ASSIGN_PREFIX_FIRST:
        return text, False  # "Sở Y tế ...", "Tổ chức ...": no prefix starts so; no fold, no match
    m = ASSIGN_PREFIX_RE.match(fold(text[:40]))
    return (text[m.end():], True) if m else (text, False)


def is_delegated(text: str, request_only: bool = False) -> bool:
    """Whether a sentence opens on "Giao"/"Đề nghị"/"Yêu cầu": the bodies after it do the work,
    whatever verb follows ('Đề nghị Hội Nông dân, Huyện đoàn phát động ...'). ``request_only``: only
    "Đề nghị", the request to bodies the issuer does not direct (under a body's block, "Yêu cầu các
    đơn vị ..." is that body's own work)."""
    rest, prefixed = _strip_prefix(text)
    return prefixed and (not request_only or REQUEST_WORD in fold(text[:len(text) - len(rest)]))


def strip_assign_prefix(text: str) -> str:
    """A heading without its bullet and its "Giao"/"Đề nghị"/"Khuyến khích": '- Đề nghị Sở Y tế' -> 'Sở Y tế'."""
    return _strip_prefix(text)[0]


def _all_bodies(subject: str) -> bool:
    """Whether every unit of ``subject`` starts like a body ("Sở Y tế, trên cơ sở đó" does not); a field
    name is one here, before its predicate ("Cơ quan chủ trì có trách nhiệm ...")."""
    units = split_units(subject)
    return bool(units) and all(_body_starts(unit) or FIELD_NAME_RE.fullmatch(fold(unit)) for unit in units)


@per_parse
def leading_body(sentence: str) -> tuple[str, str] | None:
    """(the bodies an assigning sentence starts with, the rest), or None when it starts with none.

    A leading "Giao", "Giao cho", "Đề nghị" or "Yêu cầu" is not part of the subject.

    >>> leading_body("Ban Kinh tế Trung ương chủ trì, phối hợp các cơ quan liên quan tăng cường kiểm tra")
    ('Ban Kinh tế Trung ương', 'chủ trì, phối hợp các cơ quan liên quan tăng cường kiểm tra')
    >>> leading_body("Giao Sở Xây dựng xây dựng kế hoạch")
    ('Sở Xây dựng', 'xây dựng kế hoạch')
    >>> leading_body("Tổ chức học tập, quán triệt Nghị quyết") is None
    True
    """
    text, prefixed = _strip_prefix(sentence)
    if not prefixed and text[:1].islower() or not _body_starts(text):
        return None  # a sentence starts with a capital; a lower-case start is a wrapped line's tail
    head = text[:SUBJECT_MAX_CHARS + 40]
    folded = fold(head)
    mask = LazyMask(folded)  # read only as far as the subject
    at = _predicate_start(head, folded, mask)
    colon = head.find(":", 0, COLON_MAX_CHARS)
    if colon > 0 and not mask[colon] and (at is None or colon < at):
        return _duties_after_colon(text, colon)
    if at is None:
        return None
    at = _verb_after_name(head, folded, mask, at) or at  # "Phòng Kinh tế| lập thủ tục ... và bố trí ..."
    subject = text[:at].rstrip(TRAILING_JUNK)
    mask.share(fold(subject))
    if not subject or SENTENCE_END_RE.search(subject) or not _all_bodies(subject):
        return None
    return subject, text[at:].strip()


def coordinating_bodies(after: str) -> list[str]:
    """The bodies named right after "phối hợp (với)", or [] when what follows is work, not bodies.

    Official names are matched whole before any verb-like word ends the list.

    >>> coordinating_bodies("Thuế tỉnh, Sở Xây dựng triển khai kiểm soát sản lượng")
    ['Thuế tỉnh', 'Sở Xây dựng']
    >>> coordinating_bodies("chặt chẽ trong việc phòng ngừa, phát hiện")
    []
    """
    units: list[str] = []
    for _ in range(MAX_LIST_PARTS):
        end = CLAUSE_END_RE.search(after, 0, SUBJECT_MAX_CHARS)
        bodies, whole = _list_part(after[:end.start() if end else SUBJECT_MAX_CHARS])
        units += bodies
        if not (whole and end and end.group() == ";"):
            break
        after = after[end.end():]  # "phối hợp với Sở A; các sở, ngành liên quan; UBND các huyện"
    return units


def _list_part(text: str) -> tuple[list[str], bool]:
    """The bodies a part of a coordinating list starts with, and whether they are all of it."""
    clause = text.strip()
    folded = fold(clause)
    mask = LazyMask(folded)  # read only as far as the subject
    stop = next((m.start() for m in LIST_END_RE.finditer(folded) if not mask[m.start() + 1]), len(clause))
    stop = min(stop, _name_end(clause, folded, mask) or stop)  # "UBND phường| triệu tập ..."
    whole = stop == len(clause)
    clause = clause[:stop]
    if not clause or not _body_starts(clause):
        return [], False
    sentence = clause[:1].upper() + clause[1:] + NOMINAL_PREDICATE  # the list read as a sentence's subject
    found = leading_body(sentence)
    if found is None:
        return [], False
    start = sentence.find(found[0])
    whole = whole and found[1] == NOMINAL_PREDICATE.strip()
    return split_units(clause[start:start + len(found[0])]), whole  # as written, "các" in lower case


def _duties_after_colon(text: str, colon: int) -> tuple[str, str] | None:
    """("Sở Công Thương", "Chủ trì ...") from "Sở Công Thương:** Chủ trì ...", if the head names bodies."""
    subject = text[:colon].rstrip(TRAILING_JUNK)
    rest = text[DUTIES_COLON_RE.match(text, colon).end():].strip()  # type: ignore[union-attr]
    if not subject or not rest or SENTENCE_END_RE.search(subject) or not _all_bodies(subject):
        return None
    return subject, rest


def is_body(text: str) -> bool:
    """Whether a heading names bodies (a responsibility block) rather than a piece of work.

    A numbered label, "Đề nghị"/"Giao" and a trailing ":" are ignored; a heading that goes on with
    a predicate ("Sở Y tế có trách nhiệm ...") is an assigning sentence, not a body.

    >>> is_body("3. Ban Tuyên giáo Thành ủy")
    True
    >>> is_body("UBND các huyện, thị xã, thành phố:")
    True
    >>> is_body("Tổ chức học tập, quán triệt Nghị quyết")
    False
    """
    text = unicodedata.normalize("NFC", text)
    label = HEADING_LABEL_RE.match(text)
    text = _strip_prefix(text[label.end():] if label else text)[0].rstrip(TRAILING_JUNK)
    if not text or not _body_starts(text) or leading_body(text) is not None:
        return False
    return _all_bodies(text)
