"""A real HTTP receiver on 127.0.0.1 (random port) and subscriptions to it; deliveries run eagerly after commit."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koers.notificaties import services
from koers.notificaties.models import Gebeurtenistype
from tests.factories import GebruikerFactory

ALLE_TYPEN = list(Gebeurtenistype.values)


@dataclass
class Verzoek:
    pad: str
    headers: dict[str, str]
    body: bytes
    antwoord: int

    @property
    def event(self) -> dict:
        return json.loads(self.body)


@dataclass
class Ontvanger:
    """Records every request; answers the queued status codes first, then ``standaard``."""

    poort: int
    verzoeken: list[Verzoek] = field(default_factory=list)
    antwoorden: list[int] = field(default_factory=list)
    standaard: int = 204
    vertraging: float = 0.0  # seconds before answering

    def url(self, pad: str = "/koers") -> str:
        return f"http://127.0.0.1:{self.poort}{pad}"

    def geslaagd(self, pad: str | None = None) -> list[dict]:
        """The events answered with 2xx (what the receiving system processed)."""
        return [v.event for v in self.verzoeken if 200 <= v.antwoord < 300 and (pad is None or v.pad == pad)]

    def ids(self, pad: str | None = None) -> list[str]:
        return [e["id"] for e in self.geslaagd(pad)]


@pytest.fixture
def ontvanger():
    staat: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            lengte = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(lengte)
            o: Ontvanger = staat["ontvanger"]
            code = o.antwoorden.pop(0) if o.antwoorden else o.standaard
            if o.vertraging:
                time.sleep(o.vertraging)
            o.verzoeken.append(Verzoek(self.path, {k.lower(): v for k, v in self.headers.items()}, body, code))
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    staat["ontvanger"] = Ontvanger(poort=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield staat["ontvanger"]
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _notificatie_instellingen(settings):
    settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = True
    settings.NOTIFICATIES_API_URL = "https://koers.tilburg.example/api/v1"
    settings.NOTIFICATIES_TIMEOUT = 5


@pytest.fixture
def beheerder(gemeente):
    return GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente)


@pytest.fixture
def ander_beheerder(andere_gemeente):
    return GebruikerFactory(username="fb.ander", rol="functioneel_beheerder", gemeente=andere_gemeente)


@pytest.fixture
def abonnement(beheerder, ontvanger):
    """The gemeente's system subscribed to every event."""
    return services.maak_abonnement(
        door=beheerder, naam="Zaaksysteem Tilburg", callback_url=ontvanger.url(), gebeurtenistypen=ALLE_TYPEN
    )


@pytest.fixture
def versturen(django_capture_on_commit_callbacks):
    """Run a block as one committed change: its deliveries go out right after, as with a worker."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def persoon(**extra) -> dict:
    return {
        "voornamen": "Yonas",
        "achternaam": "Tesfay",
        "geboortedatum": dt.date(1994, 2, 3),
        "geslacht": "M",
        "nationaliteit": "Eritrees",
        "doelgroep": "asielstatushouder",
        "bsn": "111222333",
        **extra,
    }


# The brede intake's fixtures (a dossier with an intake ready to complete), shared with tests/intake.
from tests.intake.conftest import (  # noqa: E402, F401
    gehouden_gesprek,
    intake,
    klaar_voor_afronden,
    vragenlijst_v1,
)
