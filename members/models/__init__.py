from .applications import (
    InvitationQuerySet,
    MembershipApplication,
    RepresentativeInvitation,
    _invitation_token,
    invitation_expiry,
)
from .organizations import (
    YEAR_VALIDATORS,
    Contact,
    ContactQuerySet,
    Contribution,
    MembershipStatusChange,
    Organization,
    OrganizationQuerySet,
    Representative,
    Sex,
    WorkingGroup,
)

__all__ = [
    "YEAR_VALIDATORS",
    "Contact",
    "ContactQuerySet",
    "Contribution",
    "InvitationQuerySet",
    "MembershipApplication",
    "MembershipStatusChange",
    "Organization",
    "OrganizationQuerySet",
    "Representative",
    "RepresentativeInvitation",
    "Sex",
    "WorkingGroup",
    "_invitation_token",
    "invitation_expiry",
]
