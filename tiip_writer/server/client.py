"""Hand a command to the resident server, and start one when there is none.

Standard library only: this runs before anything else in every `tiip` command, and its whole
point is not to pay for importing the rest.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own costs every command ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

import _socket
import os
import signal
import sys

from tiip_writer.server import protocol

# Signals a user or a supervisor sends to `tiip`; they are passed on to the child doing the work.
FORWARDED_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
CONNECT_TIMEOUT = 1.0


def run_in_server(path: str, argv: list[str]) -> int | None:
    """Run `argv` in a child of the server at `path` and return its exit code; None if no
    server ran it."""
    sock = connect(path)
    if sock is None:
        return None
    try:
        try:
            protocol.send_request(sock, _request(argv), protocol.STDIO)
            child = protocol.receive_number(sock)
        except OSError:
            return None
        if child is None:  # the server could not take the command; nothing ran
            return None
        previous = _forward_signals(child)
        try:
            code = protocol.receive_number(sock)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    finally:
        sock.close()
    if code is None:  # the child died without a word (killed)
        sys.stderr.write("tiip：執行指令的程序意外結束。the process running the command ended "
                         "unexpectedly.\n")
        return 3
    return code


def connect(path: str) -> _socket.socket | None:
    """Return a connection to the server at `path`, or None when none answers there
    (`_socket`, not `socket`: see protocol.py)."""
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    sock.settimeout(CONNECT_TIMEOUT)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    sock.settimeout(None)  # a command may run as long as it needs
    return sock


def start_server(path: str) -> bool:
    """Start a server for `path` in the background, detached from this terminal and its pipes;
    return whether the process started (it leaves at once if another server holds the path)."""
    import subprocess  # only when starting one

    try:
        subprocess.Popen([sys.executable, "-m", "tiip_writer.server.daemon", path],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, cwd="/", start_new_session=True,
                         close_fds=True)
    except OSError:
        return False  # no server: commands keep running in their own process
    return True


def ask(path: str, control: str) -> Any:
    """Send a control request ("status" or "stop"); return the answer, None if no server."""
    sock = connect(path)
    if sock is None:
        return None
    try:
        protocol.send_request(sock, {"control": control}, [])
        return protocol.receive_object(sock)
    except (OSError, ValueError, EOFError):
        return None
    finally:
        sock.close()


def _request(argv: list[str]) -> dict[str, Any]:
    mask = os.umask(0o22)
    os.umask(mask)
    return {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": mask}


def _forward_signals(child: int) -> dict[int, Any]:
    def forward(number: int, _frame: object) -> None:
        try:
            os.kill(child, number)
        except OSError:
            pass

    previous = {}
    for name in FORWARDED_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, forward)
    return previous
