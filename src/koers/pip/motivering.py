"""The reasons for the leerroute, copied as plain text from the intake's route decision into the PIP.

Every route is listed with why it was or was not chosen (ECLI:NL:RVS:2024:5413 asks each route to be weighed).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Leerroute


def _label(route) -> str:
    waarde = str(getattr(route, "value", route))
    return str(Leerroute(waarde).label) if waarde in Leerroute.values else waarde


def motivering_uit_besluit(besluit) -> str:
    """Plain Dutch text: the choice, the klantmanager's motivation, and per route the reasons for and against."""
    gekozen = str(getattr(besluit.route, "value", besluit.route))
    delen = [_("Wij kiezen voor u de %s.") % _label(gekozen)]
    if (besluit.motivatie or "").strip():
        delen.append(besluit.motivatie.strip())
    advies = getattr(getattr(besluit, "advies", None), "advies", None)
    overwegingen = getattr(advies, "overwegingen", ()) or ()
    if advies is not None and getattr(advies, "samenvatting", ""):
        delen.append(advies.samenvatting)
    for overweging in overwegingen:
        route = str(getattr(overweging.route, "value", overweging.route))
        kop = _("%s: gekozen.") if route == gekozen else _("%s: niet gekozen.")
        regels = [kop % _label(route)]
        regels += [_("Wel passend: %s") % a.tekst for a in overweging.voor]
        regels += [_("Niet passend: %s") % a.tekst for a in overweging.tegen]
        if len(regels) == 1:
            regels.append(_("Geen bijzondere argumenten."))
        delen.append("\n".join(regels))
    return "\n\n".join(delen)
