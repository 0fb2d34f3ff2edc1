"""A refused comment is not lost: the comment forms post and go back to the commented page,
so the text the service refused travels in the session and stands in its field again, with
the reason beside it."""

from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest

from lotse.targets import label_of

from .models import Comment

SESSION_KEY = "discussion_draft"


@dataclass(frozen=True)
class Draft:
    parent_id: int | None  # None: a new comment, else the thread it answers
    body: str
    error: str  # why the service refused it


def _key(obj: Model) -> str:
    return f"{label_of(obj)}:{obj.pk}"


def keep(request: HttpRequest, obj: Model, parent: Comment | None, body: str, error: str) -> None:
    request.session[SESSION_KEY] = {
        "obj": _key(obj),
        "parent": parent.pk if parent else None,
        "body": body,
        "error": error,
    }


def take(request: HttpRequest | None, obj: Model) -> Draft | None:
    """The refused text for `obj`'s comments, once: shown, it leaves the session."""
    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_KEY, {}).get("obj") != _key(obj):
        return None
    kept = session.pop(SESSION_KEY)
    return Draft(parent_id=kept["parent"], body=kept["body"], error=kept.get("error", ""))
