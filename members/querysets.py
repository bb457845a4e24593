"""Named reusable filters; scoping delegates to unionhub.access so it lives in one place."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from treebeard.exceptions import PathOverflow
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet

from unionhub import access
from unionhub.access import Perm


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose organisation path lies in the subtree rooted at `path`.

    Written as the range [path, next sibling's path) rather than LIKE 'path%': a plain range
    uses the path index on every backend, where LIKE needs a case-sensitive LIKE (SQLite) or a
    pattern operator class (PostgreSQL). Paths use only [0-9A-Z], which every collation orders
    the same way.
    """
    from .models import Organisation

    try:
        upper = Organisation(path=path)._inc_path()
    except PathOverflow:
        return Q(**{f"{field}__startswith": path})
    return Q(**{f"{field}__gte": path, f"{field}__lt": upper})


class OrganisationQuerySet(MP_NodeQuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm))

    def subtree_of(self, organisation):
        return self.filter(subtree_q(organisation.path))


class OrganisationManager(MP_NodeManager.from_queryset(OrganisationQuerySet)):
    """Treebeard's manager (tree order, its checks) with our named filters."""

    def get_queryset(self):
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")


class ScopedByOrganisationQuerySet(QuerySet):
    """Rows that belong to one organisation through an `organisation` foreign key."""

    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm, field="organisation__path"))


class MemberQuerySet(QuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_MEMBERS):
        return self.filter(access.member_q(user, perm))

    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)

    def in_subtree(self, organisation):
        from .models import Organisation

        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        return self.filter(organisation__in=subtree)

    def members_on(self, day: date, organisation=None):
        """Members on `day` (of `organisation`'s subtree, where they were then), reconstructed
        from lifecycle events, not from today's status."""
        return self.filter(membership_on_q(day, organisation))


def membership_on_q(day: date, organisation=None) -> Q:
    """Members on `day`: the filter behind Member.objects.members_on.

    A member with no event after `day` stood then where they stand now (status and group
    mirror the latest event), so only members who changed since are looked up in the event
    history: for a recent day that is a small set, and the rest is an index lookup.
    """
    from .models import Member, MemberEvent, Organisation

    changed = MemberEvent.objects.filter(date__gt=day).values("member")
    unchanged = Q(status=Member.Status.ACTIVE) & ~Q(pk__in=changed)
    standing = MemberEvent.objects.standing_on(day).filter(member__in=changed)
    if organisation is not None:
        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        unchanged &= Q(organisation__in=subtree)
        standing = standing.in_subtree(organisation)
    return unchanged | Q(pk__in=standing.values("member"))


class MemberEventQuerySet(QuerySet):
    def standing_on(self, day: date):
        """Each member's latest event on or before `day` (ties broken by id), where it leaves
        them active: its `organisation` is where the member belonged that day."""
        from .models import Member

        later = self.model.objects.filter(member=OuterRef("member"), date__lte=day).filter(
            Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), id__gt=OuterRef("id"))
        )
        return self.filter(date__lte=day, status_after=Member.Status.ACTIVE).filter(~Exists(later))

    def in_subtree(self, organisation):
        """Events that put a member somewhere in `organisation`'s subtree."""
        from .models import Organisation

        subtree = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
        return self.filter(organisation__in=subtree)


class PositionQuerySet(QuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_ORG):
        return self.filter(access.organisation_q(user, perm, field="body__organisation__path"))

    def held_on(self, day: date):
        """Who held which position on `day`: one query, history included.

        `end` is the first day the seat is no longer held, as with lifecycle events: a member
        who retires on a day (member_end closes positions on that day) and a predecessor
        replaced by a by-election that day no longer count on it.
        """
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gt=day))
