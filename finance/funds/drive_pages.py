"""How a drive's pages find the drive and name it: the row through the user's scope (404
outside it, 403 without `perm` at its branch), its URL, its breadcrumbs and its summary."""

from django.urls import reverse
from django.utils.translation import gettext as _

from finance.models import Drive
from finance.pages import at, finance_crumbs, scoped_row
from unionhub.access import Perm
from unionhub.formatting import vn_date


def scoped_drive(request, pk, perm: Perm = Perm.VIEW_FINANCE) -> Drive:
    return scoped_row(request, Drive.objects.all(), pk, perm)


def drive_url(drive: Drive) -> str:
    return reverse("finance:drive_detail", args=[drive.pk])


def drive_list_crumb(org, year: int) -> tuple[str, str]:
    return (_("Quỹ xã hội, từ thiện"), at("finance:drive_list", org, year=year))


def drive_crumbs(drive: Drive, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """Tài chính › Quỹ xã hội › the drive › trail."""
    org = drive.organisation
    return finance_crumbs(
        org, drive_list_crumb(org, drive.year), (str(drive), drive_url(drive)), *trail
    )


def drive_summary(drive: Drive) -> list[tuple[str, str]]:
    return [
        (_("Quỹ, cuộc vận động"), str(drive)),
        (_("Ngày phát động"), vn_date(drive.started_on) or "—"),
    ]
