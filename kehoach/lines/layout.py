"""Layout recovery: the header and the signature block as a reader sees them, before any rule reads them.

Web copies of legal texts flatten the header and the signature block into single lines:

    ỦY BAN NHÂN DÂN TỈNH X -------
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
    Số: 12/QĐ-UBND X, ngày 3 tháng 2 năm 2024 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH ... ỦY BAN NHÂN DÂN TỈNH X
    TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A KẾ HOẠCH ... (Ban hành kèm theo ...)

``recover_layout`` cuts such lines where a reader sees the boundaries (separator dashes, the motto,
the number, the place-date, the type word, the enacting authority after the title; the signing
markers, the position, the signer's name, a type word after the name) and returns the canonical
lines, each with the 1-based source line it came from. Lines it does not cut are returned as they
were, so a document laid out canonically reads exactly as before.
"""
from __future__ import annotations

import re

from kehoach.lines import patterns as P
from kehoach.lines.labels import rejoin_labels
from kehoach.lines.widths import WRAP_MIN_CHARS

# How far down the header may reach (source lines).
HEADER_MAX_LINES = 40
# Lines of prose a web page may print above the header (its own caption) before the text counts as headerless.
PROSE_BEFORE_HEADER = 3
# How many lines a title may run over after its type word, looking for the enacting authority.
TITLE_MAX_LINES = 8

# "-------", "_______", "=======" after or inside a header cell: "ỦY BAN NHÂN DÂN TỈNH X -------"
SEPARATOR_RE = re.compile(r"\s*(?:-{3,}|_{3,}|={3,}|–{3,})\s*")
# The national motto and the party's name, each a piece of its own:
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM"
MOTTO_PIECE_RE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|[ĐđD]ộc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
)
# The document number with its "Số": "Số: 435/QĐ-UBND", "Số 31-CTr/TW", "Số: /KH-MTTQ-BTT", "Số: 3210/QĐ - UBND"
NUMBER_PIECE_RE = re.compile(rf"(?<!\S)Số\s*:?\s*{P.DOC_NUMBER}")
# A type word opening a piece: "QUYẾT ĐỊNH V/V BAN HÀNH ...", "KẾ HOẠCH Triển khai ...", "CHƯƠNG TRÌNH HÀNH ĐỘNG ...",
# after a draft's marker, which stands on a line of its own above it: "(DỰ THẢO) ĐỀ ÁN Tăng cường quản lý ..."
TYPE_PIECE_RE = re.compile(rf"^(?:(?P<draft>\(?DỰ\s+THẢO\)?)\s+)?(?P<type>{P.DOC_TYPE_WORDS})\s+(?P<rest>\S.*)$")
# A body name that starts inside a run of header capitals, the parent body before it:
# "ỦY BAN MTTQ VIỆT NAM XÃ X BAN THƯỜNG TRỰC" -> cut before "BAN"; "UBND TỈNH X SỞ Y TẾ" -> before "SỞ"
# (not "ỦY BAN", "TRƯỞNG BAN", "VĂN PHÒNG", "TỔNG CỤC", "ĐẢNG BỘ")
ISSUER_INNER_HEAD_RE = re.compile(
    r"(?<!\bỦY)(?<!\bUỶ)(?<!TRƯỞNG)(?<!\bVĂN)(?<!\bTỔNG)(?<!\bCHI)\s+"
    r"(?=(?:BAN|SỞ|PHÒNG|CHI\s+CỤC|CỤC|TRUNG\s+TÂM|VĂN\s+PHÒNG|ĐẢNG\s+ĐOÀN|ĐẢNG\s+(?:ỦY|UỶ)|BAN\s+CÁN\s+SỰ)\s+\S)"
)
# A word that ties what follows to the title, so what follows is no enacting authority: "... CỦA ỦY BAN NHÂN DÂN TỈNH X"
TITLE_TIE_WORDS = frozenset({"CỦA", "VỀ", "VÀ", "VỚI", "CHO", "TẠI", "TRÊN", "THUỘC", "ĐỐI", "TỪ", "ĐẾN", "V/V"})
# A position that may stand before the enacting authority: "... NĂM 2024 BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
AUTHORITY_POSITION_RE = re.compile(
    r"(?:PHÓ\s+)?(?:BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|CỤC\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG)$"
)
# A note under the signing position: "(Đã ký)", "[đã ký]", "(ký, ghi rõ họ tên)"
SIGNED_NOTE_RE = re.compile(r"^[(\[](?:đã\s+ký|ký)[^)\]]{0,40}[)\]]$", re.IGNORECASE)
# A signing marker at a word start: "TM.", "T/M", "KT.", "TL.", "TUQ.", "Q."
SIGN_MARKER_RE = re.compile(r"^(?:T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)$")
# A position ending a run of signature capitals: "... KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "TM. BAN THƯỜNG TRỰC CHỦ TỊCH"
TRAILING_POSITION_RE = re.compile(
    r"(?<!\bBAN)\s+(?P<position>(?:PHÓ\s+)?(?:BÍ\s+THƯ|CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|GIÁM\s+ĐỐC"
    r"|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|CỤC\s+TRƯỞNG|TRƯỞNG\s+PHÒNG|VỤ\s+TRƯỞNG))$"
)
# One word of a person's name: "Nguyễn", "Thị", "Tháp" (a capital, then small letters only)
NAME_WORD_RE = re.compile(P.uni(r"^\p{Lu}\p{Ll}{1,7}$"))
# Two words that open what follows a name, never end the name: "Nguyễn Văn A Kế hoạch ...", "... Phụ lục"
NAME_STOP_PAIRS = frozenset({"kế hoạch", "chương trình", "quyết định", "phụ lục", "nơi nhận", "căn cứ", "thực hiện"})
# Where an enacting authority's name may start: "ỦY BAN NHÂN DÂN TỈNH X", "BỘ TÀI NGUYÊN ...", "THỦ TƯỚNG CHÍNH PHỦ"
AUTHORITY_HEAD_RE = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|BỘ|SỞ|BAN|CỤC|TỔNG\s+CỤC|CHI\s+CỤC|TRUNG\s+TÂM|PHÒNG|VĂN\s+PHÒNG|ĐẢNG|THỦ\s+TƯỚNG"
    r"|CHÍNH\s+PHỦ|HỘI\s+ĐỒNG|TỈNH\s+(?:ỦY|UỶ)|THÀNH\s+(?:ỦY|UỶ)|HUYỆN\s+(?:ỦY|UỶ))\b"
)
# The line under an attached plan's title that says which decision issued it, a piece of its own:
# "(Ban hành kèm theo Quyết định số 435/QĐ-UBND ngày ...)", "(Kèm theo Quyết định số 59/QĐ-BTNMT ...)"
ATTACHED_NOTE_RE = re.compile(r"\((?:Ban\s+hành\s+)?[Kk]èm\s+theo\b[^()]{0,300}\)")
# A fixed phrase of a header or signature that hard wrapping may cut in two, so the line goes on in the next one:
# "... năm 2020 QUYẾT" + "ĐỊNH V/V BAN HÀNH ...", "Độc lập - Tự do -" + "Hạnh phúc", "KT. CHỦ" + "TỊCH ...",
# "Hạnh phúc Hải Phòng, ngày" + "tháng 11 năm 2025 KẾ HOẠCH ..." (the place and date)
FIXED_PHRASE_RE = re.compile(
    rf"{MOTTO_PIECE_RE.pattern}|{P.DOC_TYPE_WORDS}|(?:PHÓ\s+)?CHỦ\s+TỊCH|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN"
    rf"|{P.PLACE_DATE_RE.pattern}"
)
FIXED_PHRASE_MAX_CHARS = 60  # the motto, the longest of them, is 49 characters
# How many source lines a wrapped header or signature line may run over
WRAPPED_MAX_LINES = 4
# A document with a blank line after (nearly) every line, as Word's paragraph-per-line export writes it: at least
# this share of its lines, and this many lines. Its blank lines are spacing: in the header, where a blank line
# would end a cell or the title, they are dropped ('ỦY BAN NHÂN DÂN' + blank + 'TỈNH BẮC NINH' is one cell).
SPACED_SHARE = 0.9
SPACED_MIN_LINES = 10
# A cell boundary of a column layout; such lines are laid out already and are never cut here
COLUMN_LAYOUT_RE = re.compile(rf"\||\S(?:{P.COLUMN_GAP_RE.pattern})\S")
# A markdown heading mark or quote mark standing as a word: "# NGHỊ QUYẾT", "## Ban hành", "> Điều 1"
MARKUP_TOKEN_RE = re.compile(r"(?<!\S)(?:#{1,6}|>)(?=\s|$)")
# The characters markup and space may put before a line's first word: "**TM. ỦY BAN", "__KT. CHỦ TỊCH", "# QUYẾT ĐỊNH"
MARKUP_OR_SPACE = " \t*_#>"


def _plain(raw: str) -> str:
    """The words of a raw line without markup: '# NGHỊ QUYẾT ## Ban hành' -> 'NGHỊ QUYẾT Ban hành'."""
    text = raw.replace("**", " ").replace("__", " ")
    if "#" in text or ">" in text:
        text = MARKUP_TOKEN_RE.sub(" ", text)
    return " ".join(text.split())


def _may_open_caps(line: str) -> bool:
    """Whether the words of a raw line may open with a word in capitals (a signature's 'TM.', 'PHÓ CHỦ TỊCH'),
    read off its first two characters after any markup ('**TM. ...'): a small letter second rules it out ('Sở
    Y tế ...', '**Sở'), and so does a first character that is no capital ('- Tổ chức', '*-*', '2. Các')."""
    text = line.lstrip(MARKUP_OR_SPACE)
    first = text[:1]
    return first.isspace() or first.isupper() and not text[1:2].islower()  # (other space: left to _plain)


def _is_caps(text: str) -> bool:
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 2 and all(map(str.isupper, letters))


def _cut(pieces: list[str], rule: re.Pattern[str], *, keep: bool = True) -> list[str]:
    """Each piece cut before and after every match of ``rule`` (the match dropped unless ``keep``)."""
    out: list[str] = []
    for piece in pieces:
        pos = 0
        for m in rule.finditer(piece):
            out.append(piece[pos:m.start()])
            if keep:
                out.append(m.group(0))
            pos = m.end()
        out.append(piece[pos:])
    return [p.strip() for p in out if p.strip()]


class _Header:
    """What the header has shown so far, line by line."""

    def __init__(self) -> None:
        self.issuer_words: list[str] = []  # the words of the header capitals before the motto or number
        self.numbered = False  # the number line has been seen: no issuer capitals after it
        self.seen_type = False
        self.title_lines = 0
        self.seen_head = False  # a header line has been seen
        self.prose = 0  # lines of prose seen before any header line
        self.done = False

    def split(self, text: str) -> list[str] | None:
        """The canonical pieces of one header line, or None to keep it as it is."""
        if self.seen_type:
            return self._title_line(text)
        if P.PREAMBLE_RE.match(text) or P.ARTICLE_RE.match(text) or P.ROMAN_SECTION_RE.match(text):
            self.done = True
            return None
        if (m := P.DOC_TYPE_RE.match(text)) and not m.group("doc_rest").strip():
            self.seen_type = True  # 'KẾ HOẠCH' alone: the title follows on the next lines
            return None
        pieces = _cut([text], SEPARATOR_RE, keep=False)
        pieces = _cut(pieces, MOTTO_PIECE_RE)
        pieces = _cut(pieces, NUMBER_PIECE_RE)
        pieces = _cut(pieces, P.PLACE_DATE_RE)
        flattened = len(pieces) > 1 or SEPARATOR_RE.search(text) is not None
        out: list[str] = []
        for k, piece in enumerate(pieces):
            m = TYPE_PIECE_RE.match(piece)
            if m and (flattened or not _is_caps(m.group("rest"))):
                self.seen_type = True
                out += [m.group("draft")] if m.group("draft") else []
                out.append(m.group("type"))
                out.extend(self._title_line(m.group("rest")) or [m.group("rest")])
                out.extend(pieces[k + 1:])
                break
            if NUMBER_PIECE_RE.match(piece):
                self.numbered = True
            elif not self.numbered and _is_caps(piece) and not MOTTO_PIECE_RE.fullmatch(piece):
                self.issuer_words += piece.split()
                out.extend(p.strip() for p in ISSUER_INNER_HEAD_RE.split(piece))
                continue
            out.append(piece)
        if out == [text]:
            if _is_caps(text) or MOTTO_PIECE_RE.search(text) or NUMBER_PIECE_RE.match(text) or P.PLACE_DATE_RE.search(text):
                self.seen_head = True
            else:  # prose: the body, or a web page's own caption above the header ("Quyết định 435/QĐ-UBND năm 2020")
                self.prose += 1
                self.done = self.seen_head or self.prose >= PROSE_BEFORE_HEADER
            return None
        self.seen_head = True
        return out

    def _title_line(self, text: str) -> list[str] | None:
        """A line of the title: the enacting authority that ends it is a line of its own, after a blank."""
        self.title_lines += 1
        if self.title_lines > TITLE_MAX_LINES or not text or P.PREAMBLE_RE.match(text):
            self.done = True
            return None
        at = self._authority_at(text)
        if at is None:
            return None
        self.done = True
        return [text[:at].strip(), "", text[at:].strip()]

    def _authority_at(self, text: str) -> int | None:
        """Where the enacting authority starts at the end of a title line: '... MỚI” ỦY BAN NHÂN DÂN TỈNH X'."""
        issuer = self.issuer_words
        words = text.split()
        if len(issuer) < 2 or len(words) <= 2:
            return None
        for size in range(len(issuer), 1, -1):  # the longest tail of the issuer's name that ends the line
            if words[-size:] != issuer[-size:] or len(words) == size:
                continue
            start = len(words) - size
            if not AUTHORITY_HEAD_RE.match(" ".join(words[start:])):
                continue
            before = " ".join(words[:start])
            if pm := AUTHORITY_POSITION_RE.search(before):
                start = len(before[:pm.start()].split())
            if start == 0 or words[start - 1].strip("“”\"") in TITLE_TIE_WORDS:
                return None
            return len(" ".join(words[:start])) + 1
        return None


def _split_signature(text: str) -> list[str] | None:
    """'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A KẾ HOẠCH ...' -> its lines, or None."""
    if text.isupper():
        return None  # no small letter, so no signer's name: a heading in capitals ('II. NỘI DUNG'), most such lines
    words = text.split()
    k = 0
    while k < len(words) and (_is_caps(words[k]) or SIGN_MARKER_RE.match(words[k]) or not any(map(str.isalpha, words[k]))):
        k += 1
    caps = " ".join(words[:k])
    if not caps or not _is_caps(caps):
        return None
    note = None
    if k < len(words) and words[k][0] in "([":
        end = next((j for j in range(k, min(k + 8, len(words))) if words[j].endswith((")", "]"))), None)
        if end is not None and SIGNED_NOTE_RE.match(" ".join(words[k:end + 1])):
            note, k = " ".join(words[k:end + 1]), end + 1
    n = k
    while (n < len(words) and n - k < 5 and NAME_WORD_RE.match(words[n])
           and " ".join(words[n:n + 2]).lower() not in NAME_STOP_PAIRS):
        n += 1
    if n - k < 2:
        return None
    name, rest = " ".join(words[k:n]), " ".join(words[n:])
    if rest and not rest[0].isupper() and rest[0] not in "(":
        return None
    marked = SIGN_MARKER_RE.match(words[0]) is not None
    if not marked and not (P.POSITION_RE.match(caps) and (rest or len(words) <= 6)):
        return None
    out = _signature_caps(caps)
    out += [note] if note else []
    out.append(name)
    out += _after_signature(rest) if rest else []
    return out


def _signature_caps(caps: str) -> list[str]:
    """'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH' -> ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']."""
    parts = [p.strip() for p in re.split(r"\s+(?=(?:T/M|TM\.|KT\.|TL\.|TUQ\.)\s)", caps) if p.strip()]
    last = parts[-1]
    m = TRAILING_POSITION_RE.search(last)
    if m and not SIGN_MARKER_RE.match(last[:m.start()].strip()):  # not 'KT.' + 'CHỦ TỊCH': one line
        parts[-1:] = [last[:m.start()].strip(), m.group("position")]
    return parts


def _after_signature(rest: str) -> list[str]:
    """What a flattened signature runs into: an attached plan's type word and title, or another block."""
    m = TYPE_PIECE_RE.match(rest)
    if not m:
        return _cut([rest], ATTACHED_NOTE_RE)
    return [m.group("type"), *_cut([m.group("rest")], ATTACHED_NOTE_RE)]


def recover_layout(raw: list[str]) -> tuple[list[str], list[int] | None]:
    """The canonical lines of a document and, when any line was cut, each one's 1-based source line.

    ['Số: 12/KH-UBND X, ngày 3 tháng 2 năm 2024 KẾ HOẠCH Triển khai ...'] ->
    (['Số: 12/KH-UBND', 'X, ngày 3 tháng 2 năm 2024', 'KẾ HOẠCH', 'Triển khai ...'], [1, 1, 1, 1])
    """
    out: list[str] = []
    origin: list[int] = []
    cut = False
    header = _Header()
    spaced_head = _spaced_header(raw)
    k = 0  # the index of the next source line to read
    while k < len(raw) and (k < spaced_head or not header.done and k < HEADER_MAX_LINES):
        k, line_cut = _read_line(raw, k, header, spaced_head, out, origin)
        cut = line_cut or cut
    for at in _caps_openings(raw, k):  # the body: only a line opening in capitals may be a flattened signature
        if at < k:
            continue  # read already, with the signature line wrapped onto it
        out.extend(raw[k:at])
        origin.extend(range(k + 1, at + 1))
        k, line_cut = _read_line(raw, at, header, spaced_head, out, origin)
        cut = line_cut or cut
    out.extend(raw[k:])
    origin.extend(range(k + 1, len(raw) + 1))
    cut = rejoin_labels(out, origin, HEADER_MAX_LINES) or cut
    return out, (origin if cut else None)


def _read_line(raw: list[str], k: int, header: _Header, spaced_head: int, out: list[str],
               origin: list[int]) -> tuple[int, bool]:
    """Line index ``k`` read into ``out`` (its pieces, when it is cut, with ``origin``): the index of the next line
    to read (after those a wrapped header or signature line took) and whether anything was cut or dropped."""
    line, no = raw[k], k + 1
    if no <= spaced_head and not line.strip():
        return k + 1, True
    if (header.done or no > HEADER_MAX_LINES) and not _may_open_caps(line):
        out.append(line)  # a body line that opens no signature, kept as it is
        origin.append(no)
        return k + 1, False
    pieces = None
    skip = 0
    text = _plain(line) if line.strip() else ""
    if text and not COLUMN_LAYOUT_RE.search(line.strip()):
        in_header = not header.done and no <= HEADER_MAX_LINES
        if text[0].isupper() and _is_caps(text.split()[0]):
            text, skip = _unwrap(text, raw, no, signature=True)
            pieces = _split_signature(text)
            if pieces is None:
                text, skip = _plain(line), 0
        if pieces is None and in_header:
            text, skip = _unwrap(text, raw, no, signature=False)
            pieces = header.split(text)
    elif not text and header.seen_type and header.title_lines:
        header.done = True
    if pieces is None:
        out.append(line)
        origin.append(no)
        return k + 1 + skip, False
    out.extend(pieces)
    origin.extend([no] * len(pieces))
    return k + 1 + skip, True


def _caps_openings(raw: list[str], start: int) -> list[int]:
    """The indexes from ``start`` of the lines that may open with a word in capitals (``_may_open_caps``)."""
    return [k for k in range(start, len(raw)) if _may_open_caps(raw[k])]


def _spaced_header(raw: list[str]) -> int:
    """How many source lines the header of a spaced document takes (up to its preamble or first heading), or 0
    when the document is not spaced or its body start is not found."""
    lines = [k for k, line in enumerate(raw[:-2]) if line.strip()]
    if len(lines) < SPACED_MIN_LINES or len(raw) - len(lines) < SPACED_SHARE * len(lines):
        return 0  # too few blank lines to follow (nearly) every line: most documents, told without a second pass
    spaced = sum(1 for k in lines if not raw[k + 1].strip() and raw[k + 2].strip())
    if spaced < SPACED_SHARE * len(lines):
        return 0
    for k, line in enumerate(raw[:2 * HEADER_MAX_LINES]):
        text = _plain(line)
        if P.PREAMBLE_RE.match(text) or P.ARTICLE_RE.match(text) or P.ROMAN_SECTION_RE.match(text):
            return k
    return 0


def _unwrap(text: str, raw: list[str], no: int, *, signature: bool) -> tuple[str, int]:
    """A flattened header or signature line with the lines hard wrapping cut from it, and how many source
    lines it took (blank ones too).

    Only a line as long as a wrapped line is read on (a header cell 'ỦY BAN NHÂN' + 'DÂN' is a layout of its
    own); a reader reads on while the cut falls inside a fixed phrase ('... QUYẾT' + 'ĐỊNH V/V ...'), or, in a
    signature, while the signer's name has not ended ('... PHÓ CHỦ TỊCH Nguyễn Hữu' + 'Tháp CHƯƠNG TRÌNH ...').
    """
    taken = 0
    while len(text) >= WRAP_MIN_CHARS and taken < WRAPPED_MAX_LINES and no + taken < len(raw):
        at = no + taken + (not raw[no + taken].strip())  # one blank line between, as a paragraph-per-line export
        nxt = _plain(raw[at]) if at < len(raw) else ""
        if not nxt or COLUMN_LAYOUT_RE.search(raw[at].strip()):
            break
        joined = f"{text} {nxt}"
        phrases = FIXED_PHRASE_RE.finditer(joined, max(0, len(text) - FIXED_PHRASE_MAX_CHARS))
        if not any(m.start() < len(text) < m.end() for m in phrases) and not (signature and _name_goes_on(text, nxt)):
            break
        text, taken = joined, at - no + 1
    return text, taken


def _name_goes_on(text: str, nxt: str) -> bool:
    """A signature line that stops in its caps or its signer's name, the name going on in ``nxt``."""
    last, first = text.split()[-1], nxt.split()[0]
    if not NAME_WORD_RE.match(first) or " ".join(nxt.split()[:2]).lower() in NAME_STOP_PAIRS:
        return False
    return _is_caps(last) or NAME_WORD_RE.match(last) is not None
