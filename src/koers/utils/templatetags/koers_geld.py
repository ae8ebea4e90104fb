"""Money on a page written exactly as messages write it (koers.utils.geld): ``{{ x|euro }}``, ``{{ x|bedrag }}``."""

from __future__ import annotations

from django import template

from koers.utils import geld

register = template.Library()


@register.filter
def euro(waarde) -> str:
    """'€ 1.250,00'."""
    return "" if waarde in (None, "") else geld.euro(waarde)


@register.filter
def bedrag(waarde) -> str:
    """'1.250,00', inside a translated text that writes the '€ ' itself."""
    return "" if waarde in (None, "") else geld.bedrag(waarde)
