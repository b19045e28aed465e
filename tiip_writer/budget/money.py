"""The only place where budget figures are rounded: NT$ thousands and one-decimal percentages.

Amounts are computed as exact fractions and rounded half-up exactly once per figure; totals are
sums of rounded figures, so every total equals the sum of its rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

Exact = Fraction | Decimal | int


def round_half_up(value: Exact) -> int:
    """Return `value` rounded to the nearest integer, halves away from zero (2.5 → 3, -2.5 → -3)."""
    exact = Fraction(value)
    rounded = math.floor(abs(exact) + Fraction(1, 2))
    return rounded if exact >= 0 else -rounded


def tenths(value: Exact) -> Decimal:
    """Return `value` rounded half-up to one decimal."""
    return Decimal(round_half_up(Fraction(value) * 10)).scaleb(-1)


def percent(part: Exact, whole: Exact) -> Decimal:
    """Return part ÷ whole as a percentage rounded half-up to one decimal (0.0 when whole is 0)."""
    if whole == 0:
        return Decimal("0.0")
    if type(part) is int and type(whole) is int:  # the usual case, ~10× faster than Fraction
        numerator, denominator = (part * 1000, whole) if whole > 0 else (-part * 1000, -whole)
        rounded = (2 * abs(numerator) + denominator) // (2 * denominator)  # half-up of |n/d|
        return Decimal(rounded if numerator >= 0 else -rounded).scaleb(-1)
    return tenths(Fraction(part) * 100 / Fraction(whole))


def exact_percent(part: Exact, whole: Exact) -> Fraction:
    """Return part ÷ whole × 100 unrounded (0 when whole is 0): what a cap is compared with."""
    if whole == 0:
        return Fraction(0)
    return Fraction(part) * 100 / Fraction(whole)


def integer_weights(weights: Sequence[Exact]) -> tuple[int, ...]:
    """Return `weights` brought to one common denominator, as the integer numerators (the same
    proportions; the spreadsheet export splits years with them, as apportion does)."""
    exact = [Fraction(w) for w in weights]
    denominator = math.lcm(*(w.denominator for w in exact)) if exact else 1
    return tuple(w.numerator * (denominator // w.denominator) for w in exact)


def apportion(total: int, weights: Sequence[Exact]) -> tuple[int, ...]:
    """Return `total` split in proportion to `weights` as integers that sum exactly to `total`.

    Largest-remainder method: each share is floored, then the units left over go to the shares
    with the largest remainders (ties to the earlier share). Zero weights get nothing; when every
    weight is zero the total goes to the first share. Computed on the weights brought to one
    common denominator, so the exact quotas are integer quotients and remainders.
    """
    if not weights:
        return ()
    scaled = list(integer_weights(weights))
    whole = sum(scaled)
    if whole == 0:
        return (total, *([0] * (len(scaled) - 1)))
    if whole < 0:  # the same quotas, with a positive divisor
        scaled, whole = [-w for w in scaled], -whole
    shares = [total * w // whole for w in scaled]
    remainders = [total * w % whole for w in scaled]  # the quota's fraction, in 1/whole units
    left = total - sum(shares)
    order = sorted(range(len(scaled)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        shares[i] += 1
    return tuple(shares)
