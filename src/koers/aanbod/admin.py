from django.contrib import admin

from .models import Contract, Klas


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
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


@admin.register(Klas)
class KlasAdmin(admin.ModelAdmin):
    list_display = ["naam", "ketenpartner", "product", "gemeente"]
    list_filter = ["ketenpartner", "product"]
    filter_horizontal = ["leden"]
    exclude = ["versie"]
