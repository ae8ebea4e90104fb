"""Writes to the person record. Callers are dossier services and imports; each write is versioned and historised."""

from __future__ import annotations

from django.db import transaction

from koers.utils.concurrency import bewaar, vergrendel

from .models import Gezinslid, Inburgeraar, Informatieprofiel, Koppeling

PERSOONSVELDEN = (
    "bsn",
    "v_nummer",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "nationaliteit",
    "talen",
    "tolk_nodig",
    "tolk_taal",
    "telefoon",
    "email",
    "adres",
    "doelgroep",
)


def maak_inburgeraar(*, door, **gegevens) -> Inburgeraar:
    inburgeraar = Inburgeraar(**{k: v for k, v in gegevens.items() if k in PERSOONSVELDEN})
    inburgeraar.full_clean()
    inburgeraar._history_user = door
    inburgeraar.save()
    return inburgeraar


@transaction.atomic
def wijzig_inburgeraar(inburgeraar: Inburgeraar, *, door, verwachte_versie: int | None, **gegevens) -> Inburgeraar:
    """Change person data; refuses (VersieConflict) if someone else changed it since ``verwachte_versie``."""
    vers = vergrendel(inburgeraar, verwachte_versie=verwachte_versie)
    for veld, waarde in gegevens.items():
        if veld not in PERSOONSVELDEN:
            raise ValueError(f"onbekend veld {veld}")
        setattr(vers, veld, waarde)
    vers.full_clean()
    bewaar(vers, door=door)
    return vers


def voeg_gezinslid_toe(*, inburgeraar: Inburgeraar, door, **gegevens) -> Gezinslid:
    lid = Gezinslid(inburgeraar=inburgeraar, **gegevens)
    lid.full_clean()
    lid._history_user = door
    lid.save()
    return lid


def registreer_koppeling(*, inburgeraar: Inburgeraar, door, **gegevens) -> Koppeling:
    koppeling = Koppeling(inburgeraar=inburgeraar, **gegevens)
    koppeling.full_clean()
    koppeling._history_user = door
    koppeling.save()
    return koppeling


def bewaar_informatieprofiel(*, inburgeraar: Inburgeraar, door, **gegevens) -> tuple[Informatieprofiel, bool]:
    """Store COA's profile as the person's current one (the previous stays in history); False when unchanged."""
    onbekend = set(gegevens) - set(Informatieprofiel.PROFIELVELDEN)
    if onbekend:
        raise ValueError(f"onbekende velden {sorted(onbekend)}")
    bestaand = Informatieprofiel.objects.filter(inburgeraar=inburgeraar).first()
    if bestaand is None:
        profiel = Informatieprofiel(inburgeraar=inburgeraar, **gegevens)
        profiel.full_clean()
        profiel._history_user = door
        profiel.save()
        return profiel, True
    with transaction.atomic():
        vers = vergrendel(bestaand, verwachte_versie=None)
        oud = vers.gegevens()
        for veld, waarde in gegevens.items():
            setattr(vers, veld, waarde)
        vers.full_clean()
        if vers.gegevens() == oud:
            return vers, False
        bewaar(vers, door=door, reden="informatieprofiel COA bijgewerkt")
    return vers, True
