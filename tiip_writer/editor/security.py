"""Who may talk to the editor: only the page this server handed out, on this machine.

The server listens on 127.0.0.1 only. Every request must carry the random token of the URL
printed and opened at start (as `?token=` or the X-Tiip-Token header), and its Host must be the
loopback address and port, which defeats DNS rebinding (a hostile page whose name resolves to
127.0.0.1 sends its own name as Host). A request sent by another site's page carries that site
as Origin and is refused too, even before the token is compared.
"""

from __future__ import annotations

import secrets

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

TOKEN_HEADER = "x-tiip-token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")


def new_token() -> str:
    """Return a fresh random token (256 bits)."""
    return secrets.token_urlsafe(32)


class RequestGuard:
    """ASGI middleware: refuse (403) any request without the token or from another origin."""

    def __init__(self, app: ASGIApp, token: str, port: int):
        self.app, self.token, self.port = app, token, port

    def allowed_hosts(self) -> set[str]:
        return {f"{name}:{self.port}" for name in LOOPBACK_NAMES}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reason = self.refusal(scope)
        if reason is not None:
            await PlainTextResponse(f"403 Forbidden: {reason}", status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, scope: Scope) -> str | None:
        """Return why the request is refused, or None when it may pass."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host") not in self.allowed_hosts():
            return "wrong Host"
        origin = headers.get("origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.allowed_hosts()}:
            return "cross-origin request"
        given = headers.get(TOKEN_HEADER) or _query_token(scope)
        if not given or not secrets.compare_digest(given, self.token):
            return "missing or wrong token"
        return None


def _query_token(scope: Scope) -> str | None:
    from urllib.parse import parse_qs

    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None
