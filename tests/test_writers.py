"""The output writers: Excel-safe cells, CSV rows, JSON text, atomic writes."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat

import pytest

from kehoach.errors import KehoachError
from kehoach.models import Deadline, PlanDocument, Source, Task, Warning
from kehoach.writers.jsoncsv import (
    CSV_COLUMNS,
    UTF8_BOM,
    CsvWriter,
    atomic_write,
    csv_bytes,
    csv_rows,
    excel_safe,
    json_text,
    jsonl_lines,
    write_csv,
)


def make_doc(tasks: list[Task] | None = None) -> PlanDocument:
    if tasks is None:
        tasks = [
            Task(
                id="IV.1", section="IV", title="- Chủ trì, phối hợp với Sở Nội vụ rà soát danh mục",
                lead_units=["Sở Tài chính", "Sở Nội vụ"], coordinating_units=["=1+1"],
                deadline=Deadline(text="ngày 30/6/2024", kind="date",
                                  start=dt.date(2024, 6, 30), end=dt.date(2024, 6, 30)),
                deliverable="Báo cáo kết quả", line=42,
            ),
            Task(id="IV.2", section="IV", title="Tuyên truyền", line=50),
        ]
    return PlanDocument(
        source=Source(path="samples/x.txt", sha256="0" * 64),
        kind="ke_hoach", number="128/KH-UBND", issuer="ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        date=dt.date(2024, 3, 14), title="Số hóa hồ sơ", tasks=tasks,
        warnings=[Warning(code="deadline_unparsed", message="Theo yêu cầu", line=7)],
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("- Sở Nội vụ;", "'- Sở Nội vụ;"),
        ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
        ("+84 912", "'+84 912"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Sở Tài chính", "Sở Tài chính"),
        ("Sở - Ngành", "Sở - Ngành"),
        ("", ""),
        ("'already", "'already"),
        ("II.1", "II.1"),
    ],
    ids=["dash", "equals", "plus", "at", "tab", "cr", "plain", "inner-dash", "empty", "quote", "id"],
)
def test_excel_safe(value: str, expected: str) -> None:
    assert excel_safe(value) == expected


def test_csv_rows_one_per_task_with_document_fields() -> None:
    rows = list(csv_rows(make_doc()))
    assert len(rows) == 2
    first = dict(zip(CSV_COLUMNS, rows[0]))
    assert first == {
        "document": "samples/x.txt",
        "number": "128/KH-UBND",
        "date": "2024-03-14",
        "issuer": "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "id": "IV.1",
        "section": "IV",
        "title": "'- Chủ trì, phối hợp với Sở Nội vụ rà soát danh mục",
        "lead_units": "Sở Tài chính; Sở Nội vụ",
        "coordinating_units": "'=1+1",
        "deadline": "ngày 30/6/2024",
        "deadline_kind": "date",
        "deadline_start": "2024-06-30",
        "deadline_end": "2024-06-30",
        "deliverable": "Báo cáo kết quả",
        "line": "42",
    }
    second = dict(zip(CSV_COLUMNS, rows[1]))
    assert second["number"] == "128/KH-UBND"  # repeated on every row
    assert second["lead_units"] == second["deadline"] == second["deliverable"] == ""


def test_csv_rows_without_source_path_or_date() -> None:
    doc = make_doc().model_copy(update={"source": Source(sha256="0" * 64), "date": None})
    row = dict(zip(CSV_COLUMNS, next(csv_rows(doc))))
    assert row["document"] == "" and row["date"] == ""


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_write_csv_round_trip(bom: bool) -> None:
    buf = io.BytesIO()
    write_csv([make_doc()], buf, bom=bom)
    data = buf.getvalue()
    assert data.startswith(UTF8_BOM) is bom
    assert not buf.closed
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1:] == list(csv_rows(make_doc()))
    assert b"\r\n" in data  # csv's own line terminator, not doubled


def test_write_csv_no_tasks_gives_header_only() -> None:
    data = csv_bytes([make_doc(tasks=[])], bom=False)
    assert data.decode("utf-8").splitlines() == [",".join(CSV_COLUMNS)]


def test_write_csv_several_documents_one_header() -> None:
    data = csv_bytes([make_doc(), make_doc()], bom=True)
    lines = data.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 4
    assert data.count(UTF8_BOM) == 1


def test_write_csv_keeps_newlines_inside_cells() -> None:
    doc = make_doc([Task(id="1", title="dòng một\ndòng hai", line=1)])
    rows = list(csv.reader(io.StringIO(csv_bytes([doc], bom=False).decode(), newline="")))
    assert rows[1][CSV_COLUMNS.index("title")] == "dòng một\ndòng hai"


def test_csv_writer_streams_documents_records_and_rows() -> None:
    buf = io.BytesIO()
    writer = CsvWriter(buf, bom=False)
    assert buf.getvalue().decode("utf-8").splitlines() == [",".join(CSV_COLUMNS)]  # the header at once
    writer.add(make_doc())
    writer.add(make_doc().model_dump(mode="json"))  # a record, as batch workers hand them over
    writer.add_rows(csv_rows(make_doc()))
    assert buf.getvalue() == csv_bytes([make_doc()] * 3, bom=False)


def test_json_text_pretty_and_compact() -> None:
    doc = make_doc()
    compact = json_text(doc, pretty=False)
    pretty = json_text(doc, pretty=True)
    assert "\n" not in compact
    assert pretty.startswith('{\n  "schema_version": "1"')
    assert json.loads(compact) == json.loads(pretty) == doc.model_dump(mode="json")
    assert "ỦY BAN" in compact  # not \u-escaped


def test_jsonl_lines() -> None:
    lines = list(jsonl_lines([make_doc(), make_doc(tasks=[])]))
    assert len(lines) == 2
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert json.loads(lines[1])["tasks"] == []


def test_atomic_write_new_and_replace(tmp_path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    os.chmod(target, 0o640)
    atomic_write(str(target), b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temp file left


def test_atomic_write_new_file_mode_follows_umask(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


@pytest.mark.parametrize("where", ["missing-folder", "is-a-directory"])
def test_atomic_write_failure_is_a_kehoach_error(tmp_path, where: str) -> None:
    if where == "missing-folder":
        target = tmp_path / "nope" / "out.json"
    else:
        target = tmp_path / "adir"
        target.mkdir()
    with pytest.raises(KehoachError, match="cannot write"):
        atomic_write(target, b"x")
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
