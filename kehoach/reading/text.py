"""Input stage: a path or bytes -> (normalized text, Source).

Decode ladder for plain text (shared/notes/LIBRARIES.md), every step strict:

1. Known binary signatures (PDF, ZIP/.docx, OLE/.doc, RTF, PNG, JPEG, GIF) -> InputError naming the format.
2. Byte-order mark: UTF-8 -> "utf-8-sig", UTF-32 -> "utf-32", UTF-16 -> "utf-16".
3. NUL bytes: UTF-16 without a BOM if they sit on every other byte ("utf-16-le"/"utf-16-be"), else binary.
4. Strict UTF-8 -> "utf-8". Mostly valid UTF-8 with a few broken bytes is an error, not a cp1258 guess.
5. cp1252 when that text looks like a legacy Vietnamese font (TCVN3/ABC or VNI): "cp1252". The text is
   then left as the font's code points (only line breaks are normalized) for a later converter, and the
   pipeline should warn; ``looks_legacy_vietnamese`` says which font.
6. Windows-1258 -> "cp1258" (it writes tones as combining marks; NFC makes precomposed letters).
7. Windows-1252 for the few byte sequences cp1258 leaves undefined; otherwise InputError.

Decoded text with NUL characters or more than 5% control characters is binary.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from functools import lru_cache

from kehoach.errors import InputError
from kehoach.models import Source
from kehoach.reading.normalize import normalize_line_breaks, normalize_text

__all__ = ["MAX_INPUT_BYTES", "STDIN_LABEL", "decode_bytes", "load_file", "looks_legacy_vietnamese", "read_bytes", "too_large"]

logger = logging.getLogger(__name__)

MAX_INPUT_BYTES = 50 * 1024 * 1024
STDIN_LABEL = "<stdin>"
_PLAIN_ONLY = "kehoach reads text, Word, PDF and web page documents"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc (OLE2) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "a Word .docx file"),
    (b"xl/", "an Excel .xlsx file"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_UTF16_SAMPLE = 8192
_CONTROL_SHARE_MAX = 0.05
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls but \t \n \v \f \r

# A whole, valid multi-byte UTF-8 sequence (RFC 3629 table).
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))

# Legacy fonts as seen through cp1252. TCVN3 (.VnTime) puts ă â ê ô ơ ư đ, the a-tones and the
# ă/â-tones at A1-AF and B5-BF, which Unicode Vietnamese text never has inside a word:
# "KÕ ho¹ch n¨m" is "Kế hoạch năm". B0-B4 (° ± ² ³ ´) are left out: "m²" is ordinary text.
_LATIN1_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
_TCVN3_CHARS = "\u00a1-\u00af\u00b5-\u00bf"
_WORDISH = _LATIN1_LETTER + _TCVN3_CHARS
_TCVN3_RE = re.compile(  # inside a word, or a capital / "đ" (® = đ, § = Đ) starting one
    f"(?:[{_TCVN3_CHARS}](?<=[{_WORDISH}].)|[\u00a1-\u00a7\u00ae](?<![{_WORDISH}].))(?=[{_WORDISH}])"
)
# VNI-Windows writes a vowel then a tone byte; these tone bytes are letters Vietnamese never uses:
# "hoaïch" is "hoạch", "vaø" is "và", "nhieäm" is "nhiệm".
_VNI_RE = re.compile("[aeiouyAEIOUY][äåëïøûüÄÅËÏØÛÜ]")
_LEGACY_CANDIDATE_RE = re.compile(f"[{_TCVN3_CHARS}äåëïøûüÄÅËÏØÛÜ]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f\u00a0\u2000-\u206f]")
_LEGACY_MIN_HITS = 3
_LEGACY_MIN_SHARE = 0.25


def _label(path: str | None) -> str:
    return STDIN_LABEL if path is None else path


def sniff_signature(data: bytes) -> str | None:
    """The binary format ``data`` starts with: b"%PDF-1.7 ..." -> "a PDF"; plain text -> None."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    if data.startswith(_ZIP_MAGIC):
        for marker, name in _ZIP_KINDS:
            if marker in data:
                return name
        return "a ZIP archive"
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, from where the NULs sit: "Kế".encode("utf-16-le") -> "utf-16-le"."""
    if len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.01 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.01 * pairs:
        return "utf-16-be"
    return None


def _decode_utf16_without_bom(data: bytes, label: str) -> tuple[str, str]:
    """Text with NUL bytes: UTF-16 if they sit on every other byte, else binary."""
    encoding = _sniff_utf16(data)
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    raise InputError(f"binary file, not a text document: {label}")


def _line_of(data: bytes, offset: int, encoding: str = "latin-1") -> int:
    """1-based line of the byte at ``offset`` (the bytes before it decode), counting \\n, \\r\\n, \\r."""
    head = data[:offset].decode(encoding)
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes belong to valid UTF-8 sequences (a damaged UTF-8 file, not cp1258)."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    valid = sum(m.end() - m.start() for m in _UTF8_MULTIBYTE_RE.finditer(data))
    return high > 0 and valid >= 0.8 * high


def _decode_unicode(data: bytes, encoding: str, label: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, encoding)
        message = f"cannot decode {label} as {encoding.upper()} ({why}): invalid data at line {line}"
        raise InputError(message) from None


def _check_text(text: str, label: str) -> str:
    """Refuse decoded text that is really binary; drop a DOS end-of-file mark (\\x1a) at the end."""
    if text.endswith("\x1a"):
        text = text[:-1]
    controls = sum(1 for _ in _CONTROL_RE.finditer(text))
    if "\x00" in text or (text and controls > _CONTROL_SHARE_MAX * len(text)):
        raise InputError(f"binary file, not a text document: {label}")
    return text


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Bytes to (raw text, encoding name), strictly: "Kế".encode("utf-16") -> ("Kế", "utf-16").

    The text is not normalized yet (cp1258 text may still hold combining tone marks). ``path`` only
    names the input in error messages. Raises InputError for binary or undecodable data.
    """
    text, encoding, _ = _decode(data, _label(path))
    return text, encoding


def _decode(data: bytes, label: str) -> tuple[str, str, str | None]:
    """The decode ladder; also returns ``looks_legacy_vietnamese`` of the text, computed once."""
    kind = sniff_signature(data)
    if kind:
        raise InputError(f"{label} is {kind}; {_PLAIN_ONLY}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_unicode(data, encoding, label, "it starts with a byte-order mark")
            return _unicode_result(text, encoding, label)
    if b"\x00" in data:
        return _unicode_result(*_decode_utf16_without_bom(data, label), label)
    try:
        return _unicode_result(data.decode("utf-8"), "utf-8", label)
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            byte, line = data[exc.start], _line_of(data, exc.start)
            raise InputError(
                f"{label} is not valid UTF-8: byte 0x{byte:02X} at line {line} cannot be decoded;"
                " re-save the file as UTF-8"
            ) from None
    return _decode_8bit(data, label)


def _unicode_result(text: str, encoding: str, label: str) -> tuple[str, str, str | None]:
    text = _check_text(text, label)
    return text, encoding, looks_legacy_vietnamese(text)  # legacy-font text pasted into a Unicode file


def _decode_8bit(data: bytes, label: str) -> tuple[str, str, str | None]:
    """The single-byte end of the ladder: legacy font via cp1252, else cp1258, else cp1252."""
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        western = _check_text(western, label)
        legacy = looks_legacy_vietnamese(western)
        if legacy:
            return western, "cp1252", legacy
    try:
        return _check_text(data.decode("cp1258"), label), "cp1258", None
    except UnicodeDecodeError as exc:
        if western is not None:
            return western, "cp1252", None
        raise InputError(
            f"cannot decode {label}: not UTF-8, UTF-16 or Windows-1258 text"
            f" (byte 0x{data[exc.start]:02X} at line {_line_of(data, exc.start)})"
        ) from None


# The reader and then the pipeline ask this of the same text object: remember the last answers.
@lru_cache(maxsize=2)
def looks_legacy_vietnamese(text: str) -> str | None:
    """The legacy font the text seems typed in: "KÕ ho¹ch n¨m 2024" -> "tcvn3"; "Keá hoaïch" -> "vni".

    A cheap check on code points as cp1252 shows them (also catches such text pasted into a UTF-8
    file). Unicode Vietnamese, cp1258 and English give None.
    """
    # Each TCVN3 or VNI hit holds one candidate character: too few candidates, too few hits (fast scan).
    if len(_LEGACY_CANDIDATE_RE.findall(text)) < _LEGACY_MIN_HITS:
        return None
    tcvn3 = len(_TCVN3_RE.findall(text))
    vni = len(_VNI_RE.findall(text))
    best, hits = ("tcvn3", tcvn3) if tcvn3 >= vni else ("vni", vni)
    if hits >= _LEGACY_MIN_HITS and hits >= _LEGACY_MIN_SHARE * len(_NON_ASCII_RE.findall(text)):
        return best
    return None


def read_bytes(data: bytes, *, path: str | None = None) -> tuple[str, Source]:
    """Decode and normalize one input: read_bytes("Kế hoạch\\r\\n".encode()) -> ("Kế hoạch\\n", Source(...)).

    ``path`` is recorded in Source and used in messages (None for stdin). Legacy-font text keeps its
    code points: only its line breaks are normalized.
    """
    label = _label(path)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(too_large(label, len(data)))
    text, encoding, legacy = _decode(data, label)
    if legacy:
        logger.debug("%s looks like %s legacy-font text", label, legacy)
        text = normalize_line_breaks(text)
    else:
        text = normalize_text(text)
    if not text.strip():
        raise InputError(f"empty file: {label}")
    logger.debug("%s decoded as %s", label, encoding)
    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format="txt", encoding=encoding)
    return text, source


def too_large(label: str, size: int) -> str:
    return f"file too large: {label} ({size / 2**20:.1f} MB; the limit is {MAX_INPUT_BYTES / 2**20:g} MB)"


def load_file(name: str) -> bytes:
    """A file's bytes, with the one-line errors for a missing file, a directory, a huge file ..."""
    try:
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_INPUT_BYTES:
                raise InputError(too_large(name, size))
            return handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except NotADirectoryError:
        raise InputError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise InputError(f"is a directory: {name} (use kehoach batch)") from None
    except PermissionError:
        if os.path.isdir(name):  # Windows reports a directory as permission denied
            raise InputError(f"is a directory: {name} (use kehoach batch)") from None
        raise InputError(f"permission denied: {name}") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
