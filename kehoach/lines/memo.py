"""Answers remembered for the length of one parse.

The task finder asks the same questions of the same strings many times over ("does 'Các sở,
ngành' start with a body?"). A function decorated with ``per_parse`` answers a repeated call
from a dict that ``parse_scope`` opens for one document and drops after it: nothing is kept
between documents or shared between threads, and outside a parse the function just computes.
Only functions whose results are immutable (str, bool, tuples) are decorated.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MISSING = object()  # no answer remembered yet (None is an answer)
# Per parse: each memoised function's own table of argument -> answer
_MEMO: ContextVar[dict[Callable[..., Any], dict[Any, Any]] | None] = ContextVar("kehoach_memo", default=None)


@contextmanager
def parse_scope() -> Iterator[None]:
    """Remember per_parse answers until the block ends (one document's parse)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def per_parse(function: F) -> F:
    """Memoise ``function`` of one hashable argument (a line, a name) inside a ``parse_scope``.

    One argument, not ``*args``, and a table per function keyed by the argument itself: the wrapper runs tens
    of thousands of times a document, and building a key tuple cost as much as the lookup itself.
    """

    @functools.wraps(function)
    def wrapper(arg: Any) -> Any:
        memo = _MEMO.get()
        if memo is None:
            return function(arg)
        answers = memo.get(wrapper)
        if answers is None:
            answers = memo[wrapper] = {}
        value = answers.get(arg, _MISSING)  # most questions are new: no KeyError raised and caught for them
        if value is _MISSING:
            value = answers[arg] = function(arg)
        return value

    return wrapper  # type: ignore[return-value]


def remember(function: Callable[..., Any], arg: Any, value: Any) -> None:
    """Give the ``per_parse`` ``function`` its answer to ``arg`` before it is asked, from a caller that
    found it on the way; outside a parse, nothing is kept."""
    memo = _MEMO.get()
    if memo is not None:
        memo.setdefault(function, {}).setdefault(arg, value)
