"""Valid or merely malformed input never ends in exit 3 (issue 20, item 8).

A tiip.toml `[thresholds]` override as documented, damaged template archives, stdout that
cannot take the text, a gigantic unquoted integer, tiip.toml numbers that are not finite or
nest 100,000 deep: each gives exit 0, 1 or 2 and a message, under 500 MB and 5 s of CPU.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import SAMPLE, edit, sample_text
from tests.hostile.limited import answered, run_limited
from tests.templates.helpers import DEMO
from tiip_writer.libraries.archive import pack


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / "p.yaml"))


# --- tiip.toml ----------------------------------------------------------------------------

GROWTH = "review.high-value.growth"


def _check(proposal: Path, *args: str) -> dict:
    result = run_limited("check", "--format", "json", str(proposal), *args)
    answered(result, 0, 1)
    return json.loads(result.stdout)["files"][0]


@pytest.mark.parametrize("multiple", ["3", "2.5"])
def test_a_valid_threshold_override_changes_the_verdict(proposal: Path, multiple: str) -> None:
    # the sample grows 120 → 260 units a year (2.17 times); the rule set asks for 2 times
    assert GROWTH not in [d["rule"] for d in _check(proposal)["diagnostics"]]
    (proposal.parent / "tiip.toml").write_text(
        f"[thresholds]\nhigh_value_growth_multiple = {multiple}\nsubstantive_min_chars = 10\n",
        encoding="utf-8")
    found = _check(proposal)
    assert found["readable"] is True
    assert GROWTH in [d["rule"] for d in found["diagnostics"]]


@pytest.mark.parametrize(("toml", "shown"), [
    ("[thresholds]\nhigh_value_growth_multiple = nan\n", "nan"),
    ("[thresholds]\nhigh_value_growth_multiple = 1e400\n", "inf"),
    ("[thresholds]\nhigh_value_growth_multiple = -inf\n", "-inf"),
    ('[length_limits]\n"summary.abstract" = inf\n', "inf"),
    ('[length_limits]\n"summary.abstract" = nan\n', "nan"),
])
def test_a_number_that_is_not_finite_is_refused(proposal: Path, toml: str, shown: str) -> None:
    (proposal.parent / "tiip.toml").write_text(toml, encoding="utf-8")
    message = answered(run_limited("check", str(proposal)), 2)
    assert "tiip.toml" in message and shown in message


@pytest.mark.parametrize("toml", [
    "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "[thresholds]\n" + ".".join(["a"] * 100_000) + " = 1\n",
    "x = " + "{a = " * 100_000 + "1" + "}" * 100_000 + "\n",
])
def test_a_config_nested_100000_deep_is_refused(proposal: Path, toml: str) -> None:
    (proposal.parent / "tiip.toml").write_text(toml, encoding="utf-8")
    assert "tiip.toml" in answered(run_limited("check", str(proposal)), 2)


# --- the proposal -------------------------------------------------------------------------

def test_an_unquoted_integer_of_5000_digits(proposal: Path) -> None:
    proposal.write_text(edit(sample_text(), ("subsidy_rate: 40", "subsidy_rate: " + "9" * 5000)),
                        encoding="utf-8")
    result = run_limited("check", str(proposal))
    output = answered(result, 1, 2) + result.stdout
    assert "p.yaml:" in output and "Traceback" not in output


def test_an_unquoted_integer_of_5000_digits_in_budget_and_build(proposal: Path) -> None:
    proposal.write_text(edit(sample_text(), ("subsidy_rate: 40", "subsidy_rate: " + "9" * 5000)),
                        encoding="utf-8")
    answered(run_limited("budget", str(proposal)), 1, 2)
    answered(run_limited("build", str(proposal), "-o", str(proposal.with_suffix(".docx"))), 1, 2)


# --- stdout that cannot take the text -----------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp950", "latin-1", "ascii"])
def test_budget_to_a_stdout_in_another_encoding(proposal: Path, encoding: str) -> None:
    result = run_limited("budget", str(proposal), env={"PYTHONIOENCODING": encoding})
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr


def test_budget_to_a_full_stdout(proposal: Path) -> None:
    with open("/dev/full", "wb") as full:
        process = subprocess.run([sys.executable, "-m", "tiip_writer", "budget", str(proposal)],
                                 stdout=full, stderr=subprocess.PIPE, timeout=20, check=False,
                                 env={**__import__("os").environ, "TIIP_SERVER": "off"})
    stderr = process.stderr.decode("utf-8", "replace")
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr and stderr.strip()


def test_budget_to_a_closed_stdout(proposal: Path) -> None:
    process = subprocess.run(
        f"{sys.executable} -m tiip_writer budget {proposal} >&-", shell=True,
        stderr=subprocess.PIPE, timeout=20, check=False,
        env={**__import__("os").environ, "TIIP_SERVER": "off"})
    stderr = process.stderr.decode("utf-8", "replace")
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr and stderr.strip()


# --- damaged template archives ------------------------------------------------------------

def _archive(stored: bool = False) -> bytes:
    """The demo library packed; `stored` rewrites it without compression."""
    _name, data = pack(DEMO)
    if not stored:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def _entry_offsets(data: bytes, name: str) -> tuple[int, int]:
    """Return the offsets of the local header and the central record of entry `name`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    central = data.index(b"PK\x01\x02" + data[info.header_offset + 4:info.header_offset + 6])
    while data[central + 46:central + 46 + len(name.encode())] != name.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    return info.header_offset, central


def _patched(data: bytes, name: str, local: int, central: int, value: bytes) -> bytes:
    """Return `data` with `value` written at offset `local` of the entry's local header and
    `central` of its central record."""
    out = bytearray(data)
    header, record = _entry_offsets(data, name)
    out[header + local:header + local + len(value)] = value
    out[record + central:record + central + len(value)] = value
    return bytes(out)


def _bad_crc() -> bytes:
    data = _archive(stored=True)
    header, _record = _entry_offsets(data, "tables.yaml")
    name_length, extra_length = struct.unpack("<HH", data[header + 26:header + 30])
    start = header + 30 + name_length + extra_length
    return data[:start] + bytes([data[start] ^ 0x20]) + data[start + 1:]


def _corrupt_data() -> bytes:
    data = _archive()
    header, _record = _entry_offsets(data, "tables.yaml")
    name_length, extra_length = struct.unpack("<HH", data[header + 26:header + 30])
    start = header + 30 + name_length + extra_length
    return data[:start] + b"\xff" * 8 + data[start + 8:]


def _with_listing(listing: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_archive())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = listing if info.filename == "tiiplib.json" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def _renamed(name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(_archive())) as source:
        listing = json.loads(source.read("tiiplib.json"))
    listing["name"] = name
    return _with_listing(json.dumps(listing).encode("utf-8"))


def _nul_in_a_file_name() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_archive())) as source:
        listing = json.loads(source.read("tiiplib.json"))
    listing["files"]["parts/x\u0000.md.j2"] = "0" * 64
    return _with_listing(json.dumps(listing).encode("utf-8"))


DAMAGED = {
    "bad CRC": _bad_crc,
    "encryption flag": lambda: _patched(_archive(), "tables.yaml", 6, 8, b"\x01\x00"),
    "unknown compression": lambda: _patched(_archive(), "tables.yaml", 8, 10, b"\x63\x00"),
    "corrupt data": _corrupt_data,
    "listing is a list": lambda: _with_listing(b"[]"),
    "listing nested deep": lambda: _with_listing(b"[" * 100_000 + b"]" * 100_000),
    "listing not UTF-8": lambda: _with_listing(b"\xff\xfe"),
    "NUL in the name": lambda: _renamed("consultant-demo\u0000x"),
    "a path as the name": lambda: _renamed("../../evil"),
    "NUL in a file name": _nul_in_a_file_name,
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_archive_is_refused_with_exit_2(tmp_path: Path, case: str) -> None:
    archive = tmp_path / "demo.tiiplib.zip"
    archive.write_bytes(DAMAGED[case]())
    home = tmp_path / "home"
    result = run_limited("templates", "install", str(archive), env={"TIIP_TEMPLATE_HOME": str(home)})
    assert str(archive) in answered(result, 2)
    assert not home.exists() or not [p for p in home.rglob("*") if p.is_file()]
