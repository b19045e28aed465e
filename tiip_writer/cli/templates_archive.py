"""`tiip templates pack DIR` and `tiip templates install ARCHIVE`: publish and install libraries."""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    lang_option,
)
from tiip_writer.cli.templates_common import library_folder
from tiip_writer.foundation.diagnostics import Severity, Text
from tiip_writer.foundation.fileio import write_atomic

MESSAGES = {
    "lint-failed": Text("樣板庫有 {count} 個錯誤，未打包；請先修正（tiip templates lint {folder}）。",
                        "the library has {count} error(s); nothing was packed. Fix them first "
                        "(tiip templates lint {folder})."),
    "packed": Text("已產生 {path}（{count} 個檔案，各附 SHA-256）", "wrote {path} ({count} files, each with its SHA-256)"),
    "digest": Text("封存檔 SHA-256：{digest}\n請與封存檔一同公布；安裝者可用 tiip templates install {name} --sha256 {digest} 核對。",
                   "archive SHA-256: {digest}\npublish it with the archive; installers can check "
                   "it with tiip templates install {name} --sha256 {digest}."),
    "refused": Text("拒絕安裝 {archive}：{reason}", "refused to install {archive}: {reason}"),
    "installed": Text("已安裝 {name} {version} 到 {target}", "installed {name} {version} into {target}"),
    "replaced": Text("已將 {name} {previous} 換成 {version}（{target}）",
                     "replaced {name} {previous} with {version} ({target})"),
    "unchanged": Text("{name} {version} 已安裝且內容相同，未變更（{target}）",
                      "{name} {version} is already installed with the same files; nothing "
                      "changed ({target})"),
    "use": Text("使用：tiip build 計畫書.yaml --template {name}", "use: tiip build proposal.yaml --template {name}"),
    "unreadable": Text("無法讀取 {path}：{reason}", "cannot read {path}: {reason}"),
    "unwritable": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="封存檔放置的資料夾。Folder for the archive.")
@lang_option
def pack(folder: Path, output_dir: Path, lang: str) -> None:
    """檢查後把樣板庫 DIR 打包成 名稱-版本.tiiplib.zip，內含每個檔案的 SHA-256 清單。"""
    from tiip_writer.libraries.archive import ArchiveError, library_files, sha256
    from tiip_writer.libraries.archive import pack as pack_library
    from tiip_writer.libraries.lint import lint_library

    folder = library_folder(folder, lang)
    found = lint_library(folder)
    errors = [d for d in found if d.severity is Severity.ERROR]
    for diagnostic in found:
        echo_err(format_diagnostic(diagnostic, lang))
    if errors:
        echo_err(_say("lint-failed", lang, count=len(errors), folder=folder))
        raise SystemExit(EXIT_FINDINGS)
    try:
        name, data = pack_library(folder)
        count = len(library_files(folder))
        target = output_dir / name
        output_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except ArchiveError as error:
        echo_err(error.text.get(lang))
        raise SystemExit(EXIT_INPUT) from None
    except OSError as error:
        echo_err(_say("unwritable", lang, path=output_dir, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say("packed", lang, path=target, count=count))
    click.echo(_say("digest", lang, digest=sha256(data), name=name))


@click.command()
@click.argument("archive", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="取代已安裝的版本（預設不覆寫）。Replace an installed version.")
@click.option("--sha256", "expected", default=None, metavar="HEX",
              help="發布者公布的封存檔 SHA-256，不符則拒絕。The publisher's archive checksum.")
@lang_option
def install(archive: Path, replace: bool, expected: str | None, lang: str) -> None:
    """核對封存檔中每個檔案的 SHA-256 後，安裝到使用者樣板資料夾（之後可用名稱指定）。"""
    from tiip_writer.libraries.archive import ArchiveError
    from tiip_writer.libraries.install import install as install_archive

    try:
        data = archive.read_bytes()
    except OSError as error:
        echo_err(_say("unreadable", lang, path=archive, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    try:
        done = install_archive(data, replace=replace, expected_sha256=expected)
    except ArchiveError as error:
        echo_err(_say("refused", lang, archive=archive, reason=error.text.get(lang)))
        raise SystemExit(EXIT_FINDINGS) from None
    except OSError as error:
        echo_err(_say("unreadable", lang, path=archive, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say(done.status, lang, name=done.name, version=done.version,
                    previous=done.previous_version, target=done.target))
    click.echo(_say("use", lang, name=done.name))
    raise SystemExit(EXIT_CLEAN)
