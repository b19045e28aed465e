"""Parsed data files are kept between runs, never stale, never trusted when damaged, never
required, and never more than a bounded number."""

from __future__ import annotations

import datetime
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tiip_writer.foundation import datacache
from tiip_writer.foundation.datacache import parsed

ROOT = Path(__file__).resolve().parents[1]


class Parser:
    """A parse function that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, raw: bytes) -> object:
        self.calls += 1
        return {"text": raw.decode("utf-8"), "numbers": [1, 2.5], "nested": {"ok": True}}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "data"


def test_a_second_run_reads_what_the_first_parsed(cache: Path) -> None:
    parse = Parser()
    first, _ = parsed("經費表".encode(), "test 1", parse)
    second, _ = parsed("經費表".encode(), "test 1", parse)
    assert parse.calls == 1 and second == first
    assert len(list(cache.glob("*.marshal"))) == 1
    second["numbers"].append(3)  # each caller has its own copy
    assert parsed("經費表".encode(), "test 1", parse)[0]["numbers"] == [1, 2.5]


def test_other_bytes_or_another_parser_are_parsed_afresh(cache: Path) -> None:
    parse = Parser()
    parsed(b"a", "test 1", parse)
    assert parsed(b"b", "test 1", parse)[0]["text"] == "b"
    parsed(b"a", "test 2", parse)  # e.g. another PyYAML
    assert parse.calls == 3


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "garbage"])
def test_a_damaged_entry_is_parsed_again_and_replaced(cache: Path, damage: str) -> None:
    parse = Parser()
    expected, _ = parsed("研發人員".encode(), "test", parse)
    (entry,) = cache.glob("*.marshal")
    stored = entry.read_bytes()
    entry.write_bytes({"truncated": stored[:-5], "empty": b"", "garbage": os.urandom(64),
                       "flipped": stored[:-1] + bytes([stored[-1] ^ 0x01])}[damage])
    assert parsed("研發人員".encode(), "test", parse)[0] == expected
    assert parse.calls == 2
    assert entry.read_bytes() == stored  # written again whole


def test_a_value_marshal_cannot_write_is_returned_and_not_kept(cache: Path) -> None:
    value, blob = parsed(b"x", "test", lambda raw: {"date": datetime.date(2026, 12, 6)})
    assert value == {"date": datetime.date(2026, 12, 6)} and blob is None
    assert not cache.exists() or not list(cache.glob("*.marshal"))


@pytest.mark.parametrize("setting", ["off", "a file where the folder should be"])
def test_parsing_never_depends_on_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           setting: str) -> None:
    if setting == "off":
        monkeypatch.setenv("TIIP_CACHE_DIR", "")
    else:
        (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    parse = Parser()
    assert parsed(b"a", "test", parse)[0]["text"] == "a"
    assert parsed(b"a", "test", parse)[0]["text"] == "a"
    assert parse.calls == 2
    assert setting == "off" or (tmp_path / "cache").read_text(encoding="utf-8") == "not a folder"


def test_the_folder_keeps_at_most_max_entries_dropping_the_oldest(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datacache, "MAX_ENTRIES", 5)
    parse = Parser()
    for index in range(8):
        parsed(f"version {index}".encode(), "test", parse)
        for number, path in enumerate(sorted(cache.glob("*.marshal"),
                                             key=lambda p: p.stat().st_mtime_ns)):
            os.utime(path, ns=(number * 10**9, number * 10**9))  # distinct ages, in order
    assert len(list(cache.glob("*.marshal"))) == 5
    parse.calls = 0
    parsed(b"version 7", "test", parse)
    parsed(b"version 0", "test", parse)
    assert parse.calls == 1  # the newest is kept, the oldest is gone


def test_a_check_reads_the_rule_set_from_the_cache_and_says_the_same(tmp_path: Path) -> None:
    """Across processes, as users run tiip: the second check takes the parsed rule set and
    labels from the cache, and its findings are the same as the first's."""
    env = dict(os.environ, TIIP_CACHE_DIR=str(tmp_path / "cache"))
    sample = ROOT / "samples" / "topdown-joint-two-companies.yaml"
    command = [sys.executable, "-m", "tiip_writer", "check", str(sample), "--format", "json"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    def entries() -> dict[Path, tuple[int, int]]:
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in (tmp_path / "cache" / "data").glob("*")}

    written = entries()
    assert written  # the rule set and the term table at least
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert entries() == written  # read, not written again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("how", ["folder writable by others", "folder of another user",
                                 "folder above writable by others", "entry writable by others"])
def test_a_cache_others_can_change_is_not_believed(cache: Path, how: str) -> None:
    """On a shared disk, a colleague must not be able to change what another user's checks
    find: an entry they could have planted, or a folder they could swap, is never read."""
    parse = Parser()
    value, _ = parsed(b"real", "test", parse)
    (entry,) = cache.glob("*.marshal")
    planted = marshal.dumps({"text": "planted"})
    entry.write_bytes(datacache._checksum(planted) + planted)
    if how == "folder writable by others":
        cache.chmod(0o777)
    elif how == "folder of another user":
        if os.getuid() != 0:
            pytest.skip("only root can give the folder to another user")
        os.chown(cache, 12345, 12345)
    elif how == "folder above writable by others":
        cache.parent.chmod(0o777)  # anyone could rename data/ and put their own in its place
    else:
        entry.chmod(0o666)
    assert parsed(b"real", "test", parse)[0] == value  # parsed again, the entry ignored
    assert parse.calls == 2


def test_a_sticky_shared_folder_above_is_fine(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Like /tmp: others may write there but cannot rename this user's folder."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("TIIP_CACHE_DIR", str(shared / "cache"))
    parse = Parser()
    parsed(b"x", "test", parse)
    parsed(b"x", "test", parse)
    assert parse.calls == 1


def test_an_entry_read_is_kept_by_the_pruning_before_newer_unused_ones(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datacache, "MAX_ENTRIES", 3)
    parse = Parser()
    ages = {}
    for number, data in enumerate((b"the rule set", b"edit 0", b"edit 1"), start=1):
        before = set(cache.glob("*.marshal")) if cache.exists() else set()
        parsed(data, "test", parse)
        (ages[data],) = set(cache.glob("*.marshal")) - before
        os.utime(ages[data], (number, number))  # all written long ago, the rule set first
    used = ages[b"the rule set"]
    parsed(b"the rule set", "test", parse)  # read today
    parsed(b"edit 2", "test", parse)  # a fourth entry: one must go
    assert not ages[b"edit 0"].exists()
    assert used.exists() and len(list(cache.glob("*.marshal"))) == 3


def test_templates_are_not_run_from_a_folder_others_can_write_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tiip_writer.render.template_cache import template_cache

    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    assert template_cache(Path(__file__)) is not None
    (tmp_path / "cache" / "templates").chmod(0o777)
    assert template_cache(Path(__file__)) is None
