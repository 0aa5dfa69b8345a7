"""kehoach.reading (formats): .docx (numbering, tables, legacy runs), .doc via LibreOffice, .pdf, .html, legacy text.

The sample documents are rebuilt in every format by tests/make_format_fixtures.py (into a temporary
directory) and must give the same record as their plain text. The originals in ../shared/corpus, when
present, must each give a record or a one-line error.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import stat
import sys
import textwrap
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_format_fixtures as mk  # noqa: E402

import kehoach  # noqa: E402

from kehoach.errors import InputError  # noqa: E402
from kehoach.reading.dispatch import detect_format, read_document, read_document_bytes, read_path  # noqa: E402
from kehoach.reading.formats import common, doc  # noqa: E402
from kehoach.reading.formats import docx as docx_reader  # noqa: E402
from kehoach.reading.formats import pdf as pdf_reader  # noqa: E402
from kehoach.reading.legacy import convert_lines, font_encoding, tcvn3_to_unicode, vni_to_unicode  # noqa: E402
from kehoach.reading.formats.numbering import format_number  # noqa: E402
from kehoach.pipeline import parse_text  # noqa: E402

SAMPLES = sorted(mk.SAMPLES.glob("*.txt"))
ORIGINALS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "originals"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HAVE_PDF_BUILDER = mk.font_path() is not None and __import__("importlib").util.find_spec("fpdf") is not None
needs_pdf_builder = pytest.mark.skipif(not HAVE_PDF_BUILDER, reason="fpdf2 or DejaVuSans.ttf missing")


def _strip_lines(value):
    """A record without line numbers, which differ between a text and its table/PDF layout."""
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


COMPARED = ("kind", "number", "date", "issuer", "place", "title", "sections", "tasks", "signature", "recipients")


def _record(text: str) -> dict:
    dumped = _strip_lines(parse_text(text).model_dump(mode="json"))
    return {k: dumped[k] for k in COMPARED}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("formats")
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        mk.build_docx(text, out / f"{sample.stem}.docx")
        mk.build_docx(text, out / f"{sample.stem}.tcvn3.docx", legacy="tcvn3")
        mk.build_docx(text, out / f"{sample.stem}.vni.docx", legacy="vni")
        for variant in ("portal", "lists", "word", "cp1258"):
            mk.build_html(text, out / f"{sample.stem}.{variant}.html", variant=variant)
        (out / f"{sample.stem}.tcvn3.txt").write_bytes(mk.to_tcvn3(text).encode("cp1252"))
        (out / f"{sample.stem}.vni.txt").write_bytes(mk.to_vni(text).encode("cp1252"))
        if HAVE_PDF_BUILDER:
            mk.build_pdf(text, out / f"{sample.stem}.pdf")
    return out


# --- the same plan in every format ----------------------------------------------------------------------

VARIANTS = [
    ("docx", "docx", "utf-8"), ("tcvn3.docx", "docx", "utf-8+tcvn3"), ("vni.docx", "docx", "utf-8+vni"),
    ("portal.html", "html", "utf-8"), ("lists.html", "html", "utf-8"), ("word.html", "html", "cp1252"), ("cp1258.html", "html", "cp1258"),
    ("vni.txt", "txt", "vni"), ("pdf", "pdf", None),
]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
@pytest.mark.parametrize(("suffix", "fmt", "encoding"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_every_format_gives_the_plain_text_record(built: Path, sample: Path, suffix: str, fmt: str, encoding) -> None:
    if suffix == "pdf" and not HAVE_PDF_BUILDER:
        pytest.skip("fpdf2 or DejaVuSans.ttf missing")
    expected_text, _, _ = read_document(sample)
    text, source, warnings = read_document(built / f"{sample.stem}.{suffix}")
    assert (source.format, source.encoding) == (fmt, encoding)
    assert _record(text) == _record(expected_text)
    assert unicodedata.is_normalized("NFC", text)
    assert ("encoding_converted" in [c for c, _ in warnings]) == ("tcvn3" in suffix or "vni" in suffix)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_docx_labels_come_from_word_numbering(built: Path, sample: Path) -> None:
    with zipfile.ZipFile(built / f"{sample.stem}.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    expected, _, _ = read_document(sample)
    labelled = [line for line in expected.split("\n") if mk.classify(line.strip())]
    if labelled:
        assert body.count("<w:numPr>") >= len(labelled)
        assert "<w:t>I. " not in body and "<w:t>1. " not in body and "<w:t>- " not in body  # not typed


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
@pytest.mark.parametrize("suffix", ["docx", "portal.html", "vni.txt", "vni.docx", "tcvn3.docx"])
def test_same_text_where_the_layout_allows(built: Path, sample: Path, suffix: str) -> None:
    """Without a two-column header the text itself is identical, line for line."""
    expected, _, _ = read_document(sample)
    text, _, _ = read_document(built / f"{sample.stem}.{suffix}")
    header, start = mk.split_header(expected.split("\n"))
    if not header:
        assert text == expected
    else:
        assert text.split("\n")[-20:] == expected.split("\n")[-20:]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_tcvn3_text_decodes_to_the_unicode_original(built: Path, sample: Path) -> None:
    """TCVN3 has no capitals with tone marks (documents set them in .VnTimeH, which plain text loses).

    Capitals come back where the text shows them (a line or word in capitals: "KẾ HOẠCH", "SỞ Y TẾ");
    a lone capital ("Ủy ban" inside a sentence) stays small. Everything else is exact.
    """
    original, _, _ = read_document(sample)
    text, source, warnings = read_document(built / f"{sample.stem}.tcvn3.txt")
    assert text.lower() == original.lower()
    for expected, got in zip(original.split("\n"), text.split("\n")):
        if expected == expected.upper() or not any(mk.tcvn3_needs_capital_font(c) for c in expected):
            assert got == expected
    assert source.encoding == "tcvn3"
    assert warnings[0][0] == "encoding_converted" and "TCVN3" in warnings[0][1]
    record, expected_record = _record(text), _record(original)
    for key in ("kind", "number", "date", "place", "title", "issuer"):
        assert record[key] == expected_record[key]
    assert [(s["number"], s["title"]) for s in record["sections"]] == \
        [(s["number"], s["title"]) for s in expected_record["sections"]]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_vni_text_decodes_exactly(built: Path, sample: Path) -> None:
    original, _, _ = read_document(sample)
    text, _, _ = read_document(built / f"{sample.stem}.vni.txt")
    assert text == original


@needs_pdf_builder
def test_pdf_page_furniture_is_dropped(built: Path) -> None:
    text, _, _ = read_document(built / "ke_hoach_ubnd_tinh_phan_cong.pdf")
    import pypdfium2

    assert len(pypdfium2.PdfDocument(str(built / "ke_hoach_ubnd_tinh_phan_cong.pdf"))) >= 2
    assert "Văn bản mẫu - kehoach" not in text
    assert not [line for line in text.split("\n") if line.strip().isdigit()]
    assert "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" in text


# --- detection and routing -------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "name", "kind"), [
    (b"%PDF-1.7\n...", "x.txt", "pdf"),
    (b"\xef\xbb\xbf%PDF-1.4", None, "pdf"),
    (b"<!DOCTYPE html><html>", None, "html"),
    (b"  <html><body>", None, "html"),
    (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", None, "html"),
    (b"<p>a</p>", "page.htm", "html"),
    (b"Ke hoach <html>", None, "txt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.doc", "ole"),  # no Word stream: damaged
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), None, "doc"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "x.docx", "encrypted"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "x.xls", "ole"),
    (b"{\\rtf1\\ansi", "x.doc", "rtf"),
    (b"KE HOACH", "x.docx", "txt"),
])
def test_detect_format(data: bytes, name, kind: str) -> None:
    assert detect_format(data, name) == kind


def test_read_path_routes_documents_and_keeps_plain_text(tmp_path: Path, built: Path) -> None:
    no_ext = tmp_path / "ke-hoach"
    no_ext.write_bytes((built / "ke_hoach_ubnd_tinh_phan_cong.docx").read_bytes())
    text, source = read_path(no_ext)
    assert source.format == "docx" and "III. NHIỆM VỤ VÀ GIẢI PHÁP" in text
    text, source = read_path(mk.SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt")
    assert source.format == "txt"
    renamed = tmp_path / "ke-hoach.txt"  # the content decides, not the name
    renamed.write_bytes((built / "ke_hoach_ubnd_tinh_phan_cong.docx").read_bytes())
    assert read_path(renamed)[1].format == "docx"
    assert kehoach.parse_file(renamed).source.format == "docx"


def test_cli_parses_a_docx_and_reports_a_bad_pdf(tmp_path: Path, built: Path) -> None:
    import json

    from kehoach.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["parse", str(built / "ke_hoach_ubnd_tinh_phan_cong.docx"), "--compact"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "docx" and record["number"] == "128/KH-UBND"
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    result = runner.invoke(cli, ["parse", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


def test_a_damaged_doc_is_an_error_in_parse_and_in_batch(tmp_path: Path) -> None:
    """An OLE2 header followed by junk holds no Word document: refused before any conversion."""
    from kehoach.cli import cli

    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000).replace(b"W", b"w"))
    (tmp_path / "ok.txt").write_bytes((mk.SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt").read_bytes())
    runner = CliRunner()
    result = runner.invoke(cli, ["parse", str(bad)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == (f"Error: {bad} is an OLE2 file with no Word document inside (a damaged .doc,"
                                     " or an Excel or PowerPoint file); open it in Word or LibreOffice and save"
                                     " it as .docx")
    result = runner.invoke(cli, ["batch", str(tmp_path), "--combined", str(tmp_path / "all.jsonl"), "-q"])
    assert result.exit_code == 1
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 1


LIST_PLAN_TEXT = """ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ
Số: 21/KH-UBND
Tân Phú, ngày 3 tháng 3 năm 2025
KẾ HOẠCH
Số hóa hồ sơ hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân.
II. NHIỆM VỤ
1. Phòng Nội vụ chủ trì rà soát hồ sơ lưu trữ, hoàn thành trong quý II/2025.
2. Phòng Tài chính - Kế hoạch bố trí kinh phí số hóa, hoàn thành trước ngày 30/6/2025.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND huyện tổng hợp kết quả, báo cáo trong tháng 12/2025.
"""
LIST_PLAN_HTML = """<html><head><meta charset="utf-8"></head><body>
<p>ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ</p><p>Số: 21/KH-UBND</p><p>Tân Phú, ngày 3 tháng 3 năm 2025</p>
<p><b>KẾ HOẠCH</b></p><p>Số hóa hồ sơ hành chính năm 2025</p>
<ol type="I">
 <li><p><b>MỤC ĐÍCH, YÊU CẦU</b></p><ol><li><p>Nâng cao chất lượng phục vụ người dân.</p></li></ol></li>
 <li><p><b>NHIỆM VỤ</b></p>
  <ol>
   <li><p>Phòng Nội vụ chủ trì rà soát hồ sơ lưu trữ, hoàn thành trong quý II/2025.</p></li>
   <li><p>Phòng Tài chính - Kế hoạch bố trí kinh phí số hóa, hoàn thành trước ngày 30/6/2025.</p></li>
  </ol>
 </li>
</ol>
<ol type="I" start="3"><li><p><b>TỔ CHỨC THỰC HIỆN</b></p>
 <ol><li><p>Văn phòng HĐND và UBND huyện tổng hợp kết quả, báo cáo trong tháng 12/2025.</p></li></ol></li></ol>
</body></html>"""


def test_html_lists_are_numbered_as_a_browser_shows_them() -> None:
    """<ol type="I">, nested <ol>, start=: the same sections and tasks as the plain text."""
    from_html = kehoach.parse_bytes(LIST_PLAN_HTML.encode("utf-8"), path="plan.html")
    from_text = kehoach.parse_text(LIST_PLAN_TEXT)
    assert from_html.source.format == "html"
    assert [(s.number, s.title) for s in from_html.sections] == [("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ"),
                                                                ("III", "TỔ CHỨC THỰC HIỆN")]
    assert [t.model_dump(exclude={"line"}) for t in from_html.tasks] == \
        [t.model_dump(exclude={"line"}) for t in from_text.tasks]
    assert len(from_text.tasks) == 3


# --- .docx: a hand-built package -------------------------------------------------------------------------

def make_docx(body: str, *, numbering: str = "", styles: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx: ``body`` is the inside of <w:body>; numbering/styles the inside of their roots."""
    ns = f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"' \
         ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"' \
         ' xmlns:v="urn:schemas-microsoft-com:vml"'
    rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>']
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + '</Relationships>'),
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>',
        "word/numbering.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def p(text: str = "", *, num: int | None = None, ilvl: int = 0, style: str | None = None, runs: str | None = None) -> str:
    ppr = ""
    if style or num is not None:
        numpr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num is not None else ""
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}</w:pPr>"
    content = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{ppr}{content}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


OUTLINE = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "lowerLetter", "%3)")
    + lvl(3, "bullet", "\uf0b7", extra='<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>')
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def docx_text(body: str, **kwargs) -> str:
    return read_document_bytes(make_docx(body, **kwargs), path="t.docx")[0]


def test_numbering_levels_restart_under_their_parent() -> None:
    body = "".join([
        p("MỤC ĐÍCH", num=1), p("Mục đích", num=1, ilvl=1), p("Yêu cầu", num=1, ilvl=1),
        p("NHIỆM VỤ", num=1), p("Cải cách", num=1, ilvl=1), p("Mục tiêu", num=1, ilvl=2),
        p("Nhiệm vụ", num=1, ilvl=2), p("Sở Nội vụ", num=1, ilvl=3), p("Thể chế", num=1, ilvl=1),
        p("Văn bản thường"),
    ])
    assert docx_text(body, numbering=OUTLINE).splitlines() == [
        "I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "II. NHIỆM VỤ", "1. Cải cách", "a) Mục tiêu",
        "b) Nhiệm vụ", "• Sở Nội vụ", "2. Thể chế", "Văn bản thường",
    ]


def test_numbering_multilevel_text_legal_start_and_override() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1.", start=3) + lvl(1, "decimal", "%1.%2.")
        + lvl(2, "lowerRoman", "%1.%2.%3", extra='<w:isLgl/>') + lvl(3, "lowerRoman", "(%4)") + '</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1">' + lvl(0, "decimal", "Điều %1.", extra='<w:suff w:val="space"/>')
        + '</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2">' + lvl(0, "upperLetter", "%1.", extra='<w:suff w:val="nothing"/>')
        + '</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
    )
    body = "".join([
        p("Ba", num=1), p("Ba một", num=1, ilvl=1), p("Ba một một", num=1, ilvl=2), p("La mã", num=1, ilvl=3),
        p("Bốn", num=1),
        p("Hai", num=1, ilvl=1), p("Phạm vi", num=2), p("Đối tượng", num=2), p("Lại từ đầu", num=3),
        p("Tiếp theo ở numId khác", num=4), p("Dính", num=5), p("Không số", num=0),
    ])
    assert docx_text(body, numbering=numbering).splitlines() == [
        "3. Ba", "3.1. Ba một", "3.1.1 Ba một một", "(i) La mã", "4. Bốn", "4.1. Hai", "Điều 1. Phạm vi", "Điều 2. Đối tượng",
        "Điều 1. Lại từ đầu", "Điều 2. Tiếp theo ở numId khác", "A.Dính", "Không số",
    ]


def test_numbering_from_paragraph_styles_and_lvl_restart() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.", extra='<w:pStyle w:val="H1"/>')
        + lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/><w:pStyle w:val="H2"/>') + '</w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>'
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/>'
        '<w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2b"><w:basedOn w:val="H2"/></w:style>'
    )
    body = p("MỘT", style="H1") + p("a", style="H2") + p("HAI", style="H1") + p("b", style="H2b")
    assert docx_text(body, numbering=numbering, styles=styles).splitlines() == ["I. MỘT", "1. a", "II. HAI", "2. b"]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (4, "upperRoman", "IV"), (1999, "upperRoman", "MCMXCIX"), (9, "lowerRoman", "ix"), (3, "lowerLetter", "c"),
    (27, "lowerLetter", "aa"), (2, "upperLetter", "B"), (7, "decimalZero", "07"), (5, "none", ""),
    (12, "decimal", "12"), (3, "ordinal", "3"),
])
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_empty_numbered_paragraphs_still_count() -> None:
    """The TT column of a task table is often numbered empty cells (kh-3024)."""
    numbering = '<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1.") + '</w:abstractNum>' \
                '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    row = "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>"
    table = "<w:tbl>" + row.format(p("TT"), p("Nhiệm vụ"), p("Người thực hiện")) + "".join(
        row.format(p(num=1), p(f"Việc {k}"), p("Tổ A")) for k in (1, 2, 3)) + "</w:tbl>"
    assert docx_text(table, numbering=numbering).splitlines() == [
        "TT | Nhiệm vụ | Người thực hiện", "1. | Việc 1 | Tổ A", "2. | Việc 2 | Tổ A", "3. | Việc 3 | Tổ A",
    ]


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_reads_insertions_controls_fields_and_text_boxes_but_not_deletions_or_hidden_text() -> None:
    runs = (
        r("Giao ") + f'<w:ins w:id="1" w:author="a">{r("Sở Nội vụ ")}</w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>Sở Tài chính </w:delText></w:r></w:del>'
        + r("chủ trì", "<w:b/>") + r(" (ẩn)", "<w:vanish/>")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(";") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:commentRangeStart w:id="0"/>' + r(" xong") + '<w:commentRangeEnd w:id="0"/>'
        + '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:br/></w:r>' + r("dòng hai") + '<w:r><w:tab/></w:r>' + r("x")
    )
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
           + p("Trong khung") + '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
           '<v:textbox><w:txbxContent>' + p("Trong khung") + '</w:txbxContent></v:textbox></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    body = (p(runs=runs) + '<w:sdt><w:sdtContent>' + p("Trong điều khiển nội dung") + '</w:sdtContent></w:sdt>'
            + p(runs=r("Có khung") + box)
            + '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:del w:id="4" w:author="a">'
              '<w:r><w:delText>Đoạn đã xóa</w:delText></w:r></w:del></w:p>')
    assert docx_text(body).splitlines() == [
        "Giao Sở Nội vụ chủ trì; xong", "dòng hai\tx", "Trong điều khiển nội dung", "Có khung", "Trong khung",
    ]


def test_docx_headers_footers_and_footnotes_are_left_out() -> None:
    data = make_docx(p("Thân văn bản"), extra={
        "word/header1.xml": f'<w:hdr xmlns:w="{W_NS}">{p("ĐẦU TRANG")}</w:hdr>',
        "word/footnotes.xml": f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1">{p("Chú thích")}</w:footnote></w:footnotes>',
    })
    assert read_document_bytes(data, path="t.docx")[0] == "Thân văn bản\n"


def _tc(text: str = "", props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{''.join(p(t) for t in text.split(chr(10)))}</w:tc>"


def test_data_table_rows_with_merged_cells_left_empty() -> None:
    rows = [
        [_tc("STT"), _tc("Nhiệm vụ"), _tc("Chủ trì"), _tc("Phối hợp"), _tc("Thời gian")],
        [_tc("I"), _tc("CẢI CÁCH THỂ CHẾ", '<w:gridSpan w:val="4"/>')],
        [_tc("1"), _tc("Rà soát văn bản"), _tc("Sở Tư pháp", '<w:vMerge w:val="restart"/>'), _tc("Sở Nội vụ\nSở Tài chính"), _tc("Quý I")],
        [_tc("2"), _tc("Công bố danh mục"), _tc("", "<w:vMerge/>"), _tc("- Các sở;\n- UBND cấp xã"), _tc("Quý II")],
    ]
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(row) + "</w:tr>" for row in rows) + "</w:tbl>"
    assert docx_text(table).splitlines() == [
        "STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian",
        "I | CẢI CÁCH THỂ CHẾ |  |  |",
        "1 | Rà soát văn bản | Sở Tư pháp | Sở Nội vụ; Sở Tài chính | Quý I",
        "2 | Công bố danh mục |  | - Các sở; - UBND cấp xã | Quý II",
    ]


def test_layout_tables_read_column_by_column() -> None:
    header = ("<w:tbl><w:tr>" + _tc("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG") + _tc("") +
              _tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") + "</w:tr><w:tr>"
              + _tc("Số: 12/KH-UBND") + _tc("") + _tc("Lâm Đồng, ngày 5 tháng 1 năm 2026") + "</w:tr></w:tbl>")
    assert docx_text(header).splitlines() == [
        "ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 5 tháng 1 năm 2026",
    ]


def test_layout_rows_of_single_paragraphs_stay_side_by_side() -> None:
    header = ("<w:tbl><w:tr>" + _tc("UBND TỈNH LÀO CAI") + _tc("") + _tc("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
              + "</w:tr><w:tr>" + _tc("Số: /KH-SCT") + _tc("") + _tc("Lào Cai, ngày tháng 5 năm 2026") + "</w:tr></w:tbl>")
    assert docx_text(header).splitlines() == [
        "UBND TỈNH LÀO CAI | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /KH-SCT | Lào Cai, ngày tháng 5 năm 2026",
    ]


def test_nested_table_inside_a_cell() -> None:
    inner = "<w:tbl><w:tr>" + _tc("a") + _tc("b") + "</w:tr></w:tbl>"
    outer = "<w:tbl><w:tr>" + _tc("TT") + _tc("Nội dung") + "</w:tr><w:tr>" + _tc("1") + f"<w:tc>{p('Xem')}{inner}</w:tc>" + "</w:tr></w:tbl>"
    assert docx_text(outer).splitlines() == ["TT | Nội dung", "1 | Xem a / b"]  # "|" inside a cell is "/"


# --- legacy encodings ----------------------------------------------------------------------------------

VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"


def test_tcvn3_table_covers_every_vietnamese_letter() -> None:
    assert tcvn3_to_unicode(mk.to_tcvn3(VIETNAMESE)) == VIETNAMESE
    assert tcvn3_to_unicode(mk.to_tcvn3("ĂÂÊÔƠƯĐ")) == "ĂÂÊÔƠƯĐ"
    assert tcvn3_to_unicode(mk.to_tcvn3(VIETNAMESE), upper=True) == VIETNAMESE.upper()
    # Known lines as .VnTime shows them (tests/test_reader.py), decoded by hand.
    assert tcvn3_to_unicode("KÕ ho¹ch thùc hiÖn nhiÖm vô n¨m 2024") == "Kế hoạch thực hiện nhiệm vụ năm 2024"
    assert tcvn3_to_unicode("C¸c së, ban, ngµnh ®\xadîc phÐp ®Ò xuÊt") == "Các sở, ban, ngành được phép đề xuất"


def test_vni_table_covers_every_vietnamese_letter_in_both_cases() -> None:
    for text in (VIETNAMESE, VIETNAMESE.upper(), "Quyết Định Ủy Ban Nhân Dân Tỉnh Đắk Lắk"):
        assert vni_to_unicode(mk.to_vni(text)) == text
    assert vni_to_unicode("Keá hoaïch thöïc hieän nhieäm vuï naêm 2024") == "Kế hoạch thực hiện nhiệm vụ năm 2024"
    assert vni_to_unicode("Caùc sôû, ban, ngaønh ñöôïc pheùp ñeà xuaát") == "Các sở, ban, ngành được phép đề xuất"


@pytest.mark.parametrize(("font", "expected"), [
    (".VnTime", ("tcvn3", False)), (".VnTimeH", ("tcvn3", True)), (".VnArial NarrowH", ("tcvn3", True)),
    ("VNI-Times", ("vni", False)), ("VNI-Helve", ("vni", False)), ("Times New Roman", None), (None, None),
])
def test_font_encoding(font, expected) -> None:
    assert font_encoding(font) == expected


def test_docx_mixed_runs_are_converted_run_by_run() -> None:
    tnr = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
    body = (
        p(runs=r("KÕ ho¹ch ", '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>') + r("năm 2026 ", tnr)
          + r("cña ubnd tØnh", '<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>'))
        + p(runs=r("Keá hoaïch ", '<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>') + r("Ủy ban", tnr))
        + p("KÕ ho¹ch theo kiÓu mÆc ®Þnh", style="Body")
    )
    styles = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
              '</w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:styleId="Body"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>')
    text, source, warnings = read_document_bytes(make_docx(body, styles=styles), path="t.docx")
    assert text.splitlines()[:3] == ["Kế hoạch năm 2026 CỦA UBND TỈNH", "Kế hoạch Ủy ban", "Kế hoạch theo kiểu mặc định"]
    assert source.encoding == "utf-8+tcvn3+vni"
    assert [c for c, _ in warnings] == ["encoding_converted", "encoding_converted"]


def test_unicode_lines_are_never_converted() -> None:
    text = "KÕ ho¹ch thùc hiÖn\nKế hoạch năm 2024 đã có\nC¸c së, ban, ngµnh"
    out, changed = convert_lines(text, "tcvn3", check_each_line=False)
    assert out.splitlines() == ["Kế hoạch thực hiện", "Kế hoạch năm 2024 đã có", "Các sở, ban, ngành"]
    assert changed == 2


@pytest.mark.parametrize(("tcvn3", "expected"), [
    ("KÕ HO¹CH", "KẾ HOẠCH"),
    ("III. NHIÖM Vô Vµ GI¶I PH¸P", "III. NHIỆM VỤ VÀ GIẢI PHÁP"),
    ("   TØNH Hµ TÜNH        §éc lËp - Tù do - H¹nh phóc", "   TỈNH HÀ TĨNH        Độc lập - Tự do - Hạnh phúc"),
    ("Sè: 128/KH-UBND", "Số: 128/KH-UBND"),
    ("KÕ ho¹ch sè 19-KH/TU cña UBND tØnh", "Kế hoạch số 19-KH/TU của UBND tỉnh"),
    ("Giao ñy ban nh©n d©n", "Giao ủy ban nhân dân"),
])
def test_tcvn3_capitals_come_back_where_the_text_shows_them(tcvn3: str, expected: str) -> None:
    assert convert_lines(tcvn3, "tcvn3", check_each_line=False)[0] == expected


def test_tcvn3_pasted_into_a_utf8_file_is_converted_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("Kế hoạch năm 2024\nKÕ ho¹ch thùc hiÖn nhiÖm vô n¨m 2024\nC¸c së, ban, ngµnh ®\xadîc phÐp ®Ò xuÊt\n"
                    "Thời gian: quý I\n", encoding="utf-8")
    text, source, warnings = read_document(path)
    assert text == ("Kế hoạch năm 2024\nKế hoạch thực hiện nhiệm vụ năm 2024\nCác sở, ban, ngành được phép đề xuất\n"
                    "Thời gian: quý I\n")
    assert source.encoding == "utf-8+tcvn3" and "2 line(s)" in warnings[0][1]


def test_unicode_and_english_text_gets_no_conversion(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Kế hoạch số 12/KH-UBND\nPlan of the café — naïve résumé\n", encoding="utf-8")
    text, source, warnings = read_document(path)
    assert warnings == [] and source.encoding == "utf-8" and "naïve résumé" in text


# --- .html ------------------------------------------------------------------------------------------

def html_text(page: str | bytes, name: str = "p.html") -> tuple[str, list]:
    data = page.encode("utf-8") if isinstance(page, str) else page
    text, _, warnings = read_document_bytes(data, path=name)
    return text, warnings


def test_portal_boilerplate_is_dropped(built: Path) -> None:
    text, _, _ = read_document(built / "ke_hoach_ubnd_tinh_phan_cong.portal.html")
    for noise in ("Trang chủ", "Văn bản mới", "Chia sẻ", "Tin liên quan", "Bản quyền", "không phải văn bản", "CỔNG THÔNG TIN"):
        assert noise not in text
    assert text.startswith("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")


def test_html_tables_lists_breaks_and_hidden_elements() -> None:
    page = """<html><body><div class="content">
    <p>Ủy ban nhân dân<br>tỉnh Lâm Đồng</p><p style="display:none">ẩn</p>
    <ol type="I" start="2"><li>NỘI DUNG</li><li>TỔ CHỨC</li></ol>
    <ol type="a"><li>Mục tiêu</li><li value="4">Nhiệm vụ</li></ol><ul><li>Tuyên truyền</li><li>- Đã có gạch</li></ul>
    <table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr>
    <tr><td rowspan="2">1</td><td>Rà soát<br>văn bản</td><td rowspan=2><p>Sở Tư pháp</p><p>Sở Nội vụ</p></td></tr>
    <tr><td colspan="1">Công bố</td></tr><tr><td colspan="3">Ghi chú chung</td></tr></table>
    <pre>a   b
c</pre></div></body></html>"""
    text, _ = html_text(page)
    assert text.splitlines() == [
        "Ủy ban nhân dân", "tỉnh Lâm Đồng", "II. NỘI DUNG", "III. TỔ CHỨC", "a. Mục tiêu", "d. Nhiệm vụ",
        "• Tuyên truyền", "- Đã có gạch", "TT | Nhiệm vụ | Chủ trì", "1 | Rà soát văn bản | Sở Tư pháp; Sở Nội vụ",
        " | Công bố |", "Ghi chú chung |  |", "a   b", "c",
    ]


@pytest.mark.parametrize(("meta", "encoding"), [
    ('<meta charset="windows-1258">', "cp1258"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', "cp1258"),
])
def test_html_windows_1258(meta: str, encoding: str) -> None:
    page = f"<html><head>{meta}</head><body><p>Kế hoạch thực hiện nhiệm vụ</p></body></html>"
    data = mk._cp1258(page)
    assert "Kế".encode("utf-8") not in data
    text, source, _ = read_document_bytes(data, path="p.htm")
    assert text == "Kế hoạch thực hiện nhiệm vụ\n" and source.encoding == encoding


def test_html_word_windows_1252_with_numeric_entities() -> None:
    page = ('<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head><body>'
            "<p class=MsoNormal>K&#7870; HO&#7840;CH<o:p></o:p></p><p>L\xea V&#259;n Hi&#7871;u</p></body></html>")
    text, source, _ = read_document_bytes(page.encode("cp1252"), path="p.htm")
    assert text == "KẾ HOẠCH\nLê Văn Hiếu\n" and source.encoding == "cp1252"


def test_html_declared_charset_that_lies_is_decoded_and_warned() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>Kế hoạch</p></body></html>'
    text, warnings = html_text(mk._cp1258(page))
    assert text == "Kế hoạch\n" and warnings[0][0] == "html_charset_wrong"


def test_html_legacy_font_family_is_converted() -> None:
    page = ('<html><body><p><span style="font-family:\'.VnTime\'">KÕ ho¹ch</span> và '
            '<font face="VNI-Times">keá hoaïch</font></p></body></html>')
    text, source, warnings = read_document_bytes(page.encode("utf-8"), path="p.html")
    assert text == "Kế hoạch và kế hoạch\n" and source.encoding == "utf-8+tcvn3+vni"


# --- .pdf -------------------------------------------------------------------------------------------

def _fpdf():
    fpdf = pytest.importorskip("fpdf")
    font = mk.font_path()
    if font is None:
        pytest.skip("DejaVuSans.ttf missing")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=12)
    return pdf


def test_pdf_text_is_nfc_with_whole_syllables_and_column_gaps() -> None:
    pdf = _fpdf()
    pdf.add_page()
    pdf.cell(60, 8, "ỦY BAN NHÂN DÂN")
    pdf.cell(0, 8, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, "Kế hoạch thực hiện nhiệm vụ chuyển đổi số, Nghị quyết số 57-NQ/TW.")
    text, source, warnings = read_document_bytes(bytes(pdf.output()), path="t.pdf")
    assert text.splitlines()[:2] == ["ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Kế hoạch thực hiện nhiệm vụ chuyển đổi số, Nghị quyết số 57-NQ/TW."]
    assert source.format == "pdf" and warnings == []
    assert unicodedata.is_normalized("NFC", text)


def test_pdf_numbers_outside_the_margins_are_kept() -> None:
    """A table's STT cell at the top of the body is text; a page number sits in the margin."""
    pdf = _fpdf()
    for page in (1, 2):
        pdf.add_page()
        pdf.set_xy(100, 8)
        pdf.cell(10, 6, str(page))  # page number in the top margin
        pdf.set_xy(10, 40)
        pdf.cell(10, 8, "5", new_x="LMARGIN", new_y="NEXT")  # a table cell, in the body
        pdf.multi_cell(0, 8, f"Nội dung trang {page} của kế hoạch thực hiện nhiệm vụ.")
    text, _, _ = read_document_bytes(bytes(pdf.output()), path="numbers.pdf")
    assert text.splitlines() == ["5", "Nội dung trang 1 của kế hoạch thực hiện nhiệm vụ.",
                                 "5", "Nội dung trang 2 của kế hoạch thực hiện nhiệm vụ."]


def test_signed_pdf_gives_the_stamped_number_and_date_where_they_stand() -> None:
    """An e-office signature stamps the number and the date into form fields over the blanks."""
    pdf = _fpdf()
    pdf.add_page()
    mm = 72 / 25.4
    top = pdf.h - 30  # the baseline row at 30 mm from the top, in mm from the bottom
    pdf.set_xy(15, 22)
    pdf.cell(0, 8, "SỞ NỘI VỤ TỈNH HÒA BÌNH", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(15, 26)
    number_x = 15 + pdf.get_string_width("Số: ")
    pdf.cell(80, 8, "Số:          /KH-SNV")
    date_x = 105 + pdf.get_string_width("Hòa Bình, ngày ")
    month_x = date_x + pdf.get_string_width("       tháng ")
    pdf.set_xy(105, 26)
    pdf.cell(0, 8, "Hòa Bình, ngày       tháng       năm 2025", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(15, 40)
    pdf.cell(0, 8, "KẾ HOẠCH", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, "Kiểm tra công tác văn thư, lưu trữ năm 2025")

    def box(x: float, width: float) -> tuple[float, float, float, float]:
        return x * mm, (top - 4) * mm, (x + width) * mm, (top + 4) * mm

    signed = mk.sign_pdf(bytes(pdf.output()), [(box(number_x, 12), "35"), (box(date_x, 8), "14"),
                                               (box(month_x, 8), "03")])
    text, _, _ = read_document_bytes(signed, path="signed.pdf")
    assert "Số: 35 /KH-SNV   Hòa Bình, ngày 14 tháng 03 năm 2025" in text.splitlines()
    doc = kehoach.parse_bytes(signed, path="signed.pdf")
    assert (doc.number, doc.date, doc.kind) == ("35/KH-SNV", dt.date(2025, 3, 14), "ke_hoach")
    assert "number_blank" not in [w.code for w in doc.warnings]


def test_scanned_pdf_is_refused() -> None:
    from PIL import Image

    pdf = _fpdf()
    pdf.add_page()
    image = io.BytesIO()
    Image.new("L", (200, 100), 255).save(image, format="PNG")
    pdf.image(image, x=10, y=10, w=100)
    with pytest.raises(InputError, match=r"^scanned PDF: scan.pdf has no text layer; run OCR first \(e.g. ocrmypdf[^(]*\)$"):
        read_document_bytes(bytes(pdf.output()), path="scan.pdf")


def test_pdf_with_some_scanned_pages_warns() -> None:
    from PIL import Image

    pdf = _fpdf()
    pdf.add_page()
    pdf.multi_cell(0, 8, "Kế hoạch thực hiện nhiệm vụ năm 2024 của Ủy ban nhân dân tỉnh.")
    pdf.add_page()
    image = io.BytesIO()
    Image.new("L", (200, 100), 255).save(image, format="PNG")
    pdf.image(image, x=10, y=10, w=100)
    _, _, warnings = read_document_bytes(bytes(pdf.output()), path="half.pdf")
    assert warnings[0][0] == "pdf_pages_without_text" and "page(s) 2" in warnings[0][1]


def test_garbled_text_layer_is_refused_like_a_scan() -> None:
    """What kh-1105's subset fonts give without a ToUnicode map (shared/corpus/originals/SOURCES.tsv)."""
    pdf = _fpdf()
    pdf.add_page()
    for line in ("6Ӣ CÔNG 7+ѬѪ1* &Ӝ1* HÒA XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM", ".ӂ +2Ҥ&+",
                 "7KӵF KLӋQ 4X\\ӃW ÿӏQK Vӕ ng‡y 06/3/2026 FӫD Gi·m ÿӕF 6ӣ CÙng 7KѭѫQJ WӍQK L‡o Cai YӅ YLӋF NLӇP tra"):
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    with pytest.raises(InputError, match="does not decode to text.*run OCR first"):
        read_document_bytes(bytes(pdf.output()), path="garbled.pdf")


def test_garbage_score_separates_text_from_garbage() -> None:
    bad, syllables, _ = pdf_reader.garbage_score("Kế hoạch kiểm tra việc chấp hành quy định pháp luật trong sử dụng")
    assert bad == 0 and syllables == 1
    bad, _, _ = pdf_reader.garbage_score("6Ӣ C‘NG 7+ѬѪ1* .ӂ +2Ҥ&+ \x14\x13\x18")
    assert bad > 0.2


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "damaged PDF"),
    (b"%PDF-1.4\n", "damaged PDF"),
])
def test_damaged_pdf_is_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_document_bytes(data, path="bad.pdf")
    assert "\n" not in str(info.value)


def test_pdf_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _fpdf()
    for _ in range(3):
        pdf.add_page()
        pdf.cell(0, 8, "Trang có chữ")
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 2)
    with pytest.raises(InputError, match="refusing a PDF of 3 pages"):
        read_document_bytes(bytes(pdf.output()), path="long.pdf")


def test_empty_pdf_is_no_text() -> None:
    pdf = _fpdf()
    pdf.add_page()
    with pytest.raises(InputError, match="no text in empty.pdf"):
        read_document_bytes(bytes(pdf.output()), path="empty.pdf")


# --- safety ------------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_decompression_bomb_is_refused() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>" + b" " * (20 * 2**20) + b"</a>"})
    assert len(data) < 100_000
    with pytest.raises(InputError, match="decompression bomb"):
        read_document_bytes(data, path="bomb.docx")


def test_total_uncompressed_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(InputError, match="unpacks to"):
        read_document_bytes(make_docx(p("x" * 2000)), path="big.docx")


def test_member_count_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_ZIP_ENTRIES", 5)
    with pytest.raises(InputError, match="parts"):
        read_document_bytes(make_docx(p("x")), path="many.docx")


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
])
def test_xml_with_a_dtd_or_entities_is_refused(doctype: str) -> None:
    data = make_docx(p("&xxe;"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = members["word/document.xml"].decode()
    members["word/document.xml"] = xml.replace("?>", "?>" + doctype, 1).encode()
    with pytest.raises(InputError, match="declares a DTD"):
        read_document_bytes(_zip(members), path="xxe.docx")


def test_safe_parser_resolves_no_entities() -> None:
    from lxml import etree

    root = etree.fromstring(b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/hostname">]><a>&e;</a>', docx_reader._SAFE_PARSER)
    assert (root.text or "") == "" and "localhost" not in etree.tostring(root).decode()


def test_text_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_TEXT_CHARS", 100)
    with pytest.raises(InputError, match="text too large"):
        read_document_bytes(make_docx(p("chữ " * 100)), path="long.docx")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"PK\x03\x04" + b"word/" + b"\x00" * 50, "x.docx", "damaged .docx"),
    (_zip({"word/other.xml": b"<a/>"}), "x.docx", "not a readable Word document"),
    (_zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<a/>"}), "x.docx", "not a readable Word document"),
    (_zip({"xl/workbook.xml": b"<a/>"}), "x.xlsx", "Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "x.docx", "password-protected"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.xls", "no Word document inside"),
])
def test_malformed_files_are_one_line_errors(data: bytes, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_document_bytes(data, path=name)
    assert "\n" not in str(info.value)


def test_malformed_document_xml_is_one_line_error() -> None:
    data = make_docx(p("x"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:-30]
    with pytest.raises(InputError) as info:
        read_document_bytes(_zip(members), path="cut.docx")
    assert "\n" not in str(info.value) and "cut.docx" in str(info.value)


def test_deeply_nested_xml_is_one_line_error() -> None:
    body = "<w:sdt><w:sdtContent>" * 3000 + p("x") + "</w:sdtContent></w:sdt>" * 3000
    with pytest.raises(InputError) as info:
        read_document_bytes(make_docx(body), path="deep.docx")
    assert "\n" not in str(info.value)


def test_huge_html_nesting_is_one_line_error() -> None:
    page = "<html><body>" + "<div>" * 5000 + "Kế hoạch" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(InputError, match=r"^deep.html: the page nests elements over 200 deep$"):
        html_text(page, "deep.html")


# --- .doc through LibreOffice --------------------------------------------------------------------------

OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 64


def test_doc_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "find_soffice", lambda: None)
    with pytest.raises(InputError, match=r"install LibreOffice \(soffice\) to read it, or save it as \.docx"):
        read_document_bytes(OLE_DOC, path="kh.doc")


def test_rtf_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "find_soffice", lambda: None)
    with pytest.raises(InputError, match=r"^kh.doc is an RTF document: install LibreOffice"):
        read_document_bytes(b"{\\rtf1\\ansi Ke hoach}", path="kh.doc")


def _fake_soffice(tmp_path: Path, script: str) -> Path:
    """A stand-in ``soffice`` on PATH: a Python script that logs its arguments to calls.log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / "soffice"
    exe.write_text(f"#!{sys.executable}\n" + textwrap.dedent(script), encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return bin_dir


@pytest.mark.skipif(os.name == "nt", reason="shebang scripts")
def test_doc_is_converted_with_its_own_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted = tmp_path / "converted.docx"
    converted.write_bytes(make_docx(p("KẾ HOẠCH") + p("Nội dung đã chuyển")))
    log = tmp_path / "calls.log"
    bin_dir = _fake_soffice(tmp_path, f"""
        import shutil, sys
        args = sys.argv[1:]
        with open({str(log)!r}, "a", encoding="utf-8") as f:
            f.write(" ".join(args) + "\\n")
        out = args[args.index("--outdir") + 1]
        profile = [a for a in args if a.startswith("-env:UserInstallation=file://")]
        assert profile and args[-1].endswith("input.doc")
        shutil.copy({str(converted)!r}, out + "/input.docx")
    """)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    first = read_document_bytes(OLE_DOC, path="kh.doc")
    second = read_document_bytes(OLE_DOC, path="kh2.doc")
    assert first[0] == "KẾ HOẠCH\nNội dung đã chuyển\n"
    assert first[1].format in ("doc", "docx") and first[2][0][0] == "doc_converted"
    profiles = [line.split()[0] for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert second[0] == first[0]


@pytest.mark.skipif(os.name == "nt", reason="shebang scripts")
def test_doc_conversion_that_writes_nothing_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = _fake_soffice(tmp_path, "import sys; sys.exit(0)\n")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    with pytest.raises(InputError, match="LibreOffice could not convert kh.doc"):
        read_document_bytes(OLE_DOC, path="kh.doc")


@pytest.mark.skipif(os.name == "nt", reason="shebang scripts")
def test_doc_conversion_that_hangs_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = _fake_soffice(tmp_path, "import time; time.sleep(60)\n")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(doc, "CONVERT_TIMEOUT", 1)
    with pytest.raises(InputError, match="took over 1 s"):
        read_document_bytes(OLE_DOC, path="kh.doc")


@pytest.mark.skipif(doc.find_soffice() is None, reason="LibreOffice (soffice) not installed")
def test_real_libreoffice_round_trip(tmp_path: Path, built: Path) -> None:
    """With LibreOffice present: .docx -> .doc -> our reader reads it as a converted .doc with the plan's words.

    Only what kehoach does is asserted: LibreOffice's own .docx -> .doc step renumbers lists in some
    versions (7.4), so section numbers are not compared."""
    import subprocess

    source = tmp_path / "plan.docx"
    source.write_bytes((built / "ke_hoach_ubnd_tinh_phan_cong.docx").read_bytes())
    subprocess.run([doc.find_soffice(), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True, timeout=180,
                   capture_output=True)
    text, source_info, warnings = read_document(tmp_path / "plan.doc")
    expected, _, _ = read_document(mk.SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt")
    assert source_info.format == "doc" and "doc_converted" in [code for code, _ in warnings]
    flat = " ".join(text.split())
    assert [s["title"] for s in _record(expected)["sections"] if s["title"] not in flat] == []


# --- the real originals ------------------------------------------------------------------------------------

ORIGINAL_FILES = sorted(f for f in ORIGINALS.glob("*") if f.suffix in (".docx", ".doc", ".pdf", ".htm", ".html")) \
    if ORIGINALS.is_dir() else []


@pytest.mark.skipif(not ORIGINAL_FILES, reason="../shared/corpus/originals not present")
@pytest.mark.parametrize("path", ORIGINAL_FILES, ids=[f.name for f in ORIGINAL_FILES])
def test_original_gives_a_record_or_one_line_error(path: Path) -> None:
    try:
        text, source, _ = read_document(path)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and path.name in message
        if path.name == "kh-1105-dkt-sct-laocai.pdf":
            assert "run OCR first" in message
        elif path.suffix == ".doc":
            assert doc.find_soffice() is None and "LibreOffice" in message
        else:
            raise
        return
    assert source.format in ("docx", "doc", "pdf", "html")
    bad, syllables, words = pdf_reader.garbage_score(text)
    assert bad < 0.01 and (words < 50 or syllables > 0.9)  # never garbage text
    record = parse_text(text)
    assert record.kind in ("ke_hoach", "chuong_trinh", "quyet_dinh", "bao_chi", "khac")


TASK_TABLES = {
    "kh-3024-sct-laocai.docx": "TT | Nhiệm vụ thực hiện | Người thực hiện | Ghi chú",
    "kh-ct11-ubnd-laocai.docx": "TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu",
    "kh-cchc-2026-ubnd-lamdong.docx": "STT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành | Chủ trì thực hiện",
    "kh-cchc-2026-2030-ubnd-lamdong.docx": "STT | Nhiệm vụ | Sản phẩm",
    "kh-kiemtra-cchc-2026-ubnd-lamdong.docx": "STT | Đơn vị được kiểm tra | Thời gian kiểm tra",
    "kh-tuyentruyen-cchc-2026-ubnd-lamdong.docx": "TT | Nội dung | Trách nhiệm thực hiện | Thời gian (Năm 2026)",
}


@pytest.mark.skipif(not ORIGINAL_FILES, reason="../shared/corpus/originals not present")
@pytest.mark.parametrize(("name", "header"), sorted(TASK_TABLES.items()))
def test_annex_task_tables_come_out_as_rows(name: str, header: str) -> None:
    text, _, _ = read_document(ORIGINALS / name)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    width = lines[start].count("|")
    rows = [line for line in lines[start + 1:start + 8] if line.count("|") == width]
    assert len(rows) >= 5  # one line per row, every row with the header's columns


@pytest.mark.skipif(not (ORIGINALS / "kh-cchc-2026-ubnd-lamdong.docx").is_file(), reason="original not present")
def test_word_auto_numbering_of_the_original_is_rebuilt() -> None:
    text, _, _ = read_document(ORIGINALS / "kh-cchc-2026-ubnd-lamdong.docx")
    lines = text.split("\n")
    for label in ("1. Cải cách thể chế", "2. Cải cách thủ tục hành chính", "a) Mục tiêu", "b) Nhiệm vụ",
                  "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số", "7. Công tác chỉ đạo, điều hành"):
        assert any(line.startswith(label) for line in lines), label


# --- fuzz: damaged files never raise anything but InputError ------------------------------------------

_PREFIXES = [b"%PDF-1.7\n", b"PK\x03\x04word/", b"<!DOCTYPE html><html><body>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), tail=st.binary(max_size=400))
def test_damaged_documents_raise_only_input_error(prefix: bytes, tail: bytes) -> None:
    try:
        text, _, _ = read_document_bytes(prefix + tail, path="fuzz.bin")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str)


@settings(max_examples=30, deadline=None)
@given(cut=st.integers(min_value=1, max_value=4000))
def test_truncated_docx_is_an_input_error(cut: int) -> None:
    data = make_docx(p("Kế hoạch") * 50)
    try:
        read_document_bytes(data[:cut], path="cut.docx")
    except InputError as exc:
        assert "\n" not in str(exc)
