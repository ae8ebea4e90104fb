from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .forms import InlogForm


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def inloggen(request):
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = ""
    form = InlogForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.user)
        otp_login(request, form.device)
        return redirect(volgende or "dossiers:caseload")
    return render(request, "accounts/inloggen.html", {"form": form, "next": volgende}, status=200)


@require_POST
def uitloggen(request):
    auth_logout(request)
    return redirect("accounts:login")
