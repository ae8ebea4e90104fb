"""Settings of this app, imported by koers.conf.base. Strict by default; the demo (DEBUG) and the tests relax them."""

import environ
from celery.schedules import crontab

env = environ.Env()

# The CloudEvents ``source`` (NL GOV profile: a URN in the 'nld' namespace naming the organisation, then the
# system). With an OIN configured for a gemeente (CBS code → OIN) the source is
# urn:nld:oin:<OIN>:systeem:<system>; otherwise urn:nld:gemeente:<CBS code>:systeem:<system>.
NOTIFICATIES_SYSTEEM = env("NOTIFICATIES_SYSTEEM", default="koers")
NOTIFICATIES_OIN = env.dict("NOTIFICATIES_OIN", default={})
# Base of the links in events (dataref and the *Url fields): the public address of Koers' API.
NOTIFICATIES_API_URL = env("NOTIFICATIES_API_URL", default="http://localhost:8000/api/v1")
# Sent as WebHook-Request-Origin (CloudEvents HTTP webhook spec, as the NL GOV guideline asks).
NOTIFICATIES_ORIGIN = env("NOTIFICATIES_ORIGIN", default="koers.localhost")

# Delivery: seconds per HTTP request, and the waits between retries (after the first attempt); after the last
# wait's attempt fails the delivery is marked failed. 1 min, 5 min, 30 min, 2 h, 12 h.
NOTIFICATIES_TIMEOUT = env.float("NOTIFICATIES_TIMEOUT", default=10.0)
NOTIFICATIES_WACHTTIJDEN = [60, 300, 1800, 7200, 43200]
# How many waiting deliveries one sweep of the periodic task hands to workers.
NOTIFICATIES_VEEG_MAXIMUM = env.int("NOTIFICATIES_VEEG_MAXIMUM", default=1000)

# Events and their delivery log are kept this many days (for the beheer pages and resending), then removed.
NOTIFICATIES_BEWAARDAGEN = env.int("NOTIFICATIES_BEWAARDAGEN", default=180)

# Callback URLs must use https, and may not point to private, loopback or link-local addresses (SSRF), unless
# DEBUG is on (the demo) or this is set (tests, a demo receiver on the same machine). Never set it in production.
NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = env.bool("NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN", default=False)

# 'Termijn dreigt te verlopen': an open deadline within this many days (once per deadline and date).
NOTIFICATIES_TERMIJN_DAGEN = env.int("NOTIFICATIES_TERMIJN_DAGEN", default=14)
# 'Uren ontbreken': from this day of the month, a started enrolment without hours for the previous month
# (once per enrolment and month). Providers usually report in the first week.
NOTIFICATIES_UREN_DAG = env.int("NOTIFICATIES_UREN_DAG", default=10)

CELERY_BEAT = {
    # Hands waiting deliveries whose time has come to the workers: retries, and dispatches lost with a worker.
    "notificaties-versturen": {"task": "koers.notificaties.tasks.verstuur_wachtende", "schedule": 60.0},
    "notificaties-signalen": {
        "task": "koers.notificaties.tasks.meld_dagelijkse_signalen",
        "schedule": crontab(hour=5, minute=30),
    },
    "notificaties-opruimen": {"task": "koers.notificaties.tasks.ruim_op", "schedule": crontab(hour=3, minute=45)},
}
