"""Per-gemeente BRP configuration from settings.BRP_GEMEENTEN (see koers.conf.brp); secrets from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

from .fouten import BrpNietGeconfigureerd

STANDAARD_TIMEOUT = (3.05, 10.0)


@dataclass(frozen=True)
class OAuth:
    token_url: str
    client_id: str
    client_secret: str
    scope: str = ""


@dataclass(frozen=True)
class BrpConfig:
    gemeentecode: str
    url: str
    api_key: str = ""
    header: str = "X-API-KEY"
    oauth: OAuth | None = None
    timeout: tuple[float, float] = STANDAARD_TIMEOUT

    @property
    def personen_url(self) -> str:
        return self.url.rstrip("/") + "/personen"


def _geheim(naam: str, gemeentecode: str) -> str:
    waarde = os.environ.get(naam, "") if naam else ""
    if naam and not waarde:
        raise BrpNietGeconfigureerd(f"omgevingsvariabele {naam} voor gemeente {gemeentecode} is leeg")
    return waarde


def is_aan(gemeentecode: str) -> bool:
    """Whether the koppeling is on for this gemeente (configured and not switched off)."""
    instelling = getattr(settings, "BRP_GEMEENTEN", {}).get(gemeentecode)
    return bool(instelling and instelling.get("url") and instelling.get("aan", True))


def config_voor(gemeentecode: str) -> BrpConfig:
    if not is_aan(gemeentecode):
        raise BrpNietGeconfigureerd(f"geen BRP-koppeling voor gemeente {gemeentecode}")
    instelling = settings.BRP_GEMEENTEN[gemeentecode]
    oauth = None
    if o := instelling.get("oauth"):
        oauth = OAuth(
            token_url=o["token_url"],
            client_id=o["client_id"],
            client_secret=_geheim(o.get("client_secret_env", ""), gemeentecode),
            scope=o.get("scope", ""),
        )
    return BrpConfig(
        gemeentecode=gemeentecode,
        url=instelling["url"],
        api_key=_geheim(instelling.get("api_key_env", ""), gemeentecode),
        header=instelling.get("header", "X-API-KEY"),
        oauth=oauth,
        timeout=tuple(getattr(settings, "BRP_TIMEOUT", STANDAARD_TIMEOUT)),
    )
