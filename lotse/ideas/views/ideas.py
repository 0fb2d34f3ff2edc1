"""Internal idea pages: the inbox with moderation, an idea with its record, staff ideas and
the workshop import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.documents.xlsx import xlsx_response
from lotse.forms import add_service_errors
from lotse.forms import form_saved
from lotse.forms import posted_version
from lotse.http import AuthedRequest
from lotse.http import paginate
from lotse.jobs.views import start_job
from lotse.portfolio.forms import REFUSED_EDIT
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for

from .. import importing
from .. import selectors
from .. import services
from ..forms import IdeaForm
from ..models import Idea
from .common import TYPED
from .common import ideas_page
from .common import keep_typed
from .common import kept_typed
from .decide import meeting_choices

VIEW = "ideas.view_ideas"


# Ideas per page of the internal list.
IDEAS_PER_PAGE = 50


@login_required
def idea_list(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, VIEW)
    filters = {k: request.GET.get(k, "") for k in ("field", "status", "source", "moderation", "q")}
    qs = selectors.filter_ideas(selectors.ideas_of(programme, request.user), filters)
    moderates = request.user.has_perm("ideas.moderate", programme)
    pending = (
        Idea.objects.filter(programme=programme, moderation=Idea.Moderation.PENDING).count()
        if moderates
        else 0
    )
    page, query = paginate(request, qs.order_by("-created_at", "-pk"), IDEAS_PER_PAGE)
    return ideas_page(
        request,
        "ideas/list.html",
        programme,
        ideas=page.object_list,
        page=page,
        query=query,
        filters=filters,
        fields=list(FieldOfAction.objects.filter(programme=programme)),
        statuses=Idea.Status.choices,
        sources=Idea.Source.choices,
        moderations=Idea.Moderation.choices,
        moderates=moderates,
        pending=pending,
        can_add=request.user.has_perm("ideas.add_idea", programme),
    )


@login_required
def idea_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.add_idea")
    form = IdeaForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(
                programme=programme, user=request.user, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Ihre Idee ist erfasst; sie ist intern, bis die Moderation sie veröffentlicht."),
            )
            return redirect("ideas:detail", pk=idea.pk)
    return ideas_page(request, "ideas/form.html", programme, form=form, title=_("Idee erfassen"))


@login_required
def idea_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    idea = selectors.get_idea_for(request.user, pk)
    moderates = request.user.has_perm("ideas.moderate", idea)
    return ideas_page(
        request,
        "ideas/detail.html",
        idea.programme,
        idea=idea,
        moderates=moderates,
        decides=request.user.has_perm("ideas.decide", idea),
        events=list(idea.moderation_events.select_related("user")) if moderates else [],
        merge_targets=list(
            Idea.objects.filter(programme=idea.programme_id)
            .exclude(pk=idea.pk)
            .exclude(moderation=Idea.Moderation.MERGED)
            .only("pk", "title")
        )
        if moderates
        else [],
        supported=idea.supports.filter(user=request.user).exists(),
        meetings=meeting_choices(idea.programme_id)
        if request.user.has_perm("ideas.decide", idea)
        else [],
        statuses=[(c, label) for c, label in Idea.Status.choices if c != "adopted"],
        kept=kept_typed(request, idea),
    )


@login_required
def idea_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    idea = selectors.get_idea_for(request.user, pk, "ideas.moderate")
    form = IdeaForm(request.POST or None, instance=idea, programme=idea.programme, with_note=True)
    if form_saved(
        request,
        form,
        lambda: services.idea_update(
            idea=Idea.objects.get(pk=idea.pk),
            user=request.user,
            data=form.changes(leave_out=("note",)),
            note=form.cleaned_data.get("note", ""),
            expected_version=posted_version(request),
        ),
        REFUSED_EDIT,
    ):
        messages.success(request, _("Die Idee ist gespeichert."))
        return redirect("ideas:detail", pk=idea.pk)
    return ideas_page(
        request,
        "ideas/form.html",
        idea.programme,
        form=form,
        idea=idea,
        title=_("Idee bearbeiten"),
    )


def _done(request: AuthedRequest, idea: Idea, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("ideas:detail", pk=idea.pk)


def _failed(request: AuthedRequest, idea: Idea, exc: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(exc.messages))
    return redirect("ideas:detail", pk=idea.pk)


@login_required
@require_POST
def idea_moderate(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    perm = "ideas.decide" if action == "status" else "ideas.moderate"
    idea = selectors.get_idea_for(request.user, pk, perm)
    user = request.user
    try:
        if action == "approve":
            services.idea_approve(idea=idea, user=user)
            text = _("Die Idee ist freigegeben.")
        elif action == "hide":
            services.idea_hide(idea=idea, user=user, reason=request.POST.get("reason", ""))
            text = _("Die Idee ist ausgeblendet.")
        elif action == "merge":
            into_id = request.POST.get("into", "")
            into = Idea.objects.filter(
                pk=into_id if into_id.isdigit() else 0, programme=idea.programme_id
            ).first()
            if into is None:
                raise ValidationError(_("Bitte wählen Sie die Idee, mit der zusammengeführt wird."))
            services.idea_merge(idea=idea, into=into, user=user, note=request.POST.get("note", ""))
            text = _("Die Idee ist mit „%(title)s“ zusammengeführt.") % {"title": into.title}
        elif action == "release":
            public = request.POST.get("public") == "1"
            services.idea_release(idea=idea, user=user, public=public)
            text = (
                _("Die Idee ist jetzt öffentlich.") if public else _("Die Idee ist jetzt intern.")
            )
        else:
            services.idea_set_status(
                idea=idea,
                user=user,
                status=request.POST.get("status", ""),
                reason=request.POST.get("reason", ""),
            )
            text = _("Der Status ist gesetzt.")
    except ValidationError as exc:
        if action in TYPED:
            keep_typed(request, idea, action, exc)
        return _failed(request, idea, exc)
    return _done(request, idea, text)


@login_required
@require_POST
def idea_support(request: AuthedRequest, pk: int) -> HttpResponse:
    idea = selectors.get_idea_for(request.user, pk)
    try:
        created = services.idea_support(idea=idea, user=request.user)
    except ValidationError as exc:
        return _failed(request, idea, exc)
    text = _("Sie unterstützen diese Idee.") if created else _("Sie unterstützen diese Idee schon.")
    return _done(request, idea, text)


# A sheet with more ideas is checked and written by the background worker (../jobs.py).
IMPORT_JOB_ROWS = 200


def _queue_workshop_import(
    request: AuthedRequest, programme: Programme, name: str, rows: list[importing.Row]
) -> HttpResponse:
    from dataclasses import asdict

    return start_job(
        request,
        kind="ideas.workshop_import",
        title=_("Import der Workshop-Ideen aus „%(file)s“") % {"file": name},
        params={
            "slug": programme.slug,
            "rows": [asdict(r) for r in rows],
            "source": request.POST.get("source", "").strip(),
        },
        programme=programme,
    )


@login_required
def workshop_import(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.moderate")
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Bitte wählen Sie eine XLSX-Datei.")]
        elif (upload.size or 0) > 5 * 1024 * 1024:
            errors = [_("Die Datei ist größer als 5 MB.")]
        else:
            try:
                rows = importing.read_sheet(upload.read())
                if len(rows) > IMPORT_JOB_ROWS:
                    return _queue_workshop_import(request, programme, upload.name or "", rows)
                created = importing.workshop_import(
                    programme=programme,
                    user=request.user,
                    rows=rows,
                    default_source=request.POST.get("source", "").strip(),
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _("%(n)s Ideen aus dem Workshop sind übernommen.") % {"n": len(created)},
                )
                return redirect("ideas:list", slug=programme.slug)
    return ideas_page(
        request,
        "ideas/import.html",
        programme,
        errors=errors,
        headers=importing.HEADERS,
        source=request.POST.get("source", ""),
        status=422 if errors else 200,
    )


@login_required
def import_template(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, "ideas.moderate")
    example = FieldOfAction.objects.filter(programme=programme).first()
    return xlsx_response(
        "ideen-vorlage.xlsx",
        _("Ideen"),
        importing.HEADERS,
        [
            [
                "Beispiel: Termine online",
                "Kurz beschreiben",
                example.name if example else "",
                "Workshop 12.03.",
                "",
            ]
        ],
    )
