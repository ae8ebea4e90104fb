"""Asking the BRP about one person for one purpose; every request the BRP receives is in the access log."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.validators import normaliseer_bsn, valideer_bsn

from .client import BrpClient
from .configuratie import config_voor
from .doelen import doel as doel_uit
from .fouten import BrpVerzoekOngeldig, PersoonNietGevonden

OMSCHRIJVING = "BRP bevraging"


def raadpleeg_persoon(
    *,
    bsn: str,
    doel: str,
    door,
    gemeentecode: str | None = None,
    inburgeraar_id: int | None = None,
    pad: str = "",
    client: BrpClient | None = None,
) -> dict:
    """The BRP person with this BSN, holding only the fields of ``doel`` (see doelen.DOELEN).

    Raises a BrpFout subclass with a Dutch message. The access-log row is written before the request is sent, so a
    request that times out after the BRP answered is logged as well. ``inburgeraar_id`` defaults to the person in
    Koers with this BSN, if any (for a new registration there is none yet).
    """
    d = doel_uit(doel)
    bsn = normaliseer_bsn(bsn)
    try:
        valideer_bsn(bsn)
    except ValidationError as exc:
        raise BrpVerzoekOngeldig("ongeldig BSN, niet verstuurd") from exc
    if not bsn:
        raise BrpVerzoekOngeldig("leeg BSN, niet verstuurd")
    if client is None:
        gemeentecode = gemeentecode or _gemeentecode_van(door)
        client = BrpClient(config_voor(gemeentecode))
    if inburgeraar_id is None:
        inburgeraar_id = Inburgeraar.objects.filter(bsn=bsn).order_by("pk").values_list("pk", flat=True).first()
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.RAADPLEGEN,
        inburgeraar_id=inburgeraar_id,
        verwerkingsactiviteit=d.verwerkingsactiviteit,
        omschrijving=OMSCHRIJVING,
        pad=pad,
    )
    personen = client.raadpleeg([bsn], velden=d.velden)
    if not personen:
        raise PersoonNietGevonden()
    return personen[0]


def _gemeentecode_van(gebruiker) -> str:
    gemeente = getattr(gebruiker, "gemeente", None)
    return gemeente.gemeentecode if gemeente else ""
