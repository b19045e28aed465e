"""壹、公司概況: basic data, shareholders, three years of operations, government plans."""

from __future__ import annotations

from tiip_writer.model.proposal import Company
from tiip_writer.render.blocks import GROUP_SHADE, Block, Cell, Row, Table
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.formatting import DASH, money, number, percent, ratio_percent, roc_date
from tiip_writer.render.markdown_text import unwrap
from tiip_writer.render.tables.common import flag, grid, labels_of, money_note, none_row, widths


def _label_cell(text: str) -> Cell:
    return Cell.of(text, bold=True, shade=GROUP_SHADE, align="center")


def company_basics(ctx: TemplateContext, company: Company) -> tuple[Block, ...]:
    """Return the basic-data grid of `company` (label, value, label, value)."""
    labels = labels_of(ctx, "company_basics")
    names = labels["rows"]
    latest = max(company.operations, key=lambda o: o.year, default=None)

    def pair(left: str, left_value: str, right: str, right_value: str) -> Row:
        return Row(cells=(_label_cell(names[left]), Cell.of(left_value),
                          _label_cell(names[right]), Cell.of(right_value)))

    def wide(key: str, value: str) -> Row:
        return Row(cells=(_label_cell(names[key]), Cell.of(value, span=3)))

    address = company.address
    rows = (
        wide("name", company.name),
        pair("tax_id", company.tax_id, "founded", roc_date(company.founded)),
        pair("representative", company.representative, "capital", money(company.capital)),
        pair("entity_type", company.entity_type, "listing", company.listing),
        wide("main_business", company.main_business),
        pair("employees", number(company.employees), "rd_staff", number(company.rd_staff)),
        pair("revenue", money(latest.revenue) if latest else DASH,
             "net_worth", money(company.net_worth)),
        pair("sme", flag(ctx, company.sme), "mid_size", flag(ctx, company.mid_size)),
        wide("registered", address.registered),
        wide("factory", address.factory if address.factory and address.factory != address.registered
             else labels["same_address"]),
    )
    caption = str(labels["caption"]).format(company=company.name)
    return (Table(widths=widths(labels), rows=rows, caption=caption),)


def shareholders(ctx: TemplateContext, company: Company) -> tuple[Block, ...]:
    """Return the main shareholders of `company` with their holdings."""
    labels = labels_of(ctx, "shareholders")
    rows = [[Cell.of(s.name), Cell.num(percent(s.percent))] for s in company.shareholders]
    return (grid(labels, rows or [none_row(ctx, 2)], company=company.name),)


def operations(ctx: TemplateContext, company: Company) -> tuple[Block, ...]:
    """Return three years of operations: products per year, revenue (A), R&D (B), B/A."""
    labels = labels_of(ctx, "operations")
    rows: list[list[Cell]] = []
    for year in sorted(company.operations, key=lambda o: o.year, reverse=True):
        products = year.products or (None,)
        for index, product in enumerate(products):
            merge = None if len(products) == 1 else ("restart" if index == 0 else "continue")
            shared = [
                Cell.of(labels["year"].format(year=year.year), align="center", merge=merge),
                *([Cell.of(product.name),
                   Cell.num(f"{number(product.volume)} {product.unit or ''}".strip()
                            if product.volume is not None else DASH),
                   Cell.num(money(product.sales)),
                   Cell.num(percent(product.market_share))] if product else
                  [Cell.of(DASH, align="center"), Cell.num(DASH), Cell.num(DASH), Cell.num(DASH)]),
                Cell.num(money(year.revenue), merge=merge),
                Cell.num(money(year.rd_expense), merge=merge),
                Cell.num(ratio_percent(year.rd_expense, year.revenue), merge=merge),
            ]
            rows.append(shared)
    return (grid(labels, rows or [none_row(ctx, 8)], note=money_note(ctx), company=company.name),)


def government_plans(ctx: TemplateContext, company: Company) -> tuple[Block, ...]:
    """Return the government plans of the last three years and this year's applications."""
    labels = labels_of(ctx, "government_plans")
    rows = [[Cell.of(p.name), Cell.of(p.agency), Cell.of(p.year, align="center"),
             Cell.num(money(p.subsidy)), Cell.of(p.status, align="center"),
             Cell.of(unwrap(p.difference))]
            for p in company.government_plans]
    return (grid(labels, rows or [none_row(ctx, 6)], note=money_note(ctx), company=company.name),)
