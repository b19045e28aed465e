"""Time `tiip edit`: an edit sent by the page until its findings arrive, and until the preview.

Runs the editor's real server (uvicorn, 127.0.0.1) on a copy of the largest sample and drives
it over HTTP as the page does: POST /api/edit answers with the new findings, budget and
computed values; GET /api/preview then answers with the preview's HTML. The page's own
debounce (250 ms after the last keystroke) comes on top and is not counted. CPU is the
process time of this one process (server threads and client), which other programs on the
machine do not inflate the way they inflate wall time.

    .venv/bin/python bench/editor.py [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn

from tiip_writer.editor.app import create_app
from tiip_writer.editor.serve import listening_socket
from tiip_writer.editor.session import EditSession

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "topdown-joint-two-companies.yaml"
TOKEN = "bench"
EDITS = [  # a number in a budget line and a paragraph of prose, as a user types them
    ("/budget/units/JH/personnel/4/monthly_salary", lambda i: 85 + i),
    ("/background", lambda i: "伺服系統是工具機與機器人的關鍵模組。" * (3 + i % 5)),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / SAMPLE.name
        shutil.copy(SAMPLE, copy)
        session = EditSession(copy)
        sock = listening_socket(0)
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(session, TOKEN, port), lifespan="off",
                                               log_level="warning"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not server.started:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{port}"
        call(base + "/api/preview")  # the first preview loads the template library
        lines = len(SAMPLE.read_text(encoding="utf-8").splitlines())
        print(f"{SAMPLE.name} ({lines} lines), {runs} edits of each kind")
        for pointer, value in EDITS:
            findings, preview, cpu_findings, cpu_preview = [], [], [], []
            for i in range(runs):
                start, cpu = time.perf_counter(), time.process_time()
                state = call(base + "/api/edit", {"edits": [
                    {"op": "set", "pointer": pointer, "value": value(i + 1)}]})
                findings.append(time.perf_counter() - start)
                cpu_findings.append(time.process_time() - cpu)
                assert "findings" in state
                call(base + "/api/preview")
                preview.append(time.perf_counter() - start)
                cpu_preview.append(time.process_time() - cpu)
            print(f"{pointer}:\n  edit→findings median {ms(findings)} p90 {ms(findings, 0.9)} "
                  f"(CPU {ms(cpu_findings)});\n  edit→preview  median {ms(preview)} "
                  f"p90 {ms(preview, 0.9)} (CPU {ms(cpu_preview)})")
        server.should_exit = True


def call(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={
        "X-Tiip-Token": TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def ms(values: list[float], quantile: float = 0.5) -> str:
    if quantile == 0.5:
        return f"{1000 * statistics.median(values):.0f} ms"
    return f"{1000 * sorted(values)[int(quantile * (len(values) - 1))]:.0f} ms"


if __name__ == "__main__":
    main()
