from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GelijkgesteldeDag, GemeenteInstelling


@admin.register(GemeenteInstelling)
class GemeenteInstellingAdmin(SimpleHistoryAdmin):
    list_display = (
        "gemeente",
        "pip_startgebeurtenis",
        "pip_opschorting_weken_na_info",
        "voortgangsgesprek_interval_maanden",
        "pvt_maanden_voor_einde",
        "map_maanden_voor_einde",
        "digest_versturen",
    )
    readonly_fields = ("versie",)

    def save_model(self, request, obj, form, change):
        if change:
            obj.versie += 1
        super().save_model(request, obj, form, change)


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(SimpleHistoryAdmin):
    list_display = ("datum", "omschrijving", "besluit")
    date_hierarchy = "datum"
    search_fields = ("omschrijving", "besluit")
