"""kehoach: Vietnamese plan documents (Kế hoạch, Chương trình hành động, Quyết định) as structured data.

    >>> import kehoach
    >>> doc = kehoach.parse_text("KẾ HOẠCH\\nthực hiện ...")
    >>> doc.kind
    'ke_hoach'

The names below are imported on first use (PEP 562), so ``import kehoach`` alone, the command
line's ``--help`` and ``schema`` compile no parser pattern.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from kehoach.errors import InputError, KehoachError

if TYPE_CHECKING:
    from kehoach.deadlines.parse import parse_deadline
    from kehoach.models import Deadline, Item, PlanDocument, Reference, Section, Signature, Source, Task
    from kehoach.pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

# The module each public name of the package lives in, imported when the name is first asked for
_LAZY = {
    "parse_deadline": "kehoach.deadlines.parse",
    **dict.fromkeys(("Deadline", "Item", "PlanDocument", "Reference", "Section", "Signature", "Source", "Task"),
                    "kehoach.models"),
    **dict.fromkeys(("parse_bytes", "parse_file", "parse_text"), "kehoach.pipeline"),
}

__all__ = [
    "Deadline", "InputError", "Item", "KehoachError", "PlanDocument", "Reference", "Section",
    "Signature", "Source", "Task", "__version__", "parse_bytes", "parse_deadline", "parse_file",
    "parse_text",
]


def __getattr__(name: str):
    """A public name's value, its module imported now: kehoach.parse_text -> kehoach.pipeline.parse_text."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
