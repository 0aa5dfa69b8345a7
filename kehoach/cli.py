"""The `kehoach` command line: a thin layer over kehoach's library functions and writers.

Commands only parse arguments, call the library and hand the result to a writer. Every
KehoachError the library raises is turned into one "Error: ..." line on stderr (exit 1) in
one place, _Group.invoke; click's own usage errors exit 2.
"""
from __future__ import annotations

import sys

import click

from . import __version__
from .errors import KehoachError

FORMATS = ("json", "jsonl", "csv")


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
    help="json: one object; jsonl: one object on one line; csv: one row per task.",
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
    from . import writers

    if file == "-":
        from .pipeline import parse_bytes

        doc = parse_bytes(_read_stdin(), path=None)
    else:
        from .pipeline import parse_file

        doc = parse_file(file)

    if output == "-":
        output = None
    if pretty is None:
        pretty = output is None and _stdout_is_terminal()
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

    from .models import PlanDocument

    text = json.dumps(PlanDocument.model_json_schema(), ensure_ascii=False, indent=2)
    _write_stdout((text + "\n").encode("utf-8"))


def _render(doc, fmt: str, *, pretty: bool, bom: bool) -> bytes:
    """The bytes of one record in the chosen format."""
    from . import writers

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
