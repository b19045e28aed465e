"""The editor's web application: the page, its assets and the JSON API the page calls.

Every route passes RequestGuard (security.py) first. Work that takes time (checking, rendering,
building) runs in Starlette's thread pool; the session's lock keeps one edit at a time.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from tiip_writer.editor.document import Edit, EditError
from tiip_writer.editor.preview import image_route, preview_html
from tiip_writer.editor.security import RequestGuard
from tiip_writer.editor.session import ChangedOnDisk, EditSession, UnreadableFile
from tiip_writer.editor.state import page_state
from tiip_writer.foundation.diagnostics import InputError
from tiip_writer.schema.index import load_schema

STATIC = Path(__file__).with_name("static")
ASSETS = {"app.js": "text/javascript", "style.css": "text/css", "form.js": "text/javascript"}


def create_app(session: EditSession, token: str, port: int, lang: str = "zh") -> Any:
    """Return the ASGI application serving `session` to the holder of `token` on `port`."""
    library_cache: dict[str, Any] = {}

    def library() -> Any:
        # Loaded on the first preview or build, not at start: opening the page stays quick.
        if "official" not in library_cache:
            from tiip_writer.render.library import load_library

            library_cache["official"] = load_library(None)
        return library_cache["official"]

    def state() -> JSONResponse:
        with session.lock:  # the result and the undo stacks of one moment
            return JSONResponse(page_state(session, lang))

    async def index(request: Request) -> Response:
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        settings = json.dumps({"token": token, "lang": lang, "file": session.display},
                              ensure_ascii=False)
        page = (page.replace("{{settings}}", html.escape(settings))
                .replace("{{token}}", html.escape(token))
                .replace("{{lang}}", "en" if lang == "en" else "zh-Hant-TW")
                .replace("{{file}}", html.escape(session.path.name)))
        # Scripts only from this server: even text that slipped past escaping could not run.
        policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
        return HTMLResponse(page, headers={**_no_store(), "Content-Security-Policy": policy})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response(status_code=404)
        return FileResponse(STATIC / name, media_type=ASSETS[name], headers=_no_store())

    async def get_state(request: Request) -> Response:
        return await run_in_threadpool(state)

    async def schema(request: Request) -> Response:
        return JSONResponse(load_schema())

    async def edit(request: Request) -> Response:
        body = await _json(request)
        try:
            edits = [Edit.from_json(item) for item in body.get("edits", [])]
            await run_in_threadpool(session.apply, edits)
        except EditError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return await run_in_threadpool(state)

    async def undo(request: Request) -> Response:
        await run_in_threadpool(session.undo)
        return await run_in_threadpool(state)

    async def redo(request: Request) -> Response:
        await run_in_threadpool(session.redo)
        return await run_in_threadpool(state)

    async def save(request: Request) -> Response:
        body = await _json(request)
        try:
            await run_in_threadpool(session.save, bool(body.get("force")))
        except ChangedOnDisk:
            return JSONResponse({"conflict": True}, status_code=409)
        except OSError as exc:
            return JSONResponse({"error": exc.strerror or str(exc)}, status_code=500)
        return await run_in_threadpool(state)

    async def reload(request: Request) -> Response:
        try:
            await run_in_threadpool(session.reload)
        except InputError as exc:  # unreadable on disk: keep the text edited
            return JSONResponse({"error": exc.message.get(lang)}, status_code=422)
        except UnreadableFile as exc:
            d = exc.diagnostic
            return JSONResponse({"error": f"{d.file}:{d.line}:{d.column} {d.message.get(lang)}"},
                                status_code=422)
        return await run_in_threadpool(state)

    async def status(request: Request) -> Response:
        changed = await run_in_threadpool(session.changed_on_disk)
        return JSONResponse({"dirty": session.dirty, "changed_on_disk": changed})

    async def preview(request: Request) -> Response:
        def make() -> str:
            with session.lock:
                return preview_html(session.result, library(), image_route(token), lang)
        return JSONResponse({"html": await run_in_threadpool(make)})

    async def image(request: Request) -> Response:
        found = session.image_path(request.query_params.get("path", ""))
        if found is None:
            return Response(status_code=404)
        return FileResponse(found)

    async def build(request: Request) -> Response:
        body = await _json(request)
        from tiip_writer.editor.building import build_outputs

        try:
            outcome = await run_in_threadpool(build_outputs, session, library(),
                                              bool(body.get("draft")), lang)
        except ChangedOnDisk:
            return JSONResponse({"conflict": True}, status_code=409)
        return JSONResponse(outcome)

    routes = [
        Route("/", index), Route("/static/{name}", asset),
        Route("/api/state", get_state), Route("/api/schema", schema),
        Route("/api/edit", edit, methods=["POST"]), Route("/api/undo", undo, methods=["POST"]),
        Route("/api/redo", redo, methods=["POST"]), Route("/api/save", save, methods=["POST"]),
        Route("/api/reload", reload, methods=["POST"]), Route("/api/status", status),
        Route("/api/preview", preview), Route("/api/image", image),
        Route("/api/build", build, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    return RequestGuard(app, token, port)


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def _no_store() -> dict[str, str]:
    # The page holds a token; nothing of it belongs in a shared cache.
    return {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer"}
