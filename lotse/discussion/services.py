"""Writing, editing, deleting and moderating comments; @mentions and their mail run."""

import re
from collections import defaultdict
from datetime import datetime
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse import hygiene
from lotse.accounts.models import User
from lotse.accounts.notifications import opted_out
from lotse.history import record_by
from lotse.mail import message
from lotse.targets import pointing_at
from lotse.validation import check_typed_text

from .models import Comment
from .models import Mention
from .registry import REGISTRY

MAX_LENGTH = 5000
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{2,150})")


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "LOTSE_COMMENT_EDIT_MINUTES", 15))


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Bitte schreiben Sie einen Kommentar.")]})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            {"body": [_("Ein Kommentar hat höchstens %(n)s Zeichen.") % {"n": MAX_LENGTH}]}
        )
    try:
        hygiene.check_text(body, label=_("Kommentar"), multiline=True)
    except hygiene.Refused as exc:
        raise ValidationError({"body": [str(exc)]}) from exc
    return body


def _parent(parent: Comment | None, obj: Model) -> Comment | None:
    if parent is None:
        return None
    same = parent.content_type_id == ContentType.objects.get_for_model(obj).pk
    if not same or parent.object_id != obj.pk:
        raise ValidationError({"parent": [_("Die Antwort gehört zu einem anderen Beitrag.")]})
    # One level of replies: an answer to an answer goes to the thread's first comment.
    return parent.parent or parent


def _mentions(comment: Comment, obj: Model) -> int:
    """Record a mention for every named user who may read the object (not the author)."""
    names = {m.rstrip(".").lower() for m in MENTION.findall(comment.body)}
    if not names:
        return 0
    target = REGISTRY.target_for(obj)
    wanted = Q()
    for name in list(names)[:50]:
        wanted |= Q(username__iexact=name)
    users = get_user_model().objects.filter(wanted, is_active=True)
    if comment.author_id is not None:
        users = users.exclude(pk=comment.author_id)
    created = 0
    for user in users:
        if target is not None and not user.has_perm(target.view_perm, obj):
            continue
        _mention, made = Mention.objects.get_or_create(comment=comment, user=user)
        created += int(made)
    return created


@transaction.atomic
def comment_add(*, obj: Model, user: User, body: str, parent: Comment | None = None) -> Comment:
    target = REGISTRY.target_for(obj)
    if target is None:
        raise ValidationError(_("Hierzu kann man nicht kommentieren."))
    if not user.has_perm(target.view_perm, obj):
        raise PermissionDenied
    comment = Comment(
        **pointing_at(obj),
        programme_id=REGISTRY.programme_id_of(obj),
        parent=_parent(parent, obj),
        author=user,
        body=_body(body),
    )
    record_by(comment, user)
    comment.save()
    _mentions(comment, obj)
    return comment


@transaction.atomic
def comment_add_public(*, obj: Model, body: str, author_name: str = "") -> Comment:
    """A citizen's comment on a public idea: waits for moderation, keeps no address."""
    target = REGISTRY.target_for(obj)
    if target is None or not target.public_comments:
        raise ValidationError(_("Hierzu kann man nicht kommentieren."))
    # Named as the public comment form labels the input (the only one that sends a name).
    author_name = check_typed_text(
        (author_name or "").strip(),
        Comment,
        "author_name",
        label=_("Ihr Name (freiwillig, wird angezeigt)"),
    )
    return Comment.objects.create(
        **pointing_at(obj),
        programme_id=REGISTRY.programme_id_of(obj),
        author_name=author_name,
        is_public=True,
        moderation=Comment.Moderation.PENDING,
        body=_body(body),
    )


@transaction.atomic
def comment_edit(*, comment: Comment, obj: Model, user: User, body: str) -> Comment:
    if comment.author_id != user.pk or comment.is_deleted:
        raise PermissionDenied
    if timezone.now() - comment.created_at > edit_window():
        raise ValidationError(
            _("Ein Kommentar lässt sich nur %(n)s Minuten lang bearbeiten.")
            % {"n": int(edit_window().total_seconds() // 60)}
        )
    comment.body = _body(body)
    comment.edited_at = timezone.now()
    record_by(comment, user)
    comment.save()
    _mentions(comment, obj)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> Comment:
    """Delete by the author or a moderator: the text goes, a visible trace stays."""
    if not user.has_perm("discussion.delete_comment", comment):
        raise PermissionDenied
    if comment.is_deleted:
        return comment
    comment.body = ""
    comment.deleted_at = timezone.now()
    comment.deleted_by = user
    record_by(comment, user)
    comment.save()
    comment.mentions.filter(notified_at__isnull=True).delete()
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, user: User, approve: bool) -> Comment:
    if not user.has_perm("discussion.moderate_comment", comment):
        raise PermissionDenied
    comment.moderation = Comment.Moderation.APPROVED if approve else Comment.Moderation.HIDDEN
    record_by(comment, user)
    comment.save()
    return comment


def send_mention_mails(now: datetime | None = None) -> int:
    """One mail per person for all their new mentions, then mark them notified. Returns the
    number of mails sent."""
    now = now or timezone.now()
    pending = (
        Mention.objects.filter(notified_at__isnull=True, comment__deleted_at__isnull=True)
        .select_related("user", "comment__author")
        .order_by("user_id", "comment__created_at")
    )
    by_user: dict[int, list[Mention]] = defaultdict(list)
    for mention in pending:
        by_user[mention.user_id].append(mention)
    sent = 0
    unwanted = opted_out("mentions")
    for mentions in by_user.values():
        user = mentions[0].user
        with transaction.atomic():
            claimed = Mention.objects.filter(
                pk__in=[m.pk for m in mentions], notified_at__isnull=True
            ).update(notified_at=now)
            if claimed == 0 or not user.email or user.email.strip().lower() in unwanted:
                continue  # switched off: marked as notified all the same, so none pile up
            lines = [
                _("%(author)s am %(day)s:")
                % {
                    "author": m.comment.author_label,
                    "day": timezone.localtime(m.comment.created_at).strftime("%d.%m.%Y %H:%M"),
                }
                + "\n"
                + m.comment.body[:500]
                for m in mentions
            ]
            message(
                subject=_("Lotse: Sie wurden in %(n)s Kommentar(en) erwähnt")
                % {"n": len(mentions)},
                text="\n\n".join([_("Guten Tag,"), _("Sie wurden erwähnt:"), *lines]),
                to=[user.email],
            ).send()
            sent += 1
    return sent
