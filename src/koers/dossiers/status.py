"""The chain a dossier follows, and which status changes are allowed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Brede intake")
    PIP_IN_VOORBEREIDING = "pip_in_voorbereiding", _("PIP in voorbereiding")
    PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    AFGEROND = "afgerond", _("Afgerond")


class Afsluitreden(models.TextChoices):
    VOLDAAN = "voldaan", _("Voldaan aan de inburgeringsplicht")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")
    ONTHEFFING = "ontheffing", _("Ontheffing")
    VERHUISD = "verhuisd", _("Verhuisd naar een andere gemeente")
    VERTROKKEN = "vertrokken", _("Vertrokken uit Nederland")
    OVERLEDEN = "overleden", _("Overleden")
    TERMIJN_VERSTREKEN = "termijn_verstreken", _("Inburgeringstermijn verstreken")


_VOORUIT = {
    Status.AANGEMELD: {Status.INTAKE},
    Status.INTAKE: {Status.PIP_IN_VOORBEREIDING},
    Status.PIP_IN_VOORBEREIDING: {Status.PIP_VASTGESTELD, Status.INTAKE},
    Status.PIP_VASTGESTELD: {Status.IN_UITVOERING},
    Status.IN_UITVOERING: set(),
    Status.AFGEROND: set(),
}

# Every open dossier can be closed (e.g. the person moves or dies before the intake); a closed one stays closed.
TOEGESTANE_OVERGANGEN: dict[str, frozenset[str]] = {
    status: frozenset(volgende | ({Status.AFGEROND} if status != Status.AFGEROND else set()))
    for status, volgende in _VOORUIT.items()
}


def overgang_toegestaan(van: str, naar: str) -> bool:
    return naar in TOEGESTANE_OVERGANGEN.get(van, frozenset())
