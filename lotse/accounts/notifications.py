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
    # Written over if there is a row: the first settings saved from two tabs at once would
    # otherwise both find none and the second insert break the one-row-per-person constraint.
    values = {kind: bool(data.get(kind)) for kind in NotificationSettings.KINDS}
    current, _created = NotificationSettings.objects.update_or_create(user=user, defaults=values)
    return current
