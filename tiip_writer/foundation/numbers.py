"""How numbers read in messages and terminal tables: 13,090 · 3.5 · 43.9% · 40%."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def fmt_num(value: Decimal | int | Fraction) -> str:
    """Return `value` with thousands separators and no trailing zeros (1800 → '1,800')."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    text = f"{number.normalize():,f}"
    return text


def fmt_pct(value: Decimal) -> str:
    """Return a one-decimal percentage as text: Decimal('43.9') → '43.9%'."""
    return f"{Decimal(value):.1f}%"


def fmt_limit(value: Decimal) -> str:
    """Return a limit as written in the briefing: 40 → '40', 2.5 → '2.5'."""
    return fmt_num(value)
