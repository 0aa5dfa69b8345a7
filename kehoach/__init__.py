"""kehoach: Vietnamese plan documents (Kế hoạch, Chương trình hành động, Quyết định) as structured data.

    >>> import kehoach
    >>> doc = kehoach.parse_text("KẾ HOẠCH\\nthực hiện ...")
    >>> doc.kind
    'ke_hoach'
"""
from __future__ import annotations

from kehoach.deadlines.parse import parse_deadline
from kehoach.errors import InputError, KehoachError
from kehoach.models import Deadline, Item, PlanDocument, Reference, Section, Signature, Source, Task
from kehoach.pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

__all__ = [
    "Deadline", "InputError", "Item", "KehoachError", "PlanDocument", "Reference", "Section",
    "Signature", "Source", "Task", "__version__", "parse_bytes", "parse_deadline", "parse_file",
    "parse_text",
]
