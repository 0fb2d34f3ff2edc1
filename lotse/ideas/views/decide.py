"""The ranking onto the agenda, and the decision about one idea."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.governance.models import Meeting
from lotse.http import AuthedRequest

from .. import decisions
from .. import selectors
from .common import keep_typed


def _meeting(request: AuthedRequest, programme_id: int) -> Meeting | None:
    raw = request.POST.get("meeting", "")
    if not raw.isdigit():
        return None
    return (
        Meeting.objects.select_related("series")
        .filter(pk=int(raw), series__programme_id=programme_id)
        .first()
    )


@login_required
@require_POST
def round_to_agenda(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.get_round_for(request.user, pk, "ideas.decide")
    meeting = _meeting(request, scoring_round.programme_id)
    if meeting is None:
        messages.error(request, _("Bitte wählen Sie die Sitzung."))
        return redirect("ideas:round", pk=pk)
    try:
        decisions.ranking_to_agenda(scoring_round=scoring_round, meeting=meeting, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("ideas:round", pk=pk)
    messages.success(
        request, _("Die Rangfolge steht auf der Tagesordnung von „%(m)s“.") % {"m": meeting}
    )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def idea_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    idea = selectors.get_idea_for(request.user, pk, "ideas.decide")
    meeting = _meeting(request, idea.programme_id)
    outcome = request.POST.get("outcome", "")
    try:
        if outcome == "adopt":
            project = decisions.idea_adopt(
                idea=idea, meeting=meeting, user=request.user, title=request.POST.get("title", "")
            )
            messages.success(
                request,
                _("Die Idee ist als Leitprojekt „%(p)s“ aufgenommen (Phase Projektidee).")
                % {"p": project.title},
            )
            return redirect(project.get_absolute_url())
        if outcome == "reject":
            decisions.idea_reject(
                idea=idea, meeting=meeting, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(
                request, _("Die Idee wird nicht weiterverfolgt; der Grund ist öffentlich.")
            )
        else:
            raise ValidationError(_("Bitte wählen Sie die Entscheidung."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        keep_typed(request, idea, "decide", exc)
    return redirect("ideas:detail", pk=idea.pk)


def meeting_choices(programme_id: int, *, agenda: bool = False) -> list[Meeting]:
    return decisions.meetings_for_decision(programme_id, timezone.localdate(), agenda=agenda)
