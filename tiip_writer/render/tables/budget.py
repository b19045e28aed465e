"""Budget tables, rendered from the budget engine's results (never recomputed here)."""

from __future__ import annotations

from typing import Any

from tiip_writer.render.blocks import GROUP_SHADE, Cell, Row
from tiip_writer.render.context import TemplateContext


def summary_budget_rows(ctx: TemplateContext, title: str, labels: Any) -> list[Row]:
    """Return the summary sheet's budget grid rows."""
    # TODO(budget engine): filled from tiip_writer.budget once branch `rules` lands.
    return [Row(cells=(Cell.of(title, bold=True, shade=GROUP_SHADE, align="center"),
                       Cell.of("（經費計算尚未提供）", span=4)))]
