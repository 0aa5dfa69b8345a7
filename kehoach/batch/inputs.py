"""Which files a batch reads and where their outputs go: find_inputs(), output_path(), combined_format()."""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kehoach.errors import KehoachError

__all__ = ["COMBINED_FORMATS", "INPUT_PATTERNS", "Input", "combined_format", "find_inputs", "output_path"]

#: The files a folder walk picks up by default: the formats the parser reads. One list, matched
#: case-insensitively against file names; the format readers add "*.docx", "*.pdf", "*.html", "*.htm".
INPUT_PATTERNS: tuple[str, ...] = ("*.txt", "*.docx", "*.doc", "*.pdf", "*.html", "*.htm")

#: The extension of each per-document record in OUTDIR ("a/b/x.txt" -> "OUTDIR/a/b/x.json").
OUTPUT_SUFFIX = ".json"

#: --combined FILE: the format follows the file's extension.
COMBINED_FORMATS: Mapping[str, str] = {".jsonl": "jsonl", ".csv": "csv", ".xlsx": "xlsx", ".ics": "ics"}


@dataclass(frozen=True)
class Input:
    """One document to convert: ``path`` as handed to parse_file, ``rel`` its place in OUTDIR.

    ``rel`` is the path relative to the folder it was found in ("a/b/x.txt"), or the file's name
    for a file named by itself. ``error`` set means it fails without being parsed.
    """

    path: str
    rel: str
    error: str | None = None


def find_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = INPUT_PATTERNS,
    exclude: Sequence[str] = (),
    skip: Iterable[str | os.PathLike[str]] = (),
    on_duplicate: Callable[[str, str], None] | None = None,
) -> list[Input]:
    """The documents under ``paths``, in a deterministic order: find_inputs(["inbox"]) -> [Input(...), ...].

    A folder is walked recursively and its files sorted by relative path; a file matches when one
    ``include`` glob and no ``exclude`` glob matches it (case-insensitively; a glob with "/" is
    matched against the path relative to the folder, else against the file name; an excluded
    folder is not entered). Symbolic links to folders are not followed. A file named by itself is
    always taken. ``skip`` lists folders and files never to read (the outputs). A file reached
    twice (a second path, a link to it) is listed once, and ``on_duplicate(path, first_path)`` is
    told of the other paths; a path that does not exist is listed with an error.
    """
    skipped = {os.path.realpath(p) for p in skip}
    seen: dict[str, str] = {}  # real path -> the path it was first listed under
    out: list[Input] = []
    for given in paths:
        given = os.fspath(given)
        if os.path.isdir(given):
            found = _walk(given, include, exclude, skipped)
        elif os.path.lexists(given):
            found = [Input(given, os.path.basename(given))]
        else:
            found = [Input(given, os.path.basename(given) or given, error=f"no such file or folder: {given}")]
        for item in found:
            key = os.path.realpath(item.path)
            if key in skipped:
                continue
            if key in seen:
                if on_duplicate is not None and item.path != seen[key]:
                    on_duplicate(item.path, seen[key])
                continue
            seen[key] = item.path
            out.append(item)
    return out


def _walk(root: str, include: Sequence[str], exclude: Sequence[str], skipped: set[str]) -> list[Input]:
    """The matching files under one folder, sorted by relative path."""
    rels: list[str] = []
    failed: list[Input] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or root
        failed.append(Input(where, os.path.relpath(where, root), error=f"cannot list folder {where}: "
                            f"{exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        rel_folder = os.path.relpath(folder, root)
        prefix = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        dirs[:] = [d for d in dirs if not _matches(prefix + d, d, exclude)
                   and os.path.realpath(os.path.join(folder, d)) not in skipped]
        rels.extend(prefix + name for name in files
                    if _matches(prefix + name, name, include) and not _matches(prefix + name, name, exclude))
    rels.sort(key=lambda rel: rel.split("/"))
    return [Input(os.path.join(root, *rel.split("/")), rel) for rel in rels] + failed


def _matches(rel: str, name: str, patterns: Sequence[str]) -> bool:
    """Whether a glob matches: against the relative path when it has a "/", else the name."""
    for pattern in patterns:
        subject = rel if "/" in pattern else name
        if fnmatch.fnmatchcase(subject.casefold(), pattern.casefold()):
            return True
    return False


def output_path(outdir: str | os.PathLike[str], rel: str) -> Path:
    """Where a document's record goes: output_path("out", "a/b/x.txt") -> Path("out/a/b/x.json").

    Raises KehoachError when the path would leave OUTDIR: an absolute or ".." relative path, or a
    folder inside OUTDIR that is a symbolic link to somewhere outside it.
    """
    return OutputMap(outdir).target(rel)


class OutputMap:
    """output_path() for many documents, resolving each output folder once."""

    def __init__(self, outdir: str | os.PathLike[str]) -> None:
        self.outdir = Path(outdir)
        self.root = self.outdir.resolve()
        self._inside: dict[Path, Path | None] = {}  # output folder -> where it leads, None when inside

    def target(self, rel: str) -> Path:
        parts = PurePosixPath(rel.replace("\\", "/")).parts
        if (not parts or os.path.isabs(rel) or PurePosixPath(rel).is_absolute() or ".." in parts
                or parts[-1] == "."):
            raise KehoachError(f"refusing to write outside {str(self.outdir)!r}: {rel!r}")
        name = PurePosixPath(parts[-1])
        target = self.outdir.joinpath(*parts[:-1], (name.stem if name.suffix else name.name) + OUTPUT_SUFFIX)
        folder = target.parent
        if folder not in self._inside:
            resolved = folder.resolve()
            self._inside[folder] = None if resolved.is_relative_to(self.root) else resolved
        if (leads_to := self._inside[folder]) is not None:
            raise KehoachError(f"refusing to write outside {str(self.outdir)!r}: {str(target)!r} leads to "
                               f"{str(leads_to)!r}")
        return target


def combined_format(path: str | os.PathLike[str]) -> str:
    """The combined file's format from its extension: "all.jsonl" -> "jsonl", "tasks.CSV" -> "csv"."""
    suffix = Path(path).suffix.lower()
    if suffix not in COMBINED_FORMATS:
        raise KehoachError(f"cannot tell the format of {os.fspath(path)!r}: the combined file's name must end in "
                           + " or ".join(COMBINED_FORMATS))
    return COMBINED_FORMATS[suffix]
