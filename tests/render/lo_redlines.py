"""Read .docx files through LibreOffice's UNO API: tracked changes, and the text with all of
them accepted or rejected. Run with Debian's /usr/bin/python3 (python3-uno), not the venv:

    /usr/bin/python3 lo_redlines.py PROFILE_DIR FILE.docx...  → JSON on stdout

For each file: {"redlines": [[type, author, "YYYY-MM-DD"], …], "text": …, "accepted": …,
"rejected": …}; the texts are LibreOffice's plain-text export (tables included).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile: Path) -> tuple[subprocess.Popen, object]:
    pipe = f"tiip_redlines_{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office, ctx
        except NoConnectException:
            time.sleep(0.1)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def text_of(desktop: object, path: Path, action: str | None, ctx: object) -> tuple[str, list]:
    doc = desktop.loadComponentFromURL(path.as_uri(), "_blank", 0, (prop("Hidden", True),))
    redlines = []
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        when = r.getPropertyValue("RedlineDateTime")
        redlines.append([r.getPropertyValue("RedlineType"), r.getPropertyValue("RedlineAuthor"),
                         f"{when.Year:04d}-{when.Month:02d}-{when.Day:02d}"])
    if action:
        dispatcher = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, f".uno:{action}", "", 0, ())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.txt"
        doc.storeToURL(out.as_uri(), (prop("FilterName", "Text (encoded)"),
                                      prop("FilterOptions", "UTF8,LF")))
        text = out.read_text(encoding="utf-8-sig")
    doc.close(True)
    return text, redlines


def main() -> None:
    profile, files = Path(sys.argv[1]), [Path(f).resolve() for f in sys.argv[2:]]
    office, ctx = connect(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        result = {}
        for path in files:
            text, redlines = text_of(desktop, path, None, ctx)
            accepted, _ = text_of(desktop, path, "AcceptAllTrackedChanges", ctx)
            rejected, _ = text_of(desktop, path, "RejectAllTrackedChanges", ctx)
            result[path.name] = {"redlines": redlines, "text": text, "accepted": accepted,
                                 "rejected": rejected}
        print(json.dumps(result, ensure_ascii=False))
        with contextlib.suppress(DisposedException):  # terminating disposes the bridge
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
