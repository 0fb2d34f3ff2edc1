"""The programme's team page: who holds which role, and granting or revoking roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.accounts import services
from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.models import User
from lotse.forms import Form
from lotse.forms import add_service_errors
from lotse.forms import model_choice_field
from lotse.http import AuthedRequest
from lotse.http import section_page

from .models import OrgUnit
from .models import Programme
from .models import Project
from .selectors import get_programme_for


def _people() -> QuerySet[User]:
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "username")


class ProgrammeRoleForm(Form):
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=gettext_lazy("Person"), queryset=None
    )
    role = forms.ChoiceField(label=gettext_lazy("Rolle"), choices=ProgrammeRole.Role.choices)
    org_unit = forms.ModelChoiceField(
        label=gettext_lazy("Geschäftsbereich (nur Business Change Manager)"),
        queryset=OrgUnit.objects.all(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "programme"
        super().__init__(*args, **kwargs)
        model_choice_field(self, "user").queryset = _people()


class ProjectRoleForm(Form):
    project: forms.ModelChoiceField[Project] = forms.ModelChoiceField(
        label=gettext_lazy("Projekt"), queryset=None
    )
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=gettext_lazy("Person"), queryset=None
    )
    role = forms.ChoiceField(label=gettext_lazy("Rolle"), choices=ProjectRole.Role.choices)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        kwargs["prefix"] = "project"
        super().__init__(*args, **kwargs)
        model_choice_field(self, "project").queryset = Project.objects.filter(programme=programme)
        model_choice_field(self, "user").queryset = _people()


def _grant(
    request: HttpRequest, form: forms.Form, grant: Callable[[dict[str, Any]], object]
) -> bool:
    if not form.is_valid():
        return False
    try:
        grant(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, _("Die Rolle wurde vergeben."))
    return True


@login_required
def programme_team(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "accounts.view_team")
    can_manage = request.user.has_perm("accounts.manage_team", programme)
    programme_form = ProgrammeRoleForm()
    project_form = ProjectRoleForm(programme=programme)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if "programme-user" in request.POST:
            programme_form = ProgrammeRoleForm(request.POST)
            granted = _grant(
                request,
                programme_form,
                lambda data: services.programme_role_grant(programme=programme, **data),
            )
        else:
            project_form = ProjectRoleForm(request.POST, programme=programme)
            granted = _grant(
                request, project_form, lambda data: services.project_role_grant(**data)
            )
        if granted:
            return redirect("portfolio:programme_team", slug=programme.slug)
    return section_page(
        request,
        "portfolio/team.html",
        programme,
        section="team",
        can_manage=can_manage,
        programme_roles=programme.roles.select_related("user", "org_unit").order_by(
            "role", "user__last_name"
        ),
        project_roles=ProjectRole.objects.filter(project__programme=programme)
        .select_related("user", "project")
        .order_by("project__title", "role"),
        leads=Project.objects.filter(programme=programme, lead__isnull=False)
        .select_related("lead")
        .order_by("title"),
        programme_form=programme_form,
        project_form=project_form,
    )


def _revoke_view(
    model: type[ProgrammeRole | ProjectRole],
    programme_field: str,
    revoke: Callable[..., None],
) -> Callable[[AuthedRequest, str, int], HttpResponse]:
    """The POST that revokes a grant (a `model` row of the programme, reached through
    `programme_field`) with `revoke`, once the user may manage the team."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
        programme = get_programme_for(request.user, slug, "accounts.manage_team")
        revoke(grant=get_object_or_404(model, pk=pk, **{programme_field: programme}))
        messages.success(request, _("Die Rolle wurde entzogen."))
        return redirect("portfolio:programme_team", slug=programme.slug)

    return view


programme_role_revoke = _revoke_view(ProgrammeRole, "programme", services.programme_role_revoke)
project_role_revoke = _revoke_view(ProjectRole, "project__programme", services.project_role_revoke)
