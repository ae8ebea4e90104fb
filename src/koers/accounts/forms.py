from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

# One message for a wrong user name, password or code: a different message for a wrong code would confirm that the
# password is right.
ONBEKENDE_COMBINATIE = _(
    "De combinatie van gebruikersnaam, wachtwoord en verificatiecode klopt niet. "
    "Controleer uw gegevens en probeer het opnieuw met een nieuwe code."
)


class InlogForm(forms.Form):
    """User name, password and the six-digit code from the authenticator app (TOTP) or a backup code."""

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = forms.CharField(
        label=_("Verificatiecode"),
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw reservecodes."),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.device = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        username, password, code = cleaned.get("username"), cleaned.get("password"), cleaned.get("code")
        if not (username and password and code):
            return cleaned
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(ONBEKENDE_COMBINATIE, code="invalid_login")
        device = match_token(user, code.replace(" ", "")) if user.is_active else None
        if device is None:
            # A wrong second factor is a failed login like a wrong password: django-axes counts it and locks out.
            user_login_failed.send(sender=__name__, credentials={"username": username}, request=self.request)
            raise forms.ValidationError(ONBEKENDE_COMBINATIE, code="invalid_login")
        self.user, self.device = user, device
        return cleaned
