"""The members back-office, a module per subject; importing them registers
their ModelAdmins (admin.autodiscover imports this package)."""

from . import applications, organizations  # noqa: F401
