"""Forms of the OKR pages. They only parse; the rules are checked in `services`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import VersionedModelForm
from lotse.forms import model_choice_field
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import KeyResult
from .models import Objective
from .models import ObjectiveReview
from .models import OkrLink
from .models import OkrSettings
from .services import KEY_RESULT_FIELDS


class ObjectiveForm(VersionedModelForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "target_group", "field_of_action", "commitment", "order"]
        help_texts = {
            "title": _("Ein einprägsames, qualitatives Ziel für die drei Monate."),
            "commitment": _(
                "Verbindlich: erreicht bei 100 %. Ambitioniert: erreicht ab 70 % (Richtwert der "
                "OKR-Methodik)."
            ),
            "field_of_action": _("Zu welchem Zielzustand trägt das Objective bei?"),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "field_of_action")
        field.queryset = programme.fields_of_action.all()
        field.empty_label = _("– wie das Projekt –")


class KeyResultForm(VersionedModelForm):
    class Meta:
        model = KeyResult
        fields = KEY_RESULT_FIELDS
        help_texts = {
            "start_value": _("Bei „steigern auf“ und „senken auf“: der Wert zu Quartalsbeginn."),
            "target_value": _("Bei Meilensteinen leer lassen."),
        }
        localized_fields = ["start_value", "target_value"]

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(
            Q(project_roles__project=project)
            | Q(led_projects=project)
            | Q(programme_roles__programme_id=project.programme_id)
        )
        model_choice_field(self, "owner").queryset = people.distinct().order_by(
            "last_name", "username"
        )
        # Old clients (and forms) that do not send the source keep measuring by check-ins.
        self.fields["source"].required = False

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or KeyResult.Source.CHECK_IN


class GermanDecimalField(forms.DecimalField):
    """Accepts what people type in Germany: 1234,5 and also 1.234,5 (dots as thousands)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        # (django-stubs types DecimalField.to_python after IntegerField's: int | None)
        if isinstance(value, str) and "," in value:
            value = value.replace(" ", "").replace(".", "")
        result: Decimal | None = super().to_python(value)
        return result


class CheckInForm(Form):
    value = GermanDecimalField(
        label=_("Aktueller Wert"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={"required": _("Bitte geben Sie den aktuellen Wert an.")},
    )
    done = forms.TypedChoiceField(
        label=_("Meilenstein erledigt?"),
        choices=[("", _("– bitte wählen –")), ("ja", _("ja, erledigt")), ("nein", _("nein"))],
        coerce=lambda v: v == "ja",
        empty_value=None,
        error_messages={"required": _("Bitte geben Sie an, ob der Meilenstein erledigt ist.")},
    )
    confidence = forms.IntegerField(
        label=_("Zuversicht (0–10)"),
        min_value=0,
        max_value=10,
        help_text=_(
            "Wie sicher sind Sie, das Ziel bis Quartalsende zu erreichen? 0 = gar nicht, "
            "10 = ganz sicher."
        ),
        error_messages={"required": _("Bitte geben Sie Ihre Zuversicht von 0 bis 10 an.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, key_result: KeyResult, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if key_result.kind == KeyResult.Kind.MILESTONE:
            del self.fields["value"]
        else:
            del self.fields["done"]
            if key_result.unit != KeyResult.Unit.NUMBER:  # a count needs no unit
                unit = key_result.get_unit_display()
                self.fields["value"].label = _("Aktueller Wert (%(unit)s)") % {"unit": unit}


class ReviewForm(VersionedModelForm):
    class Meta:
        model = ObjectiveReview
        fields = list(ObjectiveReview.ANSWERS)
        localized_fields = ["score_override"]
        help_texts = {
            "score_override": _(
                "Nur ausfüllen, wenn der berechnete Wert die Lage nicht trifft (0 bis 1, z. B. "
                "0,8)."
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("override_reason", "drivers", "obstacles", "learnings")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial["version"] = ""


class LinkForm(ModelForm):
    class Meta:
        model = OkrLink
        fields = ["kind", "from_key_result", "to_objective", "to_key_result", "note"]
        labels = {
            "from_key_result": _("betrifft Key Result (optional)"),
            "to_objective": _("Objective des anderen Projekts"),
            "to_key_result": _("dort Key Result (optional)"),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, objective: Objective, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = (
            Objective.objects.filter(
                quarter__programme_id=objective.quarter.programme_id,
                quarter__year__gte=objective.quarter.year - 1,
            )
            .exclude(project_id=objective.project_id)
            .exclude(quarter__state="closed")
            .select_related("project", "quarter")
            .order_by("project__title", "quarter__year", "quarter__number", "order")
        )
        to_objective = model_choice_field(self, "to_objective")
        to_objective.queryset = others
        to_objective.label_from_instance = lambda obj: (  # type: ignore[method-assign]
            f"{obj.project.title}: {obj.title} ({obj.quarter})"
        )
        model_choice_field(self, "from_key_result").queryset = objective.key_results.all()
        to_key_result = model_choice_field(self, "to_key_result")
        to_key_result.queryset = KeyResult.objects.filter(objective__in=others).select_related(
            "objective__project"
        )
        to_key_result.label_from_instance = lambda obj: (  # type: ignore[method-assign]
            f"{obj.objective.project.title}: {obj.title}"
        )

    def _post_clean(self) -> None:
        pass


class OkrSettingsForm(ModelForm):
    class Meta:
        model = OkrSettings
        fields = ["max_key_results", "checkin_reminder_days"]
