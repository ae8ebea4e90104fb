"""The one import pipeline for COA and DUO: receive, validate every record, then apply all or nothing.

``ontvang_import`` stores the delivery and queues the background task; ``verwerk_import`` (the task) reads the file
with its versioned mapping, checks every record, and only when all are valid applies them in one transaction through
the domain services. A possible duplicate person waits for ``beslis_dubbel``; it is never merged silently.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Gemeente
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.selectors import mogelijke_dubbelen
from koers.utils.clock import nu

from . import permissions, toepassen
from .lezen import OnleesbaarBestand, lees
from .mappings import mapping as mapping_voor
from .models import Formaat, Import, ImportRecord
from .validatie import zet_om

logger = logging.getLogger(__name__)
R = ImportRecord.Status


def formaat_uit(bestandsnaam: str) -> str:
    """The format from a file name's extension (csv, xlsx, json)."""
    extensie = bestandsnaam.rsplit(".", 1)[-1].lower() if "." in bestandsnaam else ""
    if extensie not in Formaat.values:
        raise ValidationError(_("Kies een CSV-, XLSX- of JSON-bestand."), code="formaat")
    return extensie


@transaction.atomic
def ontvang_import(
    *,
    door,
    bron: str,
    formaat: str,
    mappingversie: str,
    inhoud: bytes,
    bestandsnaam: str = "",
    gemeente: Gemeente | None = None,
) -> Import:
    """Store a delivery and queue its processing (after commit). A beheerder's import is for the own gemeente."""
    if not permissions.mag_importeren(door, bron):
        raise PermissionDenied(_("U mag geen gegevens van deze bron aanleveren."))
    try:
        mapping_voor(bron, mappingversie)
    except LookupError:
        raise ValidationError({"mappingversie": _("Onbekende versie van de veldindeling.")}) from None
    if formaat not in Formaat.values:
        raise ValidationError({"bestand": _("Kies een CSV-, XLSX- of JSON-bestand.")})
    if not inhoud:
        raise ValidationError({"bestand": _("Het bestand is leeg.")})
    if door.gemeente_id is not None:
        gemeente = door.gemeente
    imp = Import.objects.create(
        bron=bron,
        formaat=formaat,
        mappingversie=mappingversie,
        gemeente=gemeente,
        geupload_door=door,
        bestandsnaam=bestandsnaam[:255],
        inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(),
    )
    from .tasks import verwerk_import_taak

    transaction.on_commit(lambda: verwerk_import_taak.delay(imp.pk))
    return imp


def verwerk_import(import_id: int) -> Import:
    """Validate every record, then apply all or nothing. Runs in the background task; safe to run twice."""
    imp = Import.objects.select_related("geupload_door", "gemeente").get(pk=import_id)
    if imp.status != Import.Status.ONTVANGEN:
        return imp
    _zet(imp, status=Import.Status.BEZIG)
    eerder = (
        Import.objects.filter(bron=imp.bron, sha256=imp.sha256, status=Import.Status.TOEGEPAST, gemeente=imp.gemeente)
        .exclude(pk=imp.pk)
        .first()
    )
    if eerder is not None:
        _zet(
            imp,
            status=Import.Status.TOEGEPAST,
            melding=_("Dit bestand is al verwerkt in import %s; er is niets gewijzigd.") % eerder.pk,
            aantal_ongewijzigd=eerder.totaal,
            totaal=eerder.totaal,
            verwerkt=eerder.totaal,
            gevalideerd_op=nu(),
            toegepast_op=nu(),
        )
        return imp
    mapping = mapping_voor(imp.bron, imp.mappingversie)
    try:
        regels = lees(bytes(imp.inhoud), formaat=imp.formaat, mapping=mapping)
    except OnleesbaarBestand as exc:
        _zet(imp, status=Import.Status.AFGEWEZEN, melding=str(exc), gevalideerd_op=nu())
        return imp
    records = []
    for regel, ruw in regels:
        gegevens, fouten = zet_om(mapping, ruw)
        records.append(
            ImportRecord(
                aanlevering=imp,
                regel=regel,
                bsn=gegevens.get("bsn") or "",
                v_nummer=gegevens.get("v_nummer") or "",
                gemeentecode=gegevens.get("gemeentecode") or "",
                signaal_id=gegevens.get("signaal_id") or "",
                soort=gegevens.get("soort") or "",
                gegevens=gegevens,
                status=R.AFGEWEZEN if fouten else R.GELDIG,
                reden=" ".join(fouten),
            )
        )
    _zet(imp, totaal=len(records), verwerkt=0)
    _controleer_context(imp, records)
    ImportRecord.objects.bulk_create(records, batch_size=1000)
    _tel(imp, records)
    if imp.aantal_afgewezen or not records:
        ImportRecord.objects.filter(aanlevering=imp, status=R.GELDIG).update(status=R.NIET_TOEGEPAST)
        melding = (
            _("Het bestand bevat geen records.")
            if not records
            else _("%(aantal)s van %(totaal)s records afgewezen; er is niets toegepast.")
            % {"aantal": imp.aantal_afgewezen, "totaal": imp.totaal}
        )
        _zet(imp, status=Import.Status.AFGEWEZEN, melding=melding, gevalideerd_op=nu(), verwerkt=imp.totaal)
        return imp
    _zet(imp, status=Import.Status.GEVALIDEERD, gevalideerd_op=nu(), verwerkt=0)
    return _pas_toe(imp, records)


def _pas_toe(imp: Import, records: list[ImportRecord]) -> Import:
    """Apply every valid record in one transaction; any refusal by a domain service rolls the whole file back."""
    context = toepassen.Context(imp)
    weigeringen: dict[int, str] = {}
    bekend = {r.pk: r.inburgeraar for r in records}  # persons found before applying (rows that survive a rollback)
    try:
        with transaction.atomic():
            for nummer, record in enumerate(records, start=1):
                if record.status == R.GELDIG:
                    try:
                        with transaction.atomic():
                            toepassen.pas_toe(context, record)
                    except (ValidationError, PermissionDenied) as exc:
                        weigeringen[record.pk] = " ".join(getattr(exc, "messages", None) or [str(exc)])
                if nummer % settings.KOPPELVLAKKEN_VOORTGANG_PER == 0:
                    _meld_voortgang_buiten_transactie(imp.pk, nummer)
            if weigeringen:
                raise _Terugdraaien
            ImportRecord.objects.bulk_update(
                records, ["status", "reden", "inburgeraar", "dossier", "resultaat", "kandidaten"], batch_size=1000
            )
            _tel(imp, records)
            _zet(
                imp, status=Import.Status.TOEGEPAST, verwerkt=imp.totaal, toegepast_op=nu(), melding=_samenvatting(imp)
            )
    except _Terugdraaien:
        for record in records:
            record.inburgeraar, record.dossier, record.resultaat = bekend[record.pk], None, {}
            if record.pk in weigeringen:
                record.status, record.reden = R.AFGEWEZEN, weigeringen[record.pk]
            elif record.status != R.AFGEWEZEN:
                record.status = R.NIET_TOEGEPAST
        ImportRecord.objects.bulk_update(records, ["status", "reden", "inburgeraar", "dossier", "resultaat"], 1000)
        _tel(imp, records)
        _zet(
            imp,
            status=Import.Status.AFGEWEZEN,
            verwerkt=imp.totaal,
            melding=_("%(aantal)s records konden niet worden toegepast; er is niets toegepast.")
            % {"aantal": len(weigeringen)},
        )
    except Exception:
        logger.exception("import %s mislukt", imp.pk)
        imp.refresh_from_db()
        ImportRecord.objects.filter(aanlevering=imp, status=R.GELDIG).update(status=R.NIET_TOEGEPAST)
        _zet(imp, status=Import.Status.MISLUKT, melding=_("Er ging iets mis bij het toepassen; er is niets toegepast."))
    return imp


class _Terugdraaien(Exception):
    """Raised inside the transaction to undo every record when one of them was refused."""


def _samenvatting(imp: Import) -> str:
    tekst = _("%(toegepast)s toegepast, %(ongewijzigd)s ongewijzigd.") % {
        "toegepast": imp.aantal_toegepast,
        "ongewijzigd": imp.aantal_ongewijzigd,
    }
    if imp.aantal_dubbel:
        tekst += " " + _("%s records wachten op een besluit over een mogelijk dubbele persoon.") % imp.aantal_dubbel
    return tekst


def _controleer_context(imp: Import, records: list[ImportRecord]) -> None:
    """The checks that need the database, in bulk: gemeente and scope, person, dossier, earlier signals."""
    door = imp.geupload_door
    codes = {r.gemeentecode for r in records if r.gemeentecode}
    gemeenten = {g.gemeentecode: g for g in Gemeente.objects.filter(gemeentecode__in=codes)}
    personen = _personen(records)
    signalen = _eerdere_signalen(imp, records)
    nieuw_in_bestand: dict[str, int] = {}  # person key → line of the record that creates the person
    dubbel_in_bestand: dict[str, int] = {}
    gezien_signalen: set[str] = set()
    eerder_in_bestand: dict[str, ImportRecord] = {}
    for nummer, record in enumerate(records, start=1):
        if nummer % settings.KOPPELVLAKKEN_VOORTGANG_PER == 0:
            _zet(imp, verwerkt=nummer)
        if record.signaal_id:
            eerder_in_bestand.setdefault(record.signaal_id, record)
        if record.status != R.GELDIG:
            continue
        fouten = []
        gemeente = gemeenten.get(record.gemeentecode)
        if gemeente is None:
            fouten.append(_("Gemeentecode %s is niet bekend in Koers.") % record.gemeentecode)
        elif not permissions.mag_gemeente_aanleveren(door, gemeente) or (
            imp.gemeente_id is not None and gemeente.pk != imp.gemeente_id
        ):
            fouten.append(
                _("Gemeente %s valt buiten uw bevoegdheid: u levert alleen voor uw eigen gemeente aan.") % gemeente
            )
        if record.signaal_id:
            if record.signaal_id in gezien_signalen:
                fouten.append(_("Signaalnummer %s staat meer dan eens in het bestand.") % record.signaal_id)
            gezien_signalen.add(record.signaal_id)
        sleutel = _sleutel(record)
        persoon = personen.get(("bsn", record.bsn)) or personen.get(("v", record.v_nummer))
        if persoon is not None:
            record.inburgeraar = persoon
        g = record.gegevens
        maakt_persoon = imp.bron == "coa" or (g.get("soort") == "inburgeringsplicht" and not g.get("corrigeert"))
        if record.signaal_id and record.signaal_id in signalen:
            record.status, record.reden = R.ONGEWIJZIGD, _("Signaal %s is al eerder verwerkt.") % record.signaal_id
            continue
        if imp.bron == "duo":
            fouten += toepassen.controleer_duo(g, signalen, eerder_in_bestand, regel=record.regel)
        if persoon is None and sleutel in dubbel_in_bestand:
            record.status = R.MOGELIJK_DUBBEL
            record.reden = (
                _("Wacht op het besluit over regel %s (mogelijk dubbele persoon).") % dubbel_in_bestand[sleutel]
            )
        elif persoon is None and sleutel not in nieuw_in_bestand:
            if not maakt_persoon:
                fouten.append(
                    _(
                        "De persoon is niet bekend in Koers; eerst is een signaal inburgeringsplicht of een "
                        "informatieprofiel van het COA nodig."
                    )
                )
            else:
                ontbreekt = [k for k in ("voornamen", "achternaam", "geboortedatum", "nationaliteit") if not g.get(k)]
                if imp.bron == "duo" and not g.get("doelgroep"):
                    ontbreekt.append("doelgroep")
                if ontbreekt:
                    fouten.append(_("Voor een nieuwe persoon zijn nodig: %s.") % ", ".join(ontbreekt))
                elif not fouten:
                    kandidaten = list(
                        mogelijke_dubbelen(achternaam=g["achternaam"], geboortedatum=g["geboortedatum"]).values_list(
                            "pk", flat=True
                        )[:10]
                    )
                    if kandidaten:
                        record.status, record.kandidaten = R.MOGELIJK_DUBBEL, kandidaten
                        record.reden = _("Lijkt op een bekende persoon (zelfde achternaam en geboortedatum).")
                        dubbel_in_bestand[sleutel] = record.regel
                    else:
                        nieuw_in_bestand[sleutel] = record.regel
        if fouten:
            record.status, record.reden = R.AFGEWEZEN, " ".join(fouten)


def _sleutel(record: ImportRecord) -> str:
    return f"bsn:{record.bsn}" if record.bsn else f"v:{record.v_nummer}"


def _personen(records: list[ImportRecord]) -> dict[tuple[str, str], Inburgeraar]:
    """Known persons by BSN and by v-nummer, a query per thousand keys."""
    bsns = sorted({r.bsn for r in records if r.bsn})
    v_nummers = sorted({r.v_nummer for r in records if r.v_nummer})
    gevonden: dict[tuple[str, str], Inburgeraar] = {}
    for i in range(0, len(bsns), 1000):
        for p in Inburgeraar.objects.filter(bsn__in=bsns[i : i + 1000], samengevoegd_in__isnull=True):
            gevonden[("bsn", p.bsn)] = p
    for i in range(0, len(v_nummers), 1000):
        for p in Inburgeraar.objects.filter(v_nummer__in=v_nummers[i : i + 1000], samengevoegd_in__isnull=True):
            gevonden[("v", p.v_nummer)] = p
    return gevonden


def _eerdere_signalen(imp: Import, records: list[ImportRecord]) -> dict[str, ImportRecord]:
    """Signals of earlier imports of this source that were applied, by signal number (also the corrected ones)."""
    nummers = {r.signaal_id for r in records if r.signaal_id} | {
        r.gegevens.get("corrigeert") for r in records if r.gegevens.get("corrigeert")
    }
    eerder: dict[str, ImportRecord] = {}
    nummers_lijst = sorted(nummers)
    for i in range(0, len(nummers_lijst), 1000):
        for r in ImportRecord.objects.filter(
            signaal_id__in=nummers_lijst[i : i + 1000],
            status__in=[R.TOEGEPAST, R.ONGEWIJZIGD],
            aanlevering__bron=imp.bron,
        ).exclude(aanlevering=imp):
            eerder.setdefault(r.signaal_id, r)
    return eerder


def _tel(imp: Import, records: list[ImportRecord]) -> None:
    imp.aantal_toegepast = sum(r.status == R.TOEGEPAST for r in records)
    imp.aantal_ongewijzigd = sum(r.status == R.ONGEWIJZIGD for r in records)
    imp.aantal_afgewezen = sum(r.status == R.AFGEWEZEN for r in records)
    imp.aantal_dubbel = sum(r.status == R.MOGELIJK_DUBBEL for r in records)
    _zet(imp)


def _zet(imp: Import, **velden) -> None:
    for naam, waarde in velden.items():
        setattr(imp, naam, waarde)
    imp.save(
        update_fields=[
            "status",
            "melding",
            "totaal",
            "verwerkt",
            "aantal_toegepast",
            "aantal_ongewijzigd",
            "aantal_afgewezen",
            "aantal_dubbel",
            "gevalideerd_op",
            "toegepast_op",
        ]
    )


def _meld_voortgang_buiten_transactie(import_id: int, verwerkt: int) -> None:
    """Progress while applying is inside one transaction, invisible to the page; on PostgreSQL a separate
    autocommit connection writes it. The applying transaction never touches the import row before its end, so
    this write cannot wait on it. SQLite (demo, tests) shows the progress when the transaction ends."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return
    verbinding = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with verbinding.cursor() as cursor:
            cursor.execute("SET lock_timeout = '500ms'")
            cursor.execute(
                "UPDATE koppelvlakken_import SET verwerkt = %s WHERE id = %s AND verwerkt < %s",
                [verwerkt, import_id, verwerkt],
            )
    except Exception:  # progress is a courtesy: never let it break an import
        logger.warning("voortgang van import %s niet bijgewerkt", import_id, exc_info=True)
    finally:
        verbinding.close()


@transaction.atomic
def beslis_dubbel(record: ImportRecord, *, door, inburgeraar: Inburgeraar | None) -> list[ImportRecord]:
    """Decide on a possible duplicate: link the record to ``inburgeraar`` (one of its candidates) or create a new
    person (``None``); then apply it and the records of the same person waiting on it."""
    imp = Import.objects.select_related("geupload_door", "gemeente").get(pk=record.aanlevering_id)
    if not permissions.mag_import_zien(door, imp) or not permissions.mag_importeren(door, imp.bron):
        raise PermissionDenied(_("U mag over deze import niet beslissen."))
    record = ImportRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != R.MOGELIJK_DUBBEL or not record.kandidaten:
        raise ValidationError(_("Over dit record is al beslist."), code="al_beslist")
    if inburgeraar is not None and inburgeraar.pk not in record.kandidaten:
        raise ValidationError(_("Kies een van de voorgestelde personen."), code="kandidaat")
    wachtend = [
        r
        for r in ImportRecord.objects.filter(aanlevering=imp, status=R.MOGELIJK_DUBBEL, regel__gt=record.regel)
        if _sleutel(r) == _sleutel(record) and not r.kandidaten
    ]
    context = toepassen.Context(imp, beslist_door=door)
    record.inburgeraar = inburgeraar
    toepassen.pas_toe(context, record, nieuw_toegestaan=inburgeraar is None)
    record.reden = (
        _("Gekoppeld aan bekende persoon %s na besluit.") % inburgeraar.pk
        if inburgeraar
        else _("Nieuwe persoon aangemaakt na besluit.")
    )
    for r in wachtend:
        r.inburgeraar = record.inburgeraar
        toepassen.pas_toe(context, r)
    bijgewerkt = [record, *wachtend]
    ImportRecord.objects.bulk_update(bijgewerkt, ["status", "reden", "inburgeraar", "dossier", "resultaat"])
    imp.aantal_dubbel = ImportRecord.objects.filter(aanlevering=imp, status=R.MOGELIJK_DUBBEL).count()
    imp.aantal_toegepast = ImportRecord.objects.filter(aanlevering=imp, status=R.TOEGEPAST).count()
    imp.aantal_ongewijzigd = ImportRecord.objects.filter(aanlevering=imp, status=R.ONGEWIJZIGD).count()
    imp.melding = _samenvatting(imp)
    imp.save(update_fields=["aantal_dubbel", "aantal_toegepast", "aantal_ongewijzigd", "melding"])
    return bijgewerkt


def dossier_in(inburgeraar_id: int, gemeente_id: int) -> Dossier | None:
    return Dossier.objects.filter(inburgeraar_id=inburgeraar_id, gemeente_id=gemeente_id).first()
