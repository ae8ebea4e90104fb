"""The BRP stub in a thread on a free port, and settings that point one gemeente at it."""

from __future__ import annotations

import pytest

from koers.koppelvlakken.brp.client import vergeet_tokens
from koers.koppelvlakken.brp.stub import start_stub

API_KEY = "stub-sleutel-0855"


@pytest.fixture
def brp_stub():
    server = start_stub(api_key=API_KEY)
    yield server
    server.stop()


@pytest.fixture
def brp_aan(settings, brp_stub, monkeypatch, gemeente):
    """Tilburg (0855) on, pointed at the stub; Winterswijk (0294) configured but switched off."""
    monkeypatch.setenv("BRP_KEY_0855", API_KEY)
    settings.BRP_GEMEENTEN = {
        "0855": {"url": brp_stub.url, "api_key_env": "BRP_KEY_0855"},
        "0294": {"url": brp_stub.url, "api_key_env": "BRP_KEY_0855", "aan": False},
    }
    settings.BRP_TIMEOUT = (1.0, 1.0)
    vergeet_tokens()
    return brp_stub
