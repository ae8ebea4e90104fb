"""Write the transfer package of a dossier (a person who moves) to a JSON file."""

import json

from django.core.management.base import BaseCommand, CommandError

from koers.aanbod.overdracht import registreer_export
from koers.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Exporteer het overdrachtspakket van een dossier (verhuizing) naar een JSON-bestand."

    def add_arguments(self, parser):
        parser.add_argument("dossier_id", type=int)
        parser.add_argument("bestand")
        parser.add_argument("--nieuwe-gemeente", default="")

    def handle(self, *args, dossier_id, bestand, nieuwe_gemeente, **options):
        try:
            dossier = Dossier.objects.select_related("inburgeraar", "gemeente").get(pk=dossier_id)
        except Dossier.DoesNotExist as exc:
            raise CommandError(f"Dossier {dossier_id} bestaat niet.") from exc
        pakket = registreer_export(dossier, door=None, nieuwe_gemeente=nieuwe_gemeente).pakket
        with open(bestand, "w", encoding="utf-8") as uit:
            json.dump(pakket, uit, ensure_ascii=False, indent=2)
        self.stdout.write(f"Overdrachtspakket van dossier {dossier_id} geschreven naar {bestand}.")
