"""Every change to the programme's money goes through these functions (UI, API, import, demo).

Amounts arrive as Decimal (the forms and the API parse German input with `money.parse_amount`).
A negative actual or call-off is only accepted as a correction with a reason; a budget line is
never negative; nothing above `models.CEILING` is accepted. Versioned objects refuse to save
over a newer version (`EditConflict`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.http import AnyUser
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import apply_fields
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import save_edited
from lotse.validation import raise_errors

from .models import CEILING
from .models import Actual
from .models import BudgetLine
from .models import BudgetStatus
from .models import CallOff
from .models import Deadline
from .models import FinanceSettings
from .models import Funding
from .models import FundingPhase
from .models import Kind
from .models import SupportContract
from .money import euro

__all__ = ["EditConflict"]

# A budget line's fields on the office's form, in the form's order; a service call may also set
# the line's project and position.
LINE_FORM_FIELDS = [
    "title",
    "purpose",
    "kind",
    "year_from",
    "year_to",
    "status",
    "amount",
    "fte",
    "org_unit",
    "funding",
    "funded_amount",
    "funded_note",
    "planning",
    "product",
    "cost_centre",
    "investment_number",
]
LINE_FIELDS = {*LINE_FORM_FIELDS, "project", "position"}
FUNDING_FIELDS = {
    "project",
    "name",
    "funder",
    "funding_programme",
    "own_share_percent",
    "reference",
    "note",
}
PHASE_FIELDS = {"name", "start", "end", "staff_material", "investment", "note", "position"}
# A deadline's fields on the form, in its order; a service call may also set the planning round.
DEADLINE_FORM_FIELDS = [
    "kind",
    "title",
    "due_date",
    "consequence",
    "body",
    "body_name",
    "funding",
    "project",
    "status",
    "met_on",
    "resolution",
]
DEADLINE_FIELDS = {*DEADLINE_FORM_FIELDS, "planning"}
CONTRACT_FIELDS = {
    "project",
    "budget_line",
    "title",
    "contractor",
    "purpose",
    "start",
    "end",
    "person_days",
    "day_rate",
    "vat_percent",
}
SETTINGS_FIELDS = {"warning_days", "tolerance_percent", "staff_rate", "publish_totals"}


def _full_clean(obj: Any, done: Iterable[str] = ()) -> None:
    """The model's own validation, except of the fields in `done` (the service has already
    said what is wrong with them)."""
    obj.full_clean(exclude=["version", "programme", "history", *done], validate_unique=False)


def amount_error(value: Decimal | None, *, reason: str = "", negative_ok: bool = False) -> str:
    """What is wrong with an amount ("" if nothing): above the ceiling, or negative other than
    as a correction with its reason."""
    if value is None:
        return ""
    if abs(value) > CEILING:
        return _(
            "%(value)s ist unplausibel hoch (Obergrenze %(limit)s). Bitte prüfen Sie den Betrag."
        ) % {"value": euro(value), "limit": euro(CEILING)}
    if value < 0 and not (negative_ok and reason.strip()):
        return (
            _("Ein negativer Betrag ist nur als Korrektur mit Grund möglich.")
            if negative_ok
            else _("Der Betrag darf nicht negativ sein.")
        )
    return ""


def check_amount(
    value: Decimal | None, field: str, *, reason: str = "", negative_ok: bool = False
) -> None:
    """The ceiling for every amount; negative only as a correction with its reason."""
    message = amount_error(value, reason=reason, negative_ok=negative_ok)
    if message:
        raise ValidationError({field: message})


def _collect_amounts(errors: dict[str, list[str]], obj: Any, fields: Sequence[str]) -> None:
    """Add what is wrong with the amounts `fields` of `obj` to `errors`, field by field."""
    for field in fields:
        message = amount_error(getattr(obj, field))
        if message:
            errors.setdefault(field, []).append(message)


def term_warning(programme: Programme, year_from: int, year_to: int) -> str | None:
    """Years outside the programme's term are allowed; the UI says so."""
    start, end = programme.start_date, programme.end_date
    if start and end and (year_from < start.year or year_to > end.year):
        return _(
            "Hinweis: %(span)s liegt (teilweise) außerhalb der Laufzeit des Programms "
            "(%(a)s–%(b)s)."
        ) % {
            "span": year_from if year_from == year_to else f"{year_from}–{year_to}",
            "a": start.year,
            "b": end.year,
        }
    return None


def _not_negative(value: Decimal) -> list[str]:
    try:
        MinValueValidator(Decimal("0"))(value)
    except ValidationError as exc:
        return exc.messages
    return []


def _validate_line(line: BudgetLine, *, by_office: bool, was_planned: bool) -> None:
    errors: dict[str, list[str]] = {}
    if line.year_from and line.year_to and line.year_to < line.year_from:
        errors.setdefault("year_to", []).append(
            _("Das Ende der Jahresspanne darf nicht vor ihrem Beginn liegen.")
        )
    if line.project is not None and line.project.programme_id != line.programme_id:
        errors.setdefault("project", []).append(_("Das Projekt gehört nicht zu diesem Programm."))
    if line.funding is not None and line.funding.programme_id != line.programme_id:
        errors.setdefault("funding", []).append(_("Die Förderung gehört nicht zu diesem Programm."))
    if line.kind == Kind.STAFF and not line.fte:
        errors.setdefault("fte", []).append(_("Bitte geben Sie die Stellen (MAK) an."))
    if line.fte is not None and line.fte < 0:
        # Django's own (translated) message, as the contract's person days get it
        errors.setdefault("fte", []).extend(_not_negative(line.fte))
    if (
        line.funded_amount is not None
        and line.funded_amount > line.amount
        and line.kind != Kind.STAFF
    ):
        errors.setdefault("funded_amount", []).append(
            _("Die Fördermittel können nicht höher sein als der Ansatz (%(amount)s).")
            % {"amount": euro(line.amount)}
        )
    if not by_office and (line.status == BudgetStatus.PLANNED or was_planned):
        errors.setdefault("status", []).append(
            _("Nur das Programmbüro kann Ansätze als „veranschlagt“ führen oder ändern.")
        )
    _collect_amounts(errors, line, ["amount", "funded_amount"])
    raise_errors(errors, lambda: _full_clean(line, errors))


@transaction.atomic
def budget_line_create(*, programme: Programme, data: dict, by_office: bool = True) -> BudgetLine:
    line = BudgetLine(programme=programme)
    apply_fields(line, data, LINE_FIELDS)
    if not line.title and line.project is not None:
        line.title = line.project.title
    if line.year_to is None:
        line.year_to = line.year_from
    _validate_line(line, by_office=by_office, was_planned=False)
    line.save()
    return line


@transaction.atomic
def budget_line_update(
    *, line: BudgetLine, data: dict, expected_version: int | None, by_office: bool = True
) -> BudgetLine:
    was_planned = BudgetLine.objects.filter(pk=line.pk, status=BudgetStatus.PLANNED).exists()
    apply_fields(line, data, LINE_FIELDS)
    _validate_line(line, by_office=by_office, was_planned=was_planned)
    claim_version(line, expected_version)
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, expected_version: int | None = None) -> None:
    claim_version(line, expected_version)
    if line.actuals.exists():
        raise ValidationError(
            _("Zu diesem Ansatz gibt es schon Ist-Werte; er kann nicht gelöscht werden.")
        )
    line.delete()


def first_of_month(day: date) -> date:
    return date(day.year, day.month, 1)


@transaction.atomic
def actual_set(
    *,
    line: BudgetLine,
    month: date,
    actual: Decimal,
    committed: Decimal = Decimal("0"),
    correction_reason: str = "",
    source: str = Actual.Source.MANUAL,
    user: AnyUser | None = None,
    is_example: bool = False,
) -> tuple[Actual, bool]:
    """Set the line's Ist and Obligo for the month. Returns the row and whether it changed."""
    check_amount(actual, "actual", reason=correction_reason, negative_ok=True)
    check_amount(committed, "committed", reason=correction_reason, negative_ok=True)
    month = first_of_month(month)
    # The line's row is locked first: two people (or an import and a person) entering the same
    # month at once would both find no row and the second insert would break the
    # one-actual-per-month constraint, a 500; now the second waits and writes over the first.
    BudgetLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).first()
    found = Actual.objects.filter(budget_line=line, month=month).first()
    if found and (found.actual, found.committed) == (actual, committed):
        return found, False
    row = found or Actual(budget_line=line, month=month)
    row.actual, row.committed = actual, committed
    row.correction_reason = correction_reason.strip()
    row.source = source
    row.recorded_by_id = user.pk if user is not None and user.is_authenticated else None
    row.is_example = is_example
    row.save()
    return row, True


@transaction.atomic
def actual_delete(*, actual: Actual) -> None:
    actual.delete()


# --- funding -----------------------------------------------------------------------------------


def _validate_funding(funding: Funding) -> None:
    if funding.project is not None and funding.project.programme_id != funding.programme_id:
        raise ValidationError({"project": _("Das Projekt gehört nicht zu diesem Programm.")})
    _full_clean(funding)
    if (
        Funding.objects.filter(programme=funding.programme, name=funding.name)
        .exclude(pk=funding.pk)
        .exists()
    ):
        raise ValidationError({"name": _("Eine Förderung dieses Namens gibt es schon.")})


@transaction.atomic
def funding_create(*, programme: Programme, data: dict) -> Funding:
    return save_edited(
        Funding(programme=programme), data, allowed=FUNDING_FIELDS, validate=_validate_funding
    )


@transaction.atomic
def funding_update(*, funding: Funding, data: dict, expected_version: int | None) -> Funding:
    return save_edited(
        funding,
        data,
        allowed=FUNDING_FIELDS,
        validate=_validate_funding,
        expected_version=expected_version,
    )


@transaction.atomic
def funding_delete(*, funding: Funding, expected_version: int | None = None) -> None:
    """Delete a funding with its phases; refused while lines or deadlines still name it."""
    claim_version(funding, expected_version)
    if funding.budget_lines.exists() or funding.deadlines.exists():
        raise ValidationError(
            _(
                "Zur Förderung „%(name)s“ gibt es noch Haushaltsansätze oder Fristen. Lösen oder "
                "löschen Sie diese zuerst."
            )
            % {"name": funding.name}
        )
    funding.delete()


def _validate_phase(phase: FundingPhase) -> None:
    if phase.start and phase.end and phase.end < phase.start:
        raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
    check_amount(phase.staff_material, "staff_material")
    check_amount(phase.investment, "investment")
    _full_clean(phase)


@transaction.atomic
def funding_phase_create(*, funding: Funding, data: dict) -> FundingPhase:
    return save_edited(
        FundingPhase(funding=funding), data, allowed=PHASE_FIELDS, validate=_validate_phase
    )


@transaction.atomic
def funding_phase_update(
    *, phase: FundingPhase, data: dict[str, Any], expected_version: int | None = None
) -> FundingPhase:
    return save_edited(
        phase,
        data,
        allowed=PHASE_FIELDS,
        validate=_validate_phase,
        expected_version=expected_version,
    )


# --- deadlines ---------------------------------------------------------------------------------


def _validate_deadline(deadline: Deadline) -> None:
    errors: dict[str, str] = {}
    if deadline.kind == Deadline.DeadlineKind.DECISION and not deadline.body:
        errors["body"] = _("Bei einer Entscheidungsfrist geben Sie bitte an, wer entscheidet.")
    if deadline.status == Deadline.Status.MET and not deadline.met_on:
        errors["met_on"] = _("Bitte geben Sie an, wann die Frist erfüllt wurde.")
    if deadline.funding is not None and deadline.funding.programme_id != deadline.programme_id:
        errors["funding"] = _("Die Förderung gehört nicht zu diesem Programm.")
    if deadline.project is not None and deadline.project.programme_id != deadline.programme_id:
        errors["project"] = _("Das Projekt gehört nicht zu diesem Programm.")
    if errors:
        raise ValidationError(errors)
    _full_clean(deadline)


@transaction.atomic
def deadline_create(*, programme: Programme, data: dict) -> Deadline:
    return save_edited(
        Deadline(programme=programme), data, allowed=DEADLINE_FIELDS, validate=_validate_deadline
    )


@transaction.atomic
def deadline_update(*, deadline: Deadline, data: dict, expected_version: int | None) -> Deadline:
    return save_edited(
        deadline,
        data,
        allowed=DEADLINE_FIELDS,
        validate=_validate_deadline,
        expected_version=expected_version,
    )


@transaction.atomic
def deadline_delete(*, deadline: Deadline, expected_version: int | None = None) -> None:
    claim_version(deadline, expected_version)
    deadline.delete()


@transaction.atomic
def deadline_mark_met(*, deadline: Deadline, met_on: date, resolution: str) -> Deadline:
    """E.g. when the deciding body took its decision (governance calls this)."""
    deadline.status = Deadline.Status.MET
    deadline.met_on = met_on
    deadline.resolution = resolution
    _validate_deadline(deadline)
    claim_version(deadline, None)
    deadline.save()
    return deadline


# --- support contracts -------------------------------------------------------------------------


def _validate_contract(contract: SupportContract) -> None:
    """Every wrong field at once (not the first only)."""
    errors: dict[str, list[str]] = {}
    if contract.start and contract.end and contract.end < contract.start:
        errors["end"] = [_("Das Ende darf nicht vor dem Beginn liegen.")]
    if contract.project is not None and contract.project.programme_id != contract.programme_id:
        errors["project"] = [_("Das Projekt gehört nicht zu diesem Programm.")]
    if (
        contract.budget_line is not None
        and contract.budget_line.programme_id != contract.programme_id
    ):
        errors["budget_line"] = [_("Der Haushaltsansatz gehört nicht zu diesem Programm.")]
    _collect_amounts(errors, contract, ["day_rate"])
    raise_errors(errors, lambda: _full_clean(contract, errors))
    if contract.net > CEILING:
        raise ValidationError({"person_days": _("Kontingent mal Tagessatz ist unplausibel hoch.")})


@transaction.atomic
def support_contract_create(*, programme: Programme, data: dict) -> SupportContract:
    return save_edited(
        SupportContract(programme=programme),
        data,
        allowed=CONTRACT_FIELDS,
        validate=_validate_contract,
    )


@transaction.atomic
def support_contract_update(
    *, contract: SupportContract, data: dict, expected_version: int | None
) -> SupportContract:
    return save_edited(
        contract,
        data,
        allowed=CONTRACT_FIELDS,
        validate=_validate_contract,
        expected_version=expected_version,
    )


@transaction.atomic
def support_contract_delete(
    *, contract: SupportContract, expected_version: int | None = None
) -> None:
    """Delete a contract; refused while it has call-offs (they are the record of work done)."""
    claim_version(contract, expected_version)
    if contract.call_offs.exists():
        raise ValidationError(
            _(
                "Zum Rahmenvertrag „%(title)s“ gibt es schon Abrufe; er kann nicht gelöscht "
                "werden. Löschen Sie zuerst die Abrufe."
            )
            % {"title": contract.title}
        )
    contract.delete()


@transaction.atomic
def call_off_create(
    *,
    contract: SupportContract,
    month: date,
    days: Decimal,
    purpose: str,
    correction_reason: str = "",
    user: AnyUser | None = None,
    is_example: bool = False,
) -> CallOff:
    errors: dict[str, str] = {}
    month = first_of_month(month)
    if not purpose.strip():
        errors["purpose"] = _("Bitte geben Sie den Zweck des Abrufs an.")
    if days < 0 and not correction_reason.strip():
        errors["days"] = _("Negative Personentage sind nur als Korrektur mit Grund möglich.")
    if abs(days) > 10000:
        errors["days"] = _("%(days)s Personentage sind unplausibel viele.") % {"days": days}
    if not (first_of_month(contract.start) <= month <= contract.end):
        errors["month"] = _("Der Monat liegt außerhalb der Vertragslaufzeit (%(a)s–%(b)s).") % {
            "a": contract.start.strftime("%m/%Y"),
            "b": contract.end.strftime("%m/%Y"),
        }
    if errors:
        raise ValidationError(errors)
    call_off = CallOff(
        contract=contract,
        month=month,
        days=days,
        purpose=purpose.strip(),
        correction_reason=correction_reason.strip(),
        recorded_by_id=user.pk if user is not None and user.is_authenticated else None,
        is_example=is_example,
    )
    _full_clean(call_off)
    call_off.save()
    return call_off


@transaction.atomic
def call_off_delete(*, call_off: CallOff) -> None:
    call_off.delete()


@transaction.atomic
def finance_settings_update(
    *,
    programme: Programme,
    data: dict[str, Any],
    expected_version: int | None,
    may_publish: bool = True,
) -> FinanceSettings:
    """`may_publish`: whether the caller may switch the public budget totals (the programme
    manager, `finance.publish_totals`); the PMO changes the other settings only."""
    found, _created = FinanceSettings.objects.get_or_create(programme=programme)
    if not may_publish and data.get("publish_totals", found.publish_totals) != found.publish_totals:
        raise ValidationError(
            {
                "publish_totals": _(
                    "Nur die Programmverantwortlichen schalten die öffentlichen Budgetsummen "
                    "ein oder aus."
                )
            }
        )
    apply_fields(found, data, SETTINGS_FIELDS)
    check_amount(found.staff_rate, "staff_rate")
    _full_clean(found)
    claim_version(found, expected_version)
    found.save()
    return found


def project_in(programme: Programme, project_id: int | None) -> Project | None:
    """Resolve a project id sent by a client, within the programme, or refuse."""
    if project_id is None:
        return None
    found = Project.objects.filter(pk=project_id, programme=programme).first()
    if found is None:
        raise ValidationError(
            {"project": _("Ein Projekt mit der Id %(id)s gibt es hier nicht.") % {"id": project_id}}
        )
    return found
