"""The conversation on the server's socket (standard library only).

client → server: one request, `marshal`-encoded and length-prefixed; a command request
  carries the caller's standard input, output and error as file descriptors (SCM_RIGHTS).
server → client: the pid of the child that runs the command (so the client can pass on
  Ctrl-C), then its exit code. A connection that closes before the pid means nothing ran.

Both ends are the same user's processes (the socket sits in a folder only that user can
enter, and the server checks the peer's uid), so `marshal` needs no defence against forgery.

Written against `_socket`, the C module under `socket`: importing `socket` itself costs every
command ~3 ms (it pulls in selectors and enum wrappers), a fifth of the client's whole start.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own costs every command ~3 ms to import
if TYPE_CHECKING:
    from typing import Any

import _socket
import marshal
import struct

_LENGTH = struct.Struct("!I")
_NUMBER = struct.Struct("!i")
MAX_REQUEST_BYTES = 16 * 1024 * 1024  # argv and environment; far above any real command
STDIO = [0, 1, 2]


def send_request(sock: _socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """Send `request` with the file descriptors `fds` attached to its first byte."""
    body = marshal.dumps(request)
    data = _LENGTH.pack(len(body)) + body
    rights = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, struct.pack(f"{len(fds)}i", *fds))]
    sent = sock.sendmsg([data], rights if fds else [])
    if sent < len(data):
        sock.sendall(data[sent:])


def receive_request(sock: _socket.socket) -> tuple[dict[str, Any], list[int]]:
    """Return the request and the file descriptors that came with it."""
    first, fds = _receive_with_fds(sock, 65536, len(STDIO))
    if len(first) < _LENGTH.size:
        first += _exactly(sock, _LENGTH.size - len(first))
    (length,) = _LENGTH.unpack_from(first)
    if length > MAX_REQUEST_BYTES:
        raise ValueError("request too large")
    body = first[_LENGTH.size:]
    if len(body) < length:
        body += _exactly(sock, length - len(body))
    request = marshal.loads(body)
    if not isinstance(request, dict):
        raise ValueError("malformed request")  # noqa: TRY004 - bad data, not a caller's bug
    return request, list(fds)


def _receive_with_fds(sock: _socket.socket, size: int, most: int) -> tuple[bytes, list[int]]:
    """Return received bytes and the file descriptors attached (socket.recv_fds, in C terms)."""
    item = struct.calcsize("i")
    data, ancillary, _flags, _address = sock.recvmsg(size, _socket.CMSG_SPACE(most * item))
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % item
            fds += struct.unpack(f"{usable // item}i", payload[:usable])
    return data, fds


def send_number(sock: _socket.socket, value: int) -> None:
    """Send a pid or an exit code."""
    sock.sendall(_NUMBER.pack(value))


def receive_number(sock: _socket.socket) -> int | None:
    """Return the next pid or exit code, or None when the other end closed first."""
    try:
        data = _exactly(sock, _NUMBER.size)
    except ConnectionError:
        return None
    return _NUMBER.unpack(data)[0]


def send_object(sock: _socket.socket, value: Any) -> None:
    """Send a small answer (the server's status)."""
    body = marshal.dumps(value)
    sock.sendall(_LENGTH.pack(len(body)) + body)


def receive_object(sock: _socket.socket) -> Any:
    """Return an answer sent with send_object."""
    (length,) = _LENGTH.unpack(_exactly(sock, _LENGTH.size))
    return marshal.loads(_exactly(sock, length))


def _exactly(sock: _socket.socket, count: int) -> bytes:
    chunks = []
    while count > 0:
        chunk = sock.recv(count)
        if not chunk:
            raise ConnectionError("connection closed")
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)
