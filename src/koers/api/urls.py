"""/api/v1/: the resources of every app, the OpenAPI document, its docs, and the OAuth2 token endpoint."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView, SpectacularYAMLAPIView
from oauth2_provider import views as oauth2_views

from .views import api_root

app_name = "api"
SWAGGER_UI_STIJL = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

# Each app keeps its own serializers and views (its api.py); this only mounts them.
_APPS = ["dossiers", "intake", "pip", "termijnen", "aanbod", "koppelvlakken", "notificaties"]

urlpatterns = [
    path("v1", api_root, name="root"),
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("v1/openapi.yaml", SpectacularYAMLAPIView.as_view(), name="openapi-yaml"),
    path(
        "v1/docs",
        # Swagger UI sets one inline <style> of its own; allowed by its hash on this page only.
        csp_update({"style-src": [SWAGGER_UI_STIJL]})(SpectacularSwaggerSplitView.as_view(url_name="api:openapi")),
        name="docs",
    ),
    path("v1/oauth/token", oauth2_views.TokenView.as_view(), name="token"),
    path("v1/oauth/revoke", oauth2_views.RevokeTokenView.as_view(), name="revoke"),
    path("v1/oauth/introspect", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
    *[path("v1/", include(f"koers.{app}.api")) for app in _APPS],
]
