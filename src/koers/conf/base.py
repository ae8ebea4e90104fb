"""Settings shared by every environment. Secrets and hosts come from the environment (django-environ)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/koers
REPO_DIR = BASE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(REPO_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="koers-demo-only-not-secret")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "koers.utils",
    "koers.accounts",
    "koers.audit",
    "koers.inburgeraars",
    "koers.dossiers",
    "koers.intake",
    "koers.termijnen",
    "koers.pip",
    "koers.aanbod",
    "koers.beheer",
    "koers.api",
    "koers.koppelvlakken",
    "koers.notificaties",
    "koers.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.accounts.middleware.NederlandsEerstMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "koers.accounts.middleware.VerifiedLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "koers.api.middleware.APIVersieMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "koers.accounts.context_processors.koers",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{REPO_DIR / 'var' / 'koers.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dossiers:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after inactivity: every request renews the cookie.
SESSION_COOKIE_AGE = env.int("SESSION_INACTIVITY_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Failed logins are throttled per user name and address (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

OTP_TOTP_ISSUER = "Koers"

# Security headers. No inline script or style anywhere: htmx runs from a file (with eval and its inline indicator
# style switched off in base.html), the NL Design System CSS comes from files. See docs/security.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Browser features Koers never uses are switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = REPO_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(REPO_DIR / "var" / "media"))
MEDIA_URL = "/media/"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "koers.api.authentication.SysteemTokenAuthentication",
        "koers.api.authentication.GeverifieerdeSessieAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["koers.api.permissions.ScopeOfSessie"],
    "DEFAULT_PAGINATION_CLASS": "koers.api.paginering.KeysetPaginering",
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "djangorestframework_camel_case.parser.CamelCaseJSONParser",
        "djangorestframework_camel_case.parser.CamelCaseMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["koers.api.filters.KoersFilterBackend"],
    "EXCEPTION_HANDLER": "koers.api.problemen.probleem_handler",
    "URL_FORMAT_OVERRIDE": None,
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "COERCE_DECIMAL_TO_STRING": False,
}
# Keys inside these free-form fields are data (question codes, mapping names), not API field names.
JSON_CAMEL_CASE = {
    "JSON_UNDERSCOREIZE": {
        "no_underscore_before_number": False,
        "ignore_fields": ("antwoorden", "gegevens"),
        "ignore_keys": ("_links",),
    }
}
KOERS_API_VERSIE = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": (
        "De API van Koers voor de keten van de Wet inburgering 2021: personen, dossiers, brede intakes, PIP's, "
        "termijnen, het aanbod van taalaanbieders (uren, afwezigheid, voortgang, examens), imports van COA en DUO "
        "en notificaties. Systemen gebruiken OAuth2 client credentials; medewerkers hun sessie. Zie "
        "docs/koppelvlakken.md."
    ),
    "VERSION": KOERS_API_VERSIE,
    "CONTACT": {"name": "Koers", "email": "koers@example.nl", "url": "https://github.com/koers-inburgering/koers"},
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.api.schema.verrijk",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "koers.dossiers.status.Status",
        "PipStatusEnum": "koers.pip.models.PIPStatus",
        "PipSoortEnum": "koers.pip.models.Soort",
    },
}
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "koers.api.scopes.KoersScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("API_TOKEN_SECONDS", default=3600),
    "PKCE_REQUIRED": True,
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE: dict = {
    "termijnen-verlopen": {
        "task": "koers.termijnen.tasks.meld_verlopen_termijnen",
        "schedule": crontab(hour=5, minute=0),
    },
    "termijnen-digest": {"task": "koers.termijnen.tasks.verstuur_digest", "schedule": crontab(hour=6, minute=30)},
    "formuliersleutels-opruimen": {
        "task": "koers.utils.tasks.ruim_formuliersleutels_op",
        "schedule": crontab(hour=3, minute=15),
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="koers@example.nl")

# Processing activity (verwerkingsactiviteit) recorded when a person or dossier is viewed without a stated purpose.
KOERS_STANDAARD_VERWERKING = "uitvoering-wi2021"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Settings of the chain's apps live beside them; CELERY_BEAT entries are merged into the schedule above.
from . import brp as _brp  # noqa: E402
from . import koppelvlakken as _koppelvlakken  # noqa: E402
from . import notificaties as _notificaties  # noqa: E402

for _module in (_koppelvlakken, _brp, _notificaties):
    CELERY_BEAT_SCHEDULE.update(getattr(_module, "CELERY_BEAT", {}))
    globals().update({k: v for k, v in vars(_module).items() if k.isupper() and k != "CELERY_BEAT"})
