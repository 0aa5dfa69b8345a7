"""Fixture documents beside their expected records: adding a case is adding NAME.txt and NAME.json.

Run ``pytest --regen -k NAME`` to write NAME.json from the current output, then review the diff.
"""
from __future__ import annotations

import json

import pytest

import kehoach
from conftest import FIXTURES

DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))


def record(path) -> dict:
    """The record as compared: JSON mode, defaults left out, without the machine-specific source."""
    doc = kehoach.parse_file(path)
    return doc.model_dump(mode="json", exclude={"source"}, exclude_defaults=True)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_document(path, regen):
    expected_path = path.with_suffix(".json")
    got = record(path)
    if regen:
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not expected_path.exists():
        pytest.fail(f"no {expected_path.name}: run pytest --regen -k {path.stem} and review the diff")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    for key in sorted(set(expected) | set(got)):
        assert got.get(key) == expected.get(key), key


def test_task_ids_are_the_labels_as_printed() -> None:
    """'1.2.' under '1.' under III is III.1.2, not III.1.1.2: a label that extends its parent's replaces it."""
    doc = kehoach.parse_text(
        "KẾ HOẠCH\nChuyển đổi số năm 2025\nIII. NHIỆM VỤ\n1. Hạ tầng số\n"
        "1.1. Sở Khoa học và Công nghệ chủ trì nâng cấp mạng diện rộng, hoàn thành trong quý II/2025.\n"
        "1.2. Hạ tầng dữ liệu\n"
        "a) Sở Tài chính bố trí kinh phí xây dựng kho dữ liệu, hoàn thành trong tháng 9/2025.\n")
    assert [t.id for t in doc.tasks] == ["III.1.1", "III.1.2.a"]
