"""Pages of the campaigns (phong trào thi đua): list, detail with the counts of its
registrations, create, edit, delete.

Thin like the decisions' pages: the organisation comes from ?org= in the user's scope (404
outside it, emulation.pages), a campaign from what that organisation sees; reading needs
VIEW_EMULATION, every write MANAGE_EMULATION where it happens (403).
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.models import Campaign, Registration
from emulation.pages import at, emulation_page, require_emulation
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.formatting import vn_date
from unionhub.pages import delete_page, form_page, posted

from . import services
from .forms import CampaignFilterForm, CampaignForm
from .registration_selectors import campaign_years

PAGE_SIZE = 25


# --- small helpers ---------------------------------------------------------------------------


def _detail_url(campaign: Campaign, org: Organisation | None = None) -> str:
    url = reverse("emulation:campaign_detail", args=[campaign.pk])
    return f"{url}?org={org.pk}" if org is not None else url


def campaign_crumbs(org: Organisation | None, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Phong trào thi đua"), at("emulation:campaign_list", org)), *trail]


def campaign_participants(campaign: Campaign) -> list[str]:
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
        crumbs=campaign_crumbs(org, (title, "")),
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
    years = campaign_years(campaign, org)
    year = date.today().year
    can_edit = services.can_edit_campaign(request.user, campaign)
    return render(
        request,
        "emulation/campaign_detail.html",
        {
            "title": campaign.name,
            "org": org,
            "campaign": campaign,
            "participants": campaign_participants(campaign),
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
            "crumbs": campaign_crumbs(org, (campaign.name, "")),
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
        crumbs=campaign_crumbs(org, (campaign.name, back), (_("Sửa"), "")),
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
        crumbs=campaign_crumbs(org, (campaign.name, back), (_("Xóa"), "")),
        extra=[
            (_("Đơn vị phát động"), campaign.launcher),
            (_("Đối tượng tham gia"), ", ".join(campaign_participants(campaign))),
        ],
    )
