"""Settings of this app, imported by koers.conf.base."""

import json

import environ

_env = environ.Env()

# How many records between two progress updates of an import (validation and applying).
KOPPELVLAKKEN_VOORTGANG_PER = _env.int("KOPPELVLAKKEN_VOORTGANG_PER", default=250)
# Largest file accepted on the upload page and the API (bytes).
KOPPELVLAKKEN_MAX_BESTAND = _env.int("KOPPELVLAKKEN_MAX_BESTAND", default=20 * 1024 * 1024)
# The gemeente's own column names per mapping, e.g. {"duo:v1": {"bsn": "Burgerservicenummer"}} (docs/imports.md).
KOPPELVLAKKEN_KOLOMMEN = json.loads(_env.str("KOPPELVLAKKEN_KOLOMMEN", default="{}"))
