"""Pages of the registrations (đăng ký thi đua): a unit's grid for a campaign or a title,
the year-end evaluation, the summary of a subtree.

The organisation comes from ?org= in the user's scope (404 outside it, emulation.pages); reading
needs VIEW_EMULATION, every write MANAGE_EMULATION there (403). The grids read their rows from
the POST and call one service, all or nothing, as the rating grids do.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.models import AwardTitle, Campaign, Registration
from emulation.pages import at, emulation_page, year_or_this
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id
from unionhub.downloads import XLSX, attachment
from unionhub.pages import grid_saved

from . import registration_selectors as selectors
from . import registrations as registration_services
from .registrations import Target
from .services import campaigns_visible_at
from .views import campaign_crumbs, campaign_participants

# --- registrations ---------------------------------------------------------------------------


def _target(request, org: Organisation) -> Target | None:
    """?campaign= (one the organisation sees, else 404) or ?title= (a title of the catalogue)."""
    campaign_id, title_id = query_id(request, "campaign"), query_id(request, "title")
    if campaign_id is not None:
        return get_in_scope_or_404(
            campaigns_visible_at(org).select_related("organisation"), pk=campaign_id
        )
    if title_id is not None:
        return get_in_scope_or_404(AwardTitle.objects.all(), pk=title_id)
    return None


def _target_params(target: Target) -> dict:
    key = "campaign" if isinstance(target, Campaign) else "title"
    return {key: target.pk}


def _editable(request, org: Organisation) -> bool:
    """Whether the user saves this organisation's grids; a POST without the right is 403."""
    can_edit = access.can(request.user, Perm.MANAGE_EMULATION, org)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    return can_edit


def _grid_links(org: Organisation, year: int, target: Target | None) -> dict:
    params = _target_params(target) if target is not None else {}
    return {
        "prev": at("emulation:registrations", org, year=year - 1, **params),
        "next": at("emulation:registrations", org, year=year + 1, **params),
        "targets": at("emulation:registrations", org, year=year),
        "register": at("emulation:registrations", org, year=year, **params),
        "evaluate": at("emulation:registration_evaluation", org, year=year, **params),
        "summary": at("emulation:registration_summary", org, year=year),
        "campaigns": at("emulation:campaign_list", org),
    }


@require_http_methods(["GET", "POST"])
@emulation_page()
def registrations(request, org):
    """Đăng ký thi đua: without a target, the campaigns and titles to choose from; with one, a
    group's members (and the group itself when it may take part) ticked in one form, or a
    branch's own registration and its groups to choose from."""
    year = year_or_this(request)
    target = _target(request, org)
    if target is None:
        return _target_chooser(request, org, year)
    return _registration_grid(request, org, year, target)


def _target_chooser(request, org: Organisation, year: int):
    counts = selectors.registration_counts(org, year)
    campaigns = campaigns_visible_at(org).filter(
        Q(active=True) | Q(pk__in=[int(k[1:]) for k in counts if k[0] == "c"])
    )
    titles = AwardTitle.objects.filter(
        Q(active=True) | Q(pk__in=[int(k[1:]) for k in counts if k[0] == "t"])
    ).order_by("authority", "subject", "order", "name")
    return render(
        request,
        "emulation/registration_targets.html",
        {
            "title": _("Đăng ký thi đua"),
            "org": org,
            "year": year,
            "campaigns": [
                (
                    c,
                    campaign_participants(c),
                    counts[f"c{c.pk}"],
                    at("emulation:registrations", org, campaign=c.pk, year=year),
                )
                for c in campaigns.order_by("-active", "name", "pk")
            ],
            "titles": [
                (
                    t,
                    counts[f"t{t.pk}"],
                    at("emulation:registrations", org, title=t.pk, year=year),
                )
                for t in titles
            ],
            "links": _grid_links(org, year, None),
            "crumbs": campaign_crumbs(org, (_("Đăng ký thi đua"), "")),
        },
    )


def _grid_members(org: Organisation, target: Target) -> list[Member]:
    """The members ticked on this organisation's page: a group's active members; above a
    group, only those attached to the organisation itself (the groups have their own page)."""
    if not registration_services.for_members(target):
        return []
    members = Member.objects.active()
    members = (
        members.in_subtree(org)
        if org.kind == Organisation.Kind.GROUP
        else members.filter(organisation=org)
    )
    return list(members.select_related("organisation").order_by("sort_name", "pk"))


def _groups(org: Organisation, year: int, target: Target) -> list[tuple]:
    """The groups below a non-group organisation, each with its registrations and its page."""
    if org.kind == Organisation.Kind.GROUP:
        return []
    counts = selectors.registration_counts(org, year, target)
    groups = Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP)
    params = _target_params(target)
    return [
        (g, counts[g.pk], at("emulation:registrations", g, year=year, **params)) for g in groups
    ]


def _registration_grid(request, org: Organisation, year: int, target: Target):
    can_edit = _editable(request, org)
    data = request.POST if request.method == "POST" else None
    members = _grid_members(org, target)
    collective = org if registration_services.for_collective(target, org) else None
    registrants = ([collective] if collective else []) + members
    stored = registration_services.registrations_of(target, year, registrants)
    common = data.get("common", "").strip() if data is not None else ""
    picked = set(data.getlist("pick")) if data is not None else set()
    rows = []
    for registrant in registrants:
        kind, pk = registration_services.registrant_key(registrant)
        key = f"{kind}{pk}"
        row = stored.get((kind, pk))
        if data is None:
            ticked, commitment = row is not None, row.commitment if row else ""
        else:
            ticked, commitment = key in picked, data.get(f"c-{key}", "").strip()
        elsewhere = registration_services.kept_elsewhere(row, org)
        if elsewhere:  # shown as it is, changed only where it is kept
            ticked, commitment = True, row.commitment
        rows.append(
            {
                "key": key,
                "registrant": registrant,
                "is_member": kind == "m",
                "ticked": ticked,
                "commitment": commitment,
                "registration": row,
                "kept_at": row.unit if elsewhere else None,
            }
        )
    page_url = at("emulation:registrations", org, year=year, **_target_params(target))
    saved, errors = grid_saved(
        request,
        lambda: registration_services.registrations_save(
            unit=org,
            year=year,
            target=target,
            # A registration kept by another unit is not this page's to change.
            entries={
                r["registrant"]: (r["commitment"] or common) if r["ticked"] else None
                for r in rows
                if r["kept_at"] is None
            },
            actor=request.user,
        ),
        done=_("Đã lưu đăng ký “%(target)s” năm %(year)s của %(org)s.")
        % {"target": target, "year": year, "org": org.name},
        url=page_url,
    )
    if saved:
        return saved
    member_rows = [r for r in rows if r["is_member"]]
    return render(
        request,
        "emulation/registration_grid.html",
        {
            "title": _("Đăng ký thi đua"),
            "org": org,
            "year": year,
            "target": target,
            "is_campaign": isinstance(target, Campaign),
            "collective_row": rows[0] if collective else None,
            "rows": member_rows,
            "for_members": registration_services.for_members(target),
            "is_group": org.kind == Organisation.Kind.GROUP,
            "groups": _groups(org, year, target),
            "ticked": sum(1 for r in rows if r["ticked"]),
            "common": common,
            "errors": errors,
            "can_edit": can_edit,
            "action": page_url,
            "links": _grid_links(org, year, target),
            "crumbs": campaign_crumbs(
                org,
                (_("Đăng ký thi đua"), at("emulation:registrations", org, year=year)),
                (str(target), ""),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@emulation_page()
def registration_evaluation(request, org):
    """Đánh giá cuối năm: the registrations of the organisation's subtree for one campaign or
    title in a year, Đạt / Không đạt (or not yet) and a note each, one save."""
    year = year_or_this(request)
    target = _target(request, org)
    if target is None:
        return redirect(at("emulation:registrations", org, year=year))
    can_edit = _editable(request, org)
    data = request.POST if request.method == "POST" else None
    rows = []
    for registration in registration_services.registrations_at(org, year, target):
        key = registration.pk
        rows.append(
            {
                "registration": registration,
                "result": data.get(f"r{key}", "") if data is not None else registration.result,
                "note": (
                    data.get(f"n{key}", "").strip()
                    if data is not None
                    else registration.result_note
                ),
            }
        )
    page_url = at("emulation:registration_evaluation", org, year=year, **_target_params(target))
    saved, errors = grid_saved(
        request,
        lambda: registration_services.registrations_evaluate(
            unit=org,
            year=year,
            target=target,
            results={r["registration"]: (r["result"], r["note"]) for r in rows},
            actor=request.user,
        ),
        done=_("Đã lưu đánh giá “%(target)s” năm %(year)s.") % {"target": target, "year": year},
        url=page_url,
    )
    if saved:
        return saved
    achieved = sum(1 for r in rows if r["result"] == Registration.Result.ACHIEVED)
    return render(
        request,
        "emulation/registration_evaluation.html",
        {
            "title": _("Đánh giá kết quả thi đua"),
            "org": org,
            "year": year,
            "target": target,
            "rows": rows,
            "choices": Registration.Result.choices,
            "counts": {
                "total": len(rows),
                "achieved": achieved,
                "failed": sum(1 for r in rows if r["result"] == Registration.Result.NOT_ACHIEVED),
                "pending": sum(1 for r in rows if not r["result"]),
            },
            "errors": errors,
            "can_edit": can_edit,
            "action": page_url,
            "crumbs": campaign_crumbs(
                org,
                (_("Đăng ký thi đua"), at("emulation:registrations", org, year=year)),
                (str(target), _grid_links(org, year, target)["register"]),
                (_("Đánh giá cuối năm"), ""),
            ),
            "links": _grid_links(org, year, target)
            | {
                "prev": at(
                    "emulation:registration_evaluation",
                    org,
                    year=year - 1,
                    **_target_params(target),
                ),
                "next": at(
                    "emulation:registration_evaluation",
                    org,
                    year=year + 1,
                    **_target_params(target),
                ),
            },
        },
    )


# --- the summary -----------------------------------------------------------------------------


@emulation_page()
def registration_summary(request, org):
    """Tổng hợp đăng ký thi đua: per campaign and title, the subtree's registrations in a year
    and how many achieved them."""
    year = year_or_this(request)
    rows = selectors.registration_summary(org, year)
    return render(
        request,
        "emulation/registration_summary.html",
        {
            "title": _("Tổng hợp đăng ký thi đua"),
            "org": org,
            "year": year,
            "rows": [
                (
                    row,
                    at("emulation:registrations", org, year=year, **_target_params(row.target)),
                    at(
                        "emulation:registration_evaluation",
                        org,
                        year=year,
                        **_target_params(row.target),
                    ),
                )
                for row in rows
            ],
            "totals": {
                "members": sum(r.members for r in rows),
                "collectives": sum(r.collectives for r in rows),
                "achieved": sum(r.achieved for r in rows),
                "women": sum(r.women_achieved for r in rows),
            },
            "links": {
                "prev": at("emulation:registration_summary", org, year=year - 1),
                "next": at("emulation:registration_summary", org, year=year + 1),
                "xlsx": at("emulation:registration_summary_xlsx", org, year=year),
                "registrations": at("emulation:registrations", org, year=year),
                "campaigns": at("emulation:campaign_list", org),
            },
            "crumbs": campaign_crumbs(org, (_("Tổng hợp đăng ký thi đua"), "")),
        },
    )


@emulation_page()
def registration_summary_excel(request, org):
    year = year_or_this(request)
    content = selectors.registration_summary_xlsx(
        org, year, selectors.registration_summary(org, year)
    )
    return attachment(content, f"dang-ky-thi-dua-{year}.xlsx", XLSX)
