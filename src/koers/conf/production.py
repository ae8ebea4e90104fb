"""Production: PostgreSQL, Redis, HTTPS. Everything that differs per installation comes from the environment."""

from .base import *

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Django sends HSTS only on requests it sees as HTTPS; behind a proxy that forgets X-Forwarded-Proto that would
# silently drop it. Production is HTTPS-only, so the header goes out on every response (koers.utils.middleware).
MIDDLEWARE = ["koers.utils.middleware.AlwaysHSTSMiddleware", *MIDDLEWARE]
