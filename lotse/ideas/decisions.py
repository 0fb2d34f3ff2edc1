"""From ranking to Leitprojekt: the ranking of a closed round goes onto the agenda of the
deciding body as one item, and the body's decision either takes an idea up as a project (in
stage "Projektidee", with its field, description, scores and a link back) or records a public
reason for not pursuing it (seed 003 §2.1: the scoring procedure determines the Leitprojekte).

`ideas` sits above `governance` and `portfolio` and calls their services; neither of them
knows about ideas."""

from datetime import date
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lotse.governance.models import AgendaItem
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.services import agenda_item_add
from lotse.governance.services import decision_record
from lotse.history import record_by
from lotse.http import User
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage
from lotse.portfolio.services import project_create
from lotse.validation import check_typed_text

from . import selectors
from .models import Idea
from .models import ModerationEvent
from .models import ScoringRound

# Decision kinds that record a portfolio choice without moving a project's stage.
PORTFOLIO_KINDS = [DecisionKind.STRATEGIC, DecisionKind.REPRIORITISE, DecisionKind.OTHER]
AGENDA_SHOWS = 10


def _meeting_check(meeting: Meeting, programme_id: int) -> None:
    if meeting.series.programme_id != programme_id:
        raise ValidationError({"meeting": [_("Die Sitzung gehört zu einem anderen Programm.")]})
    if meeting.is_cancelled:
        raise ValidationError({"meeting": [_("Die Sitzung ist abgesagt.")]})


def decision_kind_for(meeting: Meeting) -> str:
    for kind in PORTFOLIO_KINDS:
        if kind in meeting.series.powers:
            return kind
    raise ValidationError(
        {
            "meeting": [
                _("„%(series)s“ darf keine Entscheidung über Ideen treffen.")
                % {"series": meeting.series.name}
            ]
        }
    )


def _score_text(value: float | None) -> str:
    return "–" if value is None else number_format(round(value, 1), decimal_pos=1)


@transaction.atomic
def ranking_to_agenda(*, scoring_round: ScoringRound, meeting: Meeting, user: User) -> AgendaItem:
    """Put the closed round's ranking on the meeting's agenda as one item."""
    if not scoring_round.is_closed:
        raise ValidationError(
            _("Nur die Rangfolge einer abgeschlossenen Runde kommt auf die Tagesordnung.")
        )
    _meeting_check(meeting, scoring_round.programme_id)
    decision_kind_for(meeting)
    if (
        scoring_round.agenda_item_id
        and AgendaItem.objects.filter(
            pk=scoring_round.agenda_item_id, meeting=meeting, removed=False
        ).exists()
    ):
        raise ValidationError(_("Die Rangfolge steht schon auf dieser Tagesordnung."))
    found = selectors.ranking(scoring_round, user)
    lines = [
        f"{row.result.rank or '–'}. {row.idea.title} – {_score_text(row.result.score)} "
        + _("Punkte")
        + (f" ({row.quadrant_label})" if row.quadrant_label else "")
        for row in found.rows[:AGENDA_SHOWS]
    ]
    if len(found.rows) > AGENDA_SHOWS:
        lines.append(_("… und %(n)s weitere Ideen") % {"n": len(found.rows) - AGENDA_SHOWS})
    description = "\n".join(
        [
            _("Rangfolge der Bewertungsrunde „%(name)s“ (%(n)s Jurymitglieder):")
            % {"name": scoring_round.name, "n": found.submitted},
            *lines,
            _("Zu entscheiden: welche Ideen als Leitprojekte aufgenommen werden."),
        ]
    )
    item = agenda_item_add(
        meeting=meeting,
        data={
            "title": _("Priorisierung der Ideen: %(name)s") % {"name": scoring_round.name},
            "description": description,
            "minutes": 30,
        },
    )
    scoring_round.agenda_item = item
    scoring_round.save(update_fields=["agenda_item"])
    return item


def _latest_result(
    idea: Idea, user: User
) -> tuple[ScoringRound, selectors.RankedIdea | None] | tuple[None, None]:
    """The idea's result in its latest closed round, if any."""
    scoring_round = (
        idea.scoring_rounds.filter(state=ScoringRound.State.CLOSED).order_by("-closed_at").first()
    )
    if scoring_round is None:
        return None, None
    found = selectors.ranking(scoring_round, user)
    row = next((r for r in found.rows if r.idea.pk == idea.pk), None)
    return scoring_round, row


@transaction.atomic
def idea_adopt(*, idea: Idea, meeting: Meeting | None, user: User, title: str = "") -> Project:
    """Decision "als Leitprojekt aufnehmen": a project in stage Projektidee, linked both ways.
    The idea's state is checked before the input (the meeting, then the title, as the
    decision form asks for them): an idea that cannot be adopted says so whatever was typed."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.project_id is not None or idea.status == Idea.Status.ADOPTED:
        raise ValidationError(_("Diese Idee ist schon als Projekt aufgenommen."))
    if idea.moderation != Idea.Moderation.APPROVED:
        raise ValidationError(_("Nur freigegebene Ideen können aufgenommen werden."))
    if meeting is None:
        raise ValidationError(
            {"meeting": [_("Bitte wählen Sie die Sitzung, in der beschlossen wurde.")]}
        )
    _meeting_check(meeting, idea.programme_id)
    kind = decision_kind_for(meeting)
    # Named as the decision form labels the input (its only caller besides the demo).
    title = check_typed_text(
        (title or "").strip(),
        Project,
        "title",
        label=_("Projekttitel (leer: Titel der Idee)"),
    )
    scoring_round, row = _latest_result(idea, user)
    facts = [
        _("Aus der Idee „%(title)s“ (%(source)s, eingegangen am %(day)s).")
        % {
            "title": idea.title,
            "source": idea.get_source_display(),
            "day": idea.created_at.strftime("%d.%m.%Y"),
        }
    ]
    if scoring_round is not None and row is not None and row.result.score is not None:
        facts.append(
            _(
                "Bewertung in „%(round)s“: %(score)s von 100 Punkten, Rang %(rank)s, "
                "Nutzen %(value)s, Aufwand %(effort)s."
            )
            % {
                "round": scoring_round.name,
                "score": _score_text(row.result.score),
                "rank": row.result.rank,
                "value": _score_text(row.result.value),
                "effort": _score_text(row.result.effort),
            }
        )
    project = project_create(
        programme=idea.programme,
        data={
            "title": title or idea.title.strip(),
            "description": "\n\n".join([idea.description, *facts]),
            "field_of_action": idea.field_of_action,
            "stage": Stage.IDEA,
            # A public idea's project is public too: the public idea page links to it.
            "published": idea.is_public,
        },
    )
    agenda_item = None
    if scoring_round is not None and scoring_round.agenda_item_id:
        agenda_item = AgendaItem.objects.filter(
            pk=scoring_round.agenda_item_id, meeting=meeting
        ).first()
    decision = decision_record(
        meeting=meeting,
        kind=kind,
        wording=_("Die Idee „%(title)s“ wird als Leitprojekt aufgenommen.") % {"title": idea.title},
        user=user,
        rationale=" ".join(facts[1:]),
        project=project,
        agenda_item=agenda_item,
    )
    idea.project = project
    idea.decision = decision
    idea.status = Idea.Status.ADOPTED
    record_by(idea, user)
    idea.save()
    ModerationEvent.objects.create(
        idea=idea, action=ModerationEvent.Action.DECIDED, user=user, note=str(decision.wording)
    )
    return project


@transaction.atomic
def idea_reject(*, idea: Idea, meeting: Meeting | None, user: User, reason: str) -> Decision | None:
    """Decision "nicht weiterverfolgen", with a reason the public sees."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status == Idea.Status.ADOPTED:
        raise ValidationError(_("Diese Idee ist schon als Projekt aufgenommen."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Bitte nennen Sie den Grund; er erscheint öffentlich.")]}
        )
    decision = None
    if meeting is not None:
        _meeting_check(meeting, idea.programme_id)
        decision = decision_record(
            meeting=meeting,
            kind=decision_kind_for(meeting),
            wording=_("Die Idee „%(title)s“ wird nicht weiterverfolgt.") % {"title": idea.title},
            rationale=reason,
            user=user,
        )
    idea.status = Idea.Status.REJECTED
    idea.decision_reason = reason
    idea.decision = decision
    record_by(idea, user)
    idea.save()
    ModerationEvent.objects.create(
        idea=idea, action=ModerationEvent.Action.DECIDED, user=user, note=reason
    )
    return decision


def meetings_for_decision(programme_id: int, today: date, *, agenda: bool = False) -> list[Meeting]:
    """Meetings of bodies that may decide about ideas: for the agenda the coming ones (and
    the last four weeks), for a decision those that took place and whose minutes are open."""
    found = Meeting.objects.filter(
        series__programme_id=programme_id, date__gte=today - timedelta(days=28)
    ).exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
    if not agenda:
        found = found.filter(date__lte=today)
    found = found.select_related("series").order_by("date", "start_time")[:60]
    return [m for m in found if any(k in m.series.powers for k in PORTFOLIO_KINDS)][:30]
