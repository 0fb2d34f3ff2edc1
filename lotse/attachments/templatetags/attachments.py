"""`{% attachments obj %}`: the one attachment component, embedded in any page of an object
that can carry attachments. A template tag (not an import) so that higher apps can show
attachments without this app knowing them."""

from django import template
from django.db.models import Model
from django.template import Context

from lotse.targets import component_context, component_reader

from .. import selectors, services
from ..filetypes import ALLOWED_EXTENSIONS, allowed_text
from ..registry import REGISTRY

register = template.Library()


@register.inclusion_tag("attachments/_attachments.html", takes_context=True)
def attachments(context: Context, obj: Model) -> dict[str, object]:
    found = component_reader(context, REGISTRY, obj)
    if found is None:
        return {"visible": False}
    user, target = found
    if not user.has_perm(target.view_perm, obj):
        return {"visible": False}
    may_write = user.has_perm(target.change_perm, obj)
    return component_context(
        context,
        obj,
        items=list(selectors.attachments_of(obj)),
        deleted=list(selectors.attachments_of(obj, deleted=True)) if may_write else [],
        may_write=may_write,
        accept=",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS),
        allowed=allowed_text(),
        max_mb=services.max_bytes() // services.MB,
    )
