"""Retrospectives: per project (monthly) and per programme (quarterly, across projects)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse.forms import add_service_errors
from lotse.forms import form_saved
from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import selectors
from . import services
from .forms import ActionForm
from .forms import RetrospectiveForm
from .models import Retrospective
from .views import boards_page


@dataclass(frozen=True)
class Owner:
    """Whose retrospectives a page shows: a programme's, or one project's."""

    programme: Programme
    project: Project | None
    owner: Retrospective  # unsaved, for the permission check

    def page(self, request: HttpRequest, template: str, **context: Any) -> HttpResponse:
        """A retrospective page of the owner, in the boards section."""
        return boards_page(
            request, template, self.programme, project=self.project, owner=self.owner, **context
        )


def _owner(request: HttpRequest, *, slug: str | None = None, pk: int | None = None) -> Owner:
    if slug is not None:
        programme = portfolio_selectors.get_programme_for(request.user, slug)
        return Owner(programme, None, Retrospective(programme=programme))
    assert pk is not None  # noqa: S101 - the URL passes a slug or a pk
    project = portfolio_selectors.get_project_for(request.user, pk)
    return Owner(project.programme, project, Retrospective(project=project))


def _list(request: HttpRequest, owner: Owner) -> HttpResponse:
    retros = selectors.retrospective_list(project=owner.project, programme=owner.programme)
    return owner.page(
        request,
        "boards/retro_list.html",
        retrospectives=retros,
        can_change=request.user.has_perm("boards.change_retrospective", owner.owner),
    )


def _for_owners(
    page: Callable[[AuthedRequest, Owner], HttpResponse],
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The view of `page` for a programme (by its slug) and the one for a project (by id)."""

    @login_required
    def for_programme(request: AuthedRequest, slug: str) -> HttpResponse:
        return page(request, _owner(request, slug=slug))

    @login_required
    def for_project(request: AuthedRequest, pk: int) -> HttpResponse:
        return page(request, _owner(request, pk=pk))

    return for_programme, for_project


programme_retrospectives, project_retrospectives = _for_owners(_list)


def _create(request: AuthedRequest, owner: Owner) -> HttpResponseRedirect | HttpResponse:
    if not request.user.has_perm("boards.change_retrospective", owner.owner):
        raise PermissionDenied
    form = RetrospectiveForm(
        request.POST or None,
        programme_id=owner.programme.pk,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            retro = services.retrospective_create(
                user=request.user,
                project=owner.project,
                programme=None if owner.project else owner.programme,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Die Retrospektive wurde angelegt."))
            return redirect("boards:retrospective", pk=retro.pk)
    return owner.page(request, "boards/retro_form.html", form=form)


programme_retrospective_create, project_retrospective_create = _for_owners(_create)


def _update(retro: Retrospective, data: dict) -> None:
    version = data.pop("version", None)
    services.retrospective_update(
        retrospective=Retrospective.objects.get(pk=retro.pk), data=data, expected_version=version
    )


@login_required
def retrospective_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    retro = selectors.get_retrospective_for(request.user, pk)
    can_change = request.user.has_perm("boards.change_retrospective", retro)
    programme = retro.programme or cast("Project", retro.project).programme
    form = None
    if can_change:
        form = RetrospectiveForm(request.POST or None, instance=retro, programme_id=programme.pk)
        if form_saved(request, form, lambda: _update(retro, dict(form.cleaned_data)), REFUSED_EDIT):
            messages.success(request, _("Die Retrospektive wurde gespeichert."))
            return redirect("boards:retrospective", pk=retro.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return boards_page(
        request,
        "boards/retro_detail.html",
        programme,
        retro=retro,
        project=retro.project,
        can_change=can_change,
        form=form,
        action_form=drafts.form(request, retro, "action", ActionForm),
    )


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    retro = selectors.get_retrospective_for(request.user, pk, "boards.change_retrospective")
    form = ActionForm(request.POST)
    drafts.run_posted(
        request,
        form,
        lambda: services.retro_action_add(retrospective=retro, text=form.cleaned_data["text"]),
        _("Die Maßnahme wurde ergänzt."),
        page=retro,
        name="action",
    )
    return redirect("boards:retrospective", pk=retro.pk)


@login_required
@require_POST
def action_to_card(request: AuthedRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    board = services.retrospective_board_ensure(action.retrospective)
    if not request.user.has_perm("boards.change_cards", board):
        raise PermissionDenied
    card = services.retro_action_card_create(action=action, user=request.user)
    messages.success(
        request,
        _("Die Maßnahme steht jetzt als Karte „%(card)s“ auf dem Board.") % {"card": card},
    )
    return redirect("boards:retrospective", pk=action.retrospective_id)


@login_required
@require_POST
def action_done(request: AuthedRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    try:
        services.retro_action_update(
            action=action,
            data={"done": request.POST.get("done") == "1"},
            expected_version=posted_version(request) or None,
        )
    except services.EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Die Maßnahme wurde gespeichert."))
    return redirect("boards:retrospective", pk=action.retrospective_id)
