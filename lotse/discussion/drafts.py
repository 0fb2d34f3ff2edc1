"""A refused comment is not lost: the comment forms post and go back to the commented page,
so the text the service refused travels in the session (`lotse.drafts`, the form named
"comment") and stands in its field again, with the reason beside it."""

from dataclasses import dataclass

from django.db.models import Model
from django.http import HttpRequest

from lotse import drafts

from .models import Comment

NAME = "comment"


@dataclass(frozen=True)
class Draft:
    parent_id: int | None  # None: a new comment, else the thread it answers
    body: str
    error: str  # why the service refused it


def keep(request: HttpRequest, obj: Model, parent: Comment | None, body: str, error: str) -> None:
    data = {"body": [body], "parent": [str(parent.pk)] if parent else []}
    drafts.keep_values(request, obj, NAME, drafts.Kept(data=data, errors={"body": [error]}))


def take(request: HttpRequest | None, obj: Model) -> Draft | None:
    """The refused text for `obj`'s comments, once: shown, it leaves the session."""
    kept = drafts.take_values(request, obj, NAME)
    if kept is None:
        return None
    parent = kept.data.get("parent", [])
    return Draft(
        parent_id=int(parent[0]) if parent else None,
        body=kept.data["body"][0],
        error=kept.errors["body"][0],
    )
