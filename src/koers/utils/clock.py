"""One clock for the whole application, so tests and demos can move time (time-machine) consistently."""

import datetime as dt

from django.utils import timezone


def nu() -> dt.datetime:
    return timezone.now()


def vandaag() -> dt.date:
    return timezone.localdate()
