"""Personal data in the Django admin: superusers only, and every read is in the access log like any page."""

from __future__ import annotations

from django.contrib.admin.utils import unquote

from koers.accounts.admin_toegang import AlleenSuperuserAdmin

from .services import log_raadpleging, log_raadplegingen


class PersoonsgegevensAdmin(AlleenSuperuserAdmin):
    """For admins of models with an inburgeraar's data. Functioneel beheer does its work in Koers' own pages."""

    gegevenscategorie = "persoonsgegevens"

    def persoon_van(self, obj) -> tuple[int | None, int | None]:
        """(inburgeraar_id, dossier_id) of a row; override per model."""
        return getattr(obj, "inburgeraar_id", None), getattr(obj, "dossier_id", None)

    def _omschrijving(self, soort: str) -> str:
        return f"beheer: {self.model._meta.verbose_name_plural} ({soort})"

    def _object(self, response, object_id):
        context = getattr(response, "context_data", None) or {}
        obj = context.get("original") or context.get("object")
        if obj is None:  # simple-history renders its pages without a TemplateResponse
            obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if obj is None and hasattr(self.model, "history"):
            sleutel = {self.model._meta.pk.attname: unquote(object_id)}
            versie = self.model.history.filter(**sleutel).order_by("-history_date").first()
            obj = versie.instance if versie else None
        return obj

    def _log_object(self, request, response, object_id, soort: str) -> None:
        if response.status_code != 200:
            return
        obj = self._object(response, object_id)
        if obj is None:
            return
        inburgeraar_id, dossier_id = self.persoon_van(obj)
        if inburgeraar_id is not None:
            log_raadpleging(
                request,
                inburgeraar_id=inburgeraar_id,
                dossier_id=dossier_id,
                gegevenscategorie=self.gegevenscategorie,
                omschrijving=self._omschrijving(soort),
            )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and cl is not None:
            personen = list(dict.fromkeys(self.persoon_van(obj) for obj in cl.result_list))
            log_raadplegingen(
                request,
                personen=[p for p in personen if p[0] is not None],
                omschrijving=self._omschrijving("lijst"),
                gegevenscategorie=self.gegevenscategorie,
            )
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None:
            self._log_object(request, response, object_id, "inzien")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_object(request, response, object_id, "geschiedenis")
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._log_object(request, response, object_id, "eerdere versie")
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._log_object(request, response, object_id, "verwijderen")
        return response
