"""Forms of the board pages. Validation that needs the database lives in the services."""

from typing import Any
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.forms import Form
from lotse.forms import ModelForm
from lotse.forms import model_choice_field
from lotse.okr.models import KeyResult
from lotse.okr.models import Quarter
from lotse.portfolio.forms import DateInput
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone

from . import selectors
from .models import Board
from .models import Card
from .models import Column
from .models import Retrospective


class CardForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Card
        fields = [
            "title",
            "description",
            "assignee",
            "due_date",
            "labels",
            "sub_project",
            "milestone",
            "key_result",
        ]
        widgets = {
            "due_date": DateInput(),
            "labels": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": _(
                "Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…)."
            )
        }

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board
        assignee = model_choice_field(self, "assignee")
        people = cast("QuerySet[User]", assignee.queryset)  # the foreign key's users
        assignee.queryset = people.filter(pk__in=[u.pk for u in selectors.board_people(board)])
        assignee.empty_label = _("– niemand –")
        model_choice_field(self, "labels").queryset = board.labels.all()
        if not board.labels.exists():
            del self.fields["labels"]
        if board.project_id:
            model_choice_field(self, "sub_project").queryset = Project.objects.filter(
                parent=board.project
            )
            model_choice_field(self, "milestone").queryset = Milestone.objects.filter(
                project=board.project
            )
            model_choice_field(self, "key_result").queryset = KeyResult.objects.filter(
                objective__project=board.project
            ).select_related("objective__quarter")
            for name in ("sub_project", "milestone", "key_result"):
                if not cast("QuerySet[Any]", model_choice_field(self, name).queryset).exists():
                    del self.fields[name]
        else:
            # On the PMO board a card may name the project it concerns.
            model_choice_field(self, "sub_project").queryset = Project.objects.filter(
                programme_id=board.owner_programme_id
            )
            self.fields["sub_project"].label = _("betrifft Projekt")
            del self.fields["milestone"]
            del self.fields["key_result"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class MoveForm(Form):
    column = forms.ModelChoiceField(queryset=Column.objects.none(), label=_("Spalte"))
    position = forms.IntegerField(
        label=_("Position"),
        min_value=1,
        required=False,
        help_text=_("1 = ganz oben; leer = ans Ende"),
    )
    # Drag and drop names the neighbour instead of a number.
    before = forms.IntegerField(required=False, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "column").queryset = Column.objects.filter(board=board)


class ColumnForm(ModelForm):
    class Meta:
        model = Column
        fields = ["name", "wip_limit", "is_done"]
        help_texts = {"is_done": _("Karten hier gelten im Statusbericht als „Done“.")}


class ColumnDeleteForm(Form):
    target = forms.ModelChoiceField(
        queryset=Column.objects.none(),
        label=_("Karten verschieben nach"),
        required=False,
        empty_label=None,
    )

    def __init__(self, *args: Any, column: Column, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "target").queryset = Column.objects.filter(
            board_id=column.board_id
        ).exclude(pk=column.pk)


class LabelForm(Form):
    name = forms.CharField(label=_("Neues Label"), max_length=40)


class BoardSettingsForm(ModelForm):
    class Meta:
        model = Board
        fields = ["swimlanes"]
        widgets = {"swimlanes": forms.RadioSelect}


class RetrospectiveForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    actions = forms.CharField(
        label=_("Maßnahmen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eine Maßnahme je Zeile."),
    )

    class Meta:
        model = Retrospective
        fields = ["held_on", "quarter", "went_well", "to_improve"]
        widgets = {
            "held_on": DateInput(),
            "went_well": forms.Textarea(attrs={"rows": 5}),
            "to_improve": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, programme_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "quarter").queryset = Quarter.objects.filter(
            programme_id=programme_id
        )
        self.fields["quarter"].required = False
        if self.instance.pk:
            del self.fields["actions"]
            self.fields["version"].initial = self.instance.version


class ActionForm(Form):
    text = forms.CharField(label=_("Neue Maßnahme"), max_length=300)
