"""The work breakdown, declared once, and what refers to it: people and checkpoints."""

from __future__ import annotations

from decimal import Decimal

from tiip_writer.model.base import Node, model


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
