"""Pieces the ideas views share."""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from lotse import drafts
from lotse.http import section_page

from ..models import Idea

# A page of the ideas section: ideas_page(request, template, programme, **context).
ideas_page = partial(section_page, section="ideas")


# The inputs of the idea page's small forms (written by hand), kept when the service refuses
# them, to stand in their fields again with the reason beside them (lotse.drafts).
TYPED = {
    "hide": ("reason",),
    "status": ("status", "reason"),
    "decide": ("meeting", "outcome", "title", "reason"),
}


@dataclass(frozen=True)
class KeptIdeaForm:
    name: str  # which form: hide, status, decide
    values: dict[str, str]
    errors: list[str]


def keep_typed(request: HttpRequest, idea: Idea, name: str, exc: ValidationError) -> None:
    data = {key: [request.POST.get(key, "")] for key in TYPED[name]}
    drafts.keep_values(request, idea, name, drafts.Kept(data, {"__all__": exc.messages}))


def kept_typed(request: HttpRequest, idea: Idea) -> KeptIdeaForm | None:
    for name in TYPED:
        kept = drafts.take_values(request, idea, name)
        if kept is not None:
            values = {key: value[0] for key, value in kept.data.items() if value}
            return KeptIdeaForm(name, values, kept.errors.get("__all__", []))
    return None
