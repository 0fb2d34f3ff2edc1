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
from typing import Any
from typing import Generic
from typing import Protocol
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Model
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponseRedirect
from django.template import Context
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from lotse.http import AnyUser


class SoftDeleted(models.Model):
    """A comment or an attachment is deleted by marking it: the trace (when, by whom) stays."""

    deleted_at = models.DateTimeField(gettext_lazy("gelöscht am"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("gelöscht von"),
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


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


def component_reader(context: Context, registry: Registry[T], obj: Model) -> tuple[Any, T] | None:
    """For the template tag of a component (`{% comments obj %}`, `{% attachments obj %}`):
    the logged-in user of the page and the object's entry; None for a visitor who is not
    logged in or an object that is no target."""
    user = getattr(context.get("request"), "user", None)
    target = registry.target_for(obj)
    if user is None or not user.is_authenticated or target is None:
        return None
    return user, target


def component_context(context: Context, obj: Model, **more: object) -> dict[str, object]:
    """The context of a visible component: the object with its label, the page's CSRF token
    and its address (`next`, where a form of the component leads back to), and `more`."""
    request = context.get("request")
    return {
        "visible": True,
        "label": label_of(obj),
        "obj": obj,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path() if request else "",
        **more,
    }


def back_to(request: HttpRequest, obj: Model, anchor: str) -> HttpResponseRedirect:
    """Back to the page the component's form came from (`next`, if it is ours), else to the
    object's own page, at the component's `anchor`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return HttpResponseRedirect(f"{target}#{anchor}")
