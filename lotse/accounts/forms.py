from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form, HygieneMixin


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
    }

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür ist das Token, z. B. „Auswertungsskript Controlling“?"),
    )
