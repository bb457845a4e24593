"""Pages of the charity drives (quỹ xã hội, cuộc vận động): the year's drives, a drive with its
contributions and forwards, the table of drives by year and its downloads (a drive's entries and
a group's grid are in drive_entry_views).

Thin like the books' pages (finance.pages holds the helpers they share): a drive is resolved
through the user's scope (404 outside it), every write needs MANAGE_FINANCE at its branch
(403), and every write is one call of finance.funds.drives.
"""

import copy
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.models import Drive
from finance.pages import at, books_form, books_page, books_year, finance_crumbs, scoped_row
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import history_entries
from unionhub.dates import query_year
from unionhub.documents import render_pdf
from unionhub.downloads import PDF, XLSX, attachment
from unionhub.pages import confirm_page, posted

from . import drive_reports, drive_selectors, drives
from .drive_pages import drive_crumbs, drive_list_crumb, drive_summary, drive_url, scoped_drive
from .forms import DriveForm

ENTRY_PAGE_SIZE = 100
# The table by year spans at most this many years (the PDF's landscape page holds no more).
MAX_YEARS = 6


# --- drives ----------------------------------------------------------------------------------


@books_page()
def drive_list(request, org):
    """Quỹ xã hội, từ thiện: the year's drives, each with collected, forwarded and held."""
    year = books_year(request)
    rows = drive_selectors.drives_of_year(org, year)
    return render(
        request,
        "finance/drive_list.html",
        {
            "title": _("Quỹ xã hội, từ thiện"),
            "org": org,
            "year": year,
            "drives": rows,
            "collected": sum(d.collected for d in rows),
            "forwarded": sum(d.forwarded for d in rows),
            "held": sum(d.held for d in rows),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "links": {
                "prev": at("finance:drive_list", org, year=year - 1),
                "next": at("finance:drive_list", org, year=year + 1),
                "create": at("finance:drive_create", org, year=year),
                "table": at("finance:drive_table", org),
                "loans": at("finance:loan_list", org),
            },
            "crumbs": finance_crumbs(org, (_("Quỹ xã hội, từ thiện"), "")),
        },
    )


def _drive_form(request, org, drive: Drive, year: int):
    form = DriveForm(posted(request), instance=drive, organisation=org)

    def save(form):
        return drive_url(drives.drive_save(drive=form.instance, actor=request.user))

    title = _("Sửa quỹ, cuộc vận động") if drive.pk else _("Thêm quỹ, cuộc vận động")
    back = drive_url(drive) if drive.pk else at("finance:drive_list", org, year=year)
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=back,
        crumbs=finance_crumbs(org, drive_list_crumb(org, year), (title, "")),
        history=history_entries(drive) if drive.pk else None,
    )


@books_page(Perm.MANAGE_FINANCE)
def drive_create(request, org):
    year = books_year(request)
    return _drive_form(request, org, Drive(organisation=org, year=year), year)


def drive_edit(request, pk):
    drive = scoped_drive(request, pk, Perm.MANAGE_FINANCE)
    # The form edits a copy: the page's title and links keep the stored name.
    return _drive_form(request, drive.organisation, copy.copy(drive), drive.year)


def drive_detail(request, pk):
    """A drive: its totals, what each group gave, its contributions (paged) and forwards."""
    drive = scoped_row(
        request, drive_selectors.with_totals(Drive.objects.all()), pk, Perm.VIEW_FINANCE
    )
    org = drive.organisation
    contributions = drive.contributions.select_related("member", "group").order_by("-date", "-id")
    page = Paginator(contributions, ENTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/drive_detail.html",
        {
            "title": str(drive),
            "org": org,
            "drive": drive,
            "page": page,
            "forwards": drive.forwards.order_by("-date", "-id"),
            "by_group": drive_selectors.contributions_by_group(drive),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "crumbs": finance_crumbs(org, drive_list_crumb(org, drive.year), (str(drive), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def drive_delete(request, pk):
    drive = scoped_drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    if request.method == "POST":
        try:
            drives.drive_delete(drive=drive, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(drive_url(drive))
        messages.success(request, _("Đã xóa %(drive)s.") % {"drive": drive})
        return redirect(at("finance:drive_list", org, year=drive.year))
    if drive.contributions.exists() or drive.forwards.exists():
        messages.error(
            request,
            _("Cuộc vận động đã có khoản ủng hộ hoặc chuyển đi: xóa các khoản đó trước khi xóa."),
        )
        return redirect(drive_url(drive))
    title = _("Xóa quỹ, cuộc vận động")
    return confirm_page(
        request,
        title=title,
        message=_("Xóa hẳn %(drive)s? Cuộc vận động chưa có khoản nào.") % {"drive": drive},
        button=_("Xóa"),
        url=request.path,
        cancel_url=drive_url(drive),
        danger=True,
        crumbs=drive_crumbs(drive, (title, "")),
        extra=drive_summary(drive),
    )


# --- the table of drives by year -------------------------------------------------------------


def _years(request) -> tuple[int, int]:
    """?from=&to= (plausible years, at most MAX_YEARS apart); by default the last five years."""
    last = query_year(request, "to", date.today().year)
    first = query_year(request, "from", last - 4)
    first, last = min(first, last), max(first, last)
    return max(first, last - MAX_YEARS + 1), last


def _table(request, org) -> drive_selectors.DriveTable:
    return drive_selectors.drive_table(org, *_years(request))


@books_page()
def drive_table(request, org):
    """Các quỹ theo năm: collected (and forwarded) per drive name and year."""
    table = _table(request, org)
    first, last = table.years[0], table.years[-1]
    return render(
        request,
        "finance/drive_table.html",
        {
            "title": _("Vận động các quỹ theo năm"),
            "org": org,
            "table": table,
            "first": first,
            "last": last,
            "max_years": MAX_YEARS,
            "links": {
                "pdf": at("finance:drive_table_pdf", org, **{"from": first, "to": last}),
                "xlsx": at("finance:drive_table_xlsx", org, **{"from": first, "to": last}),
            },
            "crumbs": finance_crumbs(org, drive_list_crumb(org, last), (_("Theo năm"), "")),
        },
    )


@books_page()
def drive_table_pdf(request, org):
    doc = drive_reports.drive_table_document(
        _table(request, org), number=request.GET.get("so", "")[:16]
    )
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def drive_table_xlsx(request, org):
    table = _table(request, org)
    name = f"van-dong-quy-{table.years[0]}-{table.years[-1]}.xlsx"
    return attachment(drive_reports.drive_table_xlsx(table), name, XLSX)
