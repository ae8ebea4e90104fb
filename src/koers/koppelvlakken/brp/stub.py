"""A local BRP for the demo and the tests: POST /personen with RaadpleegMetBurgerservicenummer.

    python -m koers.koppelvlakken.brp.stub --port 5010 [--api-key geheim]

Answers from ``voorbeelden.PERSONEN``, returns only the requested ``fields`` (plus the fields the BRP always adds),
an empty list for an unknown BSN and 400 problem+json for bad input. In tests: ``start_stub()`` runs it in a thread
on a free port; ``verzoeken`` holds every request body received, ``storing``/``vertraging`` simulate an outage.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .voorbeelden import PERSONEN

RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110"
BSN_RE = re.compile(r"^[0-9]{9}$")
VELD_RE = re.compile(r"^[a-zA-Z0-9._]{1,200}$")
# The BRP adds these itself when present; asking for them is an error (as the specification says).
AUTOMATISCH = ("inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie")
# Top-level fields of Persoon; for the groups listed with their members a deeper path must name a known member.
PERSOON_VELDEN: dict[str, set[str] | None] = {
    "aNummer": None,
    "burgerservicenummer": None,
    "datumEersteInschrijvingGBA": None,
    "geslacht": {"code", "omschrijving"},
    "uitsluitingKiesrecht": None,
    "europeesKiesrecht": None,
    "leeftijd": None,
    "naam": {
        "voornamen",
        "adellijkeTitelPredicaat",
        "voorvoegsel",
        "geslachtsnaam",
        "voorletters",
        "volledigeNaam",
        "aanduidingNaamgebruik",
    },
    "nationaliteiten": {"type", "nationaliteit", "redenOpname", "datumIngangGeldigheid"},
    "geboorte": {"datum", "land", "plaats"},
    "overlijden": {"datum", "land", "plaats"},
    "verblijfplaats": {
        "type",
        "verblijfadres",
        "functieAdres",
        "adresseerbaarObjectIdentificatie",
        "nummeraanduidingIdentificatie",
        "datumVan",
        "datumIngangGeldigheid",
        "indicatieVastgesteldVerblijftNietOpAdres",
    },
    "immigratie": None,
    "gemeenteVanInschrijving": {"code", "omschrijving"},
    "datumInschrijvingInGemeente": None,
    "adressering": None,
    "indicatieCurateleRegister": None,
    "indicatieGezagMinderjarige": None,
    "gezag": None,
    "verblijfstitel": None,
    "kinderen": None,
    "ouders": None,
    "partners": None,
}


class Ongeldig(Exception):
    def __init__(self, params: list[dict], titel: str = "Een of meer parameters zijn niet correct.") -> None:
        super().__init__(titel)
        self.params = params
        self.titel = titel


def _probleemtype(status: int) -> str:
    """The RFC 9110 section of a status, e.g. …#name-400-bad-request."""
    return f"{RFC9110}#name-{status}-{HTTPStatus(status).phrase.lower().replace(' ', '-')}"


def _param(naam: str, code: str, reden: str) -> dict:
    return {"type": _probleemtype(400), "name": naam, "code": code, "reason": reden}


def valideer(verzoek: object) -> tuple[list[str], list[str]]:
    """(bsns, fields) of a valid RaadpleegMetBurgerservicenummer request, or Ongeldig with every fault found."""
    if not isinstance(verzoek, dict):
        raise Ongeldig([_param("body", "object", "Verwacht een JSON object.")])
    fouten: list[dict] = []
    if verzoek.get("type") != "RaadpleegMetBurgerservicenummer":
        fouten.append(_param("type", "value", "Alleen RaadpleegMetBurgerservicenummer wordt ondersteund."))
    bsns = verzoek.get("burgerservicenummer")
    if not isinstance(bsns, list) or not bsns:
        fouten.append(_param("burgerservicenummer", "required", "Parameter is verplicht."))
        bsns = []
    elif len(bsns) > 20:
        fouten.append(_param("burgerservicenummer", "maxItems", "Array bevat meer dan 20 items."))
    for i, bsn in enumerate(bsns):
        if not isinstance(bsn, str) or not BSN_RE.match(bsn):
            fouten.append(_param(f"burgerservicenummer[{i}]", "pattern", "Waarde voldoet niet aan patroon."))
    velden = verzoek.get("fields")
    if not isinstance(velden, list) or not velden:
        fouten.append(_param("fields", "required", "Parameter is verplicht."))
        velden = []
    elif len(velden) > 130:
        fouten.append(_param("fields", "maxItems", "Array bevat meer dan 130 items."))
    for i, veld in enumerate(velden):
        if not isinstance(veld, str) or not VELD_RE.match(veld):
            fouten.append(_param(f"fields[{i}]", "pattern", "Waarde voldoet niet aan patroon."))
        elif not _bestaand_veld(veld):
            fouten.append(_param(f"fields[{i}]", "field", "Parameter bevat een niet bestaande veldnaam."))
    onbekend = set(verzoek) - {"type", "burgerservicenummer", "fields", "gemeenteVanInschrijving"}
    fouten.extend(_param(n, "unknownParam", "Parameter is niet verwacht.") for n in sorted(onbekend))
    if fouten:
        raise Ongeldig(fouten)
    return bsns, velden


def _bestaand_veld(pad: str) -> bool:
    delen = pad.split(".")
    if any(d in AUTOMATISCH for d in delen) or delen[0] not in PERSOON_VELDEN:
        return False
    leden = PERSOON_VELDEN[delen[0]]
    return len(delen) == 1 or leden is None or delen[1] in leden


def _boom(velden: list[str]) -> dict:
    """{"naam": {"voornamen": True}, "geslacht": True}: True means the whole subtree."""
    boom: dict = {}
    for pad in velden:
        knoop = boom
        *ouders, blad = pad.split(".")
        for deel in ouders:
            if knoop.get(deel) is True:
                break
            knoop = knoop.setdefault(deel, {})
        else:
            knoop[blad] = True
    return boom


def _filter(waarde, boom):
    if boom is True:
        return copy.deepcopy(waarde)
    if isinstance(waarde, list):
        return [_filter(v, boom) for v in waarde]
    if not isinstance(waarde, dict):
        return None
    uit = {k: _filter(waarde[k], sub) for k, sub in boom.items() if k in waarde}
    if "type" in waarde:  # a polymorphic object always says what it is
        uit["type"] = waarde["type"]
    if onderzoek := {k: v for k, v in (waarde.get("inOnderzoek") or {}).items() if k in boom}:
        uit["inOnderzoek"] = {**onderzoek, **{k: v for k, v in waarde["inOnderzoek"].items() if k.startswith("datum")}}
    return {k: v for k, v in uit.items() if v not in (None, {}, [])}


def beantwoord(bsns: list[str], velden: list[str], personen: list[dict] | None = None) -> dict:
    boom = _boom(velden)
    bekend = {p["burgerservicenummer"]: p for p in (PERSONEN if personen is None else personen)}
    uit = []
    for bsn in dict.fromkeys(bsns):
        if (persoon := bekend.get(bsn)) is None:
            continue
        gefilterd = _filter(persoon, boom)
        gefilterd.update({k: copy.deepcopy(persoon[k]) for k in AUTOMATISCH[1:] if k in persoon})
        uit.append(gefilterd)
    return {"type": "RaadpleegMetBurgerservicenummer", "personen": uit}


class _Handler(BaseHTTPRequestHandler):
    server: StubServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet in tests; the CLI turns it on
        if self.server.praat:
            super().log_message(format, *args)

    def _stuur(self, status: int, inhoud: dict, soort: str = "application/json; charset=utf-8") -> None:
        data = json.dumps(inhoud, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", soort)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _probleem(self, status: int, titel: str, code: str, params: list[dict] | None = None) -> None:
        inhoud = {
            "type": _probleemtype(status),
            "title": titel,
            "status": status,
            "detail": titel,
            "instance": self.path,
            "code": code,
        }
        if params:
            inhoud["invalidParams"] = params
        self._stuur(status, inhoud, "application/problem+json")

    def do_GET(self):
        self._probleem(405, "Methode niet toegestaan.", "methodNotAllowed")

    def do_POST(self):
        lengte = int(self.headers.get("Content-Length") or 0)
        ruw = self.rfile.read(lengte) if lengte else b""
        server = self.server
        if server.vertraging:
            time.sleep(server.vertraging)
        if self.path.rstrip("/").split("?")[0] != "/personen":
            return self._probleem(404, "Opgevraagde resource bestaat niet.", "notFound")
        if server.api_key and self.headers.get("X-API-KEY") != server.api_key:
            return self._probleem(401, "Niet correct geauthenticeerd.", "authentication")
        if server.storing:
            return self._probleem(server.storing, "Bronservice BRP is tijdelijk niet beschikbaar.", "notAvailable")
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return self._probleem(415, "Media Type wordt niet ondersteund.", "unsupported")
        try:
            verzoek = json.loads(ruw or b"null")
        except ValueError:
            return self._probleem(400, "Het verzoek is geen geldige JSON.", "paramsValidation")
        with server.lock:
            server.verzoeken.append({"body": verzoek, "headers": dict(self.headers)})
        try:
            bsns, velden = valideer(verzoek)
        except Ongeldig as fout:
            return self._probleem(400, fout.titel, "paramsValidation", fout.params)
        self._stuur(200, beantwoord(bsns, velden, server.personen))


class StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, adres: tuple[str, int], *, api_key: str = "", personen: list[dict] | None = None) -> None:
        super().__init__(adres, _Handler)
        self.api_key = api_key
        self.personen = personen
        self.verzoeken: list[dict] = []
        self.storing = 0  # an HTTP status (e.g. 503) to answer every request with
        self.vertraging = 0.0  # seconds to wait before answering
        self.praat = False
        self.lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread:
            self._thread.join(timeout=5)


def start_stub(*, host: str = "127.0.0.1", port: int = 0, api_key: str = "") -> StubServer:
    """The stub serving in a daemon thread; port 0 picks a free one (see ``.url``). Call ``.stop()`` after."""
    server = StubServer((host, port), api_key=api_key)
    server._thread = threading.Thread(target=server.serve_forever, name="brp-stub", daemon=True)
    server._thread.start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Lokale BRP-stub (Haal Centraal BRP Personen bevragen).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5010)
    parser.add_argument("--api-key", default="", help="vereis deze waarde in de header X-API-KEY")
    args = parser.parse_args(argv)
    server = StubServer((args.host, args.port), api_key=args.api_key)
    server.praat = True
    print(f"BRP-stub op {server.url}/personen; BSN's: {', '.join(p['burgerservicenummer'] for p in PERSONEN)}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
