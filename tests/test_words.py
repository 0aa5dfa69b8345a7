"""The cheap looks the task finder takes before its patterns: they never hide what a pattern would find."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kehoach.lines.memo import parse_scope
from kehoach.tasks import listed, names, unit_words
from kehoach.tasks.finder import _one_spaced
from kehoach.tasks.listed import LazyMask, name_mask, name_spans, protected_spans
from kehoach.tasks.unit_lists import ASSIGN_PREFIX_FIRST, ASSIGN_PREFIX_RE, leading_body
from kehoach.tasks.words import WORD_RE, fold, is_head_word, may_open_body

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

# Where a clause may start inside a line: its start, and after a comma, a semicolon or a colon.
CLAUSE_START_RE = re.compile(r"^|(?<=[,;:])\s*")


def _texts() -> list[str]:
    """Every line of our own documents and fixture tables, and of ../shared/corpus when it is there."""
    paths = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((FIXTURES / "documents").glob("*.txt")),
             *sorted(FIXTURES.glob("*.tsv")), *sorted(SHARED_CORPUS.glob("*.txt"))]
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("phrase", [*unit_words.BODY_HEADS, *unit_words.PERSON_HEADS, *unit_words.BARE_NOUNS,
                                    *unit_words.SUBJECT_NOUNS, "các sở", "những cơ quan", "toàn thể các đơn vị",
                                    "tất cả các cơ quan", "mọi tổ chức", "một số đơn vị", "tổ chức quốc tế"])
def test_every_head_phrase_passes_the_word_look(phrase: str) -> None:
    assert is_head_word(WORD_RE.match(phrase).group())


def test_the_word_look_never_hides_a_head(texts: list[str]) -> None:
    """Where the first word starts no head phrase, no head pattern matches there either."""
    head_patterns = (names.BODY_HEAD_RE, names.PERSON_HEAD_RE, names.PLURAL_GROUP_RE, names.ORGANISATION_RE,
                     names.BARE_NOUN_RE, names.SUBJECT_NOUN_RE, names.LOWERCASE_HEAD_RE)
    hidden = []
    for text in texts:
        folded = fold(text)
        for start in {m.end() for m in CLAUSE_START_RE.finditer(folded)}:
            word = WORD_RE.match(text, start)
            if word is None or not is_head_word(word.group()):
                hidden += [(p.pattern[:30], text[start:start + 40]) for p in head_patterns if p.match(folded, start)]
    assert hidden == []


def test_the_first_letter_look_never_hides_an_assigning_prefix(texts: list[str]) -> None:
    hidden = [text[:40] for text in texts
              if ASSIGN_PREFIX_RE.match(fold(text[:40])) and text[:1].lower() not in ASSIGN_PREFIX_FIRST]
    assert hidden == []
    assert any(ASSIGN_PREFIX_RE.match(fold(text[:40])) for text in texts)  # the look is put to the test


def test_the_sentence_look_never_hides_a_leading_body(texts: list[str]) -> None:
    """Where a clause's first word can open no body, no body is read at its start either."""
    clauses = [part.strip() for text in texts for part in re.split(r"[;.]\s", text)]
    hidden = [clause[:60] for clause in clauses if not may_open_body(clause) and leading_body(clause) is not None]
    assert hidden == []
    assert sum(map(may_open_body, clauses)) < len(clauses) / 2  # the look turns most clauses away
    assert any(leading_body(clause) for clause in clauses)  # and lets the bodies through


def test_a_lazy_mask_reads_as_the_whole_one(texts: list[str]) -> None:
    """Asked forwards, backwards or anywhere, the lazy mask answers as the mask of all names would."""
    differ = []
    for text in texts:
        folded = fold(text)
        whole = name_mask(folded, protected_spans(folded))
        for order in (range(len(folded)), range(len(folded) - 1, -1, -1), range(0, len(folded), 7)):
            lazy = LazyMask(folded)
            if any(lazy[i] != whole[i] for i in order):
                differ.append(text[:60])
    assert differ == []
    assert any(any(name_mask(fold(t), protected_spans(fold(t)))) for t in texts[:200])  # some names are masked


def test_the_names_a_mask_shares_with_a_prefix_are_the_prefix_s_own(texts: list[str], monkeypatch) -> None:
    """Cut after any of the first words (or inside one), the names a sentence's mask hands over are those read
    from the prefix alone; a cut inside a word or a name hands over nothing, and the prefix is read."""
    real_spans, reads = listed._spans, []

    def counted(folded: str, first_only: bool = False) -> Iterator[listed.Span]:
        reads.append(folded)
        return real_spans(folded, first_only)

    monkeypatch.setattr(listed, "_spans", counted)
    cuts = [(fold(text), word.end() - back) for text in texts[::3]
            for word in list(WORD_RE.finditer(fold(text)))[:12] for back in (0, 1)]
    cuts.append((fold("Bộ Kế hoạch và Đầu tưchủ trì"), len("Bộ Kế hoạch và Đầu tư")))  # a name, then a run-on word
    differ, shared, read = [], 0, 0
    for folded, cut in cuts:
        prefix = folded[:cut]
        with parse_scope():
            LazyMask(folded).share(prefix)
            reads.clear()
            if name_spans(prefix) != tuple(real_spans(prefix)):
                differ.append((folded[:60], cut))
            shared, read = (shared, read + 1) if reads else (shared + 1, read)
    assert differ == []
    assert shared and read  # both ways are put to the test


@pytest.mark.parametrize("text", ["  Sở Y tế  ", "Sở\tY tế", "Sở Y\u00a0tế", "Sở Y\u2003tế", "Sở\x1cY tế", "Sở Y tế\n"])
def test_the_single_space_look_joins_as_split_and_join(text: str) -> None:
    assert _one_spaced(text) == " ".join(text.split()) == "Sở Y tế"


def test_the_single_space_look_never_changes_a_line(texts: list[str]) -> None:
    assert [t for t in texts if _one_spaced(t) != " ".join(t.split())] == []
