from django.apps import AppConfig
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_dependencies
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    # This module also holds the back-office's config.
    default = True
    name = "cpdd_portal"
    verbose_name = _("CPDD Portal")

    def ready(self):
        from .cache import connect_invalidation
        from .outage import connect_recovery

        connect_invalidation()
        connect_recovery()


def check_admin_after_discovery(app_configs, **kwargs):
    from django.contrib import admin
    from django.contrib.admin.checks import check_admin_app

    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)


class BackOfficeConfig(SimpleAdminConfig):
    """The admin, its registrations loaded with the URLs (cpdd_portal/urls.py)
    or the checks rather than at start-up: a process that serves no page, the
    background worker, then never loads the back-office (some 8 MB)."""

    def ready(self):
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_admin_after_discovery, checks.Tags.admin)
