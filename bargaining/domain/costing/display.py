"""Rounding for display only: the engine keeps exact Decimals; sheets and charts round at the end."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
DOLLAR = Decimal(1)
TENTH = Decimal("0.1")


def cents(amount: Decimal) -> Decimal:
    """Money to the cent (half up)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def dollars(amount: Decimal) -> Decimal:
    """Money to the whole dollar (half up)."""
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


def percent(value: Decimal | None, places: Decimal = CENT) -> Decimal | None:
    """A percent rounded for display (None stays None)."""
    return None if value is None else value.quantize(places, rounding=ROUND_HALF_UP)


def money_text(amount: Decimal) -> str:
    """'$1,234,567' (whole dollars, a minus sign before the dollar sign when negative)."""
    rounded = dollars(amount)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.0f}"


def percent_text(value: Decimal | None) -> str:
    """'3.25 %' or an em dash when there is no percent."""
    shown = percent(value)
    return "—" if shown is None else f"{shown} %"
