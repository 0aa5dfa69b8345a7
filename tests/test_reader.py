"""reader: decode ladder, binary and empty detection, read_path errors, Source."""
from __future__ import annotations

import codecs
import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.reading import text as reader
from kehoach.errors import InputError
from kehoach.reading.dispatch import read_path
from kehoach.reading.text import decode_bytes, looks_legacy_vietnamese, read_bytes

PLAN = "KẾ HOẠCH\nThực hiện nhiệm vụ chuyển đổi số năm 2024\nỦy ban nhân dân tỉnh Đắk Lắk\n"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter (â, ơ, ...) + a combining tone mark."""
    out = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFD", char) if c not in TONES)
        tone = "".join(c for c in unicodedata.normalize("NFD", char) if c in TONES)
        out.append((unicodedata.normalize("NFC", base) + tone).encode("cp1258"))
    return b"".join(out)


# Legacy fonts, as cp1252 shows their bytes. Both say:
# "Kế hoạch thực hiện nhiệm vụ năm 2024\nCác sở, ban, ngành được phép đề xuất\nủy ban nhân dân tỉnh"
TCVN3 = "KÕ ho¹ch thùc hiÖn nhiÖm vô n¨m 2024\nC¸c së, ban, ngµnh ®\xadîc phÐp ®Ò xuÊt\nñy ban nh©n d©n tØnh"
VNI = (
    "Keá hoaïch thöïc hieän nhieäm vuï naêm 2024\nCaùc sôû, ban, ngaønh ñöôïc pheùp ñeà xuaát\n"
    "uûy ban nhaân daân tænh"
)


# --- decode_bytes: which encoding ------------------------------------------------------------------

ASCII = "KE HOACH 2024\n"
DECODE_CASES = [
    pytest.param(PLAN.encode("utf-8"), "utf-8", PLAN, id="utf8"),
    pytest.param(ASCII.encode("ascii"), "utf-8", ASCII, id="ascii"),
    pytest.param(codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig", PLAN, id="utf8-bom"),
    pytest.param(PLAN.encode("utf-16"), "utf-16", PLAN, id="utf16-bom-native"),
    pytest.param(codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"), "utf-16", PLAN, id="utf16le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16", PLAN, id="utf16be-bom"),
    pytest.param(codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"), "utf-32", PLAN, id="utf32le-bom"),
    pytest.param(codecs.BOM_UTF32_BE + PLAN.encode("utf-32-be"), "utf-32", PLAN, id="utf32be-bom"),
    pytest.param(PLAN.encode("utf-16-le"), "utf-16-le", PLAN, id="utf16le-no-bom"),
    pytest.param(PLAN.encode("utf-16-be"), "utf-16-be", PLAN, id="utf16be-no-bom"),
    pytest.param(ASCII.encode("utf-16-le"), "utf-16-le", ASCII, id="utf16le-no-bom-ascii"),
    pytest.param(_cp1258(PLAN), "cp1258", PLAN, id="cp1258"),
]


@pytest.mark.parametrize(("data", "encoding", "expected"), DECODE_CASES)
def test_decode_bytes(data: bytes, encoding: str, expected: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert unicodedata.normalize("NFC", text) == expected


@pytest.mark.parametrize(("data", "encoding", "expected"), DECODE_CASES)
def test_read_bytes_same_text_from_every_encoding(data: bytes, encoding: str, expected: str) -> None:
    text, source = read_bytes(data)
    assert (text, source.encoding) == (expected, encoding)


def test_cp1258_combining_tones_become_precomposed() -> None:
    data = _cp1258("Kế hoạch")
    assert b"\xec" in data and b"\xf2" in data  # combining acute and dot below, as cp1258 writes them
    raw, _ = decode_bytes(data)
    assert raw != "Kế hoạch"  # NFD-like before normalization
    text, _ = read_bytes(data)
    assert text == "Kế hoạch"
    assert not any(unicodedata.combining(c) for c in text)


def test_cp1252_for_bytes_cp1258_leaves_undefined() -> None:
    text, source = read_bytes(b"\x8a\x9a report 2024")  # Š š: undefined in cp1258
    assert (text, source.encoding) == ("Šš report 2024", "cp1252")


def test_plain_ascii_is_not_guessed_as_legacy() -> None:
    assert looks_legacy_vietnamese("KE HOACH so 12/KH-UBND") is None


# --- legacy fonts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "font"), [(TCVN3, "tcvn3"), (VNI, "vni")], ids=["tcvn3", "vni"])
def test_legacy_font_bytes_decode_as_cp1252_and_are_flagged(text: str, font: str) -> None:
    data = text.replace("\n", "\r\n").encode("cp1252")
    decoded, encoding = decode_bytes(data)
    assert encoding == "cp1252"
    assert looks_legacy_vietnamese(decoded) == font
    out, source = read_bytes(data)
    assert source.encoding == "cp1252"
    assert out == text  # code points kept for a later converter; only line breaks normalized


def test_tcvn3_letters_that_look_like_clean_up_targets_are_kept() -> None:
    out, _ = read_bytes(TCVN3.encode("cp1252"))
    assert "®\xadîc" in out  # "được": \xad is ư in TCVN3, not a soft hyphen
    assert "phÐp" in out  # "phép": Ð is é in TCVN3, not Đ


def test_legacy_text_pasted_into_utf8_is_flagged() -> None:
    out, source = read_bytes(TCVN3.encode("utf-8"))
    assert source.encoding == "utf-8"
    assert looks_legacy_vietnamese(out) == "tcvn3"


@pytest.mark.parametrize(
    "text",
    [
        PLAN,
        "Diện tích 20 m² và 30 m², nhiệt độ 30°C, «Hà Nội», § 3, Windows®",
        "Müller über Köln, schöne Grüße aus der Bäckerei",
        "Le Noël de l'école coûte cher",
        "",
    ],
    ids=["unicode-vietnamese", "symbols", "german", "french", "empty"],
)
def test_not_legacy(text: str) -> None:
    assert looks_legacy_vietnamese(text) is None


def test_cp1258_vietnamese_is_not_legacy() -> None:
    data = _cp1258(PLAN)
    assert looks_legacy_vietnamese(data.decode("cp1252")) is None
    assert looks_legacy_vietnamese(data.decode("cp1258")) is None


# --- normalization at the reader boundary: line counts kept ------------------------------------------

BOUNDARY_CASES = [
    pytest.param("KẾ HOẠCH\r\nThực hiện\r\n\r\nI. MỤC ĐÍCH\r\n", "KẾ HOẠCH\nThực hiện\n\nI. MỤC ĐÍCH\n",
                 id="crlf"),
    pytest.param("KẾ HOẠCH\rThực hiện\r\rI. MỤC ĐÍCH", "KẾ HOẠCH\nThực hiện\n\nI. MỤC ĐÍCH", id="lone-cr"),
    pytest.param("hết quý II\fnăm 2025\n\fII. NHIỆM VỤ\n", "hết quý II năm 2025\nII. NHIỆM VỤ\n",
                 id="form-feed"),
    pytest.param("Số:\u00a0125/KH-UBND\nHà\u00a0Nội", "Số: 125/KH-UBND\nHà Nội", id="nbsp"),
    pytest.param("Kế\u200b hoạch\u200d\n\ufeffthực hiện", "Kế hoạch\nthực hiện", id="zero-width"),
    pytest.param("Ke\u0302\u0301 hoa\u0323ch\nnăm 2024", "Kế hoạch\nnăm 2024", id="nfd"),
    pytest.param("ÐẢNG ỦY\nxã Ðông Sơn", "ĐẢNG ỦY\nxã Đông Sơn", id="eth"),
    pytest.param("STT\tNội dung\r\n1\tRà soát", "STT\tNội dung\n1\tRà soát", id="tabs-kept"),
]
ENCODERS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "cp1258": _cp1258,
}


def _breaks(text: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", text))


@pytest.mark.parametrize("encoder", ENCODERS)
@pytest.mark.parametrize(("original", "expected"), BOUNDARY_CASES)
def test_boundary_cleanup_keeps_line_count(original: str, expected: str, encoder: str) -> None:
    try:
        data = ENCODERS[encoder](original)
    except UnicodeEncodeError:
        pytest.skip(f"not representable in {encoder}")
    text, _ = read_bytes(data)
    assert text == expected
    assert text.count("\n") == _breaks(original)


@given(st.binary(max_size=200) | st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_text_or_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    try:
        out, source = read_bytes(data)
    except InputError as exc:
        assert str(exc) == "empty file: <stdin>"
        return
    assert source.encoding == encoding
    assert out.count("\n") == _breaks(text)


def test_dos_end_of_file_mark_is_dropped() -> None:
    text, _ = read_bytes("Kế hoạch\r\n\x1a".encode("utf-8"))
    assert text == "Kế hoạch\n"


# --- errors --------------------------------------------------------------------------------------------

def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


PLAIN_ONLY = "kehoach reads text, Word, PDF and web page documents"
BINARY = "binary file, not a text document: in.txt"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CAPPED_INPUT_BYTES = 2 * 2**20  # the size limit while ERROR_CASES run: the too-large row needs no 50 MB
# One row per bad input: (bytes, the exact one-line InputError message when read as "in.txt"), id.
# Every row is also read from stdin, where the message names "<stdin>" instead of "in.txt".
ERROR_CASES = [
    pytest.param(b"", "empty file: in.txt", id="empty"),
    pytest.param(b"\n\n", "empty file: in.txt", id="newlines-only"),
    pytest.param(b" \r\n\t\n  ", "empty file: in.txt", id="whitespace"),
    pytest.param(codecs.BOM_UTF8, "empty file: in.txt", id="bom-only"),
    pytest.param("\u00a0\u200b\n\ufeff".encode("utf-16"), "empty file: in.txt", id="invisible-only"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", f"in.txt is a PDF; {PLAIN_ONLY}", id="pdf"),
    pytest.param(_zip("word/document.xml"), f"in.txt is a Word .docx file; {PLAIN_ONLY}", id="docx"),
    pytest.param(_zip("xl/workbook.xml"), f"in.txt is an Excel .xlsx file; {PLAIN_ONLY}", id="xlsx"),
    pytest.param(_zip("data.csv"), f"in.txt is a ZIP archive; {PLAIN_ONLY}", id="zip"),
    pytest.param(OLE2 + bytes(512), f"in.txt is a legacy Word .doc (OLE2) file; {PLAIN_ONLY}", id="doc"),
    pytest.param(b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", f"in.txt is an RTF document; {PLAIN_ONLY}", id="rtf"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"in.txt is a PNG image; {PLAIN_ONLY}", id="png"),
    pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", f"in.txt is a JPEG image; {PLAIN_ONLY}", id="jpeg"),
    pytest.param(b"GIF89a\x01\x00\x01\x00", f"in.txt is a GIF image; {PLAIN_ONLY}", id="gif"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x02\x00>\x00", BINARY, id="nul"),
    pytest.param(b"Ke hoach\x00" + b"x" * 40, BINARY, id="nul-in-text"),
    pytest.param(b"\x01\x02\x03\x04 Ke hoach 2024 \x05\x06\x07", BINARY, id="controls"),
    pytest.param("ab\x00c".encode("utf-16"), BINARY, id="nul-in-utf16"),
    pytest.param(
        codecs.BOM_UTF16_LE + "Kế hoạch\nnăm".encode("utf-16-le") + b"\x00\xd8",
        "cannot decode in.txt as UTF-16 (it starts with a byte-order mark): invalid data at line 2",
        id="utf16-lone-surrogate",
    ),
    pytest.param(
        codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00",
        "cannot decode in.txt as UTF-32 (it starts with a byte-order mark): invalid data at line 1",
        id="utf32-out-of-range",
    ),
    pytest.param(
        "Kế hoạch\r\nthực hiện\r\nnăm ".encode("utf-8") + b"\xff" + "2024 của tỉnh".encode("utf-8"),
        "in.txt is not valid UTF-8: byte 0xFF at line 3 cannot be decoded; re-save the file as UTF-8",
        id="damaged-utf8",
    ),
    pytest.param(
        b"Ke hoach\nnam 2024 \x81\x8d",
        "cannot decode in.txt: not UTF-8, UTF-16 or Windows-1258 text (byte 0x81 at line 2)",
        id="undecodable",
    ),
    pytest.param(  # NULs on every other byte, so UTF-16-LE without a BOM, but it ends in a lone surrogate
        "Ke hoach nam 2024".encode("utf-16-le") + b"\x01\xd8", BINARY, id="utf16-no-bom-undecodable",
    ),
    pytest.param(b"a" * (3 * 2**20), "file too large: in.txt (3.0 MB; the limit is 2 MB)", id="too-large"),
]


@pytest.mark.parametrize("path", ["in.txt", None], ids=["file", "stdin"])
@pytest.mark.parametrize(("data", "message"), ERROR_CASES)
def test_read_bytes_errors(
    data: bytes, message: str, path: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", CAPPED_INPUT_BYTES)
    with pytest.raises(InputError) as info:
        read_bytes(data, path=path)
    assert str(info.value) == message.replace("in.txt", reader.STDIN_LABEL if path is None else path)
    assert "\n" not in str(info.value)


# --- read_path -------------------------------------------------------------------------------------------

def test_read_path(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + PLAN.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "ke_hoach.txt"
    path.write_bytes(data)
    text, source = read_path(path)
    assert text == PLAN
    assert source.path == str(path)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.format, source.encoding) == ("txt", "utf-8-sig")


def test_read_path_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kh.txt").write_bytes(_cp1258(PLAN))
    monkeypatch.chdir(tmp_path)
    text, source = read_path("kh.txt")
    assert (text, source.path, source.encoding) == (PLAN, "kh.txt", "cp1258")


def test_read_bytes_source_without_path() -> None:
    data = PLAN.encode("utf-8")
    _, source = read_bytes(data)
    assert source.path is None
    assert source.sha256 == hashlib.sha256(data).hexdigest()


# (files to create under tmp_path, the path to read below it, the message with {path} for that path), id
PATH_ERROR_CASES = [
    pytest.param({}, "khong_co.txt", "no such file: {path}", id="missing"),
    pytest.param({"a.txt": b"x"}, "a.txt/b.txt", "no such file: {path}", id="under-a-file"),
    pytest.param({}, "", "is a directory: {path} (use kehoach batch)", id="directory"),  # tmp_path itself
    pytest.param({"empty.txt": b""}, "empty.txt", "empty file: {path}", id="empty"),
    pytest.param({"ke_hoach.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}, "ke_hoach.txt", "{path} is a PNG image; " + PLAIN_ONLY,
                 id="png"),
]


@pytest.mark.parametrize(("files", "name", "message"), PATH_ERROR_CASES)
def test_read_path_errors(tmp_path: Path, files: dict[str, bytes], name: str, message: str) -> None:
    for file_name, data in files.items():
        (tmp_path / file_name).write_bytes(data)
    path = tmp_path / name
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == message.format(path=path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Kế hoạch", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reader, "open", denied, raising=False)  # tests run as root: chmod would not stop us
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == f"permission denied: {path}"


def test_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(reader.MAX_INPUT_BYTES + 1)  # sparse: no 50 MB written
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == f"file too large: {path} (50.0 MB; the limit is 50 MB)"
