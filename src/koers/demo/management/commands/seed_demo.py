from django.core.management.base import BaseCommand

from koers.demo.seed import DEMO_WACHTWOORD
from koers.demo.seed import seed as seed_data

GETOONDE_LOGINS = [
    "km.tilburg",
    "tl.tilburg",
    "fb.tilburg",
    "bm.tilburg",
    "km.winterswijk",
    "rc.hartvanbrabant",
    "rc.oostachterhoek",
    "kp.debrug",
]


class Command(BaseCommand):
    help = "Fill the database with deterministic synthetic demo data (once) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=400, help="number of inburgeraars (dossiers)")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, size: int, seed: int, **options):
        from koers.dossiers.models import Dossier

        if Dossier.objects.exists():
            self.stdout.write("Er staat al demodata in de database; die blijft staan.")
        else:
            ctx = seed_data(grootte=size, seed=seed)
            self.stdout.write(self.style.SUCCESS(f"{len(ctx.dossier_ids)} dossiers aangemaakt."))
            self.stdout.write("Duur per onderdeel: " + ", ".join(f"{k} {v:.1f} s" for k, v in ctx.duur.items()))
        self.print_logins()
        self.print_api_clients()

    def print_api_clients(self):
        from koers.demo.clients import zorg_voor_demo_clients

        clients = zorg_voor_demo_clients()
        if not clients:
            return
        self.stdout.write("\nAPI-clients (OAuth2 client credentials; zie docs/koppelvlakken.md):")
        for client_id, secret, naam, scopes in clients:
            self.stdout.write(f"  {naam:<34} client_id {client_id:<26} secret {secret:<26} {' '.join(scopes)}")
        self.stdout.write(
            "  Token: curl -s -u demo-taalschool-debrug:demo-geheim-debrug-2026 "
            "-d grant_type=client_credentials http://127.0.0.1:8000/api/v1/oauth/token\n"
            "  Voorbeeldbestanden: docs/voorbeelden/ (COA-informatieprofielen, DUO-signalen)"
        )

    def print_logins(self):
        from django_otp.plugins.otp_static.models import StaticToken

        from koers.accounts.models import Gebruiker

        self.stdout.write(f"\nDemo-logins — wachtwoord voor iedereen: {DEMO_WACHTWOORD}")
        self.stdout.write(
            "Tweede factor: een van de reservecodes hieronder (elke code werkt één keer), of de\n"
            "actuele code uit een authenticator-app:  make totp GEBRUIKER=<gebruikersnaam>\n"
        )
        # Only codes that still work: a code used at an earlier start of the demo is gone and is not printed again.
        ongebruikt: dict[str, list[str]] = {}
        for username, token in (
            StaticToken.objects.filter(device__user__username__in=GETOONDE_LOGINS, device__confirmed=True)
            .order_by("device__user__username", "pk")
            .values_list("device__user__username", "token")
        ):
            ongebruikt.setdefault(username, []).append(token)
        for gebruiker in Gebruiker.objects.filter(username__in=GETOONDE_LOGINS).order_by("rol", "username"):
            codes = ", ".join(ongebruikt.get(gebruiker.username, [])[:3]) or "op; gebruik make totp"
            self.stdout.write(
                f"  {gebruiker.username:<20} {gebruiker.get_rol_display():<24} "
                f"{gebruiker.organisatie_naam:<34} reservecodes: {codes}"
            )
