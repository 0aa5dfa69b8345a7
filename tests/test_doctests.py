"""The examples in module docstrings run (those marked +SKIP need files or workers)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kehoach

MODULES = sorted(m.name for m in pkgutil.walk_packages(kehoach.__path__, "kehoach.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
