from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PIP, Bezwaar, PIPInstelling


@admin.register(PIPInstelling)
class PIPInstellingAdmin(SimpleHistoryAdmin):
    list_display = ("gemeente", "vier_ogen", "ondertekenaar_naam", "voortgangsgesprek_interval_maanden")
    list_filter = ("vier_ogen",)


@admin.register(PIP)
class PIPAdmin(SimpleHistoryAdmin):
    """Read-only: PIPs change only through the services (a vastgestelde PIP never changes)."""

    list_display = ("__str__", "dossier", "volgnummer", "status", "leerroute", "dagtekening")
    list_filter = ("status", "leerroute", "dossier__gemeente")
    list_select_related = ("dossier__inburgeraar",)
    search_fields = ("beschikkingsnummer",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bezwaar)
class BezwaarAdmin(SimpleHistoryAdmin):
    list_display = ("pip", "ontvangen_op", "status", "beslist_op")
    list_filter = ("status",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
