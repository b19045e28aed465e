"""apportion splits money exactly as the largest-remainder method on exact fractions does."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tiip_writer.budget.money import apportion

WEIGHTS = st.lists(st.one_of(st.fractions(min_value=0, max_value=50, max_denominator=60),
                             st.integers(0, 40),
                             st.decimals(min_value=0, max_value=100, places=2)),
                   min_size=1, max_size=5)


def _by_fractions(total: int, weights: list) -> tuple[int, ...]:
    """The method as written in the budget rules: exact quotas, floors, largest remainders."""
    exact = [Fraction(w) for w in weights]
    whole = sum(exact)
    if whole == 0:
        return (total, *([0] * (len(exact) - 1)))
    quotas = [total * w / whole for w in exact]
    shares = [math.floor(q) for q in quotas]
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[:total - sum(shares)]:
        shares[i] += 1
    return tuple(shares)


@given(st.integers(-10_000, 1_000_000), WEIGHTS)
def test_apportion_equals_the_exact_fraction_method(total: int, weights: list) -> None:
    shares = apportion(total, weights)
    assert shares == _by_fractions(total, weights)
    assert sum(shares) == total


def test_examples_a_reader_can_check() -> None:
    assert apportion(100, [1, 1, 1]) == (34, 33, 33)          # ties go to the earlier year
    assert apportion(10, [Fraction(1, 3), Fraction(2, 3)]) == (3, 7)
    assert apportion(7, [Decimal("0.5"), 0, Decimal("1.5")]) == (2, 0, 5)
    assert apportion(5, [0, 0]) == (5, 0)
