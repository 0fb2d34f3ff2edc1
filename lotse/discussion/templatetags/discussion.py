"""`{% comments obj %}`: the one comment component, embedded in any commentable page. A
template tag (not an import) so that higher apps can show comments without the discussion
app knowing them."""

from django import template
from django.db.models import Model
from django.template import Context
from django.utils import timezone

from lotse.targets import component_context
from lotse.targets import component_reader

from .. import drafts
from .. import selectors
from .. import services
from ..models import Comment
from ..registry import REGISTRY

register = template.Library()


@register.inclusion_tag("discussion/_comments.html", takes_context=True)
def comments(context: Context, obj: Model) -> dict[str, object]:
    found = component_reader(context, REGISTRY, obj)
    if found is None:
        return {"visible": False}
    user, target = found
    # An unsaved comment of the same programme asks "may this user moderate here?".
    moderates = user.has_perm(
        "discussion.moderate_comment", Comment(programme_id=REGISTRY.programme_id_of(obj))
    )
    threads = selectors.shown_threads(
        selectors.threads(obj, include_pending=moderates),
        user,
        moderates=moderates,
        now=timezone.now(),
        window=services.edit_window(),
    )
    return component_context(
        context,
        obj,
        threads=threads,
        user=user,
        moderates=moderates,
        public_target=target.public_comments,
        draft=drafts.take(context.get("request"), obj),
    )
