""".html / .htm -> text: the document body of a portal or legal-library page, or a Word "Save as Web Page".

lxml.html parses (no network, comments and processing instructions dropped, so Word's
``<!--[if gte vml 1]>`` shapes go too); our block walker writes one line per block (``p``, ``div``,
``li``, headings, ...), ``<br>`` as a new line, and tables through ``common.render_table``.

* Charset: a byte-order mark, else ``<meta charset>`` / ``http-equiv`` (windows-1258, Word's
  windows-1252 with numeric entities such as ``&#7871;``, utf-8, ...), else the XML declaration, else
  the plain-text decode ladder. A page whose bytes do not match the declared charset is decoded by the
  ladder, with a warning.
* Body: scripts, styles, forms, frames and hidden elements are dropped; the content root is a known
  content container (``#divContentDoc``, ``.fulltext``, ``article``, ``main`` ...) or else the container
  holding most of the page's non-link text; inside it ``nav``, ``aside``, ``footer`` and elements whose
  class or id names a menu, breadcrumb, share bar, sidebar ... are dropped.
* Lists: ``<ol>`` items get the number a browser shows ("1.", "a.", "I."), ``<ul>`` items "•", unless
  the item already starts with a label. Text in a legacy font (``font-family:.VnTime``,
  ``<font face="VNI-Times">``) is converted to Unicode.
"""
from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from kehoach.errors import InputError
from kehoach.reading.formats.common import LINE_BREAK, FormatWarning, finish_text, render_table
from kehoach.reading.legacy import ENCODING_NAMES, convert_text, font_encoding
from kehoach.reading.formats.numbering import format_number
from kehoach.reading.text import decode_bytes

__all__ = ["read_html", "sniff_charset"]

_META_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE,
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL_TEXT_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "x-user-defined": "cp1252", "unicode": "utf-16"}

MAX_DEPTH = 200
_DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset", "object",
         "embed", "svg", "canvas", "form", "button", "select", "option", "textarea", "input", "map", "audio",
         "video", "dialog", "menu", "nav", "aside", "footer", "link", "meta"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
          "pre", "section", "article", "main", "header", "address", "center", "figure", "figcaption", "hr",
          "tr", "fieldset", "legend", "details", "summary", "caption", "body", "html"}
_FLOW_CONTAINERS = {"body", "div", "section", "article", "main", "center", "blockquote", "html", "td", "th"}
_CONTAINERS = {"body", "div", "section", "article", "main", "center", "span", "font"}
_CONTENT_ID_RE = re.compile(
    r"^(?:divContentDoc|toanvancontent|fulltext|content1|noidung|noi-dung|contentDoc|doc-content|the-document-body"
    r"|vanban|van-ban-content|article-content|post-content|entry-content|news-content|detail-content|main-content)$",
    re.IGNORECASE,
)
_BOILERPLATE_RE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|footer|sidebar|side-bar|banner|share|social"
    r"|comments?|related|advert|ads|cookie|login|search|pagination|toolbar|widget|popup|modal|tags|hotline"
    r"|copyright)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)
_FONT_STYLE_RE = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_SPACES_RE = re.compile(r" {2,}")  # ASCII spaces only: runs of &nbsp; are deliberate gaps
_HAS_LABEL_RE = re.compile(r"^\s*(?:[-–—+•●▪◦*·]|\d{1,3}[.)]|[a-zđ][.)]|[IVXLC]{1,6}[.\-)]|\(\d{1,3}\))", re.IGNORECASE)
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares, as a Python codec name: b'<meta charset="windows-1258">' -> "cp1258"."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    head = data[:16384]
    m = _META_RE.search(head) or _XML_DECL_RE.match(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, label: str) -> tuple[str, str, list[FormatWarning]]:

    declared = sniff_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError:
            text, encoding = decode_bytes(data, path=label)
            return text, encoding, [("html_charset_wrong",
                                     f"the page declares charset {declared} but is not; decoded as {encoding}")]
    text, encoding = decode_bytes(data, path=label)
    return text, encoding, []


class _Walker:
    """Block walker: collects lines; a cell's walker keeps <br> as LINE_BREAK inside its paragraphs."""

    def __init__(self, converted: dict[str, int]) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.converted = converted
        self.depth = 0
        self.between_blocks = False
        self.label_only = False  # the buffer holds a list item's number and no text yet

    def flush(self, *, end_of_item: bool = False) -> None:
        if self.label_only and not end_of_item:
            return  # "<li><p>Text</p></li>": the number stays for the paragraph inside, on its line
        self.label_only = False
        text = "".join(self.buffer)
        self.buffer = []
        parts = [_SPACES_RE.sub(" ", part).strip(" ") for part in text.split(LINE_BREAK)]
        while parts and not parts[-1]:
            parts.pop()
        while parts and not parts[0]:
            parts.pop(0)
        if parts:
            self.lines.append(LINE_BREAK.join(parts))

    def text(self, value: str | None, legacy, pre: bool) -> None:
        if not value:
            return
        if not pre:
            value = _SPACE_RE.sub(" ", value)
        else:
            value = value.replace("\r\n", "\n").replace("\n", LINE_BREAK).replace(" ", "\u00a0")  # kept as written
        if legacy:
            new = convert_text(value, legacy[0], upper=legacy[1])
            if new != value:
                self.converted[legacy[0]] = self.converted.get(legacy[0], 0) + 1
            value = new
        self.buffer.append(value)
        self.label_only = self.label_only and not value.strip(" " + LINE_BREAK)

    def walk(self, el, legacy=None, pre: bool = False, ol: list | None = None) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if self.depth > MAX_DEPTH:
            raise InputError(f"the page nests elements over {MAX_DEPTH} deep")
        if _hidden(el):
            return
        legacy = _font_legacy(el) or legacy
        if tag == "br":
            if "".join(self.buffer).strip(" " + LINE_BREAK) or not self.between_blocks:
                self.buffer.append(LINE_BREAK)
            else:  # a <br> between blocks is an empty line on screen
                self.flush()
                self.lines.append("")
            return
        if tag == "table":
            self.flush()
            self.depth += 1
            try:
                self.lines.extend(render_table(self.grid(el, legacy)))
            finally:
                self.depth -= 1
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if tag == "li":
            self.buffer.append(_li_label(el, ol))
            self.label_only = True
        if tag in ("td", "th"):
            self.buffer.append(" ")
        self.text(el.text, legacy, pre or tag == "pre")
        counter = [el, None] if tag == "ol" else ol
        self.depth += 1
        try:
            for child in el:
                if isinstance(child.tag, str):
                    self.between_blocks = tag in _FLOW_CONTAINERS
                    self.walk(child, legacy, pre or tag == "pre", counter)
                self.text(child.tail, legacy, pre or tag == "pre")
        finally:
            self.depth -= 1
        if block:
            self.flush(end_of_item=tag == "li")

    def grid(self, table, legacy) -> list[list[list[str]]]:
        rows = [tr for tr in _rows(table)]
        grid: list[list[list[str]]] = []
        pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        for tr in rows:
            row: list[list[str]] = []
            column = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th") or _hidden(cell):
                    continue
                while pending.get(column, 0) > 0:
                    pending[column] -= 1
                    row.append([])
                    column += 1
                walker = _Walker(self.converted)
                walker.depth = self.depth + 1
                walker.walk(cell, legacy)
                walker.flush()
                row.append(walker.lines)
                span = _span(cell, "colspan")
                down = _span(cell, "rowspan") - 1
                for k in range(span):
                    if k:
                        row.append([])
                    if down > 0:
                        pending[column + k] = down
                column += span
            while pending.get(column, 0) > 0:
                pending[column] -= 1
                row.append([])
                column += 1
            grid.append(row)
        return grid


def _rows(table):
    for child in table:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1").strip() or 1), 100))
    except ValueError:
        return 1


def _hidden(el) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and _HIDDEN_STYLE_RE.search(style))


def _font_legacy(el):
    face = el.get("face")
    if not face:
        style = el.get("style")
        m = _FONT_STYLE_RE.search(style) if style else None
        face = m.group(1) if m else None
    if not face:
        return None
    return font_encoding(face.split(",")[0].strip().strip("\"'"))


def _li_label(li, ol) -> str:
    text = li.text_content()
    if not text.strip() or _HAS_LABEL_RE.match(text):
        return ""
    parent = li.getparent()
    if ol is None or parent is None or parent is not ol[0]:
        return "• "
    value = li.get("value")
    if value and value.strip().lstrip("-").isdigit():
        ol[1] = int(value)
    elif ol[1] is None:
        start = ol[0].get("start", "1").strip()
        ol[1] = int(start) if start.lstrip("-").isdigit() else 1
    else:
        ol[1] += 1
    fmt = _OL_TYPES.get(ol[0].get("type", "1"), "decimal")
    return f"{format_number(ol[1], fmt)}. "


def _non_link_text(el) -> int:
    total = len("".join(el.itertext()).split())
    links = sum(len("".join(a.itertext()).split()) for a in el.iter("a"))
    return total - links


def _content_root(body):
    """The element holding the document: a known content container, article/main, or the densest."""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if any(_CONTENT_ID_RE.match(v) for v in (el.get("id") or "", *(el.get("class") or "").split())):
            if _non_link_text(el) > 20:
                return el
    for tag in ("article", "main"):
        found = [el for el in body.iter(tag) if _non_link_text(el) > 50]
        if len(found) == 1:
            return found[0]
    node = body
    while True:
        total = _non_link_text(node)
        children = [c for c in node if isinstance(c.tag, str) and c.tag.lower() in _CONTAINERS]
        best = max(children, key=_non_link_text, default=None)
        if best is None or total == 0 or _non_link_text(best) < 0.7 * total:
            return node
        node = best


def _drop_boilerplate(root, keep) -> None:
    """Remove navigation and page furniture under ``root``, but never ``keep`` or its ancestors."""
    protected = {id(keep), *(id(a) for a in keep.iterancestors())}
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or id(el) in protected:
            continue
        tag = el.tag.lower()
        names = " ".join((el.get("id") or "", el.get("class") or "", el.get("role") or ""))
        if tag in _DROP or (tag not in ("p", "td", "tr", "table", "li", "span", "b", "i") and _BOILERPLATE_RE.search(names)):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()


def read_html(data: bytes, label: str) -> tuple[str, str, list[FormatWarning]]:
    """The text of a web page, the charset it was decoded with and warnings."""
    text, encoding, warnings = _decode(data, label)
    text = _XML_DECL_TEXT_RE.sub("", text, count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{label} is not a readable HTML page ({str(exc)[:80] or 'empty'})") from None
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter("script", "style", "noscript", "template", "head")):
        el.drop_tree()
    content = _content_root(body)
    _drop_boilerplate(content, content)
    converted: dict[str, int] = {}
    walker = _Walker(converted)
    try:
        walker.walk(content)
    except InputError as exc:
        raise InputError(f"{label}: {exc}") from None
    walker.flush()
    lines = [line for block in walker.lines for line in block.split(LINE_BREAK)]
    out = finish_text(lines, label)
    for name, count in sorted(converted.items()):
        encoding += f"+{name}"
        message = f"converted {count} text run(s) set in {ENCODING_NAMES[name]} fonts to Unicode"
        warnings.append(("encoding_converted", message))
    return out, encoding, warnings
