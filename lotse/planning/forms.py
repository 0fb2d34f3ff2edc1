"""Forms of the planning pages. They parse (German numbers and months); services validate."""

from datetime import date
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import VersionedModelForm
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Project

from .models import Allocation
from .models import Availability
from .models import Phase
from .models import WorkPackage
from .services import PHASE_FIELDS


class MonthField(forms.DateField):
    """A month as "MM.JJJJ" or "JJJJ-MM" (or any full date in it)."""

    input_formats = ["%m.%Y", "%Y-%m", "%d.%m.%Y", "%Y-%m-%d", "%m/%Y"]

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return date(day.year, day.month, 1) if day else None

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%m.%Y") if isinstance(value, date) else value


class NumberField(forms.CharField):
    """A decimal as people write it: "60", "60,5", "1.200,5"."""

    def clean(self, value: Any) -> Decimal | None:
        text = (super().clean(value) or "").strip().replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("„%(v)s“ ist keine Zahl.") % {"v": value}) from None
        if not number.is_finite() or number < 0 or number > 100000:
            raise forms.ValidationError(_("Bitte eine Zahl zwischen 0 und 100.000."))
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _PlanRowForm(VersionedModelForm):
    """A phase or work package: a new one goes to the end of the plan unless the user gives
    it a place (the model's default 0 would put it at the top)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            order = self.fields["order"]
            order.required = False
            order.help_text = _("1 = ganz oben; leer = ans Ende")
            self.initial["order"] = None


class PhaseForm(_PlanRowForm):
    class Meta:
        model = Phase
        fields = PHASE_FIELDS
        widgets = {
            "planned_start": DATE,
            "planned_end": DATE,
            "forecast_start": DATE,
            "forecast_end": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class WorkPackageForm(_PlanRowForm):
    class Meta:
        model = WorkPackage
        fields = [
            "phase",
            "code",
            "title",
            "description",
            "owner_text",
            "org_unit",
            "planned_start",
            "planned_end",
            "status",
            "order",
        ]
        widgets = {
            "planned_start": DATE,
            "planned_end": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phase_field: Any = self.fields["phase"]
        phase_field.queryset = Phase.objects.filter(project=project).order_by("order")
        unit_field: Any = self.fields["org_unit"]
        unit_field.queryset = OrgUnit.objects.order_by("name")


class StepForm(Form):
    title = forms.CharField(label=_("Schritt"), max_length=300)


class EstimateForm(Form):
    label = forms.CharField(label=_("Person oder Rolle"), max_length=120, required=False)
    org_unit = forms.ModelChoiceField(
        label=_("Organisationseinheit"), queryset=OrgUnit.objects.order_by("name"), required=False
    )
    hours = NumberField(label=_("Stunden"), max_length=20)


class ActualEffortForm(Form):
    month = MonthField(label=_("Monat (MM.JJJJ)"))
    hours = NumberField(label=_("Stunden"), max_length=20)


class ImportForm(Form):
    file = forms.FileField(label=_("CSV- oder XLSX-Datei"))


class CardForm(Form):
    title = forms.CharField(label=_("Titel der Karte"), max_length=200, required=False)


class GateDecisionForm(Form):
    decision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AvailabilityForm(VersionedModelForm):
    month = MonthField(label=_("Monat (MM.JJJJ)"))
    amount = NumberField(label=_("Umfang"), max_length=20)

    class Meta:
        model = Availability
        fields = ["org_unit", "person", "month", "unit", "amount", "line_work_percent", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["org_unit"]
        unit_field.queryset = OrgUnit.objects.order_by("name")
        person_field: Any = self.fields["person"]
        person_field.queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        person_field.help_text = _("Leer lassen für die ganze Organisationseinheit.")


class PhaseRowForm(Form):
    """One phase of the programme's phase model (the PMO edits the list)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Phase"), max_length=120, required=False)
    gate_name = forms.CharField(label=_("Phasentor"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


PhaseRowFormSet = forms.formset_factory(
    PhaseRowForm, extra=1, can_delete=True, can_order=True, max_num=30, validate_max=True
)


class AllocationForm(VersionedModelForm):
    month = MonthField(label=_("Monat (MM.JJJJ)"))
    person_days = NumberField(label=_("Personentage"), max_length=20)

    class Meta:
        model = Allocation
        fields = ["org_unit", "month", "person_days", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["org_unit"]
        unit_field.queryset = OrgUnit.objects.order_by("name")
