"""pack → install round-trips; a tampered or unsafe archive is refused before anything is written.

These packs are a consultant's own (unsigned: installed with --allow-unsigned); signed editions
are tests/test_editions.py."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run_tiip
from tests.templates.helpers import DEMO, SAMPLE, make_library

HOME = "TIIP_TEMPLATE_HOME"


def pack(folder: Path, out: Path) -> tuple[Path, str]:
    """Return the archive `tiip templates pack` wrote and the digest it printed."""
    result = run_tiip("templates", "pack", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    archive = next(out.glob("*.tiiplib.zip"))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert result.stdout.splitlines()[1] == f"封存檔 SHA-256：{digest}"
    return archive, digest


def rewrite(archive: Path, target: Path, change) -> Path:
    """Write a copy of `archive` to `target` with `change(entries)` applied to its entries."""
    with zipfile.ZipFile(archive) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    change(entries)
    with zipfile.ZipFile(target, "w") as out:
        for name, data in entries.items():
            out.writestr(name, data)
    return target


def test_pack_then_install_round_trips_and_the_library_is_usable_by_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "home"))
    archive, digest = pack(DEMO, tmp_path)
    assert archive.name == "consultant-demo-1.0.0.tiiplib.zip"
    with zipfile.ZipFile(archive) as packed:
        listing = json.loads(packed.read("tiiplib.json"))
        assert packed.namelist()[0] == "tiiplib.json"
    assert sorted(listing["files"]) == ["README.md", "library.yaml", "parts/00-cover.md.j2",
                                        "parts/30-risks.md.j2", "reference.docx", "tables.yaml"]
    assert listing["files"]["library.yaml"] == hashlib.sha256(
        (DEMO / "library.yaml").read_bytes()).hexdigest()
    result = run_tiip("templates", "install", str(archive), "--sha256", digest, "--allow-unsigned")
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "home" / "consultant-demo"
    assert result.stdout.splitlines() == [
        f"已安裝 consultant-demo 1.0.0 到 {target}",
        "未簽署（依 --allow-unsigned 安裝）",
        "使用：tiip build 計畫書.yaml --template consultant-demo"]
    for name in listing["files"]:
        assert (target / name).read_bytes() == (DEMO / name).read_bytes()
    built = run_tiip("build", str(SAMPLE), "--template", "consultant-demo", "-o",
                     str(tmp_path / "x.docx"))
    assert built.exit_code == 0, built.stderr
    again = run_tiip("templates", "install", str(archive), "--allow-unsigned")
    assert again.exit_code == 0
    assert again.stdout.startswith(f"consultant-demo 1.0.0 已安裝且內容相同，未變更（{target}）")
    assert pack(DEMO, tmp_path / "again")[1] == digest  # packing is repeatable


def test_a_tampered_archive_is_refused_and_nothing_is_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "home"))
    archive, digest = pack(DEMO, tmp_path)

    def tamper(entries: dict[str, bytes]) -> None:
        entries["parts/30-risks.md.j2"] += b"{{ proposal.__class__ }}\n"

    tampered = rewrite(archive, tmp_path / "tampered.tiiplib.zip", tamper)
    result = run_tiip("templates", "install", str(tampered))
    assert result.exit_code == 1
    assert result.stderr == (f"拒絕安裝 {tampered}：檔案 parts/30-risks.md.j2 的 SHA-256 不符，"
                             "封存檔可能遭竄改或損毀\n")
    assert not (tmp_path / "home" / "consultant-demo").exists()
    wrong = run_tiip("templates", "install", str(archive), "--sha256", "0" * 64, "--lang", "en")
    assert wrong.exit_code == 1
    assert wrong.stderr == (f"refused to install {archive}: the archive's SHA-256 differs from the "
                            f"published one ({digest})\n")


@pytest.mark.parametrize("change, reason", [
    (lambda e: e.__setitem__("../evil.j2", b"x"), "封存檔中有不安全的路徑：../evil.j2"),
    (lambda e: e.__setitem__("/etc/evil.j2", b"x"), "封存檔中有不安全的路徑：/etc/evil.j2"),
    (lambda e: e.__setitem__("parts\\evil.j2", b"x"), "封存檔中有不安全的路徑：parts\\evil.j2"),
    (lambda e: e.__setitem__("extra.j2", b"x"), "封存檔中有清單以外的檔案：extra.j2"),
    (lambda e: e.__setitem__("run.py", b"x"), "封存檔中有樣板庫不應有的檔案：run.py"),
    (lambda e: e.pop("tables.yaml"), "封存檔缺少清單中的檔案：tables.yaml"),
    (lambda e: e.pop("tiiplib.json"), "封存檔中沒有 tiiplib.json，不是 tiip templates pack 產生的"),
])
def test_unsafe_or_incomplete_archives_are_refused(tmp_path: Path, monkeypatch, change,
                                                   reason: str) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "home"))
    archive, _digest = pack(DEMO, tmp_path)
    bad = rewrite(archive, tmp_path / "bad.zip", change)
    result = run_tiip("templates", "install", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"拒絕安裝 {bad}：{reason}\n"
    assert not (tmp_path / "home").exists() or not os.listdir(tmp_path / "home")


def test_an_installed_version_is_never_replaced_silently(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "home"))
    library = make_library(tmp_path / "lib", name="acme", version="1.0.0")
    first, _ = pack(library, tmp_path / "v1")
    assert run_tiip("templates", "install", str(first), "--allow-unsigned").exit_code == 0
    (library / "library.yaml").write_text(
        (library / "library.yaml").read_text(encoding="utf-8").replace("1.0.0", "1.1.0"),
        encoding="utf-8")
    second, _ = pack(library, tmp_path / "v2")
    target = tmp_path / "home" / "acme"
    refused = run_tiip("templates", "install", str(second), "--allow-unsigned")
    assert refused.exit_code == 1
    assert refused.stderr == (f"拒絕安裝 {second}：已安裝 acme 1.0.0（{target}）；要取代請加上 --replace。\n")
    assert "version: 1.0.0" in (target / "library.yaml").read_text(encoding="utf-8")
    replaced = run_tiip("templates", "install", str(second), "--replace", "--allow-unsigned")
    assert replaced.exit_code == 0
    assert replaced.stdout.splitlines()[0] == f"已將 acme 1.0.0 換成 1.1.0（{target}）"
    assert "version: 1.1.0" in (target / "library.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == ["acme"]


def test_a_library_named_like_another_cannot_be_installed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(HOME, str(tmp_path / "home"))
    library = make_library(tmp_path / "lib", name="official", extends="null")
    (library / "library.yaml").write_text(
        (library / "library.yaml").read_text(encoding="utf-8").replace("extends: null\n", ""),
        encoding="utf-8")
    (library / "proposal.md.j2").write_text("# 壹、x\n", encoding="utf-8")
    (library / "reference.docx").write_bytes((DEMO / "reference.docx").read_bytes())
    archive, _ = pack(library, tmp_path)
    result = run_tiip("templates", "install", str(archive), "--allow-unsigned")
    assert result.exit_code == 1
    assert "樣板庫名稱「official」已被" in result.stderr and "（內建）使用" in result.stderr


def test_pack_refuses_a_library_with_lint_errors(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": "{{ nope }}\n"})
    result = run_tiip("templates", "pack", str(library), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"樣板庫有 1 個錯誤，未打包；請先修正（tiip templates lint {library}）。")
    assert not list(tmp_path.glob("*.zip"))


def test_a_corrupt_zip_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.tiiplib.zip"
    bad.write_bytes(b"PK not really")
    result = run_tiip("templates", "install", str(bad), "--lang", "en")
    assert result.exit_code == 2  # unreadable input
    assert result.stderr == f"refused to install {bad}: not a valid library archive (zip)\n"
