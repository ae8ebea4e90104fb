"""Functioneel beheerders search the access log here; nobody can add, change or delete records."""

from django.contrib import admin

from .models import Toegangslog


@admin.register(Toegangslog)
class ToegangslogAdmin(admin.ModelAdmin):
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

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(gemeente_id=request.user.gemeente_id)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
