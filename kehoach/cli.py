"""The `kehoach` command line: a thin layer over kehoach's library functions and writers.

Commands only parse arguments, call the library and hand the result to a writer. Every
KehoachError the library raises is turned into one "Error: ..." line on stderr (exit 1) in
one place, _Group.invoke; click's own usage errors exit 2.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kehoach import __version__
from kehoach.errors import KehoachError

FORMATS = ("json", "jsonl", "csv", "xlsx", "ics")


class _Group(click.Group):
    """A click group that reports a KehoachError as one line on stderr and exits 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KehoachError as exc:
            message = " ".join(str(exc).split()) or type(exc).__name__
            raise click.ClickException(message) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kehoach", message="%(prog)s %(version)s")
def cli() -> None:
    """Turn Vietnamese plan documents (Kế hoạch, Chương trình hành động, Quyết định)
    into validated structured data.

    \b
    Example:
        kehoach parse samples/ke_hoach_trung_uong_truong_linh_vuc.txt
    """


@cli.command(short_help="Parse one plan document (FILE, or - for stdin).")
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
    help="json: one object; jsonl: one object on one line; csv: one row per task; "
         "xlsx: an Excel workbook (needs kehoach[xlsx]); ics: a calendar of the deadlines.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=str), default=None,
    help="Write to this file (atomically) instead of stdout; - is stdout.",
)
@click.option(
    "--pretty/--compact", default=None,
    help="Indent the JSON (default: indent only when writing to a terminal).",
)
@click.option(
    "--bom/--no-bom", default=True, show_default=True,
    help="Start CSV output with a UTF-8 byte order mark, so Excel shows Vietnamese correctly.",
)
@click.option("--warnings", "show_warnings", is_flag=True, help="Also print the record's warnings on stderr.")
def parse(fmt: str, file: str, output: str | None, pretty: bool | None, bom: bool, show_warnings: bool) -> None:
    """Parse one plan document FILE (a text file, or - for stdin) and print its record.

    The record is the PlanDocument described by `kehoach schema`: header fields,
    references, sections, tasks (units, deadline), signature, recipients and warnings.

    \b
    Examples:
        kehoach parse samples/ke_hoach_ubnd_tinh_phan_cong.txt
        kehoach parse plan.txt --format csv -o tasks.csv
        cat plan.txt | kehoach parse - --format jsonl
    """
    from kehoach.writers import jsoncsv as writers

    if file == "-":
        from kehoach.pipeline import parse_bytes

        doc = parse_bytes(_read_stdin(), path=None)
    else:
        from kehoach.pipeline import parse_file

        doc = parse_file(file)

    if output == "-":
        output = None
    if pretty is None:
        pretty = output is None and _stdout_is_terminal()
    _refuse_binary_to_terminal(fmt, output)
    data = _render(doc, fmt, pretty=pretty, bom=bom)

    if show_warnings:
        for w in doc.warnings:
            where = f"line {w.line}: " if w.line else ""
            click.echo(f"warning: {where}{w.code}: {w.message}", err=True)

    if output is not None:
        writers.atomic_write(output, data)
    else:
        _write_stdout(data)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the record that parse outputs.

    The schema is generated from the pydantic model PlanDocument.

    \b
    Example:
        kehoach schema > plan-document.schema.json
    """
    import json

    from kehoach.models import PlanDocument

    text = json.dumps(PlanDocument.model_json_schema(), ensure_ascii=False, indent=2)
    _write_stdout((text + "\n").encode("utf-8"))


@cli.command(short_help="Convert folders and files of plan documents, in parallel.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "-o", "--output-dir", "outdir", type=click.Path(file_okay=False, path_type=str), default=None,
    help="Write one JSON record per document here, mirroring the input tree (a/b/x.txt -> OUTDIR/a/b/x.json).",
)
@click.option(
    "--combined", type=click.Path(dir_okay=False, path_type=str), default=None, metavar="FILE",
    help="Also write everything into FILE: .jsonl (one document per line), .csv (one row per task),"
         " .xlsx (a workbook) or .ics (a calendar of the dated tasks).",
)
@click.option(
    "--errors", "errors_file", type=click.Path(dir_okay=False, path_type=str), default=None, metavar="FILE",
    help="Write the failures as a JSON list of {path, error} to FILE.",
)
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files matching GLOB in the folders (repeatable; default: the formats kehoach reads, *.txt).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--skip-unchanged", is_flag=True,
              help="Do not parse again a document whose record in OUTDIR has the same source sha256.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first document that fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line (failures are still reported).")
@click.option(
    "--bom/--no-bom", default=True, show_default=True,
    help="Start a combined CSV with a UTF-8 byte order mark, for Excel.",
)
def batch(paths: tuple[str, ...], outdir: str | None, combined: str | None, errors_file: str | None,
          include: tuple[str, ...], exclude: tuple[str, ...], jobs: int | None, skip_unchanged: bool,
          fail_fast: bool, quiet: bool, bom: bool) -> None:
    """Convert many plan documents: PATHS are files and folders (walked recursively).

    Each document becomes one JSON record in OUTDIR (-o), and/or a line or rows of one combined
    file (--combined). A file that cannot be read is reported with its reason and the batch goes
    on; the summary line says how many were converted and failed. Exit status 0 when every
    document was converted, 1 when any failed, 130 when interrupted (Ctrl-C).

    \b
    Examples:
        kehoach batch inbox/ -o out/
        kehoach batch inbox/ --combined tasks.csv --errors failed.json
        kehoach batch inbox/ -o out/ --skip-unchanged --jobs 4
    """
    from kehoach import batch as batch_mod

    if outdir is None and combined is None:
        raise click.UsageError("give -o OUTDIR and/or --combined FILE (.jsonl, .csv, .xlsx or .ics)")
    if skip_unchanged and outdir is None:
        raise click.UsageError("--skip-unchanged needs -o OUTDIR (the records it compares with)")
    if combined is not None and Path(combined).suffix.lower() not in batch_mod.COMBINED_FORMATS:
        raise click.BadParameter("the file name must end in .jsonl, .csv, .xlsx or .ics", param_hint="--combined")

    skip = [p for p in (outdir, combined, errors_file) if p is not None]
    inputs = batch_mod.find_inputs(paths, include=include or batch_mod.INPUT_PATTERNS, exclude=exclude, skip=skip)
    job = batch_mod.Batch(outdir=outdir, combined=combined, errors=errors_file, jobs=jobs,
                          skip_unchanged=skip_unchanged, fail_fast=fail_fast, bom=bom)
    show_bar = not quiet and _stderr_is_terminal() and len(inputs) > 0
    stream = job.run(inputs)
    interrupted = False
    try:
        with _progress(len(inputs), show_bar) as bar:
            started = time.monotonic()
            for done, result in enumerate(stream, start=1):
                if result["error"] is not None:
                    _report(f"failed: {result['path']}: {result['error']}", show_bar)
                rate = done / max(time.monotonic() - started, 1e-6)
                bar.update(1, f"{rate:,.0f} docs/s")
    except KeyboardInterrupt:
        interrupted = True
    finally:
        stream.close()
    summary = job.summary
    if not quiet:
        line = summary.line()
        if combined is not None and not summary.combined_written:
            line += f"; {combined} was not written"
        click.echo(line, err=True)
    if interrupted:
        sys.exit(130)
    if summary.failures:
        sys.exit(1)


class _NoBar:
    """The progress bar's stand-in when stderr is not a terminal (or --quiet): silent."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int, current_item: object = None) -> None:
        return None


def _progress(total: int, show: bool):
    """A progress bar on stderr (never stdout): files done / total, rate, ETA."""
    if not show:
        return _NoBar()
    return click.progressbar(length=total, label="Converting", file=sys.stderr, show_eta=True, show_pos=True,
                             item_show_func=lambda item: item)


def _report(line: str, over_bar: bool) -> None:
    """One line on stderr; over a progress bar, clear the bar's line first (it redraws itself)."""
    click.echo(("\r\x1b[K" if over_bar else "") + line, err=True)


_DATE = click.DateTime(formats=["%Y-%m-%d"])
_COLOR_HELP = "Colour the output (default: only on a terminal, and never when NO_COLOR is set)."


@cli.command(short_help="Summarise one plan document for a person to read.")
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@click.option("--today", type=_DATE, default=None, metavar="YYYY-MM-DD",
              help="Mark the tasks due before this day as overdue (default: today).")
@click.option("--color/--no-color", "color", default=None, help=_COLOR_HELP)
def show(file: str, today, color: bool | None) -> None:
    """Print a short summary of FILE: number, issuer, date and title; its sections; its tasks
    by due date (id, short title, lead, due date), those due before --today marked overdue;
    and its warnings.

    \b
    Examples:
        kehoach show samples/ke_hoach_ubnd_tinh_phan_cong.txt
        kehoach show plan.txt --today 2024-06-01 | less
    """
    from kehoach.writers import views

    doc = _parse_one(file)
    text = views.show_text(doc, today=_today(today), width=_width(), color=_use_color(color))
    _write_stdout(text.encode("utf-8"))


@cli.command(short_help="List and filter the tasks of documents: by due date, by unit.")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("--due-before", type=_DATE, default=None, metavar="YYYY-MM-DD",
              help="Only tasks whose deadline ends before this day.")
@click.option("--due-after", type=_DATE, default=None, metavar="YYYY-MM-DD",
              help="Only tasks whose deadline ends after this day.")
@click.option("--unit", "units", multiple=True, metavar="TEXT",
              help="Only tasks with a lead or coordinating unit containing TEXT (repeatable; case, "
                   "tone placement and, typed without them, diacritics do not matter).")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "jsonl", "csv", "xlsx", "ics")),
              default="table", show_default=True,
              help="table: by due date, for reading; json: a list of the records, each with its matching "
                   "tasks; jsonl, csv, xlsx, ics: as for parse.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=str), default=None,
              help="Write to this file (atomically) instead of stdout; - is stdout.")
@click.option("--today", type=_DATE, default=None, metavar="YYYY-MM-DD",
              help="In the table, mark the tasks due before this day as overdue (default: today).")
@click.option("--bom/--no-bom", default=True, show_default=True, help="Start CSV output with a UTF-8 byte order mark.")
@click.option("--color/--no-color", "color", default=None, help=_COLOR_HELP)
def tasks(files: tuple[str, ...], due_before, due_after, units: tuple[str, ...], fmt: str, output: str | None,
          today, bom: bool, color: bool | None) -> None:
    """Print the tasks of FILES that pass the filters, sorted by due date, or write the documents
    with only those tasks in another format.

    \b
    Examples:
        kehoach tasks inbox/*.txt --due-before 2024-07-01 --unit "Sở Tài chính"
        kehoach tasks plan.txt --unit "so noi vu" --format csv -o noi_vu.csv
        kehoach tasks inbox/*.txt --due-after 2024-06-30 --format ics -o q3.ics
    """
    from kehoach.writers import views

    matcher = views.unit_matcher(units) if units else None
    docs = [views.filter_document(_parse_one(f), due_before=due_before and due_before.date(),
                                  due_after=due_after and due_after.date(), unit=matcher) for f in files]
    if output == "-":
        output = None
    if fmt == "table":
        rows = views.sort_rows(views.task_rows(docs))
        to_terminal = output is None and _stdout_is_terminal()
        text = views.table_text(rows, today=_today(today), width=_width() if to_terminal else views.DEFAULT_WIDTH,
                                color=_use_color(color) if output is None else bool(color),
                                with_document=len(docs) > 1)
        data = text.encode("utf-8")
    else:
        _refuse_binary_to_terminal(fmt, output)
        kept = [d for d in docs if d.tasks]
        data = views.records_bytes(kept, fmt, bom=bom, pretty=output is None and _stdout_is_terminal())
    if output is not None:
        from kehoach.writers import jsoncsv as writers

        writers.atomic_write(output, data)
    else:
        _write_stdout(data)


def _parse_one(file: str):
    """parse_file(file), or the document on stdin for "-"."""
    from kehoach import pipeline

    if file == "-":
        return pipeline.parse_bytes(_read_stdin(), path=None)
    return pipeline.parse_file(file)


def _today(value):
    """The --today option's day (a datetime from click), else today's date."""
    import datetime as dt

    return value.date() if value is not None else dt.date.today()


def _use_color(flag: bool | None) -> bool:
    """--color/--no-color when given; else colour only on a terminal and when NO_COLOR is unset or empty."""
    import os

    if flag is not None:
        return flag
    return _stdout_is_terminal() and not os.environ.get("NO_COLOR")


def _width() -> int:
    """The terminal's width, or the table's default width when stdout is not a terminal."""
    import shutil

    from kehoach.writers.views import DEFAULT_WIDTH

    if not _stdout_is_terminal():
        return DEFAULT_WIDTH
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _refuse_binary_to_terminal(fmt: str, output: str | None) -> None:
    """An .xlsx workbook is binary: write it to a file (-o) or a pipe, never onto a terminal."""
    if fmt == "xlsx" and output is None and _stdout_is_terminal():
        raise KehoachError("refusing to write an Excel workbook to the terminal: give -o FILE.xlsx "
                           "or redirect stdout to a file")


def _render(doc, fmt: str, *, pretty: bool, bom: bool) -> bytes:
    """The bytes of one record in the chosen format."""
    from kehoach.writers import jsoncsv as writers

    if fmt in ("xlsx", "ics"):
        from kehoach.writers.views import records_bytes

        return records_bytes([doc], fmt)
    if fmt == "csv":
        return writers.csv_bytes([doc], bom=bom)
    if fmt == "jsonl":
        return "".join(writers.jsonl_lines([doc])).encode("utf-8")
    return (writers.json_text(doc, pretty=pretty) + "\n").encode("utf-8")


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _read_stdin() -> bytes:
    """All of stdin as bytes; the reader decides the encoding."""
    stream = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return stream.read().encode("utf-8")  # a text-only replacement (embedding code)


def _write_stdout(data: bytes) -> None:
    """Write bytes to stdout whatever its text encoding; a closed pipe (| head) is not an error."""
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only replacement (embedding code)
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
            return
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(1)
