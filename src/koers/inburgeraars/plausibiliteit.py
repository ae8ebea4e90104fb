"""Is a birth date possible, and is it plausible for someone under the Wi2021? Impossible dates are refused.

A date in the future, or one that would make a person older than anyone alive, cannot be right and is refused.
An age outside the obligation's range (18 up to the AOW age) can be right (a partner, a late registration, a
typing error) and is only warned about: the user confirms it before anything is saved.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.utils.clock import vandaag
from koers.utils.legal import Bron, Regel, Zekerheid, catalogus, maak_regel, versie_uit

HOOGSTE_LEEFTIJD = 120  # older than anyone alive in the Netherlands: a typing error, never a person

# The obligation's age range (Wi2021 art. 3) ends at the AOW age, which the Algemene Ouderdomswet (art. 7a) sets per
# calendar year by birth date. Koers only warns with it, so it is [S] data here, refreshed when SZW publishes a year.
_AOW = Bron(
    "Algemene Ouderdomswet", "art. 7a (AOW-leeftijd per kalenderjaar)", "vastgestelde leeftijden t/m 2028", Zekerheid.S
)
_TITEL = "Leeftijd inburgeringsplicht"
_LEEFTIJD: tuple[Regel, ...] = tuple(
    maak_regel("leeftijd_plicht", versie, vanaf, _TITEL, _AOW, van=18, aow_maanden=maanden)
    for versie, vanaf, maanden in (
        (1, dt.date(2022, 1, 1), 66 * 12 + 7),
        (2, dt.date(2023, 1, 1), 66 * 12 + 10),
        (3, dt.date(2024, 1, 1), 67 * 12),
        (4, dt.date(2028, 1, 1), 67 * 12 + 3),
    )
)
_CATALOGUS = catalogus(_LEEFTIJD)


def valideer_geboortedatum(datum: dt.date | None, *, veld: str = "geboortedatum") -> None:
    """Refuse a birth date that cannot be: in the future, or more than 120 years ago."""
    if datum is None:
        return
    if datum > vandaag():
        raise ValidationError({veld: _("Een geboortedatum kan niet in de toekomst liggen.")}, code="toekomst")
    if datum < vandaag() - relativedelta(years=HOOGSTE_LEEFTIJD):
        raise ValidationError(
            {
                veld: _("Deze geboortedatum ligt meer dan %(jaren)s jaar terug. Controleer het jaartal.")
                % {"jaren": HOOGSTE_LEEFTIJD}
            },
            code="te_oud",
        )


def leeftijdswaarschuwing(geboortedatum: dt.date | None, *, op: dt.date | None = None) -> str:
    """A warning when the age today is outside 18 up to the AOW age, or an empty string."""
    if geboortedatum is None:
        return ""
    op = op or vandaag()
    regel = versie_uit(_CATALOGUS, "leeftijd_plicht", op)
    if geboortedatum + relativedelta(years=regel.parameters["van"]) > op:
        return _(
            "Deze persoon is jonger dan %(van)s jaar en valt daarom nog niet onder de inburgeringsplicht. "
            "Klopt de geboortedatum?"
        ) % {"van": regel.parameters["van"]}
    if geboortedatum + relativedelta(months=regel.parameters["aow_maanden"]) <= op:
        return _(
            "Deze persoon heeft de AOW-leeftijd bereikt en valt daarom niet onder de inburgeringsplicht. "
            "Klopt de geboortedatum?"
        )
    return ""
