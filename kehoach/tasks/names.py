"""Name matching for unit lists: official names, body heads and the predicate after a subject.

``unit_lists`` cuts and reads unit lists with what this module finds:

* the official names and fixed groups of nouns listed in ``data/unit_names.txt`` (``listed.protected_spans``),
  where a list is never cut;
* the head a body starts with ("Sở", "Ủy ban nhân dân", "các sở", "UBND", "Giám đốc") (``_head_at``);
* whether a text starts with a body (``_body_starts``) and where the predicate after it begins
  (``_predicate_start``).

Matching works on a *fold* of the text: lower case, old tone placement made modern ("uỷ" -> "ủy",
"hoà" -> "hòa"), same length as the text, so every position found in the fold is one in the text.
No pattern backtracks over more than a bounded window; a 1 MB line costs a few linear passes.
"""
from __future__ import annotations

import re

from kehoach.lines.alternation import phrase_trie
from kehoach.lines.memo import per_parse
from kehoach.lines.patterns import ASSIGN_VERB_RE, uni
from kehoach.lines.prefilter import Prefiltered
from kehoach.tasks.listed import Mask, protected_spans
from kehoach.tasks.words import WORD_RE, fold, is_head_word
from kehoach.tasks.unit_words import (
    BODY_HEADS, PERSON_HEADS, LOWERCASE_HEADS, STRICT_HEADS, STRICT_NEXT,
    NOT_A_HEAD, ORGANISATION_NEXT, PURPOSE_HEADS, PURPOSE_HEAD_VERBS, ORG_NOUNS,
    NOT_ORG_AFTER, BARE_NOUNS, SUBJECT_NOUNS,
    NOT_BODY_ACRONYMS, PREDICATE_STARTS, BEFORE_BODY_PREDICATES, STRONG_PREDICATES, NOUN_OR_VERB,
    NAME_END_WORDS, NAME_TAIL_WORDS,
)

__all__ = ["fold", "names_body"]

# How far into a sentence the predicate is looked for (a subject is a list of names, not a page).
SUBJECT_MAX_CHARS = 600

# ---------------------------------------------------------------------------------------------------
# Positions and alternations; the fold itself (lower case, one tone placement) is ``words.fold``.
# ---------------------------------------------------------------------------------------------------

def _word_start(folded: str, pos: int) -> int:
    """The first non-blank position at or after ``pos``."""
    while pos < len(folded) and folded[pos].isspace():
        pos += 1
    return pos


def _alt(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """One prefix-factored alternation of folded phrases, longest first, spaces matching any white space."""
    return phrase_trie(fold(p) for p in phrases)


# ---------------------------------------------------------------------------------------------------
# Compiled patterns. They run on folded text unless the comment says "original text".
# ---------------------------------------------------------------------------------------------------

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

# A bare group noun: "Sở Tài chính và |cơ quan, địa phương liên quan".
BARE_NOUN_RE = re.compile(rf"(?:{_alt(BARE_NOUNS)})(?!\w)")
# A group noun that may open a subject: "|Cơ quan, tổ chức, đơn vị, địa phương thực hiện công khai ...".
SUBJECT_NOUN_RE = re.compile(rf"(?:{_alt(SUBJECT_NOUNS)})(?!\w)")

# An all-capitals token of two or more letters: "UBND", "HĐND", "VTV", "TTXVN", not a file name
# ("CTRTW31.DOC") (original text).
ACRONYM_RE = re.compile(r"[A-ZĐ][A-ZĐ0-9&\-]*[A-ZĐ0-9](?!\w)(?!\.\w)")
# A capitalised word that reads as one Vietnamese syllable, so no acronym: "KINH" (in "KINH PHÍ"),
# "BAN", "CA"; "VOV" and "UBND" do not read so.
SYLLABLE_RE = re.compile(
    r"(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CMNPT])?")
# A word written with a capital, where the name of a body or an office may start: "Sở", "Giám| đốc" (original
# text).
CAPITALISED_WORD_RE = re.compile(uni(r"(?<!\w)\p{Lu}\w*"))
# A Roman numeral, which is no acronym: "mục III" (original text).
ROMAN_RE = re.compile(r"[IVXLC]+")

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
# A relative clause in the subject: "Các cơ quan| được phân công| chủ trì ... có trách nhiệm", "Cơ quan, đơn vị|
# trực tiếp quản lý| người lao động có trách nhiệm ...", "Cơ quan| có thẩm quyền| quyết định thành lập ... có ...".
RELATIVE_CLAUSE_RE = Prefiltered(
    r"(?<!\w)(?:được\s+(?:giao|phân\s+công|lựa\s+chọn|chọn)|trực\s+tiếp\s+quản\s+lý|có\s+thẩm\s+quyền)(?!\w)")
# Just before a noun-or-verb word, making it a noun: "..., lãnh đạo các cơ quan", "các tổ chức".
NOUN_CONTEXT_RE = re.compile(r"(?:[,;]|(?<!\w)(?:các|những|và|cơ\s+quan))\s*$")
# Just before a verb, making it part of the subject: a passive ("được| giao"), a field of work
# ("phụ trách lĩnh vực| giám sát", "công tác| tuyên truyền", "về| chuyển đổi số", "việc| lập quy hoạch"), or a
# classifier making it a noun ("Thư ký cuộc| họp", "buổi| tập huấn").
NOT_PREDICATE_BEFORE_RE = re.compile(r"(?<!\w)(?:được|lĩnh\s+vực|phụ\s+trách|công\s+tác|về|việc|cuộc|buổi)\s+$")
# A purpose head anywhere in a subject: "Hội đồng Phối hợp phổ biến, giáo dục pháp luật".
PURPOSE_HEAD_RE = re.compile(rf"(?<!\w)(?:{_alt(PURPOSE_HEADS)})(?!\w)")
# Just before a verb, a purpose head whose name goes on: "Ban Chỉ đạo| thực hiện hỗ trợ nhà ở".
PURPOSE_HEAD_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(PURPOSE_HEADS)})\s+$")
# A verb that is still the predicate right after a purpose head: "Ban Chỉ đạo |chủ trì| ...".
PURPOSE_HEAD_VERB_RE = re.compile(rf"(?:{_alt(PURPOSE_HEAD_VERBS)})")
# What ends a subject whose purpose head goes on with a verb: a strong or a purpose-head verb.
PURPOSE_CLAUSE_END_RE = re.compile(rf"(?:{_alt(STRONG_PREDICATES + PURPOSE_HEAD_VERBS)})")
# An auxiliary before the verb, which the predicate starts with: "Các đơn vị, địa phương |có| báo cáo về ...".
AUXILIARY_BEFORE_RE = re.compile(r"(?<!\w)có\s+$")
# A word that ends a name, and the word after it: "UBND phường| triệu| tập cử tri", "các đơn vị liên quan| mở".
NAME_END_RE = re.compile(rf"(?<!\w)(?:{_alt(NAME_END_WORDS)})\s+(?=\w)")
# A word that goes on with a name after its place word: "Ủy ban nhân dân xã |nơi| người đó cư trú", "Liên minh
# Hợp tác xã |tỉnh|".
NAME_TAIL_RE = re.compile(rf"(?:{_alt(NAME_TAIL_WORDS + NAME_END_WORDS)})(?!\w)")
# How many lower-case words a name may end with before a verb: "Sở Giao thông| vận tải| lập ...".
NAME_TAIL_MAX_WORDS = 3
# How far after a word an assigning verb is read: "lập thủ tục tạm ứng".
VERB_WINDOW = 60
# How much text before a verb the patterns above look at.
BEFORE_WINDOW = 24

# A field label, which is no assigning sentence: "Đơn vị chủ trì thực hiện: Sở Tư pháp".
FIELD_LABEL_RE = re.compile(r"(?:đơn\s+vị|cơ\s+quan)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)[^:\n]{0,40}:")
# A field name used as a heading, which names no body: "a) Cơ quan chủ trì", "2. Cơ quan chủ trì, phối hợp".
FIELD_NAME_RE = re.compile(
    r"(?:đơn\s+vị|cơ\s+quan)(?:[\s,]+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu))+[\s:.]*")


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


@per_parse
def _body_starts(text: str) -> bool:
    """Whether ``text`` begins with the name of a body or a group of bodies.

    >>> _body_starts("Các cơ quan, đơn vị xây dựng"), _body_starts("Xã hội hóa các nguồn lực")
    (True, False)
    """
    text = text[:120]
    word = WORD_RE.match(text)  # the first word alone is folded to tell most texts apart
    if word is None or not is_head_word(word.group()) and not ACRONYM_RE.match(text):
        return False  # "Triển khai ...", "Xây dựng ...": no head pattern can match
    folded = fold(text)
    if FIELD_LABEL_RE.match(folded) or FIELD_NAME_RE.fullmatch(folded):
        return False
    if _head_at(text, folded, 0, lowercase_ok=True) or ORGANISATION_RE.match(folded):
        return True
    spans = protected_spans(folded, first_only=True)
    if spans and spans[0].start == 0 and (
            BODY_HEAD_RE.match(folded) or spans[0].group and BARE_NOUN_RE.match(folded)):
        return True  # "tổ chức chính trị - xã hội", "xã, phường, thị trấn", "Báo và Phát thanh, ..."
    return not NOT_A_HEAD_RE.match(folded) and bool(SUBJECT_NOUN_RE.match(folded))


# ---------------------------------------------------------------------------------------------------
# Predicates: where does the subject end?
# ---------------------------------------------------------------------------------------------------

def _in_head(folded: str, pos: int) -> bool:
    """Whether ``pos`` falls inside the head of a body that starts a few words before it: "ban |quản lý"."""
    for word in WORD_RE.finditer(folded, max(0, pos - BEFORE_WINDOW), pos):
        at = word.start()
        if (at == 0 or not folded[at - 1].isalnum()) and (m := BODY_HEAD_RE.match(folded, at)) and m.end() > pos:
            return True
    return False


def _predicate_start(text: str, folded: str, mask: Mask) -> int | None:
    """Where the predicate after the subject begins, or None when there is none.

    With no known verb, the subject ends after a word that ends a name (``_name_end``).
    After a relative clause ("được phân công ...") only a STRONG_PREDICATES verb ends the subject;
    after a purpose head's verb ("Ban Chỉ đạo thực hiện ...") also a PURPOSE_HEAD_VERBS one.
    """
    ends_clause: re.Pattern[str] | None = None  # set once the subject holds a clause
    for m in PREDICATE_RE.finditer(folded, 1, min(len(folded), SUBJECT_MAX_CHARS)):
        if mask[m.start()] or text[m.start()].isupper() or _in_head(folded, m.start()):
            continue  # inside a listed name, a capitalised word of a name ("Sở Xây dựng"), a head ("Ban quản lý")
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
        if ends_clause is None and (RELATIVE_CLAUSE_RE.search(folded, 0, m.start())
                                    or RELATIVE_CLAUSE_RE.match(folded, m.start())):
            ends_clause = STRONG_PREDICATE_RE  # "Các cơ quan được phân công chủ trì ...| có trách nhiệm"
        if ends_clause is not None and not ends_clause.fullmatch(m.group()) and not (
                ends_clause is PURPOSE_CLAUSE_END_RE and _verb_pair(folded, m.end())):
            continue  # but a verb and the verb it governs end a purpose head's name: "... cách mạng| tổ chức kiểm tra"
        aux = AUXILIARY_BEFORE_RE.search(folded, window, m.start())
        return aux.start() if aux else m.start()
    return _name_end(text, folded, mask)  # a verb no pattern knows after a whole name: "UBND tỉnh| xem xét ..."


def _verb_pair(folded: str, end: int) -> bool:
    """Whether a second predicate start follows the one ending at ``end``, after a blank; the first governs it:
    "tổ chức| kiểm tra", "chỉ đạo| rà soát" (PREDICATE_RE again, not one more pattern of the same words).

    >>> _verb_pair("tổ chức kiểm tra", 7), _verb_pair("tổ chức hội nghị", 7)
    (True, False)
    """
    start = _word_start(folded, end)
    return start > end and bool(PREDICATE_RE.match(folded, start))


def _name_end(text: str, folded: str, mask: Mask) -> int | None:
    """Where a list of bodies runs into a verb no pattern knows, after a word that ends a name: "UBND
    phường| triệu tập cử tri", "Ủy ban nhân dân xã| xác minh và trả lời" (not "... xã| nơi ..."), "các đơn vị
    liên quan| mở lớp"."""
    for m in NAME_END_RE.finditer(folded):
        at = m.end()
        if not mask[at] and text[at].islower() and not NAME_TAIL_RE.match(folded, at):
            return m.end() - len(m.group()) + len(m.group().rstrip())
    return None


def _verb_after_name(text: str, folded: str, mask: Mask, end: int) -> int | None:
    """Where a subject runs into an assigning verb after a name has begun with a capital: "Phòng Kinh tế|
    lập thủ tục tạm ứng và bố trí ..." (not "Ban điều hành ...", "Ban Chỉ đạo xây dựng ...", "các tổ chức")."""
    named = False  # a capitalised word after the first: a name has begun
    tail = 0  # lower-case words since the last capitalised one: "Sở Giao thông| vận tải"
    for word in WORD_RE.finditer(text, 0, end):
        at = word.start()
        if word.group()[0].isupper() or mask[at]:  # a capitalised word, or one of a listed name
            named, tail = named or at > 0 and word.group()[0].isupper(), 0
            continue
        tail += 1
        window = max(0, at - BEFORE_WINDOW)
        if named and tail <= NAME_TAIL_MAX_WORDS and ASSIGN_VERB_RE.match(text[at:at + VERB_WINDOW]) \
                and not NOT_PREDICATE_BEFORE_RE.search(folded, window, at) \
                and not NOUN_CONTEXT_RE.search(folded, window, at) and not _in_head(folded, at) \
                and not PURPOSE_HEAD_RE.search(folded, 0, at) and not RELATIVE_CLAUSE_RE.search(folded, 0, at):
            return at
    return None


def names_body(text: str) -> bool:
    """Whether a paragraph names a body anywhere: a capitalised head of a body or an office.

    Cheap enough for the paragraphs that yielded no task; only capitalised words are looked at.

    >>> names_body("Tổ chức kiểm tra; Sở Y tế báo cáo kết quả"), names_body("Tổ chức tập huấn cho cán bộ")
    (True, False)
    """
    head = text[:SUBJECT_MAX_CHARS]
    folded = None  # the whole head is folded only once a capitalised word may start a head
    for word in CAPITALISED_WORD_RE.finditer(head):
        if not is_head_word(word.group()):
            continue  # "Kế hoạch", "Nghị quyết": no head starts so, no pattern runs
        folded = fold(head) if folded is None else folded
        if _head_at(head, folded, word.start(), False) in ("body", "person"):
            return True
    return False
