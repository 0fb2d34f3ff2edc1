"""Forms of the internal idea pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.forms import ModelForm
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from .models import Criterion
from .models import Idea
from .models import IdeaSettings
from .services import CRITERION_FIELDS


class IdeaSettingsForm(ModelForm):
    class Meta:
        model = IdeaSettings
        fields = ["public_platform", "moderation", "intro", "anonymise_after_days"]
        widgets = {"moderation": forms.RadioSelect, "intro": forms.Textarea(attrs={"rows": 3})}


class IdeaForm(ModelForm):
    note = forms.CharField(
        label=_("Hinweis der Moderation"),
        max_length=500,
        required=False,
        help_text=_(
            "Pflicht, wenn Sie Titel oder Text einer Bürgeridee ändern; wird öffentlich angezeigt."
        ),
    )

    class Meta:
        model = Idea
        fields = ["title", "description", "field_of_action", "cost_estimate", "source_note"]
        localized_fields = ["cost_estimate"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(
        self, *args: Any, programme: Programme, with_note: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["field_of_action"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - form set-up
        field.queryset = FieldOfAction.objects.filter(programme=programme).order_by("order", "name")
        if not with_note:
            del self.fields["note"]


class CriterionForm(ModelForm):
    class Meta:
        model = Criterion
        fields = CRITERION_FIELDS
        localized_fields = ["weight"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "levels": forms.Textarea(attrs={"rows": 6}),
        }

    def _post_clean(self) -> None:
        # `services.criterion_save` validates the model (it also serves the API) and names
        # the field; the form's model validation would show the database constraint's text.
        pass
