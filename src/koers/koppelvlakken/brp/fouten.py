"""What can go wrong asking the BRP, each with a Dutch message a klantmanager can act on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class BrpFout(Exception):
    """Base class; ``str(fout)`` is the message for the user, ``technisch`` the detail for the log."""

    melding = _("De BRP kon niet worden geraadpleegd.")

    def __init__(self, technisch: str = "") -> None:
        super().__init__(str(self.melding))
        self.technisch = technisch


class BrpNietGeconfigureerd(BrpFout):
    melding = _("De BRP-koppeling staat voor deze gemeente niet aan. Vul de gegevens met de hand in.")


class BrpNietBeschikbaar(BrpFout):
    melding = _("De BRP is nu niet bereikbaar. Probeer het later opnieuw of vul de gegevens met de hand in.")


class BrpGeenToegang(BrpFout):
    melding = _("Koers heeft geen toegang tot de BRP voor deze gemeente. Neem contact op met functioneel beheer.")


class BrpVerzoekOngeldig(BrpFout):
    melding = _("De BRP heeft de vraag geweigerd als ongeldig. Controleer het BSN.")


class PersoonNietGevonden(BrpFout):
    melding = _("Er staat geen persoon met dit BSN in de BRP.")
