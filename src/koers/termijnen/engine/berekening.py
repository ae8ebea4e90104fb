"""Pure functions that compute legal deadlines and explain, in plain Dutch, how each date came about.

Counting convention (one rule for every period): a period of N weeks, months or years that *begins* on
day B ends on the day before the same date N later (B + N - 1 day). If that date does not exist because the
month is too short (1 month beginning 31 January; 3 years beginning 29 February), the period ends on the last
day of that month: 1 month from 31 January ends on 28/29 February. A term "N after event E" begins the day
after E, so it ends on E + N (10 weeks after Monday 3 March 2025 is Monday 12 May 2025).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from koers.utils.datums import datum_nl
from koers.utils.legal import Regel, instelbare_waarde

from . import atw
from .regels import LEERROUTES, regel

DAG = dt.timedelta(days=1)


@dataclass(frozen=True)
class Berekening:
    """A computed deadline: the date after any Atw shift, the date before it, the rule and an explanation.

    ``opgeschort`` is True while a term is suspended (the PIP term while third-party information is awaited):
    ``datum`` is then the normal deadline, which will move once the information arrives. ``begindatum`` is set
    for rules that describe a period (inburgeringstermijn, schakelvenster, ontzorgen). ``aanvullende_regels``
    lists further rules applied (the Atw shift, the PIP suspension), so a decision can show all its sources.
    """

    soort: str
    datum: dt.date
    oorspronkelijke_datum: dt.date
    regel: Regel
    uitleg: str
    opgeschort: bool = False
    begindatum: dt.date | None = None
    aanvullende_regels: tuple[Regel, ...] = ()


def laatste_dag(begin: dt.date, *, jaren: int = 0, maanden: int = 0, weken: int = 0) -> dt.date:
    """The last day of a period of the given length that begins on ``begin`` (see the module docstring)."""
    if weken and (jaren or maanden):
        raise ValueError("een periode is in weken of in maanden/jaren, niet beide")
    if weken:
        return begin + dt.timedelta(weeks=weken) - DAG
    zelfde_datum = begin + relativedelta(years=jaren, months=maanden)
    if zelfde_datum.day != begin.day:  # month too short: the period runs to its last day
        return zelfde_datum
    return zelfde_datum - DAG


def pip_deadline(
    *,
    startdatum: dt.date,
    startgebeurtenis: str = "registratie",
    info_gevraagd_op: dt.date | None = None,
    info_ontvangen_op: dt.date | None = None,
    weken_na_info: int | None = None,
    peildatum: dt.date | None = None,
    extra_vrije_dagen: atw.ExtraDagen = None,
) -> Berekening:
    """The day by which the PIP must be vastgesteld: 10 weeks after the start event, longer for awaited info.

    Information requested from a third party on or before the (Atw-shifted) normal deadline suspends the term:
    until it arrives the result is the normal deadline with ``opgeschort=True``; once it has arrived the
    deadline is the later of the normal deadline and arrival + ``weken_na_info`` (default 2, [S]). Information
    requested after the term had ended changes nothing. ``extra_vrije_dagen``: gelijkgestelde dagen (Atw art. 3
    lid 3), here and in every function that applies the Atw shift.
    """
    op = peildatum or startdatum
    hoofdregel = regel("pip_vaststellen", op)
    gebeurtenissen = hoofdregel.parameters["startgebeurtenissen"]
    if startgebeurtenis not in gebeurtenissen:
        raise ValueError(f"onbekende startgebeurtenis {startgebeurtenis!r}; kies uit {sorted(gebeurtenissen)}")
    if info_ontvangen_op and not info_gevraagd_op:
        raise ValueError("info_ontvangen_op zonder info_gevraagd_op")
    if info_gevraagd_op and info_ontvangen_op and info_ontvangen_op < info_gevraagd_op:
        raise ValueError("informatie ontvangen vóór de aanvraag ervan")

    weken = hoofdregel.parameters["weken"]
    gewoon = startdatum + dt.timedelta(weeks=weken)
    gewoon_verschoven = atw.verschuif_atw(gewoon, extra_vrije_dagen)
    uitleg = f"{weken} weken na {gebeurtenissen[startgebeurtenis]} op {datum_nl(startdatum)}"

    if info_gevraagd_op is None:
        return _resultaat("pip_vaststellen", gewoon, hoofdregel, uitleg, extra=extra_vrije_dagen)

    opschorting = regel("pip_opschorting", op)
    if info_gevraagd_op > gewoon_verschoven:
        uitleg += (
            f"; de informatie van derden is pas op {datum_nl(info_gevraagd_op)} gevraagd, na afloop van de "
            "termijn, en verlengt die dus niet"
        )
        return _resultaat("pip_vaststellen", gewoon, hoofdregel, uitleg, extra=extra_vrije_dagen)

    na_info = _instelbaar(opschorting, "weken_na_info", weken_na_info)
    if info_ontvangen_op is None:
        toevoeging = (
            f"; maar op {datum_nl(info_gevraagd_op)} is informatie van derden gevraagd die nog niet binnen "
            f"is, dus de termijn is opgeschort: het PIP moet uiterlijk {na_info} weken na ontvangst worden "
            "vastgesteld, of op deze datum als die later valt"
        )
        return _resultaat(
            "pip_vaststellen",
            gewoon,
            hoofdregel,
            uitleg,
            opgeschort=True,
            aanvullend=(opschorting,),
            toevoeging=toevoeging,
            extra=extra_vrije_dagen,
        )

    na_ontvangst = info_ontvangen_op + dt.timedelta(weeks=na_info)
    if na_ontvangst > gewoon:
        uitleg += (
            f"; verlengd omdat informatie van derden (gevraagd op {datum_nl(info_gevraagd_op)}) pas op "
            f"{datum_nl(info_ontvangen_op)} binnenkwam: {na_info} weken daarna is {datum_nl(na_ontvangst)}"
        )
        return _resultaat(
            "pip_vaststellen", na_ontvangst, hoofdregel, uitleg, aanvullend=(opschorting,), extra=extra_vrije_dagen
        )
    uitleg += (
        f"; de gevraagde informatie kwam op {datum_nl(info_ontvangen_op)} binnen, {na_info} weken daarna "
        "valt niet later dan de gewone termijn, dus die blijft gelden"
    )
    return _resultaat("pip_vaststellen", gewoon, hoofdregel, uitleg, aanvullend=(opschorting,), extra=extra_vrije_dagen)


def inburgeringstermijn(
    *,
    eerste_pip_dagtekening: dt.date,
    verlengingen_weken: Sequence[int] = (),
    verlengingen_maanden: Sequence[int] = (),
    peildatum: dt.date | None = None,
    extra_vrije_dagen: atw.ExtraDagen = None,
) -> Berekening:
    """The inburgeringstermijn: 3 years from the day after the dagtekening of the FIRST PIP, + verlengingen.

    Later PIPs never move it, so only the first PIP's dagtekening is taken. Verlengingen (DUO) are added to
    the unshifted end, months first, then weeks; the Atw shift is applied once, to the final end.
    """
    hoofdregel = regel("inburgeringstermijn", peildatum or eerste_pip_dagtekening)
    jaren = hoofdregel.parameters["jaren"]
    begin = eerste_pip_dagtekening + DAG
    einde = laatste_dag(begin, jaren=jaren)
    uitleg = (
        f"{jaren} jaar vanaf de dag na de dagtekening van het eerste PIP "
        f"({datum_nl(eerste_pip_dagtekening)}): van {datum_nl(begin)} tot en met {datum_nl(einde)}"
    )
    if any(w < 0 for w in verlengingen_weken) or any(m < 0 for m in verlengingen_maanden):
        raise ValueError("een verlenging kan niet negatief zijn")
    maanden, weken = sum(verlengingen_maanden), sum(verlengingen_weken)
    aanvullend: tuple[Regel, ...] = ()
    if maanden or weken:
        einde = einde + relativedelta(months=maanden) + dt.timedelta(weeks=weken)
        delen = [f"{maanden} maanden"] * bool(maanden) + [f"{weken} weken"] * bool(weken)
        uitleg += f"; verlengd door DUO met {' en '.join(delen)} tot en met {datum_nl(einde)}"
        aanvullend = (regel("verlenging_aanvraag", peildatum or eerste_pip_dagtekening),)
    return _resultaat(
        "inburgeringstermijn",
        einde,
        hoofdregel,
        uitleg,
        begindatum=begin,
        aanvullend=aanvullend,
        extra=extra_vrije_dagen,
    )


def schakel_deadline(
    *, termijn_start: dt.date, peildatum: dt.date | None = None, extra_vrije_dagen: atw.ExtraDagen = None
) -> Berekening:
    """The last day on which the leerroute may be switched: 18 months from the start of the termijn."""
    hoofdregel = regel("schakelen", peildatum or termijn_start)
    maanden = hoofdregel.parameters["maanden"]
    einde = laatste_dag(termijn_start, maanden=maanden)
    uitleg = (
        f"{maanden} maanden vanaf het begin van de inburgeringstermijn op {datum_nl(termijn_start)}: "
        f"tot en met {datum_nl(einde)}; van onderwijsroute naar B1-route mag altijd"
    )
    return _resultaat("schakelen", einde, hoofdregel, uitleg, begindatum=termijn_start, extra=extra_vrije_dagen)


def schakelen_toegestaan(
    *,
    termijn_start: dt.date,
    op: dt.date,
    van_route: str,
    naar_route: str,
    peildatum: dt.date | None = None,
    extra_vrije_dagen: atw.ExtraDagen = None,
) -> bool:
    """Whether a switch from one leerroute to another may still be made on ``op``."""
    for route in (van_route, naar_route):
        if route not in LEERROUTES:
            raise ValueError(f"onbekende leerroute {route!r}; kies uit {LEERROUTES}")
    if van_route == naar_route:
        raise ValueError("schakelen is naar een andere leerroute")
    berekening = schakel_deadline(termijn_start=termijn_start, peildatum=peildatum, extra_vrije_dagen=extra_vrije_dagen)
    if (van_route, naar_route) in berekening.regel.parameters["altijd_toegestaan"]:
        return True
    return op <= berekening.datum


def ontzorgen_einde(*, start: dt.date, peildatum: dt.date | None = None) -> Berekening:
    """The last day of ontzorgen: 6 months beginning on ``start`` (no Atw shift: not a term to act in)."""
    hoofdregel = regel("ontzorgen", peildatum or start)
    maanden = hoofdregel.parameters["maanden"]
    einde = laatste_dag(start, maanden=maanden)
    uitleg = f"{maanden} maanden ontzorgen vanaf {datum_nl(start)}: tot en met {datum_nl(einde)}"
    if hoofdregel.parameters["maatwerk"]:
        uitleg += " (sinds de wetswijziging van 2023 is maatwerk toegestaan)"
    return _resultaat("ontzorgen", einde, hoofdregel, uitleg, begindatum=start)


def pvt_deadline(
    *, termijn_einde: dt.date, maanden_voor_einde: int | None = None, peildatum: dt.date | None = None
) -> Berekening:
    """When the PVT should be done: no statutory deadline; by default the end of the termijn [?]."""
    return _voor_termijneinde("pvt", "het participatieverklaringstraject", termijn_einde, maanden_voor_einde, peildatum)


def map_deadline(
    *,
    termijn_einde: dt.date,
    leerroute: str | None = None,
    maanden_voor_einde: int | None = None,
    peildatum: dt.date | None = None,
) -> Berekening:
    """When the MAP should be done (B1- and Z-route only): by default the end of the termijn [?]."""
    if leerroute is not None:
        routes = regel("map", peildatum or termijn_einde).parameters["leerroutes"]
        if leerroute not in routes:
            raise ValueError(f"de MAP hoort alleen bij {', '.join(routes)}, niet bij {leerroute}")
    return _voor_termijneinde("map", "de MAP", termijn_einde, maanden_voor_einde, peildatum)


def voortgangsgesprekken(
    *, start: dt.date, tot: dt.date, interval_maanden: int | None = None, peildatum: dt.date | None = None
) -> list[dt.date]:
    """Planned voortgangsgesprekken after ``start`` up to and including ``tot``, every interval months [?].

    Each date is counted from ``start`` (start + k x interval), so month-end clipping does not accumulate:
    from 31 January every month gives 28/29 February, 31 March, 30 April, ... No Atw shift: planning dates.
    """
    hoofdregel = regel("voortgangsgesprek", peildatum or start)
    interval = _instelbaar(hoofdregel, "interval_maanden", interval_maanden)
    data = []
    k = 1
    while (volgende := start + relativedelta(months=k * interval)) <= tot:
        data.append(volgende)
        k += 1
    return data


def verlenging_aanvraag_vanaf(*, termijn_start: dt.date, peildatum: dt.date | None = None) -> Berekening:
    """The first day a verlenging may be requested from DUO: once the termijn has run 2.5 years."""
    hoofdregel = regel("verlenging_aanvraag", peildatum or termijn_start)
    maanden = hoofdregel.parameters["aanvragen_vanaf_maanden"]
    vanaf = laatste_dag(termijn_start, maanden=maanden) + DAG
    uitleg = (
        f"een verlenging kan bij DUO worden aangevraagd zodra de inburgeringstermijn (begonnen op "
        f"{datum_nl(termijn_start)}) {maanden} maanden loopt: vanaf {datum_nl(vanaf)}; DUO beslist binnen "
        f"{hoofdregel.parameters['beslistermijn_weken']} weken"
    )
    return _resultaat("verlenging_aanvraag", vanaf, hoofdregel, uitleg)


def bezwaar_deadline(
    *, dagtekening: dt.date, peildatum: dt.date | None = None, extra_vrije_dagen: atw.ExtraDagen = None
) -> Berekening:
    """The last day to object to a beschikking: 6 weeks after its bekendmaking (taken as its dagtekening)."""
    hoofdregel = regel("bezwaar", peildatum or dagtekening)
    weken = hoofdregel.parameters["weken"]
    einde = dagtekening + dt.timedelta(weeks=weken)
    uitleg = f"{weken} weken na de dagtekening van de beschikking op {datum_nl(dagtekening)}"
    return _resultaat("bezwaar", einde, hoofdregel, uitleg, extra=extra_vrije_dagen)


def _voor_termijneinde(
    soort: str, wat: str, termijn_einde: dt.date, maanden_voor_einde: int | None, peildatum: dt.date | None
) -> Berekening:
    hoofdregel = regel(soort, peildatum or termijn_einde)
    maanden = _instelbaar(hoofdregel, "maanden_voor_termijneinde", maanden_voor_einde, minimum=0)
    instelling = " (gemeentelijke instelling)" if maanden_voor_einde is not None else ""
    if maanden == 0:
        datum = termijn_einde
        uitleg = (
            f"geen wettelijke termijn voor {wat}; standaard uiterlijk aan het einde van de "
            f"inburgeringstermijn, {datum_nl(datum)}{instelling}"
        )
    else:
        datum = termijn_einde - relativedelta(months=maanden)
        uitleg = (
            f"geen wettelijke termijn voor {wat}; {maanden} maanden vóór het einde van de "
            f"inburgeringstermijn ({datum_nl(termijn_einde)}): {datum_nl(datum)}{instelling}"
        )
    return _resultaat(soort, datum, hoofdregel, uitleg)


def _instelbaar(hoofdregel: Regel, naam: str, waarde: int | None, *, minimum: int = 1) -> int:
    """A parameter's default, or a gemeente's value for it, which only [S] and [?] parameters allow."""
    if waarde is None:
        return hoofdregel.parameters[naam]
    instelbare_waarde(hoofdregel, naam, waarde)  # refuses a gemeente value for a legal [L] number
    if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < minimum:
        raise ValueError(f"{hoofdregel.sleutel}: {naam} moet een geheel getal ≥ {minimum} zijn, niet {waarde!r}")
    return waarde


def _resultaat(
    soort: str,
    datum: dt.date,
    hoofdregel: Regel,
    uitleg: str,
    *,
    opgeschort: bool = False,
    begindatum: dt.date | None = None,
    aanvullend: tuple[Regel, ...] = (),
    toevoeging: str = "",
    extra: atw.ExtraDagen = None,
) -> Berekening:
    """Apply the Atw shift when the rule says so, and finish the explanation."""
    verschoven = datum
    if hoofdregel.parameters.get("atw"):
        verschoven = atw.verschuif_atw(datum, extra)
        if verschoven != datum:
            artikelen = "art. 1 en art. 3 lid 2" if datum == atw.goede_vrijdag(datum.year) else "art. 1"
            uitleg += (
                f"; {datum_nl(datum)} valt op {atw.reden_vrije_dag(datum, extra)}, dus verschoven naar "
                f"{datum_nl(verschoven, met_weekdag=True)} (Algemene termijnenwet {artikelen})"
            )
            aanvullend = (*aanvullend, regel("atw", datum))
        elif datum_nl(datum) not in uitleg:
            uitleg += f": {datum_nl(datum, met_weekdag=True)}"
    uitleg = _zin(uitleg + toevoeging)
    return Berekening(
        soort=soort,
        datum=verschoven,
        oorspronkelijke_datum=datum,
        regel=hoofdregel,
        uitleg=uitleg,
        opgeschort=opgeschort,
        begindatum=begindatum,
        aanvullende_regels=aanvullend,
    )


def _zin(tekst: str) -> str:
    return tekst[0].upper() + tekst[1:] + ("" if tekst.endswith(".") else ".")
