"""The tiip command as a user meets it: exit codes, several files, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT, SAMPLES, replace_once, run_tiip, sample_text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_checks_clean(sample):
    result = run_tiip("check", str(sample))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "沒有發現問題" in result.stderr


def test_several_files_report_each_and_exit_with_the_worst(write_variant, tmp_path):
    bad = write_variant(replace_once(sample_text(), "employees: 286", "employees: 很多"))
    missing = tmp_path / "missing.yaml"
    result = run_tiip("check", str(SAMPLES[0]), str(bad), str(missing))
    assert result.exit_code == 2
    assert "schema.type" in result.stdout
    assert f"{missing}  error  io  找不到檔案。" in result.stderr


def test_findings_exit_1_and_summary_counts(write_variant):
    bad = write_variant(replace_once(sample_text(), "employees: 286", "employees: 很多"))
    result = run_tiip("check", str(bad))
    assert result.exit_code == 1
    assert "已檢核 1 個檔案：1 個錯誤、0 個警告、0 個建議。" in result.stderr


def test_usage_error_exits_2():
    result = run_tiip("check")
    assert result.exit_code == 2


def test_real_process_never_prints_a_traceback(tmp_path):
    path = tmp_path / "weird.yaml"
    path.write_bytes(b"- just\n- a list\n")
    process = subprocess.run([sys.executable, "-m", "tiip_writer", "check", str(path)],
                             capture_output=True, text=True, cwd=ROOT, check=False)
    assert process.returncode == 1
    assert "yaml.not-mapping" in process.stdout
    assert "Traceback" not in process.stderr


def test_python_dash_m_and_version():
    process = subprocess.run([sys.executable, "-m", "tiip_writer", "--version"],
                             capture_output=True, text=True, cwd=ROOT, check=False)
    assert process.returncode == 0
    assert process.stdout.startswith("tiip, version ")
