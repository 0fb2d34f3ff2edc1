"""OKR achievement per field of action, as of a moment (scored by `lotse.okr.scoring`).

The objectives of the quarter that contains the as-of day count (drafts do not); each
objective's progress is the mean of its key results' progress from their latest check-in
up to that moment, and a field's achievement is the mean over its scored objectives.
"""

from collections import defaultdict
from datetime import date
from datetime import datetime

from django.utils.translation import gettext as _

from lotse.okr import scoring
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter

from .data import OkrLine
from .history import records_at


def _line(label: str, progresses: list[float | None]) -> OkrLine:
    scored = [p for p in progresses if p is not None]
    progress = sum(scored) / len(scored) if scored else None
    return OkrLine(
        label=label,
        objectives=len(progresses),
        scored=len(scored),
        progress=progress,
        percent=scoring.percent(progress),
        band_label=str(scoring.band(progress).label),
    )


def achievement(
    *, projects: list, fields: list, moment: datetime, as_of: date
) -> tuple[dict[int | None, OkrLine], OkrLine | None]:
    if not projects:
        return {}, None
    programme_id = projects[0].programme_id
    quarter = (
        records_at(Quarter, moment)
        .filter(programme_id=programme_id, year=as_of.year, number=(as_of.month - 1) // 3 + 1)
        .first()
    )
    if quarter is None:
        return {}, None
    field_of_project = {p.id: p.field_of_action_id for p in projects}
    objectives = [
        o
        for o in records_at(Objective, moment).filter(
            quarter_id=quarter.id, project_id__in=list(field_of_project)
        )
        if o.state != Objective.State.DRAFT
    ]
    if not objectives:
        return {}, None
    key_results = list(
        records_at(KeyResult, moment).filter(objective_id__in=[o.id for o in objectives])
    )
    latest: dict[int, CheckIn] = {}
    for check_in in CheckIn.objects.filter(
        key_result_id__in=[k.id for k in key_results], created_at__lte=moment
    ).order_by("created_at", "pk"):
        latest[check_in.key_result_id] = check_in
    by_objective: dict[int, list[float | None]] = defaultdict(list)
    for kr in key_results:
        last = latest.get(kr.id)
        by_objective[kr.objective_id].append(
            scoring.key_result_progress(
                kind=kr.kind,
                start=kr.start_value,
                target=kr.target_value,
                value=last.value if last else None,
                done=last.done if last else None,
            )
        )
    per_field: dict[int | None, list[float | None]] = defaultdict(list)
    everything = []
    for objective in objectives:
        progress = scoring.objective_progress(by_objective.get(objective.id, []))
        field_id = objective.field_of_action_id or field_of_project.get(objective.project_id)
        per_field[field_id].append(progress)
        everything.append(progress)
    names = {f.id: f.name for f in fields}
    lines = {fid: _line(names.get(fid, ""), values) for fid, values in per_field.items()}
    return lines, _line(_("Programm gesamt"), everything)
