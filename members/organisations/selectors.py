"""Reads that are more than one queryset call: counts over subtrees, compositions at a date."""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Substr

from members.models import Body, Member, MemberEvent, Organisation, Position


def organisation_summary(org: Organisation) -> dict:
    """Today's figures for an organisation's subtree, in a fixed handful of queries."""
    members = Member.objects.active().in_subtree(org)
    counts = members.aggregate(
        total=Count("id"),
        women=Count("id", filter=Q(gender=Member.Gender.FEMALE)),
        party=Count("id", filter=Q(party_member=True)),
    )
    kinds = units_by_kind(org)
    recent = (
        MemberEvent.objects.filter(
            organisation__in=Organisation.objects.subtree_of(org).values("pk"),
            # Bounded to a year so the database never sorts a big branch's whole history.
            date__gte=date.today() - timedelta(days=365),
        )
        .select_related("member", "organisation")
        .order_by("-date", "-id")[:8]
    )
    return {
        **counts,
        "groups": kinds.get(Organisation.Kind.GROUP, 0),
        "sub_branches": kinds.get(Organisation.Kind.SUB_BRANCH, 0),
        "branches": kinds.get(Organisation.Kind.BRANCH, 0),
        "recent_events": list(recent),
        "office_holders": current_office_holders(org),
    }


def units_by_kind(org: Organisation) -> dict[str, int]:
    """How many organisations of each kind lie below `org` (the tree as it is now)."""
    return dict(
        Organisation.objects.subtree_of(org)
        .exclude(pk=org.pk)
        .order_by()  # the manager's order_by("path") would split the GROUP BY per row
        .values_list("kind")
        .annotate(n=Count("id"))
    )


def children_with_member_counts(org: Organisation) -> list[Organisation]:
    """The organisation's children, each with `member_count` = active members of its subtree.

    One query for the children and one grouped count over the subtree, whatever its size.
    """
    children = list(Organisation.objects.get_children(org))
    if not children:
        return []
    prefix_len = len(org.path) + Organisation.steplen
    # Driven from the organisations of the subtree, each counted through the member index
    # (organisation, status, ...), so no member row is read.
    counts = dict(
        Organisation.objects.subtree_of(org)
        .filter(depth__gt=org.depth)
        .annotate(prefix=Substr("path", 1, prefix_len))
        .values_list("prefix")
        .annotate(n=Count("members", filter=Q(members__status=Member.Status.ACTIVE)))
        .order_by()
    )
    for child in children:
        child.member_count = counts.get(child.path, 0)
    return children


def current_office_holders(org: Organisation, day: date | None = None) -> list[Position]:
    """Positions held on `day` (today by default) in the bodies of this organisation."""
    day = day or date.today()
    positions = (
        Position.objects.held_on(day)
        .filter(body__organisation=org)
        .select_related("member", "body", "body__term")
    )
    return sorted(positions, key=lambda p: (p.body.kind, Position.RANK[p.title], p.start))


def body_composition(body: Body, day: date) -> dict:
    """Who sat on a body on `day`, with the counts reports quote (members, women, per title)."""
    positions = sorted(
        Position.objects.held_on(day).filter(body=body).select_related("member"),
        key=lambda p: (Position.RANK[p.title], p.member.sort_name),
    )
    by_title = Counter(p.get_title_display() for p in positions)
    return {
        "positions": positions,
        "total": len({p.member_id for p in positions}),
        "women": len({p.member_id for p in positions if p.member.gender == Member.Gender.FEMALE}),
        "by_title": sorted(by_title.items(), key=lambda kv: -kv[1]),
    }
