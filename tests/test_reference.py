"""docs/RECORD.md, the field reference, is what docs/make_reference.py makes from the models."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from kehoach.models import PlanDocument

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("make_reference", ROOT / "docs" / "make_reference.py")
make_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_reference)


def test_the_reference_is_up_to_date() -> None:
    assert (ROOT / "docs" / "RECORD.md").read_text(encoding="utf-8") == make_reference.render(), \
        "run: python docs/make_reference.py"


def test_every_field_of_the_record_is_in_the_reference() -> None:
    text = make_reference.render()
    assert all(f"| `{name}` |" in text for name in PlanDocument.model_fields)
    assert "## Task" in text and "| `lead_units` |" in text
