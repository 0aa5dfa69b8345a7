"""`kehoach batch` and kehoach.batch: discovery, outputs, parallel workers, failures, Ctrl-C, re-runs."""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import kehoach
from kehoach import batch
from kehoach.batch import outputs, pool
from kehoach.cli import cli
from kehoach.writers.jsoncsv import CSV_COLUMNS, UTF8_BOM

PLAN = """ỦY BAN NHÂN DÂN TỈNH {province}
Số: {number}/KH-UBND
{province_title}, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Triển khai {topic} năm 2024

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân và doanh nghiệp.

II. NHIỆM VỤ
1. Rà soát, đơn giản hóa thủ tục hành chính về {topic}
- Đơn vị chủ trì: Sở Nội vụ
- Đơn vị phối hợp: Sở Tài chính, Văn phòng Ủy ban nhân dân tỉnh
- Thời gian thực hiện: Quý II/2024
2. Xây dựng kho dữ liệu dùng chung
- Đơn vị chủ trì: Sở Thông tin và Truyền thông
- Thời gian thực hiện: trước ngày 30/9/2024

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

TOPICS = ["chuyển đổi số", "cải cách hành chính", "phòng, chống thiên tai", "phát triển du lịch",
          "bảo vệ môi trường", "xây dựng nông thôn mới"]


def plan(n: int) -> str:
    province = ("AN GIANG", "An Giang") if n % 2 else ("HÀ TĨNH", "Hà Tĩnh")
    return PLAN.format(province=province[0], province_title=province[1], number=10 + n,
                       topic=TOPICS[n % len(TOPICS)])


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """inbox/{z.txt, a/y.txt, a/b/x.txt, a/b/w.txt, notes.md}: four plans and a file to ignore."""
    root = tmp_path / "inbox"
    write(root / "z.txt", plan(1))
    write(root / "a" / "y.txt", plan(2))
    write(root / "a" / "b" / "x.txt", plan(3))
    write(root / "a" / "b" / "w.txt", plan(4))
    write(root / "notes.md", "# not a plan\n")
    return root


@pytest.fixture
def broken(inbox: Path) -> Path:
    """The inbox plus a binary, an empty and an undecodable file."""
    write(inbox / "a" / "binary.txt", b"\x00\x01\x02\x03PK\x00\x00" * 20)
    write(inbox / "a" / "b" / "empty.txt", b"")
    write(inbox / "undecodable.txt", "Kế hoạch triển khai ".encode("utf-8") * 20 + b"\xc3\x28 h\xe1\x80")
    return inbox


def run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def tmp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


GOOD = ["a/b/w.txt", "a/b/x.txt", "a/y.txt", "z.txt"]  # the sorted order of the inbox's plans


# --- discovery ------------------------------------------------------------------------------

def test_find_inputs_walks_sorted_with_default_patterns(inbox: Path) -> None:
    write(inbox / "a" / "UPPER.TXT", plan(5))
    found = batch.find_inputs([inbox])
    # code point order, the same on every machine and locale
    assert [i.rel for i in found] == ["a/UPPER.TXT", "a/b/w.txt", "a/b/x.txt", "a/y.txt", "z.txt"]
    assert all(i.error is None for i in found)
    assert found[1].path == os.path.join(str(inbox), "a", "b", "w.txt")


def test_default_patterns_are_the_formats_read() -> None:
    assert batch.INPUT_PATTERNS == ("*.txt", "*.docx", "*.doc", "*.pdf", "*.html", "*.htm")


def test_include_exclude(inbox: Path) -> None:
    assert [i.rel for i in batch.find_inputs([inbox], include=["*.md"])] == ["notes.md"]
    assert [i.rel for i in batch.find_inputs([inbox], exclude=["b"])] == ["a/y.txt", "z.txt"]  # a folder
    assert [i.rel for i in batch.find_inputs([inbox], exclude=["a/b/*"])] == ["a/y.txt", "z.txt"]
    assert [i.rel for i in batch.find_inputs([inbox], exclude=["x.*", "Z.TXT"])] == ["a/b/w.txt", "a/y.txt"]
    assert [i.rel for i in batch.find_inputs([inbox], include=["a/*"])] == ["a/b/w.txt", "a/b/x.txt", "a/y.txt"]


def test_files_given_by_themselves_are_taken_and_listed_once(inbox: Path) -> None:
    found = batch.find_inputs([inbox / "notes.md", inbox / "z.txt", inbox])
    assert [i.rel for i in found] == ["notes.md", "z.txt", "a/b/w.txt", "a/b/x.txt", "a/y.txt"]


def test_cli_include_exclude(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", inbox, "-o", out, "--exclude", "b", "--include", "*.txt", "--include", "*.md")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["a/y.json", "notes.json", "z.json"]


# --- outputs --------------------------------------------------------------------------------

def test_mirror_tree_records_equal_parse_output(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", inbox, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/b/w.json", "a/b/x.json", "a/y.json", "z.json"]
    for rel in GOOD:
        source = inbox / rel
        parsed = run("parse", os.path.join(str(inbox), *rel.split("/")))
        assert (out / rel).with_suffix(".json").read_text(encoding="utf-8") == parsed.stdout
        assert json.loads(parsed.stdout)["source"]["path"] == str(source)
    assert result.stderr.strip().splitlines()[-1].startswith("converted 4 of 4 documents: ")
    assert ", 0 failed, " in result.stderr
    assert not tmp_files(tmp_path)
    assert sorted(p.name for p in inbox.rglob("*")) == sorted(["z.txt", "a", "y.txt", "b", "x.txt", "w.txt",
                                                               "notes.md"])  # inputs untouched


def test_combined_jsonl_in_input_order(inbox: Path, tmp_path: Path) -> None:
    combined = tmp_path / "all.jsonl"
    result = run("batch", inbox, "--combined", combined)
    assert result.exit_code == 0, result.stderr
    lines = combined.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [os.path.join(str(inbox), *r.split("/")) for r in GOOD]
    for record in records:
        kehoach.PlanDocument.model_validate(record)
    tasks = sum(len(r["tasks"]) for r in records)
    assert tasks >= 4
    assert f": {tasks} tasks, " in result.stderr


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_combined_csv(inbox: Path, tmp_path: Path, bom: bool) -> None:
    combined = tmp_path / "tasks.csv"
    result = run("batch", inbox, "--combined", combined, "--bom" if bom else "--no-bom")
    assert result.exit_code == 0, result.stderr
    data = combined.read_bytes()
    assert data.startswith(UTF8_BOM) == bom
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    documents = [row[0] for row in rows[1:]]
    expected = [os.path.join(str(inbox), *r.split("/")) for r in GOOD]
    assert sorted(set(documents), key=documents.index) == expected  # every document, in input order
    per_doc = [len(kehoach.parse_file(p).tasks) for p in expected]
    assert len(rows) - 1 == sum(per_doc)
    assert any(row[CSV_COLUMNS.index("lead_units")] == "Sở Nội vụ" for row in rows[1:])


def test_combined_and_outdir_together(inbox: Path, tmp_path: Path) -> None:
    result = run("batch", inbox, "-o", tmp_path / "out", "--combined", tmp_path / "all.jsonl")
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [line + "\n" for line in lines] == [
        (tmp_path / "out" / r).with_suffix(".json").read_text(encoding="utf-8") for r in GOOD
    ]


def test_deterministic_order_and_same_bytes_at_any_jobs(inbox: Path, tmp_path: Path) -> None:
    for n in range(5, 25):  # enough documents for several chunks
        write(inbox / "more" / f"k{n:02d}.txt", plan(n))
    outputs = []
    for jobs in ("1", "2", "3"):
        combined = tmp_path / f"all-{jobs}.jsonl"
        result = run("batch", inbox, "--combined", combined, "--jobs", jobs)
        assert result.exit_code == 0, result.stderr
        outputs.append(combined.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    paths = [json.loads(line)["source"]["path"] for line in outputs[0].decode("utf-8").splitlines()]
    rels = [Path(p).relative_to(inbox).as_posix() for p in paths]
    assert rels == sorted(rels, key=lambda r: r.split("/"))
    assert len(rels) == 24


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs(broken: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out"
    result = run("batch", broken, "-o", out, "--jobs", jobs, "--errors", tmp_path / "errors.json")
    assert result.exit_code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        r.replace(".txt", ".json") for r in GOOD]
    assert len(json.loads((tmp_path / "errors.json").read_text(encoding="utf-8"))) == 3


# --- failures -------------------------------------------------------------------------------

def test_broken_files_reported_others_written(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", broken, "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 3
    for name in ("binary.txt", "empty.txt", "undecodable.txt"):
        line = next(f for f in failed if name in f)
        assert line.count(str(next(broken.rglob(name)))) == 1  # the path named once, not twice
    assert "binary" in next(f for f in failed if "binary.txt" in f)
    assert "empty" in next(f for f in failed if "empty.txt" in f)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        r.replace(".txt", ".json") for r in GOOD]
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("converted 4 of 7 documents: ") and ", 3 failed, " in summary


def test_errors_file(broken: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.json"
    result = run("batch", broken, "--combined", tmp_path / "all.jsonl", "--errors", errors)
    assert result.exit_code == 1
    listed = json.loads(errors.read_text(encoding="utf-8"))
    assert [Path(e["path"]).name for e in listed] == ["empty.txt", "binary.txt", "undecodable.txt"]  # input order
    assert all(set(e) == {"path", "error"} and e["error"] and "\n" not in e["error"] for e in listed)
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 4  # the rest, all written


def test_errors_file_empty_list_when_all_converted(inbox: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.json"
    assert run("batch", inbox, "-o", tmp_path / "out", "--errors", errors).exit_code == 0
    assert json.loads(errors.read_text(encoding="utf-8")) == []


def test_fail_fast(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    write(root / "1.txt", plan(1))
    write(root / "2.txt", b"")
    write(root / "3.txt", plan(3))
    out = tmp_path / "out"
    combined = tmp_path / "all.jsonl"
    result = run("batch", root, "-o", out, "--combined", combined, "--fail-fast", "--jobs", "1")
    assert result.exit_code == 1
    assert (out / "1.json").exists() and not (out / "3.json").exists()
    assert not combined.exists() and not tmp_files(tmp_path)
    assert "stopped at the first failure" in result.stderr
    assert result.stderr.count("failed: ") == 1


def test_missing_path_is_a_failure_not_a_stop(inbox: Path, tmp_path: Path) -> None:
    result = run("batch", tmp_path / "nowhere.txt", inbox, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"failed: no such file or folder: {tmp_path / 'nowhere.txt'}" in result.stderr
    assert len(list((tmp_path / "out").rglob("*.json"))) == 4


def test_internal_error_is_isolated(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = kehoach.pipeline.parse_file

    def flaky(path):
        if str(path).endswith("x.txt"):
            raise ValueError("boom\nsecond line")
        return real(path)

    monkeypatch.setattr(kehoach.pipeline, "parse_file", flaky)
    results = list(batch.convert(batch.find_inputs([inbox]), jobs=1))
    assert [r["error"] for r in results] == [None, "internal error: ValueError: boom second line", None, None]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to patch workers")
def test_a_dying_worker_fails_only_its_file(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5, 13):
        write(inbox / "more" / f"k{n:02d}.txt", plan(n))
    real = kehoach.pipeline.parse_file

    def deadly(path):
        if str(path).endswith("k07.txt"):
            os._exit(3)  # a crash no exception handler sees
        return real(path)

    monkeypatch.setattr(kehoach.pipeline, "parse_file", deadly)  # inherited by forked workers
    results = list(batch.convert(batch.find_inputs([inbox]), jobs=2, mp_context="fork"))
    assert len(results) == 12
    failed = [Path(r["path"]).name for r in results if r["error"]]
    assert failed == ["k07.txt"]
    assert "worker process died" in next(r["error"] for r in results if r["error"])


def test_usage_errors(inbox: Path, tmp_path: Path) -> None:
    assert run("batch", inbox).exit_code == 2  # no output asked for
    bad = run("batch", inbox, "--combined", tmp_path / "all.txt")
    assert bad.exit_code == 2 and ".jsonl, .csv, .xlsx or .ics" in bad.stderr
    assert run("batch", inbox, "--combined", tmp_path / "a.jsonl", "--skip-unchanged").exit_code == 2
    assert run("batch", inbox, "-o", tmp_path / "o", "--jobs", "0").exit_code == 2
    assert run("batch", "-o", tmp_path / "o").exit_code == 2  # no PATH
    assert not (tmp_path / "all.txt").exists()


def test_outdir_that_is_a_file(inbox: Path, tmp_path: Path) -> None:
    write(tmp_path / "file", "x")
    result = run("batch", inbox, "-o", tmp_path / "file" / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot create the output folder")


def test_unwritable_combined_or_errors_file_stops_before_any_work(inbox: Path, tmp_path: Path) -> None:
    for option in ("--combined", "--errors"):
        name = "all.jsonl" if option == "--combined" else "errors.json"
        result = run("batch", inbox, "-o", tmp_path / "out", option, tmp_path / "no" / name)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: cannot write") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.json"))


# --- staying inside OUTDIR, never touching inputs --------------------------------------------

def test_output_path() -> None:
    assert batch.output_path("out", "a/b/x.txt") == Path("out", "a", "b", "x.json")
    assert batch.output_path("out", "README") == Path("out", "README.json")
    for rel in ("../x.txt", "a/../../x.txt", "/etc/x.txt", "", "."):
        with pytest.raises(kehoach.KehoachError, match="refusing to write outside"):
            batch.output_path("out", rel)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_in_outdir_cannot_lead_outside(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    try:
        (out / "a").symlink_to(elsewhere, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symbolic links here")
    result = run("batch", inbox, "-o", out)
    assert result.exit_code == 1
    refused = [line for line in result.stderr.splitlines() if "refusing to write outside" in line]
    assert len(refused) == 3  # a/y.txt, a/b/w.txt, a/b/x.txt
    assert list(elsewhere.iterdir()) == []
    assert (out / "z.json").exists()


def test_clashing_outputs_are_refused(tmp_path: Path) -> None:
    one, two = write(tmp_path / "one" / "x.txt", plan(1)), write(tmp_path / "two" / "x.txt", plan(2))
    result = run("batch", one.parent, two.parent, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"failed: {two}: " in result.stderr and "already the output of" in result.stderr
    record = json.loads((tmp_path / "out" / "x.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == str(one)


def test_outdir_inside_the_inputs_is_not_read(inbox: Path) -> None:
    out = inbox / "out"
    for _ in range(2):
        result = run("batch", inbox, "-o", out, "--include", "*")
        assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/b/w.json", "a/b/x.json", "a/y.json", "notes.json", "z.json"]


# --- skip unchanged -------------------------------------------------------------------------

def test_skip_unchanged_parses_only_new_and_changed(inbox: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run("batch", inbox, "-o", out).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}

    parsed: list[str] = []
    real = kehoach.pipeline.parse_file

    def counting(path):
        parsed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(kehoach.pipeline, "parse_file", counting)
    combined = tmp_path / "all.jsonl"
    again = run("batch", inbox, "-o", out, "--skip-unchanged", "--jobs", "1", "--combined", combined)
    assert again.exit_code == 0, again.stderr
    assert parsed == []
    assert "converted 4 of 4 documents (4 unchanged, not parsed again)" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == before  # not rewritten
    assert len(combined.read_text(encoding="utf-8").splitlines()) == 4  # the combined file has them all

    write(inbox / "a" / "new.txt", plan(7))
    write(inbox / "z.txt", plan(8))  # changed
    third = run("batch", inbox, "-o", out, "--skip-unchanged", "--jobs", "1")
    assert third.exit_code == 0, third.stderr
    assert sorted(parsed) == ["new.txt", "z.txt"]
    assert "(3 unchanged, not parsed again)" in third.stderr
    assert json.loads((out / "z.json").read_text(encoding="utf-8"))["number"] == "18/KH-UBND"


def test_skip_unchanged_reparses_a_damaged_record(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("batch", inbox, "-o", out).exit_code == 0
    write(out / "z.json", "{not json")
    again = run("batch", inbox, "-o", out, "--skip-unchanged", "--jobs", "2")
    assert again.exit_code == 0, again.stderr
    assert "(3 unchanged, not parsed again)" in again.stderr
    assert json.loads((out / "z.json").read_text(encoding="utf-8"))["number"] == "11/KH-UBND"


# --- progress bar, quiet --------------------------------------------------------------------

def test_no_progress_bar_when_stderr_is_not_a_terminal(inbox: Path, tmp_path: Path) -> None:
    result = run("batch", inbox, "-o", tmp_path / "out")
    assert "Converting" not in result.stderr and result.stdout == ""


def test_progress_bar_on_a_terminal_goes_to_stderr(inbox: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import click._termui_impl

    monkeypatch.setattr("kehoach.writers.terminal.stderr_is_terminal", lambda: True)
    monkeypatch.setattr(click._termui_impl, "isatty", lambda stream: True)  # let click draw the bar
    write(inbox / "bad.txt", b"")
    result = run("batch", inbox, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Converting" in result.stderr and "5/5" in result.stderr and "docs/s" in result.stderr
    assert f"failed: empty file: {inbox / 'bad.txt'}" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("converted 4 of 5 documents")


def test_quiet(inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kehoach.writers.terminal.stderr_is_terminal", lambda: True)
    write(inbox / "bad.txt", b"")
    result = run("batch", inbox, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"failed: empty file: {inbox / 'bad.txt'}"]


# --- Ctrl-C ---------------------------------------------------------------------------------

def test_ctrl_c_from_the_result_stream(broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.convert

    def interrupted(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 3:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(outputs, "convert", interrupted)  # the name Batch.run calls
    out, combined, errors = tmp_path / "out", tmp_path / "all.csv", tmp_path / "errors.json"
    write(combined, "an earlier combined file\n")
    result = run("batch", broken, "-o", out, "--combined", combined, "--errors", errors, "--jobs", "2")
    assert result.exit_code == 130
    # input order: a/b/empty.txt (failed), a/b/w.txt, a/b/x.txt, then the interrupt
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["a/b/w.json", "a/b/x.json"]
    assert combined.read_text(encoding="utf-8") == "an earlier combined file\n"  # left as it was
    assert [Path(e["path"]).name for e in json.loads(errors.read_text(encoding="utf-8"))] == ["empty.txt"]
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("interrupted: converted 2 of 7 documents: ") and ", 1 failed, " in summary
    assert f"{combined} was not written" in summary
    assert not tmp_files(tmp_path)


def test_ctrl_c_while_writing_a_record_leaves_no_partial_file(inbox: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import kehoach.writers.jsoncsv

    calls = []
    real_replace = os.replace

    def replace(src, dst):  # Ctrl-C between writing the temporary file and renaming it
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(kehoach.writers.jsoncsv.os, "replace", replace)
    out = tmp_path / "out"
    result = run("batch", inbox, "-o", out, "--jobs", "1")
    assert result.exit_code == 130
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/b/w.json", "a/b/x.json"]
    for path in out.rglob("*.json"):
        kehoach.PlanDocument.model_validate_json(path.read_text(encoding="utf-8"))
    assert not tmp_files(tmp_path)
    assert "interrupted: converted 2 of 4 documents" in result.stderr


# --- the library: worker, streaming, start methods -------------------------------------------

def test_convert_one_returns_plain_data(inbox: Path) -> None:
    path = str(inbox / "z.txt")
    result = batch.convert_one(path, want=("record", "json", "rows"))
    assert result["error"] is None
    assert result["record"] == kehoach.parse_file(path).model_dump(mode="json")
    assert json.loads(result["json"]) == result["record"]
    assert result["tasks"] == len(result["record"]["tasks"]) == len(result["rows"])
    assert result["sha256"] == result["record"]["source"]["sha256"]
    assert pickle.loads(pickle.dumps(result)) == result
    json.dumps(result)  # nothing but JSON types


def test_convert_one_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    result = batch.convert_one(str(write(tmp_path / "x.txt", b"\x00\x01binary")))
    assert result["record"] is None if "record" in result else True
    assert result["error"] and "\n" not in result["error"] and "binary" in result["error"]


@pytest.mark.parametrize("method", [m for m in ("spawn", "forkserver", "fork")
                                    if m in multiprocessing.get_all_start_methods()])
def test_convert_under_each_start_method(broken: Path, method: str) -> None:
    inputs = batch.find_inputs([broken])
    expected = [batch.convert_one(i.path) for i in inputs]
    results = list(batch.convert(inputs, jobs=2, mp_context=method))
    assert results == expected
    assert [r["error"] is None for r in results] == [False, True, True, False, True, False, True]


def test_cli_with_spawn(inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "START_METHOD", "spawn")
    result = run("batch", inbox, "--combined", tmp_path / "all.jsonl", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_results_stream_with_a_bounded_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(200):
        write(tmp_path / "in" / f"p{n:03d}.txt", plan(n) if n % 50 else b"")
    submitted = []
    real_submit = pool._submit

    def counting(executor, work, want):
        submitted.append(len(work))
        return real_submit(executor, work, want)

    monkeypatch.setattr(pool, "_submit", counting)
    stream = batch.convert(batch.find_inputs([tmp_path / "in"]), jobs=2, want=())
    first = next(stream)
    assert first["error"] and first["path"].endswith("p000.txt")
    assert len(submitted) <= 2 * pool.CHUNKS_PER_JOB  # not the whole batch at once
    assert max(submitted) <= pool.MAX_CHUNK
    rest = list(stream)
    assert [Path(r["path"]).name for r in [first, *rest]] == [f"p{n:03d}.txt" for n in range(200)]
    assert [r["error"] is not None for r in [first, *rest]].count(True) == 4
    assert "record" not in first and "json" not in rest[0]


def test_closing_the_stream_stops_the_workers(inbox: Path) -> None:
    for n in range(5, 40):
        write(inbox / "more" / f"k{n:02d}.txt", plan(n))
    stream = batch.convert(batch.find_inputs([inbox]), jobs=2)
    next(stream)
    stream.close()
    assert multiprocessing.active_children() == []


def test_combined_workbook_and_calendar(inbox: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    icalendar = pytest.importorskip("icalendar")
    pytest.importorskip("xlsxwriter")
    book, cal = tmp_path / "all.xlsx", tmp_path / "all.ics"
    assert run("batch", inbox, "--combined", book, "--jobs", "1", "--quiet").exit_code == 0
    assert run("batch", inbox, "--combined", cal, "--jobs", "1", "--quiet").exit_code == 0
    records = [r["record"] for r in batch.convert(batch.find_inputs([inbox]), jobs=1) if r["record"]]
    sheet = openpyxl.load_workbook(book)["Nhiệm vụ"]
    assert sheet.max_row - 1 == sum(len(r["tasks"]) for r in records)
    todos = icalendar.Calendar.from_ical(cal.read_bytes()).walk("VTODO")
    dated = [t for r in records for t in r["tasks"] if t["deadline"] and t["deadline"]["end"]]
    assert len(todos) == len(dated) > 0


def test_a_link_to_a_file_already_listed_is_reported_not_dropped(tmp_path: Path) -> None:
    first = write(tmp_path / "inbox" / "a.txt", plan(1))
    link = tmp_path / "inbox" / "b.txt"
    link.symlink_to(first)
    result = run("batch", tmp_path / "inbox", "--combined", tmp_path / "all.jsonl")
    assert result.exit_code == 0
    assert f"skipped: {link} is the same file as {first}" in result.stderr.splitlines()
    assert "converted 1 of 1 document: " in result.stderr


def test_no_input_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "inbox" / "notes.md", "nothing to read")
    result = run("batch", tmp_path / "inbox", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: no input files found (looked for *.txt, *.docx, *.doc, *.pdf,"
                                     " *.html, *.htm)")


def test_an_unwritable_output_folder_is_one_error_before_starting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("this user can write in a read-only folder (root)")
        for n in range(3):
            write(tmp_path / "inbox" / f"{n}.txt", plan(n))
        result = run("batch", tmp_path / "inbox", "-o", out)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [f"Error: cannot write in the output folder {str(out)!r}:"
                                              " Permission denied"]
    finally:
        out.chmod(0o755)


def test_summary_counts_agree_with_their_nouns() -> None:
    from kehoach.batch import Summary

    assert Summary(total=1, converted=1, tasks=1, warnings=1).line().startswith(
        "converted 1 of 1 document: 1 task, 1 warning, 0 failed")
    assert "2 tasks, 0 warnings" in Summary(total=2, converted=2, tasks=2).line()
