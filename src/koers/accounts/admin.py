"""Organisations and users in the admin. A gemeente's functioneel beheerder manages only its own gemeente's users
and their gemeente roles; nobody can grant rights through a form (no superuser, staff, group or permission fields
for non-superusers; ``is_superuser`` for nobody: superusers are made with ``manage.py createsuperuser``)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_toegang import LandelijkAlleenLezenAdmin, is_superuser
from .models import Gebruiker, Gemeente, Ketenpartner, Regio
from .roles import GEMEENTE_ROLLEN, Rol


@admin.register(Gemeente)
class GemeenteAdmin(LandelijkAlleenLezenAdmin, admin.ModelAdmin):
    list_display = ["naam", "gemeentecode"]
    search_fields = ["naam", "gemeentecode"]


@admin.register(Regio)
class RegioAdmin(LandelijkAlleenLezenAdmin, admin.ModelAdmin):
    list_display = ["naam"]
    filter_horizontal = ["gemeenten"]


@admin.register(Ketenpartner)
class KetenpartnerAdmin(LandelijkAlleenLezenAdmin, admin.ModelAdmin):
    list_display = ["naam", "soort", "keurmerk", "keurmerk_geldig_tot"]
    list_filter = ["soort", "keurmerk"]
    search_fields = ["naam"]


def _fieldsets(*, toevoegen: bool, superuser: bool, organisatie: tuple[str, ...]) -> tuple:
    account = ("username", "usable_password", "password1", "password2") if toevoegen else ("username", "password")
    sets = [
        (None, {"fields": account}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisatie en rol"), {"fields": organisatie}),
    ]
    if not toevoegen:
        rechten = ("is_active", "groups", "user_permissions") if superuser else ("is_active",)
        sets.insert(2, (_("Toegang"), {"fields": rechten}))
        sets.append((_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}))
    return tuple(sets)


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin, SimpleHistoryAdmin):
    toegang_functioneel_beheer = True
    list_display = ["username", "get_full_name", "rol", "organisatie_naam", "is_active"]
    list_filter = ["rol", "gemeente", "is_active"]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_superuser(request):
            return qs
        if request.user.gemeente_id is None:
            return qs.none()
        return qs.filter(gemeente_id=request.user.gemeente_id, is_superuser=False)

    def get_list_filter(self, request):
        return self.list_filter if is_superuser(request) else ["rol", "is_active"]

    def get_fieldsets(self, request, obj=None):
        superuser = is_superuser(request)
        organisatie = ("rol", "gemeente", "regio", "ketenpartner") if superuser else ("rol",)
        return _fieldsets(toevoegen=obj is None, superuser=superuser, organisatie=organisatie)

    def get_readonly_fields(self, request, obj=None):
        alleen_lezen = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody changes their own role or switches their own account off (or on).
            alleen_lezen += ["rol", "is_active", "groups", "user_permissions"]
        return alleen_lezen

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "rol" and not is_superuser(request):
            kwargs["choices"] = [(r.value, r.label) for r in Rol if r in GEMEENTE_ROLLEN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def _mag_gebruiker(self, request, obj) -> bool:
        if is_superuser(request) or obj is None:
            return True
        return (
            request.user.gemeente_id is not None
            and obj.gemeente_id == request.user.gemeente_id
            and not (obj.is_superuser)
        )

    def has_view_permission(self, request, obj=None):
        return self._mag_gebruiker(request, obj) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return (is_superuser(request) or request.user.gemeente_id is not None) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._mag_gebruiker(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are switched off, not deleted, by beheer: the access log and history keep pointing at them.
        return is_superuser(request) and super().has_delete_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old version of an account would restore its old rights too.
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if not is_superuser(request):
            obj.gemeente_id = request.user.gemeente_id
            obj.regio = obj.ketenpartner = None
        # Staff (entry to this admin) follows the role; it is never a form field.
        obj.is_staff = obj.is_superuser or obj.rol == Rol.FUNCTIONEEL_BEHEERDER
        super().save_model(request, obj, form, change)
