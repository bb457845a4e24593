"""The one place that decides what a user may see and do.

A role held at an organisation covers that organisation's whole subtree (its materialized path
is a prefix). Every view, export and import asks here; rows outside what a user may read answer
404, exactly like rows that do not exist, and reads that are allowed but writes that are not
answer 403.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Role, RoleAssignment
from .tree import organisation_model, subtree_q


class Perm(StrEnum):
    VIEW_ORG = "view_org"
    MANAGE_ORG = "manage_org"  # organisations, terms, bodies, positions
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"  # profiles, lifecycle, applications, recommendations
    VIEW_PERSONAL = "view_personal"  # national ID and salary basis
    EXPORT_MEMBERS = "export_members"
    VIEW_AUDIT = "view_audit"
    VIEW_FINANCE = "view_finance"  # accounts, vouchers, books, reports of the books
    MANAGE_FINANCE = "manage_finance"  # enter, post and reverse vouchers; accounts
    CLOSE_PERIODS = "close_periods"  # close a month or a year of the books
    COLLECT_DUES = "collect_dues"  # enter what the members of a group paid (a draft receipt)
    VIEW_EMULATION = "view_emulation"  # campaigns, awards, ratings, activities
    MANAGE_EMULATION = "manage_emulation"  # enter award decisions, ratings, activities


_READ = {Perm.VIEW_ORG, Perm.VIEW_MEMBERS}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.OFFICER: frozenset(Perm),
    Role.ACCOUNTANT: frozenset(
        _READ
        | {
            Perm.VIEW_PERSONAL,
            Perm.EXPORT_MEMBERS,
            Perm.VIEW_FINANCE,
            Perm.MANAGE_FINANCE,
            Perm.CLOSE_PERIODS,
            Perm.COLLECT_DUES,
            Perm.VIEW_EMULATION,
        }
    ),
    Role.INSPECTOR: frozenset(
        _READ | {Perm.EXPORT_MEMBERS, Perm.VIEW_AUDIT, Perm.VIEW_FINANCE, Perm.VIEW_EMULATION}
    ),
    Role.GROUP_LEADER: frozenset(_READ | {Perm.COLLECT_DUES, Perm.VIEW_EMULATION}),
    Role.UPPER_VIEWER: frozenset(
        _READ | {Perm.EXPORT_MEMBERS, Perm.VIEW_FINANCE, Perm.VIEW_EMULATION}
    ),
    # A plain member reads only their own profile: see members' Member.objects.in_scope().
    Role.MEMBER: frozenset(),
}


@dataclass(frozen=True)
class Grant:
    role: str
    organisation_id: int
    path: str
    organisation_name: str


def grants(user) -> list[Grant]:
    """The user's role assignments, loaded once per request object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_unionhub_grants", None)
    if cached is None:
        rows = RoleAssignment.objects.filter(user=user).values_list(
            "role", "organisation_id", "organisation__path", "organisation__name"
        )
        cached = [Grant(*row) for row in rows.order_by("organisation__path", "role")]
        user._unionhub_grants = cached
    return cached


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def paths(user, perm: Perm) -> list[str]:
    """The paths of the organisations where a role of the user grants `perm` (each covers its
    subtree); the domain apps build their own filters from them."""
    return [g.path for g in grants(user) if perm in ROLE_PERMS[g.role]]


def _prefix_q(prefixes: Iterable[str], field: str) -> Q:
    q = Q(pk__in=[])
    for path in prefixes:
        q |= subtree_q(path, field)
    return q


def organisation_q(user, perm: Perm = Perm.VIEW_ORG, field: str = "path") -> Q:
    """Filter for organisations (or rows reaching one via `field`) where `perm` holds."""
    if is_admin(user):
        return Q()
    return _prefix_q(paths(user, perm), field)


def can(user, perm: Perm, organisation) -> bool:
    """Does `perm` hold at this organisation (through a role here or at an ancestor)?"""
    if is_admin(user):
        return True
    return any(organisation.path.startswith(path) for path in paths(user, perm))


def can_anywhere(user, perm: Perm) -> bool:
    return is_admin(user) or bool(paths(user, perm))


def require(user, perm: Perm, organisation) -> None:
    if not can(user, perm, organisation):
        raise PermissionDenied


def get_in_scope_or_404(queryset: QuerySet, **lookup) -> Model:
    """Fetch one row from an already scoped queryset; out of scope looks exactly like missing."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def top_organisations(user, perm: Perm = Perm.VIEW_ORG) -> list:
    """The highest organisations where `perm` holds: the roots of what the user sees."""
    Organisation = organisation_model()
    if is_admin(user):
        return list(Organisation.objects.get_root_nodes())
    granted = sorted(set(paths(user, perm)))
    tops = [p for p in granted if not any(p != o and p.startswith(o) for o in granted)]
    return list(Organisation.objects.filter(path__in=tops))


def home_organisation(user):
    """The organisation a user works at by default: their highest-placed grant.

    Asked by the layout and the page on every request: looked up once per request object.
    """
    if not hasattr(user, "_unionhub_home"):
        Organisation = organisation_model()
        if is_admin(user):
            home = Organisation.objects.get_root_nodes().first()
        else:
            usable = [g for g in grants(user) if ROLE_PERMS[g.role]]
            top = min(usable, key=lambda g: len(g.path)) if usable else None
            home = Organisation.objects.filter(pk=top.organisation_id).first() if top else None
        user._unionhub_home = home
    return user._unionhub_home
