"""Read a transfer package and create the dossier in the receiving gemeente."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from koers.aanbod.overdracht import importeer_overdracht
from koers.accounts.models import Gemeente


class Command(BaseCommand):
    help = "Importeer een overdrachtspakket (verhuizing) in een gemeente van deze installatie."

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0344")

    def handle(self, *args, bestand, gemeente, **options):
        try:
            ontvanger = Gemeente.objects.get(gemeentecode=gemeente)
        except Gemeente.DoesNotExist as exc:
            raise CommandError(f"Gemeente met code {gemeente} bestaat niet.") from exc
        with open(bestand, encoding="utf-8") as invoer:
            data = json.load(invoer)
        try:
            dossier = importeer_overdracht(data, gemeente=ontvanger)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Dossier {dossier.pk} aangemaakt in {ontvanger}.")
