"""Pages of the accounts and their books, the summary and the month table, closed periods."""

import copy
from calendar import monthrange
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.models import Account, ClosedPeriod
from finance.pages import (
    at,
    books_form,
    books_page,
    books_year,
    date_range,
    finance_crumbs,
    scoped_row,
)
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import history_entries
from unionhub.pages import confirm_page, posted

from . import selectors, services
from .forms import AccountForm, PeriodCloseForm

BOOK_PAGE_SIZE = 200


# --- accounts and books ----------------------------------------------------------------------


def _account_form(request, org: Organisation, account: Account):
    form = AccountForm(posted(request), instance=account, organisation=org)

    def save(form):
        services.account_save(account=form.instance, actor=request.user)
        return at("finance:index", org)

    title = _("Sửa tài khoản") if account.pk else _("Thêm tài khoản")
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=at("finance:index", org),
        crumbs=finance_crumbs(org, (title, "")),
        history=history_entries(account) if account.pk else None,
    )


@books_page(Perm.MANAGE_FINANCE)
def account_create(request, org):
    return _account_form(request, org, Account(organisation=org))


def account_edit(request, pk):
    account = scoped_row(request, Account.objects.all(), pk, Perm.MANAGE_FINANCE)
    # The form edits a copy: the service compares the submitted values with the stored ones.
    return _account_form(request, account.organisation, copy.copy(account))


def account_book(request, pk):
    """Sổ quỹ tiền mặt / sổ tiền gửi ngân hàng of a range (this month by default)."""
    account = scoped_row(request, Account.objects.all(), pk, Perm.VIEW_FINANCE)
    org = account.organisation
    today = date.today()
    start, end = date_range(
        request,
        date(today.year, today.month, 1),
        date(today.year, today.month, monthrange(today.year, today.month)[1]),
    )
    book = selectors.account_book(account, start, end)
    cash = account.kind == Account.Kind.CASH
    title = _("Sổ quỹ tiền mặt") if cash else _("Sổ tiền gửi ngân hàng")
    # A busy month has thousands of lines: the page shows a slice, the totals the whole range.
    page = Paginator(book.rows, BOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/book.html",
        {
            "title": title,
            "org": org,
            "account": account,
            "book": book,
            "page": page,
            "crumbs": finance_crumbs(org, (f"{title}: {account.name}", "")),
        },
    )


# --- reports ---------------------------------------------------------------------------------


@books_page()
def summary(request, org):
    """Báo cáo thu chi: the shape branch reports print, for any range (1 January to today)."""
    today = date.today()
    start, end = date_range(request, date(today.year, 1, 1), today)
    report = selectors.finance_summary(org, start, end)
    return render(
        request,
        "finance/summary.html",
        {
            "title": _("Báo cáo thu chi"),
            "org": org,
            "report": report,
            "crumbs": finance_crumbs(org, (_("Báo cáo thu chi"), "")),
        },
    )


@books_page()
def by_month(request, org):
    """Thu, chi theo mục và theo tháng: each line's net amount per month of a year."""
    year = books_year(request)
    lines = selectors.by_category_by_month(org, year)
    return render(
        request,
        "finance/by_month.html",
        {
            "title": _("Thu, chi theo mục và tháng"),
            "org": org,
            "year": year,
            "months": range(1, 13),
            "income": [line for line in lines if line.category.flow == "income"],
            "spending": [line for line in lines if line.category.flow == "spending"],
            "crumbs": finance_crumbs(org, (_("Thu, chi theo tháng"), "")),
        },
    )


# --- closed periods --------------------------------------------------------------------------


@books_page()
def periods(request, org):
    """Khóa sổ: the closed months and years, who closed and reopened them, the close form."""
    user = request.user
    can_close = access.can(user, Perm.CLOSE_PERIODS, org)
    log = (
        ClosedPeriod.history.filter(organisation_id=org.pk)
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    return render(
        request,
        "finance/periods.html",
        {
            "title": _("Khóa sổ"),
            "org": org,
            "periods": ClosedPeriod.objects.filter(organisation=org)
            .select_related("closed_by")
            .order_by("-year", "-month"),
            "log": log,
            "can_close": can_close,
            "can_reopen": access.is_admin(user),
            "form": PeriodCloseForm(organisation=org) if can_close else None,
            "close_url": at("finance:period_close", org),
            "crumbs": finance_crumbs(org, (_("Khóa sổ"), "")),
        },
    )


@books_page(Perm.CLOSE_PERIODS)
def period_close(request, org):
    form = PeriodCloseForm(posted(request), organisation=org)

    def save(form):
        services.period_close(
            organisation=org,
            year=form.cleaned_data["year"],
            month=form.cleaned_data["month"],
            actor=request.user,
        )
        return at("finance:periods", org)

    periods = at("finance:periods", org)
    return books_form(
        request,
        org,
        form,
        title=_("Khóa sổ một kỳ"),
        save=save,
        cancel_url=periods,
        crumbs=finance_crumbs(org, (_("Khóa sổ"), periods), (_("Khóa sổ một kỳ"), "")),
        submit=_("Khóa sổ"),
        intro=_(
            "Sau khi khóa sổ, không lập, sửa, xóa hay điều chỉnh chứng từ nào trong kỳ; "
            "chỉ quản trị viên mở lại được."
        ),
    )


@require_http_methods(["GET", "POST"])
def period_reopen(request, pk):
    """Mở lại sổ: administrators only (the history keeps who did it)."""
    period = scoped_row(request, ClosedPeriod.objects.all(), pk, Perm.VIEW_FINANCE)
    if not access.is_admin(request.user):
        raise PermissionDenied
    org = period.organisation
    back = at("finance:periods", org)
    if request.method == "POST":
        services.period_reopen(period=period, actor=request.user)
        messages.success(request, _("Đã mở lại sổ kỳ %(p)s.") % {"p": period})
        return redirect(back)
    return confirm_page(
        request,
        title=_("Mở lại sổ kỳ %(p)s") % {"p": period},
        message=_(
            "Mở lại sổ cho phép lập, sửa chứng từ trong kỳ đã báo cáo. Việc mở lại được ghi "
            "vào nhật ký. Tiếp tục?"
        ),
        button=_("Mở lại sổ"),
        url=request.path,
        cancel_url=back,
        danger=True,
        crumbs=finance_crumbs(org, (_("Khóa sổ"), back), (_("Mở lại sổ"), "")),
    )
