"""Criteria, scoring rounds, the rater's sheet, the ranking with its sensitivity view and
XLSX export, and the value/effort matrix."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import exporting
from lotse.documents.svg import bubble_chart
from lotse.documents.xlsx import build_workbook
from lotse.forms import form_saved
from lotse.forms import posted_version
from lotse.forms import run_and_report
from lotse.http import AuthedRequest
from lotse.http import get_or_new
from lotse.http import paginate
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Project
from lotse.portfolio.selectors import get_programme_for

from .. import scoring
from .. import selectors
from .. import services
from ..forms import CriterionForm
from ..models import Criterion
from ..models import Idea
from ..models import RoundRater
from ..models import Score
from ..models import ScoringRound
from .common import ideas_page
from .decide import meeting_choices

# Rows per page of the ranking and of a rater's sheet (a sheet row holds one input per
# criterion).
RANKING_PAGE_SIZE = 100
SHEET_PAGE_SIZE = 50
# Ideas per page of the value/effort matrix, and how many unplotted ideas it names.
MATRIX_PAGE_SIZE = 100
UNPLOTTED_NAMED = 50


@login_required
def criteria(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.view_ideas")
    return ideas_page(
        request,
        "ideas/criteria.html",
        programme,
        criteria=list(Criterion.objects.filter(programme=programme)),
        can_manage=request.user.has_perm("ideas.manage_criteria", programme),
    )


@login_required
@require_POST
def criteria_defaults(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.manage_criteria")
    created = services.criteria_create_defaults(programme=programme)
    messages.success(request, _("%(n)s Standardkriterien angelegt.") % {"n": created})
    return redirect("ideas:criteria", slug=programme.slug)


@login_required
def criterion_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.manage_criteria")
    current = get_or_new(Criterion, pk, programme=programme)
    form = CriterionForm(request.POST or None, instance=current if pk else None)
    if form_saved(
        request,
        form,
        lambda: services.criterion_save(
            criterion=Criterion.objects.get(pk=pk) if pk else current,
            data=dict(form.cleaned_data),
            expected_version=posted_version(request),
        ),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Das Kriterium ist gespeichert."))
        return redirect("ideas:criteria", slug=programme.slug)
    return ideas_page(request, "ideas/criterion_form.html", programme, form=form, criterion=current)


# --- rounds ------------------------------------------------------------------------------------


@login_required
def rounds(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.view_ideas")
    manages = request.user.has_perm("ideas.manage_rounds", programme)
    qs = ScoringRound.objects.filter(programme=programme).annotate(
        idea_count=Count("ideas", distinct=True), jury_count=Count("jury", distinct=True)
    )
    if not manages:
        qs = qs.filter(jury__user=request.user)
    candidates = []
    people = []
    if manages:
        candidates = list(
            Idea.objects.filter(programme=programme, moderation=Idea.Moderation.APPROVED)
            .exclude(status__in=[Idea.Status.ADOPTED, Idea.Status.REJECTED])
            .order_by("title")
        )
        people = list(
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(programme_roles__programme=programme)
                | Q(project_roles__project__programme=programme)
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
    errors: list[str] = []
    posted: dict[str, object] = {}  # a refused round's name and choices, to stand again
    if request.method == "POST" and manages:
        idea_ids = [int(v) for v in request.POST.getlist("ideas") if v.isdigit()]
        rater_ids = [int(v) for v in request.POST.getlist("raters") if v.isdigit()]
        try:
            created = services.round_create(
                programme=programme,
                name=request.POST.get("name", ""),
                ideas=[i for i in candidates if i.pk in idea_ids],
                raters=[p for p in people if p.pk in rater_ids],
                user=request.user,
            )
        except ValidationError as exc:
            errors = exc.messages
            posted = {"name": request.POST.get("name", ""), "ideas": idea_ids, "raters": rater_ids}
        else:
            messages.success(request, _("Die Bewertungsrunde ist angelegt."))
            return redirect("ideas:round", pk=created.pk)
    return ideas_page(
        request,
        "ideas/rounds.html",
        programme,
        rounds=list(qs.order_by("-created_at")),
        manages=manages,
        candidates=candidates,
        people=people,
        errors=errors,
        posted=posted,
        status=422 if errors else 200,
    )


def _weights(request: AuthedRequest) -> dict[int, Decimal]:
    found: dict[int, Decimal] = {}
    for key in request.GET:
        if key.startswith("w") and key[1:].isdigit():
            value = services.parse_weight(request.GET.get(key, ""))
            if value is not None:
                found[int(key[1:])] = value
    return found


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.get_round_for(request.user, pk)
    user = request.user
    seat = RoundRater.objects.filter(round=scoring_round, user=user).first()
    manages = user.has_perm("ideas.manage_rounds", scoring_round)
    found = selectors.ranking(scoring_round, user, weights=_weights(request))
    criteria_list = selectors.criteria_of(scoring_round.programme)
    own = {
        (s.idea_id, s.criterion_id): s.value
        for s in Score.objects.filter(round=scoring_round, rater=user)
    }
    ideas = sorted((row.idea for row in found.rows), key=lambda i: i.title.casefold())
    # A round can hold thousands of ideas: the ranking and the rater's sheet show one page
    # each (the ranks and counts are computed over the whole round).
    ranking_page, ranking_query = paginate(request, found.rows, RANKING_PAGE_SIZE)
    sheet_page, sheet_query = paginate(request, ideas, SHEET_PAGE_SIZE, param="bogen")
    sheet = [
        {
            "idea": idea,
            "cells": [
                {"criterion": c, "value": own.get((idea.pk, c.pk)), "name": f"s-{idea.pk}-{c.pk}"}
                for c in criteria_list
            ],
        }
        for idea in sheet_page.object_list
    ]
    may_score = seat is not None and seat.submitted_at is None and not scoring_round.is_closed
    sees_ranking = manages or (seat is not None and seat.submitted_at is not None)
    return ideas_page(
        request,
        "ideas/round.html",
        scoring_round.programme,
        round=scoring_round,
        ranking=found,
        ranking_page=ranking_page,
        ranking_query=ranking_query,
        sees_ranking=sees_ranking,
        manages=manages,
        seat=seat,
        may_score=may_score,
        sheet=sheet,
        sheet_page=sheet_page,
        sheet_query=sheet_query,
        criteria=criteria_list,
        jury=list(scoring_round.jury.select_related("user")),
        meetings=meeting_choices(scoring_round.programme_id, agenda=True)
        if scoring_round.is_closed and user.has_perm("ideas.decide", scoring_round)
        else [],
        weight_rows=[
            {
                "key": s.key,
                "name": found.names.get(s.key, ""),
                "weight": found.weights[s.key],
                "stored": found.stored_weights[s.key],
            }
            for s in found.specs
        ],
    )


def _sheet_page_url(request: AuthedRequest, pk: int, *, saved: bool) -> str:
    """Back to the page of the sheet that was posted or, once saved, on to the next one
    ("Speichern und weiter")."""
    raw = request.POST.get("bogen", "")
    number = int(raw) if raw.isdigit() and len(raw) < 6 else 1
    if saved and request.POST.get("submit") == "next":
        number += 1
    url = reverse("ideas:round", kwargs={"pk": pk})
    return f"{url}?bogen={number}#h-sheet" if number > 1 else f"{url}#h-sheet"


@login_required
@require_POST
def round_scores(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.get_round_for(request.user, pk, "ideas.score")
    values: dict[tuple[int, int], int | None] = {}
    for key in request.POST:
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "s" and parts[1].isdigit() and parts[2].isdigit():
            raw = request.POST.get(key, "").strip()
            if raw == "":
                values[(int(parts[1]), int(parts[2]))] = None
            elif raw.lstrip("-").isdigit() and len(raw) < 5:
                values[(int(parts[1]), int(parts[2]))] = int(raw)
            else:
                messages.error(
                    request, _("„%(value)s“ ist keine ganze Zahl.") % {"value": raw[:20]}
                )
                return redirect(_sheet_page_url(request, pk, saved=False))
    try:
        services.scores_save(scoring_round=scoring_round, rater=request.user, values=values)
        if request.POST.get("submit") == "1":
            services.round_submit(scoring_round=scoring_round, rater=request.user)
            messages.success(
                request,
                _("Ihre Bewertung ist abgegeben. Jetzt sehen Sie die Bewertungen der anderen."),
            )
        else:
            messages.success(request, _("Ihre Bewertung ist gespeichert (noch nicht abgegeben)."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_sheet_page_url(request, pk, saved=False))
    return redirect(_sheet_page_url(request, pk, saved=True))


@login_required
@require_POST
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.get_round_for(request.user, pk, "ideas.manage_rounds")
    run_and_report(
        request,
        lambda: services.round_close(scoring_round=scoring_round, user=request.user),
        _("Die Runde ist abgeschlossen; Bewertungen und Gewichte sind eingefroren."),
    )
    return redirect("ideas:round", pk=pk)


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _round_scope(request: AuthedRequest, pk: int) -> exporting.Scope:
    scoring_round = selectors.get_round_for(request.user, pk, "ideas.manage_rounds")
    return exporting.Scope(scoring_round.programme, scoring_round.name)


@exporting.export("ideas.ranking_xlsx", gettext_lazy("Rangfolge (XLSX)"), _round_scope)
def round_export(
    request: AuthedRequest, progress: exporting.Progress, pk: int
) -> tuple[bytes, str]:
    """The ranking with the weights chosen on the page (built by the background worker)."""
    scoring_round = selectors.get_round_for(request.user, pk, "ideas.manage_rounds")
    found = selectors.ranking(scoring_round, request.user, weights=_weights(request))
    mean, spread = _("Mittel"), _("Spanne")
    headers = [
        _("Rang"),
        _("Idee"),
        _("Themenfeld"),
        _("Herkunft"),
        _("Punkte (0–100)"),
        _("Nutzen (0–100)"),
        _("Aufwand (0–100)"),
        _("Quadrant"),
        _("Uneinig"),
        *[f"{found.names[s.key]} ({mean})" for s in found.specs],
        *[f"{found.names[s.key]} ({spread})" for s in found.specs],
    ]
    rows = [
        [
            row.result.rank,
            row.idea.title,
            row.idea.field_of_action.name if row.idea.field_of_action else "",
            row.idea.get_source_display(),
            _number(row.result.score),
            _number(row.result.value),
            _number(row.result.effort),
            row.quadrant_label,
            _("ja") if row.result.disagreement else _("nein"),
            *[_number(row.result.criteria[s.key].raw_mean) for s in found.specs],
            *[_number(row.result.criteria[s.key].spread) for s in found.specs],
        ]
        for row in found.rows
    ]
    return build_workbook(_("Rangfolge"), headers, rows), f"rangfolge-{scoring_round.pk}.xlsx"


@login_required
def round_matrix(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.get_round_for(request.user, pk)
    seat = RoundRater.objects.filter(round=scoring_round, user=request.user).first()
    manages = request.user.has_perm("ideas.manage_rounds", scoring_round)
    if not manages and (seat is None or seat.submitted_at is None):
        messages.info(
            request, _("Die Matrix sehen Sie, sobald Sie Ihre Bewertung abgegeben haben.")
        )
        return redirect("ideas:round", pk=pk)
    found = selectors.ranking(scoring_round, request.user)
    programme = scoring_round.programme
    fields = list(FieldOfAction.objects.filter(programme=programme).order_by("order", "name"))
    field_index = {f.pk: i for i, f in enumerate(fields)}
    categories = [f.name for f in fields] + [_("ohne Themenfeld")]
    plotted: list[selectors.RankedIdea] = []
    unplotted: list[selectors.RankedIdea] = []
    for row in found.rows:
        on_both_axes = row.result.value is not None and row.result.effort is not None
        (plotted if on_both_axes else unplotted).append(row)
    # Chart and table show one page of the ranked ideas (a round can hold thousands); the
    # counts and the balance per field are over the whole round.
    page, query = paginate(request, plotted, MATRIX_PAGE_SIZE)
    chart = bubble_chart(
        chart_id="chart-matrix",
        title=_("Nutzen und Aufwand der Ideen"),
        desc=_(
            "Jede Idee ist ein nummerierter Kreis: rechts mehr Nutzen, oben mehr Aufwand, die "
            "Größe zeigt die Kostenschätzung, die Farbe das Themenfeld. Die Tabelle darunter "
            "nennt dieselben Werte mit denselben Nummern."
        ),
        points=[
            (
                r.idea.title,
                r.result.value or 0.0,
                r.result.effort or 0.0,
                float(r.idea.cost_estimate) if r.idea.cost_estimate is not None else None,
                field_index.get(r.idea.field_of_action_id or 0, len(fields)),
            )
            for r in page.object_list
        ],
        categories=categories,
        x_label=_("Nutzen (0–100)"),
        y_label=_("Aufwand (0–100)"),
        quadrant_labels=(
            _("fraglich"),
            _("strategische Vorhaben"),
            _("Nebenbei-Vorhaben"),
            _("Quick Wins"),
        ),
        first_number=page.start_index(),
    )
    projects: dict[int | None, int] = dict(
        Project.objects.filter(programme=programme)
        .values("field_of_action_id")
        .annotate(n=Count("pk"))
        .values_list("field_of_action_id", "n")
    )
    balance = selectors.field_balance(found.rows, fields)
    for line in balance:
        line.projects = projects.get(line.field.pk if line.field else None, 0)
    return ideas_page(
        request,
        "ideas/matrix.html",
        programme,
        round=scoring_round,
        chart=chart,
        page=page,
        query=query,
        unplotted=unplotted[:UNPLOTTED_NAMED],
        unplotted_more=max(0, len(unplotted) - UNPLOTTED_NAMED),
        balance=balance,
        quadrants=list(selectors.QUADRANT_LABELS.values()),
        quick_wins=sum(1 for r in plotted if r.result.quadrant == scoring.QUICK_WIN),
        strategic=sum(1 for r in plotted if r.result.quadrant == scoring.STRATEGIC),
    )
