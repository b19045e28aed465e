"""Finding libraries by name: built-in, TIIP_TEMPLATE_PATH, the user folder, entry points;
a name claimed twice is an error."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.helpers import run_tiip
from tests.templates.helpers import OFFICIAL, SAMPLE, copy_official, make_library
from tiip_writer.libraries import discovery
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.render.library import load_library


def test_a_library_on_the_search_path_is_found_by_name(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    make_library(tmp_path / "libs" / "acme", name="acme")
    single = make_library(tmp_path / "single", name="solo")
    monkeypatch.setenv("TIIP_TEMPLATE_PATH", f"{tmp_path / 'libs'}{':'}{single}")
    assert load_library("acme").root == (tmp_path / "libs" / "acme").resolve()
    assert load_library("solo").chain[1].name == "official"
    result = run_tiip("build", str(SAMPLE), "--template", "acme", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 0, result.stderr
    listed = run_tiip("templates", "list")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["名稱", "版本", "標題", "來源"]
    assert lines[1].split() == ["official", "1.0.0", "TIIP", "計畫書官方格式", "內建"]
    assert lines[2].split() == ["acme", "0.1.0", "測試樣板庫", f"TIIP_TEMPLATE_PATH（{tmp_path / 'libs'}）"]
    assert lines[3].split() == ["solo", "0.1.0", "測試樣板庫", f"TIIP_TEMPLATE_PATH（{single}）"]


def test_two_libraries_with_one_name_are_a_clear_error(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_library(tmp_path / "one" / "acme", name="acme")
    second = make_library(tmp_path / "two" / "acme-copy", name="acme")
    monkeypatch.setenv("TIIP_TEMPLATE_PATH", f"{tmp_path / 'one'}:{tmp_path / 'two'}")
    with pytest.raises(LibraryError) as caught:
        load_library("acme")
    [finding] = caught.value.diagnostics
    assert finding.rule == "library.clash"
    assert finding.message.zh == (
        f"有 2 個樣板庫都叫「acme」：{first.resolve()}（TIIP_TEMPLATE_PATH（{tmp_path / 'one'}））；"
        f"{second.resolve()}（TIIP_TEMPLATE_PATH（{tmp_path / 'two'}））")
    result = run_tiip("build", str(SAMPLE), "--template", "acme")
    assert result.exit_code == 2 and "有 2 個樣板庫都叫「acme」" in result.stderr
    listed = run_tiip("templates", "list")
    assert listed.exit_code == 1 and "library.clash" in listed.stderr


def test_a_library_may_not_take_the_official_name(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    copy_official(tmp_path / "libs" / "official")
    monkeypatch.setenv("TIIP_TEMPLATE_PATH", str(tmp_path / "libs"))
    result = run_tiip("build", str(SAMPLE), "--template", "official", "--lang", "en")
    assert result.exit_code == 2
    assert "2 template libraries are called 'official'" in result.stderr


def test_the_user_folder_is_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIIP_TEMPLATE_HOME", str(tmp_path / "home"))
    make_library(tmp_path / "home" / "mine", name="mine")
    [candidate] = [c for c in discovery.candidates() if c.name == "mine"]
    assert candidate.origin.describe().zh == f"使用者樣板資料夾（{tmp_path / 'home'}）"


def test_the_official_library_registers_through_the_entry_point_group() -> None:
    [official] = [e for e in entry_points(group="tiip_writer.templates") if e.name == "official"]
    assert official.value == "tiip_writer.libraries.discovery:official_root"
    assert official.load()() == OFFICIAL.resolve()
    # reached twice (built-in and entry point), listed once
    assert [c.name for c in discovery.candidates()].count("official") == 1


def test_a_pip_installed_library_is_found_through_its_entry_point(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "acme_tiip_templates"
    make_library(package, name="acme-pkg", files={"parts/30-risks.md.j2": "# 參、風險\n"})
    info = tmp_path / "site" / "acme_tiip_templates-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-tiip-templates\n"
                                   "Version: 2.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[tiip_writer.templates]\nacme-pkg = acme_tiip_templates\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    library = load_library("acme-pkg")
    assert library.root == package.resolve()
    assert library.origin.describe().zh == (
        "Python 套件 acme-tiip-templates 2.0（acme-pkg = acme_tiip_templates）")
    assert "acme_tiip_templates" not in sys.modules  # found without running the package


def test_extends_by_relative_path(tmp_path: Path) -> None:
    make_library(tmp_path / "base", name="base")
    child = make_library(tmp_path / "child", name="child", extends="../base")
    assert [m.name for m in load_library(child).chain] == ["child", "base", "official"]
