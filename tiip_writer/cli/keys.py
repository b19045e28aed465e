"""`tiip keys new | trust | list`: the office's signing keys and the keys a user trusts."""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.common import EXIT_INPUT, echo_err, lang_option
from tiip_writer.foundation.diagnostics import Text

MESSAGES = {
    "bad-name": Text("金鑰名稱只能用英數字與 . _ - @ +（最多 64 字）：{name}",
                     "a key name uses letters, digits and . _ - @ + (up to 64): {name}"),
    "exists": Text("{path} 已存在，tiip keys new 不會覆寫金鑰檔。", "{path} exists; tiip keys new "
                   "never overwrites a key file."),
    "unwritable": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
    "unreadable": Text("無法讀取 {path}：{reason}", "cannot read {path}: {reason}"),
    "made": Text("已建立私鑰 {private}（僅本人可讀，切勿公開或放進版本庫）與公鑰 {public}。\n"
                 "金鑰代號：{key_id}\n"
                 "請公布 {public} 與其代號；使用者以 tiip keys trust {public} 信任它，"
                 "您以 tiip templates pack 版本資料夾 --sign {private} 簽署年度版本。",
                 "wrote the private key {private} (readable by you only: never publish or "
                 "commit it) and the public key {public}.\nkey id: {key_id}\n"
                 "publish {public} and its id; users trust it with tiip keys trust {public}; "
                 "you sign an edition with tiip templates pack FOLDER --sign {private}."),
    "trusted": Text("已信任金鑰 {signer}，存於 {path}。", "now trusting key {signer}, kept in {path}."),
    "already": Text("金鑰 {signer} 已是信任的金鑰（{path}）。", "key {signer} is trusted already ({path})."),
    "none": Text("尚未信任任何金鑰（{folder}）。內建的官方樣板庫隨程式提供，不需金鑰。",
                 "no key is trusted yet ({folder}). The built-in official library comes with the "
                 "program and needs none."),
    "list-head": Text("信任的金鑰（{folder}）：", "trusted keys ({folder}):"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.group()
def keys() -> None:
    """簽署金鑰：建立（計畫辦公室）、信任與列出發布者的公鑰。"""


@keys.command("new")
@click.argument("name")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("."), show_default=True, help="金鑰檔放置的資料夾。Folder for the keys.")
@lang_option
def new(name: str, output_dir: Path, lang: str) -> None:
    """建立 Ed25519 金鑰對：NAME.key（私鑰，權限 0600）與 NAME.pub（公鑰）。"""
    from tiip_writer.editions.signing import new_key_pair, valid_key_name
    from tiip_writer.foundation.fileio import write_new

    if not valid_key_name(name):
        echo_err(_say("bad-name", lang, name=name))
        raise SystemExit(EXIT_INPUT)
    private_path, public_path = output_dir / f"{name}.key", output_dir / f"{name}.pub"
    for path in (private_path, public_path):
        if path.exists():
            echo_err(_say("exists", lang, path=path))
            raise SystemExit(EXIT_INPUT)
    pem, public = new_key_pair(name)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        write_new(private_path, pem, mode=0o600)
        write_new(public_path, public.file_text().encode("utf-8"))
    except FileExistsError as error:
        echo_err(_say("exists", lang, path=error.filename or private_path))
        raise SystemExit(EXIT_INPUT) from None
    except OSError as error:
        echo_err(_say("unwritable", lang, path=output_dir, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say("made", lang, private=private_path, public=public_path, key_id=public.key_id))


@keys.command("trust")
@click.argument("public_key", metavar="KEY.pub", type=click.Path(path_type=Path))
@lang_option
def trust(public_key: Path, lang: str) -> None:
    """信任發布者的公鑰：之後以它簽署的樣板庫與年度版本才能安裝。"""
    from tiip_writer.editions.signing import SignatureError, read_public_key
    from tiip_writer.editions.trust import trust as trust_key

    try:
        key = read_public_key(public_key.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        echo_err(_say("unreadable", lang, path=public_key, reason=getattr(error, "strerror", None)
                      or error))
        raise SystemExit(EXIT_INPUT) from None
    except SignatureError as error:
        echo_err(f"{public_key}: {error.text.get(lang)}")
        raise SystemExit(EXIT_INPUT) from None
    try:
        path, added = trust_key(key)
    except OSError as error:
        echo_err(_say("unwritable", lang, path=error.filename, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say("trusted" if added else "already", lang, signer=key.describe(), path=path))


@keys.command("list")
@lang_option
def list_keys(lang: str) -> None:
    """列出信任的公鑰：名稱與代號。"""
    from tiip_writer.editions.trust import trust_dir, trusted_keys

    found = trusted_keys()
    if not found:
        click.echo(_say("none", lang, folder=trust_dir()))
        return
    click.echo(_say("list-head", lang, folder=trust_dir()))
    for key in sorted(found.values(), key=lambda k: (k.name, k.key_id)):
        click.echo(f"  {key.key_id}  {key.name}")
