from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Places, themes and email")

    def ready(self):
        from core import checks  # noqa: F401 (registers the system checks)
        from core.examples import connect_signals
        from core.protection import protect_linked_records

        protect_linked_records(self)
        connect_signals()
