"""The publishers' keys a user trusts: `tiip keys trust office.pub` copies the key into the
user's settings folder (foundation/userdirs.py), where `templates install` looks for it."""

from __future__ import annotations

from pathlib import Path

from tiip_writer.editions.signing import PublicKey, SignatureError, read_public_key
from tiip_writer.foundation.fileio import write_new
from tiip_writer.foundation.userdirs import user_config_dir

TRUST_FOLDER = "trusted-keys"


def trust_dir() -> Path:
    """Return the folder of trusted public keys (it may not exist yet)."""
    return user_config_dir() / TRUST_FOLDER


def trusted_keys() -> dict[str, PublicKey]:
    """Return {key id: key} of every trusted key (a damaged file trusts nothing)."""
    folder = trust_dir()
    found: dict[str, PublicKey] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.pub")):
        try:
            key = read_public_key(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SignatureError):
            continue
        found[key.key_id] = key
    return found


def trust(key: PublicKey) -> tuple[Path, bool]:
    """Trust `key`; return its file and False when it was trusted already."""
    folder = trust_dir()
    target = folder / f"{key.key_id}.pub"
    if key.key_id in trusted_keys():
        return target, False
    folder.mkdir(parents=True, exist_ok=True)
    write_new(target, key.file_text().encode("utf-8"))
    return target, True
