"""The wrapping of a block of lines: how long a line must be to have been cut, and the column a hard-wrapped block
is cut at (``join_paragraphs`` asks when a rule needs it)."""
from __future__ import annotations

from dataclasses import dataclass

# A wrapped line is at least this long, and at least this share of the longest line of its block.
WRAP_MIN_CHARS = 40
WRAP_SHARE = 0.6
# Hard wrapping cuts lines at a fixed column no wider than this; a line that long (share of the column)
# is full, one this short is a paragraph's first line cut short by its indent.
WRAP_MAX_COLUMNS = 130
WRAP_FULL = 0.75
WRAP_INDENT = 0.5
# A run of at least this many lines each one blank line from the next is spaced out (Word's paragraph-per-line
# export writes so): there a blank line after a full hard-wrapped line is spacing, not a paragraph's end.
SPACED_MIN_LINES = 10


@dataclass
class Width:
    """The wrapping of a block of lines: ``soft`` is how long a line must be to have been cut;
    ``hard`` is the column a hard-wrapped block is cut at (0 when it is not hard-wrapped)."""

    soft: int
    hard: int = 0


class Widths:
    """For each line, the wrapping of its block (the lines between blank lines), worked out the first time
    a line of the block asks: most lines are joined or not without it.

    A block wrapped at 80 columns has its lines near 80; in a block of one paragraph per line, a
    short heading before a long paragraph is no wrapped line.
    """

    def __init__(self, lines: list[str], furniture: set[int]) -> None:
        self.lines = lines
        self.furniture = furniture  # the indexes of page furniture lines
        self.known: dict[int, Width] = {}  # line index -> its block's width
        self.runs: dict[int, Width | None] = {}  # line index -> its spaced run's width, None outside one

    def at(self, i: int) -> Width:
        """The wrapping of the block of line index ``i`` (a non-blank line)."""
        if (width := self.known.get(i)) is not None:
            return width
        lines = self.lines
        start, end = i, i + 1
        while start > 0 and lines[start - 1]:
            start -= 1
        while end < len(lines) and lines[end]:
            end += 1
        block = [len(t) for t in lines[start:end]]
        longest = max(block)
        width = Width(max(WRAP_MIN_CHARS, int(longest * WRAP_SHARE)), longest if _hard_wrapped(block) else 0)
        self.known.update(dict.fromkeys(range(start, end), width))
        return width

    def spaced(self, i: int) -> Width | None:
        """The wrapping of the spaced run of line index ``i`` (lines one blank line apart), None when
        the line is in no such run."""
        if i in self.runs:
            return self.runs[i]
        run = [i]
        for step in (-1, 1):
            k = i
            while (k := self._spaced_step(k, step)) is not None:
                run.append(k)
        longest = max(len(self.lines[k]) for k in run)  # a column no wider than a page's: lines cut at it
        width = Width(longest, longest) if len(run) >= SPACED_MIN_LINES and longest <= WRAP_MAX_COLUMNS else None
        self.runs.update(dict.fromkeys(run, width))
        return width

    def _spaced_step(self, k: int, step: int) -> int | None:
        """The next line of a spaced run from line index ``k`` (back for step -1): one blank line on, or
        across a page break; None when the run ends."""
        lines, j, blanks, page = self.lines, k + step, 0, False
        while 0 <= j < len(lines) and not lines[j]:
            page, blanks, j = page or j in self.furniture, blanks + 1, j + step
        return j if 0 <= j < len(lines) and (blanks == 1 or page) else None


def _hard_wrapped(block: list[int]) -> bool:
    """A block cut at a fixed width: most of its lines but the last are near its longest line (<= 130)."""
    longest = max(block, default=0)
    if len(block) < 3 or longest > WRAP_MAX_COLUMNS:
        return False
    full = sum(1 for n in block[:-1] if n >= WRAP_FULL * longest)
    return full * 2 >= len(block) - 1
