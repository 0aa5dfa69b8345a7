""".docx -> text: paragraphs in reading order with Word's automatic numbers, tables as rows.

python-docx opens the package (content types and relationships find the main document, styles and
numbering parts, whatever their names); our own walker reads the body, because python-docx's
``paragraph.text`` drops list numbers, tracked insertions, content controls and text boxes
(shared/notes/LIBRARIES.md). What the walker reads:

* body order: paragraphs, tables (rows via ``common.render_table``), content controls (``w:sdt``),
  ``w:customXml``; text boxes (``w:txbxContent``) after the paragraph that anchors them, once
  (``mc:AlternateContent``: the first ``mc:Choice`` only);
* in a paragraph: ``w:t``, ``w:tab`` (a tab), ``w:br``/``w:cr`` (a new line), ``w:noBreakHyphen``,
  ``w:sym``, hyperlinks, fields (their shown result, not their code), tracked insertions and moves-to;
* left out: headers, footers, footnotes, endnotes and comments (other parts), tracked deletions and
  moves-from, hidden text (``w:vanish``), field codes (``w:instrText``).

Runs set in a legacy font (.VnTime, .VnTimeH, VNI-Times ...; from the run, its character style, the
paragraph style or the document defaults) are converted to Unicode run by run.

Safety: the ZIP is checked before anything is unpacked (member count, total uncompressed size,
compression ratio, encryption), XML parts that declare a DTD are refused (so no entity can expand),
and python-docx's parser resolves no entities and reaches no network.
"""
from __future__ import annotations

import io
import logging
import re
import zipfile

from lxml import etree

from kehoach.errors import InputError
from kehoach.reading.formats.common import (
    LINE_BREAK, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, RATIO_MIN_BYTES, FormatWarning, finish_text,
    render_table,
)
from kehoach.reading.legacy import ENCODING_NAMES, convert_text, font_encoding
from kehoach.reading.formats.numbering import Numbering, StyleInfo, w, wval

__all__ = ["check_zip", "read_docx"]

logger = logging.getLogger(__name__)

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

_DTD_RE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_SKIP = {w(t) for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText", "footnoteReference",
                        "endnoteReference", "commentReference", "annotationRef", "fldData", "proofErr",
                        "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "sectPr",
                        "lastRenderedPageBreak", "permStart", "permEnd")}
_DESCEND = {w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "bdo", "dir",
                           "sdtContent")}
_SYMBOLS = {0xB7: "•", 0xA7: "▪", 0xD8: "➢", 0xFC: "✓", 0x2D: "-", 0x2B: "+", 0xB4: "×", 0xB3: "≥", 0xA3: "≤"}


def check_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """Open a ZIP for reading after checking it cannot exhaust memory (a decompression bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{label} is a damaged .docx file (not a readable ZIP archive)") from None
    if len(members) > MAX_ZIP_ENTRIES:
        raise InputError(f"{label}: refusing a .docx with {len(members):,} parts (the limit is {MAX_ZIP_ENTRIES:,})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(f"{label}: refusing a .docx that unpacks to {total / 2**20:,.0f} MB"
                         f" (the limit is {MAX_UNZIPPED_BYTES / 2**20:g} MB)")
    for m in members:
        if m.flag_bits & 0x1:
            raise InputError(f"{label} is an encrypted archive; save the document without a password")
        if m.file_size > RATIO_MIN_BYTES and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise InputError(f"{label}: refusing a .docx part compressed {m.file_size // max(m.compress_size, 1):,}"
                             f" to 1 ({m.filename}); it looks like a decompression bomb")
    for m in members:
        if m.filename.endswith((".xml", ".rels")) and m.file_size:
            try:
                with archive.open(m) as handle:
                    head = handle.read(4096)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                raise InputError(f"{label} is a damaged .docx file ({m.filename} cannot be unpacked)") from None
            if _DTD_RE.search(head):
                raise InputError(f"{label}: refusing a .docx whose {m.filename} declares a DTD or entities")
    return archive


def _open_package(data: bytes, label: str):
    """The main document part and its styles and numbering parts (or None) via python-docx."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import OpcPackage

    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, AttributeError,
            IndexError, TypeError) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(f"{label} is not a readable Word document ({reason})") from None
    parts = {}
    for rel in main.rels.values():
        if rel.reltype in (RT_STYLES, RT_NUMBERING) and not rel.is_external:
            parts[rel.reltype] = _element(rel.target_part, label)
    return _element(main, label), parts.get(RT_STYLES), parts.get(RT_NUMBERING)


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _element(part, label: str):
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:  # a part python-docx keeps as bytes (e.g. the main part of a .docm)
        return etree.fromstring(part.blob, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{label}: malformed XML in {part.partname} ({exc.msg})") from None


def _font_of(rpr) -> str | None:
    """The run font an rPr sets: a name, "" for a theme (Unicode) font, None when it sets none."""
    fonts = None if rpr is None else rpr.find(w("rFonts"))
    if fonts is None:
        return None
    if fonts.get(w("hAnsiTheme")) or fonts.get(w("asciiTheme")):
        return ""
    return fonts.get(w("hAnsi")) or fonts.get(w("ascii"))


def _is_on(rpr, tag: str) -> bool:
    el = None if rpr is None else rpr.find(w(tag))
    return el is not None and el.get(w("val")) not in ("0", "false", "off")


def read_styles(root) -> tuple[dict[str, StyleInfo], str | None, str | None]:
    """Styles by id, the default paragraph style id and the document default font."""
    styles: dict[str, StyleInfo] = {}
    default_style = default_font = None
    if root is None:
        return styles, None, None
    defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    default_font = _font_of(defaults)
    for el in root.findall(w("style")):
        sid = el.get(w("styleId"))
        if not sid:
            continue
        ppr = el.find(w("pPr"))
        numpr = None if ppr is None else ppr.find(w("numPr"))
        ilvl = None if numpr is None else wval(numpr, "ilvl")
        styles[sid] = StyleInfo(
            based_on=wval(el, "basedOn"),
            num_id=None if numpr is None else wval(numpr, "numId"),
            ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            font=_font_of(el.find(w("rPr"))),
        )
        if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
            default_style = sid
    return styles, default_style, default_font


class Walker:
    """Turns a document body into lines, counting legacy-font runs it converts."""

    def __init__(self, styles_root, numbering_root) -> None:
        self.styles, self.default_style, self.default_font = read_styles(styles_root)
        self.numbering = Numbering(numbering_root, self.styles)
        self.converted: dict[str, int] = {}
        self.depth = 0

    # --- styles ---------------------------------------------------------------------------------------
    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles and len(seen) < 20:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _style_font(self, style_id: str | None) -> str | None:
        for _sid, style in self._chain(style_id):
            if style.font is not None:
                return style.font
        return None

    def _number(self, ppr, style_id: str | None) -> tuple[str, str] | None:
        numpr = None if ppr is None else ppr.find(w("numPr"))
        num_id = wval(numpr, "numId")
        ilvl_text = wval(numpr, "ilvl")
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        if num_id is None:
            for sid, style in self._chain(style_id):
                if style.num_id is not None:
                    num_id = style.num_id
                    if ilvl is None:
                        ilvl = style.ilvl if style.ilvl is not None else self.numbering.level_for_style(num_id, sid)
                    break
        if num_id is None:
            return None
        return self.numbering.label(num_id, ilvl or 0)

    # --- body -----------------------------------------------------------------------------------------
    def block_lines(self, container) -> list[str]:
        """Lines of a body, cell, text box or content control, in order."""
        out: list[str] = []
        for child in container:
            tag = child.tag
            if tag == w("p"):
                out.extend(self.paragraph(child))
            elif tag == w("tbl"):
                out.extend(self.table(child))
            elif tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent")) if tag == w("sdt") else child
                if content is not None:
                    out.extend(self.block_lines(content))
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = child.find(f"{{{MC_NS}}}Choice")
                if choice is not None:
                    out.extend(self.block_lines(choice))
        return out

    def paragraph(self, p) -> list[str]:
        ppr = p.find(w("pPr"))
        style_id = wval(ppr, "pStyle") or self.default_style
        mark = None if ppr is None else ppr.find(w("rPr"))
        boxes: list[str] = []
        parts: list[str] = []
        self._inline(p, parts, boxes, style_id)
        text = "".join(parts)
        if not text.strip() and mark is not None and (mark.find(w("del")) is not None or _is_on(mark, "vanish")):
            return boxes  # a deleted or hidden empty paragraph: Word shows nothing, not even its number
        number = self._number(ppr, style_id)
        if number:
            label, separator = number
            text = label + (separator + text if text.strip() else "")
        return [text] + boxes

    def _inline(self, el, parts: list[str], boxes: list[str], style_id: str | None) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                self._run(child, parts, boxes, style_id)
            elif tag in _DESCEND or tag == w("sdt"):
                inner = child.find(w("sdtContent")) if tag == w("sdt") else child
                if inner is not None:
                    self._inline(inner, parts, boxes, style_id)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = child.find(f"{{{MC_NS}}}Choice")
                if choice is not None:
                    self._inline(choice, parts, boxes, style_id)
            elif tag.startswith(f"{{{M_NS}}}"):
                parts.append("".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t")))

    def _run(self, r, parts: list[str], boxes: list[str], style_id: str | None) -> None:
        rpr = r.find(w("rPr"))
        if _is_on(rpr, "vanish"):
            return
        chunk: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                chunk.append(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                chunk.append("\t")
            elif tag in (w("br"), w("cr")):
                chunk.append(LINE_BREAK)
            elif tag == w("noBreakHyphen"):
                chunk.append("-")
            elif tag == w("sym"):
                code = child.get(w("char")) or ""
                try:
                    value = int(code, 16)
                except ValueError:
                    continue
                chunk.append(_SYMBOLS.get(value & 0xFF, "") if value >= 0xF000 else chr(value))
            elif tag in (w("drawing"), w("pict"), w("object")) or tag == f"{{{MC_NS}}}AlternateContent":
                self._text_boxes(child, boxes)
        text = "".join(chunk)
        if not text:
            return
        font = _font_of(rpr)
        if font is None:
            font = self._style_font(wval(rpr, "rStyle"))
        if font is None:
            font = self._style_font(style_id)
        if font is None:
            font = self.default_font
        legacy = font_encoding(font)
        if legacy:
            new = convert_text(text, legacy[0], upper=legacy[1] or _is_on(rpr, "caps"))
            if new != text.upper() if legacy[1] else new != text:
                self.converted[legacy[0]] = self.converted.get(legacy[0], 0) + 1
            text = new
        elif _is_on(rpr, "caps"):
            text = text.upper()
        parts.append(text)

    def _text_boxes(self, el, boxes: list[str]) -> None:
        """Paragraphs of the text boxes inside a drawing, each box once (mc:Choice, not mc:Fallback)."""
        if self.depth > 8:
            return
        if el.tag == f"{{{MC_NS}}}AlternateContent":
            el = el.find(f"{{{MC_NS}}}Choice")
            if el is None:
                return
        self.depth += 1
        try:
            for child in el:
                if child.tag == w("txbxContent"):
                    boxes.extend(self.block_lines(child))
                elif child.tag == f"{{{MC_NS}}}AlternateContent":
                    choice = child.find(f"{{{MC_NS}}}Choice")
                    if choice is not None:
                        self._text_boxes(choice, boxes)
                elif isinstance(child.tag, str):
                    self._text_boxes(child, boxes)
        finally:
            self.depth -= 1

    # --- tables ---------------------------------------------------------------------------------------
    def table(self, tbl) -> list[str]:
        if self.depth > 8:
            return []
        self.depth += 1
        try:
            grid: list[list[list[str]]] = []
            for tr in _children(tbl, "tr"):
                trpr = tr.find(w("trPr"))
                if trpr is not None and trpr.find(w("del")) is not None:
                    continue  # a tracked row deletion
                row: list[list[str]] = []
                for tc in _children(tr, "tc"):
                    tcpr = tc.find(w("tcPr"))
                    span = wval(tcpr, "gridSpan")
                    merge = None if tcpr is None else tcpr.find(w("vMerge"))
                    continued = merge is not None and merge.get(w("val")) in (None, "continue")
                    lines = [] if continued else self.block_lines(tc)
                    row.append(lines)
                    row.extend([] for _ in range(max(int(span) if span and span.isdigit() else 1, 1) - 1))
                grid.append(row)
            return render_table(grid)
        finally:
            self.depth -= 1


def _children(parent, tag: str):
    """The w:tr of a table or w:tc of a row, also those wrapped in content controls or customXml."""
    for child in parent:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _children(content, tag)


def read_docx(data: bytes, label: str) -> tuple[str, str, list[FormatWarning]]:
    """The text of a .docx, its encoding label and warnings: ("KẾ HOẠCH\\n...", "utf-8", [])."""
    check_zip(data, label).close()
    document, styles, numbering = _open_package(data, label)
    body = document.find(w("body"))
    if body is None:
        raise InputError(f"{label} is not a readable Word document (no document body)")
    walker = Walker(styles, numbering)
    text = finish_text([line for block in walker.block_lines(body) for line in block.split(LINE_BREAK)], label)
    warnings: list[FormatWarning] = []
    encoding = "utf-8"
    for name, runs in sorted(walker.converted.items()):
        encoding += f"+{name}"
        warnings.append(("encoding_converted",
                         f"converted {runs} run(s) set in {ENCODING_NAMES[name]} fonts to Unicode"))
    logger.debug("%s: docx read, %d characters", label, len(text))
    return text, encoding, warnings
