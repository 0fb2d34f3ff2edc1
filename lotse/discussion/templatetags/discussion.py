"""`{% comments obj %}`: the one comment component, embedded in any commentable page. A
template tag (not an import) so that higher apps can show comments without the discussion
app knowing them."""

from django import template
from django.db.models import Model
from django.template import Context
from django.utils import timezone

from lotse.targets import label_of

from .. import selectors, services
from ..models import Comment
from ..registry import REGISTRY

register = template.Library()


@register.inclusion_tag("discussion/_comments.html", takes_context=True)
def comments(context: Context, obj: Model) -> dict[str, object]:
    request = context.get("request")
    user = getattr(request, "user", None)
    target = REGISTRY.target_for(obj)
    if user is None or not user.is_authenticated or target is None:
        return {"visible": False}
    # An unsaved comment of the same programme asks "may this user moderate here?".
    moderates = user.has_perm(
        "discussion.moderate_comment", Comment(programme_id=REGISTRY.programme_id_of(obj))
    )
    found = selectors.shown_threads(
        selectors.threads(obj, include_pending=moderates),
        user,
        moderates=moderates,
        now=timezone.now(),
        window=services.edit_window(),
    )
    return {
        "visible": True,
        "threads": found,
        "label": label_of(obj),
        "obj": obj,
        "user": user,
        "moderates": moderates,
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path() if request else "",
        "public_target": target.public_comments,
    }
