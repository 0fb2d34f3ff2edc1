from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from django_otp import user_has_device

from lotse.forms import Form
from lotse.forms import HygieneMixin
from lotse.forms import ModelForm

from .models import NotificationSettings
from .models import ProgrammeRole


class LoginForm(HygieneMixin, AuthenticationForm):
    """The login form. Failed attempts are counted by django-axes (LoginProtectionBackend):
    after LOTSE_LOGIN_FAILURE_LIMIT failures for one user name from one address, logins pause.
    The messages never reveal whether the user name exists."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Die Anmeldung ist fehlgeschlagen: Benutzername oder Passwort stimmen nicht. Bitte "
            "achten Sie auf Groß- und Kleinschreibung."
        ),
        "locked": _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie einige Minuten und "
            "versuchen Sie es dann erneut."
        ),
        "second_factor": _(
            "Für dieses Konto ist ein zweiter Faktor eingerichtet: Bitte geben Sie den "
            "aktuellen sechsstelligen Code aus Ihrer Authenticator-App ein."
        ),
    }

    otp_token = forms.CharField(
        label=_("Einmalcode (nur mit zweitem Faktor)"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise
        user = self.get_user()
        # Local accounts with a confirmed TOTP device need the code too (django-otp throttles
        # wrong codes per device); directory and SSO accounts use their own second factor.
        if user is not None and user.has_usable_password() and user_has_device(user):
            token = (cleaned.get("otp_token") or "").replace(" ", "")
            if not token or match_token(user, token) is None:
                raise forms.ValidationError(
                    self.error_messages["second_factor"], code="second_factor"
                )
        return cleaned


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür ist das Token, z. B. „Auswertungsskript Controlling“?"),
    )


class InvitationForm(Form):
    """The PMO invites a person by e-mail, with a role in one of her programmes."""

    email = forms.EmailField(label=_("E-Mail-Adresse"))
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    programme: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programm"), queryset=None
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[
            (value, label)
            for value, label in ProgrammeRole.Role.choices
            if value != ProgrammeRole.Role.CHANGE_MANAGER
        ],
        initial=ProgrammeRole.Role.VIEWER,
    )

    def __init__(self, *args: Any, programmes: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = programmes


class SecondFactorForm(Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus der App"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class NotificationSettingsForm(ModelForm):
    class Meta:
        model = NotificationSettings
        fields = list(NotificationSettings.KINDS)
