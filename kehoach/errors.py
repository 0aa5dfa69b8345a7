"""Domain errors. The library raises these; the CLI turns them into one line on stderr."""
from __future__ import annotations


class KehoachError(Exception):
    """Base class of every error kehoach raises on purpose."""


class InputError(KehoachError):
    """The input cannot be read as a document: missing, a directory, binary, empty, undecodable."""
