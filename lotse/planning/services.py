"""Every write of the planning app: keyword-only, atomic, validating the whole object.

Gates: a project's next phase cannot start before the gate of the phase before it is passed.
A gate is passed by a decision of a body with the power `pass_gate` (recorded through
governance's `decision_record`, which checks the power) or, where the programme allows it, by
the programme office itself.
"""

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models import Model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.boards.models import Card
from lotse.boards.services import card_create
from lotse.boards.services import project_board_ensure
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.governance.services import decision_record
from lotse.http import AnyUser
from lotse.http import User
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.services import claim_version
from lotse.validation import check_typed_text
from lotse.validation import raise_errors

from .capacity import month_start
from .models import DEFAULT_GATE_NAME
from .models import HOURS_CEILING
from .models import ActualEffort
from .models import Allocation
from .models import Availability
from .models import Estimate
from .models import Gate
from .models import Phase
from .models import PhaseModel
from .models import PhaseTemplate
from .models import Step
from .models import WorkPackage
from .models import WorkPackageCard

# The default phase model of seed 003 (Konstanz, "Erarbeitung der Digitalen Agenda").
DEFAULT_PHASES = (
    (
        "Vorprojektphase",
        "Projektauftrag, Projektorganisation und Vorgehen klären.",
    ),
    ("Projektphase 1", "Erarbeitung der Inhalte."),
    ("Projektphase 2", "Abstimmung, Beschluss und Überführung in die Umsetzung."),
)


M = TypeVar("M", bound=Model)


def _assign(obj: Model, data: dict[str, Any], fields: Sequence[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _edited(
    obj: M,
    data: dict[str, Any],
    fields: Sequence[str],
    expected_version: int | None,
    siblings: QuerySet[Any] | None = None,
) -> M:
    """`obj` with the `fields` of `data` set, before it is validated and saved: a new row goes
    after its `siblings` (unless `data` gives its `order`; an empty one means "at the end"), a
    saved one claims its version."""
    if obj.pk is None:
        if siblings is not None and data.get("order") is None:
            obj.order = _next_order(siblings)  # type: ignore[attr-defined]
            data = {name: value for name, value in data.items() if name != "order"}
    else:
        claim_version(obj, expected_version)
    _assign(obj, data, fields)
    return obj


def _check_span(
    errors: dict[str, list[str]], start: date | None, end: date | None, field: str
) -> None:
    if start and end and end < start:
        errors.setdefault(field, []).append(
            _("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
            % {"end": end.strftime("%d.%m.%Y"), "start": start.strftime("%d.%m.%Y")}
        )


# --- phase model --------------------------------------------------------------------------


@transaction.atomic
def phase_model_ensure(programme: Programme) -> PhaseModel:
    """The programme's phase model, created with the default phases of seed 003 if missing."""
    model, created = PhaseModel.objects.get_or_create(programme=programme)
    if created:
        for order, (name, description) in enumerate(DEFAULT_PHASES, start=1):
            PhaseTemplate.objects.create(
                phase_model=model,
                order=order,
                name=name,
                description=description,
                gate_name=str(DEFAULT_GATE_NAME),
            )
    return model


@transaction.atomic
def phase_model_update(
    *, phase_model: PhaseModel, data: dict[str, Any], expected_version: int | None
) -> PhaseModel:
    claim_version(phase_model, expected_version)
    _assign(phase_model, data, ["pmo_may_pass_gates"])
    phase_model.save()
    return phase_model


@transaction.atomic
def phase_templates_save(
    *, programme: Programme, rows: list[dict[str, Any]], expected_version: int | None
) -> PhaseModel:
    """Replace the programme's phase list (PMO): `rows` in their order, each with `id` (an
    existing phase of the model, or None for a new one), `name`, `description` and
    `gate_name`; phases left out are removed. Projects keep the phases they already have.
    Refused when the model changed since `expected_version` was read."""
    model = phase_model_ensure(programme)
    errors: dict[str, list[str]] = {}
    if not rows:
        errors["__all__"] = [_("Das Phasenmodell braucht mindestens eine Phase.")]
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        if not name:
            errors.setdefault("name", []).append(
                _("Phase %(n)d: Bitte geben Sie einen Namen ein.") % {"n": number}
            )
        elif name.casefold() in seen:
            errors.setdefault("name", []).append(
                _("Phase %(n)d: „%(name)s“ steht schon als Phase %(first)d in der Liste.")
                % {"n": number, "name": name, "first": seen[name.casefold()]}
            )
        else:
            seen[name.casefold()] = number
    existing = {t.pk: t for t in model.templates.all()}
    unknown = [row["id"] for row in rows if row.get("id") and row["id"] not in existing]
    if unknown:
        errors["__all__"] = [_("Die Liste ist veraltet; bitte laden Sie die Seite neu.")]
    raise_errors(errors, lambda: None)
    claim_version(model, expected_version)
    kept = set()
    for order, row in enumerate(rows, start=1):
        template = existing.get(row.get("id") or 0) or PhaseTemplate(phase_model=model)
        values = {
            "order": order,
            "name": row["name"].strip(),
            "description": (row.get("description") or "").strip(),
            "gate_name": (row.get("gate_name") or "").strip(),
        }
        if template.pk is None or any(getattr(template, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(template, key, value)
            template.full_clean(exclude=["phase_model"])
            template.save()
        kept.add(template.pk)
    for pk, template in existing.items():
        if pk not in kept:
            template.delete()
    return model


# --- phases and gates ----------------------------------------------------------------------


@transaction.atomic
def phases_create_from_model(*, project: Project) -> list[Phase]:
    """Give a project without phases the phases of its programme's phase model."""
    if project.phases.exists():
        raise ValidationError(_("Das Projekt hat bereits Phasen."))
    model = phase_model_ensure(project.programme)
    phases = []
    for template in model.templates.all():
        phase = Phase.objects.create(
            project=project,
            order=template.order,
            name=template.name,
            description=template.description,
        )
        Gate.objects.create(phase=phase, name=template.gate_name or str(DEFAULT_GATE_NAME))
        phases.append(phase)
    return phases


PHASE_FIELDS = [
    "name",
    "description",
    "order",
    "planned_start",
    "planned_end",
    "forecast_start",
    "forecast_end",
]


def _next_order(siblings: QuerySet[Any]) -> int:
    """The place after the last of `siblings` (a new phase, work package or step)."""
    return (siblings.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def phase_save(
    *,
    project: Project,
    data: dict[str, Any],
    phase: Phase | None = None,
    expected_version: int | None = None,
) -> Phase:
    """Create or change a phase (its gate is created with it)."""
    phase = _edited(
        phase or Phase(project=project),
        data,
        PHASE_FIELDS,
        expected_version,
        siblings=project.phases.all(),
    )
    errors: dict[str, list[str]] = {}
    if not (phase.name or "").strip():
        errors["name"] = [_("Bitte geben Sie den Namen der Phase ein.")]
    _check_span(errors, phase.planned_start, phase.planned_end, "planned_end")
    _check_span(errors, phase.forecast_start, phase.forecast_end, "forecast_end")
    raise_errors(errors, lambda: phase.full_clean(exclude=["project", "status"]))
    created = phase.pk is None
    phase.save()
    if created:
        Gate.objects.create(phase=phase, name=data.get("gate_name") or str(DEFAULT_GATE_NAME))
    return phase


def _previous_phase(phase: Phase) -> Phase | None:
    return (
        Phase.objects.filter(project_id=phase.project_id, order__lt=phase.order)
        .select_related("gate")
        .order_by("-order", "-pk")
        .first()
    )


@transaction.atomic
def phase_start(*, phase: Phase, on: date | None = None) -> Phase:
    """Start a phase. Refused while the gate of the phase before it is not passed."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if phase.status != Phase.Status.PLANNED:
        raise ValidationError(
            {"status": [_("Die Phase „%(phase)s“ hat bereits begonnen.") % {"phase": phase.name}]}
        )
    previous = _previous_phase(phase)
    if previous is not None:
        gate = getattr(previous, "gate", None)
        if gate is not None and not gate.passed:
            raise ValidationError(
                {
                    "status": [
                        _(
                            "„%(phase)s“ kann erst beginnen, wenn das Phasentor „%(gate)s“ der "
                            "Phase „%(previous)s“ freigegeben ist."
                        )
                        % {"phase": phase.name, "gate": gate.name, "previous": previous.name}
                    ]
                }
            )
    phase.status = Phase.Status.ACTIVE
    phase.started_on = on or timezone.localdate()
    phase.save()
    return phase


def _check_gate_decision(gate: Gate, decision: Decision) -> None:
    project_id = gate.phase.project_id
    if decision.kind != DecisionKind.PASS_GATE:
        raise ValidationError(
            {"decision": [_("Der Beschluss ist keine Freigabe eines Phasentors.")]}
        )
    if decision.project_id != project_id:
        raise ValidationError({"decision": [_("Der Beschluss betrifft ein anderes Projekt.")]})
    if DecisionKind.PASS_GATE not in (decision.meeting.series.powers or []):
        raise ValidationError(
            {
                "decision": [
                    _("„%(series)s“ darf keine Phasentore freigeben.")
                    % {"series": decision.meeting.series.name}
                ]
            }
        )
    if Gate.objects.filter(decision=decision).exclude(pk=gate.pk).exists():
        raise ValidationError(
            {"decision": [_("Dieser Beschluss hat bereits ein anderes Phasentor freigegeben.")]}
        )


@transaction.atomic
def gate_pass(
    *,
    gate: Gate,
    user: AnyUser,
    decision: Decision | None = None,
    on: date | None = None,
    note: str = "",
) -> Gate:
    """Pass a gate: by a decision of an entitled body, or — only where the programme allows
    it — by the programme office. Closes the gate's phase."""
    gate = (
        Gate.objects.select_for_update().select_related("phase__project__programme").get(pk=gate.pk)
    )
    phase = gate.phase
    if gate.passed:
        raise ValidationError({"gate": [_("Dieses Phasentor ist bereits freigegeben.")]})
    if phase.status == Phase.Status.PLANNED:
        raise ValidationError(
            {
                "gate": [
                    _(
                        "Die Phase „%(phase)s“ hat noch nicht begonnen; ihr Tor kann noch nicht "
                        "freigegeben werden."
                    )
                    % {"phase": phase.name}
                ]
            }
        )
    if decision is not None:
        _check_gate_decision(gate, decision)
        day = on or decision.decided_on
    else:
        model = PhaseModel.objects.filter(programme_id=phase.project.programme_id).first()
        if model is None or not model.pmo_may_pass_gates:
            raise ValidationError(
                {
                    "decision": [
                        _(
                            "In diesem Programm gibt nur ein Beschluss eines Gremiums mit dieser "
                            "Befugnis ein Phasentor frei."
                        )
                    ]
                }
            )
        if not user.has_perm("planning.pass_gate", gate):
            raise PermissionDenied(_("Nur das PMO gibt Phasentore ohne Beschluss frei."))
        day = on or timezone.localdate()
    gate.passed_on = day
    gate.decision = decision
    gate.passed_by = user if user.is_authenticated else None
    # Named as the gate's form labels the input (only the PMO's release takes a note).
    gate.note = check_typed_text(note, Gate, "note", label=_("Anmerkung des PMO"))
    gate.save()
    phase.status = Phase.Status.CLOSED
    phase.closed_on = day
    phase.save()
    return gate


# The gate `gate_pass_by_decision` is passing, for the receiver of governance's signal.
_gate_being_passed: ContextVar[int | None] = ContextVar("planning_gate_being_passed", default=None)


def open_gate(project_id: int) -> Gate | None:
    """The gate a "Freigabe eines Phasentors" for the project passes: the one of its running
    phase (the first, if several run)."""
    return (
        Gate.objects.filter(
            phase__project_id=project_id,
            phase__status=Phase.Status.ACTIVE,
            passed_on__isnull=True,
        )
        .order_by("phase__order", "phase__pk")
        .first()
    )


def gate_decision_recorded(sender: Any, decision: Decision, user: AnyUser, **kwargs: Any) -> None:
    """A "Freigabe eines Phasentors" recorded in a meeting passes the project's open gate at
    once (the gate shows the decision). Without an open gate it stays recorded and can be
    attached later on the project's plan."""
    if decision.kind != DecisionKind.PASS_GATE or decision.project_id is None:
        return
    target = _gate_being_passed.get()
    gate = Gate.objects.filter(pk=target).first() if target else open_gate(decision.project_id)
    if gate is None or gate.passed:
        return
    gate_pass(gate=gate, user=user, decision=decision)


@transaction.atomic
def gate_pass_by_decision(
    *, gate: Gate, meeting: Meeting, wording: str, user: AnyUser, rationale: str = ""
) -> Gate:
    """Record the decision in the meeting (governance checks the body's power and the
    minutes); recording it passes the gate (`gate_decision_recorded`)."""
    token = _gate_being_passed.set(gate.pk)
    try:
        decision = decision_record(
            meeting=meeting,
            kind=DecisionKind.PASS_GATE,
            wording=wording,
            rationale=rationale,
            user=user,
            project=gate.phase.project,
        )
    finally:
        _gate_being_passed.reset(token)
    passed = Gate.objects.select_related("decision").get(pk=gate.pk)
    if passed.decision_id == decision.pk:
        return passed
    return gate_pass(gate=gate, user=user, decision=decision)


# --- work packages --------------------------------------------------------------------------

WORK_PACKAGE_FIELDS = [
    "phase",
    "order",
    "code",
    "title",
    "description",
    "owner",
    "owner_text",
    "org_unit",
    "planned_start",
    "planned_end",
    "status",
]


@transaction.atomic
def work_package_save(
    *,
    project: Project,
    data: dict[str, Any],
    work_package: WorkPackage | None = None,
    expected_version: int | None = None,
) -> WorkPackage:
    work_package = _edited(
        work_package or WorkPackage(project=project),
        data,
        WORK_PACKAGE_FIELDS,
        expected_version,
        siblings=project.work_packages.all(),
    )
    errors: dict[str, list[str]] = {}
    if not (work_package.title or "").strip():
        errors["title"] = [_("Bitte geben Sie den Titel des Arbeitspakets ein.")]
    if work_package.phase is not None and work_package.phase.project_id != project.pk:
        errors["phase"] = [_("Die Phase gehört zu einem anderen Projekt.")]
    _check_span(errors, work_package.planned_start, work_package.planned_end, "planned_end")
    raise_errors(errors, lambda: work_package.full_clean(exclude=["project"]))
    work_package.save()
    return work_package


@transaction.atomic
def work_package_delete(*, work_package: WorkPackage) -> None:
    work_package.delete()


@transaction.atomic
def step_add(*, work_package: WorkPackage, title: str) -> Step:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Bitte geben Sie den Schritt ein.")]})
    step = Step(work_package=work_package, order=_next_order(work_package.steps.all()), title=title)
    raise_errors({}, lambda: step.full_clean(exclude=["work_package"]))
    step.save()
    return step


@transaction.atomic
def step_set_done(*, step: Step, done: bool) -> Step:
    step.done = done
    step.save(update_fields=["done"])
    return step


@transaction.atomic
def step_delete(*, step: Step) -> None:
    step.delete()


def _hours(value: Any, field: str, errors: dict[str, list[str]]) -> Decimal | None:
    text = str(value if value is not None else "").strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        hours = Decimal(text)
    except (InvalidOperation, ValueError):
        errors.setdefault(field, []).append(
            _("„%(value)s“ ist keine Stundenzahl.") % {"value": value}
        )
        return None
    if not hours.is_finite() or hours < 0 or hours > HOURS_CEILING:
        errors.setdefault(field, []).append(
            _("%(value)s Stunden liegen nicht zwischen 0 und %(max)s.")
            % {"value": value, "max": HOURS_CEILING}
        )
        return None
    return hours.quantize(Decimal("0.01"))


@transaction.atomic
def estimate_add(
    *,
    work_package: WorkPackage,
    hours: Any,
    label: str = "",
    org_unit: OrgUnit | None = None,
    person: Any = None,
) -> Estimate:
    errors: dict[str, list[str]] = {}
    value = _hours(hours, "hours", errors)
    if not (label or "").strip() and org_unit is None and person is None:
        errors["label"] = [
            _("Bitte nennen Sie Person, Rolle oder Organisationseinheit der Schätzung.")
        ]
    if errors or value is None:
        raise ValidationError(errors)
    estimate = Estimate(
        work_package=work_package,
        hours=value,
        label=(label or "").strip(),
        org_unit=org_unit,
        person=person,
    )
    raise_errors({}, lambda: estimate.full_clean(exclude=["work_package"]))
    estimate.save()
    return estimate


@transaction.atomic
def estimate_delete(*, estimate: Estimate) -> None:
    estimate.delete()


@transaction.atomic
def actual_effort_set(
    *, work_package: WorkPackage, month: date, hours: Any, note: str = ""
) -> ActualEffort:
    errors: dict[str, list[str]] = {}
    value = _hours(hours, "hours", errors)
    if errors or value is None:
        raise ValidationError(errors)
    effort, _created = ActualEffort.objects.update_or_create(
        work_package=work_package,
        month=month_start(month),
        defaults={"hours": value, "note": note},
    )
    return effort


@dataclass
class ImportResult:
    """What an import found: the rows it would write and the problems per row."""

    rows: list[tuple[WorkPackage, date, Decimal]]
    problems: list[str]


def _parse_month(text: str) -> date | None:
    from datetime import datetime

    for fmt in ("%m.%Y", "%m/%Y", "%Y-%m", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(text.strip(), fmt)  # noqa: DTZ007 - a calendar month
        except ValueError:
            continue
        if not 1900 <= day.year <= 2200:
            return None
        return date(day.year, day.month, 1)
    return None


def actual_effort_check(
    *, project: Project, header: list[str], rows: list[list[str]]
) -> ImportResult:
    """Check a table of actual effort (columns Arbeitspaket, Monat, Stunden) row by row."""
    index = {h.strip().lower(): i for i, h in enumerate(header)}
    missing = [name for name in ("arbeitspaket", "monat", "stunden") if name not in index]
    if missing:
        return ImportResult(
            rows=[],
            problems=[
                _("Es fehlt die Spalte „%(col)s“.") % {"col": name.capitalize()} for name in missing
            ],
        )
    packages = {
        key: wp
        for wp in project.work_packages.all()
        for key in {wp.code.strip().lower(), wp.title.strip().lower()}
        if key
    }
    result = ImportResult(rows=[], problems=[])
    seen: set[tuple[int, date]] = set()
    for number, row in enumerate(rows, start=2):
        cells = row + [""] * (len(header) - len(row))
        name = cells[index["arbeitspaket"]].strip()
        month_text = cells[index["monat"]].strip()
        work_package = packages.get(name.lower())
        month = _parse_month(month_text)
        errors: dict[str, list[str]] = {}
        hours = _hours(cells[index["stunden"]], "stunden", errors)
        if work_package is None:
            result.problems.append(
                _("Zeile %(n)s: Arbeitspaket „%(v)s“ gibt es in diesem Projekt nicht.")
                % {"n": number, "v": name}
            )
        if month is None:
            result.problems.append(
                _("Zeile %(n)s: Monat „%(v)s“ ist kein Monat (z. B. 03.2026).")
                % {"n": number, "v": month_text}
            )
        for message in errors.get("stunden", []):
            result.problems.append(_("Zeile %(n)s: Stunden: %(m)s") % {"n": number, "m": message})
        if work_package is None or month is None or hours is None:
            continue
        if (work_package.pk, month) in seen:
            result.problems.append(
                _("Zeile %(n)s: %(wp)s im Monat %(m)s steht doppelt in der Datei.")
                % {"n": number, "wp": work_package, "m": month.strftime("%m.%Y")}
            )
            continue
        seen.add((work_package.pk, month))
        result.rows.append((work_package, month, hours))
    if not rows:
        result.problems.append(_("Die Datei enthält keine Zeilen."))
    return result


@transaction.atomic
def actual_effort_import(*, project: Project, header: list[str], rows: list[list[str]]) -> int:
    """All or nothing: any problem refuses the whole file (ValidationError listing every row)."""
    result = actual_effort_check(project=project, header=header, rows=rows)
    if result.problems:
        raise ValidationError(result.problems)
    for work_package, month, hours in result.rows:
        ActualEffort.objects.update_or_create(
            work_package=work_package, month=month, defaults={"hours": hours}
        )
    return len(result.rows)


@transaction.atomic
def work_package_create_card(*, work_package: WorkPackage, user: User, title: str = "") -> Card:
    """A card on the project's board for this work package; its done column counts towards
    the package's progress."""
    board = project_board_ensure(work_package.project)
    card = card_create(
        board=board,
        title=(title or "").strip() or str(work_package),
        user=user,
        description=work_package.description,
        due_date=work_package.planned_end,
    )
    WorkPackageCard.objects.create(work_package=work_package, card=card)
    return card


# --- capacity -------------------------------------------------------------------------------

AVAILABILITY_FIELDS = ["org_unit", "person", "month", "unit", "amount", "line_work_percent", "note"]


@transaction.atomic
def availability_save(
    *,
    programme: Programme,
    data: dict[str, Any],
    availability: Availability | None = None,
    expected_version: int | None = None,
) -> Availability:
    availability = _edited(
        availability or Availability(programme=programme),
        data,
        AVAILABILITY_FIELDS,
        expected_version,
    )
    if availability.month:
        availability.month = month_start(availability.month)
    errors: dict[str, list[str]] = {}
    if availability.org_unit_id and availability.month:
        duplicate = Availability.objects.filter(
            programme=programme,
            org_unit_id=availability.org_unit_id,
            person=availability.person,
            month=availability.month,
        ).exclude(pk=availability.pk)
        if duplicate.exists():
            errors["month"] = [
                _("Für %(unit)s ist im Monat %(month)s schon eine Verfügbarkeit erfasst.")
                % {"unit": availability.org_unit, "month": availability.month.strftime("%m.%Y")}
            ]
    raise_errors(errors, lambda: availability.full_clean(exclude=["programme"]))
    availability.save()
    return availability


@transaction.atomic
def availability_delete(*, availability: Availability) -> None:
    availability.delete()


ALLOCATION_FIELDS = ["org_unit", "person", "month", "person_days", "note"]


@transaction.atomic
def allocation_save(
    *,
    project: Project,
    data: dict[str, Any],
    allocation: Allocation | None = None,
    expected_version: int | None = None,
) -> Allocation:
    allocation = _edited(
        allocation or Allocation(project=project), data, ALLOCATION_FIELDS, expected_version
    )
    if allocation.month:
        allocation.month = month_start(allocation.month)
    raise_errors({}, lambda: allocation.full_clean(exclude=["project"]))
    allocation.save()
    return allocation


@transaction.atomic
def allocation_delete(*, allocation: Allocation) -> None:
    allocation.delete()
