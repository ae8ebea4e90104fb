from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def pip_wijzigen_url(dossier, reden: str = "afschalen") -> str:
    """The PIP change page for this dossier, or '' while the PIP app does not offer it yet."""
    try:
        return f"{reverse('pip:wijzigen', args=[dossier.pk])}?reden={reden}"
    except NoReverseMatch:
        return ""
