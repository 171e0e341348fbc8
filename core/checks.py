from django.contrib.admin.sites import all_sites
from django.core import checks

from .models import Versioned


@checks.register(checks.Tags.admin)
def check_versioned_admins(app_configs=None, **kwargs):
    """Every back-office form of a Versioned record checks its version."""
    from .admin import VersionedAdminMixin

    errors = []
    registered = [item for site in all_sites for item in site._registry.items()]
    for model, model_admin in registered:
        if not issubclass(model, Versioned):
            continue
        admin_class = type(model_admin)
        name = f"{admin_class.__module__}.{admin_class.__qualname__}"
        if not isinstance(model_admin, VersionedAdminMixin):
            errors.append(
                checks.Error(
                    f"{name} edits the versioned {model._meta.label} without "
                    "core.admin.VersionedAdminMixin: two people saving it "
                    "would overwrite each other.",
                    hint="Put VersionedAdminMixin first in its bases.",
                    obj=admin_class,
                    id="core.E001",
                )
            )
        elif not issubclass(admin_class.__bases__[0], VersionedAdminMixin):
            errors.append(
                checks.Error(
                    f"{name} must name core.admin.VersionedAdminMixin first in "
                    "its bases, so that every form it builds checks the version.",
                    obj=admin_class,
                    id="core.E002",
                )
            )
    return errors
