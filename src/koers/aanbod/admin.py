from django.contrib import admin
from django.db.models import Q

from koers.accounts.admin_toegang import GemeenteBeheerAdmin, is_superuser

from .models import Contract, Inschrijving, Klas


@admin.register(Contract)
class ContractAdmin(GemeenteBeheerAdmin, admin.ModelAdmin):
    """A functioneel beheerder manages its own gemeente's contracts; its regio's contracts it may only look at."""

    verborgen_voor_beheer = ("regio",)
    list_display = [
        "ketenpartner",
        "product",
        "gemeente",
        "regio",
        "prijs",
        "prijs_per",
        "capaciteit",
        "start",
        "einde",
    ]
    list_filter = ["product", "ketenpartner"]
    exclude = ["versie"]

    def zichtbaar_voor_beheer(self, request):
        return super().zichtbaar_voor_beheer(request) | Q(regio__gemeenten=request.user.gemeente_id)


@admin.register(Klas)
class KlasAdmin(GemeenteBeheerAdmin, admin.ModelAdmin):
    """A functioneel beheerder manages its own gemeente's classes, with members from its own gemeente only."""

    list_display = ["naam", "ketenpartner", "product", "gemeente"]
    list_filter = ["ketenpartner", "product"]
    filter_horizontal = ["leden"]
    exclude = ["versie"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "leden" and not is_superuser(request):
            kwargs["queryset"] = Inschrijving.objects.filter(dossier__gemeente_id=request.user.gemeente_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
