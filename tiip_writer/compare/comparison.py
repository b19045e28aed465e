"""What changed between two versions of a proposal, per section: the Comparison object.

Prose is compared character by character (text.chardiff), other values as they are typed
(a checkpoint's month also as its calendar month), the budget through its computed figures
(compare.figures), and the rule findings of both versions as sets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal
from typing import Any

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.compare.figures import Figure, figures
from tiip_writer.foundation.diagnostics import Diagnostic, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.model import add_months
from tiip_writer.model.sections import SECTIONS, section_of
from tiip_writer.source.datadiff import MISSING, changed_leaves
from tiip_writer.source.loader import YamlDate
from tiip_writer.text.chardiff import Piece, char_diff

OTHER = Text("其他", "Other")
# Parts of the data that no section of the plan shows, grouped by their top-level key.
PARTS = {"review_responses": Text("計畫審查意見及回復說明", "Review responses")}
MONTH_FIELDS = ("month", "start_month", "end_month")  # plan months: shown as calendar months too
ITEM_KINDS = {"work": Text("分項計畫", "sub-plan"), "items": Text("工作項目", "work item"),
              "checkpoints": Text("查核點", "checkpoint"), "team": Text("計畫人員", "staff member"),
              "companies": Text("公司", "company"), "partners": Text("合作單位", "partner")}


@dataclass(frozen=True)
class TextChange:
    """A text field whose wording changed: the pieces struck (delete) and inserted."""

    pointer: str
    path: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ValueChange:
    """A typed value (number, date, yes/no) that changed; `old`/`new` are None when absent.

    `old_month`/`new_month` give a plan month as its calendar month (民國106年2月)."""

    pointer: str
    path: str
    old: Any
    new: Any
    old_month: dt.date | None = None
    new_month: dt.date | None = None


@dataclass(frozen=True)
class ItemChange:
    """A list item named by code that was added, removed or renamed."""

    change: str          # "added" | "removed" | "renamed"
    kind: Text           # what the item is: 工作項目, 查核點 …
    code: str
    pointer: str
    old_name: str | None
    new_name: str | None


@dataclass(frozen=True)
class FigureChange:
    """A computed figure (an amount, a share, person-months) whose value moved."""

    key: str
    label: Text
    old: int | Decimal | None
    new: int | Decimal | None
    unit: Text

    @property
    def delta(self) -> int | Decimal | None:
        """Return new − old, or None when the figure exists on one side only."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass
class SectionDiff:
    """The changes shown in one section of the document."""

    key: str
    title: Text
    texts: list[TextChange] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)


@dataclass(frozen=True)
class FindingChange:
    """A rule finding present in one version only (the diagnostic as that version reports it)."""

    change: str          # "appeared" | "disappeared"
    diagnostic: Diagnostic


@dataclass
class Comparison:
    """Everything that differs between two versions of a proposal."""

    old_file: str
    new_file: str
    sections: list[SectionDiff]
    findings: list[FindingChange]

    @property
    def equal(self) -> bool:
        """Return True when nothing a reader of the proposal would see has changed."""
        return not self.sections and not self.findings


def compare(old: CheckResult, new: CheckResult) -> Comparison:
    """Return what changed from `old` to `new` (both read; either may have findings)."""
    diffs = {s.key: SectionDiff(s.key, s.title) for s in SECTIONS}
    diffs.update({key: SectionDiff(key, title) for key, title in PARTS.items()})
    diffs["other"] = SectionDiff("other", OTHER)
    leaves, keyed = changed_leaves(old.source.data, new.source.data)
    old_start, new_start = _start(old), _start(new)
    for leaf in leaves:
        diff = diffs[_group(leaf.pointer)]
        if _is_text(leaf.old) and _is_text(leaf.new):
            pieces = tuple(char_diff(_text(leaf.old), _text(leaf.new)))
            diff.texts.append(TextChange(leaf.pointer, leaf.path, pieces))
        else:
            month = leaf.path.rsplit(".", 1)[-1] in MONTH_FIELDS
            old_value, new_value = _plain(leaf.old), _plain(leaf.new)
            diff.values.append(ValueChange(
                leaf.pointer, leaf.path, old_value, new_value,
                _month(old_start, old_value) if month else None,
                _month(new_start, new_value) if month else None))
    for item in keyed:
        kind = ITEM_KINDS.get(item.path.rsplit(".", 1)[-1], Text("項目", "item"))
        old_name = item.old.get("name") if item.old is not MISSING else None
        new_name = item.new.get("name") if item.new is not MISSING else None
        change = "added" if item.old is MISSING else "removed" if item.new is MISSING else "renamed"
        diffs[_group(item.pointer)].items.append(
            ItemChange(change, kind, item.code, item.pointer, old_name, new_name))
    for figure in _figure_changes(old, new):
        diffs["team" if figure.key.startswith("person/") else "budget"].figures.append(figure)
    sections = [d for d in diffs.values() if d.texts or d.values or d.items or d.figures]
    return Comparison(old.source.display, new.source.display, sections, _finding_changes(old, new))


def _group(pointer: str) -> str:
    """Return the section (or other part) a changed value is reported under."""
    top = pointer.split("/")[1] if pointer.count("/") else ""
    return section_of(pointer) or (top if top in PARTS else "other")


def _is_text(value: Any) -> bool:
    return value is MISSING or isinstance(value, str) and not isinstance(value, YamlDate)


def _text(value: Any) -> str:
    return "" if value is MISSING else value


def _plain(value: Any) -> Any:
    """Return a typed value as itself, None when absent, a date as a plain date."""
    if value is MISSING:
        return None
    if isinstance(value, YamlDate):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def _start(result: CheckResult) -> dt.date | None:
    return result.proposal.period.start if result.proposal is not None else None


def _month(start: dt.date | None, month: Any) -> dt.date | None:
    """Return the first day of plan month `month` (1-based) of a plan starting `start`."""
    if start is None or not isinstance(month, int) or isinstance(month, bool) or month < 1:
        return None
    return add_months(start.replace(day=1), month - 1)


def _figure_changes(old: CheckResult, new: CheckResult) -> list[FigureChange]:
    """Return the computed figures that differ (none when either budget could not be computed)."""
    if not (old.proposal and old.budget and new.proposal and new.budget):
        return []
    before, after = figures(old.proposal, old.budget), figures(new.proposal, new.budget)
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and a.value == b.value:
            continue
        shown: Figure = b or a  # type: ignore[assignment]
        changes.append(FigureChange(key, shown.label, a.value if a else None,
                                    b.value if b else None, shown.unit))
    return changes


def _finding_changes(old: CheckResult, new: CheckResult) -> list[FindingChange]:
    """Return the findings of one version that the other lacks (matched by rule, place in the
    data and wording, not by line: lines move when text is added above)."""
    def key(d: Diagnostic) -> tuple[str, str, str]:
        return (d.rule, d.pointer, d.message.zh)

    old_keys = {key(d) for d in old.diagnostics}
    new_keys = {key(d) for d in new.diagnostics}
    return ([FindingChange("disappeared", d) for d in old.diagnostics if key(d) not in new_keys]
            + [FindingChange("appeared", d) for d in new.diagnostics if key(d) not in old_keys])
