"""Stage 4: the budget engine — line amounts, subsidy and self-funding, and every total.

`compute_budget(proposal, ruleset)` returns a `BudgetReport` (see budget/report.py); rounding
happens only in budget/money.py.
"""

from tiip_writer.budget.build import compute_budget
from tiip_writer.budget.report import (
    Amounts,
    BudgetLine,
    BudgetReport,
    Group,
    PlanYear,
    Row,
    Table,
    UnitReport,
)

__all__ = ["Amounts", "BudgetLine", "BudgetReport", "Group", "PlanYear", "Row", "Table",
           "UnitReport", "compute_budget"]
