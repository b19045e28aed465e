"""The applicants: companies (profile, shareholders, operations, other plans), partners, contact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tiip_writer.model.base import Node, model


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
