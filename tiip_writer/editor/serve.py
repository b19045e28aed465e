"""Start the editor's server on 127.0.0.1 and open the page in the browser."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from collections.abc import Callable

import uvicorn

from tiip_writer.editor.app import create_app
from tiip_writer.editor.security import new_token
from tiip_writer.editor.session import EditSession

HOST = "127.0.0.1"  # loopback only, whatever the machine's network


def listening_socket(port: int) -> socket.socket:
    """Return a socket bound to 127.0.0.1:`port` (0: a free port the system picks)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def serve(session: EditSession, sock: socket.socket, lang: str, open_browser: bool,
          announce: Callable[[str], None]) -> None:
    """Serve `session` on the bound `sock` until interrupted; announce the page's URL."""
    port = sock.getsockname()[1]
    token = new_token()
    url = f"http://{HOST}:{port}/?token={token}"
    config = uvicorn.Config(create_app(session, token, port, lang), log_level="warning",
                            access_log=False, lifespan="off")
    server = uvicorn.Server(config)

    def when_started() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.02)
        if server.started:
            announce(url)
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=when_started, daemon=True).start()
    server.run(sockets=[sock])
