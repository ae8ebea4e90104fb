"""The test suite: PostgreSQL when DATABASE_URL is set, otherwise SQLite; fast hashing, eager Celery."""

from .base import *

DEBUG = False
SECRET_KEY = "koers-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ALLOWED_HOSTS = ["*"]
AXES_FAILURE_LIMIT = 5
# Tests serve static files through the finders (live server); WhiteNoise needs no collected STATIC_ROOT here.
WHITENOISE_AUTOREFRESH = True
