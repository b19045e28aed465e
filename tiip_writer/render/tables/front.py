"""The front matter: cover page, 計畫書摘要表 and the review-response table."""

from __future__ import annotations

from tiip_writer.render.blocks import GROUP_SHADE, Block, Cell, Para, Row, Run, Table
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.docx_xml import section_bookmark
from tiip_writer.render.formatting import join_list, roc_year
from tiip_writer.render.markdown_text import unwrap
from tiip_writer.render.tables.budget import summary_budget_rows
from tiip_writer.render.tables.common import grid, labels_of, none_row


def cover(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the cover page: 限閱, blank plan number, programme, title, period, companies, date."""
    labels, plan = labels_of(ctx, "cover"), ctx.plan
    blocks: list[Block] = [
        Para.of(labels["restricted"], style="CoverMark"),
        Para.of(labels["plan_number"], style="CoverText", align="right"),
        Para(runs=(Run(plan.agency), Run("\n" + plan.programme), Run("\n" + plan.type_name)),
             style="CoverProgramme"),
        Para.of(f"（{plan.application}）", style="CoverText"),
        Para.of(plan.title, style="CoverTitle"),
        Para.of(labels["period_label"] + plan.period, style="CoverText"),
    ]
    if plan.joint:
        blocks.append(Para.of(labels["lead"] + ctx.lead.name, style="CoverText"))
        members = join_list(c.name for c in ctx.companies[1:])
        blocks.append(Para.of(labels["members"] + members, style="CoverText"))
    else:
        blocks.append(Para.of(labels["company"] + ctx.lead.name, style="CoverText"))
    if ctx.partners:
        blocks.append(Para.of(labels["partners"] + join_list(p.name for p in ctx.partners),
                              style="CoverText"))
    submitted = plan.submitted
    date = labels["date"].format(year=roc_year(submitted.year), month=submitted.month)
    blocks.append(Para(runs=(Run(date),), style="CoverText"))
    return tuple(blocks)


def summary(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the one-page summary sheet (計畫書摘要表): a label column, then the content (the
    budget grid: a row label and four figures)."""
    labels = labels_of(ctx, "summary")
    names = labels["rows"]
    proposal, plan = ctx.proposal, ctx.plan

    span = len(labels["widths"]) - 1

    def line(key: str, value: str) -> Row:
        return Row(cells=(Cell.of(names[key], bold=True, shade=GROUP_SHADE, align="center"),
                          Cell.of(value, span=span)))

    companies = "\n".join(c.name + (labels["lead_mark"] if plan.joint and c is ctx.lead else "")
                          for c in ctx.companies)
    if ctx.partners:
        companies += "\n" + "\n".join(p.name for p in ctx.partners)
    contact = proposal.contact
    contact_text = labels["contact_format"].format(
        name=contact.name, title=contact.title or "", phone=contact.phone, email=contact.email)
    pi = ctx.pi
    pi_text = f"{pi.name or ''}　{pi.title}" if pi else ctx.labels.get("none", "")
    rows = [
        line("title", plan.title),
        line("companies", companies),
        line("plan_type", plan.type_name),
        line("period", plan.period),
        *summary_budget_rows(ctx, names["budget"], labels),
        line("pi", pi_text),
        line("contact", contact_text),
        line("abstract", unwrap(proposal.summary.abstract)),
        line("benefits", unwrap(proposal.summary.benefits)),
        line("keywords", join_list(proposal.summary.keywords)),
    ]
    table = Table(widths=tuple(float(w) for w in labels["widths"]), rows=tuple(rows))
    return (table,)


def signatures(ctx: TemplateContext, date: bool = True, room: int = 4) -> tuple[Block, ...]:
    """Return the place for each company's seal and its representative's seal (`room` empty
    lines high), and a line for the date unless `date` is False (the cover has its own)."""
    labels = labels_of(ctx, "signatures")
    seal_room = tuple((Run(""),) for _ in range(max(room, 1)))  # empty lines: room for a stamp
    rows = [[Cell.of(company.name, align="center"), Cell(lines=seal_room),
             Cell.of(company.representative, align="center"),
             Cell(lines=seal_room)] for company in ctx.companies]
    if date:
        rows.append([Cell.of(labels["date"], span=4)])
    table = grid(labels, rows)
    return (table,)


def review_responses(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the table answering the reviewers' comments (resubmissions only)."""
    labels = labels_of(ctx, "review_responses")
    rows = [[Cell.of(index, align="center"), Cell.of(unwrap(r.comment)),
             Cell.of(unwrap(r.response)), _pages(r.sections) if r.sections
             else Cell.of(r.page or "", align="center")]
            for index, r in enumerate(ctx.proposal.review_responses, start=1)]
    return (grid(labels, rows or [none_row(ctx, 4)]),)


def _pages(sections: tuple[str, ...]) -> Cell:
    """Return a 修正頁碼 cell of page references to where each named section starts: the
    layout fills them in (never typed, so they cannot go stale)."""
    runs: list[Run] = []
    for index, key in enumerate(sections):
        if index:
            runs.append(Run("、"))
        runs.append(Run("", field=f"PAGEREF {section_bookmark(key)} \\h"))
    return Cell(lines=(tuple(runs),), align="center")
