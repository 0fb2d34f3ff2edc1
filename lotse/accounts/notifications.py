"""Who wants which mails: the personal notification settings (accounts:notifications)."""

from .models import NotificationSettings
from .models import User


def opted_out(kind: str) -> set[str]:
    """The e-mail addresses (lower case) of everyone who switched `kind` off. One query."""
    if kind not in NotificationSettings.KINDS:
        raise ValueError(kind)
    emails = NotificationSettings.objects.filter(**{kind: False}).values_list(
        "user__email", flat=True
    )
    return {e.strip().lower() for e in emails if e}


def settings_for(user: User) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def settings_save(*, user: User, data: dict[str, bool]) -> NotificationSettings:
    current = settings_for(user)
    for kind in NotificationSettings.KINDS:
        setattr(current, kind, bool(data.get(kind)))
    current.save()
    return current
