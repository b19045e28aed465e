"""Many proposals at once: folders, -j, progress, a summary, and the worst exit code."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import BASE_SAMPLE, ROOT, SAMPLES, replace_once, run_tiip, sample_text
from tiip_writer.cli import batch
from tiip_writer.cli.progress import Progress


def _folder(tmp_path: Path, *extra: tuple[str, str]) -> Path:
    """Return a folder with two good samples and the given (name, text) files."""
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in SAMPLES[:2]:
        shutil.copy(sample, folder / sample.name)
    for name, text in extra:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _is_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return "word/document.xml" in archive.namelist()


def test_build_a_folder_in_two_processes_with_progress_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "out" / "new"
    process = subprocess.run([sys.executable, "-m", "tiip_writer", "build", "samples/", "-j", "2",
                              "-o", str(out)], capture_output=True, text=True, cwd=ROOT,
                             check=False)
    assert process.returncode == 0, process.stderr
    # every sample below samples/, the revision pair in samples/revision/ too, folders kept
    every = sorted((ROOT / "samples").rglob("*.yaml"))
    built = sorted(str(p.relative_to(out)) for p in out.rglob("*.docx"))
    assert built == sorted(str(p.relative_to(ROOT / "samples").with_suffix(".docx"))
                           for p in every)
    assert "revision/v2.docx" in built
    assert all(_is_docx(out / name) for name in built)
    lines = process.stderr.splitlines()
    assert [line.split("]")[0] for line in lines if line.startswith("[")] == \
        [f"[{n}/{len(every)}" for n in range(1, len(every) + 1)]
    assert lines[-1] == f"共 {len(every)} 份計畫書：已產生 {len(every)} 份（其中草稿 0 份）、失敗 0 份。"
    assert "Traceback" not in process.stderr


def _rule_error() -> str:
    """A schema-valid proposal with one rule error (a 40-month plan): buildable as a draft."""
    return replace_once(sample_text(), "  months: 24", "  months: 40")


def test_one_bad_proposal_never_stops_the_others(tmp_path: Path) -> None:
    errors = _rule_error()
    folder = _folder(tmp_path, ("errors.yaml", errors), ("sub/broken.yml", "a: [1, 2\n"))
    (folder / "notes.txt").write_text("not a proposal", encoding="utf-8")
    (folder / "big5.yaml").write_bytes("計畫".encode("cp950"))
    result = run_tiip("build", str(folder), "-o", str(tmp_path / "out"), "-j", "2", "--lang", "en")
    assert result.exit_code == 2  # an unreadable file is the worst result
    built = sorted(p.relative_to(tmp_path / "out").as_posix()
                   for p in (tmp_path / "out").rglob("*.docx"))
    assert built == sorted(p.with_suffix(".docx").name for p in SAMPLES[:2])
    summary = result.stderr[result.stderr.index("5 proposal(s)"):].splitlines()
    assert summary[0] == "5 proposal(s): 2 built (0 draft), 3 failed."
    assert summary[1].startswith(f"  ✗ {folder / 'big5.yaml'}: the file is not UTF-8")
    assert summary[2].startswith(f"  ✗ {folder / 'errors.yaml'}: 1 error(s) found; no Word file")
    assert summary[3].startswith(f"  ✗ {folder / 'sub' / 'broken.yml'}: the proposal's structure")


def test_findings_alone_exit_1_and_drafts_are_counted(tmp_path: Path) -> None:
    errors = _rule_error()
    folder = _folder(tmp_path, ("errors.yaml", errors))
    refused = run_tiip("build", str(folder), "-o", str(tmp_path / "a"))
    assert refused.exit_code == 1
    assert "共 3 份計畫書：已產生 2 份（其中草稿 0 份）、失敗 1 份。" in refused.stderr
    drafted = run_tiip("build", str(folder), "-o", str(tmp_path / "b"), "--draft")
    assert drafted.exit_code == 0
    assert "共 3 份計畫書：已產生 3 份（其中草稿 1 份）、失敗 0 份。" in drafted.stderr


def test_outputs_mirror_subfolders_and_never_collide(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ("a/x.yaml", sample_text()), ("b/x.yaml", sample_text()))
    result = run_tiip("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert (tmp_path / "out" / "a" / "x.docx").is_file()
    assert (tmp_path / "out" / "b" / "x.docx").is_file()
    same_name = run_tiip("build", str(folder / "a" / "x.yaml"), str(folder / "b" / "x.yaml"),
                         "-o", str(tmp_path / "flat"))
    assert same_name.exit_code == 2
    assert (tmp_path / "flat" / "x.docx").is_file()
    assert f"與 {folder / 'a' / 'x.yaml'} 輸出到同一個檔案" in same_name.stderr


def test_several_files_without_o_build_next_to_each(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(sample_text(), encoding="utf-8")
    two.write_text(sample_text(), encoding="utf-8")
    result = run_tiip("build", str(one), str(two))
    assert result.exit_code == 0
    assert _is_docx(tmp_path / "one.docx") and _is_docx(tmp_path / "two.docx")


def test_markdown_goes_to_its_own_folder_and_one_file_may_name_a_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run_tiip("build", str(folder), "-o", str(tmp_path / "out"),
                      "--markdown", str(tmp_path / "md"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == \
        sorted(p.with_suffix(".md").name for p in SAMPLES[:2])
    single = run_tiip("build", str(folder / SAMPLES[0].name), "-o", str(tmp_path / "out"))
    assert single.exit_code == 0
    assert f"已產生 {tmp_path / 'out' / SAMPLES[0].with_suffix('.docx').name}" in single.stderr


def test_batch_output_must_be_a_folder_and_a_folder_needs_proposals(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    a_file = tmp_path / "taken.docx"
    a_file.write_bytes(b"")
    result = run_tiip("build", str(folder), "-o", str(a_file))
    assert result.exit_code == 2 and "-o 必須是資料夾" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    for verb in ("build", "check"):
        result = run_tiip(verb, str(empty), "--lang", "en")
        assert result.exit_code == 2 and "no .yaml or .yml files in" in result.stderr


def test_check_a_folder_in_parallel_reads_like_one_process(tmp_path: Path) -> None:
    errors = replace_once(sample_text(), "employees: 286", "employees: 很多")
    folder = _folder(tmp_path, ("errors.yaml", errors), (".hidden/skip.yaml", "x: 1\n"))
    serial = run_tiip("check", str(folder))
    parallel = run_tiip("check", str(folder), "-j", "2")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    assert serial.stdout.startswith(f"{folder / 'errors.yaml'}:")
    assert "已檢核 3 個檔案：1 個錯誤、0 個警告、0 個建議。" in parallel.stderr
    assert "skip.yaml" not in parallel.stderr + parallel.stdout


def test_json_of_a_folder_keeps_stdout_pure(tmp_path: Path) -> None:
    import json

    result = run_tiip("check", str(_folder(tmp_path)), "--format", "json", "-j", "2")
    report = json.loads(result.stdout)
    assert [Path(f["file"]).name for f in report["files"]] == [p.name for p in SAMPLES[:2]]


def test_progress_on_a_terminal_redraws_one_line_and_prints_above_it() -> None:
    stream = io.StringIO()
    progress = Progress(2, stream=stream, terminal=True)
    progress.start()
    progress.step("a.yaml", err=("已產生 a.docx",))
    progress.step("b.yaml")
    progress.finish()
    text = stream.getvalue()
    assert text.startswith("\r[" + "░" * 24 + "] 0/2")
    assert "\r\x1b[K已產生 a.docx\n\r[" + "█" * 12 + "░" * 12 + "] 1/2 a.yaml" in text
    assert text.endswith("\r\x1b[K")  # the bar is gone before the summary
    plain = io.StringIO()
    progress = Progress(2, stream=plain, terminal=False)
    progress.step("a.yaml", err=("done",))
    assert plain.getvalue() == "[1/2] a.yaml\ndone\n"


def _ok(name: str, lang: str) -> batch.JobResult:
    return batch.JobResult(0, out=(name,))


def _raises(name: str, lang: str) -> batch.JobResult:
    if name == "bad":
        raise RuntimeError("boom")
    return _ok(name, lang)


def _dies(name: str, lang: str) -> batch.JobResult:
    if name == "bad":
        os._exit(9)  # the worker process ends abruptly
    return _ok(name, lang)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_job_that_raises_fails_alone(jobs: int) -> None:
    results = list(batch.run(_raises, [("a", "en"), ("bad", "en"), ("c", "en")], jobs))
    assert [r.exit_code for r in results] == [0, 3, 0]
    assert results[1].reason.startswith("tiip internal error: RuntimeError: boom (a problem in")


def test_a_worker_that_dies_takes_only_its_own_file_down() -> None:
    results = list(batch.run(_dies, [("a", "zh"), ("bad", "zh"), ("c", "zh"), ("d", "zh")], 2))
    assert [r.exit_code for r in results] == [0, 3, 0, 0]
    assert results[1].reason == "處理這個檔案的程序意外結束"
    assert [r.out for r in results if r.exit_code == 0] == [("a",), ("c",), ("d",)]


def test_a_check_that_fails_inside_tiip_is_reported_and_the_rest_checked(
        tmp_path: Path, monkeypatch) -> None:
    import json

    from tiip_writer.cli import check as check_module

    real = check_module.check_file

    def flaky(path: Path, display: str | None = None, **options):
        if path.name == SAMPLES[0].name:
            raise RuntimeError("boom")
        return real(path, display=display, **options)

    monkeypatch.setattr(check_module, "check_file", flaky)
    folder = _folder(tmp_path)
    result = run_tiip("check", str(folder), "--lang", "en")
    assert result.exit_code == 3
    assert "tiip internal error: RuntimeError: boom" in result.stderr
    assert "1 file(s) checked: 0 error(s), 0 warning(s), 0 info; 1 file(s) could not be read." in result.stderr
    report = json.loads(run_tiip("check", str(folder), "--format", "json").stdout)
    assert [f["readable"] for f in report["files"]] == [False, True]
    assert report["exit_code"] == 3


def test_expand_sorts_folders_and_keeps_each_file_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ("z/last.yml", "x: 1\n"))
    inputs = batch.expand([folder, folder / SAMPLES[0].name, tmp_path / "missing.yaml"])
    assert [i.relative.as_posix() for i in inputs] == \
        [*(p.name for p in SAMPLES[:2]), "z/last.yml", "missing.yaml"]
    assert BASE_SAMPLE.exists()
