"""Forms of the finance pages. They parse (German amounts included); services validate."""

from datetime import date
from decimal import Decimal
from typing import Any
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import VersionedModelForm
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme

from .models import BudgetLine
from .models import BudgetStatus
from .models import Deadline
from .models import FinanceSettings
from .models import Funding
from .models import FundingPhase
from .models import SupportContract
from .money import parse_amount
from .services import DEADLINE_FORM_FIELDS
from .services import LINE_FORM_FIELDS


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class _ProgrammeRowForm(VersionedModelForm):
    """A form of one programme's row: the project, funding or budget line it may name are the
    programme's own."""

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "project": programme.projects.all(),
            "funding": Funding.objects.filter(programme=programme),
            "budget_line": BudgetLine.objects.filter(programme=programme),
        }
        for name, rows in choices.items():
            if name in self.fields:
                _model_choice(self, name).queryset = rows


class AmountField(forms.CharField):
    """EUR as people write it: "1.280,00", "1280", "1.280 €"."""

    def __init__(self, *args: Any, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, required=required, **kwargs)

    def prepare_value(self, value: object) -> object:
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def clean(self, value: object) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        return parse_amount(text)


class MonthField(forms.DateField):
    """A month as "MM.JJJJ" or "JJJJ-MM" (or any full date in it)."""

    input_formats = ["%m.%Y", "%Y-%m", "%d.%m.%Y", "%Y-%m-%d", "%m/%Y"]

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return date(day.year, day.month, 1) if day else None


class BudgetLineForm(_ProgrammeRowForm):
    amount = AmountField(label=_("Betrag (EUR)"), required=False, help_text=_("z. B. 1.280,00"))
    funded_amount = AmountField(label=_("davon Fördermittel (EUR)"), required=False)

    class Meta:
        model = BudgetLine
        fields = LINE_FORM_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, programme: Programme, may_plan: bool, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leer lassen: der Projekttitel.")
        self.fields["year_to"].required = False
        self.fields["year_to"].help_text = _("Nur bei einer Jahresspanne, z. B. 2025 bis 2027.")
        _model_choice(self, "org_unit").queryset = OrgUnit.objects.all()
        if not may_plan:
            cast(forms.ChoiceField, self.fields["status"]).choices = [
                c for c in BudgetStatus.choices if c[0] != BudgetStatus.PLANNED
            ]

    def clean_amount(self) -> Decimal:
        return self.cleaned_data["amount"] or Decimal("0")


class ActualForm(Form):
    month = MonthField(label=_("Monat"), help_text=_("z. B. 03.2026"))
    actual = AmountField(label=_("Ist (EUR)"))
    committed = AmountField(label=_("Obligo / gebunden (EUR)"), required=False)
    correction_reason = forms.CharField(
        label=_("Grund der Korrektur"),
        max_length=300,
        required=False,
        help_text=_("Nur bei negativen Beträgen: z. B. Storno einer Rechnung."),
    )


class FundingForm(_ProgrammeRowForm):
    class Meta:
        model = Funding
        fields = [
            "name",
            "funder",
            "funding_programme",
            "project",
            "own_share_percent",
            "reference",
            "note",
        ]


class PhaseForm(ModelForm):
    staff_material = AmountField(label=_("Personal- und Sachkosten (EUR)"))
    investment = AmountField(label=_("Investitionskosten (EUR)"))

    class Meta:
        model = FundingPhase
        fields = ["name", "start", "end", "staff_material", "investment", "note", "position"]

    def _post_clean(self) -> None:
        pass


class DeadlineForm(_ProgrammeRowForm):
    class Meta:
        model = Deadline
        fields = DEADLINE_FORM_FIELDS
        widgets = {
            "consequence": forms.Textarea(attrs={"rows": 2}),
            "resolution": forms.Textarea(attrs={"rows": 2}),
        }


class ContractForm(_ProgrammeRowForm):
    day_rate = AmountField(label=_("Tagessatz netto (EUR)"))

    class Meta:
        model = SupportContract
        fields = [
            "title",
            "contractor",
            "purpose",
            "project",
            "budget_line",
            "start",
            "end",
            "person_days",
            "day_rate",
            "vat_percent",
        ]


class CallOffForm(Form):
    month = MonthField(label=_("Monat"), help_text=_("z. B. 03.2026"))
    days = forms.DecimalField(
        label=_("Personentage"), max_digits=6, decimal_places=2, localize=True
    )
    purpose = forms.CharField(label=_("Zweck"), max_length=300)
    correction_reason = forms.CharField(
        label=_("Grund der Korrektur"), max_length=300, required=False
    )


class SettingsForm(VersionedModelForm):
    staff_rate = AmountField(label=_("Personalkostensatz je MAK und Jahr (EUR)"), required=False)

    class Meta:
        model = FinanceSettings
        fields = ["warning_days", "tolerance_percent", "staff_rate", "publish_totals"]

    def __init__(self, *args: Any, may_publish: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_publish:
            field = self.fields["publish_totals"]
            field.disabled = True
            field.help_text = _(
                "Ob die Budgetsummen öffentlich erscheinen, entscheidet die "
                "Programmverantwortliche bzw. der Programmverantwortliche."
            )
