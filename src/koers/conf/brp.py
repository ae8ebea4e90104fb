"""Settings of the BRP koppeling (koers.koppelvlakken.brp); see docs/brp.md.

Imported beside koers.conf.koppelvlakken by koers.conf.base. Per gemeente (CBS code) the koppeling is on only when
BRP_GEMEENTEN names it. The JSON comes from the environment and holds no secrets, only the names of the variables
that do, for example::

    BRP_GEMEENTEN='{"0855": {"url": "https://brp.example.nl/haalcentraal/api/brp", "api_key_env": "BRP_KEY_0855"}}'
    BRP_KEY_0855=...

or with OAuth 2 client credentials instead of an API key::

    {"0855": {"url": "...", "oauth": {"token_url": "...", "client_id": "koers", "client_secret_env": "BRP_OAUTH_0855",
     "scope": "brp"}}}

Optional per gemeente: "aan": false (configured but switched off), "header" (API-key header, default X-API-KEY).
"""

import environ

env = environ.Env()

BRP_GEMEENTEN: dict = env.json("BRP_GEMEENTEN", default={})
# (connect, read) seconds: a slow BRP must not hold a registration page (or a worker) for long.
BRP_TIMEOUT: tuple[float, float] = (
    env.float("BRP_CONNECT_TIMEOUT", default=3.05),
    env.float("BRP_READ_TIMEOUT", default=10.0),
)
