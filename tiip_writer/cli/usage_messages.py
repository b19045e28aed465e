"""click's own messages (unknown option, missing argument, bad value …) in Traditional Chinese.

click builds every usage error from gettext message ids (`_("No such option {name!r}.")`),
looked up when the error is raised; we give its modules a lookup that answers from the table
below. The language is decided when the message is made, and the --lang option may not have
been parsed yet (the error can be in the options themselves), so it is read from the command
line that `remember` was given, else from TIIP_LANG: Chinese unless English is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

import click.core
import click.exceptions
import click.formatting
import click.parser
import click.types

from tiip_writer.cli.common import default_lang

ZH: dict[str, str] = {
    "Error: {message}": "錯誤：{message}",
    "Try '{command} {option}' for help.": "執行「{command} {option}」可看用法說明。",
    "Usage:": "用法:",
    "Invalid value: {message}": "值不正確：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不正確：{message}",
    "Missing argument": "缺少引數",
    "Missing option": "缺少選項",
    "Missing parameter": "缺少參數",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少參數：{param_name}",
    "No such option {name!r}.": "沒有 {name!r} 這個選項。",
    "No such option: {name}": "沒有 {name} 這個選項。",
    "No such command {name!r}.": "沒有 {name!r} 這個指令。",
    "No such command '{name}'.": "沒有 '{name}' 這個指令。",
    "Did you mean {possibility}?": "是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要用其中一個：{possibilities}？）",
    "(Possible options: {possibilities})": "（可能的選項：{possibilities}）",
    "Option {name!r} requires an argument.": "選項 {name!r} 後面要接一個值。",
    "Option {name!r} requires {nargs} arguments.": "選項 {name!r} 後面要接 {nargs} 個值。",
    "Option {name!r} does not take a value.": "選項 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "引數 {name!r} 需要 {nargs} 個值。",
    "Got unexpected extra argument ({args})": "多了無法辨識的引數（{args}）",
    "Got unexpected extra arguments ({args})": "多了無法辨識的引數（{args}）",
    "Missing command.": "缺少子指令。",
    "{value!r} is not {choice}.": "{value!r} 不是可用的值；可用：{choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可用的值；可用：{choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的數字（{number_type}）。",
    "{value} is not in the range {range}.": "{value} 不在允許的範圍 {range} 內。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是檔案，不是資料夾。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是資料夾，不是檔案。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 無法讀取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 無法寫入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 無法執行。",
    "file": "檔案",
    "directory": "資料夾",
    "path": "路徑",
    "Aborted!": "已中止。",
}

_arguments: list[str] = []


def remember(arguments: Sequence[str]) -> None:
    """Keep the command line being parsed, to find --lang before click has read it."""
    _arguments[:] = [str(a) for a in arguments]


def language() -> str:
    """Return 'en' when the command line or TIIP_LANG asks for English, else 'zh'."""
    for index, argument in enumerate(_arguments):
        if argument == "--lang" and index + 1 < len(_arguments):
            return "en" if _arguments[index + 1] == "en" else "zh"
        if argument.startswith("--lang="):
            return "en" if argument == "--lang=en" else "zh"
    return default_lang()


def gettext(message: str) -> str:
    """Return click's `message` in the user's language."""
    return ZH.get(message, message) if language() == "zh" else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return click's singular or plural `message` in the user's language."""
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click's modules look their messages up here."""
    for module in (click.core, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
