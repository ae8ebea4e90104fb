from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django_otp import match_token


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
            raise forms.ValidationError(
                _("De combinatie van gebruikersnaam en wachtwoord is onbekend."), code="invalid_login"
            )
        if not user.is_active:
            raise forms.ValidationError(_("Dit account is geblokkeerd."), code="inactive")
        device = match_token(user, code.replace(" ", ""))
        if device is None:
            self.add_error("code", _("Deze verificatiecode klopt niet of is verlopen. Probeer de nieuwe code."))
            return cleaned
        self.user, self.device = user, device
        return cleaned
