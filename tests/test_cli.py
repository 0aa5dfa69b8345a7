"""The `kehoach` command line, through click's CliRunner (stdout and stderr checked apart)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kehoach
from kehoach.cli import cli
from kehoach.models import Deadline, PlanDocument, Source, Task, Warning
from kehoach.writers.jsoncsv import CSV_COLUMNS, UTF8_BOM

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CENTRAL = SAMPLES / "ke_hoach_trung_uong_truong_linh_vuc.txt"
PROVINCE = SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt"
PRESS = SAMPLES / "bao_chi_trien_khai_ke_hoach.txt"
DECISION = SAMPLES / "quyet_dinh_so_y_te_chuong_trinh.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def made_doc(path: str | None = "made.txt", tasks: list[Task] | None = None) -> PlanDocument:
    """A record built by hand, so CSV cells are known exactly."""
    if tasks is None:
        tasks = [
            Task(
                id="IV.1", section="IV", title="- Sở Nội vụ; rà soát, chuẩn hóa",
                lead_units=["Sở Tài chính", "Sở Nội vụ"],
                coordinating_units=["Văn phòng Ủy ban nhân dân tỉnh"],
                deadline=Deadline(text="ngày 30/6/2024", kind="date",
                                  start=dt.date(2024, 6, 30), end=dt.date(2024, 6, 30)),
                line=12,
            )
        ]
    return PlanDocument(
        source=Source(path=path, sha256="0" * 64), kind="ke_hoach", number="12/KH-UBND",
        date=dt.date(2024, 3, 5), issuer="ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG", tasks=tasks,
        warnings=[Warning(code="no_deadline", message="task IV.1 has no deadline", line=12)],
    )


@pytest.fixture
def fake_parse(monkeypatch):
    """Make `kehoach parse FILE` return made_doc(), whatever FILE holds."""
    def install(doc: PlanDocument) -> None:
        monkeypatch.setattr(kehoach.pipeline, "parse_file", lambda path: doc)
    return install


# --- parse: json ------------------------------------------------------------------------

def test_parse_sample_json() -> None:
    result = run("parse", str(CENTRAL))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1  # not a terminal: one compact line
    doc = json.loads(result.stdout)
    PlanDocument.model_validate(doc)
    assert doc["schema_version"] == "1"
    assert doc["kind"] == "ke_hoach"
    assert doc["number"] == "45-KH/TW"
    assert doc["date"] == "2024-01-09"
    assert doc["source"]["path"] == str(CENTRAL)
    assert len(doc["tasks"]) >= 7
    task = next(t for t in doc["tasks"] if "Chương trình hành động của Chính phủ" in t["title"])
    assert task["lead_units"] == ["Ban cán sự đảng Chính phủ"]
    assert task["deadline"]["kind"] == "quarter"
    assert task["deadline"]["end"] == "2024-06-30"


@pytest.mark.parametrize("sample", [CENTRAL, PROVINCE, PRESS, DECISION], ids=lambda p: p.stem)
def test_parse_every_sample(sample: Path) -> None:
    result = run("parse", str(sample))
    assert result.exit_code == 0, result.stderr
    PlanDocument.model_validate_json(result.stdout)


def test_parse_sample_kinds() -> None:
    kinds = {p.stem: json.loads(run("parse", str(p)).stdout)["kind"] for p in (PROVINCE, PRESS)}
    assert kinds == {PROVINCE.stem: "ke_hoach", PRESS.stem: "bao_chi"}


def test_parse_pretty() -> None:
    result = run("parse", str(CENTRAL), "--pretty")
    assert result.stdout.startswith('{\n  "schema_version": "1"')
    assert json.loads(result.stdout) == json.loads(run("parse", str(CENTRAL), "--compact").stdout)


def test_parse_stdin() -> None:
    result = run("parse", "-", input=CENTRAL.read_bytes())
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    from_file = json.loads(run("parse", str(CENTRAL)).stdout)
    assert doc["source"]["path"] is None
    assert doc["tasks"] == from_file["tasks"]
    assert doc["number"] == from_file["number"]


def test_parse_jsonl_is_one_line() -> None:
    result = run("parse", str(PROVINCE), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("\n")
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["number"] == "128/KH-UBND"


# --- parse: csv -------------------------------------------------------------------------

def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_parse_csv_sample() -> None:
    result = run("parse", str(PROVINCE), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(UTF8_BOM)
    rows = read_csv(result.stdout_bytes)
    assert tuple(rows[0]) == CSV_COLUMNS
    doc = json.loads(run("parse", str(PROVINCE)).stdout)
    assert len(rows) == 1 + len(doc["tasks"])
    assert all(r[CSV_COLUMNS.index("number")] == "128/KH-UBND" for r in rows[1:])


def test_parse_csv_cells(fake_parse) -> None:
    fake_parse(made_doc())
    result = run("parse", "made.txt", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    header, row = read_csv(result.stdout_bytes)
    cells = dict(zip(header, row))
    assert cells["title"] == "'- Sở Nội vụ; rà soát, chuẩn hóa"  # neutralised for Excel
    assert cells["lead_units"] == "Sở Tài chính; Sở Nội vụ"
    assert cells["deadline"] == "ngày 30/6/2024"
    assert cells["deadline_kind"] == "date"
    assert cells["deadline_end"] == "2024-06-30"
    assert cells["date"] == "2024-03-05"
    assert cells["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG"


def test_parse_csv_no_bom(fake_parse) -> None:
    fake_parse(made_doc())
    result = run("parse", "made.txt", "--format", "csv", "--no-bom")
    assert result.stdout_bytes.startswith(b"document,number,date,issuer,")


def test_parse_csv_no_tasks_is_header_only(fake_parse) -> None:
    fake_parse(made_doc(tasks=[]))
    result = run("parse", "made.txt", "--format", "csv", "--no-bom")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode().splitlines() == [",".join(CSV_COLUMNS)]


# --- parse: -o and --warnings -----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_parse_output_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("old content")
    result = run("parse", str(CENTRAL), "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    data = target.read_bytes()
    assert data == run("parse", str(CENTRAL), "--format", fmt).stdout_bytes
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_parse_output_dash_is_stdout() -> None:
    result = run("parse", str(CENTRAL), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == run("parse", str(CENTRAL)).stdout_bytes
    assert not Path("-").exists()


def test_parse_output_into_missing_folder(tmp_path: Path) -> None:
    result = run("parse", str(CENTRAL), "-o", str(tmp_path / "no" / "out.json"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: cannot write")


def test_parse_warnings_flag(fake_parse) -> None:
    fake_parse(made_doc())
    quiet = run("parse", "made.txt")
    assert quiet.stderr == ""
    loud = run("parse", "made.txt", "--warnings")
    assert loud.exit_code == 0
    assert loud.stderr == "warning: line 12: no_deadline: task IV.1 has no deadline\n"
    assert json.loads(loud.stdout)["warnings"][0]["code"] == "no_deadline"


# --- parse: input errors ----------------------------------------------------------------

def _bad_input(tmp_path: Path, case: str) -> str:
    if case == "missing":
        return str(tmp_path / "khong-co.txt")
    if case == "directory":
        return str(tmp_path)
    path = tmp_path / f"{case}.txt"
    path.write_bytes(b"" if case == "empty" else b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x00")
    return str(path)


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary"])
def test_parse_bad_input(tmp_path: Path, case: str) -> None:
    result = run("parse", _bad_input(tmp_path, case))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03binary\x00\xff"], ids=["empty", "binary"])
def test_parse_bad_stdin(data: bytes) -> None:
    result = run("parse", "-", input=data)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [["parse"], ["parse", "x.txt", "--format", "xml"], ["parse", "x.txt", "--nope"], ["nope"]],
    ids=["no-file", "bad-format", "bad-option", "bad-command"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error" in result.stderr


# --- schema, --version, --help ----------------------------------------------------------

def test_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"tasks", "sections", "number", "issuer", "warnings"} <= set(schema["properties"])
    assert list(schema)[:2] == ["$schema", "$id"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:kehoach:schema:plan-document:1"
    assert result.stdout.startswith("{\n  ")


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"kehoach {kehoach.__version__}\n"


@pytest.mark.parametrize("command", [[], ["parse"], ["schema"]], ids=["cli", "parse", "schema"])
def test_help_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "kehoach " in result.stdout
