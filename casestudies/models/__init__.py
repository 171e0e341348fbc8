"""Case studies and the follow-up of their recommendations: a package because
the app passed 600 lines as one module.

Everything is re-exported here; import from `casestudies.models`.
"""

from .case_studies import (
    RESERVED_SLUGS,
    SEXES,
    CaseStudy,
    CaseStudyPhoto,
    RespondentGroup,
)
from .recommendations import (
    ActionItem,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    follow_up_by_district,
)

__all__ = [
    "RESERVED_SLUGS",
    "SEXES",
    "ActionItem",
    "CaseStudy",
    "CaseStudyPhoto",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationStatus",
    "RespondentGroup",
    "follow_up_by_district",
]
