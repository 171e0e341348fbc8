"""Events and news: a package because the app passed 600 lines as one module.

Everything is re-exported here; import from `events.models`.
"""

from .activities import (
    TYPED_GROUPS,
    Activity,
    ParticipationFigure,
    Project,
    Registration,
    StakeholderGroup,
    Visibility,
    visible_q,
)
from .agreements import Agreement
from .attachments import ActivityDocument, ActivityPhoto
from .news import NewsPost

__all__ = [
    "TYPED_GROUPS",
    "Activity",
    "ActivityDocument",
    "ActivityPhoto",
    "Agreement",
    "NewsPost",
    "ParticipationFigure",
    "Project",
    "Registration",
    "StakeholderGroup",
    "Visibility",
    "visible_q",
]
