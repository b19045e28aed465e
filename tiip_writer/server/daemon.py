"""The server process: import tiip once, then fork a child for every command.

    python -m tiip_writer.server.daemon SOCKET_PATH

Started in the background by the first `tiip` command that finds no server (client.py) or by
`tiip server start`. It holds an exclusive lock beside the socket for its whole life, so two
commands starting a server at the same moment end up with one. It exits after
TIIP_SERVER_IDLE seconds (default 600) without a command, on `tiip server stop` or SIGTERM,
and when its socket is removed or replaced.

The child of a command takes the caller's standard streams, folder, environment, umask and
arguments, and runs the CLI exactly as `tiip` would in a process of its own. What the server
keeps between commands is imported code and bundled data parsed once (the schema, the rule
sets, the rules): the socket's name changes when any of it changes (address.fingerprint).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import io
import os
import pkgutil
import select
import signal
import socket
import struct
import sys
import tempfile
import time

from tiip_writer import __version__
from tiip_writer.server import address, protocol

# Modules never imported ahead: the ones that run something when imported, and this package.
NOT_PRELOADED = ("tiip_writer.__main__", "tiip_writer.server")
EXIT_INTERNAL = 3
SPARE_DISMISS = signal.SIGUSR1  # the server's word to a spare that has not taken a command
MAX_SPARE_FAILURES = 3  # spares dying one after another: something is wrong, stop serving


class Server:
    """The listening socket and what `tiip server status` reports."""

    def __init__(self, path: str, listener: socket.socket):
        self.path = path
        self.listener = listener
        self.inode = os.stat(path).st_ino
        self.pid = os.getpid()
        self.started = time.time()
        self.commands = 0
        self.spare = 0  # pid of the child waiting for the next command
        self.wake_pipe = (-1, -1)  # written to by a signal: serve() stops waiting

    def status(self) -> dict[str, object]:
        """Return what `tiip server status` shows."""
        return {"pid": self.pid, "started": self.started, "commands": self.commands,
                "version": __version__, "python": sys.executable, "socket": self.path,
                "idle": address.idle_seconds()}

    def still_ours(self) -> bool:
        """Return whether the socket path still leads to this server."""
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False


def main(argv: list[str] | None = None) -> int:
    """Serve commands on the socket path given as the only argument until idle."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tiip_writer.server.daemon SOCKET_PATH", file=sys.stderr)
        return 2
    path = args[0]
    lock = _lock(path + ".lock")
    if lock is None:
        return 0  # another server for this code is starting or running
    preload()
    listener = _listen(path)
    server = Server(path, listener)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps finished children
    gc.collect()
    gc.freeze()  # children never touch (copy) the preloaded objects' GC headers
    try:
        serve(server)
    finally:
        if server.spare:
            with contextlib.suppress(OSError):
                os.kill(server.spare, SPARE_DISMISS)  # ignored once it has taken a command
        if server.still_ours():
            with contextlib.suppress(OSError):
                os.unlink(path)
        listener.close()
        lock.close()
    return 0


def preload() -> None:
    """Import every tiip module and warm the caches of bundled data on the bundled samples."""
    import tiip_writer

    for module in pkgutil.walk_packages(tiip_writer.__path__, "tiip_writer.",
                                        onerror=lambda _name: None):
        if not module.name.startswith(NOT_PRELOADED):
            with contextlib.suppress(Exception):
                importlib.import_module(module.name)
    with contextlib.suppress(Exception):
        _warm_up()


def _warm_up() -> None:
    """Check and build the bundled samples in memory: the rule sets, schema, compiled
    validator and rule registry are parsed here once, not per command."""
    from tiip_writer.checking.pipeline import check_file
    from tiip_writer.foundation.resources import data_dir
    from tiip_writer.render import build_document

    for sample in sorted(data_dir("samples").glob("*.yaml")):
        checked = check_file(sample)
        if checked.proposal is not None:
            build_document(checked, template=None, draft=True)


def serve(server: Server) -> None:
    """Keep one forked child waiting for the next command, until the server has been idle
    too long or lost its socket.

    Forking when a command arrives would make that command wait for the fork; a spare forked
    ahead has done it while idle.
    """
    idle = address.idle_seconds()
    last = time.monotonic()
    failures = 0
    # SIGTERM is noted, not raised: raised inside os.fork() it would land in an at-fork hook
    # (logging has one) that swallows it. Its byte on the wake-up pipe ends the select.
    woken, wake = server.wake_pipe = os.pipe()
    os.set_blocking(wake, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGTERM, lambda _number, _frame: None)
    while failures < MAX_SPARE_FAILURES:
        taken, told = os.pipe()
        server.spare = os.fork()
        if server.spare == 0:
            os.close(taken)
            _spare(server, told)  # never returns
        os.close(told)
        ready, _, _ = select.select([taken, woken], [], [],
                                    max(idle - (time.monotonic() - last), 0))
        if woken in ready or not ready:  # told to stop, or idle for too long
            os.close(taken)
            return
        news = os.read(taken, 1)
        os.close(taken)
        if not news:  # the spare died before taking a command
            failures += 1
            continue
        failures = 0
        server.commands += 1
        last = time.monotonic()
        if not server.still_ours():
            return


def _spare(server: Server, told: int) -> None:
    """Wait for a command, tell the server it was taken, run it.

    (Building a sample here first, to copy exactly the pages a build touches, made a command
    that follows another within 0.1 s wait for it: touching the objects is enough.)"""
    signal.set_wakeup_fd(-1)  # the child's own signals are not the server's business
    for fd in server.wake_pipe:
        os.close(fd)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(SPARE_DISMISS, lambda _number, _frame: os._exit(0))
    # Touch every preloaded object once (its reference count) while nobody waits: the kernel
    # copies those shared pages now, not page by page during the command (~13 ms here, a
    # build 5-10 ms faster).
    gc.unfreeze()
    gc.get_objects()
    gc.freeze()
    try:
        connection, _ = server.listener.accept()
    except BaseException:  # noqa: BLE001 - the server sees the pipe close and forks another
        os._exit(0)
    # Dismissed before this line, the client gets no pid and runs the command itself.
    signal.signal(SPARE_DISMISS, signal.SIG_IGN)
    os.write(told, b"!")
    os.close(told)
    server.listener.close()
    _child(connection, server)


def _child(connection: socket.socket, server: Server) -> None:
    """Run one request in this forked child and leave the process."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        connection.settimeout(5.0)
        if not _same_user(connection):
            os._exit(0)
        request, fds = protocol.receive_request(connection)
        control = request.get("control")
        if control is not None:
            protocol.send_object(connection, server.status())
            if control == "stop":
                os.kill(os.getppid(), signal.SIGTERM)
            os._exit(0)
        _adopt(request, fds)
        connection.settimeout(None)
        protocol.send_number(connection, os.getpid())
    except BaseException:  # noqa: BLE001 - nothing ran: the client runs the command itself
        os._exit(0)
    code = _run_cli()
    with contextlib.suppress(OSError):
        protocol.send_number(connection, code)
    os._exit(code)


def _adopt(request: dict[str, object], fds: list[int]) -> None:
    """Become the caller: its standard streams, folder, environment, umask and arguments."""
    argv, cwd, env, umask = (request["argv"], request["cwd"], request["env"], request["umask"])
    if (len(fds) != len(protocol.STDIO) or not isinstance(argv, list)
            or not isinstance(cwd, str) or not isinstance(env, dict)
            or not isinstance(umask, int)):
        raise ValueError("malformed request")
    for target, fd in zip(protocol.STDIO, fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.umask(umask)
    tempfile.tempdir = None  # chosen again from the caller's TMPDIR
    sys.argv = ["tiip", *argv]
    _reopen_standard_streams()


def _reopen_standard_streams() -> None:
    """Point sys.stdin/stdout/stderr at the caller's streams, buffered as Python would.

    (sys.__stdout__ and the others stay: they write to fds 0-2, now the caller's too.)"""
    old_in, old_out, old_err = sys.__stdin__, sys.__stdout__, sys.__stderr__
    sys.stdin = open(  # noqa: SIM115 - lives as long as the process
        0, encoding=old_in.encoding if old_in else None,
        errors=old_in.errors if old_in else None, closefd=False)
    sys.stdout = open(  # noqa: SIM115
        1, "w", encoding=old_out.encoding if old_out else None,
        errors=old_out.errors if old_out else None, closefd=False,
        buffering=-1 if not os.isatty(1) else 1)
    sys.stderr = io.TextIOWrapper(
        open(2, "wb", buffering=0, closefd=False),  # noqa: SIM115
        encoding=old_err.encoding if old_err else None, errors="backslashreplace",
        line_buffering=True)


def _run_cli() -> int:
    """Run the CLI on sys.argv and return its exit code, as the interpreter would compute it."""
    from tiip_writer.cli.main import main as run_cli

    code = 0
    try:
        run_cli()
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except BaseException:  # noqa: BLE001 - main() reports its own errors; this is a last net
        code = EXIT_INTERNAL
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    return code


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    with contextlib.suppress(Exception):
        print(value, file=sys.stderr)
    return 1


def _same_user(connection: socket.socket) -> bool:
    """Return whether the peer runs as this user (where the system can say; the socket's
    folder is private either way)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    credentials = connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def _lock(path: str) -> io.BufferedWriter | None:
    """Return the held lock file, or None when another server holds it."""
    try:
        handle = open(path, "ab")  # noqa: SIM115 - held for the server's life
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _listen(path: str) -> socket.socket:
    """Bind the socket at `path` (a stale one left by a killed server is replaced)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)  # holding the lock: no live server uses this path
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old_mask)
    listener.listen(64)
    return listener


if __name__ == "__main__":
    sys.exit(main())
