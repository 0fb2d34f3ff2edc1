"""The public pages' freshness stamp: `ProgrammePublication.content_changed_at`.

Every change to something a programme's public pages show moves the stamp of that programme,
so `selectors.last_change` reads one row instead of scanning the change history. The stamp
follows the history records (saves and deletions alike, `post_create_historical_record`),
plus the OKR check-ins, which have no history of their own. A change that concerns only an
unpublished project (its texts, milestones, reports, objectives) leaves the stamp alone;
publishing or unpublishing a project moves it.

Each change costs one UPDATE (joined to the project where the project decides).
"""

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from lotse.finance.models import BudgetLine
from lotse.finance.models import FinanceSettings
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.ozg.models import CatalogueSettings
from lotse.ozg.models import PublicService
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone
from lotse.reporting.models import StatusReport

from .models import ProgrammePublication

# Models whose change concerns the whole programme: the attribute naming its programme.
PROGRAMME_WIDE: dict[type[Model], str] = {
    Programme: "pk",
    FieldOfAction: "programme_id",
    Quarter: "programme_id",
    BudgetLine: "programme_id",
    FinanceSettings: "programme_id",
    PublicService: "programme_id",
    CatalogueSettings: "programme_id",
}


def _project_id(instance: Model) -> int | None:
    """The project a project-level row belongs to (without a query where possible)."""
    if isinstance(instance, Milestone | StatusReport | Objective):
        return instance.project_id
    if isinstance(instance, KeyResult):
        return (
            Objective.objects.filter(pk=instance.objective_id)
            .values_list("project_id", flat=True)
            .first()
        )
    if isinstance(instance, CheckIn):
        return (
            KeyResult.objects.filter(pk=instance.key_result_id)
            .values_list("objective__project_id", flat=True)
            .first()
        )
    return None


def touch_programme(programme_id: int | None) -> None:
    if programme_id is not None:
        ProgrammePublication.objects.filter(programme_id=programme_id).update(
            content_changed_at=timezone.now()
        )


def touch_for_project(project_id: int | None) -> None:
    """Moves the stamp only if the project is published."""
    if project_id is not None:
        ProgrammePublication.objects.filter(
            programme__projects__pk=project_id, programme__projects__published=True
        ).update(content_changed_at=timezone.now())


def _was_published(history_instance: Any) -> bool:
    previous = history_instance.prev_record
    return bool(previous is not None and previous.published)


def on_history_record(sender: Any, instance: Model, history_instance: Any, **kwargs: Any) -> None:
    model = type(instance)
    if model in PROGRAMME_WIDE:
        touch_programme(getattr(instance, PROGRAMME_WIDE[model]))
    elif isinstance(instance, Project):
        if instance.published or _was_published(history_instance):
            touch_programme(instance.programme_id)
    elif model in (Milestone, StatusReport, Objective, KeyResult):
        touch_for_project(_project_id(instance))


def on_check_in(sender: Any, instance: CheckIn, **kwargs: Any) -> None:
    touch_for_project(_project_id(instance))


def connect() -> None:
    post_create_historical_record.connect(on_history_record, dispatch_uid="public-freshness")
    post_save.connect(on_check_in, sender=CheckIn, dispatch_uid="public-freshness-checkin")
    post_delete.connect(on_check_in, sender=CheckIn, dispatch_uid="public-freshness-checkin-del")
