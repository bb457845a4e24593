"""Named reusable filters; scoping delegates to unionhub.access so it lives in one place."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet

from unionhub import access
from unionhub.access import Perm, is_admin
from unionhub.tree import subtree_q


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


def member_q(user, perm: Perm = Perm.VIEW_MEMBERS) -> Q:
    """Filter for members the user may read (or act on, for other perms)."""
    from .models import Member, Organisation

    if is_admin(user):
        return Q()
    # "organisation IN (subtree ids)" lets the database use the member table's own indexes,
    # where a join on the path would make it walk organisations first.
    q = Q(pk__in=[])
    for path in access.paths(user, perm):
        subtree = Organisation.objects.subtree_of(Organisation(path=path))
        q |= Q(organisation__in=subtree.values("pk"))
    if perm == Perm.VIEW_MEMBERS and user.is_authenticated:
        # By primary key, not "user = ...": the list's covering index holds the id, so
        # the database never has to read table rows just to test this branch.
        q |= Q(pk__in=Member.objects.filter(user=user).values("pk"))
    return q


class MemberQuerySet(QuerySet):
    def in_scope(self, user, perm: Perm = Perm.VIEW_MEMBERS):
        return self.filter(member_q(user, perm))

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
