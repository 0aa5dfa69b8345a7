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
from kehoach.writers import terminal

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
         "xlsx: an Excel workbook; ics: a calendar of the deadlines.",
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
    """Parse one plan document FILE (text, Word, PDF or web page; - for stdin) and print its record.

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

        doc = parse_bytes(terminal.read_stdin(), path=None)
    else:
        from kehoach.pipeline import parse_file

        doc = parse_file(file)

    if output == "-":
        output = None
    if pretty is None:
        pretty = output is None and terminal.stdout_is_terminal()
    _refuse_binary_to_terminal(fmt, output)
    data = _render(doc, fmt, pretty=pretty, bom=bom)

    if show_warnings:
        for w in doc.warnings:
            where = f"line {w.line}: " if w.line else ""
            click.echo(f"warning: {where}{w.code}: {w.message}", err=True)

    if output is not None:
        writers.atomic_write(output, data)
    else:
        terminal.write_stdout(data)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the record that parse outputs.

    The schema is generated from the pydantic model PlanDocument.

    \b
    Example:
        kehoach schema > plan-document.schema.json
    """
    import json

    from kehoach.models import plan_document_schema

    text = json.dumps(plan_document_schema(), ensure_ascii=False, indent=2)
    terminal.write_stdout((text + "\n").encode("utf-8"))


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
              help="Only files matching GLOB in the folders (repeatable; default: every format kehoach reads,"
                   " *.txt *.docx *.doc *.pdf *.html *.htm).")
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
    patterns = include or batch_mod.INPUT_PATTERNS
    inputs = batch_mod.find_inputs(
        paths, include=patterns, exclude=exclude, skip=skip,
        on_duplicate=lambda path, first: terminal.report(f"skipped: {path} is the same file as {first}", False))
    if not inputs:
        raise KehoachError(f"no input files found (looked for {', '.join(patterns)})")
    job = batch_mod.Batch(outdir=outdir, combined=combined, errors=errors_file, jobs=jobs,
                          skip_unchanged=skip_unchanged, fail_fast=fail_fast, bom=bom)
    show_bar = not quiet and terminal.stderr_is_terminal() and len(inputs) > 0
    stream = job.run(inputs)
    interrupted = False
    try:
        with terminal.progress(len(inputs), show_bar) as bar:
            started = time.monotonic()
            for done, result in enumerate(stream, start=1):
                if result["error"] is not None:
                    terminal.report(f"failed: {batch_mod.failure_text(result)}", show_bar)
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


class _Date(click.ParamType):
    """A day written YYYY-MM-DD: '2024-06-01' -> date(2024, 6, 1)."""

    name = "date"

    def convert(self, value, param, ctx):
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"expected YYYY-MM-DD, got {value!r}", param, ctx)


_DATE = _Date()
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
    text = views.show_text(doc, today=_today(today), width=terminal.width(), color=terminal.use_color(color))
    terminal.write_stdout(text.encode("utf-8"))


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
    docs = [views.filter_document(_parse_one(f), due_before=due_before, due_after=due_after,
                                  unit=matcher) for f in files]
    if output == "-":
        output = None
    if fmt == "table":
        rows = views.sort_rows(views.task_rows(docs, unit=matcher))
        to_terminal = output is None and terminal.stdout_is_terminal()
        text = views.table_text(rows, today=_today(today),
                                width=terminal.width() if to_terminal else views.DEFAULT_WIDTH,
                                color=terminal.use_color(color) if output is None else bool(color),
                                with_document=len(docs) > 1)
        data = text.encode("utf-8")
    else:
        _refuse_binary_to_terminal(fmt, output)
        kept = [d for d in docs if d.tasks]
        data = views.records_bytes(kept, fmt, bom=bom, pretty=output is None and terminal.stdout_is_terminal())
    if output is not None:
        from kehoach.writers import jsoncsv as writers

        writers.atomic_write(output, data)
    else:
        terminal.write_stdout(data)


def _parse_one(file: str):
    """parse_file(file), or the document on stdin for "-"."""
    from kehoach import pipeline

    if file == "-":
        return pipeline.parse_bytes(terminal.read_stdin(), path=None)
    return pipeline.parse_file(file)


def _today(value):
    """The --today option's day, else today's date."""
    import datetime as dt

    return value if value is not None else dt.date.today()


def _refuse_binary_to_terminal(fmt: str, output: str | None) -> None:
    """An .xlsx workbook is binary: write it to a file (-o) or a pipe, never onto a terminal."""
    if fmt == "xlsx" and output is None and terminal.stdout_is_terminal():
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
