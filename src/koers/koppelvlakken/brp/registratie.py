"""The BRP as the prefill source of the registration form (koers.dossiers.voorinvulling; hooked in on the AppConfig).

Asks with purpose ``registratie`` only, so only that purpose's fields leave the BRP; the service logs the request.
Nothing is stored: the klantmanager checks the prefilled form and saves it as usual.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

from koers.dossiers.voorinvulling import OphalenMislukt

from .configuratie import is_aan
from .fouten import BrpFout, BrpVerzoekOngeldig, PersoonNietGevonden
from .mapping import Voorinvulling, voorinvulling
from .services import raadpleeg_persoon

logger = logging.getLogger(__name__)

DOEL = "registratie"


class BrpRegistratie:
    knop = _("Gegevens ophalen uit de BRP")
    naam = _("de BRP")

    def is_aan(self, gebruiker) -> bool:
        gemeente = getattr(gebruiker, "gemeente", None)
        return bool(gemeente and is_aan(gemeente.gemeentecode))

    def haal_op(self, *, bsn: str, door, pad: str) -> Voorinvulling:
        try:
            persoon = raadpleeg_persoon(bsn=bsn, doel=DOEL, door=door, pad=pad)
        except BrpFout as fout:
            logger.warning("BRP-bevraging voor registratie mislukt: %s: %s", type(fout).__name__, fout.technisch)
            raise OphalenMislukt(
                str(fout), over_bsn=isinstance(fout, PersoonNietGevonden | BrpVerzoekOngeldig)
            ) from fout
        return voorinvulling(persoon)


bron = BrpRegistratie()
