"""``{% formuliersleutel %}``: the hidden one-time key that makes a form safe against double submits."""

from django import template
from django.utils.html import format_html

from koers.utils.idempotentie import VELD, nieuwe_sleutel

register = template.Library()


@register.simple_tag
def formuliersleutel():
    """A fresh key on every render: a form shown again after an error gets a new one (nothing was stored)."""
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, nieuwe_sleutel())
