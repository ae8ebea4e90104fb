"""Writes: subscriptions, the outbox (an event and its deliveries in the caller's transaction), resending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.utils.clock import nu
from koers.utils.concurrency import bewaar, vergrendel

from . import ondertekening
from .adressen import controleer_url
from .models import Abonnement, Bezorging, Gebeurtenis, Gebeurtenistype
from .permissions import mag_abonnementen_beheren

# --- subscriptions ---------------------------------------------------------------------------------------------


def _vereis_beheer(door, abonnement: Abonnement | None = None) -> None:
    if not mag_abonnementen_beheren(door):
        raise PermissionDenied(_("Alleen functioneel beheer van de gemeente mag abonnementen beheren."))
    if abonnement is not None and abonnement.gemeente_id != door.gemeente_id:
        raise PermissionDenied(_("Dit abonnement is van een andere gemeente."))


def _controleer(*, naam: str, callback_url: str, gebeurtenistypen: Iterable[str]) -> list[str]:
    fouten: dict[str, list[str]] = {}
    if not naam.strip():
        fouten["naam"] = [_("Vul de naam van het ontvangende systeem in.")]
    try:
        controleer_url(callback_url)
    except ValidationError as exc:
        fouten["callback_url"] = exc.messages
    typen = list(dict.fromkeys(gebeurtenistypen))
    if not typen:
        fouten["gebeurtenistypen"] = [_("Kies ten minste één gebeurtenis.")]
    elif onbekend := [t for t in typen if t not in Gebeurtenistype.values]:
        fouten["gebeurtenistypen"] = [_("Onbekende gebeurtenis: %s.") % ", ".join(onbekend)]
    if fouten:
        raise ValidationError(fouten)
    return typen


@transaction.atomic
def maak_abonnement(
    *, door, naam: str, callback_url: str, gebeurtenistypen: Iterable[str], autorisatie: str = ""
) -> Abonnement:
    """Subscribe a system of the user's gemeente; ``abonnement.geheim`` is the signing secret, to show once."""
    _vereis_beheer(door)
    typen = _controleer(naam=naam, callback_url=callback_url, gebeurtenistypen=gebeurtenistypen)
    abonnement = Abonnement(
        gemeente_id=door.gemeente_id,
        naam=naam.strip(),
        callback_url=callback_url,
        gebeurtenistypen=typen,
        geheim=ondertekening.nieuw_geheim(),
        autorisatie=autorisatie.strip(),
        aangemaakt_door=door,
    )
    abonnement._history_user = door
    abonnement.save()
    return abonnement


@transaction.atomic
def wijzig_abonnement(abonnement: Abonnement, *, door, verwachte_versie: int | None, **velden) -> Abonnement:
    """Change name, URL, events, token or the active flag; a stale version is refused (VersieConflict)."""
    _vereis_beheer(door, abonnement)
    vers = vergrendel(abonnement, verwachte_versie=verwachte_versie)
    toegestaan = {"naam", "callback_url", "gebeurtenistypen", "autorisatie", "actief"}
    if onbekend := set(velden) - toegestaan:
        raise ValueError(f"unknown fields: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        setattr(vers, veld, waarde)
    vers.gebeurtenistypen = _controleer(
        naam=vers.naam, callback_url=vers.callback_url, gebeurtenistypen=vers.gebeurtenistypen
    )
    if "actief" in velden:
        _zet_actief_velden(vers, actief=bool(velden["actief"]), door=door)
    bewaar(vers, door=door)
    return vers


def _zet_actief_velden(vers: Abonnement, *, actief: bool, door, reden: str = "") -> None:
    vers.actief = actief
    vers.gedeactiveerd_op = None if actief else (vers.gedeactiveerd_op or nu())
    vers.gedeactiveerd_door = None if actief else door
    vers.deactiveringsreden = "" if actief else (reden or vers.deactiveringsreden)


@transaction.atomic
def zet_actief(abonnement: Abonnement, *, door, actief: bool, verwachte_versie: int | None = None) -> Abonnement:
    """(De)activate a subscription. Waiting deliveries of an inactive one are not sent but marked failed."""
    _vereis_beheer(door, abonnement)
    vers = vergrendel(abonnement, verwachte_versie=verwachte_versie)
    _zet_actief_velden(vers, actief=actief, door=door)
    bewaar(vers, door=door)
    return vers


@transaction.atomic
def verwijder_abonnement(abonnement: Abonnement, *, door) -> None:
    """Remove a subscription with its delivery log (the API's DELETE); the events themselves stay."""
    _vereis_beheer(door, abonnement)
    abonnement._history_user = door
    abonnement.delete()


# --- the outbox ------------------------------------------------------------------------------------------------


@dataclass
class NieuweGebeurtenis:
    type: str
    gemeente_id: int
    dossier_id: int
    sleutel: str
    tijdstip: dt.datetime
    gegevens: dict = field(default_factory=dict)
    dataref: str = ""

    @property
    def onderwerp(self) -> str:
        return f"dossiers/{self.dossier_id}"


def _geinteresseerd(gemeente_ids: Iterable[int], type_: str) -> dict[int, list[int]]:
    """Per gemeente the active subscriptions that want ``type_`` (one query)."""
    per_gemeente: dict[int, list[int]] = {}
    rijen = Abonnement.objects.filter(gemeente_id__in=set(gemeente_ids), actief=True).values_list(
        "id", "gemeente_id", "gebeurtenistypen"
    )
    for pk, gemeente_id, typen in rijen:
        if type_ in typen:
            per_gemeente.setdefault(gemeente_id, []).append(pk)
    return per_gemeente


def _verstuur_na_commit(gebeurtenis_ids: list) -> None:
    from . import tasks

    def verstuur() -> None:
        for pk in gebeurtenis_ids:
            tasks.verstuur_gebeurtenis.delay(str(pk))

    # robust: a broker that is down must not fail the (committed) request; the periodic sweep sends it later
    transaction.on_commit(verstuur, robust=True)


def registreer_gebeurtenis(nieuw: NieuweGebeurtenis) -> Gebeurtenis | None:
    """Put one event in the outbox, inside the caller's transaction, for each subscription that wants it.

    Nothing is written when no active subscription of the gemeente wants this type, or when the event's
    ``sleutel`` was recorded before. Dispatch follows the commit; a rollback takes the event with it.
    """
    abonnementen = _geinteresseerd([nieuw.gemeente_id], nieuw.type).get(nieuw.gemeente_id)
    if not abonnementen:
        return None
    try:
        with transaction.atomic():
            gebeurtenis = Gebeurtenis.objects.create(
                type=nieuw.type,
                gemeente_id=nieuw.gemeente_id,
                dossier_id=nieuw.dossier_id,
                tijdstip=nieuw.tijdstip,
                onderwerp=nieuw.onderwerp,
                gegevens=nieuw.gegevens,
                dataref=nieuw.dataref,
                sleutel=nieuw.sleutel,
            )
    except IntegrityError:
        return None  # already recorded (same sleutel)
    moment = nu()
    Bezorging.objects.bulk_create(
        [Bezorging(gebeurtenis=gebeurtenis, abonnement_id=pk, volgende_poging_op=moment) for pk in abonnementen]
    )
    _verstuur_na_commit([gebeurtenis.pk])
    return gebeurtenis


@transaction.atomic
def registreer_gebeurtenissen(type_: str, nieuwe: list[NieuweGebeurtenis]) -> int:
    """Set-based variant for the daily signals: skips known ``sleutel`` values; returns how many were added."""
    per_gemeente = _geinteresseerd({n.gemeente_id for n in nieuwe}, type_)
    nieuwe = [n for n in nieuwe if n.gemeente_id in per_gemeente]
    bekend: set[str] = set()
    sleutels = [n.sleutel for n in nieuwe]
    for i in range(0, len(sleutels), 1000):
        bekend.update(Gebeurtenis.objects.filter(sleutel__in=sleutels[i : i + 1000]).values_list("sleutel", flat=True))
    rijen = [
        Gebeurtenis(
            type=type_,
            gemeente_id=n.gemeente_id,
            dossier_id=n.dossier_id,
            tijdstip=n.tijdstip,
            onderwerp=n.onderwerp,
            gegevens=n.gegevens,
            dataref=n.dataref,
            sleutel=n.sleutel,
        )
        for n in dict((n.sleutel, n) for n in nieuwe if n.sleutel not in bekend).values()
    ]
    Gebeurtenis.objects.bulk_create(rijen, batch_size=1000)
    moment = nu()
    Bezorging.objects.bulk_create(
        [
            Bezorging(gebeurtenis=g, abonnement_id=pk, volgende_poging_op=moment)
            for g in rijen
            for pk in per_gemeente[g.gemeente_id]
        ],
        batch_size=1000,
    )
    if rijen:
        from . import tasks

        transaction.on_commit(tasks.verstuur_wachtende.delay, robust=True)
    return len(rijen)


# --- resending -------------------------------------------------------------------------------------------------


@transaction.atomic
def verstuur_opnieuw(bezorging: Bezorging, *, door) -> Bezorging:
    """Try a failed (or still waiting) delivery again now, with a fresh series of retries; logged with the user.

    A delivered event is not sent again: each receiver gets each event successfully at most once.
    """
    _vereis_beheer(door, bezorging.abonnement)
    vers = Bezorging.objects.select_for_update().select_related("abonnement").get(pk=bezorging.pk)
    if vers.status == Bezorging.Status.BEZORGD:
        raise ValidationError(
            _("Deze gebeurtenis is al bezorgd; de ontvanger krijgt haar niet nog eens."), code="al_bezorgd"
        )
    if not vers.abonnement.actief:
        raise ValidationError(_("Het abonnement is niet actief. Activeer het eerst."), code="niet_actief")
    vers.status = Bezorging.Status.WACHTEND
    vers.volgende_poging_op = nu()
    vers.mislukt_op_rij = 0
    vers.opnieuw_door = door
    vers.save(update_fields=["status", "volgende_poging_op", "mislukt_op_rij", "opnieuw_door"])
    from . import tasks

    transaction.on_commit(lambda: tasks.bezorg.delay(vers.pk), robust=True)
    return vers
