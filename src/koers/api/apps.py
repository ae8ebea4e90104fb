from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "koers.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from . import schema_extensies  # noqa: F401
