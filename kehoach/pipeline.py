"""The parse pipeline: normalised text -> lines -> header -> tree -> tasks -> signature -> PlanDocument.

Each stage is a function over one ``DocState`` that writes only its own fields, in the order of
``STAGES`` (as markdown-it's core rules do).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kehoach.structure.header import Header, extract_header
from kehoach.lines.layout import recover_layout
from kehoach.lines.paragraphs import Line, join_paragraphs, physical_lines
from kehoach.lines.memo import parse_scope
from kehoach.models import PlanDocument, Signature, Source, Task, Warning
from kehoach.reading.normalize import normalize_text
from kehoach.reading.dispatch import read_document, read_document_bytes
from kehoach.reading.text import looks_legacy_vietnamese
from kehoach.structure.references import find_references
from kehoach.structure.signature import extract_recipients, extract_signature, find_recipients_line
from kehoach.structure.tables import Table, find_tables
from kehoach.tasks.finder import TaskFinder
from kehoach.structure.tree import Node, SectionNode, build_sections

PLAN_KINDS = ("ke_hoach", "chuong_trinh", "quyet_dinh")


@dataclass
class DocState:
    """Everything the stages share: the text, its lines, and the partial results."""

    text: str
    source: Source
    origin: list[int] | None = None  # source line (1-based) of each recovered line, when layout recovery cut any
    lines: list[str] = field(default_factory=list)
    paragraphs: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    header: Header = field(default_factory=Header)
    sections: list[SectionNode] = field(default_factory=list)
    loose: list[Node] = field(default_factory=list)
    references: list = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    signature: Signature | None = None
    recipients: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: str, message: str, line: int | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, line=line))


def stage_lines(state: DocState) -> None:
    raw, state.origin = recover_layout(state.text.split("\n"))
    state.lines, marks = physical_lines("\n".join(raw) if state.origin else state.text)
    state.paragraphs = join_paragraphs(state.lines, marks)
    # a table goes on across a page break: its number line is no row
    state.tables = find_tables(raw, [m.furniture for m in marks], state.lines)


def stage_header(state: DocState) -> None:
    state.header = extract_header(state.lines, state.text)
    for code, message, line in state.header.warnings:
        state.warn(code, message, line)


def stage_references(state: DocState) -> None:
    state.references = find_references([p.text for p in state.paragraphs], state.header.number)


def stage_sections(state: DocState) -> None:
    start = state.header.body_start
    body = range(next((i for i, p in enumerate(state.paragraphs) if p.no > start), len(state.paragraphs)),
                 len(state.paragraphs))
    in_table = {no for t in state.tables for no in range(t.start, t.end + 1)}
    body = [i for i in body if state.paragraphs[i].no not in in_table]
    state.sections, state.loose = build_sections(state.paragraphs, body, allow_sections=_is_official(state.header))


def stage_tasks(state: DocState) -> None:
    finder = TaskFinder(document_date=state.header.date, warn=state.warn)
    state.tasks = finder.run(state.sections, state.loose, [t for t in state.tables if t.assigns])
    if not state.tasks and state.header.kind in PLAN_KINDS:
        state.warn("no_tasks", "no tasks found in this document")


def stage_signature(state: DocState) -> None:
    at = find_recipients_line(state.lines, state.header.body_start)
    if _is_official(state.header):
        state.signature = extract_signature(state.lines, state.header.body_start, at)
    if at is not None:
        state.recipients = extract_recipients(state.lines, at)
    if state.header.issuer is None and state.signature and state.signature.on_behalf_of:
        state.header.issuer = state.signature.on_behalf_of
    if state.header.kind not in PLAN_KINDS:
        state.warn("not_a_plan", f"this text does not look like a plan document (kind {state.header.kind})")


def _is_official(head: Header) -> bool:
    """A plan, or another document under a type word ("ĐỀ ÁN", "HƯỚNG DẪN"): it has parts and a signature."""
    return head.kind in PLAN_KINDS or head.type_line is not None


STAGES: tuple[tuple[str, Callable[[DocState], None]], ...] = (
    ("lines", stage_lines),
    ("header", stage_header),
    ("references", stage_references),
    ("sections", stage_sections),
    ("tasks", stage_tasks),
    ("signature", stage_signature),
)


def to_model(state: DocState) -> PlanDocument:
    """Validate the state once into the public record, its lines numbered as in the source file."""
    head, origin = state.header, state.origin
    line_no = _source_line(origin) if origin is not None else _same_line
    doc = PlanDocument(
        source=state.source, kind=head.kind, number=head.number, issuer=head.issuer, place=head.place,
        date=head.date, title=head.title, references=state.references,
        sections=[s.to_model(line_no) for s in state.sections], tasks=state.tasks, signature=state.signature,
        recipients=state.recipients, warnings=state.warnings,
    )
    if origin is not None:  # the records built by the stages, renamed (the sections were built so)
        for record in (*doc.tasks, *doc.warnings, *([doc.signature] if doc.signature else [])):
            record.line = line_no(record.line)
    return doc


def _same_line(no: int) -> int:
    return no


def _source_line(origin: list[int]) -> Callable[[int | None], int | None]:
    """A line number of the recovered layout renamed to the source file's: ``origin[no - 1]``."""
    def source(no: int | None) -> int | None:
        return origin[no - 1] if no is not None and 0 < no <= len(origin) else no

    return source


def parse_text(text: str, *, source: Source | None = None) -> PlanDocument:
    """Parse the text of one document: parse_text('KẾ HOẠCH\\n...').kind == 'ke_hoach'."""
    if source is None:
        source = Source(sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return _parse_normalized(normalize_text(text), source)


def _parse_normalized(text: str, source: Source, notes: Iterable[tuple[str, str]] = ()) -> PlanDocument:
    """Run the stages over text a reader (or parse_text) has normalised once; ``notes`` are the reader's warnings."""
    state = DocState(text=text, source=source)
    for code, message in notes:
        state.warn(code, message)
    legacy = looks_legacy_vietnamese(text)
    if legacy:
        state.warn("encoding_legacy", f"the text looks typed in the legacy {legacy.upper()} font encoding;"
                   " it was not converted")
    with parse_scope():
        for _name, stage in STAGES:
            stage(state)
    return to_model(state)


def parse_bytes(data: bytes, *, path: str | None = None) -> PlanDocument:
    """Decode raw bytes (a file's or stdin's, any format read) and parse them; InputError when unreadable."""
    text, source, notes = read_document_bytes(data, path=path)
    return _parse_normalized(text, source, notes)


def parse_file(path: str | os.PathLike[str]) -> PlanDocument:
    """Read and parse one file (.txt, .docx, .doc, .pdf, .html): parse_file('samples/ke_hoach.txt')."""
    text, source, notes = read_document(path)
    return _parse_normalized(text, source, notes)
