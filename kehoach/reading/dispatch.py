"""Read Word (.docx, .doc), PDF, HTML and plain-text files into (text, Source, warnings).

``read_document(path)`` picks the reader (``reading/formats/``) by the first bytes, then the extension:

=========  ===========================================  ===================================
format     recognised by                                reader
=========  ===========================================  ===================================
pdf        ``%PDF`` in the first KB                     ``pdf.read_pdf`` (pypdfium2)
docx       ZIP with a ``word/`` part (or ``.docx``)     ``docx.read_docx`` (python-docx + lxml)
doc        OLE2 with a WordDocument stream, RTF         LibreOffice -> ``docx.read_docx``
html       ``<!DOCTYPE html``/``<html`` or ``.htm(l)``  ``html.read_html`` (lxml.html)
txt        anything else                                ``text.read_bytes``
=========  ===========================================  ===================================

Plain text in a legacy font encoding (TCVN3, VNI-Windows), which ``read_bytes`` leaves as the font's
code points, is converted to Unicode here. The warnings are ``(code, message)`` pairs for the record:
``encoding_converted``, ``doc_converted``, ``pdf_pages_without_text``, ``pdf_pages_garbled``,
``html_charset_wrong``. Unreadable input raises ``InputError`` with a one-line message, whatever the
damage: the readers' own errors are turned into one.
"""
from __future__ import annotations

import hashlib
import logging
import os

from kehoach.errors import InputError
from kehoach.models import Source
from kehoach.reading.formats.common import FormatWarning, looks_like_html
from kehoach.reading.legacy import ENCODING_NAMES, convert_lines
from kehoach.reading.normalize import normalize_text
from kehoach.reading.text import (
    MAX_INPUT_BYTES, STDIN_LABEL, load_file, looks_legacy_vietnamese, read_bytes, sniff_signature, too_large,
)

__all__ = ["FormatWarning", "detect_format", "is_document", "read_document", "read_document_bytes", "read_path"]

logger = logging.getLogger(__name__)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_HTML_EXTENSIONS = (".htm", ".html", ".xhtml", ".shtml")
_DOCX_EXTENSIONS = (".docx", ".docm", ".dotx", ".dotm")


def _extension(name: str | None) -> str:
    return os.path.splitext(name)[1].lower() if name else ""


def detect_format(data: bytes, name: str | None = None) -> str:
    """Which reader a file needs: b"%PDF-1.7..." -> "pdf"; a Word 97 file -> "doc"; text -> "txt"."""
    ext = _extension(name)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx" if b"word/" in data or ext in _DOCX_EXTENSIONS else "zip"
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            return "encrypted"
        return "doc" if _WORD_STREAM in data else "ole"  # no Word stream: damaged, or Excel/PowerPoint
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if ext in _HTML_EXTENSIONS or looks_like_html(data):
        return "html"
    return "txt"


def is_document(data: bytes, name: str | None = None) -> bool:
    """Whether a file is one of the formats this package reads rather than plain text."""
    return detect_format(data, name) in ("pdf", "docx", "doc", "rtf", "html", "encrypted")


def _source_format(kind: str) -> str:
    """The Source.format value: "doc" once the model lists it, else the format it was read as."""
    allowed = getattr(Source.model_fields["format"].annotation, "__args__", ())
    return kind if kind in allowed else "docx"


def _read_plain(data: bytes, path: str | None) -> tuple[str, Source, list[FormatWarning]]:

    text, source = read_bytes(data, path=path)
    legacy = looks_legacy_vietnamese(text)
    if not legacy:
        return text, source, []
    eight_bit = source.encoding in ("cp1252", "cp1258")
    converted, changed = convert_lines(text, legacy, check_each_line=not eight_bit)
    text = normalize_text(converted)
    encoding = legacy if eight_bit else f"{source.encoding}+{legacy}"
    where = "the text" if eight_bit else f"{changed} line(s)"
    message = f"converted {where} from the legacy {ENCODING_NAMES[legacy]} encoding to Unicode"
    return text, source.model_copy(update={"encoding": encoding}), [("encoding_converted", message)]


def read_document_bytes(data: bytes, *, path: str | None = None) -> tuple[str, Source, list[FormatWarning]]:
    """Read one document from its bytes: (normalised text, Source, warnings). ``path`` names it."""

    label = STDIN_LABEL if path is None else path
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(too_large(label, len(data)))
    kind = detect_format(data, path)
    if kind == "txt":
        return _read_plain(data, path)
    if kind == "encrypted":
        raise InputError(f"{label} is a password-protected Word document; save it without a password")
    if kind == "ole":
        raise InputError(f"{label} is an OLE2 file with no Word document inside (a damaged .doc, or an Excel or"
                         " PowerPoint file); open it in Word or LibreOffice and save it as .docx")
    if kind == "zip":
        raise InputError(f"{label} is {sniff_signature(data)}, not a Word, PDF or web page document")
    try:
        text, encoding, warnings = _dispatch(kind, data, label)
    except InputError:
        raise
    except (MemoryError, RecursionError):
        raise InputError(f"{label}: the document is too large or too deeply nested to read") from None
    except Exception as exc:  # noqa: BLE001 - a damaged file is a one-line InputError, never a traceback
        logger.debug("reading %s failed", label, exc_info=True)
        first = str(exc).splitlines()[0][:120] if str(exc) else ""
        reason = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        raise InputError(f"{label}: cannot read this {kind} file ({reason})") from None
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(),
                    format=_source_format("doc") if kind in ("doc", "rtf") else kind, encoding=encoding)
    logger.debug("%s read as %s (%s)", label, kind, encoding)
    return text, source, warnings


def _dispatch(kind: str, data: bytes, label: str) -> tuple[str, str | None, list[FormatWarning]]:
    if kind == "pdf":
        from kehoach.reading.formats.pdf import read_pdf

        return read_pdf(data, label)
    if kind == "docx":
        from kehoach.reading.formats.docx import read_docx

        return read_docx(data, label)
    if kind == "html":
        from kehoach.reading.formats.html import read_html

        return read_html(data, label)
    from kehoach.reading.formats.doc import convert_to_docx
    from kehoach.reading.formats.docx import read_docx

    converted = convert_to_docx(data, label, suffix=".rtf" if kind == "rtf" else ".doc")
    text, encoding, warnings = read_docx(converted, label)
    what = "an RTF document" if kind == "rtf" else "a Word 97-2003 .doc file"
    return text, encoding, [("doc_converted", f"converted from {what} to .docx with LibreOffice"), *warnings]


def read_document(path: str | os.PathLike[str]) -> tuple[str, Source, list[FormatWarning]]:
    """Read one file of any supported format: read_document("kh.docx") -> (text, Source(format="docx"), [])."""
    name = os.fspath(path)
    return read_document_bytes(load_file(name), path=name)


def read_path(path: str | os.PathLike[str]) -> tuple[str, Source]:
    """Read one file as ``read_document`` does, without its warnings: read_path("kh.txt") -> (text, Source).

    The content decides the format, whatever the name: a Word file saved as "kh.txt" is read as Word.
    """
    text, source, _warnings = read_document(path)
    return text, source
