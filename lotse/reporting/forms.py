"""Forms of the report pages and the project cockpit. Model validation runs in the services."""

from __future__ import annotations

from typing import Any
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import choice_field
from lotse.portfolio.forms import DateInput

from .models import DecisionRequest
from .models import Milestone
from .models import Risk
from .models import StatusReport
from .services import EDITABLE
from .services import validate_lights

DATE_INVALID = _("Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).")


class _ServiceForm(ModelForm):
    """A model form whose model validation and saving are left to a service."""

    def _post_clean(self) -> None:
        # Model validation happens in the service, which also serves the API.
        pass


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class StatusReportForm(_ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StatusReport
        fields = EDITABLE
        widgets = {
            **{name: _textarea(3) for name in EDITABLE if name.endswith("_note")},
            "summary": _textarea(4),
            "achievements": _textarea(4),
            "next_steps": _textarea(5),
            "obstacles": _textarea(3),
            "support_needed": _textarea(3),
            "user_involvement": _textarea(3),
            "vision": _textarea(3),
            "board_todo": _textarea(4),
            "board_doing": _textarea(4),
            "board_done": _textarea(4),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        choices = cast("list[tuple[str, str]]", choice_field(self, "support_from").choices)
        choice_field(self, "support_from").choices = [("", _("– niemand Bestimmtes –"))] + [
            choice for choice in choices if choice[0]
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The service checks this again; asking here shows it together with other errors.
        try:
            validate_lights(cleaned)
        except forms.ValidationError as exc:
            for name, errors in exc.message_dict.items():
                if name not in self.errors:
                    self.add_error(name, errors)
        return cleaned


RATING_SCALE = [
    ("", _("– bitte wählen –")),
    (1, _("1 – gering")),
    (2, _("2 – mittel")),
    (3, _("3 – hoch")),
    (4, _("4 – sehr hoch")),
]


class MilestoneForm(_ServiceForm):
    class Meta:
        model = Milestone
        fields = ["title", "planned_date", "forecast_date", "actual_date"]
        widgets = {
            "planned_date": DateInput(),
            "forecast_date": DateInput(),
            "actual_date": DateInput(),
        }
        labels = {
            "title": _("Meilenstein"),
            "planned_date": _("Geplant am"),
            "forecast_date": _("Prognose"),
            "actual_date": _("Erreicht am"),
        }
        help_texts = {
            "forecast_date": _("Optional: wann der Meilenstein nach heutiger Sicht erreicht wird."),
            "actual_date": _("Optional: erst eintragen, wenn der Meilenstein erreicht ist."),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Namen für den Meilenstein an.")},
            "planned_date": {
                "required": _("Bitte geben Sie an, wann der Meilenstein geplant ist."),
                "invalid": DATE_INVALID,
            },
            "forecast_date": {"invalid": DATE_INVALID},
            "actual_date": {"invalid": DATE_INVALID},
        }

    def clean_actual_date(self) -> Any | None:
        actual = self.cleaned_data.get("actual_date")
        if actual and actual > timezone.localdate():
            raise forms.ValidationError(
                _("„Erreicht am“ darf nicht in der Zukunft liegen; nutzen Sie dafür die Prognose.")
            )
        return actual


class RiskForm(_ServiceForm):
    probability = forms.TypedChoiceField(
        label=_("Wahrscheinlichkeit"),
        choices=RATING_SCALE,
        coerce=int,
        error_messages={"required": _("Bitte schätzen Sie die Wahrscheinlichkeit ein (1–4).")},
    )
    impact = forms.TypedChoiceField(
        label=_("Auswirkung"),
        choices=RATING_SCALE,
        coerce=int,
        error_messages={"required": _("Bitte schätzen Sie die Auswirkung ein (1–4).")},
    )

    class Meta:
        model = Risk
        fields = ["title", "description", "probability", "impact", "owner", "mitigation", "status"]
        widgets = {"description": _textarea(3), "mitigation": _textarea(3)}
        error_messages = {"title": {"required": _("Bitte benennen Sie das Risiko.")}}


class DecisionRequestForm(_ServiceForm):
    # No status here: a request is decided by a Beschluss and withdrawn with a reason.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DecisionRequest
        fields = ["question", "options", "recommendation", "needed_by", "addressed_to"]
        widgets = {
            "options": _textarea(4),
            "recommendation": _textarea(3),
            "needed_by": DateInput(),
        }
        help_texts = {"options": _("Eine Option je Zeile.")}
        error_messages = {
            "question": {"required": _("Bitte formulieren Sie die Frage, die zu entscheiden ist.")},
            "needed_by": {"invalid": DATE_INVALID},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class WithdrawForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Grund für das Zurückziehen"),
        widget=_textarea(3),
        error_messages={
            "required": _("Bitte begründen Sie, warum Sie den Entscheidungsbedarf zurückziehen.")
        },
    )


class ReviewForm(Form):
    ACCEPT = "accept"
    RETURN = "return"

    action = forms.ChoiceField(
        choices=[(ACCEPT, _("Annehmen")), (RETURN, _("Zurückgeben"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Bitte wählen Sie „Annehmen“ oder „Zurückgeben“.")},
    )
    review_comment = forms.CharField(
        label=_("Kommentar des PMO"),
        required=False,
        widget=_textarea(3),
        help_text=_("Beim Zurückgeben erforderlich: Was soll die Projektleitung ändern?"),
    )
