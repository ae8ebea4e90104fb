"""Register a system that calls the API and print its client id and secret (the secret is shown only now)."""

from django.core.management.base import BaseCommand, CommandError

from koers.accounts.models import Gemeente, Ketenpartner
from koers.api.services import registreer_systeem


class Command(BaseCommand):
    help = "Maak een OAuth2-client (client credentials) voor een gemeentesysteem of een ketenpartner."

    def add_arguments(self, parser):
        parser.add_argument("naam")
        groep = parser.add_mutually_exclusive_group(required=True)
        groep.add_argument("--gemeente", help="CBS-gemeentecode, bijvoorbeeld 0855")
        groep.add_argument("--ketenpartner", help="naam van de ketenpartner zoals in Koers")

    def handle(self, naam, gemeente=None, ketenpartner=None, **opties):
        try:
            organisatie = (
                {"gemeente": Gemeente.objects.get(gemeentecode=gemeente)}
                if gemeente
                else {"ketenpartner": Ketenpartner.objects.get(naam=ketenpartner)}
            )
        except (Gemeente.DoesNotExist, Ketenpartner.DoesNotExist) as exc:
            raise CommandError("Onbekende gemeente of ketenpartner.") from exc
        koppeling = registreer_systeem(naam=naam, **organisatie)
        self.stdout.write(f"client_id:     {koppeling.client_id}")
        self.stdout.write(f"client_secret: {koppeling.client_secret}")
        self.stdout.write(f"scopes:        {' '.join(koppeling.scopes)}")
