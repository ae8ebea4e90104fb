"""From intake answers, the LBT and the person to the facts the route advice weighs (AdviesInvoer)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .advies import AdviesInvoer, Ambitie, Doelgroep, Geletterdheid, LbtUitkomst, Opleidingsniveau

# Question codes the advice reads. Functioneel beheer keeps these codes in every questionnaire version.
CODE_OPLEIDINGSNIVEAU = "opleiding_hoogste_niveau"
CODE_GELETTERDHEID = "taal_geletterdheid"
CODE_AMBITIE = "ambitie_hoofddoel"
CODE_GEZONDHEID_LEREN = "gezondheid_beperkt_leren"
CODE_NT2_A2 = "taal_nt2_of_a2"

ADVIESCODES = {
    CODE_OPLEIDINGSNIVEAU: Opleidingsniveau,
    CODE_GELETTERDHEID: Geletterdheid,
    CODE_AMBITIE: Ambitie,
}


def leeftijd_op(geboortedatum: dt.date, datum: dt.date) -> int:
    return datum.year - geboortedatum.year - ((datum.month, datum.day) < (geboortedatum.month, geboortedatum.day))


def bouw_invoer(
    *,
    antwoorden: dict[str, object],
    lbt_uitkomst: str,
    lbt_score: int | None,
    geboortedatum: dt.date,
    doelgroep: str,
    op: dt.date,
) -> AdviesInvoer:
    """The advice input; raises ValidationError naming every answer the advice still needs."""
    ontbrekend = [code for code in (*ADVIESCODES, CODE_GEZONDHEID_LEREN) if antwoorden.get(code) in (None, "")]
    if ontbrekend:
        raise ValidationError(
            _("Voor het routeadvies ontbreken nog antwoorden op de vragen: %s.") % ", ".join(ontbrekend),
            code="advies_onvolledig",
        )
    uitkomst = LbtUitkomst(lbt_uitkomst)
    nt2 = antwoorden.get(CODE_NT2_A2)
    return AdviesInvoer(
        leeftijd=leeftijd_op(geboortedatum, op),
        doelgroep=Doelgroep(doelgroep),
        lbt=uitkomst,
        opleidingsniveau=Opleidingsniveau(antwoorden[CODE_OPLEIDINGSNIVEAU]),
        geletterdheid=Geletterdheid(antwoorden[CODE_GELETTERDHEID]),
        ambitie=Ambitie(antwoorden[CODE_AMBITIE]),
        gezondheidsbeperking_leren=antwoorden[CODE_GEZONDHEID_LEREN] is True,
        lbt_score=lbt_score if uitkomst.heeft_uitslag else None,
        heeft_nt2_of_a2_niveau=nt2 if isinstance(nt2, bool) else None,
    )
