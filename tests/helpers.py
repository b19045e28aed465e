"""Shared test helpers: the samples, proposal variants made by exact string replacement (so
every other line keeps its position), a CLI runner, and ways to look at what checking finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tiip_writer.checking.pipeline import CheckResult, check_file
from tiip_writer.cli.main import cli
from tiip_writer.foundation.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SAMPLE = BASE_SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def sample_text() -> str:
    """Return the sample proposal's text."""
    return SAMPLE.read_text(encoding="utf-8")


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """Return `text` with each (old, new) replaced; each old must occur exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) of the unique `needle` plus `offset` characters."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class Checker:
    """Writes variants into a temporary folder and checks them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def __call__(self, text: str) -> CheckResult:
        """Return the check result for proposal `text`."""
        self.count += 1
        path = self.folder / f"variant{self.count}.yaml"
        path.write_text(text, encoding="utf-8")
        return check_file(path, display="p.yaml")

    def variant(self, *pairs: tuple[str, str]) -> tuple[str, CheckResult]:
        """Return the edited sample text and its check result."""
        text = edit(sample_text(), *pairs)
        return text, self(text)


def only(result: CheckResult, rule: str) -> list[Diagnostic]:
    """Return the findings of `rule`."""
    return [d for d in result.diagnostics if d.rule == rule]


def one(result: CheckResult, rule: str) -> Diagnostic:
    """Return the single finding of `rule` (fails when there are none or several)."""
    found = only(result, rule)
    assert len(found) == 1, [f"{d.rule} {d.line}:{d.column} {d.message.zh}"
                             for d in result.diagnostics]
    return found[0]


def at(d: Diagnostic) -> tuple[int, int]:
    """Return a finding's (line, column)."""
    return d.line, d.column


# Fragments of the sample that many variants edit.
SUBSIDY_RATE = "budget:\n  subsidy_rate: 40"
LEAD_COMPANY_ID = "    - id: HJ\n      name: 鴻鈞精密機械股份有限公司\n"

_RESOURCE_LINE = ("      resource_allocation: 前案已於 104 年 12 月結案，目前無執行中之政府計畫，"
                  "本計畫人力與設備可全數投入。\n")


def with_partner(text: str, kind: str = "學界", category: str = "公立大專校院",
                 pid: str = "U1") -> str:
    """Return `text` with one partner (a school by default) under applicants."""
    block = (f"  partners:\n    - id: {pid}\n      kind: {kind}\n      name: 合作單位 {pid}\n"
             f"      category: {category}\n      background: 精密製造與熱誤差量測實驗室。\n")
    return edit(text, (_RESOURCE_LINE, _RESOURCE_LINE + block))


def with_unit(text: str, unit: str, amount: int | str, rate: int | None = None) -> str:
    """Return `text` with a budget unit holding one consumables line of `amount`."""
    rate_line = f"      subsidy_rate: {rate}\n" if rate is not None else ""
    block = (f"    {unit}:\n{rate_line}      consumables:\n"
             f"        - {{item: 實驗耗材, unit: 批, quantity: 1, unit_price: {amount}, "
             "purpose: 熱變形實驗用耗材與試片, work_item: A2}\n")
    return edit(text, ("\n\nattachments:", "\n" + block + "\nattachments:"))


def with_consumable(text: str, amount: int | str, rate: int | None = None) -> str:
    """Return `text` with one more consumables line of `amount` for the company HJ."""
    rate_part = f", subsidy_rate: {rate}" if rate is not None else ""
    line = (f"        - {{item: 驗證治具, unit: 批, quantity: 1, unit_price: {amount}, "
            f"purpose: 熱變位驗證用治具加工, work_item: C1{rate_part}}}\n")
    return edit(text, ("      consumables:\n", "      consumables:\n" + line))


def with_second_company(text: str, lead: bool) -> str:
    """Return `text` with a second applicant company AB (a copy of HJ), lead or not."""
    start = text.index("    - id: HJ\n")
    end = text.index(_RESOURCE_LINE) + len(_RESOURCE_LINE)
    block = edit(text[start:end], ("id: HJ", "id: AB"),
                 ("name: 鴻鈞精密機械股份有限公司", "name: 安邦感測科技有限公司"),
                 ('tax_id: "17784483"', 'tax_id: "24681357"'))
    block = block.replace("      lead: true\n", "")
    if lead:
        block = edit(block, ("      name: 安邦感測科技有限公司\n",
                             "      name: 安邦感測科技有限公司\n      lead: true\n"))
    return text[:end] + block + text[end:]


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_tiip(*args: str) -> CliResult:
    """Run the tiip CLI in-process and return its exit code and both output streams."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def replace_once(text: str, old: str, new: str) -> str:
    """Return `text` with `old` (which must occur exactly once) replaced by `new`."""
    return edit(text, (old, new))



def locate(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) in characters of the first `needle` (+ offset)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
