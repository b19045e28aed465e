"""The resident server: a command it runs behaves exactly like one run on its own.

Each test gets its own private runtime folder (so its own server) and stops the server after.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiip_writer.server import address

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"
SCRIPT = Path(sys.executable).parent / "tiip"
TIIP = [str(SCRIPT)] if SCRIPT.is_file() else [
    sys.executable, "-c", "from tiip_writer.launch import main; main()"]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the server needs fork")


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder with the server switched on; the server is stopped after."""
    folder = Path(tempfile.mkdtemp(prefix="tx"))  # short: a socket path has ~100 bytes
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.delenv("TIIP_SERVER", raising=False)
    yield folder / "tiip-writer"
    tiip("server", "stop")
    _kill(_server_pids(folder))  # whatever a failed test left running
    shutil.rmtree(folder, ignore_errors=True)


def tiip(*args: str, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TIIP, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120, check=False)


def served() -> int:
    """Return how many commands the server of this test's runtime folder has taken (-1: none
    running)."""
    done = tiip("server", "status", "--lang", "en")
    assert done.returncode == 0, done.stderr
    status = done.stdout
    if "server running" not in status:
        assert status.startswith("no server is running"), status
        return -1
    return int(status.split(" command(s)")[0].rsplit(" ", 1)[1])


def _server_pids(folder: Path) -> list[int]:
    """Return the pids of server processes (the server and its spare) serving in `folder`."""
    wanted = f"tiip_writer.server.daemon\0{folder}".encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if wanted in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
    return pids


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # it may have just exited
            os.kill(pid, signal.SIGKILL)


def test_a_build_by_the_server_is_the_build_of_a_process_of_its_own(runtime: Path,
                                                                   tmp_path: Path) -> None:
    started = tiip("server", "start")
    assert started.returncode == 0, started.stderr
    before = served()
    by_server = tiip("build", str(SAMPLE), "-o", str(tmp_path / "server.docx"))
    assert served() == before + 2  # the build and the status query before this one
    alone = tiip("build", str(SAMPLE), "-o", str(tmp_path / "alone.docx"),
                 env={"TIIP_SERVER": "off"})
    assert (by_server.returncode, alone.returncode) == (0, 0)
    assert (tmp_path / "server.docx").read_bytes() == (tmp_path / "alone.docx").read_bytes()
    assert by_server.stderr.replace("server.docx", "X") == alone.stderr.replace("alone.docx", "X")


@pytest.mark.parametrize("args, code", [
    (["check", "missing.yaml"], 2),
    (["check", "bad.yaml", "--lang", "en"], 1),
    (["check", "bad.yaml", "--format", "json"], 1),
    (["build", "bad.yaml", "-o", "out.docx"], 1),
    (["budget", str(SAMPLE)], 0),
    (["--version"], 0),
    (["no-such-verb"], 2),
])
def test_output_and_exit_codes_are_those_of_a_process_of_its_own(
        runtime: Path, tmp_path: Path, args: list[str], code: int) -> None:
    (tmp_path / "bad.yaml").write_text("計畫:\n  名稱: [\n", encoding="utf-8")
    assert tiip("server", "start").returncode == 0
    by_server = tiip(*args, cwd=tmp_path)  # relative paths: the caller's folder is used
    alone = tiip(*args, cwd=tmp_path, env={"TIIP_SERVER": "off"})
    assert served() >= 1
    assert (by_server.returncode, by_server.stdout, by_server.stderr) == (
        alone.returncode, alone.stdout, alone.stderr)
    assert by_server.returncode == code


def test_the_command_gets_the_callers_environment_and_umask(runtime: Path,
                                                           tmp_path: Path) -> None:
    assert tiip("server", "start").returncode == 0
    limited = tiip("build", str(SAMPLE), "-o", str(tmp_path / "x.docx"),
                   env={"TIIP_RENDER_MAX_CHARS": "1000"})
    assert limited.returncode == 1
    assert "字元上限" in limited.stderr or "1,000" in limited.stderr
    assert not (tmp_path / "x.docx").exists()
    command = shlex.join([*TIIP, "build", str(SAMPLE), "-o", str(tmp_path / "y.docx")])
    private = subprocess.run(["sh", "-c", f"umask 077 && exec {command}"], capture_output=True,
                             text=True, env=os.environ, check=False, timeout=120)
    assert private.returncode == 0, private.stderr
    assert (tmp_path / "y.docx").stat().st_mode & 0o077 == 0


def test_the_first_command_starts_a_server_for_the_next(runtime: Path, tmp_path: Path) -> None:
    assert served() == -1
    first = tiip("check", str(SAMPLE))  # returns although the server it starts lives on
    assert first.returncode == 0
    assert "背景" not in first.stderr  # the notice is for a terminal, not for scripts
    deadline = time.monotonic() + 60
    while served() < 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert served() >= 0
    assert runtime.stat().st_mode & 0o077 == 0  # the socket's folder is closed to others


def test_commands_at_the_same_time_each_get_their_own_child(runtime: Path,
                                                            tmp_path: Path) -> None:
    assert tiip("server", "start").returncode == 0
    processes = [subprocess.Popen([*TIIP, "build", str(SAMPLE), "-o", str(tmp_path / f"{n}.docx")],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for n in range(4)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0, 0]
    outputs = {(tmp_path / f"{n}.docx").read_bytes() for n in range(4)}
    assert len(outputs) == 1


def test_stop_and_idle_timeout_end_the_server_and_remove_its_socket(runtime: Path) -> None:
    assert tiip("server", "start").returncode == 0
    assert list(runtime.glob("*.sock"))
    stopped = tiip("server", "stop", "--lang", "en")
    assert "stopped the server" in stopped.stdout
    assert served() == -1
    assert not list(runtime.glob("*.sock"))
    assert tiip("server", "start", env={address.ENV_IDLE: "1"}).returncode == 0
    deadline = time.monotonic() + 30
    while list(runtime.glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not list(runtime.glob("*.sock"))
    assert served() == -1


@pytest.mark.parametrize("mode", ["server", "own process"])
def test_ctrl_c_stops_the_command_with_tiips_message_and_130(runtime: Path, tmp_path: Path,
                                                             mode: str) -> None:
    """Ctrl-C (SIGINT to `tiip`) stops a command, run by the server's child or in its own
    process, with tiip's message and exit code 130, before the batch is through."""
    env = {**os.environ, "TIIP_SERVER": "off"} if mode == "own process" else os.environ
    if mode == "server":
        assert tiip("server", "start").returncode == 0
    folder = tmp_path / "many"
    folder.mkdir()
    text = SAMPLE.read_bytes()
    for number in range(400):  # seconds of checking, far more than the wait below
        (folder / f"p{number:03}.yaml").write_bytes(text)
    process = subprocess.Popen([*TIIP, "check", str(folder)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.rstrip().endswith("已中斷。Interrupted.")
    assert "[400/400]" not in err


def test_an_unsafe_runtime_folder_is_never_used(runtime: Path, tmp_path: Path) -> None:
    runtime.mkdir(mode=0o700)
    runtime.chmod(0o777)  # others could plant a socket here
    built = tiip("build", str(SAMPLE), "-o", str(tmp_path / "x.docx"))
    assert built.returncode == 0
    assert not list(runtime.iterdir())
    refused = tiip("server", "start", "--lang", "en")
    assert refused.returncode == 2
    assert "cannot be used" in refused.stderr


def test_tiip_server_off_runs_every_command_on_its_own(runtime: Path, tmp_path: Path) -> None:
    off = {"TIIP_SERVER": "off"}
    assert tiip("check", str(SAMPLE), env=off).returncode == 0
    time.sleep(1)
    assert not runtime.exists()
    refused = tiip("server", "start", "--lang", "en", env=off)
    assert refused.returncode == 2
    assert "TIIP_SERVER=off" in refused.stderr


def test_a_changed_tiip_file_reaches_another_server(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "module.py"
    module.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(address, "_CODE_DIRS", (str(tmp_path),))
    before = address.fingerprint()
    assert address.fingerprint() == before
    module.write_text("A = 22\n", encoding="utf-8")
    assert address.fingerprint() != before
    monkeypatch.setenv("LANG", "C")
    changed = address.fingerprint()
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert address.fingerprint() != changed


def on_a_terminal(*args: str) -> tuple[int, str]:
    """Run tiip with a pseudo-terminal as its standard streams; return its code and output."""
    import pty

    main, secondary = pty.openpty()
    process = subprocess.Popen([*TIIP, *args], stdin=secondary, stdout=secondary,
                               stderr=secondary)
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: every process using it has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


def test_a_batch_on_a_terminal_draws_its_progress_bar_through_the_server(runtime: Path,
                                                                          tmp_path: Path) -> None:
    """The child writes to the caller's own terminal: it sees a terminal and draws the bar."""
    assert tiip("server", "start").returncode == 0
    code, text = on_a_terminal("check", str(ROOT / "samples"))
    assert code == 0
    count = len(list((ROOT / "samples").rglob("*.yaml")))  # the revision pair included
    assert "\r" in text and "█" in text and f"{count - 1}/{count}" in text
    assert f"已檢核 {count} 個檔案" in text
    assert "背景" not in text  # a server was running: nothing started
    assert served() >= 2


def test_someone_at_a_terminal_is_told_when_a_server_starts(runtime: Path) -> None:
    code, text = on_a_terminal("check", str(SAMPLE))
    assert code == 0
    assert "已在背景啟動 tiip 伺服器" in text and "TIIP_SERVER=off" in text


needs_proc = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(),
                                reason="finds the server's processes in /proc")


@needs_proc
def test_a_killed_server_is_replaced_by_the_next_command(runtime: Path, tmp_path: Path) -> None:
    """SIGKILL leaves a socket file nobody answers: the next command still runs, and starts
    a server that replaces the stale socket."""
    assert tiip("server", "start").returncode == 0
    _kill(_server_pids(runtime.parent))
    time.sleep(0.2)
    assert list(runtime.glob("*.sock"))  # left behind
    assert tiip("check", str(SAMPLE)).returncode == 0  # run by itself
    deadline = time.monotonic() + 60
    while served() < 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert served() >= 0


@needs_proc
def test_commands_starting_at_once_end_with_one_server(runtime: Path) -> None:
    processes = [subprocess.Popen([*TIIP, "check", str(SAMPLE)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for _ in range(4)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0, 0]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the servers that lost the lock leave
        if served() >= 0 and len(_servers(runtime.parent)) == 1:
            break
        time.sleep(0.2)
    assert served() >= 0
    assert len(_servers(runtime.parent)) == 1


def _servers(folder: Path) -> set[int]:
    """Return the server processes in `folder`: those whose parent is not a server (the rest
    are their spare and command children)."""
    pids = set(_server_pids(folder))
    parents = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            stat = (Path("/proc") / str(pid) / "stat").read_text()
            parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
    return {pid for pid, parent in parents.items() if parent not in pids}


def test_a_long_temporary_folder_still_leaves_room_for_the_socket(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", "/var/folders/zz/" + "x" * 60 + "/T")  # macOS-like
    assert address.runtime_dir() == f"/tmp/tiip-writer-{os.getuid()}"
    monkeypatch.setenv("TMPDIR", "/scratch")
    assert address.runtime_dir() == f"/scratch/tiip-writer-{os.getuid()}"


def test_standard_output_and_error_interleave_as_in_a_process_of_its_own(
        runtime: Path, tmp_path: Path) -> None:
    """Findings go to stdout, progress and the summary to stderr: merged into one pipe they
    arrive in the same order either way."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-bad.yaml").write_text("計畫:\n  名稱: [\n", encoding="utf-8")
    assert tiip("new", str(folder / "b-new.yaml"), "--plan", "產業高值",
                env={"TIIP_SERVER": "off"}).returncode == 0
    (folder / "c-sample.yaml").write_bytes(SAMPLE.read_bytes())
    assert tiip("server", "start").returncode == 0

    def merged(mode: dict[str, str]) -> tuple[int, str]:
        env = {**os.environ, **mode}
        done = subprocess.run([*TIIP, "check", str(folder)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=env, timeout=120,
                              check=False)
        return done.returncode, done.stdout

    by_server = merged({})
    assert by_server == merged({"TIIP_SERVER": "off"})
    assert by_server[0] == 1 and "a-bad.yaml" in by_server[1]
