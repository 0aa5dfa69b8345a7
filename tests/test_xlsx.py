"""The Excel workbook (--format xlsx): opened with openpyxl, an independent reader."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import kehoach
from kehoach.cli import cli
from kehoach.models import Deadline, PlanDocument, Source, Task, Warning

xlsxwriter = pytest.importorskip("xlsxwriter")
openpyxl = pytest.importorskip("openpyxl")

from kehoach.writers.xlsx import DOCUMENT_COLUMNS, TASK_COLUMNS, WARNING_COLUMNS, MAX_CELL, write_xlsx, xlsx_bytes  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PROVINCE = SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt"
CENTRAL = SAMPLES / "ke_hoach_trung_uong_truong_linh_vuc.txt"

TASK_HEADERS = [h for _, h, _ in TASK_COLUMNS]
COL = {key: i for i, (key, _, _) in enumerate(TASK_COLUMNS)}

# Text that a spreadsheet would otherwise take for a formula, a number or a link.
TRICKY = ["=SUM(A1:A9)", "+84 912 345 678", "- Sở Nội vụ;", "@Sở Tài chính", "1.10", "0123",
          "https://dichvucong.gov.vn", "=HYPERLINK(\"http://x\",\"y\")"]


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def made_doc(**changes) -> PlanDocument:
    tasks = [
        Task(id=f"I.{i}", section="I", title=text, lead_units=["Sở Tài chính", "Sở Nội vụ"],
             coordinating_units=[text], line=10 + i,
             deadline=Deadline(text="trong quý II/2024", kind="quarter", start=dt.date(2024, 4, 1),
                               end=dt.date(2024, 6, 30), qualifier="within"))
        for i, text in enumerate(TRICKY, start=1)
    ]
    tasks.append(Task(id="II.1", title="Không có thời hạn", line=40))
    fields = dict(source=Source(path="made.txt", sha256="a" * 64), kind="ke_hoach", number="12/KH-UBND",
                  date=dt.date(2024, 3, 5), issuer="ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG", title="Thử nghiệm",
                  tasks=tasks, warnings=[Warning(code="no_deadline", message="=task II.1 has no deadline", line=40)])
    fields.update(changes)
    return PlanDocument(**fields)


@pytest.fixture
def fake_parse(monkeypatch):
    def install(doc: PlanDocument) -> None:
        monkeypatch.setattr(kehoach.pipeline, "parse_file", lambda path: doc)
    return install


# --- the sample through the CLI -----------------------------------------------------------

def test_parse_xlsx_sample(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = run("parse", str(PROVINCE), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    doc = kehoach.parse_file(PROVINCE)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Nhiệm vụ", "Văn bản", "Cảnh báo"]

    ws = book["Nhiệm vụ"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == TASK_HEADERS
    assert len(rows) == 1 + len(doc.tasks)
    for task, row in zip(doc.tasks, rows[1:]):
        assert row[COL["document"]] == str(PROVINCE)
        assert row[COL["number"]] == "128/KH-UBND"
        assert row[COL["id"]] == task.id
        assert row[COL["title"]] == task.title
        assert row[COL["lead_units"]] == ("\n".join(task.lead_units) or None)
        assert row[COL["line"]] == task.line and isinstance(row[COL["line"]], int)
        end = task.deadline.end if task.deadline else None
        cell = row[COL["deadline_end"]]
        if end is None:
            assert cell is None
        else:  # a real date, not text
            assert isinstance(cell, dt.datetime) and cell.date() == end
    assert any(r[COL["deadline_end"]] is not None for r in rows[1:])


def test_sample_sheet_layout(tmp_path: Path) -> None:
    book = load(run("parse", str(PROVINCE), "--format", "xlsx").stdout_bytes)
    for ws, columns in zip(book.worksheets, (TASK_COLUMNS, DOCUMENT_COLUMNS, WARNING_COLUMNS)):
        assert ws.freeze_panes == "A2"  # the header row stays in view
        last = openpyxl.utils.get_column_letter(len(columns))
        assert ws.auto_filter.ref == f"A1:{last}{max(ws.max_row, 1)}"
        assert all(c.font.bold for c in ws[1])
        for i in range(1, len(columns) + 1):  # every column has a width set
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width > 5
    tasks = book["Nhiệm vụ"]
    title = tasks.cell(row=2, column=COL["title"] + 1)
    assert title.alignment.wrap_text
    assert 40 <= tasks.column_dimensions["D"].width <= 72  # sized, and capped
    end = tasks.cell(row=2, column=COL["deadline_end"] + 1)
    assert end.is_date and end.number_format == "dd/mm/yyyy"


def test_document_sheet_counts() -> None:
    doc = kehoach.parse_file(PROVINCE)
    book = load(xlsx_bytes([doc]))
    header, row = list(book["Văn bản"].iter_rows(values_only=True))
    cells = dict(zip(header, row))
    assert cells["Số văn bản"] == "128/KH-UBND"
    assert cells["Cơ quan ban hành"] == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert cells["Ngày"] == dt.datetime(2024, 3, 14)
    assert cells["Trích yếu"] == doc.title
    assert cells["Nhiệm vụ"] == len(doc.tasks)
    assert cells["Có hạn"] == sum(1 for t in doc.tasks if t.deadline and t.deadline.end)
    assert cells["Cảnh báo"] == len(doc.warnings)
    assert cells["SHA-256"] == doc.source.sha256


def test_xlsx_to_stdout_when_piped() -> None:
    result = run("parse", str(PROVINCE), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    assert zipfile.ZipFile(io.BytesIO(result.stdout_bytes)).testzip() is None


def test_xlsx_refused_on_terminal(monkeypatch) -> None:
    from kehoach.writers import terminal

    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)
    result = run("parse", str(PROVINCE), "--format", "xlsx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: refusing to write an Excel workbook to the terminal")
    assert result.stderr.count("\n") == 1


def test_wrapped_rows_are_as_tall_as_their_text(fake_parse) -> None:
    """LibreOffice does not grow a row to its wrapped text: the file gives each row's height."""
    long = Task(id="III.1", title="Rà soát, cập nhật cơ sở dữ liệu về các nhiệm vụ được giao " * 6, line=50)
    fake_parse(made_doc(tasks=[*made_doc().tasks, long]))
    data = run("parse", "made.txt", "--format", "xlsx").stdout_bytes
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Nhiệm vụ"]
    heights = {row: sheet.row_dimensions[row].height for row in range(2, sheet.max_row + 1)}
    for row, height in heights.items():
        cells = [str(c.value) for c in sheet[row] if isinstance(c.value, str)]
        lines = max(text.count("\n") + 1 for text in cells)
        if lines > 1:
            assert height is not None and height >= 15 * lines
    longest = [row for row in heights if len(str(sheet.cell(row, 4).value)) > 2 * TASK_COLUMNS[3][2]]
    assert longest and all(heights[row] >= 45 for row in longest)


# --- cells are what the record says -------------------------------------------------------

def test_no_cell_is_a_formula(fake_parse) -> None:
    fake_parse(made_doc())
    data = run("parse", "made.txt", "--format", "xlsx").stdout_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
                assert "<hyperlink" not in xml
    book = load(data)
    ws = book["Nhiệm vụ"]
    titles = [ws.cell(row=r, column=COL["title"] + 1) for r in range(2, 2 + len(TRICKY))]
    assert [c.value for c in titles] == TRICKY  # exactly as written: no leading ', no numbers
    assert all(c.data_type == "s" for c in titles)
    coordinating = [ws.cell(row=r, column=COL["coordinating_units"] + 1).value for r in range(2, 2 + len(TRICKY))]
    assert coordinating == TRICKY
    warning = list(book["Cảnh báo"].iter_rows(values_only=True))[1]
    assert warning == ("made.txt", "12/KH-UBND", 40, "no_deadline", "=task II.1 has no deadline")


def test_types_of_a_made_document() -> None:
    ws = load(xlsx_bytes([made_doc()]))["Nhiệm vụ"]
    row = [c for c in ws[2]]
    assert row[COL["deadline_start"]].value == dt.datetime(2024, 4, 1)
    assert row[COL["deadline_end"]].value == dt.datetime(2024, 6, 30)
    assert row[COL["deadline_kind"]].value == "quarter"
    assert row[COL["lead_units"]].value == "Sở Tài chính\nSở Nội vụ"
    assert row[COL["line"]].value == 11
    last = [c.value for c in ws[ws.max_row]]  # the task without a deadline: empty cells, not ""
    assert last[COL["id"]] == "II.1"
    assert last[COL["deadline"]] is None and last[COL["deadline_end"]] is None


def test_records_as_dicts_and_models_mixed(tmp_path: Path) -> None:
    """Batch hands plain dicts (model_dump(mode="json")); both give the same workbook rows."""
    one, two = kehoach.parse_file(PROVINCE), kehoach.parse_file(CENTRAL)
    out = tmp_path / "all.xlsx"
    write_xlsx([one.model_dump(mode="json"), two], out)
    book = openpyxl.load_workbook(out)
    tasks = list(book["Nhiệm vụ"].iter_rows(values_only=True))[1:]
    assert len(tasks) == len(one.tasks) + len(two.tasks)
    assert {r[COL["number"]] for r in tasks} == {"128/KH-UBND", "45-KH/TW"}
    documents = list(book["Văn bản"].iter_rows(values_only=True))[1:]
    assert [d[2] for d in documents] == ["128/KH-UBND", "45-KH/TW"]
    assert all(isinstance(r[COL["deadline_end"]], (dt.datetime, type(None))) for r in tasks)


def test_empty_input_gives_header_rows_only() -> None:
    book = load(xlsx_bytes([]))
    assert [ws.max_row for ws in book.worksheets] == [1, 1, 1]
    assert [c.value for c in book["Nhiệm vụ"][1]] == TASK_HEADERS


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("a\x00b\x1fc\x0bd", "abcd", id="control-characters-removed"),
        pytest.param("x" * (MAX_CELL + 10), "x" * (MAX_CELL - 1) + "…", id="long-cell-shortened"),
        pytest.param("dòng 1\ndòng 2\tcột", "dòng 1\ndòng 2\tcột", id="newline-and-tab-kept"),
    ],
)
def test_cell_text_cleaned(title: str, expected: str) -> None:
    doc = made_doc(tasks=[Task(id="I.1", title=title, line=1)])
    ws = load(xlsx_bytes([doc]))["Nhiệm vụ"]
    assert ws.cell(row=2, column=COL["title"] + 1).value == expected


def test_many_rows_in_constant_memory(tmp_path: Path) -> None:
    task = made_doc().tasks[0]
    doc = made_doc(tasks=[task.model_copy(update={"id": f"T.{i}"}) for i in range(3000)])
    out = tmp_path / "big.xlsx"
    write_xlsx([doc, doc], out)
    ws = openpyxl.load_workbook(out, read_only=True)["Nhiệm vụ"]
    assert sum(1 for _ in ws.iter_rows(values_only=True)) == 6001


def test_tasks_command_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "tc.xlsx"
    result = run("tasks", str(PROVINCE), str(CENTRAL), "--unit", "so tai chinh", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    rows = list(book["Nhiệm vụ"].iter_rows(values_only=True))[1:]
    assert rows and all("Sở Tài chính" in (r[COL["lead_units"]] or "") + (r[COL["coordinating_units"]] or "")
                        for r in rows)
    assert [d[2] for d in list(book["Văn bản"].iter_rows(values_only=True))[1:]] == ["128/KH-UBND"]
