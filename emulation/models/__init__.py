"""The emulation app's tables: awards, ratings, campaigns with registrations and initiatives,
activities."""

from .activities import Activity, ActivityAttachment
from .awards import WOMEN_TITLE, Award, AwardDecision, AwardTitle
from .campaigns import WOMEN_CAMPAIGN, Campaign, Initiative, Registration
from .ratings import (
    OLD_TO_RATING,
    MemberRating,
    MonthlyGrade,
    OldWording,
    OrganisationRating,
    Rating,
)

__all__ = [
    "OLD_TO_RATING",
    "WOMEN_CAMPAIGN",
    "WOMEN_TITLE",
    "Activity",
    "ActivityAttachment",
    "Award",
    "AwardDecision",
    "AwardTitle",
    "Campaign",
    "Initiative",
    "MemberRating",
    "MonthlyGrade",
    "OldWording",
    "OrganisationRating",
    "Rating",
    "Registration",
]
