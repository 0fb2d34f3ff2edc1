"""A project's OKRs: objectives with key results, check-ins, review, copy-forward, links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.documents.svg import period_chart
from lotse.forms import form_page
from lotse.forms import form_saved
from lotse.forms import run_and_report
from lotse.http import AuthedRequest
from lotse.http import project_section_page
from lotse.http import require_perm
from lotse.http import section_page
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import Project
from lotse.portfolio.selectors import get_project_for

from .. import scoring
from .. import selectors
from .. import services
from ..forms import CheckInForm
from ..forms import KeyResultForm
from ..forms import LinkForm
from ..forms import ObjectiveForm
from ..forms import ReviewForm
from ..models import KeyResult
from ..models import Objective
from ..models import ObjectiveReview
from ..models import Quarter
from ..selectors import get_key_result_for
from ..selectors import get_link_for
from ..selectors import get_objective_for


def project_okrs_url(project_id: int, quarter_id: int | None = None) -> str:
    url = reverse("okr:project_okrs", kwargs={"pk": project_id})
    return f"{url}?quartal={quarter_id}" if quarter_id else url


@login_required
def project_okrs(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, "okr.view_okrs")
    today = timezone.localdate()
    quarters = selectors.quarters_of(project.programme)
    quarter = selectors.chosen_quarter(quarters, request.GET.get("quartal"), today)
    objectives = selectors.project_okrs(project, quarter) if quarter else []
    user = request.user
    may_plan = user.has_perm("okr.change_objectives", project)
    upcoming = None
    if quarter:
        following = selectors.following(quarter.year, quarter.number)
        upcoming = next((q for q in quarters if (q.year, q.number) == following), None)
    checkable = quarter is not None and Quarter.State(quarter.state) in services.CHECKABLE
    for objective in objectives:
        for item in objective.key_results:
            item.can_check_in = checkable and user.has_perm("okr.check_in", item.key_result)
    context: dict[str, Any] = {
        "project": project,
        "quarters": quarters,
        "quarter": quarter,
        "objectives": objectives,
        "can_plan": bool(quarter and may_plan and quarter.state in services.PLANNABLE),
        "can_review": bool(quarter and may_plan and quarter.state == Quarter.State.REVIEW),
        "can_link": bool(quarter and may_plan and not quarter.is_locked),
        "can_copy": bool(upcoming and may_plan and upcoming.state in services.PLANNABLE),
        "next_quarter": upcoming,
        "max_key_results": selectors.settings_for(project.programme).max_key_results,
        "can_manage_quarters": user.has_perm("okr.manage_quarters", project.programme),
    }
    return section_page(
        request, "okr/project_okrs.html", project.programme, section="projects", **context
    )


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], object] | None = None,
    *,
    project: Project,
    template: str = "okr/form.html",
    **context: Any,
) -> HttpResponse:
    """A form page of `project`'s OKRs (see `lotse.forms.form_page`)."""
    return form_page(
        request,
        form,
        save,
        template=template,
        project=project,
        programme=project.programme,
        nav_section="projects",
        **context,
    )


def _saved_or_form(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], object],
    *,
    objective: Objective,
    success: str,
    title: str,
    errors: tuple[type[Exception], ...] = (ValidationError,),
) -> HttpResponse:
    """The form page of a part of `objective`; once the posted form is valid and `save()` went
    through, back to the project's OKRs of the quarter with `success`."""
    back = project_okrs_url(objective.project_id, objective.quarter_id)
    return _form_page(
        request,
        form,
        save,
        title=title,
        project=objective.project,
        back=back,
        success=success,
        errors=errors,
    )


def _confirm_delete(
    request: HttpRequest,
    delete: Callable[[], object],
    *,
    objective: Objective,
    title: str,
    question: str,
    done: str,
) -> HttpResponse:
    """Ask before deleting (a part of) `objective`; on POST `delete` runs and the page goes
    back to the project's OKRs of the quarter, or the service's refusal stands on the
    question page."""
    back = project_okrs_url(objective.project_id, objective.quarter_id)
    project = objective.project
    error = None
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return redirect(back)
    return project_section_page(
        request,
        "okr/confirm_delete.html",
        project,
        title=title,
        question=question,
        error=error,
        back=back,
    )


@login_required
def objective_create(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_project_for(request.user, pk, "okr.view_okrs")
    require_perm(request.user, "okr.change_objectives", project)
    quarter = get_object_or_404(
        Quarter, pk=request.GET.get("quartal") or 0, programme_id=project.programme_id
    )
    back = project_okrs_url(project.pk, quarter.pk)
    form = ObjectiveForm(request.POST or None, programme=project.programme)
    if form_saved(
        request,
        form,
        lambda: services.objective_create(project=project, quarter=quarter, data=form.changes()),
    ):
        messages.success(request, _("Das Objective wurde angelegt."))
        return redirect(back)
    if request.method == "GET" and quarter.state not in services.PLANNABLE:
        form.add_error(
            None,
            _("Für das Quartal %(q)s können keine Objectives mehr angelegt werden (Status: %(s)s).")
            % {"q": quarter, "s": quarter.get_state_display()},
        )
    title = _("Neues Objective für %(quarter)s") % {"quarter": quarter}
    return _form_page(request, form, title=title, project=project, back=back)


@login_required
def objective_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_objectives")
    form = ObjectiveForm(
        request.POST or None, instance=objective, programme=objective.project.programme
    )
    save = form.save_by(services.objective_update, objective=objective)
    return _saved_or_form(
        request,
        form,
        save,
        objective=objective,
        success=_("Das Objective wurde gespeichert."),
        title=_("Objective bearbeiten"),
        errors=REFUSED_EDIT,
    )


@login_required
def objective_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_objectives")
    return _confirm_delete(
        request,
        lambda: services.objective_delete(objective=objective),
        objective=objective,
        title=_("Objective löschen"),
        question=_(
            "Möchten Sie das Objective „%(title)s“ mit seinen Key Results und Check-ins löschen?"
        )
        % {"title": objective.title},
        done=_("Das Objective wurde gelöscht."),
    )


@login_required
@require_POST
def objective_copy(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_objectives")
    try:
        copy = services.objective_copy_forward(objective=objective)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(project_okrs_url(objective.project_id, objective.quarter_id))
    messages.success(
        request,
        _(
            "„%(title)s“ wurde mit seinen Key Results in das Quartal %(quarter)s übernommen; die "
            "Startwerte sind die letzten Check-in-Werte."
        )
        % {"title": copy.title, "quarter": copy.quarter},
    )
    return redirect(project_okrs_url(copy.project_id, copy.quarter_id))


@login_required
def key_result_create(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_objectives")
    form = KeyResultForm(request.POST or None, project=objective.project)
    return _saved_or_form(
        request,
        form,
        lambda: services.key_result_create(objective=objective, data=form.changes()),
        objective=objective,
        success=_("Das Key Result wurde angelegt."),
        title=_("Neues Key Result für „%(objective)s“") % {"objective": objective.title},
    )


@login_required
def key_result_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    key_result = get_key_result_for(request.user, pk, "okr.change_objectives")
    objective = key_result.objective
    form = KeyResultForm(request.POST or None, instance=key_result, project=objective.project)
    save = form.save_by(services.key_result_update, key_result=key_result)
    return _saved_or_form(
        request,
        form,
        save,
        objective=objective,
        success=_("Das Key Result wurde gespeichert."),
        title=_("Key Result bearbeiten"),
        errors=REFUSED_EDIT,
    )


@login_required
def key_result_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    key_result = get_key_result_for(request.user, pk, "okr.change_objectives")
    return _confirm_delete(
        request,
        lambda: services.key_result_delete(key_result=key_result),
        objective=key_result.objective,
        title=_("Key Result löschen"),
        question=_("Möchten Sie das Key Result „%(title)s“ mit seinen Check-ins löschen?")
        % {"title": key_result.title},
        done=_("Das Key Result wurde gelöscht."),
    )


def history_chart(
    key_result: KeyResult, check_ins: list[selectors.ScoredCheckIn]
) -> SafeString | None:
    if not check_ins:
        return None
    milestone = key_result.kind == KeyResult.Kind.MILESTONE
    items = []
    for row in check_ins[-12:]:
        value = row.percent if milestone else row.check_in.value
        label = f"{timezone.localtime(row.check_in.created_at):%d.%m.}"
        items.append((label, None if value is None else float(value)))
    unit = " %" if milestone or key_result.unit == KeyResult.Unit.PERCENT else ""
    if key_result.unit == KeyResult.Unit.EUR and not milestone:
        unit = " €"
    if key_result.unit == KeyResult.Unit.DAYS and not milestone:
        unit = " " + _("Tage")
    target = (
        None if milestone or key_result.target_value is None else float(key_result.target_value)
    )
    return period_chart(
        chart_id=f"kr-{key_result.pk}-chart",
        title=_("Verlauf der Check-ins: %(title)s") % {"title": key_result.title},
        desc=_(
            "Werte der letzten Check-ins, älteste links. Die Tabelle darunter nennt dieselben "
            "Werte."
        ),
        items=items,
        unit=unit,
        max_value=100 if milestone else target,
        decimals=0 if milestone else 2,
        kind="line",
    )


@login_required
def key_result_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The key result with its check-in history (chart and table) and the check-in form."""
    key_result = get_key_result_for(request.user, pk)
    objective = key_result.objective
    quarter = objective.quarter
    can_check_in = quarter.state in services.CHECKABLE and request.user.has_perm(
        "okr.check_in", key_result
    )
    form = CheckInForm(request.POST or None, key_result=key_result)
    if request.method == "POST":
        require_perm(request.user, "okr.check_in", key_result)
    if form_saved(
        request,
        form,
        lambda: services.check_in_create(
            key_result=key_result, data=form.cleaned_data, user=request.user, source="ui"
        ),
    ):
        messages.success(request, _("Ihr Check-in wurde gespeichert."))
        return redirect("okr:key_result_detail", pk=key_result.pk)
    check_ins = selectors.check_in_history(key_result)
    context: dict[str, Any] = {
        "key_result": key_result,
        "scored": selectors.score_key_result(key_result),
        "objective": objective,
        "project": objective.project,
        "quarter": quarter,
        "check_ins": list(reversed(check_ins)),
        "chart": history_chart(key_result, check_ins),
        "form": form,
        "can_check_in": can_check_in,
        "back": project_okrs_url(objective.project_id, quarter.pk),
        "scoring": scoring,
    }
    return section_page(
        request,
        "okr/key_result_detail.html",
        objective.project.programme,
        section="projects",
        **context,
    )


@login_required
def review_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_review")
    back = project_okrs_url(objective.project_id, objective.quarter_id)
    review: ObjectiveReview | None = getattr(objective, "review", None)
    scored = selectors.score_objective(objective)
    form = ReviewForm(request.POST or None, instance=review)
    if form_saved(
        request,
        form,
        form.save_by(services.objective_review_save, objective=objective, user=request.user),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Das OKR-Review wurde gespeichert."))
        copy = selectors.carried_copy(objective)
        if copy is not None:
            messages.info(
                request,
                _("„%(title)s“ ist in das Quartal %(quarter)s übernommen.")
                % {"title": objective.title, "quarter": copy.quarter},
            )
        elif form.cleaned_data.get("next_step") == ObjectiveReview.NextStep.CARRY_OVER:
            messages.info(
                request,
                _(
                    "„%(title)s“ wird in das nächste Quartal übernommen, sobald es angelegt "
                    "ist, spätestens beim Abschluss dieses Quartals."
                )
                % {"title": objective.title},
            )
        return redirect(back)
    notice = ""
    if request.method == "GET":
        if review is None:
            form.initial["outcome"] = scoring.suggested_outcome(
                scored.progress, objective.commitment
            )
        if objective.quarter.state != Quarter.State.REVIEW:
            # An unbound form has no errors to add to (that was a 500): a notice instead.
            notice = _(
                "Das OKR-Review ist möglich, sobald das Programmbüro das Quartal %(quarter)s "
                "in den Review gesetzt hat (jetzt: „%(state)s“)."
            ) % {"quarter": objective.quarter, "state": objective.quarter.get_state_display()}
    title = _("OKR-Review: %(objective)s") % {"objective": objective.title}
    return _form_page(
        request,
        form,
        title=title,
        project=objective.project,
        back=back,
        template="okr/review_form.html",
        objective=objective,
        scored=scored,
        notice=notice,
    )


@login_required
def link_create(request: AuthedRequest, pk: int) -> HttpResponse:
    objective = get_objective_for(request.user, pk, "okr.change_links")
    form = LinkForm(request.POST or None, objective=objective)
    return _saved_or_form(
        request,
        form,
        lambda: services.okr_link_create(
            from_objective=objective,
            to_objective=form.cleaned_data["to_objective"],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            from_key_result=form.cleaned_data.get("from_key_result"),
            to_key_result=form.cleaned_data.get("to_key_result"),
            user=request.user,
        ),
        objective=objective,
        success=_("Die Verknüpfung wurde angelegt; beide Projekte sehen sie."),
        title=_("Abhängigkeit oder Synergie zu „%(objective)s“") % {"objective": objective.title},
    )


@login_required
@require_POST
def link_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    link = get_link_for(request.user, pk)
    run_and_report(
        request,
        lambda: services.okr_link_delete(link=link),
        _("Die Verknüpfung wurde entfernt."),
    )
    objective = link.from_objective
    if not request.user.has_perm("okr.change_links", objective):
        objective = link.to_objective
    return redirect(project_okrs_url(objective.project_id, objective.quarter_id))
