"""The `tiip` command starts here: a ready server runs it, else this process does.

See tiip_writer.server for why. This module imports nothing heavy: when a server takes the
command, this process only passes its terminal, folder and environment over and waits.
"""

from __future__ import annotations

import os
import sys

# Verbs that manage the server itself, and the editor (a long-running server of its own that
# opens a browser), always run in this process.
LOCAL_VERBS = frozenset({"server", "edit"})
STARTED = ("已在背景啟動 tiip 伺服器，之後的指令會更快（TIIP_SERVER=off 可停用）。"
           "Started a tiip server in the background: later commands start faster.\n")


def main() -> None:
    """Run `tiip` with the arguments of this process."""
    argv = sys.argv[1:]
    from tiip_writer.server import address

    path = None
    if address.enabled() and not (argv and argv[0] in LOCAL_VERBS):
        path = address.socket_path(create=True)
    if path is not None:
        from tiip_writer.server import client

        code = client.run_in_server(path, argv)
        if code is not None:
            # Nothing of this process's is left to write or close; skipping the interpreter's
            # shutdown saves a few ms of every command.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        # Started for the next command; this one runs here. Someone at a terminal is told
        # about the background process (scripts reading stderr are not).
        if client.start_server(path) and sys.stderr.isatty():
            sys.stderr.write(STARTED)
    from tiip_writer.cli.main import main as run_here

    run_here()
