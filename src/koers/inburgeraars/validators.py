"""Validation of Dutch identifiers, standing on python-stdnum."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.nl import bsn as stdnum_bsn


def normaliseer_bsn(waarde: str) -> str:
    """Strip spaces, dots and dashes; unlike stdnum's compact() this does not pad short numbers with zeros."""
    return re.sub(r"[\s.\-]", "", waarde or "")


def valideer_bsn(waarde: str) -> None:
    """A BSN has nine digits and passes the elfproef. Empty is allowed (a newcomer may not have one yet)."""
    if not waarde:
        return
    if not waarde.isdigit():
        raise ValidationError(_("Een BSN bevat alleen cijfers."), code="bsn_formaat")
    if len(waarde) != 9:
        raise ValidationError(_("Een BSN bestaat uit negen cijfers."), code="bsn_lengte")
    try:
        stdnum_bsn.validate(waarde)
    except InvalidLength as exc:
        raise ValidationError(_("Een BSN bestaat uit negen cijfers."), code="bsn_lengte") from exc
    except InvalidFormat as exc:
        raise ValidationError(_("Een BSN bevat alleen cijfers."), code="bsn_formaat") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("Dit BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers."), code="bsn_elfproef"
        ) from exc


V_NUMMER_RE = re.compile(r"^\d{10}$")


def valideer_v_nummer(waarde: str) -> None:
    """The vreemdelingennummer (v-nummer) is a ten-digit number assigned by the IND."""
    if not waarde:
        return
    if not V_NUMMER_RE.match(waarde or ""):
        raise ValidationError(_("Een v-nummer bestaat uit tien cijfers."), code="v_nummer_formaat")
