"""The emulation part of `seed_demo`: what the demo branches have of awards, ratings,
registrations, initiatives and activities, once."""

from datetime import date

from finance.demo import BRANCHES
from members.models import Organisation

from .activities import seed_activities
from .awards import demo_awards, demo_ratings
from .campaigns import seed_registrations
from .initiatives import seed_initiatives


def seed_emulation(today: date | None = None) -> int:
    """The demo branches' award decisions, last year's ratings, registrations, initiatives
    and activities, once (after their books: prizes and activities may be paid)."""
    year = (today or date.today()).year - 1
    branches = list(Organisation.objects.filter(code__in=BRANCHES).order_by("code"))
    decisions = sum(demo_awards(org, None, today) for org in branches)
    for org in branches:
        demo_ratings(org, year)
        seed_registrations(org, year)
        seed_registrations(org, year + 1, evaluate=False)  # registered in January
        seed_initiatives(org, year)
        # Last year's in full; this year's up to today.
        seed_activities(org, year, today=today)
        seed_activities(org, year + 1, today=today)
    return decisions
