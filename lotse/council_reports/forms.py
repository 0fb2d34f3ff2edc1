from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import choice_field

from .kinds import Format
from .kinds import Kind


class GenerateForm(Form):
    kind = forms.ChoiceField(label=_("Berichtsart"), choices=Kind.choices)
    as_of = forms.DateField(
        label=_("Stand"),
        help_text=_("Der Bericht zeigt die Daten, wie sie am Ende dieses Tages erfasst waren."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    field = forms.TypedChoiceField(
        label=_("Themenfeld"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Nur für „Themenfeld im Fokus“."),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, widget=forms.RadioSelect, initial=Format.PDF
    )
    duty = forms.TypedChoiceField(
        label=_("erfüllt die Berichtspflicht"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        fields: list[tuple[int, str]],
        duties: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()
        choice_field(self, "field").choices = [("", _("– bitte wählen –")), *fields]
        choice_field(self, "duty").choices = [("", _("keine")), *duties]

    def clean_as_of(self) -> date:
        day = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Der Stand darf nicht in der Zukunft liegen."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Kind.FOCUS and not data.get("field"):
            self.add_error(
                "field", _("Für den Bericht „Themenfeld im Fokus“ wählen Sie bitte ein Themenfeld.")
            )
        return data


class PreviewForm(GenerateForm):
    """The same choices without format and duty: the preview is always HTML."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["format"]
        del self.fields["duty"]


class ArchiveFilterForm(Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Own ids: the same page shows the generate form, whose kind is id_kind.
        kwargs.setdefault("auto_id", "id_archive_%s")
        super().__init__(*args, **kwargs)

    kind = forms.ChoiceField(
        label=_("Berichtsart"), choices=[("", _("alle")), *Kind.choices], required=False
    )
