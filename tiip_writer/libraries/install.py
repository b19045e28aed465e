"""`tiip templates install ARCHIVE`: verify every checksum and the signature, then install into
the user folder.

A pack must be signed by a key the user trusts (`tiip keys trust`), and be exactly what was
signed; an unsigned pack (a consultant's own library) needs `allow_unsigned`. Who signed it is
recorded in the installed folder (a hidden file), so reports can name the edition's signer.
Nothing is written before the archive is verified. The library is unpacked into a hidden
folder next to its destination, its manifest checked, then moved into place in one rename. An
installed library is never replaced silently: the same version with the same files is left as
it is; anything else needs `replace=True`. A name another library already uses is refused.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from tiip_writer.editions.signing import (
    PublicKey,
    SignatureError,
    changed_after_signing,
    open_signature,
)
from tiip_writer.editions.trust import trusted_keys
from tiip_writer.foundation.records import dataclass
from tiip_writer.libraries.archive import ArchiveError, VerifiedArchive, library_files, verify
from tiip_writer.libraries.discovery import candidates, user_template_dir
from tiip_writer.libraries.manifest import read_manifest
from tiip_writer.ruleset.discovery import INSTALL_RECORD


@dataclass(frozen=True)
class Installed:
    """What install did: 'installed', 'replaced' or 'unchanged', where, and what it replaced."""

    status: str
    name: str
    version: str
    target: Path
    previous_version: str | None = None
    signer: PublicKey | None = None


def install(data: bytes, replace: bool = False, expected_sha256: str | None = None,
            home: Path | None = None, allow_unsigned: bool = False) -> Installed:
    """Install the archive `data` into the user template folder; raise ArchiveError if refused."""
    archive = verify(data, expected_sha256)
    signer = check_signature(archive, allow_unsigned)
    home = home or user_template_dir()
    target = home / archive.name
    _refuse_clash(archive.name, target)
    previous = _installed_version(target)
    if previous is not None and _same_files(target, archive) \
            and _recorded_signer(target) == _signer_text(signer):
        return Installed("unchanged", archive.name, archive.version, target, previous, signer)
    if previous is not None and not replace:
        same = previous == archive.version
        raise ArchiveError(
            f"已安裝 {archive.name} {previous}（{target}）" + (
                "，但檔案與此封存檔不同（相同版本號卻內容不同）" if same else "")
            + "；要取代請加上 --replace。",
            f"{archive.name} {previous} is already installed ({target})"
            + (" with different files under the same version" if same else "")
            + "; add --replace to replace it.")
    home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{archive.name}.", dir=home))
    try:
        unpacked = staging / "library"
        _unpack(archive, unpacked)
        record = {"signed_by": _signer_text(signer), "key_id": signer.key_id if signer else None,
                  "archive_sha256": archive.sha256}
        (unpacked / INSTALL_RECORD).write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        _swap(unpacked, staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    status = "installed" if previous is None else "replaced"
    return Installed(status, archive.name, archive.version, target, previous, signer)


def check_signature(archive: VerifiedArchive, allow_unsigned: bool) -> PublicKey | None:
    """Return the trusted key that signed `archive` (None: unsigned, allowed); raise
    ArchiveError for a pack that is unsigned, signed by a key not trusted, or not as signed."""
    if archive.signature is None:
        if allow_unsigned:
            return None
        raise ArchiveError(
            "封存檔沒有簽章：無法確認是誰製作的。計畫辦公室發布的年度版本都有簽章；若這是您自己"
            "（或您信任的顧問）的樣板庫，請加上 --allow-unsigned。",
            "the archive is unsigned: who made it cannot be confirmed. The programme office "
            "signs its editions; for your own (or a consultant's) library add --allow-unsigned.")
    try:
        signed = open_signature(archive.signature)
    except SignatureError as error:
        raise ArchiveError(error.text.zh, error.text.en) from None
    changed = changed_after_signing(signed, archive.listing, archive.files)
    if changed is not None:
        raise ArchiveError(f"封存檔與簽署時不同：{changed.zh}。請向發布者重新取得。",
                           f"the archive differs from what was signed: {changed.en}. Get it "
                           "again from its publisher.")
    key = signed.signer
    if key.key_id in trusted_keys():
        return key
    if allow_unsigned:
        return None
    raise ArchiveError(
        f"封存檔由金鑰 {key.describe()} 簽署，但您尚未信任此金鑰。若這是計畫辦公室公布的金鑰，"
        "請先核對金鑰代號後執行 tiip keys trust 辦公室.pub。",
        f"the archive is signed by key {key.name} ({key.key_id}), which you do not trust. If "
        "it is the key the programme office published, check its id and run tiip keys trust "
        "office.pub.")


def _signer_text(signer: PublicKey | None) -> str | None:
    return signer.describe() if signer else None


def _recorded_signer(target: Path) -> str | None:
    try:
        record = json.loads((target / INSTALL_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record.get("signed_by") if isinstance(record, dict) else None


def _refuse_clash(name: str, target: Path) -> None:
    for candidate in candidates():
        if candidate.name == name and candidate.root != target.resolve():
            where = candidate.origin.describe()
            raise ArchiveError(f"樣板庫名稱「{name}」已被 {candidate.root}（{where.zh}）使用，"
                               "安裝後會與它衝突。",
                               f"the name '{name}' is already used by {candidate.root} "
                               f"({where.en}); installing would clash with it.")


def _installed_version(target: Path) -> str | None:
    if not target.exists():
        return None
    manifest, _found = read_manifest(target)
    return manifest.version if manifest else "?"


def _same_files(target: Path, archive: VerifiedArchive) -> bool:
    try:
        present = library_files(target)
    except ArchiveError:
        return False
    return set(present) == set(archive.files) and all(
        present[name].read_bytes() == content for name, content in archive.files.items())


def _unpack(archive: VerifiedArchive, folder: Path) -> None:
    folder.mkdir()
    for name, content in archive.files.items():
        path = folder.joinpath(*name.split("/"))
        if folder.resolve() not in path.resolve().parents:  # verify() already refused these
            raise ArchiveError(f"不安全的路徑：{name}", f"unsafe path: {name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    manifest, found = read_manifest(folder)
    if manifest is None:
        first = found[0].message if found else None
        raise ArchiveError(f"封存檔中的 library.yaml 有誤：{first.zh if first else ''}",
                           f"the archive's library.yaml has errors: {first.en if first else ''}")
    if (manifest.name, manifest.version) != (archive.name, archive.version):
        raise ArchiveError(
            f"封存檔清單寫的是 {archive.name} {archive.version}，library.yaml 卻是 "
            f"{manifest.name} {manifest.version}",
            f"the archive lists {archive.name} {archive.version} but library.yaml says "
            f"{manifest.name} {manifest.version}")


def _swap(unpacked: Path, staging: Path, target: Path) -> None:
    """Move the unpacked library into place, keeping the old one until the new one is there."""
    if target.exists():
        old = staging / "previous"
        target.rename(old)
        try:
            unpacked.rename(target)
        except OSError:
            old.rename(target)
            raise
    else:
        unpacked.rename(target)
