"""Every Python example in README.md runs as written, in a folder laid out as the examples assume."""
from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK_RE = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def _blocks() -> list:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [pytest.param(m.group(1), id=f"README.md:{text[:m.start()].count(chr(10)) + 2}")
            for m in BLOCK_RE.finditer(text)]


def test_the_readme_has_python_examples() -> None:
    assert len(_blocks()) >= 3


@pytest.mark.parametrize("code", _blocks())
def test_readme_example_runs(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "dask" in code and importlib.util.find_spec("dask") is None:
        pytest.skip("the Dask recipe needs dask[bag] distributed and a cluster")
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "samples", inbox / "plans")
    (inbox / "old").mkdir()
    (inbox / "old" / "draft.txt").write_text("KẾ HOẠCH\nbản nháp\n", encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")  # a failure the examples must get through
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})  # noqa: S102
