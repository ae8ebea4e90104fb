"""The access log in the admin is for superusers only (and reading it is logged); functioneel beheer searches the
log of its own gemeente in Koers' own pages (``/functioneel-beheer/toegangslog/``). Nobody adds, changes or deletes."""

from django.contrib import admin

from .admin_mixins import PersoonsgegevensAdmin
from .models import Toegangslog


@admin.register(Toegangslog)
class ToegangslogAdmin(PersoonsgegevensAdmin, admin.ModelAdmin):
    gegevenscategorie = "toegangslog"
    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "rol",
        "organisatie",
        "actie",
        "verwerkingsactiviteit",
        "gegevenscategorie",
        "inburgeraar_id",
        "dossier_id",
    ]
    list_filter = ["actie", "rol", "gegevenscategorie", "verwerkingsactiviteit"]
    search_fields = ["gebruikersnaam", "=inburgeraar_id", "=dossier_id", "organisatie"]
    date_hierarchy = "tijdstip"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
