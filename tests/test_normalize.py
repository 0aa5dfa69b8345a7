"""normalize_text, fold_key, strip_diacritics: cases in fixtures/normalize.tsv, plus properties."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.reading.normalize import fold_key, normalize_line_breaks, normalize_text, strip_diacritics

CASES_FILE = Path(__file__).parent / "fixtures" / "normalize.tsv"
FUNCTIONS = {"normalize_text": normalize_text, "fold_key": fold_key, "strip_diacritics": strip_diacritics}


def _cases() -> list:
    """Rows of ``function ⇥ input ⇥ expected``, the strings JSON-encoded; id = file:line."""
    cases = []
    for no, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, given_json, expected_json = line.split("\t")
        text, expected = json.loads(given_json), json.loads(expected_json)
        cases.append(pytest.param(name, text, expected, id=f"normalize.tsv:{no}"))
    return cases


@pytest.mark.parametrize(("name", "text", "expected"), _cases())
def test_case(name: str, text: str, expected: str) -> None:
    assert FUNCTIONS[name](text) == expected


def _original_breaks(text: str) -> int:
    """Line breaks of the original: CRLF, lone CR, LF each count once."""
    return len(re.findall(r"\r\n|\r|\n", text))


# Characters the clean-up treats specially, mixed with ordinary Vietnamese text.
_SPECIAL = "\r\n\f\v\t\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u202f\u2007\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e"
_LETTERS = "ÐðaeouyoAĐđạế \u0301\u0323\u0302"
_TEXT = st.text(alphabet=st.sampled_from(_SPECIAL + _LETTERS))


@given(_TEXT)
def test_line_count_is_kept(text: str) -> None:
    out = normalize_text(text)
    assert out.count("\n") == _original_breaks(text)
    assert out.split("\n") == (out + "\n").splitlines()  # no other kind of line break is left


@given(_TEXT | st.text())
def test_idempotent_and_nfc(text: str) -> None:
    out = normalize_text(text)
    assert normalize_text(out) == out
    assert unicodedata.is_normalized("NFC", out)
    assert not set(out) & set("\r\f\v\u00a0\u200b\u00ad\ufeffÐð")


@given(_TEXT | st.text())
def test_line_breaks_only_touch_breaks(text: str) -> None:
    out = normalize_line_breaks(text)
    assert out.count("\n") == _original_breaks(text)
    assert set(out) - set(text) <= {"\n", " "}


@given(_TEXT | st.text())
def test_fold_key_is_stable(text: str) -> None:
    key = fold_key(text)
    assert fold_key(key) == key
    assert unicodedata.is_normalized("NFC", key)
    assert key == key.strip() and "  " not in key


def test_old_and_new_spellings_fold_together() -> None:
    pairs = [("hoà", "hòa"), ("Hoá", "hóa"), ("thoả", "thỏa"), ("khoẻ", "khỏe"), ("Uỷ", "ủy"),
             ("thuỷ", "thủy"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("Khánh Hoà", "khánh hòa")]
    for old, new in pairs:
        assert fold_key(old) == fold_key(new), old


def test_fold_key_leaves_normalize_text_output_alone() -> None:
    text = "Ủy ban nhân dân tỉnh Khánh Hoà"
    fold_key(text)
    assert normalize_text(text) == text  # folding is for keys only; the text keeps "Hoà"
