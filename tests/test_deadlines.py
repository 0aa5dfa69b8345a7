"""Deadline normalisation (shared/spec/DEADLINES.md): fixture tables of phrase -> expected fields.

Our own cases are per-row tests that must all pass. The shared dev set is one test that asserts the
share of fully right rows (kind, start, end, qualifier and recurrence all equal) and prints the misses.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach import parse_text
from kehoach.deadlines.parse import parse_deadline, search_deadline
from kehoach.models import Deadline

FIXTURES = Path(__file__).parent / "fixtures"
DEV_FILE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "deadlines_dev.tsv"
DEV_MIN_SHARE = 0.97


def read_tsv(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Rows of a header-first TSV without quoting, as (id "file:line", row); '#' lines are comments."""
    rows: list[tuple[str, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append((f"{path.name}:{number}", dict(zip(header, cells))))
    return rows


def fields(deadline: Deadline | None) -> tuple[str, str, str, str, str] | None:
    """The scored fields as the TSV writes them: (kind, start, end, recurrence, qualifier)."""
    if deadline is None:
        return None
    iso = lambda day: day.isoformat() if day else ""  # noqa: E731
    return deadline.kind, iso(deadline.start), iso(deadline.end), deadline.recurrence or "", deadline.qualifier


def expected(row: dict[str, str]) -> tuple[str, str, str, str, str]:
    return row["kind"], row["start"], row["end"], row["recurrence"], row["qualifier"]


def document_date(row: dict[str, str]) -> dt.date | None:
    return dt.date.fromisoformat(row["document_date"]) if row.get("document_date") else None


def params(path: Path) -> list[object]:
    return [pytest.param(row, id=case_id) for case_id, row in read_tsv(path)]


@pytest.mark.parametrize("row", params(FIXTURES / "deadlines.tsv"))
def test_parse_deadline(row: dict[str, str]) -> None:
    got = parse_deadline(row["phrase"], document_date=document_date(row))
    assert fields(got) == expected(row)


@pytest.mark.parametrize("row", params(FIXTURES / "deadline_search.tsv"))
def test_search_deadline(row: dict[str, str]) -> None:
    got = search_deadline(row["sentence"])
    if not row["text"]:
        assert got is None
        return
    assert got is not None
    assert (got.text, got.kind, got.end.isoformat() if got.end else "") == (row["text"], row["kind"], row["end"])


def test_dev_set_share_fully_right() -> None:
    if not DEV_FILE.exists():
        pytest.skip(f"{DEV_FILE} is not here")
    rows = read_tsv(DEV_FILE)
    misses = []
    for case_id, row in rows:
        got = fields(parse_deadline(row["phrase"]))
        if got != expected(row):
            misses.append(f"{case_id} {row['phrase']!r}: expected {expected(row)}, got {got}")
    share = 1 - len(misses) / len(rows)
    print(f"dev set: {len(rows) - len(misses)}/{len(rows)} fully right", *misses, sep="\n")
    assert share >= DEV_MIN_SHARE, "\n".join(misses)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "Thời gian thực hiện:"])
def test_blank_or_label_only_gives_none(text: str) -> None:
    assert parse_deadline(text) is None
    assert search_deadline(text) is None


@pytest.mark.parametrize(("text", "text_out"), [
    ("- Thời gian thực hiện: Tháng 10/2024.", "Tháng 10/2024"),
    ("+ Tiến độ: 20/5/2025;", "20/5/2025"),
    ("Cơ quan chủ trì: Sở Y tế; thời gian hoàn thành: quý II/2025", "quý II/2025"),
    ("7 | Rà soát thủ tục | Sở Tư pháp | Tháng 9/2025 | Báo cáo", "Tháng 9/2025"),
    ("Theo chỉ đạo của UBND tỉnh.", "Theo chỉ đạo của UBND tỉnh"),
])
def test_text_is_the_phrase_without_label(text: str, text_out: str) -> None:
    got = parse_deadline(text)
    assert got is not None and got.text == text_out


def test_year_inferred_only_when_taken_from_the_document_date() -> None:
    day = dt.date(2024, 11, 5)
    assert parse_deadline("Quý II", document_date=day).year_inferred  # type: ignore[union-attr]
    assert not parse_deadline("Quý II/2025", document_date=day).year_inferred  # type: ignore[union-attr]
    assert not parse_deadline("Quý II").year_inferred  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "invalid"), [
    ("Tháng 13/2025", True), ("ngày 31/4/2025", True), ("Quý V/2023", True), ("Tháng 12/2025", False),
    ("Theo yêu cầu", False),
])
def test_impossible_values_are_marked_invalid(text: str, invalid: bool) -> None:
    got = parse_deadline(text)
    assert got is not None and got.invalid is invalid


def test_an_impossible_deadline_warns_deadline_invalid() -> None:
    doc = parse_text("KẾ HOẠCH\nI. NHIỆM VỤ\n1. Rà soát văn bản\n- Đơn vị chủ trì: Sở Tư pháp\n"
                     "- Thời gian thực hiện: tháng 13/2025\n")
    codes = [w.code for w in doc.warnings]
    assert "deadline_invalid" in codes and "deadline_unparsed" not in codes


def test_long_line_is_handled() -> None:
    """A 200 kB line of dense time words still parses (patterns are bounded, so this stays linear)."""
    line = "ngày 30/6/2023 quý II/2023 tháng 10 - 12/2022 hằng năm trước sau khi (( 12/QĐ-UB 2021-2025 " * 2500
    assert parse_deadline(line) is not None
    assert search_deadline(line) is not None


WORDS = ("ngày tháng năm quý Quí Q T hằng hàng mỗi định kỳ lần / - – . , ( ) | và đến hết từ trước sau khi kể "
         "trong chậm nhất đầu giữa cuối nửa sáu 6 0 1 2 4 12 13 29 30 31 2023 2024 I II IV thường xuyên trở đi "
         "các năm tiếp theo ngay ký ban hành làm việc tuần 17 giờ Tết Quý Mão số 12/QĐ-UBND Luật tầm nhìn nay "
         "29/02 31/4").split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       st.sampled_from([None, dt.date(2023, 11, 20), dt.date(2024, 2, 29)]))
def test_any_phrase_gives_a_consistent_record(words: list[str], day: dt.date | None) -> None:
    text = " ".join(words)
    for found in (parse_deadline(text, document_date=day), search_deadline(text, document_date=day)):
        if found is None:
            continue
        assert found.start is None or found.end is None or found.start <= found.end
        assert found.kind != "before" or found.start is None
        assert found.text
