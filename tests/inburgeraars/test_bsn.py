import pytest
from django.core.exceptions import ValidationError

from koers.dossiers.forms import InburgeraarForm
from koers.inburgeraars.validators import valideer_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_valid_bsn_passes_elfproef(bsn):
    valideer_bsn(bsn)


@pytest.mark.parametrize(
    ("bsn", "melding"),
    [
        ("123456789", "elfproef"),
        ("12345678", "negen cijfers"),
        ("12345678a", "alleen cijfers"),
    ],
)
def test_invalid_bsn_is_refused_with_a_specific_dutch_message(bsn, melding):
    with pytest.raises(ValidationError) as fout:
        valideer_bsn(bsn)
    assert melding in fout.value.messages[0]


def _formdata(**extra):
    data = {
        "voornamen": "Amina",
        "achternaam": "Haddad",
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "nationaliteit": "Syrisch",
        "doelgroep": "asielstatushouder",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_missing_bsn_is_allowed_because_a_newcomer_may_not_have_one_yet():
    form = InburgeraarForm(data=_formdata(bsn=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bsn"] == ""


@pytest.mark.django_db
def test_bsn_with_spaces_and_dots_is_normalised():
    form = InburgeraarForm(data=_formdata(bsn="1112.22.333"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bsn"] == "111222333"


@pytest.mark.django_db
def test_form_shows_elfproef_error_on_the_bsn_field():
    form = InburgeraarForm(data=_formdata(bsn="123456789"))
    assert not form.is_valid()
    assert "elfproef" in form.errors["bsn"][0]
