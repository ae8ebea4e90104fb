"""Keyset pagination for the API: newest first by id, ``?na=<id>`` for the next page, links in body and header."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class KeysetPaginering(BasePagination):
    standaard_grootte = 50
    maximale_grootte = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.grootte = self._grootte(request)
        na = request.query_params.get("na", "")
        if na.isdigit():
            queryset = queryset.filter(pk__lt=int(na))
        rijen = list(queryset.order_by("-pk")[: self.grootte + 1])
        self.volgende = rijen[self.grootte - 1].pk if len(rijen) > self.grootte else None
        return rijen[: self.grootte]

    def _grootte(self, request) -> int:
        waarde = request.query_params.get("aantal", "")
        if waarde.isdigit() and int(waarde) > 0:
            return min(int(waarde), self.maximale_grootte)
        return self.standaard_grootte

    def _links(self) -> dict:
        url = self.request.build_absolute_uri()
        links = {"self": {"href": url}, "first": {"href": remove_query_param(url, "na")}}
        if self.volgende is not None:
            links["next"] = {"href": replace_query_param(url, "na", self.volgende)}
        return links

    def get_paginated_response(self, data):
        links = self._links()
        headers = {"Link": f'<{links["next"]["href"]}>; rel="next"'} if "next" in links else {}
        return Response({"_links": links, "results": data}, headers=headers)

    def get_paginated_response_schema(self, schema):
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}, "required": ["href"]}
        return {
            "type": "object",
            "required": ["_links", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "required": ["self", "first"],
                    "properties": {"self": link, "first": link, "next": link},
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "na",
                "required": False,
                "in": "query",
                "description": str(_("Cursor: geef de items met een id lager dan deze (de link next).")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "aantal",
                "required": False,
                "in": "query",
                "description": str(_("Aantal items per pagina (standaard 50, hoogstens 200).")),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.maximale_grootte},
            },
        ]
