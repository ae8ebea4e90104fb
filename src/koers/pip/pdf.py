"""The PIP beschikking as a PDF (WeasyPrint): rendered once at vaststelling and stored, never re-rendered."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from koers.intake.privacy import NEUTRALE_FORMULERING, motivering_voor_weergave
from koers.termijnen.engine.berekening import bezwaar_deadline, datum_nl, inburgeringstermijn

from . import selectors
from .models import PIP
from .verschillen import verschillen


def beschikking_context(pip: PIP, *, vorige: PIP | None = None, afschrift: bool = False) -> dict:
    dossier = pip.dossier
    eerste = pip if pip.volgnummer == 1 else selectors.eerste_pip(dossier)
    eerste_dagtekening = eerste.dagtekening if eerste is not None and eerste.dagtekening else pip.dagtekening
    termijn = inburgeringstermijn(eerste_pip_dagtekening=eerste_dagtekening)
    bezwaar = bezwaar_deadline(dagtekening=pip.dagtekening)
    ontzorgen_tot = None
    if pip.ontzorgen and pip.ontzorgen_vanaf and pip.ontzorgen_maanden:
        ontzorgen_tot = pip.ontzorgen_vanaf + relativedelta(months=pip.ontzorgen_maanden, days=-1)
    return {
        "pip": pip,
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "gemeente": dossier.gemeente,
        "instelling": selectors.instelling_voor(dossier.gemeente),
        "onderdelen": list(pip.onderdelen.all()),
        "dagtekening_nl": datum_nl(pip.dagtekening),
        "eerste_dagtekening_nl": datum_nl(eerste_dagtekening),
        "eerste_nummer": eerste.beschikkingsnummer if eerste is not None else pip.beschikkingsnummer,
        "termijn_begin_nl": datum_nl(termijn.begindatum),
        "termijn_einde_nl": datum_nl(termijn.datum),
        "bezwaar_laatste_dag_nl": datum_nl(bezwaar.datum),
        "bezwaar_bron": f"{bezwaar.regel.bron.regeling}, {bezwaar.regel.bron.artikel}",
        "ontzorgen_vanaf_nl": datum_nl(pip.ontzorgen_vanaf) if pip.ontzorgen_vanaf else "",
        "ontzorgen_tot_nl": datum_nl(ontzorgen_tot) if ontzorgen_tot else "",
        "vorige": vorige,
        "vorige_dagtekening_nl": datum_nl(vorige.dagtekening) if vorige is not None and vorige.dagtekening else "",
        "verschillen": verschillen(vorige, pip),
        "motivering_alineas": motivering_voor_weergave(
            pip.route_motivering, dossier=dossier, mag_gezondheid=not afschrift
        ).alineas,
        "afschrift": afschrift,
        "neutrale_formulering": NEUTRALE_FORMULERING,
    }


def render_beschikking(pip: PIP, *, vorige: PIP | None = None) -> bytes:
    from weasyprint import HTML

    with translation.override("nl"):  # a beschikking is in Dutch, whatever language the clerk's screen uses
        html = render_to_string("pip/beschikking.html", beschikking_context(pip, vorige=vorige))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_afschrift(pip: PIP) -> bytes:
    """A copy of a beschikking for staff without the health right: marked as a copy, health wordings left out.

    Rendered on request and never stored: the stored PDF stays the one decision sent to the inburgeraar."""
    from weasyprint import HTML

    from .services import vorige_beschikking

    vorige = vorige_beschikking(pip)  # the same predecessor as the letter sent (replaced or withdrawn)
    with translation.override("nl"):
        html = render_to_string("pip/beschikking.html", beschikking_context(pip, vorige=vorige, afschrift=True))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
