"""The editor's server: loopback only, the token on every request, Host and Origin checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.editor.conftest import Editor, start_editor, stop_editor


def request(url: str, headers: dict[str, str] | None = None, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_request_without_the_token_is_refused(editor: Editor) -> None:
    for path in ("/", "/api/state", "/api/schema", "/static/app.js", "/api/preview"):
        assert request(editor.base + path) == 403, path
    assert request(editor.base + "/api/state?token=wrong") == 403
    before = editor.file.read_bytes()
    assert request(editor.base + "/api/save", body={"force": True}) == 403
    assert request(editor.base + "/api/edit", body={"edits": [
        {"op": "set", "pointer": "/title", "value": "x"}]}) == 403
    assert editor.file.read_bytes() == before
    assert request(editor.url) == 200
    assert request(editor.base + "/api/state", {"X-Tiip-Token": editor.token}) == 200


def test_another_host_or_origin_is_refused_even_with_the_token(editor: Editor) -> None:
    token = {"X-Tiip-Token": editor.token}
    # DNS rebinding: a hostile name resolving to 127.0.0.1 arrives with its own Host.
    assert request(editor.base + "/api/state", {**token, "Host": "evil.example:80"}) == 403
    assert request(editor.base + "/api/state",
                   {**token, "Origin": "http://evil.example"}) == 403
    assert request(editor.base + "/api/state",
                   {**token, "Origin": f"http://localhost:{editor.port}"}) == 200


def test_it_listens_on_loopback_only(editor: Editor) -> None:
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    port = f"{editor.port:04X}"
    local = [line.split()[1] for line in listening if line.split()[1].endswith(":" + port)
             and line.split()[3] == "0A"]
    assert local == ["0100007F:" + port]  # 127.0.0.1


def test_user_text_is_escaped_in_the_preview(editor: Editor) -> None:
    token = {"X-Tiip-Token": editor.token, "Content-Type": "application/json"}
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    assert request(editor.base + "/api/edit", token, {"edits": [
        {"op": "set", "pointer": "/background", "value": hostile}]}) == 200
    req = urllib.request.Request(editor.base + "/api/preview", headers=token)
    with urllib.request.urlopen(req, timeout=30) as response:
        preview = json.load(response)["html"]
    assert "<script>" not in preview and "<img src=x" not in preview
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview


def test_images_outside_the_proposal_folder_are_not_served(editor: Editor,
                                                            tmp_path: Path) -> None:
    secret = tmp_path.parent / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    url = f"{editor.base}/api/image?token={editor.token}&path="
    assert request(url + "../secret.png") == 404
    assert request(url + "/etc/passwd") == 404


def test_a_missing_file_is_created_after_the_plan_type_choice(tmp_path: Path) -> None:
    target = tmp_path / "新計畫.yaml"
    env = dict(os.environ)
    refused = subprocess.run([sys.executable, "-m", "tiip_writer", "edit", str(target),
                              "--no-browser"], check=False, capture_output=True, text=True,
                             env=env,
                             stdin=subprocess.DEVNULL, timeout=60)
    assert refused.returncode == 2 and "--plan" in refused.stderr and not target.exists()
    editor = start_editor(target, "--plan", "主題式")
    try:
        assert target.exists() and "plan_type: 主題式" in target.read_text(encoding="utf-8")
        assert request(editor.url) == 200
    finally:
        stop_editor(editor)


def test_an_unreadable_file_is_told_as_tiip_check_tells_it_and_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: 計畫\nperiod: [unclosed\n", encoding="utf-8")
    env = dict(os.environ)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tiip_writer", *args], check=False,
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)

    for lang in ("zh", "en"):
        edited = run("edit", "broken.yaml", "--no-browser", "--lang", lang)
        checked = run("check", "broken.yaml", "--lang", lang)
        assert edited.returncode == 2 and edited.stdout == ""
        # The finding and its hint exactly as `tiip check` prints them, nothing of the parser's
        # own multi-line excerpt.
        finding = checked.stdout.splitlines()[:2]
        assert finding[0].startswith("broken.yaml:3:1  error  yaml.syntax  ")
        assert edited.stderr.splitlines() == finding, edited.stderr
    assert "語法錯誤" in run("edit", "broken.yaml", "--no-browser").stderr
    assert broken.read_text(encoding="utf-8") == "title: 計畫\nperiod: [unclosed\n"


def test_the_build_button_saves_and_writes_the_docx_beside_the_yaml(editor: Editor) -> None:
    import zipfile

    token = {"X-Tiip-Token": editor.token, "Content-Type": "application/json"}
    assert request(editor.base + "/api/edit", token, {"edits": [
        {"op": "set", "pointer": "/contact/phone", "value": "(03)552-8160 分機 3313"}]}) == 200

    def build(draft: bool) -> dict:
        body = json.dumps({"draft": draft}).encode()
        req = urllib.request.Request(editor.base + "/api/build", data=body, headers=token)
        with urllib.request.urlopen(req, timeout=120) as response:
            return json.load(response)

    outcome = build(False)
    target = editor.file.with_suffix(".docx").resolve()
    assert outcome["ok"] and outcome["path"] == str(target), outcome
    assert str(target) in outcome["message"]
    assert "分機 3313" in editor.file.read_text(encoding="utf-8")  # saved first
    with zipfile.ZipFile(target) as docx:
        assert "晶衡運動控制" in docx.read("word/document.xml").decode("utf-8")

    # With errors, as `tiip build`: refused unless a draft is asked for.
    target.unlink()
    assert request(editor.base + "/api/edit", token, {"edits": [
        {"op": "set", "pointer": "/period/months", "value": 29}]}) == 200
    refused = build(False)
    assert not refused["ok"] and "草稿" in refused["message"] and not target.exists()
    drafted = build(True)
    assert drafted["ok"] and "草稿" in drafted["message"] and target.exists()


def test_preview_joins_wrapped_chinese_lines_as_the_word_build_does(editor: Editor) -> None:
    token = {"X-Tiip-Token": editor.token, "Content-Type": "application/json"}
    assert request(editor.base + "/api/edit", token, {"edits": [
        {"op": "set", "pointer": "/background",
         "value": "國產伺服系統仍仰賴\n進口編碼器 and\nEtherCAT modules。\n"}]}) == 200
    req = urllib.request.Request(editor.base + "/api/preview", headers=token)
    with urllib.request.urlopen(req, timeout=30) as response:
        preview = json.load(response)["html"]
    assert "國產伺服系統仍仰賴進口編碼器 and EtherCAT modules。" in preview


def test_at_a_terminal_a_missing_file_asks_for_the_plan_type(tmp_path: Path) -> None:
    import pty
    import select
    import signal

    target = tmp_path / "新計畫.yaml"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tiip_writer", "edit", target.name,
                                "--no-browser"], stdin=follower, stdout=follower,
                               stderr=follower, cwd=tmp_path, env=env, close_fds=True)
    os.close(follower)
    seen = b""

    def read_until(wanted: bytes) -> None:
        nonlocal seen
        while wanted not in seen:
            ready, _, _ = select.select([leader], [], [], 30)
            assert ready, f"no {wanted.decode()!r} in {seen.decode(errors='replace')!r}"
            seen += os.read(leader, 4096)

    try:
        read_until("請輸入編號".encode())
        assert "新計畫.yaml 不存在" in seen.decode() and "3. 創新優化-展系統" in seen.decode()
        assert not target.exists()
        os.write(leader, b"3\n")
        read_until(b"token=")
        text = target.read_text(encoding="utf-8")
        assert "plan_type: 創新優化-展系統" in text
        assert "已建立 新計畫.yaml（創新優化-展系統）" in seen.decode()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        os.close(leader)
