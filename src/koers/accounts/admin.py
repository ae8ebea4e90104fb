from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Gebruiker, Gemeente, Ketenpartner, Regio


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeentecode"]
    search_fields = ["naam", "gemeentecode"]


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    filter_horizontal = ["gemeenten"]


@admin.register(Ketenpartner)
class KetenpartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "keurmerk", "keurmerk_geldig_tot"]
    list_filter = ["soort", "keurmerk"]
    search_fields = ["naam"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "get_full_name", "rol", "organisatie_naam", "is_active"]
    list_filter = ["rol", "gemeente", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Organisatie en rol"), {"fields": ("rol", "gemeente", "regio", "ketenpartner")}),
    )
