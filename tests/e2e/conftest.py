"""Browser tests: Playwright for Python driving Debian's Chromium against a live Koers server.

Every test in tests/e2e is marked ``e2e`` automatically (add ``pytestmark = pytest.mark.e2e`` anyway). Run them with
``make e2e`` or ``DATABASE_URL=postgres://… .venv/bin/pytest tests/e2e -m e2e -q [-n 2]``.

Fixtures and helpers (import helpers with ``from tests.e2e.conftest import …``):

``live_server``
    pytest-django's live server (a thread in the test process; static files served by StaticFilesHandler). Using it,
    or any fixture below that needs it, puts the test on ``transactional_db``: data made in the test is committed and
    visible to the server, and flushed afterwards; rows made by data migrations are restored for every test
    (serialized rollback). Each xdist worker has its own database and port.
``browser`` (session)
    Headless Chromium from /usr/bin/chromium. ``context``/``page``: fresh per test, 1280x900, locale nl-NL.
``demo_wereld``
    A small, known world made with tests/factories.py and the real services (see ``DemoWereld``): gemeente Tilburg
    (``km.tilburg``, ``km2.tilburg``, ``tl.tilburg``, ``fb.tilburg``, ``bm.tilburg``), gemeente Winterswijk
    (``km.winterswijk``), regio Hart van Brabant (``rc.hartvanbrabant``), ketenpartner Taalschool De Brug
    (``kp.debrug``, keurmerk) and the dossiers of Amina Haddad (partner Yusuf, child Lina, timeline), Yusuf Haddad,
    Tesfay Gebremedhin (shared with De Brug), Noor Rahimi (Tilburg, of km2.tilburg) and Olena Kovalenko (Winterswijk).
    Every user has password ``WACHTWOORD`` and a TOTP device keyed ``demo_totp_sleutel(username)``.
``inloggen(page, username)``
    Logs in through /inloggen/ with password and the current TOTP code, asserts it landed on the caseload.
``km_page``, ``tl_page``, ``kp_page``, ``km_winterswijk_page``, ``page_als(username)``
    A page already logged in as that user (``page_als`` is a factory for any demo_wereld user).
``axe`` / ``controleer_axe(page, context="")``
    Injects tests/e2e/vendor/axe.min.js and fails with a readable list of WCAG 2.1 A/AA violations.
``htmx_swap(page)``
    Context manager: ``with htmx_swap(page): page.click(...)`` waits for ``htmx:afterSettle`` (then call axe).
``screenshot(page, name)``
    Full-page PNG into test-artifacts/screenshots/<name>.png (not committed).
``geen_horizontale_scroll(page, breedte=360)`` / ``controleer_reflow(page)``
    Resize and assert the page does not scroll sideways. ``controleer_reflow`` checks 360x740 and "200 % zoom".
    200 % zoom of a 1280x900 window is modelled as a 640x450 CSS-pixel viewport: browser zoom halves the CSS viewport
    (and doubles devicePixelRatio, which changes only pixel density, not layout), so media queries and line breaks are
    exactly those of real 200 % zoom. Data tables may scroll inside their own ``.koers-table-wrapper`` (WCAG 1.4.10
    allows two-dimensional tables to scroll); the page itself may not.
``vul_in_met_toetsenbord(page, {"name": "typed text", …}, verzenden=True)``
    Tabs from the top (or from an autofocused field) and types into the named fields: dates as ISO "1994-02-20",
    selects by typeahead, radios by arrow keys to the label, checkboxes by Space when the value is True. Asserts a
    visible focus indicator at every stop and sends the form with Enter on its submit button.
``klok``
    Moves the clock of the test *and* the live server (same process): ``klok.zet("2027-03-01 09:00")``. Sessions are
    made long-lived while it is used, so a logged-in page survives a jump forward.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in this thread; Django's ORM calls from the test are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KOERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
REPO = Path(__file__).resolve().parents[2]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WACHTWOORD = "Koers-test-2026!"
TIMEOUT_MS = 10_000


def pytest_configure(config):
    # whitenoise looks for STATIC_ROOT, which tests do not build; the live server serves static files from the finders.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def pytest_collection_modifyitems(config, items):
    e2e_map = Path(__file__).parent
    for item in items:
        if e2e_map in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _migratiedata_blijft(live_server, django_db_serialized_rollback):
    """Every e2e test is transactional (the live server must see its data), and the flush after a test would also
    wipe the rows that data migrations made (e.g. the intake questionnaire). Serialized rollback puts them back."""


# --------------------------------------------------------------------------------------------------- browser


_PLAYWRIGHT: list = []


def pytest_collection_finish(session):
    """Start Playwright before any fixture runs when e2e tests were selected.

    Starting the sync API moves the test code into another greenlet with its own contextvars, so Django hands out
    new connection objects afterwards. Started first, the test database is set up in that same context and keeps the
    serialized migration data that ``_migratiedata_blijft`` restores.
    """
    e2e_map = Path(__file__).parent
    if any(e2e_map in Path(str(item.fspath)).parents for item in session.items) and not _PLAYWRIGHT:
        from playwright.sync_api import sync_playwright

        _PLAYWRIGHT.append(sync_playwright().start())


def pytest_sessionfinish(session):
    while _PLAYWRIGHT:
        _PLAYWRIGHT.pop().stop()


@pytest.fixture(scope="session")
def _playwright():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: draai bin/ensure-chromium (of make e2e).")
    if not _PLAYWRIGHT:
        from playwright.sync_api import sync_playwright

        _PLAYWRIGHT.append(sync_playwright().start())
    return _PLAYWRIGHT[0]


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(TIMEOUT_MS)
    schendingen = bewaak_csp(context)
    yield context
    context.close()
    assert not schendingen, f"Content-Security-Policy geschonden: {schendingen}"


def bewaak_csp(ctx) -> list[str]:
    """Collect every Content-Security-Policy violation the browser reports in this context (the test fails on any)."""
    schendingen: list[str] = []

    def _console(bericht):
        if "Content Security Policy" in bericht.text:
            schendingen.append(bericht.text)

    ctx.on("console", _console)
    return schendingen


@pytest.fixture
def page(context):
    return context.new_page()


# --------------------------------------------------------------------------------------------------- data


@dataclass
class DemoWereld:
    """What ``demo_wereld`` made; look people and users up by short key."""

    gemeente: object
    andere_gemeente: object
    regio: object
    ketenpartner: object
    gebruikers: dict[str, object] = field(default_factory=dict)
    dossiers: dict[str, object] = field(default_factory=dict)

    def dossier(self, sleutel: str):
        return self.dossiers[sleutel]

    def persoon(self, sleutel: str):
        return self.dossiers[sleutel].inburgeraar


# Known numbers (elfproef-valid BSNs, ten-digit v-nummers) so tests can search for them.
AMINA = {"voornamen": "Amina", "achternaam": "Haddad", "bsn": "111222333", "v_nummer": "2601000011"}
YUSUF = {"voornamen": "Yusuf", "achternaam": "Haddad", "bsn": "123456782", "v_nummer": "2601000022"}
TESFAY = {"voornamen": "Tesfay", "achternaam": "Gebremedhin", "bsn": "", "v_nummer": "2601000033"}
NOOR = {"voornamen": "Noor", "achternaam": "Rahimi", "bsn": "999996356", "v_nummer": "2601000044"}
OLENA = {"voornamen": "Olena", "achternaam": "Kovalenko", "bsn": "987654305", "v_nummer": "2601000055"}
KIND_NAAM = "Lina Haddad"


def _gebruiker(username: str, rol: str, voornaam: str, achternaam: str, **organisatie):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from koers.demo.seed import demo_totp_sleutel
    from tests.factories import GebruikerFactory

    gebruiker = GebruikerFactory(
        username=username,
        rol=rol,
        first_name=voornaam,
        last_name=achternaam,
        password=WACHTWOORD,
        is_staff=rol == "functioneel_beheerder",
        **organisatie,
    )
    TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", key=demo_totp_sleutel(username), confirmed=True)
    return gebruiker


def _registreer(door, persoon: dict, **extra):
    from koers.dossiers.services import registreer_inburgeraar

    gegevens = {
        "geboortedatum": dt.date(1991, 3, 14),
        "geslacht": "V",
        "nationaliteit": "Syrisch",
        "talen": "Arabisch",
        "doelgroep": "asielstatushouder",
        **persoon,
        **extra,
    }
    return registreer_inburgeraar(door=door, aangemeld_op=dt.date(2026, 1, 12), **gegevens)


@pytest.fixture
def demo_wereld(transactional_db) -> DemoWereld:
    from koers.dossiers.services import deel_met_ketenpartner, log_gebeurtenis, wijzig_status
    from koers.inburgeraars.services import voeg_gezinslid_toe
    from tests.factories import GemeenteFactory, KetenpartnerFactory, RegioFactory

    tilburg = GemeenteFactory(naam="Tilburg", gemeentecode="0855")
    winterswijk = GemeenteFactory(naam="Winterswijk", gemeentecode="0294")
    regio = RegioFactory(naam="Regio Hart van Brabant")
    regio.gemeenten.add(tilburg)
    debrug = KetenpartnerFactory(
        naam="Taalschool De Brug",
        keurmerk=True,
        keurmerk_nummer="BOW-INB-1042",
        keurmerk_geldig_tot=dt.date(2028, 12, 31),
    )
    wereld = DemoWereld(gemeente=tilburg, andere_gemeente=winterswijk, regio=regio, ketenpartner=debrug)
    g = wereld.gebruikers
    g["km.tilburg"] = _gebruiker("km.tilburg", "klantmanager", "Sanne", "de Vries", gemeente=tilburg)
    g["km2.tilburg"] = _gebruiker("km2.tilburg", "klantmanager", "Mehmet", "Yilmaz", gemeente=tilburg)
    g["tl.tilburg"] = _gebruiker("tl.tilburg", "teamleider", "Eva", "Bakker", gemeente=tilburg)
    g["fb.tilburg"] = _gebruiker("fb.tilburg", "functioneel_beheerder", "Joris", "Mulder", gemeente=tilburg)
    g["bm.tilburg"] = _gebruiker("bm.tilburg", "beleidsmedewerker", "Fatima", "El Amrani", gemeente=tilburg)
    g["km.winterswijk"] = _gebruiker("km.winterswijk", "klantmanager", "Henk", "Wolters", gemeente=winterswijk)
    g["rc.hartvanbrabant"] = _gebruiker("rc.hartvanbrabant", "regiocoordinator", "Lotte", "Peters", regio=regio)
    g["kp.debrug"] = _gebruiker("kp.debrug", "ketenpartner_medewerker", "Jeroen", "Wouters", ketenpartner=debrug)

    km, tl = g["km.tilburg"], g["tl.tilburg"]
    amina = _registreer(km, AMINA, telefoon="0612345678", adres="Piusstraat 12, Tilburg")
    yusuf = _registreer(km, YUSUF, geslacht="M", geboortedatum=dt.date(1988, 7, 2))
    tesfay = _registreer(
        km, TESFAY, geslacht="M", nationaliteit="Eritrees", talen="Tigrinya", geboortedatum=dt.date(1996, 11, 30)
    )
    noor = _registreer(
        tl, NOOR, klantmanager=g["km2.tilburg"], nationaliteit="Afghaans", talen="Dari", doelgroep="gezinsmigrant"
    )
    olena = _registreer(
        g["km.winterswijk"], OLENA, nationaliteit="Oekraïens", talen="Oekraïens", doelgroep="overige_migrant"
    )
    voeg_gezinslid_toe(
        inburgeraar=amina.inburgeraar,
        door=km,
        soort="partner",
        naam="Yusuf Haddad",
        gerelateerde=yusuf.inburgeraar,
        geboortedatum=dt.date(1988, 7, 2),
    )
    voeg_gezinslid_toe(
        inburgeraar=amina.inburgeraar, door=km, soort="kind", naam=KIND_NAAM, geboortedatum=dt.date(2016, 4, 9)
    )
    amina = wijzig_status(amina, naar="intake", door=km, toelichting="Intakegesprek gepland.")
    log_gebeurtenis(amina, soort="notitie", titel="Telefonisch contact: tolk Arabisch geregeld", door=km)
    deel_met_ketenpartner(tesfay, ketenpartner=debrug, doel="Taaltraject B1", door=km)
    wereld.dossiers.update(amina=amina, yusuf=yusuf, tesfay=tesfay, noor=noor, olena=olena)
    return wereld


# --------------------------------------------------------------------------------------------------- login


def totp_code(username: str) -> str:
    """The TOTP code the server accepts next: the current one, or the next step if this one was used already.

    Waits out django-otp's throttling after a wrong code (a second or two), as a person would.
    """
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    for _poging in range(40):
        if device.verify_is_allowed()[0]:
            break
        time.sleep(0.25)
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
        if totp.drift - device.drift > device.tolerance:
            raise AssertionError(f"geen bruikbare TOTP-code meer voor {username} in dit tijdvak")
    return f"{totp.token():0{device.digits}d}"


def inloggen(page, username: str, wachtwoord: str = WACHTWOORD, *, code: str | None = None):
    """Log in through the login page with password and TOTP; asserts that it landed on the caseload."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_label("Verificatiecode").fill(code or totp_code(username))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/dossiers/(\?.*)?$"))
    assert page.locator("form input[name=code]").count() == 0
    return page


@pytest.fixture
def page_als(browser, live_server, demo_wereld):
    """Factory: ``page_als("tl.tilburg")`` → a new page in its own browser context, logged in as that user."""
    contexts = []

    def maak(username: str):
        ctx = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append((ctx, bewaak_csp(ctx)))
        return inloggen(ctx.new_page(), username)

    yield maak
    for ctx, schendingen in contexts:
        ctx.close()
        assert not schendingen, f"Content-Security-Policy geschonden: {schendingen}"


@pytest.fixture
def km_page(page_als):
    return page_als("km.tilburg")


@pytest.fixture
def tl_page(page_als):
    return page_als("tl.tilburg")


@pytest.fixture
def kp_page(page_als):
    return page_als("kp.debrug")


@pytest.fixture
def km_winterswijk_page(page_als):
    return page_als("km.winterswijk")


# --------------------------------------------------------------------------------------------------- axe


def _formatteer(violations: list[dict]) -> str:
    regels = []
    for v in violations:
        regels.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:8]:
            doel = " ".join(str(t) for t in node["target"])
            samenvatting = (node.get("failureSummary") or "").replace("\n", " ")
            regels.append(f"    {doel}: {samenvatting[:300]}")
        if len(v["nodes"]) > 8:
            regels.append(f"    … en nog {len(v['nodes']) - 8}")
    return "\n".join(regels)


def controleer_axe(page, context: str = "") -> None:
    """Run axe-core on the whole document; fail on any WCAG 2.1 A/AA violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as an inline <script>: the page's CSP stays in force.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    resultaat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = resultaat["violations"]
    if violations:
        waar = f"{context} " if context else ""
        pytest.fail(f"axe: {len(violations)} WCAG-overtreding(en) op {waar}{page.url}\n{_formatteer(violations)}")


@pytest.fixture
def axe():
    """``axe(page)`` or ``axe(page, "na zoeken")``: see ``controleer_axe``."""
    return controleer_axe


@contextlib.contextmanager
def htmx_swap(page, timeout: int = TIMEOUT_MS):
    """Wait until the htmx request triggered inside the block has swapped and settled."""
    page.evaluate(
        """() => { window.__koersSettled = false;
        document.body.addEventListener('htmx:afterSettle', () => { window.__koersSettled = true; }, {once: true}); }"""
    )
    yield
    page.wait_for_function("() => window.__koersSettled === true", timeout=timeout)


# --------------------------------------------------------------------------------------------------- screenshots


def maak_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pad = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(pad), full_page=True)
    return pad


@pytest.fixture
def screenshot():
    """``screenshot(page, "caseload")`` → test-artifacts/screenshots/caseload.png (full page)."""
    return maak_screenshot


# --------------------------------------------------------------------------------------------------- reflow

_OVERLOOP_JS = """() => {
  const breedte = document.documentElement.clientWidth;
  const scrollt = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p); if (['auto', 'scroll'].includes(s.overflowX) && p !== document.documentElement
        && p !== document.body) return true; } return false; };
  const uitstekers = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > breedte + 1 && !scrollt(el)) {
      uitstekers.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
        + ' (rechts ' + Math.round(r.right) + 'px)');
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, breedte, uitstekers: uitstekers.slice(0, 10)};
}"""


def geen_horizontale_scroll(page, breedte: int = 360, hoogte: int = 740, *, context: str = "") -> None:
    """Resize to ``breedte`` CSS pixels and assert the page does not scroll sideways (tables may scroll inside)."""
    page.set_viewport_size({"width": breedte, "height": hoogte})
    page.wait_for_timeout(50)  # one layout pass after the resize
    meting = page.evaluate(_OVERLOOP_JS)
    assert meting["scrollWidth"] <= meting["breedte"] + 1 and not meting["uitstekers"], (
        f"horizontaal scrollen bij {breedte}px {context}op {page.url}: scrollWidth {meting['scrollWidth']} > "
        f"{meting['breedte']}; te breed: {', '.join(meting['uitstekers'])}"
    )


def controleer_reflow(page, naam: str | None = None) -> None:
    """No horizontal scrolling at 360x740 and at 200 % zoom of 1280x900 (640x450 CSS px); restores 1280x900."""
    geen_horizontale_scroll(page, 360, 740, context="(smal scherm) ")
    if naam:
        maak_screenshot(page, f"{naam}-360px")
    geen_horizontale_scroll(page, 640, 450, context="(200 % zoom) ")
    if naam:
        maak_screenshot(page, f"{naam}-zoom200")
    page.set_viewport_size({"width": 1280, "height": 900})


# --------------------------------------------------------------------------------------------------- keyboard

_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const zichtbaar = (e) => { if (!e) return false; const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return outline || (s.boxShadow && s.boxShadow !== 'none'); };
  const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : (el.getAttribute('aria-label') || '');
  return {tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(), name: el.name || '', id: el.id,
    label, tekst: (el.innerText || el.value || '').trim().slice(0, 60), checked: !!el.checked,
    formulier: el.form ? Array.from(document.forms).indexOf(el.form) : -1,
    zichtbaar: zichtbaar(el) || zichtbaar(el.parentElement)};
}"""


def _gefocust(page) -> dict | None:
    return page.evaluate(_FOCUS_JS)


_DATUMVOLGORDE: list[str] = []


def _datum_toetsen(page, iso: str) -> str:
    """What to type into a date input for ``iso``: the part order depends on Chromium's locale, so probe it once."""
    if not _DATUMVOLGORDE:
        proef = page.context.new_page()
        proef.set_content("<input type=date id=d>")
        proef.focus("#d")
        proef.keyboard.type("11122000")
        waarde = proef.evaluate("() => document.getElementById('d').value")
        proef.close()
        _DATUMVOLGORDE.extend(["d", "m", "y"] if waarde == "2000-12-11" else ["m", "d", "y"])
    jaar, maand, dag = iso.split("-")
    return "".join({"d": dag, "m": maand, "y": jaar}[deel] for deel in _DATUMVOLGORDE)


def vul_in_met_toetsenbord(page, waarden: dict, *, verzenden: bool = True, max_tabs: int = 150) -> list[dict]:
    """Fill a form with the keyboard alone (see module docstring); returns the focus stops visited."""
    open_velden = dict(waarden)
    stops: list[dict] = []
    formulier = None
    el = _gefocust(page)  # an autofocused field is the first stop; otherwise Tab starts at the top
    for _ in range(max_tabs):
        if el is None or stops:
            page.keyboard.press("Tab")
            el = _gefocust(page)
        if el is None:
            continue
        if stops and el["type"] == "date" and (el["id"], el["name"]) == (stops[-1]["id"], stops[-1]["name"]):
            continue  # Tab moved between the day/month/year parts; the browser highlights the part itself
        stops.append(el)
        assert el["zichtbaar"], f"geen zichtbare focus op {el['tag']} name={el['name']!r} id={el['id']!r}"
        naam = el["name"]
        if naam in open_velden:
            waarde = open_velden.pop(naam)
            formulier = el["formulier"]
            if el["type"] == "checkbox":
                if bool(waarde) != el["checked"]:
                    page.keyboard.press("Space")
            elif el["type"] == "radio":
                for _stap in range(12):
                    huidig = _gefocust(page)
                    if str(waarde).lower() in huidig["label"].lower():
                        if not huidig["checked"]:
                            page.keyboard.press("Space")
                        break
                    page.keyboard.press("ArrowDown")
                else:
                    raise AssertionError(f"keuze {waarde!r} niet gevonden in {naam}")
            elif el["type"] == "date":
                page.keyboard.type(_datum_toetsen(page, str(waarde)))
            elif el["tag"] == "select":
                page.keyboard.type(str(waarde))
            else:
                page.keyboard.press("Control+A")
                page.keyboard.type(str(waarde))
            continue
        if (
            verzenden
            and not open_velden
            and el["tag"] == "button"
            and el["type"] == "submit"
            and (formulier is None or el["formulier"] == formulier)
        ):
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            return stops
        if not open_velden and not verzenden:
            return stops
    raise AssertionError(
        f"niet alle velden bereikt met Tab: {sorted(open_velden)}; bezocht: {[s['name'] or s['tekst'] for s in stops]}"
    )


# --------------------------------------------------------------------------------------------------- clock


class Klok:
    """Moves time for the test process and the live server thread alike (time-machine)."""

    def __init__(self):
        self._reis = None

    def zet(self, moment: dt.datetime | dt.date | str, *, tikt: bool = True) -> None:
        import time_machine
        from django.utils import timezone

        self.stop()
        if isinstance(moment, str):
            moment = dt.datetime.fromisoformat(moment)
        if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(9, 0))
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        self._reis = time_machine.travel(moment, tick=tikt)
        self._reis.start()

    def verder(self, **delta) -> None:
        """Jump forward from now, e.g. ``klok.verder(days=57)``."""
        from django.utils import timezone

        self.zet(timezone.now() + dt.timedelta(**delta))

    def stop(self) -> None:
        if self._reis is not None:
            self._reis.stop()
            self._reis = None


@pytest.fixture
def klok(settings):
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
    k = Klok()
    yield k
    k.stop()
