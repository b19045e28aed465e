"""What a rule is: an id, a title, a check over the Context, and (for caps) its measures.

A rule module defines `RULE = Rule(...)`; tiip_writer.rules finds every module's RULE and runs
those the programme year's rule set lists. Rules return Findings (pointer + message); the runner
adds the file position, severity and citation from the rule set.

A rule module's docstring is the rule's English documentation and `Rule.about` its zh-TW one:
`tiip rules --explain ID` and docs/rule-reference.md are generated from both, so they cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from tiip_writer.budget import BudgetReport
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit, fmt_num
from tiip_writer.foundation.records import dataclass
from tiip_writer.model import Proposal
from tiip_writer.ruleset import RuleSet

PERCENT = Text("%", "%")
MONTHS = Text(" 個月", " months")
TIMES = Text(" 倍", "×")


@dataclass(frozen=True)
class Context:
    """What every rule reads: the proposal, its computed budget and the year's rule set; for a
    revised proposal (修正計畫書), the sections whose own fields changed since the version
    reviewed and every section that shows a changed field (None when there is no earlier
    version: the review.response-* rules then say nothing)."""

    proposal: Proposal
    budget: BudgetReport
    rs: RuleSet
    changed_sections: frozenset[str] | None = None
    revised_sections: frozenset[str] | None = None


@dataclass(frozen=True)
class Finding:
    """A problem at the value `pointer` (at its key when `at_key`, e.g. for a missing value).

    `char` is an offset inside the text value at `pointer`: the finding then points at that
    character of the YAML string (line and column of the character, not of the key).
    """

    pointer: str
    message: Text
    hint: Text | None = None
    at_key: bool = False
    char: int | None = None


@dataclass(frozen=True)
class Evidence:
    """One thing a review criterion looks for: what, where the proposal answers it (or should).

    `found` says whether the proposal holds it; `missing` says what to add when it does not.
    `covered_by` names another rule that already reports this gap: the review rule then leaves
    the finding to that rule (the self-assessment checklist still lists the gap).
    """

    label: Text
    pointer: str
    found: bool
    missing: Text | None = None
    char: int | None = None
    covered_by: str | None = None


@dataclass(frozen=True)
class Measure:
    """A figure of the proposal beside its limit, e.g. 補助款占總經費 43.9% against ≤ 50%."""

    label: Text
    figure: Decimal
    op: str                      # "<=" (上限) or ">=" (下限)
    limit: Decimal
    unit: Text
    pointer: str
    detail: Text | None = None   # e.g. the amounts behind a ratio
    hint: Text | None = None
    at_key: bool = False
    exact: Fraction | None = None  # the unrounded figure; the limit is compared with this

    @property
    def ok(self) -> bool:
        """Return True when the figure is within the limit, compared on the unrounded figure
        (28.04% breaks a 28% cap although it reads 28.0%)."""
        value = self.exact if self.exact is not None else self.figure
        return value <= self.limit if self.op == "<=" else value >= self.limit

    @property
    def blank(self) -> bool:
        """Return True for a share of a budget that is still 0 in total (nothing to divide)."""
        return isinstance(self.detail, Ratio) and self.detail.whole == 0

    def figure_text(self, lang: str) -> str:
        """Return the figure as shown: one decimal for %, plain otherwise; — when blank; a figure
        out of its limit that would read as within it at one decimal gets two, rounded away from
        it (a multiple too: 2.0003 倍 over a 2 倍 limit reads 2.01 倍, not 2 倍)."""
        if self.blank:
            return "—"
        if not self.ok and self.exact is not None and self.figure == self.limit:
            way = ROUND_CEILING if self.op == "<=" else ROUND_FLOOR
            shown = (Decimal(self.exact.numerator) / Decimal(self.exact.denominator))
            shown = shown.quantize(Decimal("0.01"), rounding=way)
            return f"{shown}%" if self.unit == PERCENT else f"{fmt_num(shown)}{self.unit.get(lang)}"
        if self.unit == PERCENT:
            return f"{self.figure:.1f}%"
        return f"{fmt_num(self.figure)}{self.unit.get(lang)}"

    def limit_text(self, lang: str) -> str:
        """Return the limit with its operator, e.g. '≤ 40%'."""
        sign = "≤" if self.op == "<=" else "≥"
        return f"{sign} {fmt_limit(self.limit)}{self.unit.get(lang)}"

    def finding(self) -> Finding:
        """Return the finding for this measure when it is out of its limit."""
        if self.blank:
            return self._nothing_to_divide()
        zh_bound, en_bound = ("上限", "maximum") if self.op == "<=" else ("下限", "minimum")
        detail_zh = self.detail.zh if self.detail else ""
        detail_en = self.detail.en if self.detail else ""
        limit_zh = f"{fmt_limit(self.limit)}{self.unit.zh}"
        limit_en = f"{fmt_limit(self.limit)}{self.unit.en}"
        return Finding(self.pointer, Text(
            f"{self.label.zh} {self.figure_text('zh')}{detail_zh}，{zh_bound} {limit_zh}",
            f"{self.label.en} {self.figure_text('en')}{detail_en}; {en_bound} {limit_en}"),
            self.hint, self.at_key)


    def _nothing_to_divide(self) -> Finding:
        """A share of a budget that is still blank: say what is missing, not 「0 ÷ 0」."""
        return Finding(self.pointer, Text(
            f"{self.label.zh}無法計算：總經費為 0 千元，經費明細尚未填寫金額",
            f"{self.label.en} cannot be computed: the total budget is 0 thousand NT$; the "
            "budget lines have no amounts yet"),
            Text("在 budget.units 下填寫各科目的金額（人事費的 monthly_salary、消耗性器材的 "
                 "unit_price …）；tiip budget 顯示各科目合計",
                 "fill in the amounts under budget.units (monthly_salary of personnel, "
                 "unit_price of consumables …); tiip budget shows each category's total"),
            self.at_key)


Check = Callable[[Context], Iterable[Finding]]
Measures = Callable[[Context], Iterable[Measure]]


@dataclass(frozen=True)
class Rule:
    """A rule: stable id, what it checks, and either a check or measures compared with limits."""

    id: str
    title: Text
    check: Check | None = None
    measure: Measures | None = None
    threshold: Callable[[RuleSet], Text] | None = None
    about: str | None = None                               # zh-TW documentation
    evidence: Callable[[Context], list[Evidence]] | None = None  # review criteria only

    def findings(self, ctx: Context) -> Iterator[Finding]:
        """Return the rule's findings: its check's, or one per measure out of its limit."""
        if self.check is not None:
            yield from self.check(ctx)
        if self.measure is not None:
            yield from (m.finding() for m in self.measure(ctx) if not m.ok)


def limit_text(op: str, name: str, unit: Text) -> Callable[[RuleSet], Text]:
    """Return a threshold describer: e.g. limit_text('<=', 'subsidy_cap', PERCENT) → '≤ 50%'."""
    sign = "≤" if op == "<=" else "≥"

    def describe(rs: RuleSet) -> Text:
        value = fmt_limit(rs.num(name))
        return Text(f"{sign} {value}{unit.zh}", f"{sign} {value}{unit.en}")
    return describe


def list_text(name: str) -> Callable[[RuleSet], Text]:
    """Return a threshold describer listing the rule set's list `name`: '獨資、合夥…'."""
    def describe(rs: RuleSet) -> Text:
        items = rs.items(name)
        return Text("、".join(items), ", ".join(items))
    return describe


@dataclass(frozen=True)
class Ratio(Text):
    """The amounts behind a share, as shown after it; `whole` 0 means nothing to divide."""

    whole: int = 0


def ratio(part: int, whole: int) -> Ratio:
    """Return the amounts behind a share, shown after it: '（5,740 ÷ 13,090 千元）'."""
    return Ratio(f"（{fmt_num(part)} ÷ {fmt_num(whole)} 千元）",
                 f" ({fmt_num(part)} of {fmt_num(whole)} thousand NT$)", whole)
