"""The cold path as users run it: a command imports only what it needs, and its quick exit
(no interpreter teardown) loses nothing: atexit handlers, the whole output, the exit code,
and the work of a thread still running."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "topdown-joint-two-companies.yaml"

# Runs `tiip` as its console script does, and prints from an atexit handler which modules the
# command imported (the handler running at all is part of what is tested).
PROBE = ("import atexit, sys, json\n"
         "atexit.register(lambda: sys.stdout.write(' END-OF-OUTPUT'))\n"  # no newline, no flush
         "atexit.register(lambda: print('MODULES ' + json.dumps(sorted(sys.modules)),"
         " file=sys.stderr, flush=True))\n"
         "from tiip_writer.cli.main import main\n"
         "sys.argv = ['tiip', *sys.argv[1:]]\n"
         "main()\n")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    # Buffered as a pipe normally is, so that what the exit does not flush would be lost.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          timeout=120, check=False, env=env, cwd=ROOT)


def _modules(done: subprocess.CompletedProcess[str]) -> set[str]:
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def test_check_imports_no_renderer_and_none_of_the_build_libraries() -> None:
    done = _run("check", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    modules = _modules(done)
    assert "tiip_writer.checking.pipeline" in modules  # the probe sees the command's modules
    unwanted = {"tiip_writer.render", "tiip_writer.layout", "jinja2", "docx", "markdown_it",
                "jsonschema", "subprocess", "opencc"}
    assert modules.isdisjoint(unwanted), sorted(modules & unwanted)


def test_a_build_without_page_numbers_loads_nothing_that_runs_libreoffice(tmp_path: Path) -> None:
    target = tmp_path / "計畫書.docx"
    done = _run("build", str(SAMPLE), "-o", str(target), "--no-page-numbers")
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 10_000
    modules = _modules(done)
    assert "tiip_writer.render" in modules
    assert "tiip_writer.layout.office" not in modules and "subprocess" not in modules


def test_the_quick_exit_keeps_the_exit_code_and_every_byte_of_a_large_output(
        tmp_path: Path) -> None:
    """The budget as JSON is far more than a pipe holds (64 KB): all of it arrives."""
    budget = _run("budget", str(SAMPLE), "--format", "json")
    assert budget.returncode == 0, budget.stderr
    assert len(budget.stdout.encode()) > 65_536
    report, end = budget.stdout.rsplit(" ", 1)
    assert json.loads(report)  # whole: a cut-off document does not parse
    assert end == "END-OF-OUTPUT"  # and what an atexit handler writes last is flushed too
    wrong = tmp_path / "計畫書.yaml"
    wrong.write_text(SAMPLE.read_text(encoding="utf-8").replace("  year: 105", "  year: 99", 1),
                     encoding="utf-8")
    findings = _run("check", str(wrong), "--format", "json")
    assert findings.returncode == 1
    report = json.loads(findings.stdout.removesuffix(" END-OF-OUTPUT"))
    assert report["summary"]["error"] >= 1 and report["exit_code"] == 1
    missing = _run("check", str(tmp_path / "沒有這個檔.yaml"))
    assert missing.returncode == 2 and "找不到" in missing.stderr
    assert _run("check", "--no-such-option").returncode == 2


def test_a_command_ending_while_another_thread_works_waits_for_it(tmp_path: Path) -> None:
    """The quick exit is only taken when the command's own thread is the last one."""
    done_file = tmp_path / "thread-finished"
    code = ("import threading, time, sys\n"
            "from tiip_writer.cli.main import _exit\n"
            "def work():\n"
            "    time.sleep(0.3)\n"
            f"    open({str(done_file)!r}, 'w').write('done')\n"
            "threading.Thread(target=work).start()\n"
            "_exit(4)\n")
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, check=False)
    assert finished.returncode == 4, finished.stderr
    assert done_file.read_text() == "done"


def test_an_exit_with_a_message_prints_it_and_exits_1() -> None:
    code = "from tiip_writer.cli.main import _exit\n_exit('回報的訊息')\n"
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, check=False,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert (finished.returncode, finished.stderr.strip()) == (1, "回報的訊息")


def test_rule_modules_are_found_as_pkgutil_would_find_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listed with os.scandir to spare every check pkgutil's import; the same modules, and
    a stray file that is no module name (an editor's or macOS's `._x.py`) is not one."""
    import pkgutil

    from tiip_writer import rules

    assert rules._module_names() == sorted(i.name for i in pkgutil.iter_modules(rules.__path__))
    assert len(rules.all_rules()) >= 66
    for name in ("writing_new.py", "._writing_new.py", "notes.v2.py", "__init__.py", "data.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.setattr(rules, "__path__", [str(tmp_path)])
    assert rules._module_names() == ["writing_new"]
