"""The proposal's content: summary, target, market, technology, competition, marketing,
plan-type specific evidence, risks and benefits."""

from __future__ import annotations

from decimal import Decimal

from tiip_writer.model.base import Node, model


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
