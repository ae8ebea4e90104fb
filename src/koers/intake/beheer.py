"""Functioneel beheer of the questionnaire: copy a version into a new concept, activate it, retire it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.utils.clock import vandaag

from .invoer import ADVIESCODES, CODE_GEZONDHEID_LEREN
from .models import Vraag, Vragenlijst


@transaction.atomic
def nieuwe_versie(basis: Vragenlijst, *, geldig_vanaf: dt.date | None = None) -> Vragenlijst:
    """A concept copy of ``basis`` with the next number; the copy may be edited, the original stays as it was."""
    nummer = (Vragenlijst.objects.aggregate(m=Max("nummer"))["m"] or 0) + 1
    kopie = Vragenlijst.objects.create(
        nummer=nummer,
        geldig_vanaf=geldig_vanaf or max(vandaag(), basis.geldig_vanaf),
        status=Vragenlijst.Status.CONCEPT,
        toelichting=_("Kopie van versie %s.") % basis.nummer,
    )
    Vraag.objects.bulk_create(
        Vraag(
            vragenlijst=kopie,
            code=v.code,
            levensgebied=v.levensgebied,
            tekst=v.tekst,
            hulptekst=v.hulptekst,
            antwoordtype=v.antwoordtype,
            keuzes=v.keuzes,
            verplicht=v.verplicht,
            volgorde=v.volgorde,
            is_gezondheid=v.is_gezondheid,
        )
        for v in basis.vragen.all()
    )
    return kopie


@transaction.atomic
def activeer(lijst: Vragenlijst) -> Vragenlijst:
    """Put a concept in force from its geldig_vanaf. Intakes already started keep the version they started with."""
    if lijst.status != Vragenlijst.Status.CONCEPT:
        raise ValidationError(_("Alleen een conceptversie kan worden geactiveerd."))
    codes = set(lijst.vragen.values_list("code", flat=True))
    ontbrekend = ({*ADVIESCODES, CODE_GEZONDHEID_LEREN}) - codes
    if ontbrekend:
        raise ValidationError(
            _("Het routeadvies heeft deze vragen nodig: %s.") % ", ".join(sorted(ontbrekend)), code="adviesvragen"
        )
    if lijst.vragen.filter(code=CODE_GEZONDHEID_LEREN, is_gezondheid=False).exists():
        raise ValidationError(_("De vraag %s is een gezondheidsvraag.") % CODE_GEZONDHEID_LEREN)
    lijst.status = Vragenlijst.Status.ACTIEF
    lijst.versie += 1
    lijst.save()
    return lijst


@transaction.atomic
def laat_vervallen(lijst: Vragenlijst) -> Vragenlijst:
    lijst.status = Vragenlijst.Status.VERVALLEN
    lijst.versie += 1
    lijst.save()
    return lijst
