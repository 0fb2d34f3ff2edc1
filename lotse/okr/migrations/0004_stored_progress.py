"""Stored current scores of key results and objectives (issue 14), backfilled."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from lotse.okr import scoring


def backfill(apps, schema_editor):
    KeyResult = apps.get_model("okr", "KeyResult")
    CheckIn = apps.get_model("okr", "CheckIn")
    Objective = apps.get_model("okr", "Objective")
    latest = CheckIn.objects.filter(key_result=OuterRef("pk")).order_by("-created_at", "-pk")
    rows = KeyResult.objects.annotate(
        last_value=Subquery(latest.values("value")[:1]),
        last_done=Subquery(latest.values("done")[:1]),
    ).values_list(
        "pk", "objective_id", "kind", "start_value", "target_value", "last_value", "last_done"
    )
    per_objective: dict[int, list] = {}
    for pk, objective_id, kind, start, target, value, done in rows.iterator():
        progress = scoring.key_result_progress(
            kind=kind, start=start, target=target, value=value, done=done
        )
        per_objective.setdefault(objective_id, []).append(progress)
        if progress is not None:
            KeyResult.objects.filter(pk=pk).update(progress=progress)
    for objective_id, progresses in per_objective.items():
        progress = scoring.objective_progress(progresses)
        if progress is not None:
            Objective.objects.filter(pk=objective_id).update(progress=progress)


class Migration(migrations.Migration):
    dependencies = [("okr", "0003_key_result_source")]

    operations = [
        migrations.AddField(
            model_name="keyresult",
            name="progress",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="objective",
            name="progress",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
