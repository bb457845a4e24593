"""The members app's models, a module per subject, and the reports app's letterhead settings.
May import: unionhub. Everyone imports them from here: `from members.models import Member`."""

from .admissions import AdmissionApplication, PartyRecommendation
from .letterhead import LetterheadSettings
from .organisations import Body, Organisation, Position, Term
from .registry import (
    EARLIEST_BIRTH,
    MINIMUM_AGE,
    PERSONAL_FIELDS,
    LevelChoice,
    Member,
    MemberEvent,
    age_on,
    birth_date_problem,
    member_q,
)

__all__ = [
    "EARLIEST_BIRTH",
    "MINIMUM_AGE",
    "PERSONAL_FIELDS",
    "AdmissionApplication",
    "Body",
    "LetterheadSettings",
    "LevelChoice",
    "Member",
    "MemberEvent",
    "Organisation",
    "PartyRecommendation",
    "Position",
    "Term",
    "age_on",
    "birth_date_problem",
    "member_q",
]
