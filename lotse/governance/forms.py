"""Forms of the Gremien pages; they only parse, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse import hygiene
from lotse.accounts.models import User
from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import choice_field
from lotse.forms import model_choice_field
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest

from .models import MEETING_MINUTES
from .models import ActionItem
from .models import AgendaItem
from .models import Cadence
from .models import DecisionKind
from .models import Meeting
from .models import MeetingSeries

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def programme_people(programme: Programme) -> QuerySet[User]:
    """Everyone with a role in the programme or one of its projects."""
    return (
        get_user_model()
        .objects.filter(
            Q(programme_roles__programme=programme)
            | Q(project_roles__project__programme=programme)
            | Q(led_projects__programme=programme)
        )
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MinutesField(forms.IntegerField):
    """Minutes in `low`–`high`: anything else is refused with one message naming the field
    and that range (not the database's integer range, nor a bare "kleiner oder gleich")."""

    def __init__(self, *, low: int, high: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.low, self.high = low, high
        self.widget.attrs.update({"min": low, "max": high})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            hygiene.check_int(value, label=str(self.label), low=self.low, high=self.high)
        except hygiene.Refused as exc:
            raise ValidationError(str(exc), code="range") from exc


def meeting_minutes_field() -> MinutesField:
    return MinutesField(label=_("Dauer (Minuten)"), low=MEETING_MINUTES[0], high=MEETING_MINUTES[1])


class SeriesForm(ModelForm):
    duration_minutes = meeting_minutes_field()
    powers = forms.MultipleChoiceField(
        label=_("Befugnisse"),
        choices=DecisionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Welche Arten von Entscheidungen dieses Gremium treffen darf."),
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "name",
            "purpose",
            "cadence",
            "interval_weeks",
            "first_date",
            "weekday",
            "start_time",
            "non_working_day_rule",
            "duration_minutes",
            "format",
            "location",
            "chair",
            "moderator",
            "members",
            "body",
            "escalation_level",
            "agenda_kind",
            "powers",
            "minutes_public",
            "coupled_to",
        ]
        widgets = {
            "first_date": DATE,
            "start_time": TIME,
            "members": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = programme_people(programme)
        for name in ("chair", "moderator", "members"):
            model_choice_field(self, name).queryset = people
        others = MeetingSeries.objects.filter(programme=programme)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        model_choice_field(self, "coupled_to").queryset = others


class GenerateForm(Form):
    until = forms.DateField(label=_("Sitzungen erzeugen bis"), widget=DATE)


class MoveForm(Form):
    date = forms.DateField(label=_("neues Datum"), widget=DATE)
    start_time = forms.TimeField(label=_("Beginn"), widget=TIME)
    duration_minutes = meeting_minutes_field()
    reason = forms.CharField(label=_("Grund"), max_length=300)


class CancelForm(Form):
    reason = forms.CharField(label=_("Grund der Absage"), max_length=300)


class ExtraMeetingForm(ModelForm):
    duration_minutes = meeting_minutes_field()

    class Meta:
        model = Meeting
        fields = ["date", "start_time", "duration_minutes", "location"]
        widgets = {"date": DATE, "start_time": TIME}


class AgendaItemForm(ModelForm):
    minutes = MinutesField(
        label=AgendaItem._meta.get_field("minutes").verbose_name,
        low=AgendaItem.MINUTES_RANGE[0],
        high=AgendaItem.MINUTES_RANGE[1],
        initial=10,
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "minutes", "project"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "project").queryset = Project.objects.filter(programme=programme)


class NoteForm(Form):
    notes = forms.CharField(
        label=_("Protokollnotiz"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(Form):
    kind = forms.ChoiceField(label=_("Art der Entscheidung"), choices=DecisionKind.choices)
    project = forms.ModelChoiceField(
        label=_("Projekt"), queryset=Project.objects.none(), required=False
    )
    wording = forms.CharField(label=_("Beschlusstext"), widget=forms.Textarea(attrs={"rows": 3}))
    rationale = forms.CharField(
        label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_request = forms.ModelChoiceField(
        label=_("beantwortet den Entscheidungsbedarf"),
        queryset=DecisionRequest.objects.none(),
        required=False,
    )
    agenda_item = forms.ModelChoiceField(
        label=_("zu Tagesordnungspunkt"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = meeting.series
        # Only the kinds this Gremium may decide are offered; the service checks again.
        choice_field(self, "kind").choices = [
            c for c in DecisionKind.choices if c[0] in series.powers
        ]
        model_choice_field(self, "project").queryset = Project.objects.filter(
            programme_id=series.programme_id
        ).order_by("title")
        model_choice_field(self, "decision_request").queryset = DecisionRequest.objects.filter(
            project__programme_id=series.programme_id, status=DecisionRequest.Status.OPEN
        ).select_related("project")
        model_choice_field(self, "agenda_item").queryset = meeting.agenda_items.filter(
            removed=False
        )


class ActionItemForm(ModelForm):
    on_board = forms.BooleanField(
        label=_("auch als Karte auf das PMO-Board"), required=False, label_suffix=""
    )

    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_date", "agenda_item"]
        widgets = {"due_date": DATE}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        # Own ids: the meeting page also shows the agenda item form, whose title is id_title.
        kwargs.setdefault("auto_id", "id_action_%s")
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = programme_people(meeting.series.programme)
        model_choice_field(self, "agenda_item").queryset = meeting.agenda_items.filter(
            removed=False
        )


class EscalateForm(Form):
    reason = forms.CharField(
        label=_("Begründung der Eskalation"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FulfilForm(Form):
    fulfilled_on = forms.DateField(label=_("erfüllt am"), widget=DATE)
    note = forms.CharField(label=_("Notiz"), required=False, max_length=1000)


class DutyForm(Form):
    recipient = forms.CharField(label=_("Empfänger"), max_length=200)
    report = forms.CharField(label=_("Was berichtet wird"), max_length=300)
    cadence = forms.ChoiceField(
        label=_("Turnus"), choices=[c for c in Cadence.choices if c[0] != Cadence.AD_HOC]
    )
    first_due = forms.DateField(label=_("erstmals fällig am"), widget=DATE)


class LogFilterForm(Form):
    project = forms.TypedChoiceField(
        label=_("Projekt"), coerce=int, required=False, empty_value=None
    )
    series = forms.TypedChoiceField(
        label=_("Gremium"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Art"), required=False)
    start = forms.DateField(label=_("von"), required=False, widget=DATE)
    end = forms.DateField(label=_("bis"), required=False, widget=DATE)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("alle"))]
        choice_field(self, "project").choices = everyone + list(
            Project.objects.filter(programme=programme).order_by("title").values_list("pk", "title")
        )
        choice_field(self, "series").choices = everyone + list(
            MeetingSeries.objects.filter(programme=programme).values_list("pk", "name")
        )
        choice_field(self, "kind").choices = everyone + list(DecisionKind.choices)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
