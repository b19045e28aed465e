"""Library archives: `pack` writes name-version.tiiplib.zip with a SHA-256 of every file;
`verify` checks an archive completely before `install` (libraries/install.py) writes anything.

The archive holds `tiiplib.json` ({"format": 1, "name", "version", "files": {path: sha256}})
and the library's files at their relative paths; a signed archive (an edition) also holds
`tiiplib.sig`, which install checks against the keys the user trusts (editions/signing.py).
Verification refuses: paths that could leave the install folder (absolute, `..`, drive letters, backslashes), links, hidden or unlisted
files, file types a library does not contain, a listed file missing or with another checksum,
a manifest whose name or version differs, oversized content, and — when the publisher's
checksum of the whole archive is given — any other archive.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.libraries.manifest import MANIFEST, read_manifest
from tiip_writer.render.save import zip_bytes

ARCHIVE_MANIFEST = "tiiplib.json"
ARCHIVE_SIGNATURE = "tiiplib.sig"
ARCHIVE_SUFFIX = ".tiiplib.zip"
ARCHIVE_FORMAT = 1
ALLOWED_SUFFIXES = frozenset({".j2", ".yaml", ".yml", ".docx", ".md", ".txt"})
MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
_HEX = re.compile(r"^[0-9a-f]{64}$")
_SPECIAL = frozenset({ARCHIVE_MANIFEST, ARCHIVE_SIGNATURE})  # the pack's own, not the library's


class ArchiveError(Exception):
    """An archive or a library folder cannot be packed, verified or installed."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.text = Text(message_zh, message_en)


class DamagedArchive(ArchiveError):
    """The archive cannot be read at all: not a zip, damaged data, an encrypted or unknown
    compression entry, a tiiplib.json that is not the listing (unreadable input: exit 2)."""


# What reading a damaged zip entry raises: bad CRC, encryption, unknown method, corrupt data.
_UNREADABLE_ENTRY = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
                     ValueError, OSError)
_LIBRARY_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")  # as in schemas/library.schema.json
_VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$")


@dataclass(frozen=True)
class VerifiedArchive:
    """An archive whose every file matched its checksum: name, version and file contents."""

    name: str
    version: str
    files: dict[str, bytes]
    sha256: str
    listing: bytes = b""             # the text of tiiplib.json
    signature: bytes | None = None   # the text of tiiplib.sig, None when unsigned


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def library_files(folder: Path) -> dict[str, Path]:
    """Return {relative path: file} of a library folder; refuse links and foreign file types."""
    files: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_symlink():
            raise ArchiveError(f"樣板庫不可包含連結：{relative}", f"a library cannot hold links: {relative}")
        if path.is_dir():
            continue
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            raise ArchiveError(f"樣板庫不應有此類檔案：{relative}（允許 {_suffixes()}）",
                               f"a library should not hold this file: {relative} (allowed: "
                               f"{_suffixes()})")
        files[relative.as_posix()] = path
    return files


def pack(folder: Path, sign: Callable[[bytes], bytes] | None = None) -> tuple[str, bytes]:
    """Return the archive's file name and bytes for the library in `folder` (lint it first);
    `sign` turns the text of tiiplib.json into the text of tiiplib.sig."""
    manifest, _found = read_manifest(folder)
    if manifest is None:
        raise ArchiveError(f"{MANIFEST} 有誤，請先執行 tiip templates lint",
                           f"{MANIFEST} has errors; run tiip templates lint first")
    contents = {name: path.read_bytes() for name, path in library_files(folder).items()}
    listing = {"format": ARCHIVE_FORMAT, "name": manifest.name, "version": manifest.version,
               "files": {name: sha256(data) for name, data in contents.items()}}
    header = json.dumps(listing, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    signature = [(ARCHIVE_SIGNATURE, sign(header))] if sign else []
    data = zip_bytes([(ARCHIVE_MANIFEST, header), *signature, *contents.items()])
    return f"{manifest.name}-{manifest.version}{ARCHIVE_SUFFIX}", data


def verify(data: bytes, expected_sha256: str | None = None) -> VerifiedArchive:
    """Return the archive's verified contents; raise ArchiveError at the first problem."""
    digest = sha256(data)
    if expected_sha256 and digest != expected_sha256.strip().lower():
        raise ArchiveError(f"封存檔的 SHA-256 與公布的不符（實際 {digest}）",
                           f"the archive's SHA-256 differs from the published one ({digest})")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, *_UNREADABLE_ENTRY) as exc:
        raise DamagedArchive("這不是有效的樣板庫封存檔（zip）",
                             "not a valid library archive (zip)") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        _check_entries(infos)
        listing = _listing(archive)
        listing_text = _read(archive, ARCHIVE_MANIFEST)
        names = {info.filename for info in infos}
        signature = _read(archive, ARCHIVE_SIGNATURE) if ARCHIVE_SIGNATURE in names else None
        files = {}
        for info in infos:
            if info.filename in _SPECIAL:
                continue
            content = _read(archive, info)
            if sha256(content) != listing["files"][info.filename]:
                raise ArchiveError(f"檔案 {info.filename} 的 SHA-256 不符，封存檔可能遭竄改或損毀",
                                   f"the SHA-256 of {info.filename} does not match: the archive "
                                   "was altered or damaged")
            files[info.filename] = content
    missing = sorted(set(listing["files"]) - set(files))
    if missing:
        raise ArchiveError(f"封存檔缺少清單中的檔案：{'、'.join(missing)}",
                           f"the archive lacks listed files: {', '.join(missing)}")
    if MANIFEST not in files:
        raise ArchiveError(f"封存檔中沒有 {MANIFEST}", f"the archive holds no {MANIFEST}")
    return VerifiedArchive(listing["name"], listing["version"], files, digest, listing_text,
                           signature)


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise ArchiveError("封存檔過大或檔案過多", "the archive is too large or holds too many files")
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if not _safe_name(name):
            raise ArchiveError(f"封存檔中有不安全的路徑：{name}", f"unsafe path in the archive: {name}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchiveError(f"封存檔不可包含連結：{name}", f"the archive holds a link: {name}")
        if name in seen:
            raise ArchiveError(f"封存檔中有重複的檔案：{name}", f"duplicate file in the archive: {name}")
        seen.add(name)
        if name not in _SPECIAL and PurePosixPath(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ArchiveError(f"封存檔中有樣板庫不應有的檔案：{name}",
                               f"the archive holds a file a library should not have: {name}")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo | str) -> bytes:
    """Return an entry's bytes; raise DamagedArchive when the entry cannot be unpacked."""
    try:
        return archive.read(info)
    except KeyError:
        raise
    except _UNREADABLE_ENTRY as exc:
        name = info if isinstance(info, str) else info.filename
        raise DamagedArchive(f"封存檔中的 {name} 已損毀或無法解壓（{exc}）",
                             f"{name} in the archive is damaged or cannot be unpacked "
                             f"({exc})") from None


def _safe_name(name: str) -> bool:
    """Return True for a relative, forward-slash path that stays inside its folder."""
    if not name or "\\" in name or ":" in name or name.startswith("/") or "\x00" in name:
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") and not part.startswith(".") for part in parts)


def _listing(archive: zipfile.ZipFile) -> dict:
    """Return the archive's tiiplib.json, checked for shape."""
    try:
        listing = json.loads(_read(archive, ARCHIVE_MANIFEST).decode("utf-8"))
    except KeyError as exc:
        raise ArchiveError(f"封存檔中沒有 {ARCHIVE_MANIFEST}，不是 tiip templates pack 產生的",
                           f"the archive has no {ARCHIVE_MANIFEST}; it was not made by tiip "
                           "templates pack") from exc
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested thousands deep
        raise DamagedArchive(f"{ARCHIVE_MANIFEST} 無法讀取",
                             f"{ARCHIVE_MANIFEST} cannot be read") from exc
    if not _listing_shape_ok(listing):
        raise DamagedArchive(f"{ARCHIVE_MANIFEST} 的格式不符（名稱、版本或檔名不合規定）",
                             f"{ARCHIVE_MANIFEST} has the wrong shape (its name, version or a "
                             "file name is not allowed)")
    files = listing["files"]
    names = {info.filename for info in archive.infolist() if not info.is_dir()}
    unknown = sorted(names - set(files) - _SPECIAL)
    if unknown:
        raise ArchiveError(f"封存檔中有清單以外的檔案：{'、'.join(unknown)}",
                           f"the archive holds files that are not listed: {', '.join(unknown)}")
    return listing


def _listing_shape_ok(listing: object) -> bool:
    """Return True for {"format": 1, "name", "version", "files": {safe path: sha256}} whose
    name and version follow library.yaml's rules (the name becomes a folder name)."""
    if not isinstance(listing, dict) or listing.get("format") != ARCHIVE_FORMAT:
        return False
    name, version, files = listing.get("name"), listing.get("version"), listing.get("files")
    return (isinstance(name, str) and bool(_LIBRARY_NAME.match(name))
            and isinstance(version, str) and bool(_VERSION.match(version))
            and isinstance(files, dict)
            and all(isinstance(n, str) and _safe_name(n) and isinstance(h, str)
                    and bool(_HEX.match(h)) for n, h in files.items()))


def _suffixes() -> str:
    return " ".join(sorted(ALLOWED_SUFFIXES))
