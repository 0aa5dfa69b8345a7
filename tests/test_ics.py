"""The calendar of deadlines (--format ics): read back with icalendar, an independent parser."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr

import kehoach
from kehoach.cli import cli
from kehoach.writers.ics import SUMMARY_LENGTH, escape_text, fold_line, ics_bytes, shorten, task_uid
from kehoach.models import Deadline, PlanDocument, Source, Task

icalendar = pytest.importorskip("icalendar")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PROVINCE = SAMPLES / "ke_hoach_ubnd_tinh_phan_cong.txt"
CENTRAL = SAMPLES / "ke_hoach_trung_uong_truong_linh_vuc.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def todos(data: bytes, name: str = "VTODO") -> list:
    cal = icalendar.Calendar.from_ical(data)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0" and "kehoach" in str(cal["PRODID"])
    return [c for c in cal.walk() if c.name == name]


def due(component) -> dt.date:
    value = component.decoded("DUE")
    assert type(value) is dt.date  # an all-day date, not a date-time
    return value


def made_doc(*deadlines: Deadline | None, number: str | None = "12/KH-UBND", sha: str = "b" * 64) -> PlanDocument:
    tasks = [Task(id=f"I.{i}", section="I", title=f"Nhiệm vụ thứ {i}, có dấu phẩy; và chấm phẩy", line=10 + i,
                  lead_units=["Sở Tài chính"], coordinating_units=["Sở Nội vụ", "Công an tỉnh"], deadline=d)
             for i, d in enumerate(deadlines, start=1)]
    return PlanDocument(source=Source(path="made.txt", sha256=sha), kind="ke_hoach", number=number,
                        date=dt.date(2024, 3, 5), issuer="ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", tasks=tasks)


def dl(kind: str, start: str | None, end: str | None, recurrence: str | None = None, text: str = "x") -> Deadline:
    return Deadline(text=text, kind=kind, start=start and dt.date.fromisoformat(start),
                    end=end and dt.date.fromisoformat(end), recurrence=recurrence)


# --- the samples --------------------------------------------------------------------------

@pytest.mark.parametrize("sample", [PROVINCE, CENTRAL], ids=lambda p: p.stem)
def test_due_dates_equal_the_records_end_dates(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = run("parse", str(sample), "--format", "ics", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    doc = kehoach.parse_file(sample)
    dated = {t.id: t for t in doc.tasks if t.deadline and t.deadline.end}
    assert dated, "the sample should have dated tasks"
    entries = todos(out.read_bytes())
    by_uid = {str(c["UID"]): c for c in entries}
    assert len(by_uid) == len(entries) == len(dated)  # one each, UIDs unique
    for task in dated.values():
        entry = by_uid[task_uid(doc.model_dump(mode="json"), task.model_dump(mode="json"))]
        assert due(entry) == task.deadline.end
        assert str(entry["STATUS"]) == "NEEDS-ACTION"
        assert str(entry["SUMMARY"]) == shorten(task.title, SUMMARY_LENGTH)
        description = str(entry["DESCRIPTION"])
        assert all(u in description for u in task.lead_units + task.coordinating_units)
        assert doc.number in description
        assert f"dòng {task.line}" in description and task.title in description
        if task.deadline.start and task.deadline.recurrence is None:
            assert entry.decoded("DTSTART") == task.deadline.start


def test_ics_to_stdout_and_deterministic() -> None:
    first = run("parse", str(PROVINCE), "--format", "ics")
    assert first.exit_code == 0, first.stderr
    assert first.stdout_bytes == run("parse", str(PROVINCE), "--format", "ics").stdout_bytes
    assert first.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert first.stdout_bytes.endswith(b"END:VCALENDAR\r\n")
    stamps = {str(c["DTSTAMP"].to_ical(), "ascii") for c in todos(first.stdout_bytes)}
    assert stamps == {"20240314T000000Z"}  # the document's date, not the clock


def test_uids_survive_a_corrected_copy(tmp_path: Path) -> None:
    """Same issuer, number and date, different bytes: the same UIDs, so a re-import updates."""
    copy = tmp_path / "copy.txt"
    copy.write_bytes(PROVINCE.read_bytes() + b"\n\n")
    uids = [sorted(str(c["UID"]) for c in todos(run("parse", str(p), "--format", "ics").stdout_bytes))
            for p in (PROVINCE, copy)]
    assert uids[0] == uids[1]
    assert all(u.endswith("@kehoach") for u in uids[0])


def test_uid_without_number_uses_the_sha256() -> None:
    doc = made_doc(dl("date", "2024-06-30", "2024-06-30"), number=None, sha="c0ffee" + "0" * 58)
    (entry,) = todos(ics_bytes([doc]))
    assert str(entry["UID"]) == "c0ffee0000000000-I.1@kehoach"


def test_same_document_twice_keeps_uids_unique() -> None:
    doc = made_doc(dl("date", "2024-06-30", "2024-06-30"))
    uids = [str(c["UID"]) for c in todos(ics_bytes([doc, doc]))]
    assert len(set(uids)) == 2


# --- which tasks, which dates --------------------------------------------------------------

def test_tasks_without_an_end_are_left_out() -> None:
    doc = made_doc(None, dl("ongoing", "2024-01-01", None), dl("recurring", None, None, "quarterly"),
                   dl("before", None, "2024-06-29"))
    (entry,) = todos(ics_bytes([doc]))
    assert due(entry) == dt.date(2024, 6, 29)
    assert "DTSTART" not in entry and "RRULE" not in entry


@pytest.mark.parametrize(
    ("recurrence", "start", "end", "first", "rule", "occurrences"),
    [
        pytest.param("yearly", "2021-01-01", "2025-12-31", "2021-12-31", "FREQ=YEARLY;UNTIL=20251231", 5,
                     id="yearly-2021-2025"),
        pytest.param("quarterly", "2024-01-01", "2024-12-31", "2024-03-31",
                     "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;UNTIL=20241231", 4, id="quarterly-2024"),
        pytest.param("monthly", "2024-01-01", "2024-06-30", "2024-01-31", "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20240630",
                     6, id="monthly-month-ends"),
        pytest.param("semiannual", "2023-01-01", "2025-12-31", "2023-06-30",
                     "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1;UNTIL=20251231", 6, id="semiannual"),
        pytest.param("weekly", "2024-01-01", "2024-01-28", "2024-01-07", "FREQ=WEEKLY;UNTIL=20240128", 4,
                     id="weekly"),
    ],
)
def test_recurring_with_a_span_repeats(recurrence, start, end, first, rule, occurrences) -> None:
    doc = made_doc(dl("recurring", start, end, recurrence, text="hằng năm, giai đoạn"))
    data = ics_bytes([doc])
    assert f"\r\nRRULE:{rule}\r\n".encode() in data  # as written
    (entry,) = todos(data)
    assert entry["RRULE"] == icalendar.vRecur.from_ical(rule)  # as read
    assert entry.decoded("DTSTART") == due(entry) == dt.date.fromisoformat(first)
    dates = [d.date() for d in rrulestr(entry["RRULE"].to_ical().decode(),
                                        dtstart=dt.datetime.combine(due(entry), dt.time()))]
    assert len(dates) == occurrences
    assert dates[-1] == dt.date.fromisoformat(end)  # the last one is due at the record's end


@pytest.mark.parametrize(
    "deadline",
    [
        pytest.param(dl("recurring", None, "2025-12-31", "yearly"), id="no-start"),
        pytest.param(dl("recurring", "2024-01-01", "2024-12-31", "yearly"), id="one-period"),
        pytest.param(dl("recurring", "2024-01-01", "2025-12-31", None), id="recurrence-unknown"),
    ],
)
def test_recurring_without_a_layout_is_one_entry(deadline: Deadline) -> None:
    (entry,) = todos(ics_bytes([made_doc(deadline)]))
    assert "RRULE" not in entry
    assert due(entry) == deadline.end


def test_events_instead_of_todos() -> None:
    doc = made_doc(dl("quarter", "2024-04-01", "2024-06-30"))
    (event,) = todos(ics_bytes([doc], component="event"), name="VEVENT")
    assert event.decoded("DTSTART") == dt.date(2024, 6, 30)  # the due day, all day
    assert event.decoded("DTEND") == dt.date(2024, 7, 1)
    assert str(event["TRANSP"]) == "TRANSPARENT"


# --- encoding -------------------------------------------------------------------------------

def test_text_round_trips_through_the_parser() -> None:
    title = "Rà soát; chuẩn hóa, công bố \\ danh mục\nthủ tục"
    doc = made_doc(dl("date", "2024-06-30", "2024-06-30"))
    doc.tasks[0].title = title
    (entry,) = todos(ics_bytes([doc]))
    assert str(entry["SUMMARY"]) == "Rà soát; chuẩn hóa, công bố \\ danh mục thủ tục"
    assert str(entry["DESCRIPTION"]).splitlines()[:3] == [
        "Chủ trì: Sở Tài chính", "Phối hợp: Sở Nội vụ; Công an tỉnh", "Thời hạn: x"]


def test_lines_are_folded_at_75_octets_on_character_boundaries() -> None:
    data = run("parse", str(CENTRAL), "--format", "ics").stdout_bytes
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never split inside a character


@pytest.mark.parametrize("text", ["a" * 200, "ệ" * 100, "x" + "ệ" * 60, "Ủy ban nhân dân " * 12])
def test_fold_line(text: str) -> None:
    folded = fold_line("DESCRIPTION:" + text)
    parts = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert b"".join([parts[0], *(p[1:] for p in parts[1:])]).decode("utf-8") == "DESCRIPTION:" + text


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("ngắn", 80, "ngắn"),
        ("một hai ba bốn năm", 12, "một hai ba…"),
        ("một hai, ba bốn", 9, "một hai…"),
        ("khônggiancách", 6, "không…"),
    ],
)
def test_shorten(text: str, length: int, expected: str) -> None:
    assert shorten(text, length) == expected
    assert len(shorten(text, length)) <= length


def test_escape_text() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_tasks_command_ics_filters() -> None:
    result = run("tasks", str(PROVINCE), str(CENTRAL), "--due-before", "2024-07-01", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    dates = [due(c) for c in todos(result.stdout_bytes)]
    assert dates and all(d < dt.date(2024, 7, 1) for d in dates)
