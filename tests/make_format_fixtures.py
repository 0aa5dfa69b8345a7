"""Build .docx, .pdf and .html versions of the plain-text samples, and their legacy-font versions.

    python tests/make_format_fixtures.py [OUT_DIR]      # default: a new temporary directory

The tests call these builders into a temporary directory; nothing here is committed as binary.

* ``build_docx``: python-docx plus our own numbering part. Labelled lines become paragraphs with real
  Word automatic numbering (``w:numPr``): "I." / "II-" upperRoman, "A." upperLetter, "1." decimal,
  "Điều 1." decimal with a text prefix, "a)" lowerLetter, "-" and "+" bullets. When a label does not
  follow from the list's last one (numbering restarts under a new section), a new ``w:num`` with
  ``w:startOverride`` restarts it, as Word's "Restart at 1" does. Labels Word cannot produce ("đ)")
  stay typed. The two-column header becomes a borderless two-column table. ``legacy="tcvn3"`` or
  ``"vni"`` writes every run in .VnTime/.VnTimeH or VNI-Times with the font's code points.
* ``build_pdf``: fpdf2 with DejaVu Sans (Vietnamese glyphs), A4, wrapped lines, the header drawn
  column by column (as Word's PDF export does), page numbers at the top from page 2 and a running
  footer on every page.
* ``build_html``: "portal" (UTF-8, menus, breadcrumb, sidebar and footer around the document, ``<ol>``
  lists), "lists" (the same with ``<li><p>...</p></li>`` items, as LibreOffice exports lists), "word" (Word's "Save as Web Page": windows-1252, numeric entities, ``mso-list`` fallback
  numbers, conditional comments) and "cp1258" (``<meta charset=windows-1258>``, tones as combining
  marks).
* ``to_tcvn3`` / ``to_vni``: Unicode -> legacy code points, written from the standards' code charts
  independently of ``kehoach.reading.legacy`` (which decodes).
"""
from __future__ import annotations

import html
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
    Path("C:/Windows/Fonts/DejaVuSans.ttf"),
)
GAP_RE = re.compile(r" {3,}")

# --- legacy encoders (code charts) -----------------------------------------------------------------

# TCVN3 (ABC): for each base letter, the codes of [plain, grave, hook, tilde, acute, dot below].
_TCVN3_CHART = {
    "a": "a\xb5\xb6\xb7\xb8\xb9", "ă": "\xa8\xbb\xbc\xbd\xbe\xc6", "â": "\xa9\xc7\xc8\xc9\xca\xcb",
    "e": "e\xcc\xce\xcf\xd0\xd1", "ê": "\xaa\xd2\xd3\xd4\xd5\xd6", "i": "i\xd7\xd8\xdc\xdd\xde",
    "o": "o\xdf\xe1\xe2\xe3\xe4", "ô": "\xab\xe5\xe6\xe7\xe8\xe9", "ơ": "\xac\xea\xeb\xec\xed\xee",
    "u": "u\xef\xf1\xf2\xf3\xf4", "ư": "\xad\xf5\xf6\xf7\xf8\xf9", "y": "y\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3_CAPITALS = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7",
                   "đ": "\xae"}
_TONE_ORDER = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_BASE_MARKS = {"\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u0306": {"a": "ă"}, "\u031b": {"o": "ơ", "u": "ư"}}


def _split_letter(char: str) -> tuple[str, int] | None:
    """"ế" -> ("ê", 4): the base vowel and the tone's index in _TONE_ORDER; None for other characters."""
    parts = unicodedata.normalize("NFD", char.lower())
    base, tone = parts[0], 0
    for mark in parts[1:]:
        if mark in _TONE_ORDER:
            tone = _TONE_ORDER.index(mark)
        elif mark in _BASE_MARKS and base in _BASE_MARKS[mark]:
            base = _BASE_MARKS[mark][base]
        else:
            return None
    return (base, tone) if base in _TCVN3_CHART else None


def tcvn3_needs_capital_font(char: str) -> bool:
    """A capital TCVN3 cannot write in .VnTime ("Ế", "Ủ"): documents set it in .VnTimeH."""
    return char.isupper() and char not in _TCVN3_CAPITALS and _split_letter(char) is not None and (
        _split_letter(char)[1] != 0 or _split_letter(char)[0] not in "aeiouy")


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 code points: "Kế hoạch" -> "KÕ ho¹ch". Capitals it lacks get the small code."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _TCVN3_CAPITALS:
            out.append(_TCVN3_CAPITALS[char])
            continue
        split = _split_letter(char) if not char.isascii() else None
        out.append(_TCVN3_CHART[split[0]][split[1]] if split else char)
    return "".join(out)


# VNI-Windows: a base letter then mark bytes (lower-case marks after lower-case letters).
_VNI_SINGLE = {"ơ": "\xf4", "ư": "\xf6", "đ": "\xf1", "ĩ": "\xf3", "ị": "\xf2", "ỉ": "\xe6", "ỵ": "\xee",
               "ì": "\xec", "í": "\xed"}
_VNI_TONE = {"\u0301": "\xf9", "\u0300": "\xf8", "\u0309": "\xfb", "\u0303": "\xf5", "\u0323": "\xef"}
_VNI_CIRC = {"": "\xe2", "\u0301": "\xe1", "\u0300": "\xe0", "\u0309": "\xe5", "\u0303": "\xe3", "\u0323": "\xe4"}
_VNI_BREVE = {"": "\xea", "\u0301": "\xe9", "\u0300": "\xe8", "\u0309": "\xfa", "\u0303": "\xfc", "\u0323": "\xeb"}


def to_vni(text: str) -> str:
    """Unicode -> VNI-Windows code points: "Kế hoạch" -> "Keá hoaïch"."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        upper = char.isupper()
        low = char.lower()
        parts = unicodedata.normalize("NFD", low)
        if char.isascii() or len(parts) == 1 and low not in _VNI_SINGLE:
            out.append(char)
            continue
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in _VNI_TONE), "")
        if low in _VNI_SINGLE:
            code = _VNI_SINGLE[low]
        elif "\u031b" in marks:  # horn: ơ, ư are single code points, then the tone
            code = _VNI_SINGLE["ơ" if base == "o" else "ư"] + _VNI_TONE.get(tone, "")
        elif "\u0302" in marks:
            code = base + _VNI_CIRC[tone]
        elif "\u0306" in marks:
            code = base + _VNI_BREVE[tone]
        elif base == "i" and tone:
            code = {"\u0301": "\xed", "\u0300": "\xec", "\u0309": "\xe6", "\u0303": "\xf3", "\u0323": "\xf2"}[tone]
        elif base == "y" and tone == "\u0323":
            code = "\xee"
        else:
            code = base + _VNI_TONE.get(tone, "")
        out.append(code.upper() if upper else code)
    return "".join(out)


# --- structure of a sample --------------------------------------------------------------------------

def split_header(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """The two-column header at the top: [(left, right), ...] and the index of the first body line."""
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        text = raw.strip()
        if not text:
            i += 1
            continue
        if GAP_RE.search(text):
            left, right = GAP_RE.split(text, maxsplit=1)
            rows.append((left.strip(), right.strip()))
        elif rows and len(text) <= 20 and (raw.startswith("    ") or not any(c.isalnum() for c in text)):
            indent = len(raw) - len(raw.lstrip())
            rows.append(("", text) if indent > 30 else (text, ""))
        else:
            break
        i += 1
    if not any(right for _, right in rows):
        return [], 0
    return rows, i


LABELS = (  # family, pattern, numFmt, lvlText template ("%" is the number)
    ("article", re.compile(r"^Điều (\d+)\.\s+(.*)$"), "decimal", "Điều %."),
    ("roman_dash", re.compile(r"^([IVX]+)-\s+(.*)$"), "upperRoman", "%-"),
    ("roman", re.compile(r"^([IVX]+)\.\s+(\S.*)$"), "upperRoman", "%."),
    ("upper", re.compile(r"^([A-H])\.\s+(\S.*)$"), "upperLetter", "%."),
    ("decimal", re.compile(r"^(\d{1,2})\.\s+(\S.*)$"), "decimal", "%."),
    ("alpha", re.compile(r"^([a-z])\)\s+(\S.*)$"), "lowerLetter", "%)"),
    ("dash", re.compile(r"^(-)\s+(\S.*)$"), "bullet", "-"),
    ("plus", re.compile(r"^(\+)\s+(\S.*)$"), "bullet", "+"),
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def label_value(family_fmt: str, token: str) -> int:
    if family_fmt == "upperRoman":
        total = 0
        for a, b in zip(token, token[1:] + " "):
            value = _ROMAN_VALUES[a]
            total += -value if b != " " and _ROMAN_VALUES.get(b, 0) > value else value
        return total
    if family_fmt in ("upperLetter", "lowerLetter"):
        return ord(token.lower()) - ord("a") + 1
    if family_fmt == "decimal":
        return int(token)
    return 1


def classify(text: str):
    """(family, fmt, template, value, rest) for a labelled line, else None."""
    for family, pattern, fmt, template in LABELS:
        m = pattern.match(text)
        if m:
            if family == "upper" and not m.group(2)[:8].isupper():
                continue
            return family, fmt, template, label_value(fmt, m.group(1)), m.group(2)
    return None


# --- .docx --------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _NumberingBuilder:
    """Writes abstractNum/num elements and hands out numIds so Word would show the typed labels."""

    def __init__(self) -> None:
        self.abstract: dict[str, int] = {}
        self.current: dict[str, tuple[int, int]] = {}  # family -> (numId, last value)
        self.abstract_xml: list[str] = []
        self.num_xml: list[str] = []

    def num_for(self, family: str, fmt: str, template: str, value: int) -> int:
        if family not in self.abstract:
            aid = len(self.abstract) + 1
            self.abstract[family] = aid
            text = template.replace("%", "%1")
            suffix = '<w:suff w:val="space"/>' if family in ("dash", "plus") else ""
            self.abstract_xml.append(
                f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{suffix}'
                f'<w:lvlText w:val="{html.escape(text, quote=True)}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            )
        if fmt == "bullet":
            if family not in self.current:
                self.current[family] = (self._new_num(family, None), 0)
            return self.current[family][0]
        num, last = self.current.get(family, (0, 0))
        if not num or value != last + 1:
            num = self._new_num(family, value if value != 1 or num else None)
        self.current[family] = (num, value)
        return num

    def _new_num(self, family: str, start: int | None) -> int:
        nid = len(self.num_xml) + 1
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
        self.num_xml.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{self.abstract[family]}"/>{override}</w:num>')
        return nid

    def xml(self) -> str:
        return f'<w:numbering xmlns:w="{W}">{"".join(self.abstract_xml)}{"".join(self.num_xml)}</w:numbering>'


def _set_font(run, name: str) -> None:
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def _add_text(paragraph, text: str, legacy: str | None) -> None:
    """Runs for ``text``; in a legacy font, capitals TCVN3 lacks go in a .VnTimeH run."""
    if not legacy:
        paragraph.add_run(text)
        return
    if legacy == "vni":
        _set_font(paragraph.add_run(to_vni(text)), "VNI-Times")
        return
    pieces: list[tuple[bool, str]] = []
    for char in text:
        capital = tcvn3_needs_capital_font(char)
        if pieces and pieces[-1][0] == capital:
            pieces[-1] = (capital, pieces[-1][1] + char)
        else:
            pieces.append((capital, char))
    for capital, piece in pieces:
        _set_font(paragraph.add_run(to_tcvn3(piece.lower() if capital else piece)), ".VnTimeH" if capital else ".VnTime")


def build_docx(text: str, path: Path, *, legacy: str | None = None) -> Path:
    """A .docx of the plain text with Word automatic numbering (see the module docstring)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    lines = text.rstrip("\n").split("\n")
    header, start = split_header(lines)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    if header:
        table = document.add_table(rows=len(header), cols=2)
        for r, (left, right) in enumerate(header):
            for c, value in enumerate((left, right)):
                cell = table.cell(r, c)
                _add_text(cell.paragraphs[0], value, legacy)
    numbering = _NumberingBuilder()
    for raw in lines[start:]:
        line = raw.strip()
        paragraph = document.add_paragraph()
        if not line:
            continue
        found = classify(line)
        if found:
            family, fmt, template, value, rest = found
            num = numbering.num_for(family, fmt, template, value)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
            line = rest
        _add_text(paragraph, GAP_RE.sub("\t", line), legacy)
    part = document.part.numbering_part
    new = parse_xml(numbering.xml())
    for child in list(part.element):
        part.element.remove(child)
    for child in list(new):
        part.element.append(child)
    document.save(path)
    return path


# --- .pdf ---------------------------------------------------------------------------------------------

def font_path() -> Path | None:
    return next((p for p in FONT_PATHS if p.is_file()), None)


def build_pdf(text: str, path: Path) -> Path:
    """An A4 PDF of the plain text (fpdf2, DejaVu Sans): wrapped lines, page numbers and a footer."""
    from fpdf import FPDF

    font = font_path()
    if font is None:
        raise FileNotFoundError("DejaVuSans.ttf not found")

    class Plan(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVu", size=10)
                self.cell(0, 6, str(self.page_no()), align="C")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, "Văn bản mẫu - kehoach", align="C")

    pdf = Plan(format="A4")
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    lines = text.rstrip("\n").split("\n")
    header, start = split_header(lines)
    if header:
        top = pdf.get_y()
        for column, x in ((0, pdf.l_margin), (1, pdf.l_margin + 85)):
            pdf.set_xy(x, top)
            for row in header:
                pdf.set_x(x)
                pdf.cell(80 if column == 0 else 100, 6, row[column])
                pdf.ln(6)
        pdf.ln(4)
    for raw in lines[start:]:
        line = raw.strip()
        if not line:
            pdf.ln(4)
            continue
        if GAP_RE.search(line):
            left, right = GAP_RE.split(line, maxsplit=1)
            pdf.cell(90, 6, left)
            pdf.cell(0, 6, right)
            pdf.ln(6)
            continue
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


# --- .html --------------------------------------------------------------------------------------------

PORTAL_TOP = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản - Cổng thông tin điện tử</title>
<style>.menu{{display:flex}}</style><script>var x = "<p>không phải văn bản</p>";</script></head>
<body>
<header class="site-header"><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li>
<li><a href="/vb">Văn bản chỉ đạo điều hành</a></li><li><a href="/lh">Liên hệ</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/vb">Văn bản</a> » Kế hoạch</div>
<div class="container"><div class="row">
<aside class="sidebar"><h3>Văn bản mới</h3><ul><li><a href="/1">Quyết định số 1/QĐ-UBND về việc khác</a></li>
<li><a href="/2">Kế hoạch số 2/KH-UBND về việc khác nữa</a></li></ul></aside>
<div class="col-main"><div id="noidung" class="article-content">
"""
PORTAL_BOTTOM = """</div>
<div class="share-buttons"><a href="#">Chia sẻ Facebook</a> <a href="#">In trang</a></div>
<div class="related-news"><h4>Tin liên quan</h4><ul><li><a href="/3">Một tin khác về kế hoạch</a></li></ul></div>
</div></div></div>
<footer class="site-footer"><p>Bản quyền thuộc Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường A.</p></footer>
</body></html>
"""


def _gaps(text: str) -> str:
    """A wide gap (a column break in plain text) kept through HTML's whitespace collapsing."""
    return GAP_RE.sub("&nbsp;" * 4, text)


def _portal_body(lines: list[str], *, item_paragraphs: bool = False) -> str:
    """The portal's document: header table, paragraphs, ``<ol>`` lists; with ``item_paragraphs`` each
    list item holds a ``<p>`` (``<li><p>...</p></li>``), as LibreOffice and editors export lists."""
    header, start = split_header(lines)
    out = []
    if header:
        out.append("<table class='header'>")
        out.extend(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>" for a, b in header)
        out.append("</table>")
    open_list = None
    for raw in lines[start:]:
        line = raw.strip()
        found = classify(line) if line else None
        kind = found[0] if found and found[0] in ("decimal", "roman") else None
        if open_list and (kind != open_list[0] or found[3] != open_list[1] + 1):
            out.append("</ol>")
            open_list = None
        if kind:
            if open_list is None:
                style = ' type="I"' if kind == "roman" else ""
                out.append(f'<ol{style} start="{found[3]}">')
            item = html.escape(found[4])
            out.append(f"<li><p>{item}</p></li>" if item_paragraphs else f"<li>{item}</li>")
            open_list = (kind, found[3])
        elif line:
            out.append(f"<p>{_gaps(html.escape(line))}</p>")
        else:
            out.append("<p>&nbsp;</p>")
    if open_list:
        out.append("</ol>")
    return "\n".join(out)


def _entities(text: str) -> str:
    """Word's windows-1252 HTML: what cp1252 cannot write becomes a numeric entity."""
    return "".join(c if c.encode("cp1252", "ignore") else f"&#{ord(c)};" for c in html.escape(text, quote=False))


def _word_body(lines: list[str]) -> str:
    header, start = split_header(lines)
    out = ['<div class=WordSection1>']
    if header:
        out.append("<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>")
        for a, b in header:
            out.append(" <tr>")
            for value in (a, b):
                out.append(f"  <td width=300 valign=top style='width:7.0cm'>\n  <p class=MsoNormal align=center"
                           f" style='text-align:center'><span style='font-size:13.0pt'>{_entities(value)}"
                           "<o:p></o:p></span></p>\n  </td>")
            out.append(" </tr>")
        out.append("</table>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    for raw in lines[start:]:
        line = raw.strip()
        if not line:
            out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
            continue
        found = classify(line)
        if found and found[0] in ("decimal", "alpha", "dash"):
            label = line[: len(line) - len(found[4])].strip()
            out.append(
                f"<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
                f"<![if !supportLists]><span style='mso-list:Ignore'>{_entities(label)}"
                f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>"
                f"{_entities(found[4])}<o:p></o:p></p>"
            )
        else:
            wrapped = _entities(GAP_RE.sub("\t", line)).replace("\t", "<span style='mso-tab-count:2'>&nbsp;&nbsp;&nbsp;&nbsp; </span>")
            out.append(f"<p class=MsoNormal style='text-align:justify'><span lang=VI>{wrapped}</span></p>")
    out.append("</div>")
    return "\n".join(out)


def build_html(text: str, path: Path, *, variant: str = "portal") -> Path:
    """A web page of the plain text: variant "portal", "lists", "word" or "cp1258" (see the module docstring)."""
    lines = text.rstrip("\n").split("\n")
    if variant in ("portal", "lists"):
        body = _portal_body(lines, item_paragraphs=variant == "lists")
        path.write_bytes((PORTAL_TOP + body + PORTAL_BOTTOM).encode("utf-8"))
    elif variant == "word":
        page = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n"
                "<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\n"
                "<meta name=Generator content=\"Microsoft Word 15\">\n<!--[if gte mso 9]><xml><o:DocumentProperties>"
                "<o:Author>Admin</o:Author></o:DocumentProperties></xml><![endif]-->\n<style>p.MsoNormal{margin:0cm}</style>\n"
                "</head>\n<body lang=EN-US style='tab-interval:36.0pt'>\n" + _word_body(lines) + "\n</body>\n</html>\n")
        path.write_bytes(page.encode("cp1252"))
    elif variant == "cp1258":
        body = "\n".join(f"<p>{_gaps(html.escape(line.strip()))}</p>" if line.strip() else "<br>" for line in lines)
        page = f'<html><head><meta charset="windows-1258"><title>t</title></head><body>\n{body}\n</body></html>\n'
        path.write_bytes(_cp1258(page))
    else:
        raise ValueError(variant)
    return path


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: a base letter and a combining tone mark."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_ORDER))
        tone = "".join(c for c in parts if c in _TONE_ORDER)
        out.append((base + tone).encode("cp1258"))
    return b"".join(out)


# --- all samples ---------------------------------------------------------------------------------------

def build_all(out: Path) -> list[Path]:
    """Every format of every sample into ``out``; the PDFs only where fpdf2 and a font exist."""
    made = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        stem = sample.stem
        made.append(build_docx(text, out / f"{stem}.docx"))
        made.append(build_docx(text, out / f"{stem}.tcvn3.docx", legacy="tcvn3"))
        made.append(build_docx(text, out / f"{stem}.vni.docx", legacy="vni"))
        for variant in ("portal", "lists", "word", "cp1258"):
            made.append(build_html(text, out / f"{stem}.{variant}.html", variant=variant))
        (out / f"{stem}.tcvn3.txt").write_bytes(to_tcvn3(text).encode("cp1252"))
        (out / f"{stem}.vni.txt").write_bytes(to_vni(text).encode("cp1252"))
        made += [out / f"{stem}.tcvn3.txt", out / f"{stem}.vni.txt"]
        try:
            made.append(build_pdf(text, out / f"{stem}.pdf"))
        except (ImportError, FileNotFoundError) as exc:
            print(f"skipping {stem}.pdf: {exc}", file=sys.stderr)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="kehoach-formats-"))
    target.mkdir(parents=True, exist_ok=True)
    for made in build_all(target):
        print(made)


def sign_pdf(data: bytes, fields: list[tuple[tuple[float, float, float, float], str]]) -> bytes:
    """``data`` (a one-page PDF by fpdf2) with form fields stamped over it, as an e-office system signs.

    Each field is ((left, bottom, right, top) in points, value): a widget annotation whose appearance
    draws the value in Helvetica, appended as an incremental update (the page gains /Annots). Text
    extraction that ignores annotations sees only the blanks under them.
    """
    page = re.search(rb"\n(\d+) 0 obj\n<<\n((?:(?!endobj).)*?/Type /Page\n)>>\nendobj", data, re.S)
    size = int(re.search(rb"/Size (\d+)", data).group(1))
    root = re.search(rb"/Root (\d+ 0 R)", data).group(1)
    previous = int(re.findall(rb"startxref\n(\d+)", data)[-1])
    objects: dict[int, bytes] = {size: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    annots = []
    for (left, bottom, right, top), value in fields:
        width, height = right - left, top - bottom
        draw = f"BT /F1 10 Tf 2 {height / 3:.1f} Td ({value}) Tj ET".encode()
        stream, widget = len(objects) + size, len(objects) + size + 1
        objects[stream] = (f"<< /Type /XObject /Subtype /Form /BBox [0 0 {width:.1f} {height:.1f}]"
                           f" /Resources << /Font << /F1 {size} 0 R >> >> /Length {len(draw)} >>\nstream\n").encode() \
            + draw + b"\nendstream"
        objects[widget] = (f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f{widget}) /F 4 /Rect [{left:.1f}"
                           f" {bottom:.1f} {right:.1f} {top:.1f}] /AP << /N {stream} 0 R >> >>").encode()
        annots.append(f"{widget} 0 R")
    objects[int(page.group(1))] = b"<<\n" + page.group(2) + f"/Annots [{' '.join(annots)}]\n>>".encode()
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {max(offsets) + 1} /Root ".encode() + root
            + f" /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)
