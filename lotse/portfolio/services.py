"""Every change to the portfolio goes through these functions (UI and API alike)."""

from collections.abc import Callable
from collections.abc import Collection
from datetime import date
from typing import Any
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.history import record_by
from lotse.history import record_reason
from lotse.http import AnyUser
from lotse.validation import raise_errors
from lotse.validation import save_checked

from .models import Dependency
from .models import FieldOfAction
from .models import GoalContribution
from .models import OrgUnit
from .models import Programme
from .models import Project
from .models import Stage
from .models import StrategicGoal
from .signals import calendar_changed

M = TypeVar("M", bound=Model)


class EditConflict(Exception):
    """Somebody else saved the object since the editor loaded it."""

    def __init__(self, obj: Model) -> None:
        self.obj = obj
        super().__init__(
            _(
                "„%(name)s“ wurde inzwischen von einer anderen Person geändert. Bitte laden Sie "
                "die Seite neu und übernehmen Sie Ihre Änderungen erneut."
            )
            % {"name": obj}
        )


PROJECT_FIELDS = [
    "title",
    "short_name",
    "description",
    "goals",
    "field_of_action",
    "org_unit",
    "lead",
    "change_manager",
    "stage",
    "kind",
    "method",
    "planned_start",
    "planned_end",
    "parent",
    "published",
    "public_summary",
]


def _validate_project(project: Project) -> None:
    errors: dict[str, list[str]] = {}
    if project.field_of_action_id and project.field_of_action.programme_id != project.programme_id:
        errors.setdefault("field_of_action", []).append(
            _("Das Themenfeld gehört nicht zu diesem Programm.")
        )
    if project.parent_id:
        parent = project.parent
        if project.parent_id == project.pk:
            errors.setdefault("parent", []).append(
                _("Ein Projekt kann nicht sein eigenes Teilprojekt sein.")
            )
        elif parent is not None and parent.programme_id != project.programme_id:
            errors.setdefault("parent", []).append(
                _("Das übergeordnete Projekt gehört zu einem anderen Programm.")
            )
        elif parent is not None and project.pk and _is_descendant(parent, project.pk):
            errors.setdefault("parent", []).append(
                _("Das gewählte übergeordnete Projekt ist selbst ein Teilprojekt dieses Projekts.")
            )
    if (
        project.planned_start
        and project.planned_end
        and project.planned_end < project.planned_start
    ):
        errors.setdefault("planned_end", []).append(
            _("Das geplante Ende darf nicht vor dem geplanten Beginn liegen.")
        )
    # The date constraint is checked above with a message naming the field.
    raise_errors(
        errors, lambda: project.full_clean(exclude=["version"], validate_constraints=False)
    )


def _is_descendant(candidate: Project, ancestor_id: int) -> bool:
    seen = set()
    cursor: Project | None = candidate
    while cursor is not None and cursor.pk not in seen:
        if cursor.pk == ancestor_id:
            return True
        seen.add(cursor.pk)
        cursor = cursor.parent
    return False


@transaction.atomic
def project_create(*, programme: Programme, data: dict[str, Any]) -> Project:
    project = Project(programme=programme)
    for name in PROJECT_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    _validate_project(project)
    project.save()
    return project


def claim_version(obj: Any, expected_version: int | None) -> None:
    """Bump the row's version only if nobody else did since the editor loaded it. `obj` is
    an instance of any model with a `version` field."""
    model = type(obj)
    rows = model.objects.filter(pk=obj.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) == 0:
        raise EditConflict(model.objects.get(pk=obj.pk))
    obj.version = model.objects.values_list("version", flat=True).get(pk=obj.pk)


def save_versioned(
    obj: M, expected_version: int | None, validate: Callable[[M], None] | None = None
) -> M:
    """Save a row with a `version`: a saved one only if nobody else changed it since the editor
    loaded it (`claim_version`); a new one has no version to claim yet. A unique value taken
    meanwhile is refused by `validate` or the model's checks (`save_checked`)."""
    if obj.pk is not None:
        claim_version(obj, expected_version)
    save_checked(obj, None if validate is None else lambda: validate(obj))
    return obj


def apply_fields(obj: Any, data: dict[str, Any], allowed: Collection[str]) -> None:
    """Set the editable fields a service accepts; any other name is a programming error."""
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"not an editable field: {name}")
        setattr(obj, name, value)


def save_edited(
    obj: M,
    data: dict[str, Any],
    *,
    allowed: Collection[str],
    validate: Callable[[M], None],
    expected_version: int | None = None,
) -> M:
    """The create and update of a versioned row: set the fields, validate, claim the version
    (only a saved row has one, see `claim_version`) and save."""
    apply_fields(obj, data, allowed)
    validate(obj)
    return save_versioned(obj, expected_version, validate)


@transaction.atomic
def project_update(
    *, project: Project, data: dict[str, Any], expected_version: int | None
) -> Project:
    """Save changed Steckbrief fields; refuse if the project changed since `expected_version`."""
    return save_edited(
        project,
        data,
        allowed=PROJECT_FIELDS,
        validate=_validate_project,
        expected_version=expected_version,
    )


PROGRAMME_FIELDS = {
    "name",
    "short_name",
    "description",
    "start_date",
    "end_date",
    "holiday_region",
    "meeting_blackout",
}


def _check_dates(start: date | None, end: date | None, field: str) -> None:
    if start and end and end < start:
        raise ValidationError({field: [_("Das Ende darf nicht vor dem Beginn liegen.")]})


@transaction.atomic
def programme_update(
    *, programme: Programme, data: dict[str, Any], expected_version: int | None
) -> Programme:
    """Change a programme's description; its place in the tree and address stay as they are.

    A changed working-day calendar (Bundesland, blackout) is announced (`calendar_changed`),
    so that future due dates and generated meetings follow it."""
    # The stored calendar: a ModelForm may already have put the new values on `programme`.
    calendar_before = (
        Programme.objects.filter(pk=programme.pk)
        .values_list("holiday_region", "meeting_blackout")
        .first()
    )
    for name, value in data.items():
        if name == "strategic_goals":
            continue
        if name not in PROGRAMME_FIELDS:
            raise ValueError(f"not an editable programme field: {name}")
        setattr(programme, name, value)
    _check_dates(programme.start_date, programme.end_date, "end_date")
    programme.full_clean(exclude=["version", "strategic_goals"], validate_constraints=False)
    claim_version(programme, expected_version)
    programme.save()
    if "strategic_goals" in data:
        programme.strategic_goals.set(data["strategic_goals"])
    if (programme.holiday_region, programme.meeting_blackout) != calendar_before:
        calendar_changed.send(sender=Programme, programme=programme, today=timezone.localdate())
    return programme


def _validate_field_of_action(field: FieldOfAction) -> None:
    clash = FieldOfAction.objects.filter(programme_id=field.programme_id, name=field.name)
    if field.pk:
        clash = clash.exclude(pk=field.pk)
    if clash.exists():
        raise ValidationError(
            {"name": [_("Ein Themenfeld mit diesem Namen gibt es in diesem Programm bereits.")]}
        )
    field.full_clean(exclude=["version"], validate_constraints=False)


@transaction.atomic
def field_of_action_create(*, programme: Programme, data: dict[str, Any]) -> FieldOfAction:
    field = FieldOfAction(programme=programme, **data)
    _validate_field_of_action(field)
    save_checked(field, lambda: _validate_field_of_action(field))
    return field


@transaction.atomic
def field_of_action_update(
    *, field: FieldOfAction, data: dict[str, Any], expected_version: int | None
) -> FieldOfAction:
    for name, value in data.items():
        setattr(field, name, value)
    _validate_field_of_action(field)
    return save_versioned(field, expected_version, _validate_field_of_action)


@transaction.atomic
def org_unit_save(*, unit: OrgUnit, data: dict[str, Any]) -> OrgUnit:
    for name, value in data.items():
        setattr(unit, name, value)
    cursor = unit.parent
    while cursor is not None:
        if unit.pk and cursor.pk == unit.pk:
            raise ValidationError(
                {"parent": [_("Eine Einheit kann nicht unter sich selbst eingeordnet werden.")]}
            )
        cursor = cursor.parent
    unit.full_clean()
    save_checked(unit)
    return unit


@transaction.atomic
def goal_contribution_set(
    *, project: Project, goal: StrategicGoal, level: str | None, note: str = ""
) -> GoalContribution | None:
    """Set one cell of the goal matrix; an empty level removes the contribution."""
    if not project.programme.strategic_goals.filter(pk=goal.pk).exists():
        raise ValidationError(
            {"strategic_goal": [_("Dieses Ziel ist dem Programm nicht zugeordnet.")]}
        )
    existing = GoalContribution.objects.filter(project=project, strategic_goal=goal).first()
    if not level:
        if existing:
            existing.delete()
        return None
    if level not in GoalContribution.Level.values:
        raise ValidationError({"level": [_("Unbekannte Stufe: %(value)s") % {"value": level}]})
    contribution = existing or GoalContribution(project=project, strategic_goal=goal)
    if existing and existing.level == level and existing.note == note:
        return existing
    contribution.level = level
    contribution.note = note
    contribution.save()
    return contribution


MATRIX_CYCLE = {
    "": GoalContribution.Level.CONTRIBUTES,
    GoalContribution.Level.CONTRIBUTES: GoalContribution.Level.UNCLEAR,
    GoalContribution.Level.UNCLEAR: "",
}


@transaction.atomic
def goal_matrix_cell_set(
    *, programme: Programme, project_id: int, goal_id: int, expected: str, level: str
) -> GoalContribution | None:
    """Set one cell of the matrix from `expected` (what the person saw) to `level`. If the
    cell holds something else by now, someone else changed it: refused, nothing written."""
    # The project's row is locked (an empty cell has no row of its own to lock): two people
    # toggling one empty cell at once would both find it empty and the second insert would
    # break the one-contribution-per-cell constraint; now the second is told it changed.
    project = (
        Project.objects.select_for_update(of=("self",))
        .filter(programme=programme, pk=project_id)
        .first()
    )
    goal = programme.strategic_goals.filter(pk=goal_id).first()
    if project is None or goal is None:
        raise ValidationError(_("Die Matrix enthält ein unbekanntes Projekt oder Ziel."))
    current = (
        GoalContribution.objects.select_for_update()
        .filter(project=project, strategic_goal=goal)
        .first()
    )
    if (current.level if current else "") != expected:
        raise ValidationError(
            _(
                "„%(project)s“ × „%(goal)s“ wurde inzwischen von einer anderen Person geändert "
                "(jetzt: %(now)s). Bitte prüfen Sie die Zelle erneut."
            )
            % {
                "project": project.title,
                "goal": goal.name,
                "now": current.get_level_display() if current else _("kein Beitrag"),
            }
        )
    return goal_contribution_set(
        project=project, goal=goal, level=level, note=current.note if current else ""
    )


@transaction.atomic
def goal_matrix_save(*, programme: Programme, cells: dict[tuple[int, int], str]) -> int:
    """Save many matrix cells at once, all or nothing. Returns how many cells changed."""
    goals = {g.pk: g for g in programme.strategic_goals.all()}
    # The projects' rows are locked (in the order of their ids) before the cells are read,
    # as for one cell (`goal_matrix_cell_set`): the second of two saves at once waits and then
    # finds the first one's cells instead of inserting them again.
    rows = Project.objects.select_for_update(of=("self",)).order_by("pk")
    projects = {p.pk: p for p in rows.filter(programme=programme, pk__in={k[0] for k in cells})}
    existing = {
        (c.project_id, c.strategic_goal_id): c
        for c in GoalContribution.objects.filter(project__programme=programme)
    }
    changed = 0
    for (project_id, goal_id), level in cells.items():
        if project_id not in projects or goal_id not in goals:
            raise ValidationError(_("Die Matrix enthält ein unbekanntes Projekt oder Ziel."))
        current = existing.get((project_id, goal_id))
        if (current.level if current else "") == (level or ""):
            continue
        goal_contribution_set(
            project=projects[project_id],
            goal=goals[goal_id],
            level=level,
            note=current.note if current else "",
        )
        changed += 1
    return changed


@transaction.atomic
def dependency_create(*, source: Project, target: Project, kind: str, note: str = "") -> Dependency:
    if source.pk == target.pk:
        raise ValidationError({"target": [_("Ein Projekt kann nicht von sich selbst abhängen.")]})
    if source.programme_id != target.programme_id:
        raise ValidationError(
            {"target": [_("Das andere Projekt gehört zu einem anderen Programm.")]}
        )

    def recorded() -> None:
        if Dependency.objects.filter(source=source, target=target, kind=kind).exists():
            raise ValidationError({"target": [_("Diese Abhängigkeit ist bereits erfasst.")]})

    recorded()
    dependency = Dependency(source=source, target=target, kind=kind, note=note)
    dependency.full_clean()
    save_checked(dependency, recorded)
    return dependency


@transaction.atomic
def dependency_delete(*, dependency: Dependency) -> None:
    dependency.delete()


# Stages in which a project waits for the release of its initiation, and in which it runs.
AWAITING_RELEASE = {Stage.IDEA, Stage.PLANNING, Stage.START_SOON, Stage.PAUSED}
RUNNING = {Stage.RUNNING, Stage.PARTLY_RUNNING}


@transaction.atomic
def project_propose_release(*, project: Project, user: AnyUser, proposed: bool = True) -> Project:
    """The PMO marks a project "zur Freigabe vorgeschlagen": its release of initiation is then
    due on the agenda of the body that releases (or withdraws the proposal)."""
    if proposed and project.stage not in AWAITING_RELEASE:
        raise ValidationError(
            _("„%(project)s“ ist in der Phase „%(stage)s“ und wartet auf keine Freigabe.")
            % {"project": project.title, "stage": project.get_stage_display()}
        )
    claim_version(project, None)
    project.release_proposed_on = timezone.localdate() if proposed else None
    record_by(project, user)
    record_reason(
        project,
        _("zur Freigabe vorgeschlagen") if proposed else _("Vorschlag zur Freigabe zurückgenommen"),
    )
    project.save()
    return project


@transaction.atomic
def project_report_completion(*, project: Project, user: AnyUser, reported: bool = True) -> Project:
    """The project's lead reports completion: the acceptance of its results is then due on the
    agenda of the body that accepts."""
    if reported and project.stage not in RUNNING:
        raise ValidationError(
            _(
                "„%(project)s“ ist in der Phase „%(stage)s“; einen Abschluss meldet nur ein "
                "laufendes Projekt."
            )
            % {"project": project.title, "stage": project.get_stage_display()}
        )
    claim_version(project, None)
    project.completion_reported_on = timezone.localdate() if reported else None
    record_by(project, user)
    record_reason(
        project, _("Abschluss gemeldet") if reported else _("Abschlussmeldung zurückgenommen")
    )
    project.save()
    return project
