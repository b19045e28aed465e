"""Budget line items per category, as the inputs of each formula (amounts are computed)."""

from __future__ import annotations

from decimal import Decimal

from tiip_writer.model.base import Node, model


@model
class PersonnelLine(Node):
    person: str
    monthly_salary: Decimal
    person_months: Decimal
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class ConsumableLine(Node):
    item: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    purpose: str
    work_item: str | None = None
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class NewEquipmentLine(Node):
    item: str
    cost: Decimal
    sets: int
    months: int
    purpose: str
    work_item: str | None = None
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class ExistingEquipmentLine(Node):
    item: str
    asset_no: str
    book_value: Decimal
    remaining_years: Decimal
    months: int
    purpose: str
    sets: int | None = None
    work_item: str | None = None
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class MaintenanceLine(Node):
    item: str
    cost: Decimal
    months: int
    purpose: str
    contract_fee: Decimal | None = None
    work_item: str | None = None
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class OutsourcedLine(Node):
    item: str
    counterpart: str
    amount: Decimal
    content: str
    start_month: int
    end_month: int
    purpose: str
    counterpart_background: str | None = None
    agreement: str | None = None  # 意向書 | 草約 | 正式合約
    work_item: str | None = None
    subsidy_rate: Decimal | None = None


@model
class TravelLine(Node):
    purpose: str
    place: str
    days: int
    trips: int
    people: int
    cost_per_trip: Decimal
    work_item: str | None = None
    subsidy_rate: Decimal | None = None
    amount: Decimal | None = None


@model
class UnitBudget(Node):
    subsidy_rate: Decimal | None = None
    personnel: tuple[PersonnelLine, ...] = ()
    consumables: tuple[ConsumableLine, ...] = ()
    equipment_new: tuple[NewEquipmentLine, ...] = ()
    equipment_existing: tuple[ExistingEquipmentLine, ...] = ()
    maintenance: tuple[MaintenanceLine, ...] = ()
    intangible_assets: tuple[OutsourcedLine, ...] = ()
    commissioned_research: tuple[OutsourcedLine, ...] = ()
    travel_domestic: tuple[TravelLine, ...] = ()
    travel_foreign: tuple[TravelLine, ...] = ()


@model
class DeclaredTotals(Node):
    total: Decimal | None = None
    subsidy: Decimal | None = None
    self_funding: Decimal | None = None


@model
class Budget(Node):
    subsidy_rate: Decimal
    units: dict[str, UnitBudget]
    mid_size_bonus: bool = False
    declared: DeclaredTotals | None = None
