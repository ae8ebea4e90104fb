"""Ship version 1 of the brede-intake questionnaire: every area of life, health questions flagged."""

import datetime as dt

from django.db import migrations

JA_NEE = "ja_nee"
OPLEIDING = [
    ["geen", "Geen onderwijs"],
    ["basis", "Basisonderwijs"],
    ["voortgezet", "Voortgezet onderwijs"],
    ["mbo", "Middelbaar beroepsonderwijs (mbo)"],
    ["hbo_wo", "Hoger onderwijs (hbo of wo)"],
]
GELETTERDHEID = [
    ["gealfabetiseerd_latijns", "Gealfabetiseerd in het Latijnse schrift"],
    ["gealfabetiseerd_ander_schrift", "Gealfabetiseerd in een ander schrift"],
    ["niet_gealfabetiseerd", "Niet gealfabetiseerd"],
]
NIVEAU = [["geen", "Geen"], ["basis", "Basis"], ["redelijk", "Redelijk"], ["goed", "Goed"]]

# (code, levensgebied, tekst, hulptekst, antwoordtype, keuzes, verplicht, is_gezondheid)
VRAGEN = [
    ("opleiding_hoogste_niveau", "opleiding_werk", "Wat is de hoogst afgeronde of gevolgde opleiding in het land van herkomst?",
     "Wettelijk onderdeel van de brede intake (Wet inburgering 2021, art. 14). Telt mee in het routeadvies.", "keuze", OPLEIDING, True, False),
    ("opleiding_jaren", "opleiding_werk", "Hoeveel jaar onderwijs heeft de inburgeraar in totaal gevolgd?", "", "getal", [], False, False),
    ("opleiding_diploma", "opleiding_werk", "Welke diploma's of certificaten heeft de inburgeraar, en zijn die gewaardeerd (IDW)?", "", "tekst", [], False, False),
    ("werk_ervaring", "opleiding_werk", "Welke werkervaring heeft de inburgeraar in het land van herkomst of onderweg?",
     "Beroep, sector en hoe lang. Wettelijk onderdeel van de brede intake.", "tekst", [], True, False),
    ("werk_jaren", "opleiding_werk", "Hoeveel jaar werkervaring heeft de inburgeraar?", "", "getal", [], False, False),
    ("taal_moedertaal", "taal", "Wat is de moedertaal, en welke andere talen spreekt de inburgeraar?", "", "tekst", [], True, False),
    ("taal_geletterdheid", "taal", "Kan de inburgeraar lezen en schrijven, en in welk schrift?",
     "Telt mee in het routeadvies.", "keuze", GELETTERDHEID, True, False),
    ("taal_nederlands", "taal", "Hoe goed spreekt en begrijpt de inburgeraar al Nederlands?", "", "keuze",
     [["geen", "Nog geen Nederlands"], ["a1", "Ongeveer A1"], ["a2", "Ongeveer A2"], ["b1", "B1 of hoger"]], False, False),
    ("taal_nt2_of_a2", "taal", "Heeft de inburgeraar een NT2-certificaat of een bewijs van ten minste A2?",
     "Kan leiden tot gedeeltelijke vrijstelling (art. 4). Telt mee in het routeadvies.", JA_NEE, [], False, False),
    ("gezondheid_lichamelijk", "gezondheid", "Zijn er lichamelijke klachten of beperkingen die van invloed zijn op de inburgering?",
     "Bijzonder persoonsgegeven: alleen zichtbaar voor de eigen klantmanager en de teamleider.", "tekst", [], True, True),
    ("gezondheid_psychisch", "gezondheid", "Zijn er psychische klachten, bijvoorbeeld door ervaringen tijdens de vlucht?",
     "Bijzonder persoonsgegeven. Noteer alleen wat nodig is voor het plan.", "tekst", [], True, True),
    ("gezondheid_beperkt_leren", "gezondheid", "Beperkt de gezondheid het leervermogen of het volgen van lessen?",
     "Telt mee in het routeadvies als aanwijzing voor een lage leerbaarheid.", JA_NEE, [], True, True),
    ("gezondheid_zien_horen", "gezondheid", "Heeft de inburgeraar een visuele of auditieve beperking?",
     "Kan reden zijn voor dispensatie van de leerbaarheidstoets.", JA_NEE, [], False, True),
    ("gezondheid_zorg", "gezondheid", "Is de inburgeraar onder behandeling of is er zorg nodig (huisarts, GGZ, specialist)?", "", "tekst", [], False, True),
    ("persoonlijk_omstandigheden", "gezondheid", "Zijn er andere persoonlijke omstandigheden om rekening mee te houden?",
     "Bijvoorbeeld mantelzorg, zwangerschap of zorgen om familie in het land van herkomst.", "tekst", [], True, False),
    ("digitaal_apparaat", "digitaal", "Heeft de inburgeraar een smartphone, tablet of computer?", "", JA_NEE, [], True, False),
    ("digitaal_vaardigheid", "digitaal", "Hoe goed kan de inburgeraar met de computer en internet omgaan?",
     "Bijvoorbeeld e-mail, DigiD en online formulieren.", "keuze", NIVEAU, True, False),
    ("digitaal_digid", "digitaal", "Heeft de inburgeraar een DigiD?", "", JA_NEE, [], False, False),
    ("financien_inkomen", "financien", "Wat is de bron van inkomen?", "", "keuze",
     [["bijstand", "Bijstandsuitkering"], ["werk", "Inkomen uit werk"], ["partner", "Inkomen van de partner"], ["geen", "Geen inkomen"], ["anders", "Anders"]], True, False),
    ("financien_schulden", "financien", "Heeft de inburgeraar schulden of betalingsachterstanden?", "", JA_NEE, [], True, False),
    ("financien_toelichting", "financien", "Toelichting op financiën en eventuele hulp bij geldzaken", "", "tekst", [], False, False),
    ("wonen_situatie", "wonen", "Wat is de huidige woonsituatie?", "", "keuze",
     [["azc", "Nog in het AZC"], ["huurwoning", "Eigen huurwoning"], ["tijdelijk", "Tijdelijke woonruimte"], ["bij_familie", "Bij familie of vrienden"], ["anders", "Anders"]], True, False),
    ("wonen_toelichting", "wonen", "Zijn er zorgen over de woning of de woonomgeving?", "", "tekst", [], False, False),
    ("gezin_samenstelling", "gezin", "Hoe is het gezin samengesteld, en is de partner ook inburgeringsplichtig?",
     "Bied de partner een apart gesprek aan, zonder dat de ander erbij is.", "tekst", [], True, False),
    ("gezin_kinderen_opvang", "gezin", "Is er kinderopvang nodig om lessen te kunnen volgen?", "", JA_NEE, [], False, False),
    ("gezin_vve", "gezin", "Gaan jonge kinderen (2 tot 4 jaar) naar de voorschool (VVE), of is dat nodig?", "", "tekst", [], False, False),
    ("netwerk_contacten", "netwerk", "Welke contacten heeft de inburgeraar in Nederland (familie, buren, vrijwilligers)?", "", "tekst", [], True, False),
    ("netwerk_activiteiten", "netwerk", "Neemt de inburgeraar deel aan activiteiten in de buurt, sport, vrijwilligerswerk of een geloofsgemeenschap?", "", "tekst", [], False, False),
    ("ambitie_hoofddoel", "ambities", "Wat is het belangrijkste doel voor de komende jaren?",
     "Het hoofddoel (GGM). Telt mee in het routeadvies.", "keuze",
     [["werk", "Werk"], ["onderwijs", "Onderwijs"], ["participatie", "Participatie"]], True, False),
    ("ambitie_werkwens", "ambities", "Welk werk of welke opleiding wil de inburgeraar graag doen?", "", "tekst", [], True, False),
    ("ambitie_motivatie", "ambities", "Hoe gemotiveerd is de inburgeraar om Nederlands te leren, en wat helpt daarbij?", "", "tekst", [], True, False),
    ("ambitie_beschikbaarheid", "ambities", "Hoeveel dagdelen per week kan de inburgeraar aan lessen en activiteiten besteden?", "", "getal", [], False, False),
]


def maak_versie_1(apps, schema_editor):
    Vragenlijst = apps.get_model("intake", "Vragenlijst")
    Vraag = apps.get_model("intake", "Vraag")
    lijst = Vragenlijst.objects.create(
        nummer=1,
        geldig_vanaf=dt.date(2022, 1, 1),
        status="actief",
        toelichting="Eerste versie: wettelijk minimum (art. 14) en alle gangbare levensgebieden.",
    )
    Vraag.objects.bulk_create(
        Vraag(
            vragenlijst=lijst,
            code=code,
            levensgebied=gebied,
            tekst=tekst,
            hulptekst=hulp,
            antwoordtype=soort,
            keuzes=keuzes,
            verplicht=verplicht,
            is_gezondheid=gezondheid,
            volgorde=(i + 1) * 10,
        )
        for i, (code, gebied, tekst, hulp, soort, keuzes, verplicht, gezondheid) in enumerate(VRAGEN)
    )


def verwijder_versie_1(apps, schema_editor):
    apps.get_model("intake", "Vragenlijst").objects.filter(nummer=1).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_brede_intake")]
    operations = [migrations.RunPython(maak_versie_1, verwijder_versie_1)]
