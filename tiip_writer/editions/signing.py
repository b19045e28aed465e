"""Ed25519 keys and pack signatures: the office signs an edition, users verify who made it.

A key pair is two files: the private key `NAME.key` (PKCS#8 PEM, readable by its owner only)
and the public key `NAME.pub`, one line `tiip-ed25519 <base64 key> <name>`. A key's id is the
first 16 hex digits of the SHA-256 of the raw public key.

A signed pack holds `tiiplib.sig` beside `tiiplib.json`: JSON with the signer's public key and
name and `signed`, the exact text of tiiplib.json that was signed, with its signature. Checking
a pack against the signed text (not the pack's own tiiplib.json, which anyone can rewrite)
tells which file was changed, added or removed after signing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass

SIGNATURE_FORMAT = 1
ALGORITHM = "ed25519"
PUBLIC_PREFIX = "tiip-ed25519"
_NAME = re.compile(r"^[\w.@+-]{1,64}$")


class SignatureError(Exception):
    """A key or a signature cannot be used; `text` says why in the user's words."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True)
class PublicKey:
    """A publisher's public key: its raw 32 bytes and the name it was made with."""

    raw: bytes
    name: str

    @property
    def key_id(self) -> str:
        """Return the key's id: 16 hex digits of the SHA-256 of the raw key."""
        return hashlib.sha256(self.raw).hexdigest()[:16]

    def describe(self) -> str:
        """Return the key as users see it: name and id."""
        return f"{self.name} ({self.key_id})"

    def file_text(self) -> str:
        """Return the text of the key's .pub file."""
        return f"{PUBLIC_PREFIX} {base64.b64encode(self.raw).decode()} {self.name}\n"


def valid_key_name(name: str) -> bool:
    """Return True for a key name usable in a file name and a .pub line."""
    return bool(_NAME.match(name))


def new_key_pair(name: str) -> tuple[bytes, PublicKey]:
    """Return a new private key (PEM bytes) and its public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return pem, PublicKey(_raw_public(private), name)


def read_public_key(text: str) -> PublicKey:
    """Return the public key in a .pub file's text; raise SignatureError if it is not one."""
    parts = text.strip().split()
    if len(parts) != 3 or parts[0] != PUBLIC_PREFIX:
        raise SignatureError(Text(f"這不是 tiip 公鑰檔（應為一行「{PUBLIC_PREFIX} 金鑰 名稱」）",
                                  f"not a tiip public key file (one line '{PUBLIC_PREFIX} key "
                                  "name')"))
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32 or not valid_key_name(parts[2]):
        raise SignatureError(Text("公鑰檔內容有誤（金鑰應為 32 位元組的 base64）",
                                  "the public key file is malformed (the key is 32 bytes, base64)"))
    return PublicKey(raw, parts[2])


def sign_listing(private_pem: bytes, name: str, listing: bytes) -> bytes:
    """Return the text of tiiplib.sig: `listing` (tiiplib.json) signed with the private key."""
    private = _read_private(private_pem)
    public = PublicKey(_raw_public(private), name)
    record = {"format": SIGNATURE_FORMAT, "algorithm": ALGORITHM,
              "key": base64.b64encode(public.raw).decode(), "key_name": name,
              "key_id": public.key_id, "signed": listing.decode("utf-8"),
              "signature": base64.b64encode(private.sign(listing)).decode()}
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class Signed:
    """A signature that checked out: who signed, and the file list they signed."""

    signer: PublicKey
    files: dict[str, str]   # path -> SHA-256, as signed


def open_signature(data: bytes) -> Signed:
    """Return the signer and signed file list of tiiplib.sig; raise SignatureError when the
    signature does not match what it says was signed."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        record = json.loads(data.decode("utf-8"))
        public = PublicKey(base64.b64decode(record["key"], validate=True), str(record["key_name"]))
        signed = str(record["signed"]).encode("utf-8")
        signature = base64.b64decode(record["signature"], validate=True)
        files = json.loads(signed)["files"]
        if record.get("algorithm") != ALGORITHM or not isinstance(files, dict):
            raise ValueError("algorithm")
        Ed25519PublicKey.from_public_bytes(public.raw).verify(signature, signed)
    except InvalidSignature:
        raise SignatureError(Text("簽章與簽署的內容不符：tiiplib.sig 遭竄改或損毀",
                                  "the signature does not match what it signed: tiiplib.sig was "
                                  "altered or damaged")) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise SignatureError(Text("tiiplib.sig 的格式有誤，無法核對簽章",
                                  "tiiplib.sig is malformed; the signature cannot be "
                                  "checked")) from None
    return Signed(public, {str(k): str(v) for k, v in files.items()})


def changed_after_signing(signed: Signed, listing: bytes, contents: dict[str, bytes]) -> Text | None:
    """Return which files differ from what was signed (None when the pack is as signed)."""
    actual = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    changed = sorted(n for n in actual if n in signed.files and actual[n] != signed.files[n])
    added = sorted(set(actual) - set(signed.files))
    removed = sorted(set(signed.files) - set(actual))
    parts_zh, parts_en = [], []
    for names, zh, en in ((changed, "簽署後被修改", "changed after signing"),
                          (added, "簽署後被加入", "added after signing"),
                          (removed, "簽署後被移除", "removed after signing")):
        if names:
            parts_zh.append(f"{'、'.join(names)} {zh}")
            parts_en.append(f"{', '.join(names)} {en}")
    try:
        same_listing = json.loads(listing)["files"] == signed.files
    except (ValueError, KeyError, TypeError):
        same_listing = False
    if not parts_zh and not same_listing:
        parts_zh.append("tiiplib.json（檔案清單）簽署後被修改")
        parts_en.append("tiiplib.json (the file list) changed after signing")
    if not parts_zh:
        return None
    return Text("；".join(parts_zh), "; ".join(parts_en))


def _read_private(pem: bytes):  # -> Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(Text("這不是 tiip keys new 產生的私鑰（Ed25519，PEM）",
                                  "not a private key made by tiip keys new (Ed25519, PEM)"))
    return key


def _raw_public(private) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)
