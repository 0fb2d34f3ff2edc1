"""Posting, editing, deleting and moderating comments. Every form comes from the comment
component (`{% comments obj %}`) on the commented object's page and returns there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.http import AuthedRequest
from lotse.http import section_page
from lotse.targets import back_to
from lotse.targets import label_of

from . import drafts
from . import selectors
from . import services
from .models import Comment
from .registry import REGISTRY

app_name = "discussion"


def _back(request: HttpRequest, obj: Model) -> HttpResponseRedirect:
    return back_to(request, obj, "kommentare")


@login_required
@require_POST
def comment_create(request: AuthedRequest) -> HttpResponse:
    obj = selectors.get_target(request.user, request.POST.get("target", ""), request.POST.get("pk"))
    parent = None
    raw_parent = request.POST.get("parent", "")
    if raw_parent.isdigit():
        parent = Comment.objects.filter(pk=int(raw_parent)).first()
    body = request.POST.get("body", "")
    try:
        services.comment_add(obj=obj, user=request.user, body=body, parent=parent)
    except ValidationError as exc:
        refusal = " ".join(exc.messages)
        messages.error(request, refusal)
        # The page we go back to shows the refused text again in its field, to be corrected,
        # and the reason beside it: its comments lie far below the notice at the top.
        drafts.keep(request, obj, parent, body, refusal)
    else:
        messages.success(request, _("Ihr Kommentar ist gespeichert."))
    return _back(request, obj)


@login_required
def comment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    comment = selectors.get_comment(pk)
    obj = selectors.target_of(request.user, comment)
    error = ""
    body = comment.body
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.comment_edit(comment=comment, obj=obj, user=request.user, body=body)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Ihr Kommentar ist geändert."))
            return _back(request, obj)
    elif comment.author_id != request.user.pk:
        raise PermissionDenied
    # Under the tab of the commented object's page.
    return section_page(
        request,
        "discussion/edit.html",
        comment.programme,
        section=REGISTRY.targets[label_of(obj)].section,
        status=422 if error else 200,
        comment=comment,
        obj=obj,
        body=body,  # what was sent, when refused: the person corrects it, not retypes it
        error=error,
        next=request.GET.get("next", ""),
    )


@login_required
@require_POST
def comment_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    comment = selectors.get_comment(pk)
    obj = selectors.target_of(request.user, comment)
    services.comment_delete(comment=comment, user=request.user)
    messages.success(request, _("Der Kommentar ist gelöscht."))
    return _back(request, obj)


@login_required
@require_POST
def comment_moderate(request: AuthedRequest, pk: int) -> HttpResponse:
    comment = selectors.get_comment(pk)
    obj = selectors.target_of(request.user, comment)
    approve = request.POST.get("approve") == "1"
    services.comment_moderate(comment=comment, user=request.user, approve=approve)
    messages.success(
        request,
        _("Der Kommentar ist freigegeben.") if approve else _("Der Kommentar ist ausgeblendet."),
    )
    return _back(request, obj)
