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
from .follow_up import figures_by_district, follow_up_by_district
from .recommendations import (
    LATEST_FIRST,
    ActionItem,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
)

__all__ = [
    "LATEST_FIRST",
    "RESERVED_SLUGS",
    "SEXES",
    "ActionItem",
    "CaseStudy",
    "CaseStudyPhoto",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationStatus",
    "RespondentGroup",
    "figures_by_district",
    "follow_up_by_district",
]
