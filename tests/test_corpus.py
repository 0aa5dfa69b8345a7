"""The real documents of ../shared/corpus, when it is there (a fresh clone alone skips these).

They are the measure of truth, not fixtures: every one must parse, and the five seed documents
must keep the score the foundation issue asks for.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import kehoach
from conftest import SHARED

CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
DOCUMENTS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
SEED_MIN_HEADLINE = 0.95

needs_corpus = pytest.mark.skipif(not DOCUMENTS, reason="../shared/corpus is not present")


@needs_corpus
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_corpus_document_parses(path):
    doc = kehoach.parse_file(path)
    assert doc.source.sha256
    assert all(task.line >= 1 for task in doc.tasks)
    assert len({task.id for task in doc.tasks}) == len(doc.tasks)


@needs_corpus
@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not present")
def test_seed_documents_score(tmp_path):
    seeds = tmp_path / "corpus"
    (seeds / "gold").mkdir(parents=True)
    for gold in sorted((CORPUS / "gold").glob("00[0-4]_*.json")):
        (seeds / "gold" / gold.name).write_bytes(gold.read_bytes())
        name = json.loads(gold.read_text(encoding="utf-8"))["file"]
        (seeds / name).write_bytes((CORPUS / name).read_bytes())
    cmd = f"{sys.executable} -m kehoach parse {{file}} --format json"
    done = subprocess.run([sys.executable, str(SCORER), "--corpus", str(seeds), "--cmd", cmd, "--json"],
                          capture_output=True, text=True, check=True)
    headline = json.loads(done.stdout)["overall"]["headline"]
    assert headline >= SEED_MIN_HEADLINE
