"""Persons in the admin: superusers only, every read logged. Functioneel beheer searches the change history of its
own gemeente's persons in Koers' own pages (``/functioneel-beheer/wijzigingen/``)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from koers.audit.admin_mixins import PersoonsgegevensAdmin

from .models import Gezinslid, Inburgeraar, Koppeling


@admin.register(Inburgeraar)
class InburgeraarAdmin(PersoonsgegevensAdmin, SimpleHistoryAdmin):
    list_display = ["achternaam", "voornamen", "geboortedatum", "doelgroep", "versie"]
    search_fields = ["achternaam", "bsn", "v_nummer"]
    list_filter = ["doelgroep"]
    readonly_fields = ["versie"]

    def persoon_van(self, obj):
        return obj.pk, None


@admin.register(Gezinslid)
class GezinslidAdmin(PersoonsgegevensAdmin, SimpleHistoryAdmin):
    pass


@admin.register(Koppeling)
class KoppelingAdmin(PersoonsgegevensAdmin, SimpleHistoryAdmin):
    pass


@admin.register(Inburgeraar.history.model)
class WijzigingsgeschiedenisAdmin(PersoonsgegevensAdmin, admin.ModelAdmin):
    """Who changed which person's data when (old → new per version), for superusers."""

    list_display = ["history_date", "history_user", "history_type", "id", "achternaam", "voornamen", "versie"]
    list_filter = ["history_type"]
    search_fields = ["=id", "achternaam", "bsn", "v_nummer", "history_user__username"]
    date_hierarchy = "history_date"
    show_full_result_count = False

    def persoon_van(self, obj):
        return obj.id, None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
