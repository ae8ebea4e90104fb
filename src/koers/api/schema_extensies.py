"""How the OpenAPI document describes Koers' two ways in: OAuth2 client credentials, and a staff session."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .scopes import SCOPES


class SysteemTokenSchema(OpenApiAuthenticationExtension):
    target_class = "koers.api.authentication.SysteemTokenAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        scopes = getattr(auto_schema.view, "scopes", {})
        soort = "lezen" if auto_schema.method in ("GET", "HEAD", "OPTIONS") else "schrijven"
        return {self.name: list(scopes.get(soort, []))}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "Systemen: OAuth2 client credentials. Elke genoemde scope volstaat voor een bewerking.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token",
                    "scopes": {naam: str(tekst) for naam, tekst in SCOPES.items()},
                }
            },
        }


class SessieSchema(OpenApiAuthenticationExtension):
    target_class = "koers.api.authentication.GeverifieerdeSessieAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Medewerkers: de sessie na inloggen met tweede factor (met CSRF-token bij wijzigingen).",
        }
