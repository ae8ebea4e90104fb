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
