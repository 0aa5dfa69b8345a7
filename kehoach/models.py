"""Pydantic output models: the public record described in shared/spec/OUTPUT.md.

Field names are the contract; fields may be added, never renamed or dropped.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal["ke_hoach", "chuong_trinh", "quyet_dinh", "bao_chi", "khac"]
DeadlineKind = Literal[
    "date", "month", "quarter", "half_year", "year", "range", "before",
    "recurring", "ongoing", "relative", "unknown",
]
Qualifier = Literal["within", "no_later_than", "before", "from_to", "from", "after", ""]
Recurrence = Literal["daily", "weekly", "monthly", "quarterly", "semiannual", "yearly"]
# The shape a task was found in (OUTPUT.md "What is a task"): labelled field lines, a responsibility
# block, an assigning sentence, a row of a task table.
TaskForm = Literal["fields", "block", "sentence", "table"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where the record came from."""

    path: str | None = Field(None, description="Path as given, or null for text/stdin")
    sha256: str = Field(description="SHA-256 of the input bytes (of the UTF-8 text for parse_text)")
    format: Literal["txt", "docx", "doc", "pdf", "html"] = "txt"
    encoding: str | None = Field(None, description="Encoding the bytes were decoded with")


class Deadline(_Model):
    """A deadline phrase normalised as in shared/spec/DEADLINES.md; both ends inclusive."""

    text: str = Field(description="The phrase as written, without its field label")
    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = Field(None, description="Last day on which the task is still on time")
    qualifier: Qualifier = ""
    recurrence: Recurrence | None = None
    year_inferred: bool = Field(False, description="The year was not written and was taken from the document date")


class Reference(_Model):
    """A document cited in the text."""

    type: str | None = Field(None, description='"Nghị quyết", "Quyết định", "Kết luận" ...')
    number: str = Field(description='As printed, spaces removed: "13-NQ/TW", "30/2020/NĐ-CP"')
    date: dt.date | None = None
    issuer: str | None = None
    text: str = Field(description="The citation as written")


class Item(_Model):
    """A node of a section's content tree."""

    label: str = Field(description='"1.", "a)", "-", "+" ...')
    text: str
    line: int
    items: list[Item] = Field(default_factory=list)


class Section(_Model):
    """A top-level part of the plan's body ("II. NỘI DUNG ...")."""

    number: str = Field(description='Without punctuation: "II", "A", "1"')
    title: str
    line: int
    items: list[Item] = Field(default_factory=list)


class Task(_Model):
    """A piece of work the document assigns."""

    id: str = Field(description='Section number + item label path, unique: "II.1", "PL1.II.3"')
    section: str | None = None
    title: str
    lead_units: list[str] = Field(default_factory=list)
    coordinating_units: list[str] = Field(default_factory=list)
    lead_units_canonical: list[str] = Field(
        default_factory=list, description="lead_units in the same order, abbreviations written out ('Sở KH&ĐT' -> "
        "'Sở Kế hoạch và Đầu tư')")
    coordinating_units_canonical: list[str] = Field(
        default_factory=list, description="coordinating_units in the same order, abbreviations written out")
    deadline: Deadline | None = None
    deliverable: str | None = None
    line: int
    form: TaskForm | None = Field(None, description='Where it was found: "fields", "block", "sentence" or "table"')


class Signature(_Model):
    """The signature block."""

    on_behalf_of: str | None = Field(None, description="Body after T/M, TM., KT., TL., TUQ.")
    position: str | None = None
    name: str | None = None
    line: int | None = None


class Warning(_Model):
    """Something that looked wrong or was skipped."""

    code: str = Field(description='snake_case: "number_blank", "no_tasks", "deadline_unparsed" ...')
    message: str
    line: int | None = None


class PlanDocument(_Model):
    """One parsed plan document."""

    schema_version: Literal["1"] = "1"
    source: Source
    kind: DocumentKind = "khac"
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    signature: Signature | None = None
    recipients: list[str] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


#: The JSON Schema dialect pydantic writes, and this record's schema's name (a URN: it names the
#: schema of record version "1" without promising a web address).
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:kehoach:schema:plan-document:1"


def plan_document_schema() -> dict:
    """The record's JSON Schema, with ``$schema`` and ``$id`` first: what ``kehoach schema`` prints."""
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **PlanDocument.model_json_schema()}
