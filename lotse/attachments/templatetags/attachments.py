"""`{% attachments obj %}`: the one attachment component, embedded in any page of an object
that can carry attachments. A template tag (not an import) so that higher apps can show
attachments without this app knowing them.

Most boxes are empty (issue 14: it is on every meeting, project and card page), so an empty
box is not rendered from the template each time: its markup is rendered once per language
(and for readers and editors) with placeholders for the page's values, which are then put
in, rendered as the template renders them. A box with attachments renders the template."""

import re
from types import SimpleNamespace

from django import template
from django.db.models import Model
from django.template import Context
from django.template import Engine
from django.template import engines
from django.template.base import render_value_in_context
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lotse.targets import component_context
from lotse.targets import component_reader

from .. import selectors
from .. import services
from ..filetypes import ALLOWED_EXTENSIONS
from ..filetypes import allowed_text
from ..registry import REGISTRY

register = template.Library()

TEMPLATE = "attachments/_attachments.html"
# The page's values of an empty box, in the order of their placeholders' numbers.
EMPTY_VALUES = ("csrf_token", "label", "pk", "next", "accept", "allowed", "max_mb")
_PLACEHOLDER = re.compile(r"zzAttachmentsBoxValue(\d)zz")
_empty: dict[tuple[str | None, bool | None, int], list[str]] = {}


def _engine(context: Context) -> Engine:
    return context.template.engine if context.template else engines["django"].engine  # type: ignore[attr-defined]


def _empty_parts(context: Context, may_write: bool | None) -> list[str]:
    """The markup of an empty box (None: of no box) split around the placeholders of
    `EMPTY_VALUES`: text at even places, a value's number at odd ones. Rendered from the
    template once per language, reader/editor and engine."""
    engine = _engine(context)
    key = (get_language(), may_write, id(engine))
    parts = _empty.get(key)
    if parts is None:
        marks = {name: f"zzAttachmentsBoxValue{i}zz" for i, name in enumerate(EMPTY_VALUES)}
        box: dict[str, object] = {
            **marks,
            "visible": may_write is not None,
            "obj": SimpleNamespace(pk=marks["pk"]),
            "items": [],
            "deleted": [],
            "may_write": may_write,
        }
        markup = engine.get_template(TEMPLATE).render(Context(box))
        parts = _empty[key] = _PLACEHOLDER.split(markup)
    return parts


def _filled(context: Context, parts: list[str], values: dict[str, object]) -> SafeString:
    """The empty box with the page's values, rendered as `{{ value }}` renders them."""
    filled = [
        str(render_value_in_context(values[EMPTY_VALUES[int(part)]], context)) if i % 2 else part
        for i, part in enumerate(parts)
    ]
    return mark_safe("".join(filled))  # noqa: S308 - template output and escaped values


@register.simple_tag(takes_context=True)
def attachments(context: Context, obj: Model) -> SafeString:
    found = component_reader(context, REGISTRY, obj)
    if found is None:
        return _filled(context, _empty_parts(context, None), {})
    user, target = found
    if not user.has_perm(target.view_perm, obj):
        return _filled(context, _empty_parts(context, None), {})
    may_write = user.has_perm(target.change_perm, obj)
    items, deleted = selectors.box_of(obj, deleted=may_write)
    box = component_context(
        context,
        obj,
        items=items,
        deleted=deleted,
        may_write=may_write,
        accept=",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS),
        allowed=allowed_text(),
        max_mb=services.max_bytes() // services.MB,
    )
    if not items and not deleted:
        return _filled(context, _empty_parts(context, may_write), {**box, "pk": obj.pk})
    return _engine(context).get_template(TEMPLATE).render(context.new(box))
