"""Pages of the campaigns (phong trào thi đua) and of the registrations (đăng ký thi đua) with
their year-end evaluation.

Thin like the decisions' pages: the organisation comes from ?org= in the user's scope (404
outside it, emulation.pages), a campaign from what that organisation sees; reading needs
VIEW_EMULATION, every write MANAGE_EMULATION where it happens (403). The grids read their
rows from the POST and call one service, all or nothing, as the rating grids do.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.downloads import XLSX, attachment
from unionhub.formatting import vn_date
from unionhub.pages import delete_page, form_page, posted

from . import campaigns as services
from .campaign_forms import CampaignFilterForm, CampaignForm
from .campaigns import Target
from .models import AwardTitle, Campaign, Registration
from .pages import at, emulation_page, require_emulation, year_param

PAGE_SIZE = 25


def _year(request) -> int:
    return year_param(request) or date.today().year


# --- small helpers ---------------------------------------------------------------------------


def _detail_url(campaign: Campaign, org: Organisation | None = None) -> str:
    url = reverse("emulation:campaign_detail", args=[campaign.pk])
    return f"{url}?org={org.pk}" if org is not None else url


def _crumbs(org: Organisation | None, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Phong trào thi đua"), at("emulation:campaign_list", org)), *trail]


def _participants(campaign: Campaign) -> list[str]:
    return [
        label
        for flag, label in (
            (campaign.for_members, _("Đoàn viên")),
            (campaign.for_groups, _("Tổ công đoàn")),
            (campaign.for_branches, _("CĐCS, công đoàn bộ phận")),
        )
        if flag
    ]


def _period(campaign: Campaign) -> str:
    if campaign.starts_on and campaign.ends_on:
        return f"{vn_date(campaign.starts_on)} – {vn_date(campaign.ends_on)}"
    if campaign.starts_on:
        return _("từ %(d)s") % {"d": vn_date(campaign.starts_on)}
    if campaign.ends_on:
        return _("đến %(d)s") % {"d": vn_date(campaign.ends_on)}
    return ""


def _campaign(request, pk) -> Campaign:
    """A campaign the user reads (else 404) and may change (else 403)."""
    require_emulation(request.user)
    campaign = get_in_scope_or_404(
        services.campaigns_readable(request.user).select_related("organisation"), pk=pk
    )
    if not services.can_edit_campaign(request.user, campaign):
        raise PermissionDenied
    return campaign


# --- campaigns -------------------------------------------------------------------------------


@emulation_page()
def campaign_list(request, org):
    """Phong trào thi đua that the organisation sees, with this year's registrations of its
    subtree."""
    form = CampaignFilterForm(request.GET)
    form.is_valid()  # a wrong value in one filter drops that filter only
    data = form.cleaned_data
    year = date.today().year
    campaigns = services.campaigns_visible_at(org)
    if data.get("active"):
        campaigns = campaigns.filter(active=data["active"] == "1")
    if q := data.get("q", "").strip():
        campaigns = campaigns.filter(Q(name__icontains=q) | Q(launcher__icontains=q))
    subtree = Organisation.objects.subtree_of(org).values("pk")
    rows = campaigns.select_related("organisation").annotate(
        registered=Count(
            "registrations",
            filter=Q(registrations__year=year, registrations__unit__in=subtree),
        )
    )
    searched = any(v for k, v in request.GET.items() if k not in ("org", "page"))
    return render(
        request,
        "emulation/campaign_list.html",
        {
            "title": _("Phong trào thi đua"),
            "org": org,
            "year": year,
            "filter": form,
            "searched": searched,
            "page": Paginator(rows.order_by("-active", "name", "pk"), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "can_manage": access.can(request.user, Perm.MANAGE_EMULATION, org),
            "links": {
                "create": at("emulation:campaign_create", org),
                "clear": at("emulation:campaign_list", org),
                "registrations": at("emulation:registrations", org, year=year),
                "summary": at("emulation:registration_summary", org, year=year),
            },
            "crumbs": [(_("Phong trào thi đua"), "")],
        },
    )


@emulation_page(Perm.MANAGE_EMULATION)
def campaign_create(request, org):
    """A campaign launched by (kept at) the organisation of ?org=."""
    campaign = Campaign(organisation=org)
    form = CampaignForm(posted(request), instance=campaign, initial={"launcher": org.name})

    def save(form):
        services.campaign_save(campaign=form.instance, actor=request.user)
        return _detail_url(campaign, org)

    title = _("Thêm phong trào thi đua")
    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=at("emulation:campaign_list", org),
        template="finance/form.html",
        crumbs=_crumbs(org, (title, "")),
        extra={
            "org": org,
            "intro": _(
                "Phong trào do %(org)s phát động: các đơn vị trực thuộc thấy và đăng ký được."
            )
            % {"org": org.name},
        },
    )


@emulation_page()
def campaign_detail(request, org, pk):
    """A campaign as the organisation sees it, with the registrations of its subtree per year."""
    campaign = get_in_scope_or_404(
        services.campaigns_visible_at(org).select_related("organisation"), pk=pk
    )
    years = services.campaign_years(campaign, org)
    year = date.today().year
    can_edit = services.can_edit_campaign(request.user, campaign)
    return render(
        request,
        "emulation/campaign_detail.html",
        {
            "title": campaign.name,
            "org": org,
            "campaign": campaign,
            "participants": _participants(campaign),
            "period": _period(campaign),
            "years": [
                (
                    row,
                    at("emulation:registrations", org, campaign=campaign.pk, year=row.year),
                    at(
                        "emulation:registration_evaluation",
                        org,
                        campaign=campaign.pk,
                        year=row.year,
                    ),
                )
                for row in years
            ],
            "can_edit": can_edit,
            "can_delete": can_edit and not years and not campaign.code,
            "links": {
                "register": at("emulation:registrations", org, campaign=campaign.pk, year=year),
                "list": at("emulation:campaign_list", org),
            },
            # The seeded campaigns have no history until someone edits them, and
            "history": history_entries(campaign),
            "crumbs": _crumbs(org, (campaign.name, "")),
        },
    )


def campaign_edit(request, pk):
    campaign = _campaign(request, pk)
    org = campaign.organisation
    form = CampaignForm(posted(request), instance=campaign)
    back = _detail_url(campaign, org)

    def save(form):
        services.campaign_save(campaign=form.instance, actor=request.user)
        return back

    title = _("Sửa phong trào thi đua")
    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=back,
        template="finance/form.html",
        crumbs=_crumbs(org, (campaign.name, back), (_("Sửa"), "")),
        extra={
            "org": org or {"name": _("Phong trào chung của hệ thống")},
            "intro": _(
                "Khi đã có người đăng ký, không bỏ được đối tượng tham gia đã đăng ký và thời "
                "gian phải bao gồm các năm đã đăng ký."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def campaign_delete(request, pk):
    campaign = _campaign(request, pk)
    org = campaign.organisation
    back = _detail_url(campaign, org)
    if campaign.code or Registration.objects.filter(campaign=campaign).exists():
        messages.error(
            request,
            _(
                "Phong trào chung hoặc đã có người đăng ký thi đua không xóa được; có thể "
                "chuyển sang ngừng phát động."
            ),
        )
        return redirect(back)
    return delete_page(
        request,
        delete=lambda: services.campaign_delete(campaign=campaign, actor=request.user),
        done=_("Đã xóa phong trào “%(name)s”.") % {"name": campaign.name},
        back=at("emulation:campaign_list", org),
        title=_("Xóa phong trào thi đua"),
        message=_("Xóa hẳn phong trào “%(name)s”? Phong trào chưa có ai đăng ký.")
        % {"name": campaign.name},
        crumbs=_crumbs(org, (campaign.name, back), (_("Xóa"), "")),
        extra=[
            (_("Đơn vị phát động"), campaign.launcher),
            (_("Đối tượng tham gia"), ", ".join(_participants(campaign))),
        ],
    )


# --- registrations ---------------------------------------------------------------------------


def _target(request, org: Organisation) -> Target | None:
    """?campaign= (one the organisation sees, else 404) or ?title= (a title of the catalogue)."""
    campaign_id, title_id = request.GET.get("campaign", ""), request.GET.get("title", "")
    if campaign_id.isdigit():
        return get_in_scope_or_404(
            services.campaigns_visible_at(org).select_related("organisation"), pk=campaign_id
        )
    if title_id.isdigit():
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
    year = _year(request)
    target = _target(request, org)
    if target is None:
        return _target_chooser(request, org, year)
    return _registration_grid(request, org, year, target)


def _target_chooser(request, org: Organisation, year: int):
    counts = services.registration_counts(org, year)
    campaigns = services.campaigns_visible_at(org).filter(
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
                    _participants(c),
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
            "crumbs": _crumbs(org, (_("Đăng ký thi đua"), "")),
        },
    )


def _grid_members(org: Organisation, target: Target) -> list[Member]:
    """The members ticked on this organisation's page: a group's active members; above a
    group, only those attached to the organisation itself (the groups have their own page)."""
    if not services.for_members(target):
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
    counts = services.registration_counts(org, year, target)
    groups = Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP)
    params = _target_params(target)
    return [
        (g, counts[g.pk], at("emulation:registrations", g, year=year, **params)) for g in groups
    ]


def _registration_grid(request, org: Organisation, year: int, target: Target):
    can_edit = _editable(request, org)
    data = request.POST if request.method == "POST" else None
    members = _grid_members(org, target)
    collective = org if services.for_collective(target, org) else None
    registrants = ([collective] if collective else []) + members
    stored = {
        services.registrant_key(r.registrant): r
        for r in Registration.objects.filter(
            Q(member__in=[m.pk for m in members])
            | Q(collective__in=[collective.pk] if collective else []),
            **services.target_filter(target),
            year=year,
        ).select_related("member", "collective")
    }
    common = data.get("common", "").strip() if data is not None else ""
    picked = set(data.getlist("pick")) if data is not None else set()
    rows = []
    for registrant in registrants:
        kind, pk = services.registrant_key(registrant)
        key = f"{kind}{pk}"
        row = stored.get((kind, pk))
        if data is None:
            ticked, commitment = row is not None, row.commitment if row else ""
        else:
            ticked, commitment = key in picked, data.get(f"c-{key}", "").strip()
        rows.append(
            {
                "key": key,
                "registrant": registrant,
                "is_member": kind == "m",
                "ticked": ticked,
                "commitment": commitment,
                "registration": row,
            }
        )
    errors = []
    page_url = at("emulation:registrations", org, year=year, **_target_params(target))
    if data is not None:
        entries = {
            r["registrant"]: (r["commitment"] or common) if r["ticked"] else None for r in rows
        }
        try:
            services.registrations_save(
                unit=org, year=year, target=target, entries=entries, actor=request.user
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Đã lưu đăng ký “%(target)s” năm %(year)s của %(org)s.")
                % {"target": target, "year": year, "org": org.name},
            )
            return redirect(page_url)
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
            "for_members": services.for_members(target),
            "is_group": org.kind == Organisation.Kind.GROUP,
            "groups": _groups(org, year, target),
            "ticked": sum(1 for r in rows if r["ticked"]),
            "common": common,
            "errors": errors,
            "can_edit": can_edit,
            "action": page_url,
            "links": _grid_links(org, year, target),
            "crumbs": _crumbs(
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
    year = _year(request)
    target = _target(request, org)
    if target is None:
        return redirect(at("emulation:registrations", org, year=year))
    can_edit = _editable(request, org)
    data = request.POST if request.method == "POST" else None
    rows = []
    for registration in services.registrations_at(org, year, target):
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
    errors = []
    if data is not None:
        try:
            services.registrations_evaluate(
                unit=org,
                year=year,
                target=target,
                results={r["registration"]: (r["result"], r["note"]) for r in rows},
                actor=request.user,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Đã lưu đánh giá “%(target)s” năm %(year)s.") % {"target": target, "year": year},
            )
            return redirect(page_url)
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
            "crumbs": _crumbs(
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
    year = _year(request)
    rows = services.registration_summary(org, year)
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
            "crumbs": _crumbs(org, (_("Tổng hợp đăng ký thi đua"), "")),
        },
    )


@emulation_page()
def registration_summary_excel(request, org):
    year = _year(request)
    content = services.registration_summary_xlsx(
        org, year, services.registration_summary(org, year)
    )
    return attachment(content, f"dang-ky-thi-dua-{year}.xlsx", XLSX)
