"""Answers remembered for one parse only."""
from __future__ import annotations

from kehoach.lines.memo import parse_scope, per_parse, remember

calls: list[str] = []


@per_parse
def shout(text: str) -> str:
    calls.append(text)
    return text.upper()


def test_a_repeated_call_inside_a_parse_is_answered_from_the_memo() -> None:
    calls.clear()
    with parse_scope():
        assert shout("sở y tế") == shout("sở y tế") == "SỞ Y TẾ"
        assert shout("ban") == "BAN"
    assert calls == ["sở y tế", "ban"]


def test_nothing_is_kept_between_parses_or_outside_them() -> None:
    calls.clear()
    with parse_scope():
        shout("a")
    with parse_scope():
        shout("a")
    shout("a")
    shout("a")
    assert calls == ["a"] * 4


def test_scopes_nest_and_restore() -> None:
    calls.clear()
    with parse_scope():
        shout("x")
        with parse_scope():
            shout("x")
        shout("x")
    assert calls == ["x", "x"]


def test_an_answer_remembered_ahead_is_given_inside_the_parse_only() -> None:
    calls.clear()
    with parse_scope():
        remember(shout, "sở y tế", "SỞ Y TẾ (found on the way)")
        assert shout("sở y tế") == "SỞ Y TẾ (found on the way)"
    remember(shout, "ban", "nothing kept")
    assert shout("ban") == "BAN"
    assert calls == ["ban"]
