"""Data protection for idea authors (seed 003 §4.4): names and e-mail addresses of citizens
are erased after the programme's period (`IdeaSettings.anonymise_after_days`), and one
person's data can be exported or erased on request. The row history never held them (the
fields are excluded from it), so erasing here erases them everywhere."""

from collections.abc import Iterable
from datetime import datetime
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lotse.discussion.models import Comment

from .models import Idea
from .models import IdeaSettings
from .models import ModerationEvent

PERSONAL = Q(author_name__gt="") | Q(author_email__gt="")


def _erase(ideas: Iterable[Idea], note: str, now: datetime) -> int:
    count = 0
    for idea in ideas:
        idea.author_name = ""
        idea.author_email = ""
        idea.contact_consent = False
        idea.personal_data_removed_at = now
        idea.save(
            update_fields=[
                "author_name",
                "author_email",
                "contact_consent",
                "personal_data_removed_at",
                "updated_at",
            ]
        )
        ModerationEvent.objects.create(
            idea=idea, action=ModerationEvent.Action.ANONYMISED, note=note
        )
        count += 1
    return count


@transaction.atomic
def anonymise_expired(*, now: datetime | None = None) -> int:
    """Erase authors' names and addresses of ideas older than their programme's period,
    and the names under citizens' comments of the same age."""
    now = now or timezone.now()
    total = 0
    default_days = IdeaSettings._meta.get_field("anonymise_after_days").default
    days_of = dict(IdeaSettings.objects.values_list("programme_id", "anonymise_after_days"))
    programme_ids = set(
        Idea.objects.filter(PERSONAL).values_list("programme_id", flat=True).distinct()
    ) | set(
        Comment.objects.filter(is_public=True, author_name__gt="")
        .values_list("programme_id", flat=True)
        .distinct()
    )
    for programme_id in programme_ids:
        cutoff = now - timedelta(days=days_of.get(programme_id, default_days))
        old = Idea.objects.filter(PERSONAL, programme_id=programme_id, created_at__lt=cutoff)
        total += _erase(old, "Frist abgelaufen", now)
        total += Comment.objects.filter(
            programme_id=programme_id, is_public=True, author_name__gt="", created_at__lt=cutoff
        ).update(author_name="")
    return total


def person_data(email: str) -> list[dict]:
    """Everything Lotse holds about the person with this e-mail address (export)."""
    email = (email or "").strip()
    if not email:
        return []
    return [
        {
            "idea": idea.pk,
            "programme": idea.programme.name,
            "title": idea.title,
            "description": idea.description,
            "name": idea.author_name,
            "email": idea.author_email,
            "contact_consent": idea.contact_consent,
            "submitted": idea.created_at.isoformat(),
        }
        for idea in Idea.objects.filter(author_email__iexact=email).select_related("programme")
    ]


@transaction.atomic
def person_erase(email: str) -> int:
    """Erase this person's name and address from all their ideas (the ideas stay)."""
    email = (email or "").strip()
    if not email:
        return 0
    return _erase(Idea.objects.filter(author_email__iexact=email), "auf Antrag", timezone.now())
