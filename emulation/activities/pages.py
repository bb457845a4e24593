"""How an activity page finds its activity or attached file, and the small pieces the list,
the activity's page and its sections share (URLs, breadcrumbs, dates, the summary lines).

The activity comes through the user's VIEW_EMULATION scope (404 outside it); `perm` must hold
at its organiser (403).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import Activity, ActivityAttachment
from emulation.pages import at, require_emulation
from finance.selectors import branch_of
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.formatting import vn_date

from .selectors import with_figures

# --- scope -----------------------------------------------------------------------------------


def _readable(user):
    return Activity.objects.in_scope(user, Perm.VIEW_EMULATION)


def scoped_activity(request, pk, perm: Perm = Perm.VIEW_EMULATION) -> Activity:
    """An activity with its figures: 404 outside what the user reads, 403 when `perm` does not
    hold at its organiser."""
    require_emulation(request.user)
    activity = get_in_scope_or_404(
        with_figures(_readable(request.user)).select_related("organisation", "created_by"),
        pk=pk,
    )
    access.require(request.user, perm, activity.organisation)
    return activity


def scoped_attachment(request, pk, perm: Perm) -> ActivityAttachment:
    require_emulation(request.user)
    attachment = get_in_scope_or_404(
        ActivityAttachment.objects.filter(activity__in=_readable(request.user)).select_related(
            "activity__organisation"
        ),
        pk=pk,
    )
    access.require(request.user, perm, attachment.activity.organisation)
    return attachment


# --- small helpers ---------------------------------------------------------------------------


def activity_url(activity: Activity, anchor: str = "") -> str:
    url = reverse("emulation:activity_detail", args=[activity.pk])
    return f"{url}#{anchor}" if anchor else url


def activities_crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Hoạt động, sự kiện"), at("emulation:activity_list", org)), *trail]


def activity_crumbs(activity: Activity, *trail) -> list[tuple[str, str]]:
    return activities_crumbs(activity.organisation, (activity.name, activity_url(activity)), *trail)


def activity_dates(activity: Activity) -> str:
    if activity.ends_on and activity.ends_on != activity.starts_on:
        return f"{vn_date(activity.starts_on)} – {vn_date(activity.ends_on)}"
    return vn_date(activity.starts_on)


def activity_summary(activity: Activity) -> list[tuple[str, str]]:
    return [
        (_("Hoạt động"), activity.name),
        (_("Loại"), activity.get_kind_display()),
        (_("Thời gian"), activity_dates(activity)),
        (_("Đơn vị tổ chức"), activity.organisation.name),
    ]


def user_reads_books(user, activity: Activity) -> bool:
    """Does the user read the books that pay the activity? Only then are its vouchers shown,
    linked or unlinked; other readers see the total cost only."""
    books = branch_of(activity.organisation)
    return books is not None and access.can(user, Perm.VIEW_FINANCE, books)
