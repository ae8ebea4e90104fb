from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from koers.accounts.admin_toegang import beveilig_admin

admin.site.site_header = "Koers – functioneel beheer"


def _alleen_functioneel_beheer(request) -> bool:
    """Django admin is for functioneel beheerders (and technical superusers) only, whatever is_staff says."""
    user = request.user
    return user.is_active and (user.is_superuser or (user.is_staff and user.rol == "functioneel_beheerder"))


admin.site.has_permission = _alleen_functioneel_beheer
admin.site.site_title = "Koers beheer"
beveilig_admin(admin.site)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dossiers:caseload", permanent=False)),
    path("", include("koers.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dossiers/", include("koers.dossiers.urls")),
    path("dossiers/", include("koers.intake.urls")),
    path("dossiers/", include("koers.pip.urls")),
    path("", include("koers.termijnen.urls")),
    path("", include("koers.aanbod.urls")),
    path("functioneel-beheer/imports/", include("koers.koppelvlakken.urls")),
    path("functioneel-beheer/notificaties/", include("koers.notificaties.urls")),
    path("functioneel-beheer/", include("koers.beheer.urls")),
    path("api/", include("koers.api.urls")),
    path("beheer/", admin.site.urls),
]

# Under /api/ every error is problem+json, also a URL that matches no route (koers.api.problemen).
handler404 = "koers.api.problemen.niet_gevonden"
handler500 = "koers.api.problemen.serverfout"
