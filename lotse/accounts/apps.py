from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lotse.accounts"
    verbose_name = _("Benutzerkonten und Rollen")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .signals import sync_roles_at_login

        user_logged_in.connect(sync_roles_at_login, dispatch_uid="lotse-directory-roles")
