"""How an emulation page finds its organisation: one place for the decisions and the tables.

Any organisation (an upper union, a branch, a group) in the user's VIEW_EMULATION scope, from
?org=; outside it 404 as if missing; users who read awards nowhere get 403. A group leader
therefore reads their group's subtree and nothing above it.
"""

from datetime import date
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import note, query_id, query_year

# A span of years (the award tables, the rating summary): this many by default, at most that.
DEFAULT_YEARS = 5
MAX_YEARS = 10


def require_emulation(user) -> None:
    """Users who read no awards anywhere (plain members) get 403 on every emulation page."""
    if not access.can_anywhere(user, Perm.VIEW_EMULATION):
        raise PermissionDenied


def requested_org(request) -> Organisation:
    """?org= if its awards are readable (else 404); by default the user's own organisation."""
    user = request.user
    require_emulation(user)
    org_id = query_id(request, "org")
    if org_id is not None:
        return get_in_scope_or_404(
            Organisation.objects.in_scope(user, Perm.VIEW_EMULATION), pk=org_id
        )
    org = access.home_organisation(user)
    if org is None or not access.can(user, Perm.VIEW_EMULATION, org):
        org = access.top_organisations(user, Perm.VIEW_EMULATION)[0]
    return org


def emulation_page(perm: Perm = Perm.VIEW_EMULATION):
    """Decorate a page about one organisation's awards: `view(request, org, ...)`; `perm` must
    hold at the organisation of ?org= (else 403)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            org = requested_org(request)
            access.require(request.user, perm, org)
            return view(request, org, *args, **kwargs)

        return wrapper

    return decorate


def at(name: str, org: Organisation | None = None, **params) -> str:
    """An emulation page of `org`: reverse(name)?org=...&params (no ?org= when the page names
    its group instead)."""
    query = {"org": org.pk} if org is not None else {}
    query |= {k: v for k, v in params.items() if v not in (None, "")}
    return f"{reverse(name)}?{urlencode(query)}"


def year_or_this(request) -> int:
    """?year= when it is a plausible year, else this year (with a message when one was typed)."""
    return year_param(request) or date.today().year


def year_param(request, name: str = "year") -> int | None:
    """?year= (or another name) when it is a plausible year (unionhub.dates), else None; a
    year typed wrong adds a message naming it."""
    return query_year(request, name)


def year_span(request) -> tuple[int, int]:
    """?from= and ?to= (years): by default the last five years to this one; at most ten, the
    latest ten of a longer range (the page says so)."""
    last = year_param(request, "to") or date.today().year
    first = year_param(request, "from") or last - DEFAULT_YEARS + 1
    first, last = min(first, last), max(first, last)
    if last - first + 1 > MAX_YEARS:
        first = last - MAX_YEARS + 1
        note(
            request,
            _("Bảng hiển thị tối đa %(n)s năm: từ năm %(first)s đến năm %(last)s.")
            % {"n": MAX_YEARS, "first": first, "last": last},
        )
    return first, last
