"""Amounts of money as Dutch text, the same on pages, in messages and in timeline titles: '€ 1.250,00'.

Dutch style whatever the UI language: two decimals after a comma, thousands grouped with a dot.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation


def bedrag(waarde: Decimal | int | str) -> str:
    """The number of an amount: '1.250,00' (for texts that write the '€ ' themselves)."""
    with translation.override("nl"):
        return formats.number_format(Decimal(waarde), decimal_pos=2, use_l10n=True, force_grouping=True)


def euro(waarde: Decimal | int | str) -> str:
    """An amount in euros: '€ 1.250,00'."""
    return f"€ {bedrag(waarde)}"
