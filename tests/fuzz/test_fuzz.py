"""Mutated and hostile proposals never crash tiip: exit 0, 1 or 2 with a message, no traceback.

The example counts are bounded for CI and the seed is fixed (derandomize), so a run is
repeatable; TIIP_FUZZ_EXAMPLES raises the count for a long run (see docs/reliability.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from tests.fuzz.mutations import dump, mutated_data, mutated_text
from tiip_writer.cli.main import cli

EXAMPLES = int(os.environ.get("TIIP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def run(args: list[str]) -> tuple[int, str]:
    """Return the exit code and all output of one tiip run; an exception fails the test."""
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def assert_answered(code: int, output: str) -> None:
    assert code in (0, 1, 2), (code, output[-2000:])
    assert "Traceback" not in output
    if code != 0:
        assert output.strip(), "a non-zero exit must say why"


@FUZZ
@given(case=mutated_data())
def test_check_answers_every_mutated_proposal(tmp_path: Path, case) -> None:
    _name, data = case
    path = tmp_path / "p.yaml"
    path.write_text(dump(data), encoding="utf-8")
    assert_answered(*run(["check", str(path)]))


@FUZZ
@given(text=mutated_text())
def test_check_answers_every_damaged_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_answered(*run(["check", str(path)]))


@settings(FUZZ, max_examples=max(EXAMPLES // 5, 10))
@given(case=mutated_data())
def test_build_draft_answers_and_writes_a_docx_or_nothing(tmp_path: Path, case) -> None:
    _name, data = case
    path = tmp_path / "p.yaml"
    path.write_text(dump(data), encoding="utf-8")
    out = tmp_path / "p.docx"
    code, output = run(["build", "--draft", str(path), "-o", str(out)])
    assert_answered(code, output)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("p.yaml", "p.docx")]
    assert leftovers == [], "no temporary file may be left behind"
    if code == 0:
        assert out.read_bytes()[:2] == b"PK"
