"""Write docs/RECORD.md, the field reference of the record, from the pydantic models' JSON Schema.

    python docs/make_reference.py            # rewrite docs/RECORD.md
    python docs/make_reference.py --check    # exit 1 when docs/RECORD.md is out of date

Every model and field comes from ``kehoach.models`` (names, types, defaults, descriptions), so the
reference cannot drift from what ``kehoach parse`` prints; the prose around it is in INTRO below.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kehoach.models import SCHEMA_ID, plan_document_schema

OUT = Path(__file__).resolve().parent / "RECORD.md"
INTRO = f"""# The record: field reference

`kehoach parse FILE` prints one JSON object per document: the model `PlanDocument`, dumped
with `model_dump(mode="json")`. `kehoach schema` prints its JSON Schema (`$id` `{SCHEMA_ID}`).
This page is generated from the same models by `python docs/make_reference.py`; a test fails
when it is out of date.

Conventions: dates are ISO `YYYY-MM-DD`; a value the document does not give is `null` (or `[]`),
never a guess; field names are fixed (fields may be added, never renamed or dropped); every
`line` is the 1-based line of the source text. A deadline's `start` and `end` are both
inclusive: "trước ngày 30/4/2024" ends on 2024-04-29, the last day still on time.
"""


def _type(spec: dict) -> str:
    """A field's type in words: 'string', 'date or null', 'list of Task', '"ke_hoach" | "khac"'."""
    if "$ref" in spec:
        return f"[{spec['$ref'].rsplit('/', 1)[-1]}](#{spec['$ref'].rsplit('/', 1)[-1].lower()})"
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f'`"{v}"`' for v in spec["enum"])
    if "const" in spec:
        return f'`"{spec["const"]}"`'
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if spec.get("format") == "date":
        return "date"
    return str(spec.get("type", "any"))


def _default(spec: dict, required: bool) -> str:
    if required:
        return "required"
    if "default" not in spec:
        return "`[]`" if spec.get("type") == "array" else ""
    return f"`{json.dumps(spec['default'], ensure_ascii=False)}`"


def _table(schema: dict) -> list[str]:
    rows = ["| field | type | default | meaning |", "|---|---|---|---|"]
    required = set(schema.get("required", ()))
    for name, spec in schema["properties"].items():
        meaning = spec.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type(spec)} | {_default(spec, name in required)} | {meaning} |")
    return rows


def render() -> str:
    schema = plan_document_schema()
    parts = [INTRO, "## PlanDocument", "", schema.get("description", ""), "", *_table(schema)]
    for name, sub in schema["$defs"].items():
        parts += ["", f"## {name}", "", sub.get("description", ""), "", *_table(sub)]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python docs/make_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
