from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo user (demo and development only)."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam: str, **options):
        from django.conf import settings

        if not settings.DEBUG:
            raise CommandError("Alleen beschikbaar in de demo-omgeving (DEBUG).")
        device = TOTPDevice.objects.filter(user__username=gebruikersnaam).first()
        if device is None:
            raise CommandError(f"Geen authenticator-app gekoppeld aan {gebruikersnaam}.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
