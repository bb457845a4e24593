"""Pages of the ratings (xếp loại): a group's member grid, the units one level below an
organisation, and the yearly summary of a subtree.

Readers (VIEW_EMULATION) see the grids read-only; saving needs MANAGE_EMULATION where the
rating is given (the group for members, ?org= for the units below it). Organisations come
through the user's scope (404 outside it), as on every emulation page (emulation.pages).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.models import MemberRating, MonthlyGrade, OldWording, OrganisationRating, Rating
from emulation.pages import at, emulation_page, require_emulation, year_or_this, year_span
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id
from unionhub.downloads import XLSX, attachment
from unionhub.pages import grid_saved

from . import selectors, services

MONTHS = range(1, 13)


def _posted(data, prefix: str, pk, initial: str) -> str:
    return data.get(f"{prefix}{pk}", initial) if data is not None else initial


# --- a group's members -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def member_ratings(request):
    """Xếp loại đoàn viên: a group's active members, one rating (and a note) each, one save."""
    return _group_page(request, "emulation:member_ratings", _("Xếp loại đoàn viên"), _member_grid)


@require_http_methods(["GET", "POST"])
def monthly_grades(request):
    """Phân hạng tháng: a group's active members × the twelve months, A/B/C each, one save."""
    return _group_page(request, "emulation:monthly_grades", _("Phân hạng tháng"), _monthly_grid)


def _group_page(request, name: str, title: str, grid):
    """?group= (a group the user reads, else 404) shown by `grid`; without it, the groups of
    ?org= to choose from (the group's own grid when ?org= is a group, as for a group leader)."""
    user = request.user
    require_emulation(user)
    group_id = query_id(request, "group")
    if group_id is not None:
        group = get_in_scope_or_404(
            Organisation.objects.in_scope(user, Perm.VIEW_EMULATION).filter(
                kind=Organisation.Kind.GROUP
            ),
            pk=group_id,
        )
        return grid(request, group, year_or_this(request))
    return _group_chooser(request, name=name, title=title, grid=grid)


@emulation_page()
def _group_chooser(request, org, *, name: str, title: str, grid):
    year = year_or_this(request)
    if org.kind == Organisation.Kind.GROUP:
        return grid(request, org, year)
    groups = Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP)
    return render(
        request,
        "emulation/rating_groups.html",
        {
            "title": title,
            "org": org,
            "year": year,
            "groups": [(g, at(name, group=g.pk, year=year)) for g in groups],
            "links": {"prev": at(name, org, year=year - 1), "next": at(name, org, year=year + 1)},
        },
    )


def _editable(request, group: Organisation) -> bool:
    """Whether the user saves this group's grids; a POST without the right answers 403."""
    can_edit = access.can(request.user, Perm.MANAGE_EMULATION, group)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    return can_edit


def _grid_members(group: Organisation) -> list[Member]:
    return list(
        Member.objects.active()
        .in_subtree(group)
        .select_related("organisation")
        .order_by("sort_name", "pk")
    )


def _member_grid(request, group: Organisation, year: int):
    user = request.user
    can_edit = _editable(request, group)
    data = request.POST if request.method == "POST" else None
    members = _grid_members(group)
    stored = {
        r.member_id: r
        for r in MemberRating.objects.filter(
            year=year, member__in=Member.objects.active().in_subtree(group)
        )
    }
    rows = []
    for member in members:
        row = stored.get(member.pk)
        rows.append(
            {
                "member": member,
                "rating": _posted(data, "r", member.pk, row.rating if row else ""),
                "note": _posted(data, "n", member.pk, row.note if row else ""),
            }
        )
    grid_url = at("emulation:member_ratings", group=group.pk, year=year)
    saved, errors = grid_saved(
        request,
        lambda: services.member_ratings_save(
            group=group,
            year=year,
            ratings={r["member"]: r["rating"] for r in rows},
            notes={r["member"]: r["note"] for r in rows},
            actor=user,
        ),
        done=_("Đã lưu xếp loại đoàn viên %(group)s năm %(year)s.")
        % {"group": group.name, "year": year},
        url=grid_url,
    )
    if saved:
        return saved
    counts = {value: 0 for value in Rating.values}
    for r in rows:
        if r["rating"] in counts:
            counts[r["rating"]] += 1
    return render(
        request,
        "emulation/rating_members.html",
        {
            "title": _("Xếp loại đoàn viên"),
            "org": group,
            "group": group,
            "year": year,
            "rows": rows,
            "choices": Rating.choices,
            "counts": [(label, counts[value]) for value, label in Rating.choices],
            "errors": errors,
            "can_edit": can_edit,
            "action": grid_url,
            "links": {
                "prev": at("emulation:member_ratings", group=group.pk, year=year - 1),
                "next": at("emulation:member_ratings", group=group.pk, year=year + 1),
                "summary": at("emulation:rating_summary", group, to=year),
                "monthly": at("emulation:monthly_grades", group=group.pk, year=year),
            },
        },
    )


def _monthly_grid(request, group: Organisation, year: int):
    can_edit = _editable(request, group)
    data = request.POST if request.method == "POST" else None
    members = _grid_members(group)
    stored = {
        (g.member_id, g.month): g.grade
        for g in MonthlyGrade.objects.filter(
            year=year, member__in=Member.objects.active().in_subtree(group)
        )
    }
    rows = [
        (
            member,
            [
                (
                    month,
                    _posted(data, "g", f"{member.pk}_{month}", stored.get((member.pk, month), "")),
                )
                for month in MONTHS
            ],
        )
        for member in members
    ]
    grid_url = at("emulation:monthly_grades", group=group.pk, year=year)
    saved, errors = grid_saved(
        request,
        lambda: services.monthly_grades_save(
            group=group,
            year=year,
            grades={(m, month): g for m, cells in rows for month, g in cells},
            actor=request.user,
        ),
        done=_("Đã lưu phân hạng tháng %(group)s năm %(year)s.")
        % {"group": group.name, "year": year},
        url=grid_url,
    )
    if saved:
        return saved
    return render(
        request,
        "emulation/rating_monthly.html",
        {
            "title": _("Phân hạng tháng"),
            "org": group,
            "group": group,
            "year": year,
            "months": MONTHS,
            "rows": rows,
            "choices": MonthlyGrade.Grade.values,
            "errors": errors,
            "can_edit": can_edit,
            "action": grid_url,
            "links": {
                "prev": at("emulation:monthly_grades", group=group.pk, year=year - 1),
                "next": at("emulation:monthly_grades", group=group.pk, year=year + 1),
                "ratings": at("emulation:member_ratings", group=group.pk, year=year),
            },
        },
    )


# --- the units below an organisation ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@emulation_page()
def organisation_ratings(request, org):
    """Xếp loại đơn vị: the groups, sub-branches or branches directly below ?org=, one rating
    (and the older wording, a note) each, one save."""
    user = request.user
    year = year_or_this(request)
    can_edit = access.can(user, Perm.MANAGE_EMULATION, org)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    children = list(services.rated_children(org))
    stored = {
        r.organisation_id: r
        for r in OrganisationRating.objects.filter(year=year, organisation__in=children)
    }
    rows = []
    for child in children:
        row = stored.get(child.pk)
        rows.append(
            {
                "org": child,
                "rating": _posted(data, "r", child.pk, row.rating if row else ""),
                "old": _posted(data, "o", child.pk, row.old_wording if row else ""),
                "note": _posted(data, "n", child.pk, row.note if row else ""),
            }
        )
    page_url = at("emulation:organisation_ratings", org, year=year)
    saved, errors = grid_saved(
        request,
        lambda: services.organisation_ratings_save(
            parent=org,
            year=year,
            ratings={r["org"]: (r["rating"], r["old"]) for r in rows},
            notes={r["org"]: r["note"] for r in rows},
            actor=user,
        ),
        done=_("Đã lưu xếp loại các đơn vị trực thuộc %(org)s năm %(year)s.")
        % {"org": org.name, "year": year},
        url=page_url,
    )
    if saved:
        return saved
    return render(
        request,
        "emulation/rating_organisations.html",
        {
            "title": _("Xếp loại đơn vị"),
            "org": org,
            "year": year,
            "rows": rows,
            "choices": Rating.choices,
            "old_choices": OldWording.choices,
            "errors": errors,
            "can_edit": can_edit,
            "action": page_url,
            "links": {
                "prev": at("emulation:organisation_ratings", org, year=year - 1),
                "next": at("emulation:organisation_ratings", org, year=year + 1),
                "summary": at("emulation:rating_summary", org, to=year),
                "members": at("emulation:member_ratings", org, year=year),
            },
        },
    )


# --- the summary -----------------------------------------------------------------------------


@emulation_page()
def rating_summary(request, org):
    """Tổng hợp xếp loại: per year, counts and % per rating of the members, the women members
    and the groups / branches of the subtree of ?org=."""
    first, last = year_span(request)
    years = selectors.rating_summary(org, first, last)
    tables = selectors.summary_tables(years)
    return render(
        request,
        "emulation/rating_summary.html",
        {
            "title": _("Tổng hợp xếp loại"),
            "org": org,
            "first": first,
            "last": last,
            "tables": tables,
            "ratings": Rating.choices,
            "links": {
                "members": at("emulation:member_ratings", org, year=last),
                "units": at("emulation:organisation_ratings", org, year=last),
                "xlsx": at("emulation:rating_summary_xlsx", org, **{"from": first, "to": last}),
            },
        },
    )


@emulation_page()
def rating_summary_excel(request, org):
    first, last = year_span(request)
    content = selectors.rating_summary_xlsx(org, selectors.rating_summary(org, first, last))
    return attachment(content, f"xep-loai-{first}-{last}.xlsx", XLSX)
