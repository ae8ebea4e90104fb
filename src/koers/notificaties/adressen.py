"""Which callback URLs Koers may call: https, and no private, loopback or link-local address (SSRF).

Checked when a subscription is saved and again right before each request (a name may resolve differently later).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _versoepeld() -> bool:
    return bool(settings.DEBUG or settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN)


def _is_intern(adres: str) -> bool:
    ip = ipaddress.ip_address(adres)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _adressen(host: str, poort: int) -> list[str]:
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, poort, proto=socket.IPPROTO_TCP)]
    except (socket.gaierror, UnicodeError):
        return []


def controleer_url(url: str, *, dns: bool = True) -> None:
    """Raise ValidationError (Dutch) when Koers may not send to ``url``."""
    delen = urlsplit(url)
    if delen.scheme not in ("https", "http") or not delen.hostname:
        raise ValidationError(_("Vul een volledig webadres in, beginnend met https://."), code="url")
    if delen.username or delen.password:
        raise ValidationError(_("Zet geen gebruikersnaam of wachtwoord in het webadres."), code="url_inlog")
    if _versoepeld():
        return
    if delen.scheme != "https":
        raise ValidationError(_("Het webadres moet met https:// beginnen."), code="https")
    host = delen.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise ValidationError(_("Een intern webadres is niet toegestaan."), code="intern")
    try:
        adressen = [str(ipaddress.ip_address(host))]
    except ValueError:
        adressen = _adressen(host, delen.port or 443) if dns else []
        if dns and not adressen:
            raise ValidationError(_("Het webadres %s is niet te vinden.") % host, code="onbekend") from None
    if any(_is_intern(a) for a in adressen):
        raise ValidationError(
            _("Het webadres wijst naar een intern of privé-netwerkadres; dat is niet toegestaan."), code="intern"
        )
