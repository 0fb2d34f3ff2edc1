"""Reactions to other apps: a board for every new project and programme, and the board
summary in a newly started (or refreshed draft) status report (seed 004: To Do / Doing /
Done in every Projektcheck)."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import StatusReport
from lotse.reporting.signals import board_summary_wanted
from lotse.reporting.signals import report_started

from . import selectors
from . import services
from .models import Board


@receiver(post_save, sender=Project, dispatch_uid="boards_project_board")
@receiver(post_save, sender=Programme, dispatch_uid="boards_programme_board")
def create_board(
    sender: type[Project | Programme],
    instance: Project | Programme,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """The board comes with the project, and the PMO task board with the programme (so that
    opening a page never writes), in the database the row was saved to."""
    if created and not raw:
        using = kwargs.get("using", DEFAULT_DB_ALIAS)
        if isinstance(instance, Project):
            services.project_board_ensure(instance, using=using)
        else:
            services.programme_board_ensure(instance, using=using)


@receiver(report_started, dispatch_uid="boards_prefill_report")
@receiver(board_summary_wanted, dispatch_uid="boards_refresh_report")
def prefill_report(sender: object, report: StatusReport, **kwargs: Any) -> bool:
    """Write the board's current state into the report as text (a new report, or a draft
    whose author asks for it): the report keeps it as it was, whatever happens on the board
    later. A board without cards leaves the texts (e.g. taken over from the previous report)
    alone; the answer says whether the texts were written."""
    board = Board.objects.filter(project_id=report.project_id).first()
    if board is None:
        return False
    summary = selectors.board_summary(
        board, today=timezone.localdate(), done_since=report.period.start
    )
    if not summary["card_count"]:
        return False
    report.board_todo = summary["board_todo"]
    report.board_doing = summary["board_doing"]
    report.board_done = summary["board_done"]
    return True
