"""Who may do what in the Django admin (``/beheer/``). Deny by default: a functioneel beheerder sees only the
configuration models marked for it, scoped to its own gemeente; everything else (personal data, devices, login
attempts, groups) is for superusers, who are made only with ``manage.py createsuperuser``."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

PERMISSIE_METHODEN = (
    "has_module_permission",
    "has_view_permission",
    "has_add_permission",
    "has_change_permission",
    "has_delete_permission",
)


def is_superuser(request) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class AlleenSuperuserSchrijftAdmin:
    """Only a superuser adds, changes or deletes; who may look is decided by the subclass."""

    def has_add_permission(self, request, *args):
        return is_superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_superuser(request) and super().has_delete_permission(request, obj)


class AlleenSuperuserAdmin(AlleenSuperuserSchrijftAdmin):
    """The whole model is for superusers only: not in the index, every view 403 for anyone else."""

    def has_module_permission(self, request):
        return is_superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_superuser(request) and super().has_view_permission(request, obj)


class LandelijkAlleenLezenAdmin(AlleenSuperuserSchrijftAdmin):
    """Data shared by every gemeente of the installation (the gemeenten themselves, regio's, providers, Atw days):
    a functioneel beheerder may look, only a superuser may change it."""

    toegang_functioneel_beheer = True


class GemeenteBeheerAdmin:
    """Configuration of one gemeente: a functioneel beheerder lists, opens and edits only its own gemeente's rows;
    the gemeente is set for it (not a form field) and foreign-key choices are limited to its gemeente."""

    toegang_functioneel_beheer = True
    gemeente_veld = "gemeente"
    # Extra fields a beheerder may not set (e.g. the regio of a contract): hidden from its forms.
    verborgen_voor_beheer: tuple[str, ...] = ()
    # One row per gemeente (a OneToOne): no second one can be added.
    een_per_gemeente = False

    def zichtbaar_voor_beheer(self, request) -> Q:
        return Q(**{f"{self.gemeente_veld}_id": request.user.gemeente_id})

    def is_eigen(self, request, obj) -> bool:
        return obj is None or getattr(obj, f"{self.gemeente_veld}_id") == request.user.gemeente_id

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_superuser(request):
            return qs
        if request.user.gemeente_id is None:
            return qs.none()
        return qs.filter(self.zichtbaar_voor_beheer(request)).distinct()

    def has_view_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_view_permission(request, obj)
        zichtbaar = obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()
        return request.user.gemeente_id is not None and zichtbaar and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        if is_superuser(request):
            return super().has_add_permission(request, *args)
        if request.user.gemeente_id is None:
            return False
        if self.een_per_gemeente and self.model._default_manager.filter(**self._eigen_gemeente(request)).exists():
            return False
        return super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_change_permission(request, obj)
        return (
            request.user.gemeente_id is not None
            and self.is_eigen(request, obj)
            and super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        if is_superuser(request):
            return super().has_delete_permission(request, obj)
        return (
            request.user.gemeente_id is not None
            and self.is_eigen(request, obj)
            and super().has_delete_permission(request, obj)
        )

    def _eigen_gemeente(self, request) -> dict:
        return {f"{self.gemeente_veld}_id": request.user.gemeente_id}

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not is_superuser(request):
            exclude += [self.gemeente_veld, *self.verborgen_voor_beheer]
        return exclude

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if is_superuser(request):
            return filters
        return [f for f in filters if f not in (self.gemeente_veld, *self.verborgen_voor_beheer)]

    def save_model(self, request, obj, form, change):
        if not is_superuser(request):
            setattr(obj, f"{self.gemeente_veld}_id", request.user.gemeente_id)
            for veld in self.verborgen_voor_beheer:
                setattr(obj, veld, None)
        super().save_model(request, obj, form, change)


def beveilig_admin(site: admin.AdminSite) -> None:
    """Deny by default: every registered admin without ``toegang_functioneel_beheer = True`` (third-party ones
    included: OTP devices, axes attempts, groups) is for superusers only."""
    for model_admin in site._registry.values():
        if getattr(model_admin, "toegang_functioneel_beheer", False):
            continue
        for naam in PERMISSIE_METHODEN:
            origineel = getattr(model_admin, naam)

            def alleen_superuser(request, *args, _origineel=origineel, **kwargs):
                return is_superuser(request) and _origineel(request, *args, **kwargs)

            setattr(model_admin, naam, alleen_superuser)
