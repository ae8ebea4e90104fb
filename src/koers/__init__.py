"""Koers: regie op de Wet inburgering 2021."""

from .celery import app as celery_app

__all__ = ["celery_app"]
