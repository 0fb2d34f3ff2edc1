"""Background jobs in the REST API: how far a job is, and where its result is.

A POST that builds a document (e.g. `/programmes/{slug}/archived-reports`) answers 202 with
the job; the client polls `status_url` until `status` is `done` (then `result_url`) or
`failed` (then `error`, in German). Same rule as the UI: the person who asked for the job and
the programme office of its programme.
"""

from typing import Any

from ninja import Router

from lotse.api_helpers import Error
from lotse.http import AuthedRequest
from lotse.jobs.schemas import JobOut
from lotse.jobs.selectors import get_job_for

router = Router(tags=["Hintergrundaufträge"])


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, 401: Error, 403: Error, 404: Error},
    operation_id="job_detail",
)
def job_detail(request: AuthedRequest, job_id: int) -> Any:
    """Stand eines Hintergrundauftrags: `status` (queued, running, done, failed), `phase`
    und `percent`, bei Erfolg `result_url`, bei Fehler `error`."""
    return get_job_for(request.user, job_id)
