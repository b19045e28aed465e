"""Each budget line's amount from its formula (shared/spec/format.md), exact and unrounded."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.foundation.records import dataclass
from tiip_writer.model.proposal import (
    ConsumableLine,
    ExistingEquipmentLine,
    MaintenanceLine,
    NewEquipmentLine,
    OutsourcedLine,
    PersonnelLine,
    TravelLine,
)
from tiip_writer.ruleset import RuleSet


@dataclass(frozen=True)
class Formula:
    """A line's exact amount, the arithmetic as text, and the inputs it used."""

    exact: Fraction
    text: str
    inputs: tuple[tuple[str, Any], ...]


def _f(value: Decimal | int) -> Fraction:
    return Fraction(value)


def personnel(line: PersonnelLine, rs: RuleSet) -> Formula:
    """Return monthly salary × person-months."""
    return Formula(_f(line.monthly_salary) * _f(line.person_months),
                   f"{fmt_num(line.monthly_salary)} × {fmt_num(line.person_months)}",
                   (("monthly_salary", line.monthly_salary), ("person_months", line.person_months)))


def consumables(line: ConsumableLine, rs: RuleSet) -> Formula:
    """Return quantity × unit price."""
    return Formula(_f(line.quantity) * _f(line.unit_price),
                   f"{fmt_num(line.quantity)} × {fmt_num(line.unit_price)}",
                   (("quantity", line.quantity), ("unit_price", line.unit_price)))


def equipment_new(line: NewEquipmentLine, rs: RuleSet) -> Formula:
    """Return cost × sets ÷ 60 × months (60 = the rule set's equipment_new_months)."""
    life = rs.num("equipment_new_months")
    return Formula(_f(line.cost) * line.sets * line.months / _f(life),
                   f"{fmt_num(line.cost)} × {line.sets} ÷ {fmt_num(life)} × {line.months}",
                   (("cost", line.cost), ("sets", line.sets), ("months", line.months)))


def equipment_existing(line: ExistingEquipmentLine, rs: RuleSet) -> Formula:
    """Return book value ÷ (remaining years × 12) × months."""
    return Formula(_f(line.book_value) * line.months / (_f(line.remaining_years) * 12),
                   f"{fmt_num(line.book_value)} ÷ ({fmt_num(line.remaining_years)} × 12)"
                   f" × {line.months}",
                   (("book_value", line.book_value), ("remaining_years", line.remaining_years),
                    ("months", line.months)))


def maintenance(line: MaintenanceLine, rs: RuleSet) -> Formula:
    """Return the contract fee when given, else cost × 20% ÷ 12 × months."""
    if line.contract_fee is not None:
        return Formula(_f(line.contract_fee), fmt_num(line.contract_fee),
                       (("contract_fee", line.contract_fee),))
    rate = rs.num("maintenance_rate")
    return Formula(_f(line.cost) * _f(rate) / 100 * line.months / 12,
                   f"{fmt_num(line.cost)} × {fmt_num(rate)}% ÷ 12 × {line.months}",
                   (("cost", line.cost), ("months", line.months)))


def outsourced(line: OutsourcedLine, rs: RuleSet) -> Formula:
    """Return the contract amount of an intangible-asset or commissioned-research line."""
    return Formula(_f(line.amount), fmt_num(line.amount), (("amount", line.amount),))


def travel(line: TravelLine, rs: RuleSet) -> Formula:
    """Return cost per person per trip × people × trips."""
    return Formula(_f(line.cost_per_trip) * line.people * line.trips,
                   f"{fmt_num(line.cost_per_trip)} × {line.people} × {line.trips}",
                   (("cost_per_trip", line.cost_per_trip), ("people", line.people),
                    ("trips", line.trips)))


FORMULAS: dict[str, Callable[[Any, RuleSet], Formula]] = {
    "personnel": personnel,
    "consumables": consumables,
    "equipment_new": equipment_new,
    "equipment_existing": equipment_existing,
    "maintenance": maintenance,
    "intangible_assets": outsourced,
    "commissioned_research": outsourced,
    "travel_domestic": travel,
    "travel_foreign": travel,
}
