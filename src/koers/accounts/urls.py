from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.inloggen, name="login"),
    path("uitloggen/", views.uitloggen, name="logout"),
]
