"""Forms of the catalogue pages. They parse; the services validate."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.forms import Form
from lotse.forms import VersionedModelForm
from lotse.forms import upload_field
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import CatalogueSettings
from .models import PublicService
from .services import MANAGER_FIELDS

# The lead of a raising project updates where the service stands, not what it is.
LEAD_FIELDS = ["maturity", "target_level", "target_date", "channel", "note"]


class ServiceForm(VersionedModelForm):
    class Meta:
        model = PublicService
        fields = MANAGER_FIELDS
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, lead_only: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if "org_unit" in self.fields:
            unit_field = self.fields["org_unit"]
            assert isinstance(unit_field, forms.ModelChoiceField)  # noqa: S101 - form set-up
            unit_field.queryset = OrgUnit.objects.order_by("code")
        if "projects" in self.fields:
            project_field = self.fields["projects"]
            assert isinstance(project_field, forms.ModelMultipleChoiceField)  # noqa: S101
            project_field.queryset = Project.objects.filter(programme=programme).order_by("title")
            project_field.help_text = _("Mehrere mit Strg (Mac: Cmd) oder Umschalt auswählen.")
        if lead_only:
            for name in list(self.fields):
                if name not in (*LEAD_FIELDS, "version"):
                    del self.fields[name]


class SettingsForm(VersionedModelForm):
    class Meta:
        model = CatalogueSettings
        fields = ["publish", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class UploadForm(Form):
    file = upload_field(
        _(
            "Spalten: Bezeichnung und Reifegrad, optional LeiKa, Themenfeld, Leistungsbündel, "
            "Organisationseinheit, Ziel-Reifegrad, Zieltermin, Online-Zugang, Projekte, "
            "Anmerkung. CSV mit Semikolon, UTF-8 oder Windows-1252."
        )
    )


class DeleteForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
