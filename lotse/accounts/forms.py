from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form, HygieneMixin

from . import throttle


class ThrottledLoginForm(HygieneMixin, AuthenticationForm):
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

    def _address(self) -> str:
        return self.request.META.get("REMOTE_ADDR", "") if self.request else ""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if throttle.is_locked(username, self._address()):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, self._address())
            raise
        throttle.reset(username, self._address())
        return cleaned


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür ist das Token, z. B. „Auswertungsskript Controlling“?"),
    )
