"""`tiip templates new DIR --extends PARENT`: a working starter library that changes nothing yet.

The starter builds exactly the parent's document. It holds a manifest, a README, an empty
tables.yaml and one chapter that extends the parent's chapter with the blocks to replace
listed in a comment, so the first edit shows how overriding works.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from jinja2 import Environment, nodes

from tiip_writer.libraries.discovery import is_path_spec
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.libraries.manifest import MANIFEST, SUPPORTED_FORMAT_VERSION, TABLES
from tiip_writer.render.library import Library, load_library
from tiip_writer.render.loader import owner_of

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
EXAMPLE_CHAPTER = "parts/30-risks.md.j2"


class StarterError(Exception):
    """The starter library cannot be written (folder not empty, unusable name)."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh


def create_library(folder: Path, parent_spec: str, name: str | None = None,
                   with_reference: bool = False) -> list[Path]:
    """Write a starter library extending `parent_spec` into `folder`; return the files written."""
    parent = load_library(parent_spec)  # LibraryError when the parent cannot be used
    name = name or folder.name.lower()
    if not NAME.match(name):
        raise StarterError(f"「{name}」不能當樣板庫名稱：只能用小寫英文字母、數字、「.」「-」「_」；請以 --name 指定。",
                           f"'{name}' cannot be a library name: use lower-case letters, digits, "
                           "'.', '-', '_'; give one with --name.")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} 已存在且不是空資料夾；不會覆寫任何檔案。",
                           f"{folder} exists and is not an empty folder; nothing is overwritten.")
    extends = _extends_value(folder, parent_spec, parent)
    files = {
        MANIFEST: _manifest(name, extends, parent),
        TABLES: TABLES_TEXT,
        "README.md": README.format(name=name, parent=parent.name),
    }
    chapter = _example_chapter(parent)
    if chapter:
        files[EXAMPLE_CHAPTER] = chapter
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if with_reference and parent.reference_docx is not None:
        target = folder / "reference.docx"
        shutil.copyfile(parent.reference_docx, target)
        written.append(target)
    return written


def _extends_value(folder: Path, spec: str, parent: Library) -> str:
    """Return what the manifest's `extends` says: the name, or a path relative to `folder`."""
    if not is_path_spec(spec):
        return parent.name
    relative = os.path.relpath(parent.root, folder.resolve())
    return Path(relative).as_posix()


def _manifest(name: str, extends: str, parent: Library) -> str:
    years = ", ".join(str(y) for y in parent.manifest.programme_years)
    return MANIFEST_TEXT.format(name=name, extends=extends, parent=parent.name, years=years,
                                format_version=SUPPORTED_FORMAT_VERSION)


def _example_chapter(parent: Library) -> str | None:
    """Return a chapter that extends the parent's and replaces nothing, or None."""
    owner = owner_of(parent, EXAMPLE_CHAPTER)
    if owner is None:
        return None
    source = (owner.root / EXAMPLE_CHAPTER).read_text(encoding="utf-8")
    blocks = [block.name for block in Environment().parse(source).find_all(nodes.Block)]
    return CHAPTER_TEXT.format(parent=parent.name, chapter=EXAMPLE_CHAPTER,
                               blocks="、".join(blocks) or "（無）")


MANIFEST_TEXT = """\
# 樣板庫說明檔；各欄位的意義見 docs/templates.md，tiip templates lint 會檢查。
name: {name}
version: 0.1.0
title: {name} 計畫書格式
description: 以 {parent} 為基礎的樣板庫。
extends: {extends}
format_version: {format_version}
programme_years: [{years}]
# 自己的 Word 樣式（字型、標題）：放一份 reference.docx 在本資料夾即可，
# 沒有時沿用上層樣板庫的參考文件（tiip templates new --with-reference 會複製一份）。
"""

TABLES_TEXT = """\
# 原生表格的標題與欄名；只寫要改的項目，其餘沿用上層樣板庫（tiip templates show 可看到來源）。
# 例：
# cover:
#   restricted: 限閱（機密）
{}
"""

CHAPTER_TEXT = """\
{{#- 範例：沿用上層樣板庫「{parent}」的 {chapter}，目前沒有改寫任何內容。
    要改寫其中一節，在 extends 之後加上同名區塊，例如：

    {{% block risks %}}
    {{{{ table("risks") }}}}

    本公司另訂有風險管理辦法，每季檢討一次。
    {{% endblock %}}

    可覆寫的區塊：{blocks}。整章重寫則刪除 extends，直接寫 Markdown。 -#}}
{{% extends "{parent}:{chapter}" %}}
"""

README = """\
# 樣板庫 {name}

以 `{parent}` 為基礎。與上層樣板庫同路徑、同檔名的檔案會取代上層的檔案；
沒有的檔案沿用上層樣板庫。

- 檢查：`tiip templates lint .`
- 用全部範例計畫書試排：`tiip templates test .`
- 產生計畫書：`tiip build 計畫書.yaml --template 本資料夾`
- 打包發布：`tiip templates pack .`

可用的變數、過濾器、區塊與 Word 樣式見 tiip-writer 的 docs/templates.md
（或執行 `tiip templates docs`）。
"""

__all__ = ["LibraryError", "StarterError", "create_library"]
