"""The terminal side of the command line: its streams, width, colour and the batch progress bar.

The commands in ``kehoach.cli`` call these through the module (``terminal.width()``), so a test can
stand in for a terminal by patching one function here.
"""
from __future__ import annotations

import sys

import click

__all__ = ["progress", "read_stdin", "report", "stderr_is_terminal", "stdout_is_terminal", "use_color", "width",
           "write_stdout"]


class _NoBar:
    """The progress bar's stand-in when stderr is not a terminal (or --quiet): silent."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int, current_item: object = None) -> None:
        return None


def progress(total: int, show: bool):
    """A progress bar on stderr (never stdout): files done / total, rate, ETA."""
    if not show:
        return _NoBar()
    return click.progressbar(length=total, label="Converting", file=sys.stderr, show_eta=True, show_pos=True,
                             item_show_func=lambda item: item)


def report(line: str, over_bar: bool) -> None:
    """One line on stderr; over a progress bar, clear the bar's line first (it redraws itself)."""
    click.echo(("\r\x1b[K" if over_bar else "") + line, err=True)


def use_color(flag: bool | None) -> bool:
    """--color/--no-color when given; else colour only on a terminal and when NO_COLOR is unset or empty."""
    import os

    if flag is not None:
        return flag
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


def width() -> int:
    """The terminal's width, or the table's default width when stdout is not a terminal."""
    import shutil

    from kehoach.writers.views import DEFAULT_WIDTH

    if not stdout_is_terminal():
        return DEFAULT_WIDTH
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def read_stdin() -> bytes:
    """All of stdin as bytes; the reader decides the encoding."""
    stream = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return stream.read().encode("utf-8")  # a text-only replacement (embedding code)


def write_stdout(data: bytes) -> None:
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
