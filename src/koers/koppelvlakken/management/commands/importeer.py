"""Import a COA or DUO file from the command line, through the same pipeline as the page and the API."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from koers.accounts.models import Gemeente
from koers.koppelvlakken import services
from koers.koppelvlakken.models import Bron, Import


class Command(BaseCommand):
    help = "Importeer informatieprofielen van het COA of signalen van DUO (CSV, XLSX of JSON)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--bron", required=True, choices=Bron.values)
        parser.add_argument("--mapping", default="v1", help="versie van de veldindeling (standaard v1)")
        parser.add_argument("--gemeente", help="CBS-gemeentecode; leeg bij een landelijke aanlevering")
        parser.add_argument("--door", help="gebruikersnaam van de aanleverende beheerder of het systeem van COA/DUO")

    def handle(self, *args, **opties):
        pad: Path = opties["bestand"]
        if not pad.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}")
        gemeente = None
        if opties["gemeente"]:
            gemeente = Gemeente.objects.filter(gemeentecode=opties["gemeente"]).first()
            if gemeente is None:
                raise CommandError(f"Onbekende gemeentecode {opties['gemeente']}")
        door = self._door(opties["door"], opties["bron"], gemeente)
        try:
            imp = services.ontvang_import(
                door=door,
                bron=opties["bron"],
                formaat=services.formaat_uit(pad.name),
                mappingversie=opties["mapping"],
                inhoud=pad.read_bytes(),
                bestandsnaam=pad.name,
                gemeente=gemeente,
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        imp = services.verwerk_import(imp.pk)  # no-op when the (eager) task already ran
        imp.refresh_from_db()
        self.stdout.write(
            f"Import {imp.pk}: {imp.get_status_display()} – {imp.totaal} records: {imp.aantal_toegepast} toegepast, "
            f"{imp.aantal_ongewijzigd} ongewijzigd, {imp.aantal_afgewezen} afgewezen, "
            f"{imp.aantal_dubbel} mogelijk dubbel."
        )
        if imp.melding:
            self.stdout.write(imp.melding)
        for r in imp.records.filter(status="afgewezen").order_by("regel")[:50]:
            self.stdout.write(f"  regel {r.regel}: {r.reden}")
        if imp.status in (Import.Status.AFGEWEZEN, Import.Status.MISLUKT):
            raise CommandError("Er is niets toegepast.")

    def _door(self, gebruikersnaam, bron, gemeente):
        gebruikers = get_user_model().objects.select_related("ketenpartner")
        if gebruikersnaam:
            door = gebruikers.filter(username=gebruikersnaam).first()
            if door is None:
                raise CommandError(f"Onbekende gebruiker {gebruikersnaam}")
            return door
        kandidaten = gebruikers.filter(
            Q(rol="ketenpartner_medewerker", ketenpartner__soort=bron)
            | Q(rol="functioneel_beheerder", gemeente=gemeente)
        ).filter(is_active=True)
        door = (
            kandidaten.order_by("rol", "pk").first()
            if gemeente
            else kandidaten.filter(rol="ketenpartner_medewerker").first()
        )
        if door is None:
            raise CommandError(
                "Geef met --door aan wie aanlevert (een functioneel beheerder of het systeem van COA/DUO)."
            )
        return door
