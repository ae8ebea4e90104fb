from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from koers.accounts.admin_toegang import GemeenteBeheerAdmin, LandelijkAlleenLezenAdmin

from .models import GelijkgesteldeDag, GemeenteInstelling


@admin.register(GemeenteInstelling)
class GemeenteInstellingAdmin(GemeenteBeheerAdmin, SimpleHistoryAdmin):
    """A functioneel beheerder edits its own gemeente's deadline settings only."""

    een_per_gemeente = True
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
class GelijkgesteldeDagAdmin(LandelijkAlleenLezenAdmin, SimpleHistoryAdmin):
    """Days equated by Royal Decree hold for every gemeente: only a superuser records them."""

    list_display = ("datum", "omschrijving", "besluit")
    date_hierarchy = "datum"
    search_fields = ("omschrijving", "besluit")
