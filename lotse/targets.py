"""Generic targets: objects of higher apps that a low app serves without importing them.

Comments (`lotse.discussion`) and attachments (`lotse.attachments`) hang on projects, status
reports, meetings, decision requests and ideas, all of which live in apps above them. Each of
the two keeps a registry (`<app>/registry.py`) that names its targets by model label
("reporting.decisionrequest") with the permission that lets a user read the object and the
attribute path from the object to its programme, as strings; this module does the rest for
both: finding an object's entry, following the path, loading an object by label and id with
the read check, the generic-relation filter (content type and object id), and the way back
from a form of the component to the object's page.

Layer 0: it knows no app, only Django's models, content types and `rules` permissions."""

from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from lotse.http import AnyUser


class Target(Protocol):
    """What every registry entry names (an app's entry may name more)."""

    @property
    def view_perm(self) -> str: ...  # lets a user read the object

    @property
    def programme_path(self) -> str: ...  # attribute path, e.g. "project.programme_id"

    @property
    def related(self) -> tuple[str, ...]: ...  # select_related when loading the object


T = TypeVar("T", bound=Target)


def label_of(obj: Model) -> str:
    """The model label of an object: "portfolio.project"."""
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def label_of_type(content_type: ContentType) -> str:
    """The model label a stored content type stands for."""
    return f"{content_type.app_label}.{content_type.model}"


def pointing_at(obj: Model) -> dict[str, Any]:
    """The generic relation to `obj`, as keyword arguments for `filter()` or a new row."""
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


@dataclass(frozen=True)
class Registry(Generic[T]):
    """The targets of one app, by model label."""

    targets: dict[str, T]

    def target_for(self, obj: Model) -> T | None:
        return self.targets.get(label_of(obj))

    def programme_id_of(self, obj: Model) -> int:
        value: Any = obj  # the path's attributes are not known to the type checker
        for part in self.targets[label_of(obj)].programme_path.split("."):
            value = getattr(value, part)
        return value

    def load(self, user: AnyUser, label: str, pk: object) -> tuple[Model, T]:
        """The object by its model label and id with its entry, if `user` may read it: 404
        for an unknown label or id, 403 without the read permission."""
        target = self.targets.get(label)
        if target is None:
            raise Http404
        model = apps.get_model(label)
        try:
            obj = model._default_manager.select_related(*target.related).get(pk=pk)
        except (model.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
        if not user.has_perm(target.view_perm, obj):
            raise PermissionDenied
        return obj, target


def back_to(request: HttpRequest, obj: Model, anchor: str) -> HttpResponseRedirect:
    """Back to the page the component's form came from (`next`, if it is ours), else to the
    object's own page, at the component's `anchor`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return HttpResponseRedirect(f"{target}#{anchor}")
