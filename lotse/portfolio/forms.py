from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import VersionedModelForm
from lotse.forms import choice_field
from lotse.forms import model_choice_field
from lotse.http import AnyUser

from .list_reads import filter_options
from .models import Dependency
from .models import FieldOfAction
from .models import OrgUnit
from .models import Programme
from .models import Project
from .models import Stage
from .services import EditConflict

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What a service that saves an edit may refuse: invalid data, or someone saved it meanwhile.
REFUSED_EDIT = (ValidationError, EditConflict)


class DateInput(forms.DateInput):
    """The browser's date picker, fed the ISO date it reads."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(VersionedModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "short_name",
            "field_of_action",
            "parent",
            "stage",
            "kind",
            "method",
            "org_unit",
            "lead",
            "change_manager",
            "planned_start",
            "planned_end",
            "description",
            "goals",
            "published",
            "public_summary",
        ]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "public_summary": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel für das Projekt an.")},
            "field_of_action": {"required": _("Bitte wählen Sie ein Themenfeld.")},
        }

    def __init__(self, *args: Any, programme: Programme, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        model_choice_field(self, "field_of_action").queryset = FieldOfAction.objects.filter(
            programme=programme
        )
        parents = Project.objects.filter(programme=programme)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        model_choice_field(self, "parent").queryset = parents
        people = get_user_model().objects.filter(is_active=True).order_by("last_name", "username")
        model_choice_field(self, "lead").queryset = people
        model_choice_field(self, "change_manager").queryset = people
        model_choice_field(self, "org_unit").queryset = OrgUnit.objects.all()
        target = self.instance if self.instance.pk else programme
        if not user.has_perm("portfolio.publish_project", target):
            del self.fields["published"]
        if not user.has_perm("portfolio.assign_project_lead", target):
            del self.fields["lead"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error(
                "planned_end", _("Das geplante Ende darf nicht vor dem geplanten Beginn liegen.")
            )
        return cleaned


def _any_of(label: StrOrPromise) -> forms.TypedChoiceField:
    """A filter of the project list by one of the options the form sets (ids), or by none."""
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)


# A filter's first option: no filter.
EVERY = ("", _("alle"))


class ProjectFilterForm(Form):
    q = forms.CharField(label=_("Suche"), required=False)
    field = _any_of(_("Themenfeld"))
    stage = forms.ChoiceField(label=_("Phase"), required=False, choices=[EVERY, *Stage.choices])
    org_unit = _any_of(_("Organisationseinheit"))
    lead = _any_of(_("Projektleitung"))
    kind = forms.ChoiceField(
        label=_("Projektart"), required=False, choices=[EVERY, *Project.Kind.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[
            ("title", _("Titel A–Z")),
            ("-title", _("Titel Z–A")),
            ("field", _("Themenfeld")),
            ("stage", _("Phase")),
            ("org_unit", _("Organisationseinheit")),
            ("lead", _("Projektleitung")),
            ("start", _("geplanter Beginn")),
            ("end", _("geplantes Ende")),
        ],
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The options as values, three written-out reads (issue 14): the programme's fields of
        # action, and the org units and leads its projects have.
        options = filter_options(programme)
        choice_field(self, "field").choices = [EVERY, *options.fields]
        choice_field(self, "org_unit").choices = [EVERY, *options.org_units]
        choice_field(self, "lead").choices = [EVERY, *options.leads]

    def filters(self) -> dict[str, Any]:
        """The valid filters (ids of field, org unit and lead), none when one is invalid."""
        return dict(self.cleaned_data) if self.is_valid() else {}


class DependencyForm(Form):
    kind = forms.ChoiceField(label=_("Art"), choices=Dependency.Kind.choices)
    target = forms.ModelChoiceField(label=_("anderes Projekt"), queryset=Project.objects.none())
    note = forms.CharField(
        label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "target").queryset = Project.objects.filter(
            programme=project.programme
        ).exclude(pk=project.pk)
