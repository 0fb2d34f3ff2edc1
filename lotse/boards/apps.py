from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "lotse.boards"
    label = "boards"
    verbose_name = _("Kanban-Boards")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
