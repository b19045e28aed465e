"""Entry point: the `tiip` command group. Sub-commands are imported only when used."""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any

import click

from tiip_writer import __version__
from tiip_writer.cli import streams, usage_messages

# verb -> "module:function"; each module holds one verb so start-up imports only what it needs.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("tiip_writer.cli.check:check", "檢核計畫書（結構、規則、撰寫要點）。Check proposals."),
    "new": ("tiip_writer.cli.new:new", "產生一份完整的計畫書範本。Write a new proposal scaffold."),
    "edit": ("tiip_writer.cli.edit:edit",
             "在瀏覽器中編輯：即時檢核、經費與預覽。Edit in the browser, checked as you type."),
    "build": ("tiip_writer.cli.build:build", "檢核後產生 Word 計畫書。Build the Word proposal."),
    "diff": ("tiip_writer.cli.diff:diff",
             "比較計畫書兩個版本的差異（文字、數字、檢核結果）。Compare two versions."),
    "budget": ("tiip_writer.cli.budget:budget", "經費需求總表、各年度經費與上限檢核。Show the budget."),
    "rules": ("tiip_writer.cli.rules:rules", "列出年度規則集的規則與門檻。List the rules of a year."),
    "review": ("tiip_writer.cli.review:review",
               "審查重點自評表：每項重點在計畫書何處回應。Self-assess the review criteria."),
    "templates": ("tiip_writer.cli.templates:templates",
                  "樣板庫：列出、建立、檢查、試排、打包、安裝。Template libraries."),
    "keys": ("tiip_writer.cli.keys:keys",
             "簽署金鑰：建立、信任與列出發布者的公鑰。Signing keys and the keys you trust."),
}


INTERRUPTED = "已中斷。Interrupted."
EXIT_INTERRUPTED = 130


class LazyGroup(click.Group):
    """A click group that imports a sub-command's module only when it is invoked, and says
    click's usage errors in the user's language."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        usage_messages.remember(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_target, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        # click would turn Ctrl-C into "Aborted!" and exit 1; say it in the user's words and
        # exit 130 (128 + SIGINT) as shells expect.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tiip")
def cli() -> None:
    """tiip：產業升級創新平台輔導計畫（TIIP）計畫書工具。

    以 YAML 撰寫計畫書，tiip check 檢核，tiip build 產生 Word 檔。
    """


# A tiip run is short and its data (the proposal, tables, Word XML) is acyclic: collecting the
# young generation every 700 allocations, and the old one as the heap grows, made a 100×
# build more than twice as slow and freed nothing. Collections still run, just rarely.
GC_THRESHOLDS = (50_000, 50, 50)

usage_messages.install()


def main() -> None:
    """Run the CLI and exit with its code, skipping the interpreter's teardown (see _exit)."""
    try:
        _run()
    except SystemExit as done:
        _exit(done.code)


def _run() -> None:
    """Run the CLI; turn any unexpected exception into a short message instead of a traceback."""
    gc.set_threshold(*GC_THRESHOLDS)
    streams.prepare_streams()
    try:
        try:
            cli.main(prog_name="tiip", standalone_mode=True)
        finally:
            streams.flush_stdout()  # a full disk shows here, while tiip can still say so
    except SystemExit:
        raise
    except KeyboardInterrupt:  # while parsing the arguments, before a verb runs
        click.echo(INTERRUPTED, err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get("TIIP_DEBUG"):
            raise
        if streams.is_stream_failure(exc):  # stdout full or closed: not tiip's problem
            sys.exit(streams.report_stream_failure(exc))  # type: ignore[arg-type]
        click.echo(
            f"tiip 內部錯誤（internal error）：{type(exc).__name__}: {exc}\n"
            "這是 tiip 的問題，不是您的檔案的問題；請附上檔案回報。設定 TIIP_DEBUG=1 可看到詳細資訊。",
            err=True,
        )
        sys.exit(3)


def _exit(code: object) -> None:
    """Exit with `code` as SystemExit would, without the interpreter's teardown.

    After a build Python would collect the whole heap once more and then free every object
    and module one by one (50–130 ms, a fifth of a cold build) only for the memory to go back
    to the system anyway. tiip closes its files itself and never relies on a finaliser, so
    this exits at once: the atexit handlers run and the standard streams are flushed, as they
    would be. With another thread still running, the interpreter's own exit waits for it.
    """
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's own
    if threading.active_count() > 1 or run_exit_handlers is None:
        gc.freeze()  # still spare the last collection
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("text"): printed, exit 1
        if sys.stderr is not None:
            print(code, file=sys.stderr)
        status = 1
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # as the interpreter: output lost, exit 120
            status = 120
    os._exit(status)


if __name__ == "__main__":
    main()
