"""The questionnaire of the installation: shared by every gemeente, so a gemeente's functioneel beheerder may read it
and only a superuser (landelijk/technisch beheer) versions it. A version that is active or in use is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.accounts.admin_toegang import LandelijkAlleenLezenAdmin, is_superuser

from . import beheer
from .models import Vraag, Vragenlijst


class VraagInline(admin.StackedInline):
    model = Vraag
    extra = 0
    fields = [
        ("code", "levensgebied", "volgorde"),
        "tekst",
        "hulptekst",
        ("antwoordtype", "keuzes"),
        ("verplicht", "is_gezondheid"),
    ]

    def _bewerkbaar(self, request, obj) -> bool:
        return is_superuser(request) and (obj is None or obj.is_bewerkbaar)

    def has_add_permission(self, request, obj=None):
        return self._bewerkbaar(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._bewerkbaar(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._bewerkbaar(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Vragenlijst)
class VragenlijstAdmin(LandelijkAlleenLezenAdmin, admin.ModelAdmin):
    list_display = ["nummer", "status", "geldig_vanaf", "aantal_vragen"]
    list_filter = ["status"]
    readonly_fields = ["status"]
    inlines = [VraagInline]
    actions = ["maak_nieuwe_versie", "activeren", "laten_vervallen"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_bewerkbaar:
            return ["nummer", "geldig_vanaf", "status", "toelichting"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description=_("aantal vragen"))
    def aantal_vragen(self, obj):
        return obj.vragen.count()

    @admin.action(description=_("Nieuwe versie maken (kopie als concept)"), permissions=["change"])
    def maak_nieuwe_versie(self, request, queryset):
        for lijst in queryset:
            kopie = beheer.nieuwe_versie(lijst)
            self.message_user(request, _("Versie %s gemaakt als concept.") % kopie.nummer, messages.SUCCESS)

    @admin.action(description=_("Activeren"), permissions=["change"])
    def activeren(self, request, queryset):
        for lijst in queryset:
            try:
                beheer.activeer(lijst)
            except ValidationError as fout:
                self.message_user(request, " ".join(fout.messages), messages.ERROR)
            else:
                self.message_user(request, _("Versie %s is actief.") % lijst.nummer, messages.SUCCESS)

    @admin.action(description=_("Laten vervallen"), permissions=["change"])
    def laten_vervallen(self, request, queryset):
        for lijst in queryset:
            beheer.laat_vervallen(lijst)
