"""The proposal as typed, frozen objects: what rules, the budget engine and templates read.

Field names are the YAML keys of schemas/proposal.schema.json (tests keep the two in step).
Every object remembers `ptr`, its JSON pointer in the source, so a finding can point at it.
Numbers that take part in arithmetic are Decimal, so sums are exact. The classes live in
modules by part of the proposal (applicants, content, plan, budget_lines); this module holds the
proposal itself and is the model's one import point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from tiip_writer.model.applicants import (  # noqa: F401 - one import point for the model
    Address,
    Applicants,
    Company,
    Contact,
    GovernmentPlan,
    Operations,
    Partner,
    ProductLine,
    Shareholder,
)
from tiip_writer.model.base import Node, model
from tiip_writer.model.budget_lines import (  # noqa: F401 - one import point for the model
    Budget,
    ConsumableLine,
    DeclaredTotals,
    ExistingEquipmentLine,
    MaintenanceLine,
    NewEquipmentLine,
    OutsourcedLine,
    PersonnelLine,
    TravelLine,
    UnitBudget,
)
from tiip_writer.model.content import (  # noqa: F401 - one import point for the model
    Benefits,
    Competition,
    CompetitorFacts,
    FeasibilityMetric,
    FieldTrial,
    IntellectualProperty,
    KeyComponent,
    Market,
    MarketFigure,
    Marketing,
    OtherBenefit,
    PlanSpecific,
    QualitativeBenefits,
    QuantifiedBenefits,
    Risk,
    Spec,
    Summary,
    SystemFeasibility,
    Target,
    Technology,
    ValuePoint,
    ValueUplift,
)
from tiip_writer.model.plan import (
    Checkpoint,
    Person,
    SubPlan,
    WorkItem,
)


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
    sections: tuple[str, ...] = ()  # model.sections keys: their pages are measured, not typed
    page: str | None = None  # typed by hand (the old way); unused when `sections` is given


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
