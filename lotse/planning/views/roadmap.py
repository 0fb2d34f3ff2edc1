"""The programme roadmap (page, table, A3 PDF), the dependency map, and raising a decision
request from a knock-on."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse import exporting
from lotse.documents.typeset import Progress
from lotse.forms import Form
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.selectors import get_dependency_for
from lotse.portfolio.selectors import get_programme_for
from lotse.reporting import services as reporting_services
from lotse.reporting.forms import DecisionRequestForm
from lotse.reporting.models import DecisionRequest
from lotse.reporting.signals import KnockOn

from ..knockon import programme_knock_ons
from ..roadmap import Filters
from ..roadmap import Zoom
from ..roadmap import dependency_map
from ..roadmap import roadmap
from ..roadmap_svg import dependency_map_svg
from ..roadmap_svg import roadmap_svg
from .common import form_page

PERM = "planning.view_plan"
PDF_WIDTH = 1500  # A3 landscape at 96 dpi, less the margins


class RoadmapForm(Form):
    ansicht = forms.ChoiceField(
        label=gettext_lazy("Zeitraum"),
        required=False,
        choices=[
            (Zoom.YEAR, gettext_lazy("Jahr")),
            (Zoom.QUARTER, gettext_lazy("Quartal")),
            (Zoom.ALL, gettext_lazy("Gesamtlaufzeit")),
        ],
    )
    jahr = forms.IntegerField(
        label=gettext_lazy("Jahr"), required=False, min_value=1900, max_value=2200
    )
    quartal = forms.TypedChoiceField(
        label=gettext_lazy("Quartal"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–"), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")],
    )
    feld = forms.TypedChoiceField(
        label=gettext_lazy("Themenfeld"), coerce=int, required=False, empty_value=None
    )
    stufe = forms.ChoiceField(label=gettext_lazy("Projektphase (Zielbild)"), required=False)
    einheit = forms.TypedChoiceField(
        label=gettext_lazy("Organisationseinheit"), coerce=int, required=False, empty_value=None
    )
    knock_on = forms.BooleanField(
        label=gettext_lazy("nur Projekte mit Knock-on"), required=False, label_suffix=""
    )
    seite = forms.IntegerField(
        required=False, min_value=1, max_value=100000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone: list[tuple[Any, str]] = [("", _("alle"))]
        self.fields["feld"].choices = everyone + list(  # type: ignore[attr-defined]
            programme.fields_of_action.order_by("order", "name").values_list("pk", "name")
        )
        self.fields["stufe"].choices = everyone + list(Stage.choices)  # type: ignore[attr-defined]
        units = (
            programme.projects.exclude(org_unit=None)
            .values_list("org_unit_id", "org_unit__code")
            .distinct()
            .order_by("org_unit__code")
        )
        self.fields["einheit"].choices = everyone + list(units)  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            zoom=data.get("ansicht") or Zoom.YEAR,
            year=data.get("jahr"),
            quarter=data.get("quartal"),
            field=data.get("feld"),
            stage=data.get("stufe") or "",
            org_unit=data.get("einheit"),
            knock_on_only=bool(data.get("knock_on")),
            page=data.get("seite") or 1,
        )


def _may_raise(request: AuthedRequest, knock_ons: list[KnockOn]) -> set[int]:
    """The waiting projects whose decision requests the user may raise (the others see the
    knock-on without the link, which would only answer 403)."""
    waiting = {k.downstream_id for k in knock_ons}
    if not waiting:
        return set()
    return {
        project.pk
        for project in Project.objects.filter(pk__in=waiting).select_related("programme")
        if request.user.has_perm("reporting.change_project_status", project)
    }


def _roadmap_context(request: AuthedRequest, slug: str) -> dict[str, Any]:
    programme = get_programme_for(request.user, slug, PERM)
    form = RoadmapForm(request.GET or None, programme=programme)
    data = roadmap(programme, form.filters(), timezone.localdate())
    params = {
        k: v for k, v in request.GET.items() if k not in ("seite", "jahr", "quartal", "ansicht")
    }
    return {
        "programme": programme,
        "nav_section": "roadmap",
        "form": form,
        "roadmap": data,
        "can_raise": _may_raise(request, data.knock_ons),
        "query": request.GET.urlencode(),
        "previous_query": urlencode({**params, **data.window.previous})
        if data.window.previous
        else "",
        "next_query": urlencode({**params, **data.window.next}) if data.window.next else "",
        "page_query": urlencode({k: v for k, v in request.GET.items() if k != "seite"}),
    }


@login_required
def roadmap_page(request: AuthedRequest, slug: str) -> HttpResponse:
    context = _roadmap_context(request, slug)
    context["chart"] = roadmap_svg(context["roadmap"])
    return render(request, "planning/roadmap.html", context)


def roadmap_pdf_document(
    request: AuthedRequest, slug: str, progress: Progress | None = None
) -> tuple[bytes, str]:
    """The roadmap on A3 landscape (built by the background worker, see ../jobs.py)."""
    from lotse.planning.roadmap_pdf import render_pdf

    context = _roadmap_context(request, slug)
    context["chart"] = roadmap_svg(context["roadmap"], width=PDF_WIDTH, chart_id="roadmap-pdf")
    pdf = render_pdf(context, progress=progress)
    data = context["roadmap"]
    return pdf, f"roadmap-{data.programme.slug}-{data.today:%Y-%m-%d}.pdf"


def _roadmap_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(get_programme_for(request.user, slug, PERM))


@exporting.export(
    "planning.roadmap_pdf", gettext_lazy("Roadmap (A3)"), _roadmap_scope, content_type=exporting.PDF
)
def roadmap_pdf(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    progress(_("Roadmap wird gezeichnet"), 5)
    return roadmap_pdf_document(request, slug, progress)


class DependencyKindForm(Form):
    art = forms.ChoiceField(label=gettext_lazy("Art"), required=False)
    seite = forms.IntegerField(
        required=False, min_value=1, max_value=100000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("alle"))] + list(Dependency.Kind.choices)  # type: ignore[attr-defined]


@login_required
def dependency_map_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, PERM)
    form = DependencyKindForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    dep_map = dependency_map(
        programme, timezone.localdate(), kind=data.get("art") or "", page=data.get("seite") or 1
    )
    return section_page(
        request,
        "planning/dependency_map.html",
        programme,
        section="roadmap",
        form=form,
        map=dep_map,
        can_raise=_may_raise(request, [link.knock_on for link in dep_map.links if link.knock_on]),
        chart=dependency_map_svg(dep_map) if dep_map.drawable else None,
        page_query=urlencode({k: v for k, v in request.GET.items() if k != "seite"}),
    )


# --- a decision request from a knock-on ---------------------------------------------------


def _knock_on_of(dependency: Dependency) -> KnockOn:
    today = timezone.localdate()
    programme = dependency.source.programme
    for knock_on in programme_knock_ons(programme, today, {dependency.source_id}):
        if knock_on.dependency_id == dependency.pk:
            return knock_on
    raise Http404(_("Diese Abhängigkeit verzögert derzeit kein Projekt."))


def _initial(knock_on: KnockOn) -> dict[str, Any]:
    return {
        "question": _(
            "Wie reagieren wir auf die Verzögerung von „%(upstream)s“, von der „%(downstream)s“ "
            "abhängt (%(days)s)?"
        )
        % {
            "upstream": knock_on.upstream_title,
            "downstream": knock_on.downstream_title,
            "days": knock_on.days_text,
        },
        "options": "\n".join(
            [
                _("Zeitplan von „%(p)s“ anpassen") % {"p": knock_on.downstream_title},
                _("„%(p)s“ zusätzlich unterstützen, um den Termin zu halten")
                % {"p": knock_on.upstream_title},
                _("Abhängigkeit auflösen oder Umfang reduzieren"),
            ]
        ),
        "recommendation": knock_on.detail,
        "needed_by": knock_on.anchor_date,
        "addressed_to": DecisionRequest.Body.PROJECT_CHECK,
    }


@login_required
def knock_on_raise(request: AuthedRequest, pk: int) -> HttpResponse:
    """Raise a decision request on the waiting project, prefilled from the knock-on."""
    dependency = get_dependency_for(request.user, pk, "portfolio.view_project")
    knock_on = _knock_on_of(dependency)
    waiting = (
        dependency.target if dependency.source_id == knock_on.upstream_id else dependency.source
    )
    if not request.user.has_perm("reporting.change_project_status", waiting):
        raise PermissionDenied
    item = DecisionRequest(project=waiting)
    form = DecisionRequestForm(request.POST or None, instance=item, initial=_initial(knock_on))
    back = reverse("reporting:project_cockpit", kwargs={"pk": waiting.pk})
    return form_page(
        request,
        form,
        lambda: reporting_services.decision_request_save(
            request=item, data=form.changes(), user=request.user
        ),
        title=_("Entscheidungsbedarf aus Knock-on erfassen"),
        project=waiting,
        back=back,
        success=_("Der Entscheidungsbedarf wurde erfasst."),
        template="planning/knock_on_raise.html",
        knock_on=knock_on,
        # The waiting project's decision request, like the form on its cockpit (Projekte).
        programme=waiting.programme,
        nav_section="projects",
    )
