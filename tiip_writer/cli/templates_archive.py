"""`tiip templates pack DIR [--sign KEY]` and `tiip templates install ARCHIVE`: publish and
install libraries; an edition is a library holding `rulesets/<year>.yaml`, signed by the office."""

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
from tiip_writer.foundation.fileio import failure_reason, write_atomic

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
    "ruleset-failed": Text("年度版本中的規則集有 {count} 個問題，未打包；請先修正（tiip rules lint）。",
                           "the edition's rule sets have {count} problem(s); nothing was packed. "
                           "Fix them first (tiip rules lint)."),
    "bad-key": Text("無法以 {path} 簽署：{reason}", "cannot sign with {path}: {reason}"),
    "signed": Text("已以金鑰 {signer} 簽署。", "signed with key {signer}."),
    "signed-by": Text("簽署者：{signer}（信任的金鑰）", "signed by: {signer} (a trusted key)"),
    "unsigned": Text("未簽署（依 --allow-unsigned 安裝）", "unsigned (installed under --allow-unsigned)"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="封存檔放置的資料夾。Folder for the archive.")
@click.option("--sign", "key_file", type=click.Path(path_type=Path), default=None, metavar="KEY",
              help="以 tiip keys new 產生的私鑰簽署（年度版本必須簽署）。Sign with this private key.")
@lang_option
def pack(folder: Path, output_dir: Path, key_file: Path | None, lang: str) -> None:
    """檢查後把樣板庫 DIR 打包成 名稱-版本.tiiplib.zip，內含每個檔案的 SHA-256 清單；
    DIR 的 rulesets/ 下的規則集一併檢查；--sign 加上簽章。"""
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
    _lint_rulesets(folder, lang)
    sign = _signer(key_file, lang) if key_file else None
    try:
        name, data = pack_library(folder, sign)
        count = len(library_files(folder))
        target = output_dir / name
        output_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except ArchiveError as error:
        echo_err(error.text.get(lang))
        raise SystemExit(EXIT_INPUT) from None
    except OSError as error:
        echo_err(_say("unwritable", lang, path=output_dir, reason=failure_reason(error, lang)))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say("packed", lang, path=target, count=count))
    if key_file:
        click.echo(_say("signed", lang, signer=key_file.stem))
    click.echo(_say("digest", lang, digest=sha256(data), name=name))


def _lint_rulesets(folder: Path, lang: str) -> None:
    """Refuse to pack an edition whose rule sets have problems."""
    from tiip_writer.editions.ruleset_lint import lint_ruleset
    from tiip_writer.foundation.diagnostics import InputError
    from tiip_writer.ruleset.discovery import EDITION_FOLDER

    problems = 0
    for path in sorted((folder / EDITION_FOLDER).glob("*.yaml")):
        try:
            found = lint_ruleset(path, display=str(path))
        except InputError as error:
            echo_err(_say("unreadable", lang, path=path, reason=error.message.get(lang)))
            raise SystemExit(EXIT_INPUT) from None
        for diagnostic in found:
            echo_err(format_diagnostic(diagnostic, lang))
        problems += len(found)
    if problems:
        echo_err(_say("ruleset-failed", lang, count=problems))
        raise SystemExit(EXIT_FINDINGS)


def _signer(key_file: Path, lang: str):  # -> Callable[[bytes], bytes]
    """Return the signing function of the private key in `key_file` (checked before packing)."""
    from tiip_writer.editions.signing import SignatureError, sign_listing

    try:
        pem = key_file.read_bytes()
        sign_listing(pem, key_file.stem, b"{}")  # a bad key stops here, before any output
    except OSError as error:
        echo_err(_say("bad-key", lang, path=key_file, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    except SignatureError as error:
        echo_err(_say("bad-key", lang, path=key_file, reason=error.text.get(lang)))
        raise SystemExit(EXIT_INPUT) from None
    return lambda listing: sign_listing(pem, key_file.stem, listing)


@click.command()
@click.argument("archive", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="取代已安裝的版本（預設不覆寫）。Replace an installed version.")
@click.option("--sha256", "expected", default=None, metavar="HEX",
              help="發布者公布的封存檔 SHA-256，不符則拒絕。The publisher's archive checksum.")
@click.option("--allow-unsigned", is_flag=True,
              help="允許未簽署的封存檔（自己或顧問的樣板庫）。Accept a pack without a trusted signature.")
@lang_option
def install(archive: Path, replace: bool, expected: str | None, allow_unsigned: bool,
            lang: str) -> None:
    """核對簽章（須為 tiip keys trust 信任的金鑰）與每個檔案的 SHA-256 後，安裝到使用者樣板
    資料夾（之後可用名稱指定；其中的規則集即可使用）。"""
    from tiip_writer.libraries.archive import ArchiveError, DamagedArchive
    from tiip_writer.libraries.install import install as install_archive

    try:
        data = archive.read_bytes()
    except OSError as error:
        echo_err(_say("unreadable", lang, path=archive, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    try:
        done = install_archive(data, replace=replace, expected_sha256=expected,
                               allow_unsigned=allow_unsigned)
    except ArchiveError as error:
        echo_err(_say("refused", lang, archive=archive, reason=error.text.get(lang)))
        # a damaged archive is unreadable input; a readable one that breaks a rule, a finding
        raise SystemExit(EXIT_INPUT if isinstance(error, DamagedArchive) else EXIT_FINDINGS) \
            from None
    except OSError as error:
        echo_err(_say("unreadable", lang, path=archive, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say(done.status, lang, name=done.name, version=done.version,
                    previous=done.previous_version, target=done.target))
    click.echo(_say("signed-by", lang, signer=done.signer.describe()) if done.signer
               else _say("unsigned", lang))
    click.echo(_say("use", lang, name=done.name))
    raise SystemExit(EXIT_CLEAN)
