from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Gezinslid, Inburgeraar, Koppeling


@admin.register(Inburgeraar)
class InburgeraarAdmin(SimpleHistoryAdmin):
    list_display = ["achternaam", "voornamen", "geboortedatum", "doelgroep", "versie"]
    search_fields = ["achternaam", "bsn", "v_nummer"]
    list_filter = ["doelgroep"]
    readonly_fields = ["versie"]


admin.site.register(Gezinslid, SimpleHistoryAdmin)
admin.site.register(Koppeling, SimpleHistoryAdmin)


class WijzigingsgeschiedenisAdmin(admin.ModelAdmin):
    """Functioneel beheer searches who changed which person's data when (old → new per version)."""

    list_display = ["history_date", "history_user", "history_type", "id", "achternaam", "voornamen", "versie"]
    list_filter = ["history_type"]
    search_fields = ["=id", "achternaam", "bsn", "v_nummer", "history_user__username"]
    date_hierarchy = "history_date"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Inburgeraar.history.model, WijzigingsgeschiedenisAdmin)
