"""Programme-wide OKR pages: the overview by field of action, quarter management for the
programme office, and the Quartalskonferenz with its PDF and XLSX exports."""

from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import exporting
from lotse.documents.typeset import Progress
from lotse.documents.xlsx import build_workbook
from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.portfolio.selectors import get_programme_for
from lotse.portfolio.services import EditConflict

from .. import exports
from .. import scoring
from .. import selectors
from .. import services
from ..forms import OkrSettingsForm
from ..models import Quarter

VIEW = "okr.view_okrs"
# Objectives per page of the OKR overview and the Quartalskonferenz (issue 14).
OBJECTIVES_PER_PAGE = selectors.OBJECTIVES_PER_PAGE
okr_page = partial(section_page, section="okr")


def _quarter_context(request: HttpRequest, slug: str) -> dict:
    programme = get_programme_for(request.user, slug, VIEW)
    quarters = selectors.quarters_of(programme)
    quarter = selectors.chosen_quarter(quarters, request.GET.get("quartal"), timezone.localdate())
    return {
        "programme": programme,
        "quarters": quarters,
        "quarter": quarter,
        "nav_section": "okr",
        "today": timezone.localdate(),
        "can_manage_quarters": request.user.has_perm("okr.manage_quarters", programme),
    }


@login_required
def programme_okrs(request: AuthedRequest, slug: str) -> HttpResponse:
    """The achievement table over every objective, then the objectives a page at a time:
    those not reached with the least progress first (issue 14: the page keeps its size)."""
    context = _quarter_context(request, slug)
    if context["quarter"]:
        context |= selectors.programme_overview(
            context["programme"], context["quarter"], request.GET.get("seite"), OBJECTIVES_PER_PAGE
        )
        context["bands"] = [scoring.GREEN, scoring.AMBER, scoring.RED, scoring.NO_BAND]
        params = request.GET.copy()
        params.pop("seite", None)
        context["page_query"] = params.urlencode()
    return render(request, "okr/programme_okrs.html", context)


@dataclass(frozen=True)
class QuarterRow:
    """A row of the quarters page: the quarter and the step it can take next (None: closed)."""

    quarter: Quarter
    next_state: str | None
    next_state_label: str | None


@login_required
def quarters(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "okr.manage_quarters")
    settings = selectors.settings_for(programme)
    form = OkrSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        services.okr_settings_update(programme=programme, data=form.cleaned_data)
        messages.success(request, _("Die OKR-Einstellungen wurden gespeichert."))
        return redirect("okr:quarters", slug=programme.slug)
    rows = []
    for quarter in reversed(list(selectors.quarters_of(programme))):
        position = services.ORDER.index(Quarter.State(quarter.state))
        following = services.ORDER[position + 1] if position + 1 < len(services.ORDER) else None
        rows.append(QuarterRow(quarter, following, str(following.label) if following else None))
    return okr_page(request, "okr/quarters.html", programme, quarters=rows, form=form)


@login_required
@require_POST
def quarter_create_next(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "okr.manage_quarters")
    try:
        quarter = services.quarter_create_next(programme=programme, today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Das Quartal %(quarter)s wurde angelegt; die Projekte können jetzt planen.")
            % {"quarter": quarter},
        )
    return redirect("okr:quarters", slug=programme.slug)


@login_required
@require_POST
def quarter_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    quarter = selectors.get_quarter_for(request.user, pk, "okr.manage_quarters")
    version = request.POST.get("version")
    to_state = request.POST.get("state", "")
    try:
        services.quarter_transition(
            quarter=quarter,
            to_state=to_state,
            expected_version=posted_version(request),
            confirm_missing_reviews=request.POST.get("confirm_missing_reviews") == "1",
        )
    except services.MissingReviews as exc:
        # Ask before closing: name every objective without its review.
        return okr_page(
            request,
            "okr/quarter_close_confirm.html",
            quarter.programme,
            quarter=quarter,
            state=to_state,
            version=version or "",
            missing=exc.objectives,
        )
    except (ValidationError, EditConflict) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request,
            _("Das Quartal %(quarter)s ist jetzt „%(state)s“.")
            % {"quarter": quarter, "state": quarter.get_state_display()},
        )
    return redirect("okr:quarters", slug=quarter.programme.slug)


def _conference(request: HttpRequest, slug: str) -> dict:
    context = _quarter_context(request, slug)
    if context["quarter"]:
        context |= selectors.quarterly_conference(context["programme"], context["quarter"])
    return context


@login_required
def conference(request: AuthedRequest, slug: str) -> HttpResponse:
    """The conference page a page of objectives at a time, with at most a page of links and
    drafts; the PDF and the XLSX keep everything (issue 14)."""
    context = _quarter_context(request, slug)
    if context["quarter"]:
        context |= selectors.conference_page(
            context["programme"], context["quarter"], request.GET.get("seite"), OBJECTIVES_PER_PAGE
        )
        params = request.GET.copy()
        params.pop("seite", None)
        context["page_query"] = params.urlencode()
    return render(request, "okr/conference.html", context)


def conference_pdf_document(
    request: AuthedRequest, slug: str, progress: Progress | None = None
) -> tuple[bytes, str]:
    """The Quartalskonferenz pack (built by the background worker, see ../jobs.py)."""
    from lotse.jobs.registry import JobFailed
    from lotse.okr.conference_pdf import render_pdf

    context = _conference(request, slug)
    quarter = context["quarter"]
    if not quarter:
        raise JobFailed(_("Dieses Quartal gibt es nicht (mehr)."))
    pdf = render_pdf(context, progress=progress)
    name = f"quartalskonferenz-{context['programme'].slug}-{quarter.year}-q{quarter.number}.pdf"
    return pdf, name


@login_required
@require_POST
def conference_pdf(request: AuthedRequest, slug: str) -> HttpResponse:
    from lotse.jobs.documents import queue_document

    context = _quarter_context(request, slug)
    quarter = context["quarter"]
    if not quarter:
        return redirect("okr:conference", slug=slug)
    programme = context["programme"]
    title = _("Quartalskonferenz %(quarter)s – %(programme)s") % {
        "quarter": quarter,
        "programme": programme.name,
    }
    return queue_document(
        request, kind="okr.conference_pdf", title=title, programme=programme, slug=slug
    )


def _conference_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    context = _quarter_context(request, slug)
    if not context["quarter"]:
        raise Http404
    return exporting.Scope(context["programme"], f"{context['quarter']} – {context['programme']}")


@exporting.export(
    "okr.conference_xlsx",
    gettext_lazy("Quartalskonferenz (XLSX)"),
    _conference_scope,
    query=("quartal",),
)
def conference_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """Every objective of the quarter (built by the background worker)."""
    context = _conference(request, slug)
    quarter = context["quarter"]
    if not quarter:
        raise ValidationError(_("Dieses Quartal gibt es nicht (mehr)."))
    rows = exports.conference_rows(context["objectives"])
    name = f"quartalskonferenz-{context['programme'].slug}-{quarter.year}-q{quarter.number}.xlsx"
    title = _("Quartalskonferenz Q%(n)s %(y)s") % {"n": quarter.number, "y": quarter.year}
    return build_workbook(title, exports.conference_headers(), rows), name


def conference_url(programme_slug: str, quarter_id: int) -> str:
    return reverse("okr:conference", kwargs={"slug": programme_slug}) + f"?quartal={quarter_id}"
