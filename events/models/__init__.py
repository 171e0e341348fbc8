"""Events and news: a package because the app passed 600 lines as one module.

Everything is re-exported here; import from `events.models`.
"""

from .activities import Activity, Project, Visibility, visible_q
from .agreements import Agreement
from .attachments import ActivityDocument, ActivityPhoto
from .news import NewsPost
from .participation import (
    TYPED_GROUPS,
    ParticipationFigure,
    Registration,
    StakeholderGroup,
    people_by,
)

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
    "people_by",
    "visible_q",
]
