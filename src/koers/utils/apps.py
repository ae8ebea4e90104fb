from django.apps import AppConfig


class UtilsConfig(AppConfig):
    name = "koers.utils"
    label = "koers_utils"
    verbose_name = "Koers UI helpers"
