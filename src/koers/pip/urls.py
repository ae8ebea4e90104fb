from django.urls import path

from . import views, views_correctie

app_name = "pip"
urlpatterns = [
    path("goedkeuringen/", views.goedkeuringen, name="goedkeuringen"),
    path("<int:pk>/pip/", views.overzicht, name="overzicht"),
    path("<int:pk>/pip/nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/pip/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/pip/<int:pip_pk>/", views.detail, name="detail"),
    path("<int:pk>/pip/<int:pip_pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/pip/<int:pip_pk>/onderdelen/", views.onderdeel_toevoegen, name="onderdeel_toevoegen"),
    path(
        "<int:pk>/pip/<int:pip_pk>/onderdelen/<int:onderdeel_pk>/verwijderen/",
        views.onderdeel_verwijderen,
        name="onderdeel_verwijderen",
    ),
    path("<int:pk>/pip/<int:pip_pk>/indienen/", views.indienen, name="indienen"),
    path("<int:pk>/pip/<int:pip_pk>/beoordelen/", views.beoordelen, name="beoordelen"),
    path("<int:pk>/pip/<int:pip_pk>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/pip/<int:pip_pk>/verwijderen/", views.concept_verwijderen, name="concept_verwijderen"),
    path("<int:pk>/pip/<int:pip_pk>/beschikking.pdf", views.pdf, name="pdf"),
    path("<int:pk>/pip/<int:pip_pk>/bezwaar/", views.bezwaar, name="bezwaar"),
    path("<int:pk>/pip/bezwaar/<int:bezwaar_pk>/", views.bezwaar_beslissen, name="bezwaar_beslissen"),
    path("<int:pk>/pip/<int:pip_pk>/intrekken/", views_correctie.intrekken, name="intrekken"),
    path("<int:pk>/pip/<int:pip_pk>/rectificeren/", views_correctie.rectificeren, name="rectificeren"),
    path(
        "<int:pk>/pip/<int:pip_pk>/correcties/<int:correctie_pk>/beschikking.pdf",
        views_correctie.oude_pdf,
        name="oude_pdf",
    ),
]
