"""The native tables a template can place with {{ table("name", ...) }}, by name."""

from __future__ import annotations

from tiip_writer.render.tables import budget, company, content, front, schedule, team
from tiip_writer.render.templating import TableBuilder

BUILDERS: dict[str, TableBuilder] = {
    "cover": front.cover,
    "summary": front.summary,
    "signatures": front.signatures,
    "review_responses": front.review_responses,
    "company_basics": company.company_basics,
    "shareholders": company.shareholders,
    "operations": company.operations,
    "government_plans": company.government_plans,
    "market_figures": content.market_figures,
    "specs": content.specs,
    "competitors": content.competitors,
    "plan_tree": content.plan_tree,
    "outsourcing": content.outsourcing,
    "benefits": content.benefits,
    "value_uplift": content.value_uplift,
    "feasibility": content.feasibility,
    "risks": content.risks,
    "attachments": content.attachments,
    "gantt": schedule.gantt,
    "checkpoints": schedule.checkpoints,
    "principal_investigator": team.principal_investigator,
    "team": team.team,
    "staff_stats": team.staff_stats,
    "budget_summary": budget.budget_summary,
    "budget_years": budget.budget_years,
    "budget_detail": budget.budget_detail,
}
