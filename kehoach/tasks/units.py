"""Unit lists: the bodies a plan names as lead or coordinating units (OUTPUT.md, section "Units").

Three entry points:

* ``split_units`` cuts a unit list into bodies: always at ";", at "," and "và" only where what follows
  starts a new body or group, never inside an official name or a fixed group of nouns listed in
  ``data/unit_names.txt``.
* ``is_body`` tells a heading that names bodies ("3. Ban Tuyên giáo Thành ủy") from one that names
  work ("3. Tổ chức học tập, quán triệt ...").
* ``leading_body`` splits an assigning sentence into the bodies it names first and the rest.

Matching works on a *fold* of the text: lower case, old tone placement made modern ("uỷ" -> "ủy",
"hoà" -> "hòa"), same length as the text, so every position found in the fold is one in the text.
No pattern backtracks over more than a bounded window; a 1 MB line costs a few linear passes.

    >>> split_units("Sở Tài chính, Sở Kế hoạch và Đầu tư và các cơ quan liên quan.")
    ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'các cơ quan liên quan']
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["is_body", "leading_body", "split_units", "strip_assign_prefix"]

NAMES_RESOURCE = "unit_names.txt"
# A full name in a "Người thực hiện" cell has three or four words.
PERSON_MIN_WORDS, PERSON_MAX_WORDS = 3, 4

from kehoach.lines.memo import per_parse
from kehoach.reading.normalize import modern_tones
from kehoach.lines.prefilter import Prefiltered
from kehoach.tasks.unit_words import (
    FAMILY_NAMES,
    BODY_HEADS, PERSON_HEADS, LOWERCASE_HEADS, STRICT_HEADS, STRICT_NEXT,
    NOT_A_HEAD, ORGANISATION_NEXT, PURPOSE_HEADS, PURPOSE_HEAD_VERBS, ORG_NOUNS,
    NOT_ORG_AFTER, BARE_NOUNS, SUBJECT_NOUNS, NEW_GROUP_NOUNS, LIST_NOUNS,
    NOT_BODY_ACRONYMS, PREDICATE_STARTS, BEFORE_BODY_PREDICATES, STRONG_PREDICATES, NOUN_OR_VERB,
    ASSIGN_PREFIXES,
)

# How far into a sentence the predicate is looked for (a subject is a list of names, not a page).
SUBJECT_MAX_CHARS = 600

# ---------------------------------------------------------------------------------------------------
# Folding: lower case and one tone placement, same length as the text.
# ---------------------------------------------------------------------------------------------------

@per_parse
def fold(text: str) -> str:
    """A matching key of the same length as ``text``: "Uỷ ban Khánh Hoà" -> "ủy ban khánh hòa".

    Lower case, and the old tone placement of "oa", "oe", "uy" moved to the modern one, so the
    patterns below are written in modern spelling.
    """
    low = text.lower()
    if len(low) != len(text):  # a few non-Vietnamese letters lower-case to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return modern_tones(low)


def _alt(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """One regex alternation of folded phrases, longest first, spaces matching any white space."""
    folded = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in folded)


# ---------------------------------------------------------------------------------------------------
# Compiled patterns. They run on folded text unless the comment says "original text".
# ---------------------------------------------------------------------------------------------------

# A word, for the name trie: "Bộ", "Kế", "hoạch", "2030".
WORD_RE = re.compile(r"\w+")

# What may stand between two words of a listed name: "Văn hóa, Thể thao", "Lao động - Thương binh".
NAME_GAP_RE = re.compile(r"\s+|\s*[,\-\u2013\u2014]\s*")

# A list separator: "Sở Nội vụ; Sở Tư pháp", "Sở Y tế, Sở Tài chính", "..., và các cơ quan",
# "Sở Tài chính và Ủy ban nhân dân các xã".
SEPARATOR_RE = re.compile(r";|,(?:\s*và(?!\w))?|(?<!\w)và(?!\w)")

# A comma inside an acronym, which never separates: "Ủy ban KH,CN&MT" (original text).
ACRONYM_COMMA_RE = re.compile(r"(?<=[A-ZĐ]),(?=[A-ZĐ])")

# A parenthesised remark, kept inside its unit: "Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)".
PAREN_RE = re.compile(r"\([^()\n]*\)")

# The head of a named body at a position: "Sở| Tài chính", "Ủy ban nhân dân| tỉnh", "VĂN PHÒNG| UBND".
BODY_HEAD_RE = re.compile(rf"(?:{_alt(BODY_HEADS)})(?!\w)")
# The head of a person or office holder: "Giám đốc| các Sở", "Trưởng| thôn", "đ/c| Phó chủ tịch".
PERSON_HEAD_RE = re.compile(rf"(?:{_alt(PERSON_HEADS)})(?!\w)")
# A head that starts a unit in lower case too: "..., ban cán sự đảng| các bộ, ngành và tỉnh ủy| ...".
LOWERCASE_HEAD_RE = re.compile(rf"(?:{_alt(LOWERCASE_HEADS)})(?!\w)")
# A matched head that needs a capital or place word after it: "Thanh tra| tỉnh" but "Thanh tra, kiểm tra".
STRICT_HEAD_RE = re.compile(rf"(?:{_alt(STRICT_HEADS)})")
# The word after a strict head that keeps it a body: "thanh tra| tỉnh", "lãnh đạo| các cơ quan".
STRICT_NEXT_RE = re.compile(rf"\s+(?:{_alt(STRICT_NEXT)})(?!\w)")
# "Ban hành ...", "Báo cáo ...", "Trường hợp ...": a head word that is not one here.
NOT_A_HEAD_RE = re.compile(rf"(?:{_alt(NOT_A_HEAD)})(?!\w)")

# "các sở", "những cơ quan", "toàn thể các đơn vị": a plural group of bodies.
PLURAL_GROUP_RE = re.compile(
    rf"(?:toàn\s+thể\s+|tất\s+cả\s+)?(?:các|những|mọi|một\s+số)\s+(?:{_alt(ORG_NOUNS)})(?!\w)")
# "các cơ sở dữ liệu": not bodies after all.
NOT_ORG_AFTER_RE = re.compile(rf"(?:các|những|mọi)\s+(?:{_alt(NOT_ORG_AFTER)})(?!\w)")
# "tổ chức" as a noun: "tổ chức quốc tế", "tổ chức liên quan".
ORGANISATION_RE = re.compile(rf"tổ\s+chức\s+(?:{_alt(ORGANISATION_NEXT)})(?!\w)")
# "các " / "những " before a plural noun: "các| đồng chí Chuyên viên".
PLURAL_WORD_RE = re.compile(r"(?:các|những)\s+")

# A bare group noun: "Sở Tài chính và |cơ quan, địa phương liên quan".
BARE_NOUN_RE = re.compile(rf"(?:{_alt(BARE_NOUNS)})(?!\w)")
# A group noun that may open a subject: "|Cơ quan, tổ chức, đơn vị, địa phương thực hiện công khai ...".
SUBJECT_NOUN_RE = re.compile(rf"(?:{_alt(SUBJECT_NOUNS)})(?!\w)")
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
FIELD_OF_WORK_RE = Prefiltered(re.compile(r"(?<!\w)lĩnh\s+vực(?!\w)"))

# An all-capitals token of two or more letters: "UBND", "HĐND", "VTV", "TTXVN", not a file name
# ("CTRTW31.DOC") (original text).
ACRONYM_RE = re.compile(r"[A-ZĐ][A-ZĐ0-9&\-]*[A-ZĐ0-9](?!\w)(?!\.\w)")
# A capitalised word that reads as one Vietnamese syllable, so no acronym: "KINH" (in "KINH PHÍ"),
# "BAN", "CA"; "VOV" and "UBND" do not read so.
SYLLABLE_RE = re.compile(
    r"(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CMNPT])?")
# A Roman numeral, which is no acronym: "mục III" (original text).
ROMAN_RE = re.compile(r"[IVXLC]+")

# A trailing "how" qualifier, which names no body: "các sở, ban, ngành Thành phố| trong phạm vi chức
# năng, nhiệm vụ của mình", "Sở Y tế| theo chức năng, nhiệm vụ được giao".
QUALIFIER_RE = Prefiltered(re.compile(
    r"\s+(?:trong\s+phạm\s+vi|theo|căn\s+cứ)\s+(?:chức\s+năng|nhiệm\s+vụ)"
    r"(?:\s*,\s*(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn)|\s+và\s+(?:nhiệm\s+vụ|quyền\s+hạn))*"
    r"(?:\s+(?:được\s+giao|của\s+mình|theo\s+quy\s+định))?[\s.,;]*$"
))
# How much of a unit's end the qualifier is looked for in.
QUALIFIER_WINDOW = 200

# Leading bullets and markdown of a unit (original text): "- *Sở Tư pháp" -> "Sở Tư pháp".
LEADING_JUNK_RE = re.compile(r"[\s\-+*•·–—_>]+")
# Trailing punctuation and markdown of a unit, stripped with str.rstrip: "Thành Đoàn..." -> "Thành Đoàn".
TRAILING_JUNK = " \t\n\r\f\v.,;:*_…-–—\u00a0"
# A run of blanks or line breaks inside a unit, written as one space: "Sở Thông tin và⏎Truyền thông".
SPACES_RE = re.compile(r"\s+")

# A numbered label before a heading (original text): "3. ", "1.2. ", "II- ", "a) ", "- ", "**3.** ".
HEADING_LABEL_RE = re.compile(
    r"[\s*#>]*(?:(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđA-ZĐ])[.)\-–]+\s*|[\-+*•–]\s+)[\s*]*")

# "Giao", "Giao cho", "Đề nghị", "Yêu cầu" before the subject: "Giao| Sở Y tế chủ trì ...".
ASSIGN_PREFIX_RE = re.compile(rf"(?:{_alt(ASSIGN_PREFIXES)})\s+")

# Where a predicate may start: "Sở Y tế| chủ trì, phối hợp ...", "Các sở, ngành| định kỳ báo cáo".
PREDICATE_RE = re.compile(rf"(?<!\w)(?:{_alt(PREDICATE_STARTS)})(?!\w)")
# A predicate that needs a body after it: "Ủy ban nhân dân tỉnh |giao| Sở Y tế chủ trì".
BEFORE_BODY_PREDICATE_RE = re.compile(rf"(?:{_alt(BEFORE_BODY_PREDICATES)})")
# What must follow such a predicate: "các", or a capital (checked in the original text).
BODY_NEXT_RE = re.compile(r"\s+các(?!\w)")
# A predicate that ends a subject holding a clause: "Các cơ quan được phân công ... |có trách nhiệm|".
STRONG_PREDICATE_RE = re.compile(rf"(?:{_alt(STRONG_PREDICATES)})")
# A word that is a noun or a verb: "..., |lãnh đạo| các cơ quan thuộc UBTVQH" (a noun there).
NOUN_OR_VERB_RE = re.compile(rf"(?:{_alt(NOUN_OR_VERB)})")
# A relative clause in the subject: "Các cơ quan| được phân công| chủ trì ... có trách nhiệm".
RELATIVE_CLAUSE_RE = Prefiltered(re.compile(r"(?<!\w)được\s+(?:giao|phân\s+công|lựa\s+chọn|chọn)(?!\w)"))
# Just before a noun-or-verb word, making it a noun: "..., lãnh đạo các cơ quan", "các tổ chức".
NOUN_CONTEXT_RE = re.compile(r"(?:[,;]|(?<!\w)(?:các|những|và|cơ\s+quan))\s*$")
# Just before a verb, making it part of the subject: a passive ("được| giao"), a field of work
# ("phụ trách lĩnh vực| giám sát", "công tác| tuyên truyền", "về| chuyển đổi số").
NOT_PREDICATE_BEFORE_RE = re.compile(r"(?<!\w)(?:được|lĩnh\s+vực|phụ\s+trách|công\s+tác|về)\s+$")
# Just before a verb, a purpose head whose name goes on: "Ban Chỉ đạo| thực hiện hỗ trợ nhà ở".
PURPOSE_HEAD_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(PURPOSE_HEADS)})\s+$")
# A verb that is still the predicate right after a purpose head: "Ban Chỉ đạo |chủ trì| ...".
PURPOSE_HEAD_VERB_RE = re.compile(rf"(?:{_alt(PURPOSE_HEAD_VERBS)})")
# What ends a subject whose purpose head goes on with a verb: a strong or a purpose-head verb.
PURPOSE_CLAUSE_END_RE = re.compile(rf"(?:{_alt(STRONG_PREDICATES + PURPOSE_HEAD_VERBS)})")
# How much text before a verb the patterns above look at.
BEFORE_WINDOW = 24

# A field label, which is no assigning sentence: "Đơn vị chủ trì thực hiện: Sở Tư pháp".
FIELD_LABEL_RE = re.compile(r"(?:đơn\s+vị|cơ\s+quan)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)[^:\n]{0,40}:")
# A field name used as a heading, which names no body: "a) Cơ quan chủ trì", "2. Cơ quan chủ trì, phối hợp".
FIELD_NAME_RE = re.compile(
    r"(?:đơn\s+vị|cơ\s+quan)(?:[\s,]+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu))+[\s:.]*")

# A sentence end inside a would-be subject: "Sở Y tế. Tổ chức ...", "UBKT các cấp:** Triển khai".
SENTENCE_END_RE = re.compile(r"[.!?:][*_]*(?:\s|$)")
# The colon after a body that heads its duties: "**Sở Công Thương:** Chủ trì ..." (original text).
DUTIES_COLON_RE = re.compile(r"[*_]*:[*_\s]*")
# How far into a sentence the colon of "Sở X: ..." may stand.
COLON_MAX_CHARS = 200


# ---------------------------------------------------------------------------------------------------
# Listed names: a trie of folded words, leftmost-longest match.
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Span:
    """A listed name found in the text."""

    start: int
    end: int
    group: bool  # a fixed group of nouns (lower-case entry), not the name of one body


_END = ""  # trie key marking the end of an entry; its value is the entry's ``group`` flag


def _load_names() -> list[str]:
    """The entries of data/unit_names.txt, comments and blank lines dropped."""
    try:
        data = resources.files("kehoach").joinpath("data", NAMES_RESOURCE)
        text = data.read_text(encoding="utf-8")
    except (NotADirectoryError, TypeError):  # an editable install that maps kehoach as a namespace
        text = (Path(__file__).parents[1] / "data" / NAMES_RESOURCE).read_text(encoding="utf-8")
    lines = (unicodedata.normalize("NFC", line.split("#", 1)[0]).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _build_trie(names: list[str]) -> dict:
    """A nested dict keyed by folded words; an entry's last node holds ``_END: group``."""
    trie: dict = {}
    for name in names:
        node = trie
        for word in WORD_RE.findall(fold(name)):
            node = node.setdefault(word, {})
        node.setdefault(_END, name[0].islower())
    return trie


NAME_TRIE = _build_trie(_load_names())


def _protected_spans(folded: str, first_only: bool = False) -> list[_Span]:
    """Listed names in ``folded``, leftmost-longest: "các sở, ban, ngành" -> the span of "sở, ban, ngành".

    Most words start no listed name: one dict lookup each. ``first_only`` looks at the first word alone.

    >>> [(s.start, s.end, s.group) for s in _protected_spans(fold("Các Sở, ban, ngành"))]
    [(4, 18, True)]
    """
    spans: list[_Span] = []
    resume, first = 0, True
    for word in WORD_RE.finditer(folded):
        if word.start() < resume:
            continue
        is_first, first = first, False
        node = NAME_TRIE.get(word.group())
        if node is not None and (is_first or folded[word.start() - 1] not in "-/&"):
            best: tuple[int, bool] | None = None
            end = word.end()
            while node is not None:
                if _END in node:
                    best = (end, node[_END])
                following = WORD_RE.search(folded, end)
                if following is None or not NAME_GAP_RE.fullmatch(folded, end, following.start()):
                    break
                node, end = node.get(following.group()), following.end()
            if best is not None:
                spans.append(_Span(word.start(), best[0], best[1]))
                resume = best[0]
        if first_only:
            break
    return spans


def _mask(folded: str, spans: list[_Span]) -> bytearray:
    """1 at every position inside a listed name or a parenthesis, where nothing is cut."""
    mask = bytearray(len(folded))
    for span in spans:
        mask[span.start:span.end] = b"\x01" * (span.end - span.start)
    for m in PAREN_RE.finditer(folded):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


# ---------------------------------------------------------------------------------------------------
# Heads: does a body start here?
# ---------------------------------------------------------------------------------------------------

def _head_at(text: str, folded: str, pos: int, lowercase_ok: bool) -> str | None:
    """The kind of body head at ``pos``: "plural", "acronym", "person", "body", or None.

    Named heads count only when capitalised in ``text``, unless ``lowercase_ok`` or listed in
    LOWERCASE_HEADS.

    >>> t = "Thanh tra tỉnh"; _head_at(t, fold(t), 0, False)
    'body'
    >>> t = "Thanh tra, kiểm tra"; _head_at(t, fold(t), 0, False) is None
    True
    """
    if NOT_A_HEAD_RE.match(folded, pos):
        return None
    if PLURAL_GROUP_RE.match(folded, pos) and not NOT_ORG_AFTER_RE.match(folded, pos):
        return "plural"
    m = ACRONYM_RE.match(text, pos)
    if m and not (ROMAN_RE.fullmatch(m.group()) or SYLLABLE_RE.fullmatch(m.group())) \
            and m.group() not in NOT_BODY_ACRONYMS:
        return "acronym"
    written_ok = lowercase_ok or text[pos:pos + 1].isupper() or bool(LOWERCASE_HEAD_RE.match(folded, pos))
    for kind, head_re in (("person", PERSON_HEAD_RE), ("body", BODY_HEAD_RE)):
        m = head_re.match(folded, pos)
        if not m or not written_ok:
            continue
        if STRICT_HEAD_RE.fullmatch(m.group()) and not _strict_ok(text, folded, m.end()):
            continue
        return kind
    return None


def _strict_ok(text: str, folded: str, end: int) -> bool:
    """After a strict head: a capitalised word or a place word ("Thanh tra| Chính phủ", "Thuế| tỉnh")."""
    if text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
        return True
    return bool(STRICT_NEXT_RE.match(folded, end))


def _word_start(folded: str, pos: int) -> int:
    """The first non-blank position at or after ``pos``."""
    while pos < len(folded) and folded[pos].isspace():
        pos += 1
    return pos


# ---------------------------------------------------------------------------------------------------
# split_units
# ---------------------------------------------------------------------------------------------------

class _Splitter:
    """The cutting decisions for one unit list; every method looks at a bounded window."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.spans = _protected_spans(self.folded)
        self.span_at = {span.start: span for span in self.spans}
        self.mask = _mask(self.folded, self.spans)
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
    unit = SPACES_RE.sub(" ", unit).strip()
    unit = unit[LEADING_JUNK_RE.match(unit).end() if LEADING_JUNK_RE.match(unit) else 0:]
    tail = max(0, len(unit) - QUALIFIER_WINDOW)
    qualifier = QUALIFIER_RE.search(fold(unit[tail:].rstrip(TRAILING_JUNK)))
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
    words = unit.split()
    if len(words) < 2 * PERSON_MIN_WORDS or not all(w[0].isupper() and w[1:].islower() for w in words):
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
    m = ASSIGN_PREFIX_RE.match(fold(text[:40]))
    return (text[m.end():], True) if m else (text, False)


def strip_assign_prefix(text: str) -> str:
    """A heading without its bullet and its "Giao"/"Đề nghị"/"Khuyến khích": '- Đề nghị Sở Y tế' -> 'Sở Y tế'."""
    return _strip_prefix(text)[0]


@per_parse
def _body_starts(text: str) -> bool:
    """Whether ``text`` begins with the name of a body or a group of bodies.

    >>> _body_starts("Các cơ quan, đơn vị xây dựng"), _body_starts("Xã hội hóa các nguồn lực")
    (True, False)
    """
    text = text[:120]
    folded = fold(text)
    if not folded or FIELD_LABEL_RE.match(folded) or FIELD_NAME_RE.fullmatch(folded):
        return False
    if _head_at(text, folded, 0, lowercase_ok=True) or ORGANISATION_RE.match(folded):
        return True
    spans = _protected_spans(folded, first_only=True)
    if spans and spans[0].start == 0 and (
            BODY_HEAD_RE.match(folded) or spans[0].group and BARE_NOUN_RE.match(folded)):
        return True  # "tổ chức chính trị - xã hội", "xã, phường, thị trấn", "Báo và Phát thanh, ..."
    return not NOT_A_HEAD_RE.match(folded) and bool(SUBJECT_NOUN_RE.match(folded))


def _predicate_start(text: str, folded: str, mask: bytearray) -> int | None:
    """Where the predicate after the subject begins, or None when there is none.

    After a relative clause ("được phân công ...") only a STRONG_PREDICATES verb ends the subject;
    after a purpose head's verb ("Ban Chỉ đạo thực hiện ...") also a PURPOSE_HEAD_VERBS one.
    """
    ends_clause: re.Pattern[str] | None = None  # set once the subject holds a clause
    for m in PREDICATE_RE.finditer(folded, 1, min(len(folded), SUBJECT_MAX_CHARS)):
        if mask[m.start()] or text[m.start()].isupper():
            continue  # inside a listed name, or a capitalised word of a name ("Sở Xây dựng")
        if BEFORE_BODY_PREDICATE_RE.fullmatch(m.group()) and not (
                text[m.end() + 1:m.end() + 2].isupper() or BODY_NEXT_RE.match(folded, m.end())):
            continue  # "Cảnh sát giao thông", not "UBND tỉnh giao Sở Y tế"
        window = max(0, m.start() - BEFORE_WINDOW)
        if NOUN_OR_VERB_RE.fullmatch(m.group()) and NOUN_CONTEXT_RE.search(folded, window, m.start()):
            continue  # "..., lãnh đạo các cơ quan thuộc UBTVQH": a noun here
        if NOT_PREDICATE_BEFORE_RE.search(folded, window, m.start()):
            continue  # "được giao| chủ trì", "phụ trách lĩnh vực| giám sát"
        if ends_clause is None and PURPOSE_HEAD_BEFORE_RE.search(folded, window, m.start()) \
                and not PURPOSE_HEAD_VERB_RE.fullmatch(m.group()):
            ends_clause = PURPOSE_CLAUSE_END_RE  # "Ban Chỉ đạo| thực hiện hỗ trợ nhà ở cho ..."
            continue
        if ends_clause is None and RELATIVE_CLAUSE_RE.search(folded, 0, m.start()):
            ends_clause = STRONG_PREDICATE_RE  # "Các cơ quan được phân công chủ trì ...| có trách nhiệm"
        if ends_clause is not None and not ends_clause.fullmatch(m.group()):
            continue
        return m.start()
    return None


def _all_bodies(subject: str) -> bool:
    """Whether every unit of ``subject`` starts like a body ("Sở Y tế, trên cơ sở đó" does not)."""
    units = split_units(subject)
    return bool(units) and all(_body_starts(unit) for unit in units)


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
    mask = _mask(folded, _protected_spans(folded))
    at = _predicate_start(head, folded, mask)
    colon = head.find(":", 0, COLON_MAX_CHARS)
    if colon > 0 and not mask[colon] and (at is None or colon < at):
        return _duties_after_colon(text, colon)
    if at is None:
        return None
    subject = text[:at].rstrip(TRAILING_JUNK)
    if not subject or SENTENCE_END_RE.search(subject) or not _all_bodies(subject):
        return None
    return subject, text[at:].strip()


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
