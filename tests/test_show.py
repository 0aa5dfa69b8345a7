"""`kehoach show` (the summary) and `kehoach tasks` (the filter and its table)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import kehoach
from kehoach.cli import cli
from kehoach.writers import terminal
from kehoach.models import Deadline, PlanDocument, Section, Source, Task, Warning
from kehoach.writers.views import filter_document, show_text, sort_rows, table_text, task_rows, unit_matcher

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PROVINCE = SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt"
CENTRAL = SAMPLES / "ke_hoach_trung_uong_truong_linh_vuc.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def run(*args: str, input: bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def task(id: str, end: str | None, lead: list[str], coordinating: tuple[str, ...] = (), *,
         title: str | None = None, text: str = "thời hạn") -> Task:
    deadline = None
    if end is not None:
        day = dt.date.fromisoformat(end)
        deadline = Deadline(text=text, kind="date", start=day, end=day)
    return Task(id=id, section=id.split(".")[0], title=title or f"Nhiệm vụ {id}", lead_units=lead,
                coordinating_units=list(coordinating), deadline=deadline, line=10)


def made_doc() -> PlanDocument:
    return PlanDocument(
        source=Source(path="made.txt", sha256="0" * 64), kind="ke_hoach", number="7/KH-UBND",
        issuer="ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", place="Khánh Hòa", date=dt.date(2024, 2, 1),
        title="Triển khai thí điểm",
        sections=[Section(number="I", title="MỤC ĐÍCH", line=5), Section(number="II", title="NHIỆM VỤ", line=8)],
        tasks=[
            task("II.1", "2024-07-15", ["Sở Tài chính"], ("Sở Nội vụ",)),
            task("II.2", "2024-03-31", ["Uỷ ban nhân dân tỉnh Khánh Hoà"]),
            task("II.3", None, ["Sở Tư pháp"], ("Sở Tài chính",)),
            task("II.4", "2024-05-31", ["Công an tỉnh"], ("Sở Thông tin và Truyền thông",)),
            Task(id="II.5", section="II", title="Tổng kết hằng năm", lead_units=[], line=30,
                 deadline=Deadline(text="hằng năm", kind="recurring", recurrence="yearly")),
        ],
        warnings=[Warning(code="no_deadline", message="task II.3 has no deadline", line=22)],
    )


@pytest.fixture
def fake_parse(monkeypatch):
    def install(*docs: PlanDocument) -> None:
        by_path = {d.source.path: d for d in docs}
        monkeypatch.setattr(kehoach.pipeline, "parse_file", lambda path: by_path[path])
    return install


def table_ids(text: str) -> list[str]:
    """The ID column of a printed task table (after the header line)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] in (["ID"], ["DOCUMENT"]))
    column = 1 if lines[start].split()[0] == "DOCUMENT" else 0
    ids = []
    for line in lines[start + 1:]:
        if not line.startswith("  ") or not line.strip():
            break
        ids.append(line.split()[column])
    return ids


# --- show -----------------------------------------------------------------------------------

def test_show_sample() -> None:
    result = run("show", str(PROVINCE), "--today", "2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert not ANSI.search(out)  # not a terminal: plain text
    lines = out.splitlines()
    assert lines[0] == "128/KH-UBND  ·  ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH  ·  Hà Tĩnh, 2024-03-14"
    assert lines[1].startswith("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính")
    assert "Sections" in lines and "  IV   TỔ CHỨC THỰC HIỆN  (11 tasks)" in lines
    doc = kehoach.parse_file(PROVINCE)
    dated = sorted((t.deadline.end, t.id) for t in doc.tasks if t.deadline and t.deadline.end)
    late = [i for end, i in dated if end < dt.date(2024, 6, 1)]
    assert f"Tasks: {len(doc.tasks)}, {len(dated)} with a due date, {len(late)} overdue on 2024-06-01" in out
    ids = table_ids(out)
    assert ids[: len(dated)] == [i for _, i in sorted(dated, key=lambda x: x[0])]  # by due date
    assert sorted(ids) == sorted(t.id for t in doc.tasks)
    marked = [line.split()[0] for line in lines if "overdue " in line and "Tasks:" not in line]
    assert marked == late
    assert lines[-1] == "Warnings: none"
    assert all(len(line) <= 100 for line in lines)


def test_show_made_document(fake_parse) -> None:
    fake_parse(made_doc())
    out = run("show", "made.txt", "--today", "2024-06-01").stdout
    assert out.splitlines()[0] == "7/KH-UBND  ·  ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA  ·  Khánh Hòa, 2024-02-01"
    assert table_ids(out) == ["II.2", "II.4", "II.1", "II.3", "II.5"]
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  II.")}
    assert re.search(r"  2024-03-31  +overdue 62d$", rows["II.2"])
    assert re.search(r"  2024-05-31  +overdue 1d$", rows["II.4"])
    assert rows["II.1"].endswith("2024-07-15")
    assert rows["II.3"].endswith("—")
    assert "hằng năm" in rows["II.5"] and "—" in rows["II.5"]  # no lead, the phrase for a due date
    assert "Warnings: 1\n  line 22: no_deadline: task II.3 has no deadline\n" in out


def test_show_on_the_due_day_is_not_overdue(fake_parse) -> None:
    fake_parse(made_doc())
    out = run("show", "made.txt", "--today", "2024-05-31").stdout
    assert "1 overdue on 2024-05-31" in out
    assert "overdue 1d" not in out


@pytest.mark.parametrize(
    ("args", "on_terminal", "env", "colored"),
    [
        pytest.param([], False, {}, False, id="pipe"),
        pytest.param([], True, {}, True, id="terminal"),
        pytest.param([], True, {"NO_COLOR": "1"}, False, id="terminal-NO_COLOR"),
        pytest.param([], True, {"NO_COLOR": ""}, True, id="terminal-NO_COLOR-empty"),
        pytest.param(["--color"], False, {"NO_COLOR": "1"}, True, id="forced"),
        pytest.param(["--no-color"], True, {}, False, id="forbidden"),
    ],
)
def test_show_color(monkeypatch, fake_parse, args, on_terminal, env, colored) -> None:
    fake_parse(made_doc())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: on_terminal)
    result = run("show", "made.txt", "--today", "2024-06-01", *args, env=env)
    assert result.exit_code == 0
    assert bool(ANSI.search(result.stdout)) is colored
    plain = run("show", "made.txt", "--today", "2024-06-01", "--no-color").stdout
    if colored:
        assert "\x1b[31m" in result.stdout  # overdue rows in red
    assert ANSI.sub("", result.stdout) == plain  # colour adds nothing else


def test_show_defaults_to_today(fake_parse) -> None:
    fake_parse(made_doc())
    out = run("show", "made.txt").stdout
    assert f"overdue on {dt.date.today().isoformat()}" in out


def test_show_stdin() -> None:
    result = run("show", "-", "--today", "2024-06-01", input=PROVINCE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "128/KH-UBND" in result.stdout and "stdin" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(["show", str(PROVINCE), "--today", "1/6/2024"], 2, "'--today'", id="bad-date"),
        pytest.param(["show", "no/such/file.txt"], 1, "Error: ", id="missing-file"),
        pytest.param(["tasks", str(PROVINCE), "--due-before", "2024-13-01"], 2, "'--due-before'", id="bad-due"),
        pytest.param(["tasks", str(PROVINCE), "--format", "pdf"], 2, "'--format'", id="bad-format"),
    ],
)
def test_errors(args, code, message) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr


def test_show_fits_a_narrow_terminal(monkeypatch, fake_parse) -> None:
    fake_parse(made_doc())
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(terminal, "width", lambda: 72)
    out = run("show", "made.txt", "--today", "2024-06-01", "--no-color").stdout
    assert max(len(line) for line in out.splitlines()) <= 72


# --- the unit filter ------------------------------------------------------------------------

NFD = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Khánh Hòa")


@pytest.mark.parametrize(
    ("needle", "name", "matches"),
    [
        ("Sở Tài chính", "Sở Tài chính", True),
        ("sở tài chính", "SỞ TÀI CHÍNH", True),
        ("so tai chinh", "Sở Tài chính", True),          # typed without diacritics
        ("SO TAI CHINH", "Sở Tài chính", True),
        ("Ủy ban nhân dân tỉnh Khánh Hòa", "Uỷ ban nhân dân tỉnh Khánh Hoà", True),  # old tone placement
        ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa", True),
        (NFD, "Ủy ban nhân dân tỉnh Khánh Hòa", True),    # decomposed input
        ("Khánh Hòa", NFD, True),
        ("  tài   chính ", "Sở Tài chính", True),         # spacing
        ("Tài chính", "Sở Tài chính", True),               # part of the name
        ("Sở Tư pháp", "Sở Tài chính", False),
        ("Sổ", "Sở Tài chính", False),                     # typed with marks: the marks count
        ("công an", "Công an tỉnh", True),
        ("cong an", "Cộng an", True),                      # without marks: marks ignored
        ("Đà Nẵng", "Da Nang", False),
        ("da nang", "Đà Nẵng", True),
        ("", "Sở Tài chính", False),
    ],
)
def test_unit_matcher(needle: str, name: str, matches: bool) -> None:
    assert unit_matcher([needle])(name) is matches


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        pytest.param({}, ["II.1", "II.2", "II.3", "II.4", "II.5"], id="none"),
        pytest.param({"due_before": dt.date(2024, 5, 31)}, ["II.2"], id="before-is-strict"),
        pytest.param({"due_before": dt.date(2024, 6, 1)}, ["II.2", "II.4"], id="before"),
        pytest.param({"due_after": dt.date(2024, 5, 31)}, ["II.1"], id="after"),
        pytest.param({"unit": unit_matcher(["so tai chinh"])}, ["II.1", "II.3"], id="lead-or-coordinating"),
        pytest.param({"unit": unit_matcher(["Sở Tài chính", "công an"])}, ["II.1", "II.3", "II.4"], id="any-unit"),
        pytest.param({"unit": unit_matcher(["UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ"])}, ["II.2"], id="tone"),
        pytest.param({"unit": unit_matcher(["sở tài chính"]), "due_before": dt.date(2024, 7, 1)}, [], id="both"),
        pytest.param({"unit": unit_matcher(["sở tài chính"]), "due_before": dt.date(2024, 8, 1)}, ["II.1"],
                     id="both-match"),
    ],
)
def test_filter_document(filters: dict, ids: list[str]) -> None:
    assert [t.id for t in filter_document(made_doc(), **filters).tasks] == ids


# --- tasks ----------------------------------------------------------------------------------

def test_tasks_table_across_documents() -> None:
    result = run("tasks", str(PROVINCE), str(CENTRAL), "--today", "2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and not ANSI.search(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["DOCUMENT", "ID", "TASK", "LEAD", "DUE"]
    dates = [DATE.search(line).group() for line in lines[1:] if DATE.search(line)]
    assert dates == sorted(dates) and len(dates) >= 10
    assert {line.split()[0] for line in lines[1:]} == {"128/KH-UBND", "45-KH/TW"}
    docs = [kehoach.parse_file(p) for p in (PROVINCE, CENTRAL)]
    assert len(lines) - 1 == sum(len(d.tasks) for d in docs)


def test_tasks_filtered_table(fake_parse) -> None:
    other = made_doc().model_copy(update={"source": Source(path="other.txt", sha256="1" * 64), "number": "8/KH-UBND"})
    fake_parse(made_doc(), other)
    result = run("tasks", "made.txt", "other.txt", "--unit", "so tai chinh", "--due-before", "2024-12-31",
                 "--today", "2024-06-01")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[1:]] == [["7/KH-UBND", "II.1"], ["8/KH-UBND", "II.1"]]


def test_tasks_one_document_has_no_document_column(fake_parse) -> None:
    fake_parse(made_doc())
    out = run("tasks", "made.txt", "--unit", "công an", "--today", "2024-06-01").stdout
    assert out.splitlines()[0].split() == ["ID", "TASK", "LEAD", "DUE"]
    assert table_ids(out) == ["II.4"]


def test_tasks_nothing_matches(fake_parse) -> None:
    fake_parse(made_doc())
    result = run("tasks", "made.txt", "--unit", "Bộ Quốc phòng")
    assert result.exit_code == 0
    assert result.stdout == "  (no tasks)\n"


def test_tasks_json_is_a_list_of_filtered_records(fake_parse) -> None:
    empty = made_doc().model_copy(update={"source": Source(path="none.txt", sha256="2" * 64), "tasks": []})
    fake_parse(made_doc(), empty)
    result = run("tasks", "made.txt", "none.txt", "--due-before", "2024-06-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1  # documents without a match are left out
    record = PlanDocument.model_validate(records[0])
    assert [t.id for t in record.tasks] == ["II.2", "II.4"]
    assert record.number == "7/KH-UBND" and record.warnings  # the rest of the record is kept


def test_tasks_jsonl_and_csv(fake_parse, tmp_path: Path) -> None:
    fake_parse(made_doc())
    jsonl = run("tasks", "made.txt", "--unit", "tai chinh", "--format", "jsonl").stdout
    assert [[t["id"] for t in json.loads(line)["tasks"]] for line in jsonl.splitlines()] == [["II.1", "II.3"]]
    out = tmp_path / "t.csv"
    result = run("tasks", "made.txt", "--unit", "tai chinh", "--format", "csv", "--no-bom", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["II.1", "II.3"]


def test_tasks_table_to_a_file_is_plain(fake_parse, tmp_path: Path, monkeypatch) -> None:
    fake_parse(made_doc())
    monkeypatch.setattr(terminal, "stdout_is_terminal", lambda: True)
    out = tmp_path / "tasks.txt"
    assert run("tasks", "made.txt", "-o", str(out), "--today", "2024-06-01").exit_code == 0
    assert not ANSI.search(out.read_text(encoding="utf-8"))
    assert table_ids(out.read_text(encoding="utf-8")) == ["II.2", "II.4", "II.1", "II.3", "II.5"]


def test_table_text_shortens_to_width() -> None:
    long = made_doc().model_copy(update={"tasks": [
        task("I.1", "2024-01-01", ["Ban cán sự đảng Bộ Nông nghiệp và Phát triển nông thôn"],
             title="Xây dựng " * 30)]})
    text = table_text(sort_rows(task_rows([long])), today=dt.date(2024, 6, 1), width=80)
    line = text.splitlines()[1]
    assert len(line) <= 80 and "…" in line and line.endswith("overdue 152d")


def test_a_bad_date_says_the_format_expected() -> None:
    result = run("show", str(PROVINCE), "--today", "1/6/2024")
    assert result.exit_code == 2
    assert "expected YYYY-MM-DD, got '1/6/2024'" in result.stderr


def test_a_before_deadline_shows_the_printed_limit_beside_the_due_day() -> None:
    """'trước ngày 30/4/2024' is due 2024-04-29 by the contract; nobody should think a day was lost."""
    due = Task(id="I.1", title="Nộp báo cáo", line=3, deadline=kehoach.parse_deadline("trước ngày 30/4/2024"))
    doc = made_doc().model_copy(update={"tasks": [due]})
    [row] = task_rows([doc])
    assert (row.due, row.due_text) == (dt.date(2024, 4, 29), "2024-04-29 (trước 30/04)")
    assert "2024-04-29 (trước 30/04)" in show_text(doc, today=dt.date(2024, 4, 1), width=100)


@pytest.mark.parametrize(("needle", "name"), [
    ("UBND", "Ủy ban nhân dân tỉnh Khánh Hòa"),
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh Khánh Hòa"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("so ke hoach va dau tu", "Sở KH&ĐT"),
    ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("MTTQ", "Ủy ban MTTQVN tỉnh"),
])
def test_units_match_through_their_abbreviations(needle: str, name: str) -> None:
    assert unit_matcher([needle])(name)


def test_abbreviations_expand_only_whole_tokens() -> None:
    assert not unit_matcher(["UBND"])("Sở Tài chính")
    assert not unit_matcher(["Sở KH&ĐT"])("Sở Khoa học và Công nghệ")


def test_the_table_shows_the_unit_that_matched() -> None:
    matcher = unit_matcher(["so noi vu"])
    [row] = [r for r in task_rows([filter_document(made_doc(), unit=matcher)], unit=matcher) if r.id == "II.1"]
    assert row.lead == "Sở Nội vụ (phối hợp)"
