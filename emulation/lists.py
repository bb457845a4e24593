"""What the rooms' pages share: the plausible years of a form or a query string, and the
members a page offers to tick (an activity's participants, an initiative's authors).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from members.models import Member, Organisation
from unionhub.tree import subtree_q

# A page that lists members to tick (authors, participants) offers at most this many.
MAX_PICKABLE = 3000
YEAR_MIN, YEAR_MAX = 1975, 2100


@dataclass
class Pickable:
    """Members a page offers to tick, by unit then name; `too_many` when the subtree had more
    active members than MAX_PICKABLE (the page says so)."""

    members: list[Member]
    too_many: bool


def pickable_members(organisation: Organisation, keep: Iterable[int] = ()) -> Pickable:
    """The active members of the organisation's subtree (the first MAX_PICKABLE) and the ones
    ticked already (`keep`) wherever they are now, which are always offered: a save must not
    drop someone only because the list was cut. Two queries."""
    keep = list(keep)
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    active = list(
        Member.objects.filter(status=Member.Status.ACTIVE, organisation__in=units)
        .exclude(pk__in=keep)
        .select_related("organisation")
        .order_by("organisation__path", "sort_name", "pk")[: MAX_PICKABLE + 1]
    )
    kept = list(Member.objects.filter(pk__in=keep).select_related("organisation")) if keep else []
    members = sorted(
        active[:MAX_PICKABLE] + kept, key=lambda m: (m.organisation.path, m.sort_name, m.pk)
    )
    return Pickable(members, len(active) > MAX_PICKABLE)
