"""The member list: one filtered queryset shared by the page and the Excel export.

Pagination never counts the whole table: the count stops at COUNT_CAP, so a list over a
million members costs the same as one over ten thousand.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from members.models import Member, Organisation
from members.models.registry import membership_on_q
from unionhub import access
from unionhub.access import Perm
from unionhub.dates import note_dropped_filters, query_id
from unionhub.text import fold

from .forms import UNRECORDED, MemberFilterForm
from .statistics import AGE_BANDS, LEVEL_FIELDS, age_band_q

PAGE_SIZE = 50
COUNT_CAP = 10_000
MAX_PAGE = 1_000_000

SORTS = {
    "name": ["sort_name", "id"],
    "-name": ["-sort_name", "-id"],
    "dob": ["date_of_birth", "id"],
    "-dob": ["-date_of_birth", "-id"],
    "card": ["card_number", "id"],
    "joined": ["joined_on", "id"],
}


@dataclass
class MemberFilter:
    form: MemberFilterForm
    root: Organisation | None
    queryset: QuerySet
    sort: str


def list_root(request) -> Organisation | None:
    """The organisation whose subtree the list shows: ?org= if readable, else the user's home."""
    user = request.user
    org_id = query_id(request, "org")
    if org_id is not None:
        org = Organisation.objects.in_scope(user, Perm.VIEW_MEMBERS).filter(pk=org_id).first()
        if org is not None:
            return org
    home = access.home_organisation(user)
    if home is not None and access.can(user, Perm.VIEW_MEMBERS, home):
        return home
    return None


def filtered_members(request) -> MemberFilter:
    """Members the user may read, narrowed by the list's search, filters and sort."""
    root = list_root(request)
    form = MemberFilterForm(request.GET or None, root=root or Organisation(path="", depth=0))
    if root is not None:
        # list_root() only returns an organisation the user may read members of, and a grant
        # covers a whole subtree: the subtree filter is the scope, stated once for the planner.
        qs = Member.objects.in_subtree(root)
    else:
        qs = Member.objects.in_scope(request.user)
    data = {}
    if form.is_bound:
        # cleaned_data keeps every valid field: a wrong value in one filter (say a group
        # outside the list) drops that filter only, not the search with it.
        form.is_valid()
        note_dropped_filters(request, form)
        data = form.cleaned_data
    day = data.get("on")
    if day:
        # Membership on that day, from the lifecycle events (what the statistics count).
        qs = qs.filter(membership_on_q(day, root))
    else:
        status = data.get("status") or Member.Status.ACTIVE
        if status != "all":
            qs = qs.filter(status=status)
    if data.get("q"):
        needle = fold(data["q"])
        qs = qs.filter(Q(search_name__contains=needle) | Q(card_number=data["q"].strip()))
    if data.get("group"):
        # On a past day, the group the member was in then.
        qs = qs.filter(membership_on_q(day, data["group"])) if day else qs.in_subtree(data["group"])
    if data.get("gender"):
        qs = qs.filter(gender=data["gender"])
    if data.get("party"):
        qs = qs.filter(party_member=data["party"] == "1")
    if data.get("employment"):
        qs = qs.filter(employment=data["employment"])
    if data.get("age") is not None:
        _label, youngest, oldest = AGE_BANDS[data["age"]]
        qs = qs.filter(age_band_q(day or date.today(), youngest, oldest))
    for level in LEVEL_FIELDS.values():
        if data.get(level) == UNRECORDED:
            qs = qs.filter(**{f"{level}__isnull": True})
        elif data.get(level):
            qs = qs.filter(**{level: data[level]})
    sort = data.get("sort") or "name"
    qs = qs.order_by(*SORTS[sort])
    return MemberFilter(form=form, root=root, queryset=qs, sort=sort)


def page_rows(queryset: QuerySet, offset: int, limit: int) -> list[Member]:
    """One page of members, found by id first ("deferred join").

    Skipping `offset` rows then reads only the covering index, not `offset` table rows; the
    page's own rows are fetched by primary key.
    """
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    by_id = Member.objects.select_related("organisation").in_bulk(ids)
    return [by_id[pk] for pk in ids]


def member_list_page(request) -> dict:
    selection = filtered_members(request)
    try:
        # Bounded so the offset stays a number SQL accepts; deep pages past the capped count
        # are still reachable with "Sau".
        page = min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        page = 1
    offset = (page - 1) * PAGE_SIZE
    rows = page_rows(selection.queryset, offset, PAGE_SIZE + 1)
    if page == 1 and len(rows) <= PAGE_SIZE:
        capped = len(rows)  # the first page holds every match: no need to count them again
    else:
        capped = selection.queryset.order_by()[: COUNT_CAP + 1].count()
    user = request.user
    return {
        "filter": selection.form,
        "root": selection.root,
        "sort": selection.sort,
        "filters_used": sum(
            1
            for name, value in request.GET.items()
            if value and name not in ("q", "org", "page", "sort")
        ),
        "members": rows[:PAGE_SIZE],
        "page": page,
        "has_next": len(rows) > PAGE_SIZE,
        "has_previous": page > 1,
        "count": min(capped, COUNT_CAP),
        "count_capped": capped > COUNT_CAP,
        "last_page": (min(capped, COUNT_CAP) + PAGE_SIZE - 1) // PAGE_SIZE,
        "first_index": offset + 1,
        "can_manage": access.can_anywhere(user, Perm.MANAGE_MEMBERS),
        "can_export": access.can_anywhere(user, Perm.EXPORT_MEMBERS),
    }
