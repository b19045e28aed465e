"""`tiip server start|stop|status`: the resident server that makes commands start instantly.

The first `tiip` command starts the server by itself; this verb is for seeing it, stopping it
(after an upgrade it stops by itself when idle) and starting it ahead of time (benchmarks,
editors). It always runs in its own process (tiip_writer.launch).
"""

from __future__ import annotations

import os
import time

import click

from tiip_writer.cli.common import EXIT_INPUT, echo_err, lang_option
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.server import address, client

START_TIMEOUT = 30.0  # s; importing tiip and warming up takes about a second

UNAVAILABLE = Text(
    "伺服器未啟用：{reason}。每個指令各自執行，結果相同，只是啟動較慢。",
    "the server is not available: {reason}. Every command runs in its own process: the same "
    "results, a slower start.")
REASON_OFF = Text("環境變數 TIIP_SERVER={value}", "TIIP_SERVER={value} is set")
REASON_SYSTEM = Text("此作業系統不支援（需要 Unix socket 與 fork）",
                     "this system has no Unix sockets with fork")
REASON_FOLDER = Text("無法使用私用資料夾 {folder}（須為本使用者所有、他人不可讀寫）",
                     "the private folder {folder} cannot be used (it must be this user's and "
                     "closed to others)")
REASON_LONG = Text("資料夾路徑 {folder} 太長，放不下 socket 的名稱（可設定較短的 XDG_RUNTIME_DIR）",
                   "the folder path {folder} leaves no room for the socket's name (set a shorter "
                   "XDG_RUNTIME_DIR)")
RUNNING = Text("伺服器執行中：pid {pid}，已處理 {commands} 個指令，閒置 {idle:.0f} 秒後結束；{socket}",
               "server running: pid {pid}, {commands} command(s) served, exits after {idle:.0f} s "
               "idle; {socket}")
NOT_RUNNING = Text("伺服器未執行；下一個 tiip 指令會自動啟動。",
                   "no server is running; the next tiip command starts one.")
STARTED = Text("已啟動伺服器。", "server started.")
START_FAILED = Text("伺服器未能在 {seconds:.0f} 秒內啟動；指令仍會各自執行。",
                    "the server did not start within {seconds:.0f} s; commands still run on "
                    "their own.")
STOPPED = Text("已停止伺服器（pid {pid}）。", "stopped the server (pid {pid}).")


@click.group()
def server() -> None:
    """常駐伺服器：預先載入 tiip，讓每個指令立即開始。Resident server for instant starts."""


@server.command()
@lang_option
def status(lang: str) -> None:
    """顯示伺服器是否執行中。Show whether the server is running."""
    path = _socket_path(lang, create=False)
    answer = client.ask(path, "status") if path else None
    click.echo(_describe(answer, lang))


@server.command()
@lang_option
def start(lang: str) -> None:
    """啟動伺服器並等到可以接受指令。Start the server and wait until it is ready."""
    path = _socket_path(lang, create=True)
    if path is None:
        raise SystemExit(EXIT_INPUT)
    answer = client.ask(path, "status")
    if answer is None:
        if not client.start_server(path):
            echo_err(START_FAILED.get(lang).format(seconds=0))
            raise SystemExit(1)
        deadline = time.monotonic() + START_TIMEOUT
        while answer is None and time.monotonic() < deadline:
            time.sleep(0.05)
            answer = client.ask(path, "status")
        if answer is None:
            echo_err(START_FAILED.get(lang).format(seconds=START_TIMEOUT))
            raise SystemExit(1)
        click.echo(STARTED.get(lang))
    click.echo(_describe(answer, lang))


@server.command()
@lang_option
def stop(lang: str) -> None:
    """停止伺服器。Stop the server."""
    path = _socket_path(lang, create=False)
    answer = client.ask(path, "stop") if path else None
    if path is None or not isinstance(answer, dict):
        click.echo(NOT_RUNNING.get(lang))
        return
    deadline = time.monotonic() + START_TIMEOUT
    while _answers(path) and time.monotonic() < deadline:  # gone once its socket is
        time.sleep(0.02)
    click.echo(STOPPED.get(lang).format(pid=answer["pid"]))


def _socket_path(lang: str, create: bool) -> str | None:
    """Return the socket path, or say why there is none (None)."""
    if not address.enabled():
        setting = os.environ.get(address.ENV_SWITCH, "")
        reason = (REASON_OFF.get(lang).format(value=setting)
                  if setting.strip().lower() in address.OFF_VALUES else REASON_SYSTEM.get(lang))
        echo_err(UNAVAILABLE.get(lang).format(reason=reason))
        return None
    path = address.socket_path(create=create)
    folder = address.runtime_dir()
    if path is None and address.private_dir(create=False) is not None:
        echo_err(UNAVAILABLE.get(lang).format(reason=REASON_LONG.get(lang).format(folder=folder)))
    elif path is None and (create or os.path.lexists(folder)):
        echo_err(UNAVAILABLE.get(lang).format(reason=REASON_FOLDER.get(lang).format(folder=folder)))
    return path


def _answers(path: str) -> bool:
    connection = client.connect(path)
    if connection is None:
        return False
    connection.close()
    return True


def _describe(answer: object, lang: str) -> str:
    if not isinstance(answer, dict):
        return NOT_RUNNING.get(lang)
    return RUNNING.get(lang).format(**answer)
