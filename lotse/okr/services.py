"""Every change to quarters, objectives, key results, check-ins, reviews and links (UI and API
alike). The rules of the OKR method live here, so no way around them exists:

- at most `OkrSettings.max_key_results` key results per objective (3 by default);
- a closed quarter is locked: nothing of it, and no link touching it, changes any more;
- objectives and key results change while their quarter is in planning or active; check-ins
  are taken while it is active or in review; reviews are written only in review;
- quarters move forward only: planning → active → review → closed.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Model
from django.db.models import Q
from django.utils.translation import gettext as _

from lotse.http import AnyUser
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import apply_fields
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import save_edited
from lotse.portfolio.services import save_versioned
from lotse.validation import raise_errors

from . import ozg_source
from . import scoring
from .models import CheckIn
from .models import KeyResult
from .models import Objective
from .models import ObjectiveReview
from .models import OkrLink
from .models import OkrSettings
from .models import Quarter
from .selectors import following
from .selectors import next_quarter
from .selectors import objectives_without_review
from .selectors import score_objective
from .selectors import settings_for

__all__ = ["EditConflict", "MissingReviews"]


class MissingReviews(ValidationError):
    """Closing the quarter would leave objectives without their OKR review; the caller asks
    for confirmation (`confirm_missing_reviews=True`) and names `objectives`."""

    def __init__(self, objectives: list[Objective]) -> None:
        self.objectives = objectives
        names = "; ".join(f"„{o.title}“ ({o.project.title})" for o in objectives)
        super().__init__(
            _(
                "Für %(count)s Objective(s) fehlt das OKR-Review: %(names)s. Bitte bestätigen "
                "Sie, dass Sie das Quartal trotzdem abschließen."
            )
            % {"count": len(objectives), "names": names},
            code="missing_reviews",
        )


ORDER = [Quarter.State.PLANNING, Quarter.State.ACTIVE, Quarter.State.REVIEW, Quarter.State.CLOSED]
PLANNABLE = {Quarter.State.PLANNING, Quarter.State.ACTIVE}
CHECKABLE = {Quarter.State.ACTIVE, Quarter.State.REVIEW}

OBJECTIVE_FIELDS = [
    "title",
    "description",
    "target_group",
    "field_of_action",
    "commitment",
    "state",
    "order",
]
KEY_RESULT_FIELDS = [
    "title",
    "description",
    "owner",
    "kind",
    "unit",
    "start_value",
    "target_value",
    "order",
    "source",
    "ozg_level",
]
OUTCOME_STATE = {
    ObjectiveReview.Outcome.REACHED: Objective.State.ACHIEVED,
    ObjectiveReview.Outcome.PARTLY: Objective.State.PARTLY_ACHIEVED,
    ObjectiveReview.Outcome.NOT_REACHED: Objective.State.NOT_ACHIEVED,
}


# --- guards -------------------------------------------------------------------------------


def locked_message(quarter: Quarter) -> str:
    return _(
        "Das Quartal %(quarter)s ist abgeschlossen; seine OKRs können nicht mehr geändert werden."
    ) % {"quarter": quarter}


def require_unlocked(quarter: Quarter) -> None:
    if quarter.is_locked:
        raise ValidationError(locked_message(quarter))


def require_plannable(quarter: Quarter) -> None:
    """Objectives and key results change only while the quarter is planned or running."""
    require_unlocked(quarter)
    if quarter.state not in PLANNABLE:
        raise ValidationError(
            _(
                "Das Quartal %(quarter)s ist „%(state)s“: Objectives und Key Results werden "
                "jetzt nicht mehr geändert, sondern im OKR-Review bewertet."
            )
            % {"quarter": quarter, "state": quarter.get_state_display()}
        )


def _clean(obj: Model, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=["version", *(exclude or [])], validate_constraints=False)


# --- settings and quarters ----------------------------------------------------------------


@transaction.atomic
def okr_settings_update(*, programme: Programme, data: dict) -> OkrSettings:
    settings, _created = OkrSettings.objects.get_or_create(programme=programme)
    apply_fields(settings, data, ["max_key_results", "checkin_reminder_days"])
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def quarter_create(*, programme: Programme, year: int, number: int) -> Quarter:
    quarter = Quarter(programme=programme, year=year, number=number)
    _clean(quarter)
    try:
        # Inserted in a savepoint, not checked first: two people creating the next quarter at
        # once would both find it missing and the second insert would be a 500.
        with transaction.atomic():
            quarter.save()
    except IntegrityError:
        raise ValidationError(
            {
                "number": [
                    _("Das Quartal Q%(number)s/%(year)s gibt es in diesem Programm schon.")
                    % {"number": number, "year": year}
                ]
            }
        ) from None
    return quarter


@transaction.atomic
def quarter_create_next(*, programme: Programme, today: date) -> Quarter:
    """The quarter after the programme's latest one (or the current calendar quarter)."""
    last = Quarter.objects.filter(programme=programme).order_by("-year", "-number").first()
    if last is None:
        year, number = today.year, (today.month - 1) // 3 + 1
    else:
        year, number = following(last.year, last.number)
    return quarter_create(programme=programme, year=year, number=number)


@transaction.atomic
def quarter_transition(
    *,
    quarter: Quarter,
    to_state: str,
    expected_version: int | None,
    confirm_missing_reviews: bool = False,
) -> Quarter:
    """Move the quarter one step forward; never back, never skipping a step. Closing it with
    objectives still lacking their review needs `confirm_missing_reviews`; closing carries
    every objective whose review says "ins nächste Quartal übernehmen" forward (the next
    quarter is created if it does not exist yet)."""
    current = ORDER.index(Quarter.State(quarter.state))
    if to_state not in ORDER or ORDER.index(Quarter.State(to_state)) != current + 1:
        raise ValidationError(
            {
                "state": [
                    _(
                        "Ein Quartal geht nur schrittweise vorwärts (in Planung → aktiv → im "
                        "Review → abgeschlossen); „%(from)s“ kann nicht zu „%(to)s“ werden."
                    )
                    % {
                        "from": quarter.get_state_display(),
                        "to": dict(Quarter.State.choices).get(to_state, to_state),
                    }
                ]
            }
        )
    if to_state == Quarter.State.ACTIVE:
        # Drafts become active objectives when the quarter starts.
        Objective.objects.filter(quarter=quarter, state=Objective.State.DRAFT).update(
            state=Objective.State.ACTIVE
        )
    carried: list[Objective] = []
    if to_state == Quarter.State.CLOSED:
        missing = objectives_without_review(quarter)
        if missing and not confirm_missing_reviews:
            raise MissingReviews(missing)
        carried = list(
            Objective.objects.filter(
                quarter=quarter, review__next_step=ObjectiveReview.NextStep.CARRY_OVER
            ).order_by("pk")
        )
    claim_version(quarter, expected_version)
    quarter.state = to_state
    quarter.save()
    if carried:
        target = next_quarter(quarter)
        if target is None:
            year, number = following(quarter.year, quarter.number)
            try:
                target = quarter_create(programme=quarter.programme, year=year, number=number)
            except ValidationError:
                # created by someone else meanwhile (the next quarter, clicked at this moment)
                target = next_quarter(quarter)
                if target is None:
                    raise
        for objective in carried:
            objective_carry_over(objective=objective, quarter=target)
    return quarter


# --- objectives -----------------------------------------------------------------------------


def _validate_objective(objective: Objective) -> None:
    errors: dict[str, list[str]] = {}
    if objective.quarter.programme_id != objective.project.programme_id:
        errors["quarter"] = [_("Das Quartal gehört zu einem anderen Programm.")]
    if (
        objective.field_of_action_id
        and objective.field_of_action is not None
        and objective.field_of_action.programme_id != objective.project.programme_id
    ):
        errors["field_of_action"] = [_("Das Themenfeld gehört nicht zu diesem Programm.")]
    raise_errors(errors, lambda: _clean(objective))


@transaction.atomic
def objective_create(*, project: Project, quarter: Quarter, data: dict) -> Objective:
    require_plannable(quarter)
    objective = Objective(project=project, quarter=quarter)
    if quarter.state == Quarter.State.ACTIVE:
        objective.state = Objective.State.ACTIVE
    return save_edited(objective, data, allowed=OBJECTIVE_FIELDS, validate=_validate_objective)


@transaction.atomic
def objective_update(
    *, objective: Objective, data: dict, expected_version: int | None
) -> Objective:
    require_plannable(objective.quarter)
    return save_edited(
        objective,
        data,
        allowed=OBJECTIVE_FIELDS,
        validate=_validate_objective,
        expected_version=expected_version,
    )


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    require_plannable(objective.quarter)
    closed = Quarter.State.CLOSED
    if OkrLink.objects.filter(
        Q(from_objective__quarter__state=closed, to_objective=objective)
        | Q(to_objective__quarter__state=closed, from_objective=objective)
    ).exists():
        raise ValidationError(locked_message(objective.quarter))
    objective.delete()


# What a copy into a later quarter takes over as it is (see `objective_copy_forward`).
OBJECTIVE_COPIED = (
    "project",
    "title",
    "description",
    "target_group",
    "field_of_action",
    "commitment",
    "order",
)
KEY_RESULT_COPIED = ("title", "description", "owner", "kind", "unit", "target_value", "order")


def _fields_of(obj: Model, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


@transaction.atomic
def objective_copy_forward(*, objective: Objective, quarter: Quarter | None = None) -> Objective:
    """Copy the objective with its key results (no check-ins) into the next quarter; start
    values are the last check-in values. The copy remembers its origin (`copied_from`)."""
    if quarter is None:
        year, number = following(objective.quarter.year, objective.quarter.number)
        quarter = Quarter.objects.filter(
            programme_id=objective.quarter.programme_id, year=year, number=number
        ).first()
        if quarter is None:
            raise ValidationError(
                _(
                    "Das Quartal Q%(number)s/%(year)s ist noch nicht angelegt. Das "
                    "Programmbüro legt es auf der Seite „Quartale“ an."
                )
                % {"number": number, "year": year}
            )
    if (quarter.year, quarter.number) <= (objective.quarter.year, objective.quarter.number):
        raise ValidationError(
            {"quarter": [_("Ein Objective kann nur in ein späteres Quartal übernommen werden.")]}
        )
    require_plannable(quarter)
    if Objective.objects.filter(copied_from=objective, quarter=quarter).exists():
        raise ValidationError(
            _("„%(title)s“ wurde bereits in das Quartal %(quarter)s übernommen.")
            % {"title": objective.title, "quarter": quarter}
        )
    scored = score_objective(objective)
    copy = Objective.objects.create(
        **_fields_of(objective, OBJECTIVE_COPIED),
        quarter=quarter,
        state=Objective.State.ACTIVE
        if quarter.state == Quarter.State.ACTIVE
        else Objective.State.DRAFT,
        copied_from=objective,
    )
    for item in scored.key_results:
        key_result = item.key_result
        start = key_result.start_value
        if key_result.kind != KeyResult.Kind.MILESTONE and item.latest_value is not None:
            start = item.latest_value
        KeyResult.objects.create(
            **_fields_of(key_result, KEY_RESULT_COPIED), objective=copy, start_value=start
        )
    return copy


def objective_carry_over(
    *, objective: Objective, quarter: Quarter | None = None
) -> Objective | None:
    """The review chose "ins nächste Quartal übernehmen": copy the objective forward unless
    it already was. Without `quarter`, only into an existing next quarter that can still be
    planned (None otherwise; closing the quarter then catches up)."""
    if quarter is None:
        quarter = next_quarter(objective.quarter)
        if quarter is None or quarter.state not in PLANNABLE:
            return None
    existing = Objective.objects.filter(copied_from=objective, quarter=quarter).first()
    if existing is not None:
        return existing
    return objective_copy_forward(objective=objective, quarter=quarter)


# --- key results ------------------------------------------------------------------------------


def _validate_key_result(key_result: KeyResult) -> None:
    errors: dict[str, list[str]] = {}
    if key_result.kind != KeyResult.Kind.MILESTONE and key_result.target_value is None:
        errors["target_value"] = [_("Bitte geben Sie einen Zielwert an.")]
    if (
        key_result.kind in (KeyResult.Kind.INCREASE_TO, KeyResult.Kind.DECREASE_TO)
        and key_result.start_value is None
    ):
        errors["start_value"] = [_("Bitte geben Sie einen Startwert an.")]
    start, target = key_result.start_value, key_result.target_value
    if (
        key_result.kind == KeyResult.Kind.INCREASE_TO
        and start is not None
        and target is not None
        and target < start
    ):
        errors["target_value"] = [
            _("„Steigern auf“ braucht einen Zielwert über dem Startwert; sonst „senken auf“.")
        ]
    if (
        key_result.kind == KeyResult.Kind.DECREASE_TO
        and start is not None
        and target is not None
        and target > start
    ):
        errors["target_value"] = [
            _("„Senken auf“ braucht einen Zielwert unter dem Startwert; sonst „steigern auf“.")
        ]
    if key_result.kind == KeyResult.Kind.MILESTONE:
        key_result.start_value = None
        key_result.target_value = None
    if key_result.source == KeyResult.Source.OZG:
        if key_result.ozg_level is None:
            errors["ozg_level"] = [
                _("Bitte geben Sie an, welchen Reifegrad die Leistungen mindestens haben.")
            ]
        if key_result.kind == KeyResult.Kind.MILESTONE:
            errors["kind"] = [
                _("Ein Meilenstein kann seinen Wert nicht aus dem OZG-Katalog lesen.")
            ]
        key_result.unit = KeyResult.Unit.NUMBER
    else:
        key_result.ozg_level = None
    raise_errors(errors, lambda: _clean(key_result))


def limit_message(limit: int) -> str:
    if limit == 1:
        return _("Ein Objective hat höchstens 1 Key Result.")
    return _("Ein Objective hat höchstens %(limit)s Key Results.") % {"limit": limit}


@transaction.atomic
def key_result_create(*, objective: Objective, data: dict) -> KeyResult:
    require_plannable(objective.quarter)
    # Lock the objective's row so two parallel requests cannot both add the last allowed one.
    Objective.objects.select_for_update().filter(pk=objective.pk).first()
    limit = settings_for(objective.project.programme).max_key_results
    if KeyResult.objects.filter(objective=objective).count() >= limit:
        raise ValidationError({"__all__": [limit_message(limit)]})
    key_result = save_edited(
        KeyResult(objective=objective),
        data,
        allowed=KEY_RESULT_FIELDS,
        validate=_validate_key_result,
    )
    ozg_source.sync_key_result(key_result)
    return key_result


@transaction.atomic
def key_result_update(
    *, key_result: KeyResult, data: dict, expected_version: int | None
) -> KeyResult:
    require_plannable(key_result.objective.quarter)
    save_edited(
        key_result,
        data,
        allowed=KEY_RESULT_FIELDS,
        validate=_validate_key_result,
        expected_version=expected_version,
    )
    ozg_source.sync_key_result(key_result)
    return key_result


@transaction.atomic
def key_result_delete(*, key_result: KeyResult) -> None:
    require_plannable(key_result.objective.quarter)
    key_result.delete()


# --- check-ins -------------------------------------------------------------------------------


@transaction.atomic
def check_in_create(
    *, key_result: KeyResult, data: dict, user: AnyUser, source: str = "ui"
) -> CheckIn:
    """Record a measured value (or done / not done for a milestone). Check-ins are never
    changed afterwards."""
    quarter = key_result.objective.quarter
    require_unlocked(quarter)
    if ozg_source.reads_catalogue(key_result):
        raise ValidationError(
            _(
                "Der Wert dieses Key Results kommt aus dem OZG-Leistungskatalog; ein Check-in "
                "von Hand ist nicht nötig."
            )
        )
    if quarter.state not in CHECKABLE:
        raise ValidationError(
            _(
                "Check-ins sind möglich, solange das Quartal aktiv oder im Review ist; "
                "%(quarter)s ist „%(state)s“."
            )
            % {"quarter": quarter, "state": quarter.get_state_display()}
        )
    check_in = CheckIn(
        key_result=key_result,
        value=data.get("value"),
        done=data.get("done"),
        comment=data.get("comment") or "",
        author=user if user is not None and user.is_authenticated else None,
        source=source,
    )
    errors: dict[str, list[str]] = {}
    if key_result.kind == KeyResult.Kind.MILESTONE:
        check_in.value = None
        if check_in.done is None:
            errors["done"] = [_("Bitte geben Sie an, ob der Meilenstein erledigt ist.")]
    else:
        check_in.done = None
        if check_in.value is None:
            errors["value"] = [_("Bitte geben Sie den aktuellen Wert an.")]
    confidence: int | None = data.get("confidence")
    if confidence is None:
        errors["confidence"] = [_("Bitte geben Sie Ihre Zuversicht von 0 bis 10 an.")]
    elif not 0 <= confidence <= 10:
        errors["confidence"] = [_("Die Zuversicht liegt zwischen 0 und 10.")]
    else:
        check_in.confidence = confidence
    raise_errors(errors)
    _clean(check_in, exclude=["author"])
    check_in.save()
    return check_in


# --- reviews -----------------------------------------------------------------------------------


@transaction.atomic
def objective_review_save(
    *, objective: Objective, data: dict, user: AnyUser, expected_version: int | None
) -> ObjectiveReview:
    """Write the objective's OKR review (only while its quarter is in review). The computed
    score is taken now; an override needs a reason. The objective's state follows the outcome."""
    quarter = objective.quarter
    require_unlocked(quarter)
    if quarter.state != Quarter.State.REVIEW:
        raise ValidationError(
            _(
                "Das OKR-Review ist möglich, sobald das Programmbüro das Quartal %(quarter)s "
                "in den Review gesetzt hat (jetzt: „%(state)s“)."
            )
            % {"quarter": quarter, "state": quarter.get_state_display()}
        )
    # A new review has no version yet; an existing one must be the one the editor loaded.
    review = ObjectiveReview.objects.filter(objective=objective).first()
    if review is None:
        review = ObjectiveReview(objective=objective)
    elif expected_version is not None and review.version != expected_version:
        raise EditConflict(review)
    apply_fields(review, data, ObjectiveReview.ANSWERS)
    progress = score_objective(objective).progress
    review.computed_score = (
        None if progress is None else Decimal(str(progress)).quantize(Decimal("0.001"))
    )
    review.reviewed_by = user if user is not None and user.is_authenticated else None
    if not review.outcome:
        review.outcome = scoring.suggested_outcome(progress, objective.commitment)
    errors: dict[str, list[str]] = {}
    if review.score_override is not None and not review.override_reason.strip():
        errors["override_reason"] = [
            _("Bitte begründen Sie, warum der Erfüllungsgrad vom berechneten abweicht.")
        ]
    raise_errors(errors, lambda: review.full_clean(exclude=["version", "objective", "reviewed_by"]))
    save_versioned(review, expected_version)
    state = OUTCOME_STATE[ObjectiveReview.Outcome(review.outcome)]
    Objective.objects.filter(pk=objective.pk).update(state=state)
    objective.state = state
    if review.next_step == ObjectiveReview.NextStep.CARRY_OVER:
        objective_carry_over(objective=objective)
    return review


# --- links -------------------------------------------------------------------------------------


def _validate_link(link: OkrLink) -> None:
    errors: dict[str, list[str]] = {}
    source, target = link.from_objective, link.to_objective
    for quarter in {source.quarter, target.quarter}:
        require_unlocked(quarter)
    if source.project_id == target.project_id:
        errors["to_objective"] = [_("Verknüpfungen verbinden Objectives verschiedener Projekte.")]
    if source.project.programme_id != target.project.programme_id:
        errors["to_objective"] = [_("Das Objective gehört zu einem anderen Programm.")]
    if link.from_key_result is not None and link.from_key_result.objective_id != source.pk:
        errors["from_key_result"] = [_("Das Key Result gehört nicht zu diesem Objective.")]
    if link.to_key_result is not None and link.to_key_result.objective_id != target.pk:
        errors["to_key_result"] = [_("Das Key Result gehört nicht zum verknüpften Objective.")]
    if link.kind not in OkrLink.Kind.values:
        errors["kind"] = [_("Bitte wählen Sie Abhängigkeit oder Synergie.")]
    raise_errors(errors)


@transaction.atomic
def okr_link_create(
    *,
    from_objective: Objective,
    to_objective: Objective,
    kind: str,
    note: str = "",
    from_key_result: KeyResult | None = None,
    to_key_result: KeyResult | None = None,
    user: AnyUser | None = None,
) -> OkrLink:
    link = OkrLink(
        kind=kind,
        from_objective=from_objective,
        to_objective=to_objective,
        from_key_result=from_key_result,
        to_key_result=to_key_result,
        note=note or "",
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _validate_link(link)
    link.save()
    return link


@transaction.atomic
def okr_link_delete(*, link: OkrLink) -> None:
    require_unlocked(link.from_objective.quarter)
    require_unlocked(link.to_objective.quarter)
    link.delete()
