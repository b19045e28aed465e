"""`tiip templates …`: list, show, new and docs here; lint/test and pack/install in siblings.

Exit codes: 0 done, 1 findings (a broken library, a name clash), 2 bad usage or input.
"""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli import templates_archive, templates_check
from tiip_writer.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    lang_option,
)
from tiip_writer.cli.templates_common import load_or_exit
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.fileio import failure_reason, write_atomic
from tiip_writer.libraries import discovery
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.render.library import load_library

MESSAGES = {
    "list-head": Text("名稱\t版本\t標題\t來源", "name\tversion\ttitle\tfrom"),
    "broken": Text("（library.yaml 有誤；以 tiip templates lint {root} 檢查）",
                   "(library.yaml has errors; check with tiip templates lint {root})"),
    "show-head": Text("樣板庫 {name} {version}：{title}", "library {name} {version}: {title}"),
    "from": Text("來源：{origin}（{root}）", "from: {origin} ({root})"),
    "description": Text("說明：{text}", "description: {text}"),
    "chain": Text("extends 鏈：{chain}", "extends chain: {chain}"),
    "supports": Text("支援：計畫書格式版本 {formats}；計畫年度 {years}",
                     "supports: proposal format {formats}; programme years {years}"),
    "entry": Text("主樣板：{entry}", "entry template: {entry}"),
    "reference": Text("參考文件：{path}（{owner}）", "reference document: {path} ({owner})"),
    "no-reference": Text("參考文件：（無）", "reference document: (none)"),
    "tables": Text("tables.yaml：{parts}", "tables.yaml: {parts}"),
    "tables-own": Text("{name} 設定 {count} 項", "{name} sets {count} entries"),
    "files": Text("樣板檔案（實際採用的樣板庫在前）：", "template files (the library whose file wins first):"),
    "overrides": Text("覆寫 {names}", "overrides {names}"),
    "created": Text("已建立樣板庫 {folder}（extends {parent}）：", "created library {folder} (extends {parent}):"),
    "next": Text("下一步：tiip build 計畫書.yaml --template {folder}；tiip templates lint {folder}",
                 "next: tiip build proposal.yaml --template {folder}; tiip templates lint {folder}"),
    "docs-written": Text("已產生 {path}", "wrote {path}"),
}


def say(key: str, lang: str, **values: object) -> str:
    """Return the message `key` in `lang`, filled with `values`."""
    return MESSAGES[key].get(lang).format(**values)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def templates() -> None:
    """樣板庫：列出、檢視、建立、檢查、試排、打包與安裝。Template libraries."""


@templates.command("list")
@lang_option
def list_libraries(lang: str) -> None:
    """列出所有找得到的樣板庫（內建、TIIP_TEMPLATE_PATH、使用者資料夾、Python 套件）。"""
    found = discovery.candidates()
    rows = [MESSAGES["list-head"].get(lang).split("\t")]
    broken = False
    for candidate in found:
        try:
            library = load_library(candidate.root)
            rows.append([library.name, library.version, library.manifest.title,
                         candidate.origin.describe().get(lang)])
        except LibraryError:
            broken = True
            rows.append([candidate.name, "?", say("broken", lang, root=candidate.root),
                         candidate.origin.describe().get(lang)])
    click.echo(_columns(rows))
    clashes = discovery.clashes(found)
    for name in clashes:
        try:
            discovery.find(name)
        except LibraryError as error:
            for diagnostic in error.diagnostics:
                echo_err(format_diagnostic(diagnostic, lang))
    if clashes or broken:
        raise SystemExit(EXIT_FINDINGS)


@templates.command()
@click.argument("name", metavar="NAME|DIR")
@lang_option
def show(name: str, lang: str) -> None:
    """顯示樣板庫的說明檔、extends 鏈、參考文件，以及每個樣板檔實際採用哪個樣板庫的版本。"""
    library = load_or_exit(name, lang)
    manifest = library.manifest
    lines = [say("show-head", lang, name=library.name, version=library.version,
                 title=manifest.title),
             say("from", lang, origin=library.origin.describe().get(lang), root=library.root)]
    if manifest.data.get("description"):
        lines.append(say("description", lang, text=manifest.data["description"]))
    lines.append(say("chain", lang, chain=" → ".join(f"{m.name} {m.version}" for m in library.chain)))
    lines.append(say("supports", lang, formats=", ".join(map(str, manifest.format_versions)),
                     years=", ".join(map(str, manifest.programme_years))))
    lines.append(say("entry", lang, entry=library.entry))
    reference = library.reference_docx
    owner = next((m.name for m in library.chain if reference and m.root in reference.parents), "")
    lines.append(say("reference", lang, path=reference, owner=owner) if reference
                 else say("no-reference", lang))
    sep = "；" if lang == "zh" else "; "
    lines.append(say("tables", lang, parts=sep.join(
        say("tables-own", lang, name=m.name, count=_leaves(m.own_tables)) for m in library.chain)))
    lines.append(say("files", lang))
    files = library.template_files()
    width = max((_width(n) for n in files), default=0)
    for file_name, holders in files.items():
        note = ""
        if len(holders) > 1:
            joined = ("、" if lang == "zh" else ", ").join(h.name for h in holders[1:])
            note = "  " + say("overrides", lang, names=joined)
        padding = " " * (width - _width(file_name))
        lines.append(f"  {file_name}{padding}  {holders[0].name}{note}")
    click.echo("\n".join(lines))


@templates.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--extends", "parent", default=discovery.OFFICIAL, show_default=True,
              metavar="NAME|DIR", help="上層樣板庫。The library to build on.")
@click.option("--name", default=None, help="樣板庫名稱（預設：資料夾名稱）。Library name.")
@click.option("--with-reference", is_flag=True,
              help="複製上層的 reference.docx，以便在 Word 中修改字型與樣式。Copy the parent's reference .docx.")
@lang_option
def new(folder: Path, parent: str, name: str | None, with_reference: bool, lang: str) -> None:
    """建立一個可直接使用的樣板庫 DIR（沿用上層樣板庫，尚未改寫任何內容）。"""
    from tiip_writer.libraries.starter import StarterError, create_library

    try:
        written = create_library(folder, parent, name, with_reference)
    except LibraryError as error:
        for diagnostic in error.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None
    except StarterError as error:
        echo_err(error.message_zh if lang == "zh" else str(error))
        raise SystemExit(EXIT_INPUT) from None
    except OSError as error:
        echo_err(f"{folder}: {error.strerror or error}")
        raise SystemExit(EXIT_INPUT) from None
    lines = [say("created", lang, folder=folder, parent=parent)]
    lines.extend(f"  {path}" for path in written)
    lines.append(say("next", lang, folder=folder))
    click.echo("\n".join(lines))


@templates.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="寫入檔案（預設印出）。Write to FILE instead of printing.")
@lang_option
def docs(output: Path | None, lang: str) -> None:
    """產生樣板作者文件（docs/templates.md）：所有變數、過濾器、指令、區塊與樣式，取自程式碼。"""
    from tiip_writer.libraries.docs import template_docs

    text = template_docs()
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        echo_err(f"{output}: {failure_reason(error, lang)}")
        raise SystemExit(EXIT_INPUT) from None
    echo_err(say("docs-written", lang, path=output))


def _leaves(data: object) -> int:
    """Return how many non-mapping values a tables.yaml mapping sets."""
    if isinstance(data, dict):
        return sum(_leaves(v) for v in data.values())
    return 1


def _columns(rows: list[list[str]]) -> str:
    """Return rows as left-aligned columns (CJK characters count double)."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in
                               enumerate(row)).rstrip() for row in rows)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)



templates.add_command(templates_check.lint)
templates.add_command(templates_check.test)
templates.add_command(templates_archive.pack)
templates.add_command(templates_archive.install)
