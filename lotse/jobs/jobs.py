"""The jobs app's own kind: a probe that shows the worker is running (operations, tests)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job
from .registry import Output
from .registry import Progress
from .registry import register


@register("jobs.probe")
def probe(job: Job, progress: Progress) -> Output:
    progress(_("Probeauftrag läuft"), 50)
    stamp = timezone.localtime().isoformat(timespec="seconds")
    return Output(
        content=f"Lotse-Hintergrunddienst antwortet: {stamp}\n".encode(),
        filename="probe.txt",
        content_type="text/plain; charset=utf-8",
        summary=_("Der Hintergrunddienst arbeitet."),
    )
