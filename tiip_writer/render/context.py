"""The one documented object templates receive: the proposal plus display-ready facts.

Templates see the fields of `TemplateContext` as top-level variables. Each field's
`doc` metadata is its reference text for template authors (issue 6 generates the template
documentation from it, so it cannot drift from the code).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field, fields
from pathlib import Path
from typing import Any

from tiip_writer.budget.report import BudgetReport
from tiip_writer.foundation.records import dataclass
from tiip_writer.model.proposal import Company, OutsourcedLine, Partner, Person, Proposal
from tiip_writer.render.formatting import roc_date
from tiip_writer.render.labels import text

# Past this many months the Gantt no longer fits a portrait page and goes landscape.
PORTRAIT_GANTT_MONTHS = 12


def doc(text: str) -> Any:
    """Return a dataclass field carrying its template-reference description."""
    return field(metadata={"doc": text})


@dataclass(frozen=True)
class Plan:
    """Facts about the plan as the document states them."""

    title: str = doc("計畫名稱")
    type: str = doc("計畫類型代碼，例如「產業高值」「創新優化-補關鍵」")
    type_name: str = doc("計畫類型全名，例如「產業高值計畫」（取自 tables.yaml 的 plan_types）")
    year: int = doc("計畫年度（民國）")
    agency: str = doc("主辦機關，例如「經濟部工業局」")
    programme: str = doc("計畫名稱全銜：產業升級創新平台輔導計畫")
    application: str = doc("「個別申請」「聯合申請」或「聯合申請：業者＋學界」等（多家公司，或有學研單位共同執行時為聯合申請）")
    joint: bool = doc("是否為聯合申請（多家公司）")
    start: dt.date = doc("計畫起日（date；用 roc_date 過濾器顯示）")
    end: dt.date = doc("計畫迄日")
    months: int = doc("計畫月數")
    period: str = doc("計畫期程文字，例如「自民國105年7月1日至民國107年6月30日（共24個月）」")
    submitted: dt.date = doc("送件日期")
    wide_schedule: bool = doc("預定進度表是否過寬而需橫向頁面（超過 12 個月）")


@dataclass(frozen=True)
class Unit:
    """An executing unit: an applicant company or a research partner."""

    id: str = doc("單位代號（YAML 中的 id）")
    name: str = doc("單位名稱")
    kind: str = doc("「公司」「學界」或「法人」")
    lead: bool = doc("是否為主導公司")


@dataclass(frozen=True)
class TemplateContext:
    """Everything a template may read; field names are the template variable names."""

    proposal: Proposal = doc("完整計畫書資料（欄位同 YAML，例如 proposal.market.narrative）")
    plan: Plan = doc("計畫基本事實（見 Plan）")
    companies: tuple[Company, ...] = doc("申請公司，主導公司在前")
    lead: Company = doc("主導公司（個別申請時即唯一公司）")
    partners: tuple[Partner, ...] = doc("學研合作單位")
    units: tuple[Unit, ...] = doc("所有執行單位：公司（主導在前）再學研單位；人力與經費表依此逐一列出")
    pi: Person | None = doc("計畫主持人（team 中 pi 為 true 者），沒有則為 None")
    unit_names: Mapping[str, str] = doc("單位代號 → 單位名稱（公司與學研單位）")
    people: Mapping[str, Person] = doc("人員編號 → 人員")
    outsourced: tuple[OutsourcedLine, ...] = doc("所有單位的無形資產引進與委託研究明細")
    labels: Mapping[str, Any] = doc("樣板庫 tables.yaml 的內容（表格標題、欄名）")
    draft: bool = doc("是否為草稿（tiip build --draft）")
    source_dir: Path = doc("計畫書 YAML 所在資料夾（圖片路徑以此為準）")
    budget: BudgetReport | None = doc("經費計算結果（預算引擎，同 tiip budget 的數字）；尚無時為 None")

    def variables(self) -> dict[str, Any]:
        """Return the fields as the template's top-level variables."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def context_reference() -> dict[str, dict[str, str]]:
    """Return {class name: {field: description}} for the template documentation."""
    return {cls.__name__: {f.name: f.metadata.get("doc", "") for f in fields(cls)}
            for cls in (TemplateContext, Plan, Unit)}


def _application(labels: Mapping[str, Any], joint: bool, partners: tuple[Partner, ...]) -> str:
    """Return how the plan applies: alone, or jointly (several companies, or a company with
    academia or a research institute: the briefing's 業者＋學界／業者＋法人聯合提案)."""
    kinds = "＋".join(dict.fromkeys(p.kind for p in partners if p.kind))
    if kinds:
        wording = dict(labels.get("cover", {}).get("application", {})).get("joint_with")
        if wording:
            return str(wording).format(kinds=kinds)
    return text(labels, "cover", "application", "joint" if joint or partners else "single")


def build_context(proposal: Proposal, labels: Mapping[str, Any], source_dir: Path,
                  draft: bool = False, default_agency: str | None = None,
                  budget: BudgetReport | None = None) -> TemplateContext:
    """Return the template context for `proposal`."""
    lead = proposal.lead_company
    companies = (lead, *(c for c in proposal.applicants.companies if c is not lead))
    joint = proposal.is_joint
    plan_type = proposal.programme.plan_type
    plan = Plan(
        title=proposal.title,
        type=plan_type,
        type_name=text(labels, "plan_types", plan_type),
        year=proposal.programme.year,
        agency=proposal.programme.agency or default_agency or "",
        programme=text(labels, "cover", "programme"),
        application=_application(labels, joint, proposal.applicants.partners),
        joint=joint,
        start=proposal.period.start,
        end=proposal.end_date,
        months=proposal.period.months,
        period=text(labels, "cover", "period").format(
            start=roc_date(proposal.period.start), end=roc_date(proposal.end_date),
            months=proposal.period.months),
        submitted=proposal.submission_date,
        wide_schedule=proposal.period.months > PORTRAIT_GANTT_MONTHS,
    )
    units = (*(Unit(c.id, c.name, "公司", c is lead) for c in companies),
             *(Unit(p.id, p.name, p.kind, False) for p in proposal.applicants.partners))
    unit_names = {u.id: u.name for u in units}
    return TemplateContext(
        proposal=proposal, plan=plan, companies=companies, lead=lead,
        partners=proposal.applicants.partners, units=units,
        pi=next((p for p in proposal.team if p.pi), None),
        unit_names=unit_names, people={p.id: p for p in proposal.team},
        outsourced=tuple(line for unit in proposal.budget.units.values()
                         for line in (*unit.intangible_assets, *unit.commissioned_research)),
        labels=labels, draft=draft, source_dir=source_dir, budget=budget,
    )
