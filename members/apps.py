from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from core.protection import protect_linked_records

        from . import search  # noqa: F401 (registers what the site search finds)

        protect_linked_records(self)
