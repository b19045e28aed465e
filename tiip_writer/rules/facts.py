"""Facts about a proposal that several rules ask: plan kind, lookups by code, pointers."""

from __future__ import annotations

from tiip_writer.model.proposal import Company, Partner, Person, Proposal, WorkItem

SUBSIDY_RATE = "/budget/subsidy_rate"


def partners(proposal: Proposal, kind: str) -> tuple[Partner, ...]:
    """Return the partners of `kind` ('學界' or '法人')."""
    return tuple(p for p in proposal.applicants.partners if p.kind == kind)


def is_academia_plan(proposal: Proposal) -> bool:
    """Return True for an industry+academia plan (業者＋學界)."""
    return bool(partners(proposal, "學界"))


def is_institute_plan(proposal: Proposal) -> bool:
    """Return True for an industry+institute plan (業者＋法人)."""
    return bool(partners(proposal, "法人"))


def is_joint(proposal: Proposal) -> bool:
    """Return True when several units develop together (two companies, or a partner)."""
    return len(proposal.applicants.companies) > 1 or bool(proposal.applicants.partners)


def companies(proposal: Proposal) -> dict[str, Company]:
    """Return the applicant companies by id."""
    return {c.id: c for c in proposal.applicants.companies}


def persons(proposal: Proposal) -> dict[str, Person]:
    """Return the team by person id."""
    return {p.id: p for p in proposal.team}


def work_items(proposal: Proposal) -> dict[str, WorkItem]:
    """Return the work items by code."""
    return {i.code: i for i in proposal.work_items}


def person_name(person: Person) -> str:
    """Return how a person is named in a message: 'P06（待聘 演算法工程師）'."""
    return f"{person.id}（{person.name or '待聘'} {person.title}）"


def bonus_applies(proposal: Proposal) -> bool:
    """Return True when the 中堅企業 bonus is claimed and some applicant company is a 中堅企業."""
    return proposal.budget.mid_size_bonus and any(
        c.mid_size for c in proposal.applicants.companies)
