from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from koers.accounts.admin_toegang import GemeenteBeheerAdmin
from koers.audit.admin_mixins import PersoonsgegevensAdmin

from .models import PIP, Bezwaar, PIPInstelling


@admin.register(PIPInstelling)
class PIPInstellingAdmin(GemeenteBeheerAdmin, SimpleHistoryAdmin):
    """A functioneel beheerder edits its own gemeente's settings only."""

    een_per_gemeente = True
    list_display = ("gemeente", "vier_ogen", "ondertekenaar_naam", "voortgangsgesprek_interval_maanden")
    list_filter = ("vier_ogen",)


@admin.register(PIP)
class PIPAdmin(PersoonsgegevensAdmin, SimpleHistoryAdmin):
    """Read-only and for superusers: PIPs change only through the services (a vastgestelde PIP never changes).
    The route advice may hold health facts, so reading one is logged as health data."""

    gegevenscategorie = "gezondheid"
    list_display = ("__str__", "dossier", "volgnummer", "status", "leerroute", "dagtekening")
    list_filter = ("status", "leerroute", "dossier__gemeente")
    list_select_related = ("dossier__inburgeraar",)
    search_fields = ("beschikkingsnummer",)
    show_full_result_count = False

    def persoon_van(self, obj):
        return obj.dossier.inburgeraar_id, obj.dossier_id

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bezwaar)
class BezwaarAdmin(PersoonsgegevensAdmin, SimpleHistoryAdmin):
    list_display = ("pip", "ontvangen_op", "status", "beslist_op")
    list_filter = ("status",)
    list_select_related = ("pip__dossier",)

    def persoon_van(self, obj):
        return obj.pip.dossier.inburgeraar_id, obj.pip.dossier_id

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
