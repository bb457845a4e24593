"""Pages of the loans a branch vouches for (tín chấp vay vốn): the list, its sheet, a loan's
form, marking it repaid and deleting it.

Thin like the books' pages (finance.ledger.views): a loan is resolved through the user's scope (404
outside it), every write needs MANAGE_FINANCE at its branch (403) and is one call of
finance.funds.loans.
"""

import copy
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from finance.models import Loan
from finance.pages import PAGE_SIZE, at, books_form, books_page, finance_crumbs, scoped_row
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import history_entries
from unionhub.downloads import XLSX, attachment
from unionhub.formatting import money, vn_date
from unionhub.pages import delete_page, posted

from . import loans
from .forms import LoanForm, RepayForm

STATES = {
    loans.OUTSTANDING: gettext_lazy("Chưa trả hết"),
    loans.REPAID: gettext_lazy("Đã trả hết"),
    loans.ALL: gettext_lazy("Tất cả"),
}


def _loan(request, pk, perm: Perm = Perm.VIEW_FINANCE) -> Loan:
    return scoped_row(request, Loan.objects.select_related("member"), pk, perm)


def _list_url(org) -> str:
    return at("finance:loan_list", org)


def _loan_crumbs(org, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return finance_crumbs(org, (_("Vay vốn tín chấp"), _list_url(org)), *trail)


def _loan_summary(loan: Loan) -> list[tuple[str, str]]:
    return [
        (_("Đoàn viên vay"), loan.member.full_name),
        (_("Nơi cho vay"), loan.lender),
        (_("Số tiền vay"), money(loan.amount)),
        (_("Ngày vay"), vn_date(loan.borrowed_on)),
        (_("Hạn trả"), vn_date(loan.due_on) or "—"),
    ]


def _filters(request) -> tuple[str, str]:
    state = request.GET.get("state", "")
    q = request.GET.get("q", "").strip()[:100]
    return (state if state in STATES else loans.OUTSTANDING), q


@books_page()
def loan_list(request, org):
    """Vay vốn tín chấp: the branch's loans (outstanding by default), searched by name."""
    state, q = _filters(request)
    today = date.today()
    selection = loans.loans_of(org, state=state, q=q)
    page = Paginator(selection, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/loan_list.html",
        {
            "title": _("Vay vốn tín chấp"),
            "org": org,
            "today": today,
            "state": state,
            "states": STATES.items(),
            "q": q,
            "page": page,
            "branch": loans.loan_totals(Loan.objects.filter(organisation=org), today),
            "selection": loans.loan_totals(selection, today),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "links": {
                "create": at("finance:loan_create", org),
                "xlsx": at("finance:loan_xlsx", org, state=state, q=q),
                "drives": at("finance:drive_list", org),
            },
            "crumbs": finance_crumbs(org, (_("Vay vốn tín chấp"), "")),
        },
    )


@books_page()
def loan_xlsx(request, org):
    """The list's selection (all its pages) as a sheet."""
    state, q = _filters(request)
    title = f"{org.name}: đoàn viên vay vốn tín chấp ({str(STATES[state]).lower()})"
    content = loans.loans_xlsx(loans.loans_of(org, state=state, q=q), title=title)
    return attachment(content, f"vay-von-{state}-{date.today():%Y-%m-%d}.xlsx", XLSX)


def _loan_form(request, org, loan: Loan):
    form = LoanForm(posted(request), instance=loan, organisation=org)

    def save(form):
        loans.loan_save(loan=form.instance, actor=request.user)
        return _list_url(org)

    title = _("Sửa khoản vay") if loan.pk else _("Thêm khoản vay tín chấp")
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=_list_url(org),
        crumbs=_loan_crumbs(org, (title, "")),
        intro=_("Khoản vay của đoàn viên do công đoàn đứng ra tín chấp; tiền vay không vào sổ."),
        history=history_entries(loan) if loan.pk else None,
    )


@books_page(Perm.MANAGE_FINANCE)
def loan_create(request, org):
    return _loan_form(request, org, Loan(organisation=org))


def loan_edit(request, pk):
    loan = _loan(request, pk, Perm.MANAGE_FINANCE)
    return _loan_form(request, loan.organisation, copy.copy(loan))


@require_http_methods(["GET", "POST"])
def loan_repay(request, pk):
    """Đã trả hết: the day, then a confirmation in the browser, then the service."""
    loan = _loan(request, pk, Perm.MANAGE_FINANCE)
    org = loan.organisation
    if loan.repaid_on:
        messages.error(
            request,
            _("Khoản vay đã được ghi trả hết ngày %(day)s.") % {"day": vn_date(loan.repaid_on)},
        )
        return redirect(_list_url(org))
    form = RepayForm(posted(request))

    def save(form):
        loans.loan_repay(loan=loan, day=form.cleaned_data["date"], actor=request.user)
        return _list_url(org)

    title = _("Ghi trả hết khoản vay")
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=_list_url(org),
        crumbs=_loan_crumbs(org, (title, "")),
        details=_loan_summary(loan),
        submit=_("Ghi đã trả hết"),
        confirm=_("Ghi khoản vay này đã trả hết?"),
    )


@require_http_methods(["GET", "POST"])
def loan_delete(request, pk):
    loan = _loan(request, pk, Perm.MANAGE_FINANCE)
    org = loan.organisation
    title = _("Xóa khoản vay")
    return delete_page(
        request,
        delete=lambda: loans.loan_delete(loan=loan, actor=request.user),
        done=_("Đã xóa khoản vay."),
        back=_list_url(org),
        title=title,
        message=_("Xóa hẳn khoản vay này? Chỉ xóa khoản ghi nhầm; khoản đã trả thì ghi trả hết."),
        crumbs=_loan_crumbs(org, (title, "")),
        extra=_loan_summary(loan),
    )
