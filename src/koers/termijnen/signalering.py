"""Signals on deadlines: newly overdue ones go on the timeline, and each klantmanager can get an e-mail digest.

Services called by the daily Celery tasks (koers.termijnen.tasks) and usable from a management command or test.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from koers.accounts.models import Gebruiker
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.dossiers.status import Status as DossierStatus
from koers.utils.clock import nu, vandaag

from .engine.berekening import datum_nl
from .models import VENSTERSOORTEN, GemeenteInstelling, Termijn
from .selectors import grenzen

BATCH = 2000


def meld_verlopen_termijnen() -> dict[str, int]:
    """Set-based: closed windows lapse; each newly overdue deadline gets one timeline entry, marked in one UPDATE."""
    today, tijdstip = vandaag(), nu()
    with transaction.atomic():
        vervallen = Termijn.objects.filter(
            status=Termijn.Status.OPEN, soort__in=VENSTERSOORTEN, datum__lt=today
        ).update(status=Termijn.Status.VERVALLEN, gewijzigd_op=tijdstip)
        nieuw = Termijn.objects.filter(
            status=Termijn.Status.OPEN, datum__lt=today, overdue_gemeld_op__isnull=True
        ).exclude(dossier__status=DossierStatus.AFGEROND)
        rijen = list(nieuw.values_list("id", "dossier_id", "soort", "datum"))
        labels = dict(Termijn._meta.get_field("soort").choices)
        TijdlijnGebeurtenis.objects.bulk_create(
            [
                TijdlijnGebeurtenis(
                    dossier_id=dossier_id,
                    tijdstip=tijdstip,
                    soort="termijn_verlopen",
                    titel=_("Termijn verlopen: %(soort)s (uiterste datum %(datum)s)")
                    % {"soort": labels[soort], "datum": datum_nl(datum)},
                    gegevens={"termijn": pk, "soort": soort, "datum": datum.isoformat()},
                )
                for pk, dossier_id, soort, datum in rijen
            ],
            batch_size=BATCH,
        )
        ids = [r[0] for r in rijen]
        for i in range(0, len(ids), BATCH):
            Termijn.objects.filter(pk__in=ids[i : i + BATCH]).update(overdue_gemeld_op=tijdstip)
    return {"verlopen": len(rijen), "vervallen": vervallen}


def verstuur_digest() -> int:
    """One e-mail per klantmanager with open deadlines overdue or due within 2 weeks (gemeenten that opted in)."""
    today, grens = grenzen()
    uit = GemeenteInstelling.objects.filter(digest_versturen=False).values_list("gemeente_id", flat=True)
    termijnen = (
        Termijn.objects.filter(status=Termijn.Status.OPEN, klantmanager__isnull=False, datum__lte=grens)
        .exclude(gemeente_id__in=uit)
        .exclude(Q(soort__in=VENSTERSOORTEN, datum__lt=today) | Q(dossier__status=DossierStatus.AFGEROND))
        .order_by("klantmanager_id", "datum", "id")
    )
    per_km: dict[int, list[Termijn]] = {}
    for t in termijnen.iterator(chunk_size=BATCH):
        per_km.setdefault(t.klantmanager_id, []).append(t)
    ontvangers = Gebruiker.objects.filter(pk__in=per_km, is_active=True).exclude(email="").in_bulk()
    berichten = []
    for km_id, items in per_km.items():
        km = ontvangers.get(km_id)
        if km is None:
            continue
        context = {
            "klantmanager": km,
            "verlopen": [t for t in items if t.datum < today],
            "binnenkort": [t for t in items if t.datum >= today],
            "site": getattr(settings, "KOERS_BASIS_URL", ""),
        }
        onderwerp = _("Koers: %(v)d verlopen en %(b)d bijna verlopen termijnen") % {
            "v": len(context["verlopen"]),
            "b": len(context["binnenkort"]),
        }
        tekst = render_to_string("termijnen/digest.txt", context)
        berichten.append((onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [km.email]))
    send_mass_mail(berichten, fail_silently=False)
    return len(berichten)
