"""The personal notification settings (accounts:notifications)."""

from lotse.accounts import notifications
from lotse.accounts.models import NotificationSettings


def test_settings_saved_from_another_tab_meanwhile_are_written_over(cast, monkeypatch):
    # The person saves the settings in two tabs at once: both find none stored, the other tab
    # commits first. Simulated in one transaction: its row appears just after this one looked.
    user = cast.users["member"]
    look = notifications.settings_for

    def after_the_other_tab(who):
        found = look(who)
        NotificationSettings.objects.create(user=who)
        return found

    monkeypatch.setattr(notifications, "settings_for", after_the_other_tab)
    kinds = NotificationSettings.KINDS
    notifications.settings_save(user=user, data=dict.fromkeys(kinds, False))

    [stored] = NotificationSettings.objects.filter(user=user)
    assert [getattr(stored, kind) for kind in kinds] == [False] * len(kinds)
