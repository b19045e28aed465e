"""`tiip edit FILE`: edit a proposal in the browser, with live findings, budget and preview.

Ctrl-C stops the server with exit code 130 like every tiip command (SIGTERM: 0); 2 when the
file cannot be opened or the port is taken. Edits not saved in the page are not written. A FILE that does not exist yet is first created as `tiip new` would, after asking for
the plan type (or taking it from --plan).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    format_input_error,
    lang_option,
)
from tiip_writer.foundation.diagnostics import InputError
from tiip_writer.source.scaffold import PLAN_TYPES, resolve_plan_type

SAY = {
    "zh": {
        "choose": "{file} 不存在。要建立哪一類計畫書？",
        "prompt": "請輸入編號",
        "need-plan": "{file} 不存在；請以 --plan 指定計畫類型（{types}）以建立新檔。",
        "unknown-plan": "不認得計畫類型「{plan}」。可用：{types}",
        "created": "已建立 {file}（{plan}）。",
        "port": "無法使用連接埠 {port}：{reason}。請換一個 --port，或省略讓系統自選。",
        "ready": "編輯器已啟動：{url}\n（僅限本機存取；按 Ctrl-C 結束。未存檔的修改不會寫入檔案。）",
        "stopped": "編輯器已結束。",
    },
    "en": {
        "choose": "{file} does not exist. Which kind of proposal should it be?",
        "prompt": "Enter a number",
        "need-plan": "{file} does not exist; give the plan type with --plan ({types}) to create it.",
        "unknown-plan": "unknown plan type '{plan}'. Use one of: {types}",
        "created": "Created {file} ({plan}).",
        "port": "cannot use port {port}: {reason}. Choose another --port, or leave it out for a free one.",
        "ready": "The editor is running: {url}\n(this machine only; Ctrl-C stops it. Unsaved changes are not written.)",
        "stopped": "The editor has stopped.",
    },
}


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="連接埠（預設：系統自選的空閒埠）。Port (default: a free one).")
@click.option("--no-browser", is_flag=True, help="不自動開啟瀏覽器。Do not open the browser.")
@click.option("--plan", "plan", default=None, metavar="TYPE",
              help="FILE 不存在時，以此計畫類型建立（同 tiip new --plan）。Plan type for a new FILE.")
@lang_option
def edit(file: Path, port: int, no_browser: bool, plan: str | None, lang: str) -> None:
    """在瀏覽器中編輯計畫書 FILE：即時檢核、經費試算與預覽，存回同一個 YAML 檔。"""
    say = SAY["en" if lang == "en" else "zh"]
    if not file.exists():
        _create(file, plan, say, lang)
    from tiip_writer.editor.session import EditSession, UnreadableFile

    try:
        session = EditSession(file, str(file))
    except InputError as error:
        echo_err(format_input_error(error, lang))
        raise SystemExit(EXIT_INPUT) from None
    except UnreadableFile as error:  # told as `tiip check` tells it, file:line:col first
        echo_err(format_diagnostic(error.diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None
    from tiip_writer.editor.serve import listening_socket, serve

    try:
        sock = listening_socket(port)
    except OSError as exc:
        echo_err(say["port"].format(port=port, reason=exc.strerror or exc))
        raise SystemExit(EXIT_INPUT) from None
    serve(session, sock, lang, not no_browser, lambda url: click.echo(say["ready"].format(url=url)))
    click.echo(say["stopped"], err=True)
    raise SystemExit(EXIT_CLEAN)


def _create(file: Path, plan: str | None, say: dict[str, str], lang: str) -> None:
    """Write the `tiip new` scaffold at `file`, asking for the plan type when none is given."""
    from tiip_writer.cli.new import render_text
    from tiip_writer.foundation.fileio import write_atomic

    types = "、".join(PLAN_TYPES)
    if plan is None:
        if not sys.stdin.isatty():
            echo_err(say["need-plan"].format(file=file, types=types))
            raise SystemExit(EXIT_INPUT)
        click.echo(say["choose"].format(file=file))
        for number, name in enumerate(PLAN_TYPES, start=1):
            click.echo(f"  {number}. {name}")
        choice = click.prompt(say["prompt"], type=click.IntRange(1, len(PLAN_TYPES)))
        plan = PLAN_TYPES[choice - 1]
    plan_type = resolve_plan_type(plan)
    if plan_type is None:
        echo_err(say["unknown-plan"].format(plan=plan, types=types))
        raise SystemExit(EXIT_INPUT)
    if not file.parent.is_dir():
        echo_err(f"{file}: folder {file.parent} does not exist." if lang == "en"
                 else f"{file}：資料夾 {file.parent} 不存在。")
        raise SystemExit(EXIT_INPUT)
    try:
        write_atomic(file, render_text(file, plan_type, None).encode("utf-8"))
    except OSError as exc:
        echo_err(f"{file}: {exc.strerror}")
        raise SystemExit(EXIT_INPUT) from None
    click.echo(say["created"].format(file=file, plan=plan_type))
