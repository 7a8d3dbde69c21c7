"""Facts in each language's own form (Babel): a long date, an amount of money, a percentage."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from ..model import Fact


@cache  # Babel's formatting is slow, and a fact is used in many texts
def format_fact(fact: Fact, locale: str) -> str:
    """A fact in a language's own form: a long date, an amount of money, or a percentage."""
    if fact.kind == "amount":
        return format_currency(Decimal(fact.value), fact.currency, locale=locale)
    if fact.kind == "percent":  # 1.5 in the source means 1.5 %
        value = Decimal(fact.value) / 100
        return format_percent(value, locale=locale, decimal_quantization=False)
    return format_date(fact.value, "long", locale=locale)
