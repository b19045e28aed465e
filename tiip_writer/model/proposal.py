"""The proposal as typed, frozen objects: what rules, the budget engine and templates read.

Field names are the YAML keys of schemas/proposal.schema.json (tests keep the two in step).
Every object remembers `ptr`, its JSON pointer in the source, so a finding can point at it.
Numbers that take part in arithmetic are Decimal, so sums are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

model = dataclass(frozen=True, kw_only=True)


@model
class Node:
    ptr: str = field(default="", compare=False, repr=False)


@model
class EmergingItem(Node):
    area: str
    item: str


@model
class Programme(Node):
    year: int
    plan_type: str
    agency: str | None = None
    topic: str | None = None
    emerging_item: EmergingItem | None = None


@model
class Period(Node):
    start: dt.date
    months: int


@model
class ReviewResponse(Node):
    comment: str
    response: str
    page: str | None = None


@model
class Address(Node):
    registered: str
    factory: str | None = None


@model
class Shareholder(Node):
    name: str
    percent: Decimal


@model
class ProductLine(Node):
    name: str
    sales: Decimal
    volume: Decimal | None = None
    unit: str | None = None
    market_share: Decimal | None = None


@model
class Operations(Node):
    year: int
    revenue: Decimal
    rd_expense: Decimal
    products: tuple[ProductLine, ...] = ()


@model
class GovernmentPlan(Node):
    name: str
    agency: str
    year: int
    status: str
    difference: str
    subsidy: Decimal | None = None


@model
class Company(Node):
    id: str
    name: str
    tax_id: str
    entity_type: str
    founded: dt.date
    representative: str
    capital: Decimal
    main_business: str
    listing: str
    employees: int
    address: Address
    sme: bool
    net_worth: Decimal
    bank_refused: bool
    shareholders: tuple[Shareholder, ...]
    history: str
    rd_capability: str
    operations: tuple[Operations, ...]
    lead: bool = False
    rd_staff: int | None = None
    mid_size: bool = False
    government_plans: tuple[GovernmentPlan, ...] = ()
    resource_allocation: str | None = None


@model
class Partner(Node):
    id: str
    kind: str  # 學界 | 法人
    name: str
    category: str
    background: str
    department: str | None = None
    representative: str | None = None


@model
class Applicants(Node):
    companies: tuple[Company, ...]
    partners: tuple[Partner, ...] = ()


@model
class Contact(Node):
    name: str
    phone: str
    email: str
    title: str | None = None
    mobile: str | None = None
    fax: str | None = None
    address: str | None = None


@model
class Summary(Node):
    abstract: str
    keywords: tuple[str, ...]
    benefits: str


@model
class Target(Node):
    name: str
    kind: str
    description: str


@model
class MarketFigure(Node):
    label: str
    value: Decimal
    unit: str
    year: int | None = None
    source: str | None = None
    as_of: str | None = None


@model
class Market(Node):
    narrative: str
    figures: tuple[MarketFigure, ...]


@model
class Spec(Node):
    item: str
    target: str
    domestic: str
    foreign: str
    unit: str | None = None


@model
class Technology(Node):
    specs: tuple[Spec, ...]
    innovation: str
    advantage: str
    method: str


@model
class IntellectualProperty(Node):
    search: str
    plan: str


@model
class CompetitorFacts(Node):
    price: str
    launch: str
    market_share: str
    segment: str
    channel: str
    advantage: str
    name: str | None = None
    product: str | None = None


@model
class Competition(Node):
    ours: CompetitorFacts
    competitors: tuple[CompetitorFacts, ...]
    differentiation: str


@model
class Marketing(Node):
    product: str
    price: str
    channel: str
    promotion: str


@model
class ValuePoint(Node):
    unit_price: Decimal
    gross_margin: Decimal
    annual_volume: Decimal
    volume_unit: str | None = None


@model
class ValueUplift(Node):
    product: str
    before: ValuePoint
    after: ValuePoint
    narrative: str | None = None


@model
class KeyComponent(Node):
    beyond_domestic: str
    supply_chain: str


@model
class FeasibilityMetric(Node):
    item: str
    value: Decimal
    unit: str
    basis: str | None = None


@model
class SystemFeasibility(Node):
    narrative: str
    metrics: tuple[FeasibilityMetric, ...]


@model
class FieldTrial(Node):
    site: str
    plan: str
    operation: str
    agreement: str | None = None


@model
class PlanSpecific(Node):
    value_uplift: ValueUplift | None = None
    key_component: KeyComponent | None = None
    total_solution: str | None = None
    system_feasibility: SystemFeasibility | None = None
    field_trial: FieldTrial | None = None
    demonstration: str | None = None


@model
class WorkItem(Node):
    code: str
    name: str
    weight: Decimal
    start_month: int
    end_month: int
    executor: str | None = None
    description: str | None = None


@model
class SubPlan(Node):
    code: str
    name: str
    items: tuple[WorkItem, ...]
    executor: str | None = None


@model
class Person(Node):
    id: str
    unit: str
    kind: str  # 研發人員 | 顧問
    title: str
    degree: str
    effort: dict[str, Decimal]
    name: str | None = None  # None: to be hired (待聘)
    pi: bool = False
    education: str | None = None
    gender: str | None = None
    experience: str | None = None
    years: Decimal | None = None
    new_hire: str | None = None  # 碩士 | 博士
    international: bool = False


@model
class Checkpoint(Node):
    code: str
    work_item: str
    month: int
    kpi: str
    weight: Decimal
    responsible: tuple[str, ...]


@model
class Risk(Node):
    risk: str
    impact: str
    response: str


@model
class OtherBenefit(Node):
    item: str
    value: Decimal
    unit: str


@model
class QuantifiedBenefits(Node):
    output_increase: Decimal | None = None
    new_products: int | None = None
    derived_investment: Decimal | None = None
    new_jobs: int | None = None
    cost_reduction: Decimal | None = None
    patents: int | None = None
    others: tuple[OtherBenefit, ...] = ()


@model
class QualitativeBenefits(Node):
    company: str
    industry: str


@model
class Benefits(Node):
    quantified: QuantifiedBenefits
    qualitative: QualitativeBenefits


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


@model
class Attachment(Node):
    title: str
    kind: str | None = None
    note: str | None = None


@model
class Declarations(Node):
    new_development: bool
    single_target: bool
    rd_log: bool
    cooperation_contract: bool | None = None
    no_countervailing_claim: bool | None = None


@model
class Proposal(Node):
    format_version: int
    programme: Programme
    title: str
    period: Period
    submission_date: dt.date
    applicants: Applicants
    contact: Contact
    summary: Summary
    target: Target
    background: str
    market: Market
    technology: Technology
    competition: Competition
    marketing: Marketing
    work: tuple[SubPlan, ...]
    team: tuple[Person, ...]
    checkpoints: tuple[Checkpoint, ...]
    risks: tuple[Risk, ...]
    benefits: Benefits
    budget: Budget
    declarations: Declarations
    review_responses: tuple[ReviewResponse, ...] = ()
    ip: IntellectualProperty | None = None
    plan_specific: PlanSpecific = field(default_factory=PlanSpecific)
    attachments: tuple[Attachment, ...] = ()

    # --- derived views: computed from the fields above, never stored twice ---------------

    @property
    def work_items(self) -> tuple[WorkItem, ...]:
        """Return every work item of every sub-plan, in document order."""
        return tuple(item for sub in self.work for item in sub.items)

    @property
    def end_date(self) -> dt.date:
        """Return the last day of the plan period."""
        return add_months(self.period.start, self.period.months) - dt.timedelta(days=1)

    @property
    def lead_company(self) -> Company:
        """Return the lead company (the only company, or the one marked lead)."""
        companies = self.applicants.companies
        return next((c for c in companies if c.lead), companies[0])

    @property
    def is_joint(self) -> bool:
        """Return True when more than one company applies (聯合申請)."""
        return len(self.applicants.companies) > 1

    @property
    def is_topdown(self) -> bool:
        """Return True for a Top-down (主題式) plan."""
        return self.programme.plan_type == "主題式"


def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved forward by `months` calendar months (day clamped to month length)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
