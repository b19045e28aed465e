"""Rounding and apportioning: the only arithmetic that loses precision, tested at its edges."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tiip_writer.budget.money import apportion, percent, round_half_up, tenths


def test_round_half_up_rounds_halves_away_from_zero() -> None:
    assert [round_half_up(Decimal(v)) for v in ("0.5", "1.5", "2.5", "2.4999", "-2.5")] == \
        [1, 2, 3, 2, -3]
    assert round_half_up(Fraction(2, 3)) == 1
    assert round_half_up(Fraction(1, 3)) == 0


def test_percent_has_one_decimal_rounded_half_up() -> None:
    assert percent(5236, 13090) == Decimal("40.0")
    assert percent(5740, 13090) == Decimal("43.9")      # 43.85 → 43.9
    assert percent(1, 8) == Decimal("12.5")
    assert percent(4005, 10000) == Decimal("40.1")      # exactly 40.05 → 40.1
    assert percent(4004, 10000) == Decimal("40.0")
    assert percent(3, 0) == Decimal("0.0")


@given(st.integers(-10**9, 10**9), st.integers(-10**9, 10**9).filter(bool))
def test_percent_of_whole_numbers_equals_the_exact_fraction_rounding(part: int,
                                                                    whole: int) -> None:
    """The integer fast path rounds exactly as the Fraction route does (negatives included)."""
    assert percent(part, whole) == tenths(Fraction(part) * 100 / Fraction(whole))
    assert str(percent(part, whole)) == str(tenths(Fraction(part) * 100 / Fraction(whole)))


def test_tenths() -> None:
    assert tenths(Fraction(6545, 56466)) == Decimal("0.1")
    assert tenths(Decimal("2.25")) == Decimal("2.3")


def test_apportion_gives_leftover_units_to_largest_remainders() -> None:
    assert apportion(1000, [5, 4]) == (556, 444)
    assert apportion(10, [1, 1, 1]) == (4, 3, 3)        # tie: the earlier share first
    assert apportion(7, [0, 0]) == (7, 0)
    assert apportion(5, [0, 1]) == (0, 5)
    assert apportion(0, [1, 2]) == (0, 0)


@given(st.integers(min_value=0, max_value=10**7),
       st.lists(st.fractions(min_value=0, max_value=100), min_size=1, max_size=5))
def test_apportion_always_sums_to_the_total_within_one_of_the_quota(
        total: int, weights: list[Fraction]) -> None:
    shares = apportion(total, weights)
    assert sum(shares) == total
    whole = sum(weights)
    if whole:
        for share, weight in zip(shares, weights):
            assert abs(share - total * weight / whole) < 1
