"""Pydantic output models: the public record (docs/RECORD.md is generated from them).

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
    format: Literal["txt", "docx", "doc", "pdf", "html"] = Field("txt", description="The format the file was read as, by its content")
    encoding: str | None = Field(None, description="Encoding the bytes were decoded with")


class Deadline(_Model):
    """A deadline phrase normalised to a kind and dates; both ends inclusive."""

    text: str = Field(description="The phrase as written, without its field label")
    kind: DeadlineKind = Field(description='"quarter" for "quý II/2024", "before" for "trước ngày 30/6", '
                                           '"recurring" for "hằng năm", "unknown" when it cannot be read ...')
    start: dt.date | None = Field(None, description="First day of the period named (quý II -> 1 April)")
    end: dt.date | None = Field(None, description="Last day on which the task is still on time")
    qualifier: Qualifier = Field("", description='"within" (trong), "no_later_than" (chậm nhất), "before" (trước), '
                                                   '"from_to", "from", "after"; empty when none is written')
    recurrence: Recurrence | None = Field(None, description='How often a recurring deadline comes: "yearly" ...')
    year_inferred: bool = Field(False, description="The year was not written and was taken from the document date")
    invalid: bool = Field(False, description='The phrase names a period that does not exist ("tháng 13/2025"); kind unknown')


class Reference(_Model):
    """A document cited in the text."""

    type: str | None = Field(None, description='"Nghị quyết", "Quyết định", "Kết luận" ...')
    number: str = Field(description='As printed, spaces removed: "13-NQ/TW", "30/2020/NĐ-CP"')
    date: dt.date | None = Field(None, description="The cited document's date, when the citation gives it")
    issuer: str | None = Field(None, description='Its issuing body, when the citation names it: "Bộ Chính trị"')
    text: str = Field(description="The citation as written")


class Item(_Model):
    """A node of a section's content tree."""

    label: str = Field(description='"1.", "a)", "-", "+" ...; empty for an unlabelled paragraph')
    text: str = Field(description="The item's text, hard line breaks joined")
    line: int = Field(description="Line of its first line")
    items: list[Item] = Field(default_factory=list, description="The items under it")


class Section(_Model):
    """A top-level part of the plan's body ("II. NỘI DUNG ...")."""

    number: str | None = Field(description='Without punctuation: "II", "A", "1"; "PHẦN THỨ NHẤT" gives "I"; '
                                           '"PHẦN MỞ ĐẦU" gives null')
    title: str = Field(description="The heading as printed, without markup")
    line: int = Field(description="Line of the heading")
    items: list[Item] = Field(default_factory=list, description="The section's content tree")


class Task(_Model):
    """A piece of work the document assigns."""

    id: str = Field(description='The path of labels as printed, unique: "II.1", "III.1.2.1", "PL1.II.3"')
    section: str | None = Field(None, description='Number of the section it is in: "II"; null in an annex or '
                                                  'a document without sections')
    title: str = Field(description='The task\'s own text; for "Body: duties" the duties after the colon')
    lead_units: list[str] = Field(default_factory=list, description="The bodies that lead it (chủ trì, thực hiện), "
                                                                    "as written")
    coordinating_units: list[str] = Field(default_factory=list, description="The bodies that take part (phối hợp), "
                                                                            "as written")
    lead_units_canonical: list[str] = Field(
        default_factory=list, description="lead_units in the same order, abbreviations written out ('Sở KH&ĐT' -> "
        "'Sở Kế hoạch và Đầu tư')")
    coordinating_units_canonical: list[str] = Field(
        default_factory=list, description="coordinating_units in the same order, abbreviations written out")
    deadline: Deadline | None = Field(None, description="When it is due, normalised")
    deliverable: str | None = Field(None, description='What it delivers (sản phẩm, kết quả): "Báo cáo ..."')
    line: int = Field(description="Line of the task's first line")
    form: TaskForm | None = Field(None, description='Where it was found: "fields", "block", "sentence" or "table"')


class Signature(_Model):
    """The signature block."""

    on_behalf_of: str | None = Field(None, description="Body after T/M, TM., KT., TL., TUQ.")
    position: str | None = Field(None, description='The signer\'s office: "PHÓ CHỦ TỊCH"')
    name: str | None = Field(None, description="The signer's name")
    line: int | None = Field(None, description="Line where the block starts")


class Warning(_Model):
    """Something that looked wrong or was skipped."""

    code: str = Field(description='snake_case: "number_blank", "no_tasks", "deadline_unparsed" ...')
    message: str = Field(description="What looked wrong, in a sentence")
    line: int | None = Field(None, description="Where, when it is one place")


class PlanDocument(_Model):
    """One parsed plan document."""

    schema_version: Literal["1"] = Field("1", description="Changes only when a field changes meaning")
    source: Source = Field(description="The file it was read from")
    kind: DocumentKind = Field("khac", description="Plan, action programme, decision issuing a plan, press report "
                                                   "of one, or other")
    number: str | None = Field(None, description='The document\'s own number as printed: "45/KH-UBND"')
    issuer: str | None = Field(None, description='The issuing body as the header prints it, without its parent: '
                                                 '"SỞ CÔNG THƯƠNG" under "UBND TỈNH LÀO CAI"')
    place: str | None = Field(None, description='From "Đà Lạt, ngày 05 tháng 12 năm 2022": "Đà Lạt"')
    date: dt.date | None = Field(None, description="The date the document was signed, from the same line")
    title: str | None = Field(None, description="The trích yếu: the line(s) after the type word, joined")
    references: list[Reference] = Field(default_factory=list, description="Every distinct document cited; first "
                                                                          "mention wins")
    sections: list[Section] = Field(default_factory=list, description='The top-level parts of the body ("I.", '
                                                                      '"PHẦN I"); the Điều of a decision are not')
    tasks: list[Task] = Field(default_factory=list, description="Every assignment found, in document order")
    signature: Signature | None = Field(None, description="The signature block")
    recipients: list[str] = Field(default_factory=list, description='The lines under "Nơi nhận:", bullets stripped')
    warnings: list[Warning] = Field(default_factory=list, description="What looked wrong or was skipped; never "
                                                                      "silent")


#: The JSON Schema dialect pydantic writes, and this record's schema's name (a URN: it names the
#: schema of record version "1" without promising a web address).
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:kehoach:schema:plan-document:1"


def plan_document_schema() -> dict:
    """The record's JSON Schema, with ``$schema`` and ``$id`` first: what ``kehoach schema`` prints."""
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **PlanDocument.model_json_schema()}
