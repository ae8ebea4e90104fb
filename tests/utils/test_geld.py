"""Amounts in euros, Dutch style, whatever the UI language."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from koers.utils.geld import bedrag, euro


def test_amounts_have_a_decimal_comma_and_grouped_thousands():
    assert euro(Decimal("800")) == "€ 800,00"
    assert euro(Decimal("612.4")) == "€ 612,40"
    assert euro(1250) == "€ 1.250,00"
    assert bedrag(Decimal("1234567.891")) == "1.234.567,89"


def test_the_english_ui_still_writes_dutch_amounts():
    with translation.override("en"):
        assert euro(Decimal("800.00")) == "€ 800,00"


def test_template_filter_writes_what_messages_write():
    html = Template("{% load koers_geld %}{{ x|euro }}|{{ x|bedrag }}|{{ leeg|euro }}").render(
        Context({"x": Decimal("10000"), "leeg": None})
    )
    assert html == "€ 10.000,00|10.000,00|"
