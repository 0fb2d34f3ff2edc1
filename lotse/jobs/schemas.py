"""The job as the API shows it (`GET /api/v1/jobs/{id}`, wired in lotse.api.jobs)."""

from datetime import datetime
from typing import Literal

from ninja import Schema

from .models import Job

# Choice codes as static types (tests/test_choice_codes.py keeps them equal to the model's).
StatusCode = Literal["queued", "running", "done", "failed"]


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: StatusCode
    phase: str
    percent: int
    error: str
    summary: str
    # Where the result is: the file of the job, or a page (e.g. the report archive).
    result_url: str
    created_at: datetime
    finished_at: datetime | None
    status_url: str

    @staticmethod
    def resolve_result_url(obj: Job) -> str:
        return obj.download_url if obj.done else ""

    @staticmethod
    def resolve_status_url(obj: Job) -> str:
        return f"/api/v1/jobs/{obj.pk}"
