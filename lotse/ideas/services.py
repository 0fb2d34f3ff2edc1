"""Every change to ideas, supports, criteria and scoring rounds (UI and API alike).

Moderation acts also write a `ModerationEvent`, so who did what, when and why stays on record
beside the row history."""

import hashlib
import hmac
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.history import record_by
from lotse.http import AnyUser
from lotse.http import User
from lotse.portfolio.models import Programme
from lotse.portfolio.services import apply_fields
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import save_versioned
from lotse.validation import check_typed_text
from lotse.validation import raise_errors

from .defaults import DEFAULT_CRITERIA
from .defaults import LEVELS_0_5
from .models import Criterion
from .models import Idea
from .models import IdeaSettings
from .models import ModerationEvent
from .models import RoundRater
from .models import Score
from .models import ScoringRound
from .models import Support

IDEA_FIELDS = ["title", "description", "field_of_action", "cost_estimate", "source_note"]
Action = ModerationEvent.Action


def _record(idea: Idea, action: str, user: AnyUser | None = None, note: str = "") -> None:
    author = user if user is not None and user.is_authenticated else None
    ModerationEvent.objects.create(idea=idea, action=action, user=author, note=note)


def _as_user(obj: Model, user: AnyUser | None) -> None:
    if user is not None and user.is_authenticated:
        record_by(obj, user)


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    return value


# --- settings ----------------------------------------------------------------------------------


def idea_settings_for(programme: Programme) -> IdeaSettings:
    found, _created = IdeaSettings.objects.get_or_create(programme=programme)
    return found


SETTINGS_FIELDS = {"public_platform", "moderation", "intro", "anonymise_after_days"}


@transaction.atomic
def idea_settings_update(
    *, settings: IdeaSettings, data: dict[str, Any], expected_version: int | None = None
) -> IdeaSettings:
    apply_fields(settings, data, SETTINGS_FIELDS)
    settings.full_clean(exclude=["version", "programme"])
    claim_version(settings, expected_version)
    settings.save()
    return settings


# --- intake ------------------------------------------------------------------------------------


def _apply(idea: Idea, data: dict[str, Any]) -> None:
    for name in IDEA_FIELDS:
        if name in data:
            value = data[name]
            setattr(idea, name, "" if value is None and name == "source_note" else value)
    idea.title = (idea.title or "").strip()
    idea.description = (idea.description or "").strip()


def _validate(idea: Idea) -> None:
    errors: dict[str, list[str]] = {}
    field = idea.field_of_action if idea.field_of_action_id else None
    if field is not None and field.programme_id != idea.programme_id:
        errors["field_of_action"] = [_("Das Themenfeld gehört nicht zu diesem Programm.")]
    raise_errors(
        errors,
        lambda: idea.full_clean(exclude=["version", "programme"], validate_constraints=False),
    )


@transaction.atomic
def idea_submit_public(*, programme: Programme, data: dict[str, Any]) -> Idea:
    """A citizen's idea from the public form: public, and visible at once only if the
    programme moderates afterwards."""
    settings = idea_settings_for(programme)
    if not settings.public_platform:
        raise ValidationError(_("Die Ideenplattform dieses Programms ist nicht eingeschaltet."))
    idea = Idea(programme=programme, source=Idea.Source.PUBLIC, is_public=True)
    _apply(idea, data)
    idea.author_name = (data.get("author_name") or "").strip()
    idea.author_email = (data.get("author_email") or "").strip()
    idea.contact_consent = bool(data.get("contact_consent")) and bool(idea.author_email)
    if idea.author_email and not data.get("contact_consent"):
        raise ValidationError(
            {
                "contact_consent": [
                    _(
                        "Wenn Sie eine E-Mail-Adresse angeben, bestätigen Sie bitte, dass wir "
                        "Sie für Rückfragen anschreiben dürfen – oder lassen Sie das Feld leer."
                    )
                ]
            }
        )
    if settings.moderation == IdeaSettings.Moderation.POST:
        idea.moderation = Idea.Moderation.APPROVED
    _validate(idea)
    idea.save()
    _record(idea, Action.SUBMITTED)
    return idea


@transaction.atomic
def idea_create(
    *, programme: Programme, user: AnyUser, data: dict[str, Any], source: str = Idea.Source.STAFF
) -> Idea:
    """A staff or workshop idea: internal (not public) until released, needs no approval."""
    if source not in (Idea.Source.STAFF, Idea.Source.WORKSHOP):
        raise ValidationError({"source": [_("Unbekannte Herkunft.")]})
    idea = Idea(
        programme=programme,
        source=source,
        is_public=False,
        moderation=Idea.Moderation.APPROVED,
        author=user if source == Idea.Source.STAFF and user.is_authenticated else None,
    )
    _apply(idea, data)
    if source == Idea.Source.WORKSHOP and not idea.source_note:
        raise ValidationError(
            {"source_note": [_("Bitte nennen Sie den Workshop, z. B. „Workshop 12.03.“.")]}
        )
    _validate(idea)
    _as_user(idea, user)
    idea.save()
    _record(idea, Action.SUBMITTED, user)
    return idea


# --- moderation --------------------------------------------------------------------------------


@transaction.atomic
def idea_approve(*, idea: Idea, user: AnyUser) -> Idea:
    if idea.moderation == Idea.Moderation.MERGED:
        raise ValidationError(_("Eine zusammengeführte Idee kann nicht freigegeben werden."))
    idea.moderation = Idea.Moderation.APPROVED
    idea.hidden_reason = ""
    _as_user(idea, user)
    idea.save()
    _record(idea, Action.APPROVED, user)
    return idea


@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    user: AnyUser,
    data: dict[str, Any],
    note: str = "",
    expected_version: int | None = None,
) -> Idea:
    """Edit an idea. Editing someone else's public idea needs a note that is shown with it."""
    for name in data:
        if name not in IDEA_FIELDS:
            raise ValueError(f"not an editable idea field: {name}")
    note = (note or "").strip()
    edits_citizen_text = idea.source == Idea.Source.PUBLIC and any(
        name in data and data[name] != getattr(idea, name) for name in ("title", "description")
    )
    if edits_citizen_text and not note:
        raise ValidationError(
            {
                "note": [
                    _(
                        "Bitte begründen Sie die Bearbeitung in einem Hinweis; er erscheint "
                        "öffentlich bei der Idee."
                    )
                ]
            }
        )
    _apply(idea, data)
    if note:
        idea.moderation_note = note
    _validate(idea)
    claim_version(idea, expected_version)
    _as_user(idea, user)
    idea.save()
    _record(idea, Action.EDITED, user, note)
    return idea


@transaction.atomic
def idea_hide(*, idea: Idea, user: AnyUser, reason: str) -> Idea:
    reason = _required(reason, "reason", _("Bitte nennen Sie den Grund für das Ausblenden."))
    check_typed_text(reason, Idea, "hidden_reason")
    idea.moderation = Idea.Moderation.HIDDEN
    idea.hidden_reason = reason
    _as_user(idea, user)
    idea.save()
    _record(idea, Action.HIDDEN, user, reason)
    return idea


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea, user: AnyUser, note: str = "") -> Idea:
    """Fold a duplicate into another idea; its supports move over (each person once)."""
    if into.pk == idea.pk:
        raise ValidationError(
            {"into": [_("Eine Idee kann nicht mit sich selbst zusammengeführt werden.")]}
        )
    if into.programme_id != idea.programme_id:
        raise ValidationError({"into": [_("Die Idee gehört zu einem anderen Programm.")]})
    if into.moderation == Idea.Moderation.MERGED:
        raise ValidationError(
            {
                "into": [
                    _("„%(title)s“ ist selbst schon zusammengeführt worden.")
                    % {"title": into.title}
                ]
            }
        )
    for support in list(idea.supports.all()):
        duplicate = Support.objects.filter(idea=into).filter(
            Q(user_id=support.user_id, user__isnull=False)
            | Q(token_hash=support.token_hash) & ~Q(token_hash="")
        )
        if duplicate.exists():
            support.delete()
        else:
            Support.objects.filter(pk=support.pk).update(idea=into)
    idea.moderation = Idea.Moderation.MERGED
    idea.merged_into = into
    _as_user(idea, user)
    idea.save()
    text = (note or "").strip() or _("zusammengeführt mit „%(title)s“") % {"title": into.title}
    _record(idea, Action.MERGED, user, text)
    return idea


@transaction.atomic
def idea_release(*, idea: Idea, user: AnyUser, public: bool) -> Idea:
    """Make a staff or workshop idea public (or internal again)."""
    idea.is_public = public
    _as_user(idea, user)
    idea.save()
    _record(
        idea,
        Action.RELEASED,
        user,
        _("öffentlich") if public else _("wieder intern"),
    )
    return idea


@transaction.atomic
def idea_set_status(*, idea: Idea, user: AnyUser, status: str, reason: str = "") -> Idea:
    """The idea's status by hand (the page's "Status setzen", the API's `status`); an idea
    adopted as a project keeps its status, refused before the input is read, as the
    decision refuses it (`decisions.idea_reject`)."""
    if idea.status == Idea.Status.ADOPTED:
        raise ValidationError(_("Diese Idee ist schon als Projekt aufgenommen."))
    if status not in Idea.Status.values:
        raise ValidationError({"status": [_("Unbekannter Status.")]})
    label = _("Begründung (öffentlich, Pflicht bei „nicht weiterverfolgt“)")
    check_typed_text(reason, Idea, "decision_reason", label=label, key="reason")
    if status == Idea.Status.ADOPTED and idea.project_id is None:
        raise ValidationError(
            {
                "status": [
                    _("„als Projekt aufgenommen“ setzt ein Beschluss, der das Projekt anlegt.")
                ]
            }
        )
    if status == Idea.Status.REJECTED:
        idea.decision_reason = _required(
            reason, "reason", _("Bitte nennen Sie den Grund; er erscheint öffentlich.")
        )
    idea.status = status
    _as_user(idea, user)
    idea.save()
    _record(idea, Action.STATUS, user, f"{idea.get_status_display()} {reason}".strip())
    return idea


# --- supports ----------------------------------------------------------------------------------


def token_digest(token: str) -> str:
    """The stored form of an anonymous supporter's random token: keyed, not reversible."""
    return hmac.new(
        django_settings.SECRET_KEY.encode(), f"idea-support:{token}".encode(), hashlib.sha256
    ).hexdigest()


def idea_support(*, idea: Idea, user: AnyUser | None = None, token: str = "") -> bool:
    """Record one support; False if this person already supports the idea."""
    if not idea.is_publicly_visible and (user is None or not user.is_authenticated):
        raise ValidationError(_("Diese Idee kann nicht unterstützt werden."))
    if idea.moderation not in (Idea.Moderation.APPROVED,):
        raise ValidationError(_("Diese Idee kann nicht unterstützt werden."))
    if user is not None and user.is_authenticated:
        support = Support(idea=idea, user=user)
    elif token:
        support = Support(idea=idea, token_hash=token_digest(token))
    else:
        raise ValidationError(_("Ohne Kennung kann keine Unterstützung gezählt werden."))
    try:
        with transaction.atomic():
            support.save()
    except IntegrityError:
        return False
    return True


# --- criteria ----------------------------------------------------------------------------------


@transaction.atomic
def criteria_create_defaults(*, programme: Programme) -> int:
    """Add the seeds' default criteria that the programme does not have yet."""
    existing = set(Criterion.objects.filter(programme=programme).values_list("name", flat=True))
    created = 0
    for order, spec in enumerate(DEFAULT_CRITERIA):
        if spec["name"] in existing:
            continue
        try:
            # In a savepoint: two people adding the defaults at once would both find them
            # missing, and the second insert of a name would be a 500.
            with transaction.atomic():
                Criterion.objects.create(
                    programme=programme,
                    order=order,
                    levels=LEVELS_0_5,
                    scale_min=0,
                    scale_max=5,
                    **spec,
                )
        except IntegrityError:
            continue  # the other request added this one meanwhile
        created += 1
    return created


# In the order the criterion form shows them.
CRITERION_FIELDS = [
    "name",
    "description",
    "weight",
    "scale_min",
    "scale_max",
    "direction",
    "axis",
    "levels",
    "order",
    "active",
]


@transaction.atomic
def criterion_save(
    *, criterion: Criterion, data: dict[str, Any], expected_version: int | None = None
) -> Criterion:
    apply_fields(criterion, data, CRITERION_FIELDS)
    criterion.name = (criterion.name or "").strip()
    if criterion.pk and ("scale_min" in data or "scale_max" in data):
        outside = Score.objects.filter(criterion=criterion).exclude(
            value__gte=criterion.scale_min, value__lte=criterion.scale_max
        )
        if outside.exists():
            raise ValidationError(
                {"scale_max": [_("Es gibt schon Bewertungen außerhalb der neuen Skala.")]}
            )
    low, high = criterion.scale_min, criterion.scale_max
    if low is not None and high is not None and high <= low:
        raise ValidationError(
            {"scale_max": [_("Das Ende der Skala muss größer sein als ihr Anfang.")]}
        )
    criterion.full_clean(exclude=["version", "programme"], validate_constraints=False)
    if (
        Criterion.objects.filter(programme=criterion.programme, name=criterion.name)
        .exclude(pk=criterion.pk)
        .exists()
    ):
        raise ValidationError({"name": [_("Ein Kriterium dieses Namens gibt es schon.")]})
    return save_versioned(criterion, expected_version)


# --- scoring rounds ----------------------------------------------------------------------------


def _closed(scoring_round: ScoringRound) -> None:
    if scoring_round.is_closed:
        raise ValidationError(
            _(
                "Die Bewertungsrunde „%(name)s“ ist abgeschlossen; ihre Bewertungen sind "
                "eingefroren."
            )
            % {"name": scoring_round.name}
        )


@transaction.atomic
def round_create(
    *,
    programme: Programme,
    name: str,
    ideas: Iterable[Idea],
    raters: Iterable[User],
    user: AnyUser | None = None,
) -> ScoringRound:
    name = check_typed_text(
        _required(name, "name", _("Bitte geben Sie der Runde eine Bezeichnung.")),
        ScoringRound,
        "name",
    )
    ideas = list(ideas)
    raters = list(raters)
    errors: dict[str, list[str]] = {}
    if not ideas:
        errors["ideas"] = [_("Bitte wählen Sie mindestens eine Idee.")]
    elif any(i.programme_id != programme.pk for i in ideas):
        errors["ideas"] = [_("Alle Ideen müssen zu diesem Programm gehören.")]
    elif any(i.moderation != Idea.Moderation.APPROVED for i in ideas):
        errors["ideas"] = [_("Nur freigegebene Ideen können bewertet werden.")]
    if not raters:
        errors["raters"] = [_("Bitte wählen Sie mindestens eine Person für die Jury.")]
    raise_errors(errors)
    scoring_round = ScoringRound(programme=programme, name=name)
    _as_user(scoring_round, user)
    scoring_round.save()
    scoring_round.ideas.set(ideas)
    RoundRater.objects.bulk_create([RoundRater(round=scoring_round, user=r) for r in raters])
    for idea in ideas:
        if idea.status == Idea.Status.RECEIVED:
            idea.status = Idea.Status.IN_REVIEW
            _as_user(idea, user)
            idea.save(update_fields=["status", "updated_at"])
    return scoring_round


def _seat(scoring_round: ScoringRound, rater: User) -> RoundRater:
    seat = RoundRater.objects.filter(round=scoring_round, user=rater).first()
    if seat is None:
        raise ValidationError(_("Sie gehören nicht zur Jury dieser Runde."))
    return seat


@transaction.atomic
def scores_save(
    *, scoring_round: ScoringRound, rater: User, values: dict[tuple[int, int], int | None]
) -> int:
    """Save a rater's sheet: (idea id, criterion id) → value, None clears. Refused once the
    rater has submitted or the round is closed."""
    scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    _closed(scoring_round)
    seat = _seat(scoring_round, rater)
    if seat.submitted_at is not None:
        raise ValidationError(
            _("Sie haben Ihre Bewertung schon abgegeben; sie ist nicht mehr änderbar.")
        )
    idea_ids = set(scoring_round.ideas.values_list("pk", flat=True))
    criteria = {
        c.pk: c for c in Criterion.objects.filter(programme=scoring_round.programme, active=True)
    }
    errors: list[str] = []
    for (idea_id, criterion_id), value in values.items():
        criterion = criteria.get(criterion_id)
        if idea_id not in idea_ids or criterion is None:
            errors.append(
                _("Idee %(idea)s / Kriterium %(criterion)s gehört nicht zu dieser Runde.")
                % {"idea": idea_id, "criterion": criterion_id}
            )
        elif value is not None and not criterion.scale_min <= value <= criterion.scale_max:
            errors.append(
                _("„%(criterion)s“: %(value)s liegt nicht auf der Skala %(min)s bis %(max)s.")
                % {
                    "criterion": criterion.name,
                    "value": value,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                }
            )
    if errors:
        raise ValidationError(errors)
    changed = 0
    for (idea_id, criterion_id), value in values.items():
        if value is None:
            changed += Score.objects.filter(
                round=scoring_round, rater=rater, idea_id=idea_id, criterion_id=criterion_id
            ).delete()[0]
        else:
            Score.objects.update_or_create(
                round=scoring_round,
                rater=rater,
                idea_id=idea_id,
                criterion_id=criterion_id,
                defaults={"value": value},
            )
            changed += 1
    return changed


@transaction.atomic
def round_submit(*, scoring_round: ScoringRound, rater: User) -> RoundRater:
    _closed(scoring_round)
    seat = _seat(scoring_round, rater)
    if seat.submitted_at is None:
        seat.submitted_at = timezone.now()
        seat.save()
    return seat


def frozen_specs(criteria: Iterable[Criterion]) -> dict[str, dict[str, Any]]:
    return {
        str(c.pk): {
            "name": c.name,
            "weight": str(c.weight),
            "scale_min": c.scale_min,
            "scale_max": c.scale_max,
            "direction": c.direction,
            "axis": c.axis,
        }
        for c in criteria
    }


@transaction.atomic
def round_close(*, scoring_round: ScoringRound, user: AnyUser) -> ScoringRound:
    """Freeze the round: no more scores, and the weights of today stay its weights."""
    scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    _closed(scoring_round)
    criteria = Criterion.objects.filter(programme=scoring_round.programme, active=True)
    scoring_round.frozen_criteria = frozen_specs(criteria)
    scoring_round.state = ScoringRound.State.CLOSED
    scoring_round.closed_at = timezone.now()
    _as_user(scoring_round, user)
    scoring_round.save()
    scored = scoring_round.ideas.filter(
        status__in=[Idea.Status.RECEIVED, Idea.Status.IN_REVIEW], scores__round=scoring_round
    ).distinct()
    for idea in scored:
        idea.status = Idea.Status.SCORED
        _as_user(idea, user)
        idea.save(update_fields=["status", "updated_at"])
    return scoring_round


def parse_weight(raw: str) -> Decimal | None:
    try:
        value = Decimal(str(raw).replace(",", "."))
    except ArithmeticError:
        return None
    if not value.is_finite() or value < 0 or value > 100:
        return None
    return value
