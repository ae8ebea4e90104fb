"""A small client for POST /personen (RaadpleegMetBurgerservicenummer) of Haal Centraal BRP Personen bevragen.

Only transport: headers, timeouts, and turning HTTP failures into BrpFout subclasses. The access log and the choice
of fields per purpose live in ``services``; nothing here logs personal data.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

import requests

from .configuratie import BrpConfig, OAuth
from .fouten import BrpFout, BrpGeenToegang, BrpNietBeschikbaar, BrpVerzoekOngeldig

logger = logging.getLogger(__name__)

RAADPLEEG_MET_BSN = "RaadpleegMetBurgerservicenummer"
MAX_BSNS = 20  # the specification's maxItems for burgerservicenummer

_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_tokens_lock = threading.Lock()


def _oauth_token(oauth: OAuth, session: requests.Session, timeout: tuple[float, float]) -> str:
    """Client-credentials token, cached until shortly before it expires."""
    sleutel = (oauth.token_url, oauth.client_id)
    with _tokens_lock:
        token, verloopt = _tokens.get(sleutel, ("", 0.0))
        if token and verloopt > time.monotonic():
            return token
    data = {"grant_type": "client_credentials", "client_id": oauth.client_id, "client_secret": oauth.client_secret}
    if oauth.scope:
        data["scope"] = oauth.scope
    try:
        antwoord = session.post(oauth.token_url, data=data, timeout=timeout)
    except requests.RequestException as exc:
        raise BrpNietBeschikbaar(f"tokenserver: {exc.__class__.__name__}") from exc
    if antwoord.status_code in (400, 401, 403):
        raise BrpGeenToegang(f"tokenserver antwoordde {antwoord.status_code}")
    if antwoord.status_code != 200:
        raise BrpNietBeschikbaar(f"tokenserver antwoordde {antwoord.status_code}")
    try:
        inhoud = antwoord.json()
        token = inhoud["access_token"]
    except (ValueError, KeyError) as exc:
        raise BrpNietBeschikbaar("tokenserver gaf geen access_token") from exc
    geldig = float(inhoud.get("expires_in", 300))
    with _tokens_lock:
        _tokens[sleutel] = (token, time.monotonic() + max(geldig - 30, 0))
    return token


def vergeet_tokens() -> None:
    with _tokens_lock:
        _tokens.clear()


class BrpClient:
    def __init__(self, config: BrpConfig, *, session: requests.Session | None = None) -> None:
        self.config = config
        self.session = session or requests.Session()

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
        if self.config.oauth:
            token = _oauth_token(self.config.oauth, self.session, self.config.timeout)
            headers["Authorization"] = f"Bearer {token}"
        if self.config.api_key:
            headers[self.config.header] = self.config.api_key
        return headers

    def raadpleeg(self, burgerservicenummers: Sequence[str], *, velden: Sequence[str]) -> list[dict]:
        """The persons with these BSNs, each holding only ``velden`` (plus what the BRP always adds)."""
        if not velden:
            raise ValueError("vraag de BRP altijd om een beperkte lijst velden")
        if not 1 <= len(burgerservicenummers) <= MAX_BSNS:
            raise ValueError(f"1 tot {MAX_BSNS} BSN's per vraag")
        verzoek = {"type": RAADPLEEG_MET_BSN, "burgerservicenummer": list(burgerservicenummers), "fields": list(velden)}
        try:
            antwoord = self.session.post(
                self.config.personen_url, json=verzoek, headers=self._headers(), timeout=self.config.timeout
            )
        except requests.Timeout as exc:
            raise BrpNietBeschikbaar("time-out") from exc
        except requests.RequestException as exc:
            raise BrpNietBeschikbaar(exc.__class__.__name__) from exc
        return self._personen_uit(antwoord)

    def _personen_uit(self, antwoord: requests.Response) -> list[dict]:
        status = antwoord.status_code
        if status == 200:
            try:
                personen = antwoord.json().get("personen", [])
            except (ValueError, AttributeError) as exc:
                raise BrpNietBeschikbaar("antwoord is geen JSON-object") from exc
            if not isinstance(personen, list):
                raise BrpNietBeschikbaar("'personen' is geen lijst")
            return personen
        technisch = f"HTTP {status}: {_probleem(antwoord)}"
        logger.warning("BRP-vraag gemeente %s mislukt: %s", self.config.gemeentecode, technisch)
        fout: type[BrpFout]
        if status == 400:
            fout = BrpVerzoekOngeldig
        elif status in (401, 403):
            fout = BrpGeenToegang
        else:
            fout = BrpNietBeschikbaar
        raise fout(technisch)


def _probleem(antwoord: requests.Response) -> str:
    """Title, code and invalid parameter names of a problem+json answer; never values, which may be personal data."""
    try:
        p = antwoord.json()
    except ValueError:
        return ""
    if not isinstance(p, dict):
        return ""
    namen = ",".join(str(i.get("name", "")) for i in p.get("invalidParams", []) if isinstance(i, dict))
    return f"{p.get('title', '')} ({p.get('code', '')}) {namen}".strip()
