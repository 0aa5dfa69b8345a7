""".pdf -> text from its text layer with pypdfium2: reading order, diacritics intact, page furniture dropped.

* Order: PDFium's, i.e. the content stream's, which keeps a two-column header cell by cell
  (shared/notes/LIBRARIES.md). Within a line, a gap wider than 1.5 em between two glyphs is written as
  three spaces, the wide gap that marks a column break in plain text ("Số: 12/KH | Hà Nội, ngày ...").
* Syllables stay whole: a space PDFium generates inside a glyph run (a gap under 0.15 em) or before a
  combining mark is dropped, and the text is NFC-normalised.
* Paragraphs: a vertical gap over 2 em between consecutive lines becomes an empty line.
* Page furniture: in the top and bottom 7% of a page, lines that repeat on most pages (digits
  ignored) and page numbers ("2", "- 2 -", "Trang 2", "2/6") are dropped.
* No text layer (a scan) -> InputError "scanned PDF: ... run OCR first"; some pages without text -> a
  warning. A text layer that decodes to garbage (fonts that lost their ToUnicode map, e.g.
  "6Ӣ CÔNG 7+ѬѪ1*" for "SỞ CÔNG THƯƠNG") is detected per page from letters outside the Vietnamese
  alphabet and from words that are no Vietnamese syllable: such pages are dropped with a warning, and
  when most pages are garbage the PDF is refused like a scan.
"""
from __future__ import annotations

import re
import unicodedata

from kehoach.errors import InputError
from kehoach.reading.formats.common import MAX_PDF_PAGES, FormatWarning, finish_text

__all__ = ["garbage_score", "read_pdf"]

WIDE_GAP_EM = 1.5
TIGHT_GAP_EM = 0.15
BLANK_LINE_EM = 2.0
MARGIN_SHARE = 0.07  # top and bottom 7% (about 2 cm of A4): where page headers, footers and numbers sit
_OCR_HINT = "run OCR first (e.g. ocrmypdf -l vie --force-ocr in.pdf out.pdf)"

_VIETNAMESE_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
)
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_PAGE_NUMBER_RE = re.compile(r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:Trang|Page)\s+\d{1,4}(?:\s*/\s*\d{1,4})?$"
                             r"|^\d{1,4}\s*/\s*\d{1,4}$", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")


def garbage_score(text: str) -> tuple[float, float, int]:
    """(share of impossible characters, share of lower-case words that are Vietnamese syllables, words).

    "Kế hoạch kiểm tra" -> (0.0, 1.0, 3); ".ӂ +2Ҥ&+ ÿӏQK" -> high first value, low second.
    """
    letters = bad = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if char.lower() not in _VIETNAMESE_LETTERS:
                bad += 1
        elif unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs") and char not in "\r\n\t":
            bad += 1
    words = [w for w in _WORD_RE.findall(unicodedata.normalize("NFC", text)) if w.islower()]
    syllables = sum(1 for w in words if _SYLLABLE_RE.match(w))
    return bad / max(letters + bad, 1), syllables / max(len(words), 1), len(words)


def _is_garbage(text: str) -> bool:
    bad, syllables, words = garbage_score(text)
    return bad > 0.05 or (words >= 20 and syllables < 0.6)


def _page_lines(textpage, height: float = 0.0, count: int | None = None,
                stamps: dict[int, str] | None = None) -> list[str]:
    """The page's lines, PDFium's order, with wide gaps kept as three spaces and syllables whole.

    A vertical gap of more than BLANK_LINE_EM between two consecutive lines (an empty paragraph or
    wide paragraph spacing) becomes an empty line, as in the plain text of the page. A line in the top
    or bottom MARGIN_SHARE of a page of ``height`` is a ``Margin`` (candidate running header/footer).
    Only the first ``count`` characters are read (the page's own text); ``stamps`` are values stamped
    into form fields, each written just before the character it is keyed by ("Số: 193/UBND-KT"), or
    at the end of the line whose line break it is keyed by.
    """
    count = textpage.count_chars() if count is None else count
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs or a PDFium quirk: no per-glyph geometry, plain lines
        return [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    stamps = stamps or {}
    lines: list[tuple[str, float | None, float]] = []  # text, baseline of its first glyph, font size
    current: list[str] = []
    first = last = None  # first and last glyph (not a space) of the current line
    spaces: list[int] = []
    for i, char in enumerate(text + "\n"):
        if char in "\r\n":
            if i in stamps and last is not None:  # a value stamped at the end of this line
                current.append(f" {stamps[i]}")
            if char == "\n":
                lines.append(("".join(current).strip(), *_baseline(textpage, first)))
                current, first, last, spaces = [], None, None, []
            continue
        if char.isspace() or char in "\x00\x02\ufffe":
            if char.isspace():
                spaces.append(i)
            continue
        if i in stamps:  # a stamped value joins its neighbours with single spaces, never a column gap
            current.append(f" {stamps[i]} " if last is not None else f"{stamps[i]} ")
        elif spaces and last is not None:
            current.append(_gap(textpage, last, i, spaces, char))
        spaces = []
        current.append(char)
        first = i if first is None else first
        last = i
    out: list[str] = []
    previous = None
    for line, y, size in lines:
        if previous is not None and y is not None and previous[0] - y > BLANK_LINE_EM * max(size, previous[1], 1.0):
            out.append("")
        in_margin = y is not None and height > 0 and (y > (1 - MARGIN_SHARE) * height or y < MARGIN_SHARE * height)
        out.append(Margin(line) if in_margin else line)
        if y is not None:
            previous = (y, size)
    return out


def _widget_rects(page) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of the page's form-field (widget) annotations."""
    import pypdfium2.raw as raw

    rects = []
    for k in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, k)
        try:
            rect = raw.FS_RECTF()
            if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_WIDGET and raw.FPDFAnnot_GetRect(annot, rect):
                rects.append((min(rect.left, rect.right), min(rect.bottom, rect.top),
                              max(rect.left, rect.right), max(rect.bottom, rect.top)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return rects


def _stamps(textpage, count: int, rects: list[tuple[float, float, float, float]]) -> tuple[dict[int, str], list[str]]:
    """Values a signing system stamped into form fields, keyed where they stand among the page's text.

    An e-office system signs a document by stamping its number and date into widgets over the blanks
    of "Số:    /UBND-KT" and "ngày    tháng    năm 2026". Once the page is flattened, the stamped
    characters follow the page's own ``count`` characters; each widget's value is keyed to the first
    character to its right on its line (or to the line's end). Values with no line of text beside them
    are returned apart, to be written after the page.
    """
    text = textpage.get_text_range(0, textpage.count_chars())
    values: dict[int, list[str]] = {}
    for i in range(count, len(text)):
        box = textpage.get_charbox(i)
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        at = next((k for k, (l, b, r, t) in enumerate(rects) if l <= x <= r and b <= y <= t), None)
        if at is not None:
            values.setdefault(at, []).append(" " if text[i].isspace() else text[i])
    stamps: dict[int, str] = {}
    loose: list[str] = []
    boxes = [None if text[i].isspace() else textpage.get_charbox(i) for i in range(count)] if values else []
    for at, chars in sorted(values.items()):
        value = " ".join("".join(chars).split())
        if not value:
            continue
        left, bottom, right, top = rects[at]
        middle = (bottom + top) / 2
        same_line = [i for i, box in enumerate(boxes) if box and box[1] <= middle <= box[3]]
        right_of = [i for i in same_line if boxes[i][0] >= (left + right) / 2]
        if right_of:
            key = min(right_of)
        elif same_line:
            key = next((j for j in range(max(same_line) + 1, count) if text[j] in "\r\n"), count)
        else:
            loose.append(value)
            continue
        stamps[key] = f"{stamps[key]} {value}" if key in stamps else value
    return stamps, loose


class Margin(str):
    """A line printed in a page's top or bottom margin."""


def _baseline(textpage, index: int | None) -> tuple[float | None, float]:
    if index is None:
        return None, 0.0
    try:
        return float(textpage.get_charbox(index)[1]), _font_size(textpage, index)
    except Exception:  # noqa: BLE001
        return None, 0.0


def _gap(textpage, left: int, right: int, spaces: list[int], char: str) -> str:
    if unicodedata.combining(char):
        return ""
    try:
        _l1, _b1, r1, _t1 = textpage.get_charbox(left)
        l2, _b2, _r2, _t2 = textpage.get_charbox(right)
        size = max(_font_size(textpage, left), 1.0)
    except Exception:  # noqa: BLE001 - geometry is a refinement; a plain space is always right
        return " "
    gap = l2 - r1
    if gap > WIDE_GAP_EM * size:
        return "   "
    if gap < TIGHT_GAP_EM * size and all(_generated(textpage, s) for s in spaces):
        return ""
    return " "


def _font_size(textpage, index: int) -> float:
    import pypdfium2.raw as raw

    return float(raw.FPDFText_GetFontSize(textpage, index))


def _generated(textpage, index: int) -> bool:
    import pypdfium2.raw as raw

    return raw.FPDFText_IsGenerated(textpage, index) == 1


def _has_images(page) -> bool:
    import pypdfium2.raw as raw

    try:
        return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    except Exception:  # noqa: BLE001
        return False


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page."""
    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        return sorted(set(filled[:2] + filled[-2:]))

    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_DIGITS_RE.sub("#", lines[i]) for i in edges(lines) if isinstance(lines[i], Margin)}:
            counts[key] = counts.get(key, 0) + 1
    with_text = sum(1 for lines in pages if any(line.strip() for line in lines))
    repeated = {k for k, n in counts.items() if with_text >= 2 and n >= max(2, with_text / 2) and len(k) < 120}
    out = []
    for lines in pages:
        drop = {i for i in edges(lines) if isinstance(lines[i], Margin)
                and (_PAGE_NUMBER_RE.match(lines[i].strip()) or _DIGITS_RE.sub("#", lines[i]) in repeated)}
        kept = [line for i, line in enumerate(lines) if i not in drop]
        while kept and not kept[0].strip():  # the gap below a dropped header is no paragraph break
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        out.append(kept)
    return out


def _read_page(document, index: int, page):
    """(the page, its lines), with the values stamped into its form fields put where they stand."""
    import pypdfium2.raw as raw

    rects = _widget_rects(page)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if not rects:
            return page, _page_lines(textpage, page.get_height())
    finally:
        textpage.close()
    if raw.FPDFPage_Flatten(page, raw.FLAT_NORMALDISPLAY) == raw.FLATTEN_SUCCESS:
        page.close()
        page = document[index]  # PDFium reads a flattened page's new content only when it is loaded again
    textpage = page.get_textpage()
    try:
        stamps, loose = _stamps(textpage, count, rects)
        return page, _page_lines(textpage, page.get_height(), count, stamps) + loose
    finally:
        textpage.close()


def _pages_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")


def read_pdf(data: bytes, label: str) -> tuple[str, str | None, list[FormatWarning]]:
    """The text of a PDF's text layer and warnings; InputError for scans, garbage and damage."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(f"{label} is a password-protected PDF; remove the password first") from None
        raise InputError(f"{label} is a damaged PDF ({str(exc).splitlines()[0][:80]})") from None
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise InputError(f"{label}: refusing a PDF of {count:,} pages (the limit is {MAX_PDF_PAGES:,})")
        if count == 0:
            raise InputError(f"{label} is a PDF without pages")
        pages: list[list[str]] = []
        no_text: list[int] = []
        garbled: list[int] = []
        blank: list[int] = []  # no text and no image: an empty page, nothing is missing
        for number in range(1, count + 1):
            page = document[number - 1]
            try:
                page, lines = _read_page(document, number - 1, page)
                body = "\n".join(lines)
                if not body.strip():
                    (no_text if _has_images(page) else blank).append(number)
                    lines = []
                elif _is_garbage(body):
                    garbled.append(number)
                    lines = []
            finally:
                page.close()
            pages.append(lines)
    finally:
        document.close()
    readable = count - len(no_text) - len(garbled) - len(blank)
    if readable == 0 and not garbled:
        if not no_text:
            raise InputError(f"no text in {label} (every page is empty)")
        raise InputError(f"scanned PDF: {label} has no text layer; {_OCR_HINT}")
    if garbled and len(garbled) >= max(readable, 1):
        raise InputError(f"{label}: the PDF's text layer does not decode to text (fonts without a character map),"
                         f" so it is as good as a scan: {_OCR_HINT}")
    warnings: list[FormatWarning] = []
    if no_text:
        warnings.append(("pdf_pages_without_text",
                         f"page(s) {_pages_list(no_text)} have no text layer (scanned or images only);"
                         f" their text is missing: {_OCR_HINT}"))
    if garbled:
        warnings.append(("pdf_pages_garbled",
                         f"page(s) {_pages_list(garbled)} have a text layer that does not decode to text"
                         f" and were left out: {_OCR_HINT}"))
    lines = [str(line) for page in _drop_furniture(pages) for line in page]
    return finish_text(lines, label), None, warnings
