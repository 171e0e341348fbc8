from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "cpdd_portal"
    verbose_name = _("CPDD Portal")

    def ready(self):
        from .cache import connect_invalidation
        from .outage import connect_recovery

        connect_invalidation()
        connect_recovery()
