from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and news")

    def ready(self):
        from core.protection import protect_linked_records

        from . import search  # noqa: F401 (registers what the site search finds)

        protect_linked_records(self)
