"""Which domain changes become which events: the timeline mapping, and the daily deadline and hours signals.

Timeline (``dossiers.services.log_gebeurtenis``), checked through the real services in the tests:

| soort, gegevens                    | written by                                          | event              |
|------------------------------------|-----------------------------------------------------|--------------------|
| ``aangemeld``                      | dossiers.services.registreer_inburgeraar            | dossier-geopend    |
| ``intake`` while the dossier's     | intake.services.rond_intake_af (other ``intake``    | intake-afgerond    |
| intake was completed at that time  | entries: once per intake through its ``sleutel``)   |                    |
| ``pip_vastgesteld``                | pip.services.stel_vast (first and later beschikking)| pip-vastgesteld    |
| ``status`` with ``naar=afgerond``  | dossiers.services.wijzig_status, aanbod.afsluiten   | dossier-afgesloten |
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from koers.dossiers.models import TijdlijnGebeurtenis
from koers.utils.clock import nu, vandaag

from . import services
from .cloudevents import api_url
from .models import Abonnement, Gebeurtenistype
from .services import NieuweGebeurtenis

T = Gebeurtenistype
# The completion's own timeline entry is written right after the intake is saved, in the same transaction.
INTAKE_GELIJKTIJDIG = dt.timedelta(minutes=1)


def _dossierdata(dossier_id: int) -> dict:
    return {"dossierId": dossier_id, "dossierUrl": api_url(f"dossiers/{dossier_id}")}


def _intake_afgerond(entry: TijdlijnGebeurtenis, gemeente_id: int) -> NieuweGebeurtenis | None:
    from koers.intake.models import BredeIntake

    intake = (
        BredeIntake.objects.filter(
            dossier_id=entry.dossier_id,
            status=BredeIntake.Status.AFGEROND,
            afgerond_op__gte=entry.tijdstip - INTAKE_GELIJKTIJDIG,
            afgerond_op__lte=entry.tijdstip + INTAKE_GELIJKTIJDIG,
        )
        .order_by("-afgerond_op")
        .values_list("pk", flat=True)
        .first()
    )
    if intake is None:
        return None
    return NieuweGebeurtenis(
        type=T.INTAKE_AFGEROND,
        gemeente_id=gemeente_id,
        dossier_id=entry.dossier_id,
        sleutel=f"intake-afgerond:{intake}",
        tijdstip=entry.tijdstip,
        gegevens={**_dossierdata(entry.dossier_id), "intakeId": intake},
        dataref=api_url(f"dossiers/{entry.dossier_id}"),
    )


def _uit(entry: TijdlijnGebeurtenis, gemeente_id: int, type_: str, **data) -> NieuweGebeurtenis:
    return NieuweGebeurtenis(
        type=type_,
        gemeente_id=gemeente_id,
        dossier_id=entry.dossier_id,
        sleutel=f"tijdlijn:{entry.pk}",
        tijdstip=entry.tijdstip,
        gegevens={**_dossierdata(entry.dossier_id), **data},
        dataref=data.get("pipUrl") or api_url(f"dossiers/{entry.dossier_id}"),
    )


def _vertaal(entry: TijdlijnGebeurtenis, gemeente_id: int) -> NieuweGebeurtenis | None:
    soort, gegevens = entry.soort, entry.gegevens or {}
    if soort == "aangemeld":
        return _uit(entry, gemeente_id, T.DOSSIER_GEOPEND)
    if soort == "intake":
        return _intake_afgerond(entry, gemeente_id)
    if soort == "pip_vastgesteld" and gegevens.get("pip"):
        return _uit(
            entry, gemeente_id, T.PIP_VASTGESTELD, pipId=gegevens["pip"], pipUrl=api_url(f"pips/{gegevens['pip']}")
        )
    if soort == "status" and gegevens.get("naar") == "afgerond":
        return _uit(entry, gemeente_id, T.DOSSIER_AFGESLOTEN)
    return None


RELEVANTE_SOORTEN = frozenset({"aangemeld", "intake", "pip_vastgesteld", "status"})


def uit_tijdlijn(entry: TijdlijnGebeurtenis) -> None:
    """Called for each new timeline entry, inside the transaction that wrote it."""
    if entry.soort not in RELEVANTE_SOORTEN:
        return
    # Cheap check first (one indexed query): most gemeenten have no subscriptions at all.
    gemeente_id = entry.dossier.gemeente_id
    if not Abonnement.objects.filter(gemeente_id=gemeente_id, actief=True).exists():
        return
    nieuw = _vertaal(entry, gemeente_id)
    if nieuw is not None:
        services.registreer_gebeurtenis(nieuw)


# --- daily signals -----------------------------------------------------------------------------------------------


def _gemeenten_met(type_: str) -> set[int]:
    rijen = Abonnement.objects.filter(actief=True).values_list("gemeente_id", "gebeurtenistypen")
    return {gemeente_id for gemeente_id, typen in rijen if type_ in typen}


def meld_dreigende_termijnen(op: dt.date | None = None) -> int:
    """Open deadlines due within NOTIFICATIES_TERMIJN_DAGEN: one event per deadline and date (a new date after a
    verlenging is a new event); returns how many were added."""
    from koers.termijnen.selectors import dreigend_te_verlopen

    gemeenten = _gemeenten_met(T.TERMIJN_DREIGT_TE_VERLOPEN)
    if not gemeenten:
        return 0
    van = op or vandaag()
    tot = van + dt.timedelta(days=settings.NOTIFICATIES_TERMIJN_DAGEN)
    moment = nu()
    rijen = dreigend_te_verlopen(van=van, tot=tot, gemeente_ids=gemeenten).values_list(
        "id", "dossier_id", "gemeente_id", "soort", "datum"
    )
    nieuwe = [
        NieuweGebeurtenis(
            type=T.TERMIJN_DREIGT_TE_VERLOPEN,
            gemeente_id=gemeente_id,
            dossier_id=dossier_id,
            sleutel=f"termijn-dreigt:{pk}:{datum.isoformat()}",
            tijdstip=moment,
            gegevens={
                **_dossierdata(dossier_id),
                "termijnId": pk,
                "termijnsoort": soort,
                "uitersteDatum": datum.isoformat(),
            },
            dataref=api_url(f"dossiers/{dossier_id}"),
        )
        for pk, dossier_id, gemeente_id, soort, datum in rijen.iterator(chunk_size=2000)
    ]
    return services.registreer_gebeurtenissen(T.TERMIJN_DREIGT_TE_VERLOPEN, nieuwe)


def meld_ontbrekende_uren(op: dt.date | None = None) -> int:
    """From NOTIFICATIES_UREN_DAG on: started enrolments without hours for last month, once per enrolment and
    month; returns how many were added."""
    from koers.aanbod.selectors import inschrijvingen_zonder_uren

    dag = op or vandaag()
    if dag.day < settings.NOTIFICATIES_UREN_DAG:
        return 0
    gemeenten = _gemeenten_met(T.UREN_ONTBREKEN)
    if not gemeenten:
        return 0
    periode = (dag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    moment = nu()
    rijen = inschrijvingen_zonder_uren(periode, gemeente_ids=gemeenten).values_list(
        "id", "dossier_id", "dossier__gemeente_id"
    )
    maand = f"{periode:%Y-%m}"
    nieuwe = [
        NieuweGebeurtenis(
            type=T.UREN_ONTBREKEN,
            gemeente_id=gemeente_id,
            dossier_id=dossier_id,
            sleutel=f"uren-ontbreken:{pk}:{maand}",
            tijdstip=moment,
            gegevens={**_dossierdata(dossier_id), "inschrijvingId": pk, "maand": maand},
            dataref=api_url(f"dossiers/{dossier_id}"),
        )
        for pk, dossier_id, gemeente_id in rijen.iterator(chunk_size=2000)
    ]
    return services.registreer_gebeurtenissen(T.UREN_ONTBREKEN, nieuwe)


def meld_dagelijkse_signalen(op: dt.date | None = None) -> dict[str, int]:
    return {
        T.TERMIJN_DREIGT_TE_VERLOPEN.value: meld_dreigende_termijnen(op),
        T.UREN_ONTBREKEN.value: meld_ontbrekende_uren(op),
    }
