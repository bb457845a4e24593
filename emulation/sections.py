"""Emulation's parts of the registry's pages: a member's and an organisation's awards, and a
member's ratings, registrations, initiatives and activities (see unionhub.sections)."""

from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm

from .activities.selectors import member_activities
from .awards.lists import member_awards, organisation_awards
from .campaigns.initiatives import member_initiatives
from .campaigns.registration_selectors import member_registrations
from .ratings.selectors import member_ratings


def member_sections(member: Member, user) -> dict:
    return {
        # A plain member sees their own awards here; the award list is for VIEW_EMULATION.
        "awards": member_awards(member),
        "ratings": member_ratings(member),
        "registrations": member_registrations(member),
        "initiatives": member_initiatives(member),
        # Links only to the activities the reader may open (those kept above a group are
        # not a group leader's).
        "activities": [
            (a, access.can(user, Perm.VIEW_EMULATION, a.organisation))
            for a in member_activities(member)
        ],
        "can_view_awards": access.can(user, Perm.VIEW_EMULATION, member.organisation),
    }


def organisation_sections(org: Organisation, user) -> dict:
    return {
        "awards": organisation_awards(org),
        "can_view_awards": access.can(user, Perm.VIEW_EMULATION, org),
    }
