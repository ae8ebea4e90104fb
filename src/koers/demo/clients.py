"""Demo API clients (OAuth2 client credentials) with known secrets, so a newcomer can call the API at once.

Only for the demo: like the shared demo password, these secrets are printed and must never exist in production.
"""

from __future__ import annotations

from oauth2_provider.models import get_application_model

from koers.accounts.models import Gemeente, Ketenpartner
from koers.api.services import registreer_systeem

DEMO_CLIENTS = [
    # client_id, secret, name, gemeentecode or ketenpartner name
    (
        "demo-taalschool-debrug",
        "demo-geheim-debrug-2026",
        "Administratie Taalschool De Brug",
        None,
        "Taalschool De Brug",
    ),
    ("demo-coa", "demo-geheim-coa-2026", "COA Taakstellingvolgsysteem", None, "COA"),
    ("demo-duo", "demo-geheim-duo-2026", "DUO Portaal Inburgering", None, "DUO"),
    ("demo-tilburg-zaaksysteem", "demo-geheim-tilburg-2026", "Zaaksysteem Tilburg", "0855", None),
]


def zorg_voor_demo_clients() -> list[tuple[str, str, str, list[str]]]:
    """Create the demo clients that are missing (idempotent); return (client_id, secret, name, scopes) of each."""
    Application = get_application_model()
    bestaand = set(
        Application.objects.filter(client_id__in=[c[0] for c in DEMO_CLIENTS]).values_list("client_id", flat=True)
    )
    uit = []
    for client_id, secret, naam, gemeentecode, ketenpartner in DEMO_CLIENTS:
        organisatie = (
            {"gemeente": Gemeente.objects.filter(gemeentecode=gemeentecode).first()}
            if gemeentecode
            else {"ketenpartner": Ketenpartner.objects.filter(naam=ketenpartner).first()}
        )
        if next(iter(organisatie.values())) is None:
            continue
        if client_id not in bestaand:
            registreer_systeem(naam=naam, client_id=client_id, client_secret=secret, **organisatie)
        uit.append((client_id, secret, naam, _scopes(client_id)))
    return uit


def _scopes(client_id: str) -> list[str]:
    from koers.api.scopes import toegestane_scopes

    return sorted(toegestane_scopes(get_application_model().objects.get(client_id=client_id).user))
