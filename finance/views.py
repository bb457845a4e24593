"""Pages of the books: accounts, vouchers, transfers, cash and bank books, summary, periods.

Thin like the registry's views: resolve the branch or the row through the user's scope (404
outside it), check the write permission (403), validate a form, call one service or selector.
A posted voucher is never offered for editing: its edit and delete pages send the user back
to it with a message, and the services refuse anyway.
"""

import copy
from calendar import monthrange
from datetime import date, datetime
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.formatting import money, money_in_words, vn_date
from unionhub.pages import confirm_page, form_page, posted

from . import selectors, services
from .forms import (
    AccountForm,
    PeriodCloseForm,
    ReverseForm,
    TransferForm,
    VoucherFilterForm,
    VoucherForm,
)
from .models import Account, ClosedPeriod, Voucher

BOOK_PAGE_SIZE = 200
PAGE_SIZE = 50

# Who keeps books: a CĐCS. Its groups and sub-branches do not; an upper union's page lists the
# branches below it.
BOOK_KEEPERS = {Organisation.Kind.BRANCH}


# --- scope -----------------------------------------------------------------------------------


def _require_finance(user) -> None:
    """Users who read no books anywhere get 403 on every finance page, as on the member list."""
    if not access.can_anywhere(user, Perm.VIEW_FINANCE):
        raise PermissionDenied


def _requested_org(request) -> Organisation:
    """?org= if its books are readable (else 404); by default the user's own organisation."""
    user = request.user
    _require_finance(user)
    org_id = request.GET.get("org", "")
    if org_id.isdecimal():
        org = get_in_scope_or_404(Organisation.objects.in_scope(user, Perm.VIEW_FINANCE), pk=org_id)
    else:
        org = access.home_organisation(user)
        if org is None or not access.can(user, Perm.VIEW_FINANCE, org):
            org = access.top_organisations(user, Perm.VIEW_FINANCE)[0]
    if org.kind not in BOOK_KEEPERS and org.kind != Organisation.Kind.UPPER:
        # A group or sub-branch: its branch keeps the books.
        branch = (
            Organisation.objects.in_scope(user, Perm.VIEW_FINANCE)
            .filter(kind__in=BOOK_KEEPERS, pk__in=[a.pk for a in org.get_ancestors()])
            .first()
        )
        org = branch or org
    return org


def books_page(perm: Perm = Perm.VIEW_FINANCE):
    """Decorate a page about one branch's books: `view(request, org, ...)`.

    The branch comes from ?org=; `perm` must hold there (else 403). An organisation that keeps
    no books sends the user to the index, which lists the branches below it.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            org = _requested_org(request)
            access.require(request.user, perm, org)
            if org.kind not in BOOK_KEEPERS:
                return redirect(_at("finance:index", org))
            return view(request, org, *args, **kwargs)

        return wrapper

    return decorate


def _row(request, queryset, pk, perm: Perm):
    """A branch-owned row: 404 outside the user's books, 403 when `perm` does not hold there."""
    _require_finance(request.user)
    row = get_in_scope_or_404(
        queryset.in_scope(request.user, Perm.VIEW_FINANCE).select_related("organisation"), pk=pk
    )
    access.require(request.user, perm, row.organisation)
    return row


def _voucher(request, pk, perm: Perm = Perm.VIEW_FINANCE) -> Voucher:
    return _row(request, Voucher.objects.select_related("account", "category"), pk, perm)


# --- small helpers ---------------------------------------------------------------------------


def _at(name: str, org: Organisation, **params) -> str:
    """A finance page of `org`: reverse(name)?org=...&params."""
    query = {"org": org.pk, **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{reverse(name)}?{urlencode(query)}"


def _voucher_url(voucher: Voucher) -> str:
    return reverse("finance:voucher_detail", args=[voucher.pk])


def _crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Tài chính"), _at("finance:index", org)), *trail]


def _voucher_crumbs(voucher: Voucher, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """Tài chính › Chứng từ › the voucher › trail."""
    org = voucher.organisation
    return _crumbs(
        org,
        (_("Chứng từ"), _at("finance:voucher_list", org)),
        (str(voucher), _voucher_url(voucher)),
        *trail,
    )


def _books_form(request, org, form, *, title, save, cancel_url, crumbs, **extra):
    """A form of the books (finance/form.html: `submit`, `intro`, `details`, `confirm`)."""
    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=cancel_url,
        template="finance/form.html",
        crumbs=crumbs,
        extra={"org": org, **extra},
    )


def _date_param(request, name: str, default: date) -> date:
    value = request.GET.get(name, "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return default


def _year(request) -> int:
    """?year= between 2000 and 2100, else this year."""
    value = request.GET.get("year", "")
    if value.isdecimal() and 2000 <= int(value) <= 2100:
        return int(value)
    return date.today().year


def _range(request, default_start: date, default_end: date) -> tuple[date, date]:
    start = _date_param(request, "from", default_start)
    end = _date_param(request, "to", default_end)
    return (start, end) if start <= end else (end, start)


# --- index -----------------------------------------------------------------------------------


def index(request):
    """Tài chính: the branch's accounts with today's balances and what to do next.

    For an upper union (or an administrator's root), the branches below whose books the
    user may open.
    """
    org = _requested_org(request)
    user = request.user
    if org.kind not in BOOK_KEEPERS:
        return _branch_chooser(request, org)
    today = date.today()
    accounts = selectors.accounts_with_balances(org, today)
    vouchers = Voucher.objects.filter(organisation=org)
    return render(
        request,
        "finance/index.html",
        {
            "title": _("Tài chính"),
            "org": org,
            "today": today,
            "accounts": accounts,
            "total": sum(a.balance for a in accounts),
            "drafts": vouchers.filter(state=Voucher.State.DRAFT).count(),
            "recent": vouchers.select_related("account", "category").order_by("-date", "-id")[:10],
            "can_manage": access.can(user, Perm.MANAGE_FINANCE, org),
            "links": {
                "vouchers": _at("finance:voucher_list", org),
                "drafts": _at("finance:voucher_list", org, state=Voucher.State.DRAFT),
                "summary": _at("finance:summary", org),
                "periods": _at("finance:periods", org),
                "receipt": _at("finance:voucher_create", org, kind=Voucher.Kind.RECEIPT),
                "payment": _at("finance:voucher_create", org, kind=Voucher.Kind.PAYMENT),
                "transfer": _at("finance:transfer_create", org),
                "account": _at("finance:account_create", org),
            },
        },
    )


def _branch_chooser(request, org: Organisation):
    branches = (
        Organisation.objects.in_scope(request.user, Perm.VIEW_FINANCE)
        .subtree_of(org)
        .filter(kind__in=BOOK_KEEPERS)
    )
    q = request.GET.get("q", "").strip()
    if q:
        branches = branches.filter(Q(name__icontains=q) | Q(code__iexact=q))
    return render(
        request,
        "finance/branches.html",
        {
            "title": _("Tài chính"),
            "org": org,
            "q": q,
            "page": Paginator(branches.order_by("path"), 100).get_page(request.GET.get("page")),
        },
    )


# --- vouchers --------------------------------------------------------------------------------


@books_page()
def voucher_list(request, org):
    """Chứng từ: filtered, newest first, with the totals of the posted ones in the selection."""
    form = VoucherFilterForm(request.GET, organisation=org)
    form.is_valid()  # a wrong value in one filter drops that filter only
    data = form.cleaned_data
    # books_page() has checked that the user reads this branch's books.
    vouchers = selectors.filtered_vouchers(org, data)
    searched = any(v for k, v in request.GET.items() if k not in ("org", "page"))
    # Totals of a selection; the whole ten years of a branch are the books' business.
    totals = (
        vouchers.filter(state=Voucher.State.POSTED).aggregate(
            receipts=Coalesce(Sum("amount", filter=Q(kind=Voucher.Kind.RECEIPT)), Value(0)),
            payments=Coalesce(Sum("amount", filter=Q(kind=Voucher.Kind.PAYMENT)), Value(0)),
        )
        if searched
        else None
    )
    rows = vouchers.select_related("account", "category", "counterparty_member").order_by(
        "-date", "-id"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/voucher_list.html",
        {
            "title": _("Chứng từ thu chi"),
            "org": org,
            "filter": form,
            "searched": searched,
            "filters_used": any(v for k, v in request.GET.items() if k not in ("org", "page", "q")),
            "page": page,
            "totals": totals,
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "links": {
                "receipt": _at("finance:voucher_create", org, kind=Voucher.Kind.RECEIPT),
                "payment": _at("finance:voucher_create", org, kind=Voucher.Kind.PAYMENT),
                "clear": _at("finance:voucher_list", org),
                "import": _at("finance:voucher_import", org),
                # The same selection as the page shows.
                "export": _at(
                    "finance:voucher_export",
                    org,
                    **{k: v for k, v in request.GET.items() if k not in ("org", "page")},
                ),
            },
            "crumbs": _crumbs(org, (_("Chứng từ"), "")),
        },
    )


def _voucher_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.VOUCHER_FIELDS}


def _kind_title(kind: str, *, new: bool) -> str:
    if kind == Voucher.Kind.RECEIPT:
        return _("Lập phiếu thu") if new else _("Sửa phiếu thu nháp")
    return _("Lập phiếu chi") if new else _("Sửa phiếu chi nháp")


@books_page(Perm.MANAGE_FINANCE)
def voucher_create(request, org):
    kind = request.GET.get("kind", "")
    if kind not in Voucher.Kind.values:
        kind = Voucher.Kind.RECEIPT
    if not Account.objects.filter(organisation=org).exists():
        messages.info(request, _("Hãy thêm tài khoản tiền mặt hoặc tiền gửi trước khi lập phiếu."))
        return redirect(_at("finance:account_create", org))
    form = VoucherForm(posted(request), organisation=org, kind=kind)

    def save(form):
        voucher = services.voucher_create(
            organisation=org, actor=request.user, **_voucher_fields(form)
        )
        return _voucher_url(voucher)

    title = _kind_title(kind, new=True)
    vouchers = _at("finance:voucher_list", org)
    return _books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=vouchers,
        crumbs=_crumbs(org, (_("Chứng từ"), vouchers), (title, "")),
        submit=_("Lưu nháp"),
        intro=_("Phiếu được lưu ở dạng nháp; ghi sổ để cấp số và khóa phiếu."),
    )


def _refuse_unless_draft(request, voucher: Voucher, message: str | None = None):
    """A posted voucher's edit or delete page: back to the voucher, nothing changed."""
    if voucher.state == Voucher.State.DRAFT:
        return None
    messages.error(
        request,
        message or _("Chứng từ đã ghi sổ không sửa, không xóa được; hãy lập phiếu điều chỉnh."),
    )
    return redirect(_voucher_url(voucher))


def voucher_edit(request, pk):
    voucher = _voucher(request, pk, Perm.MANAGE_FINANCE)
    if refusal := _refuse_unless_draft(request, voucher):
        return refusal
    if voucher.is_transfer:
        messages.error(request, _("Chuyển tiền nội bộ không sửa được: xóa bản nháp và lập lại."))
        return redirect(_voucher_url(voucher))
    org = voucher.organisation
    form = VoucherForm(posted(request), organisation=org, kind=voucher.kind, voucher=voucher)

    def save(form):
        services.voucher_update(voucher=voucher, actor=request.user, **_voucher_fields(form))
        return _voucher_url(voucher)

    return _books_form(
        request,
        org,
        form,
        title=_kind_title(voucher.kind, new=False),
        save=save,
        cancel_url=_voucher_url(voucher),
        crumbs=_voucher_crumbs(voucher, (_("Sửa"), "")),
        submit=_("Lưu nháp"),
    )


def voucher_detail(request, pk):
    voucher = _row(
        request,
        Voucher.objects.select_related(
            "account",
            "category__parent",
            "counterparty_member",
            "member",
            "posted_by",
            "reverses",
            "transfer_pair__account",
        ),
        pk,
        Perm.VIEW_FINANCE,
    )
    org = voucher.organisation
    is_draft = voucher.state == Voucher.State.DRAFT
    reversed_by = None if is_draft else Voucher.objects.filter(reverses=voucher).first()
    can_manage = access.can(request.user, Perm.MANAGE_FINANCE, org)
    reverse_refusal = _reversal_refusal(voucher, reversed_by)
    return render(
        request,
        "finance/voucher_detail.html",
        {
            "title": str(voucher),
            "org": org,
            "voucher": voucher,
            "in_words": money_in_words(voucher.amount),
            "reversed_by": reversed_by,
            "can_manage": can_manage,
            "can_edit": can_manage and is_draft and not voucher.is_transfer,
            "can_reverse": can_manage and reverse_refusal is None,
            # The history of money data is no one's personal data: whoever reads the books
            # reads who entered, changed and posted each voucher.
            "history": history_entries(voucher),
            "attachments": list(voucher.attachments.all()),
            "can_attach": can_manage and services.closed_period_for(org, voucher.date) is None,
            "crumbs": _crumbs(
                org, (_("Chứng từ"), _at("finance:voucher_list", org)), (str(voucher), "")
            ),
        },
    )


def _voucher_action(request, pk, *, title, message, button, run, danger=False):
    """Delete or post: a confirmation page, then the service on POST, then back with a message."""
    voucher = _voucher(request, pk, Perm.MANAGE_FINANCE)
    if refusal := _refuse_unless_draft(request, voucher, _("Chứng từ này đã được ghi sổ.")):
        return refusal
    if request.method == "POST":
        try:
            done_message, url = run(voucher)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_voucher_url(voucher))
        messages.success(request, done_message)
        return redirect(url)
    return confirm_page(
        request,
        title=title,
        message=message,
        button=button,
        url=request.path,
        cancel_url=_voucher_url(voucher),
        danger=danger,
        crumbs=_voucher_crumbs(voucher, (title, "")),
        extra=_voucher_summary(voucher),
    )


def _voucher_summary(voucher: Voucher) -> list[tuple[str, str]]:
    return [
        (_("Loại phiếu"), voucher.get_kind_display()),
        (_("Ngày"), vn_date(voucher.date)),
        (_("Tài khoản"), voucher.account.name),
        (_("Mục thu chi"), str(voucher.category or _("Chuyển tiền nội bộ"))),
        (_("Số tiền"), money(voucher.amount)),
        (_("Lý do"), voucher.description),
    ]


@require_http_methods(["GET", "POST"])
def voucher_delete(request, pk):
    def run(voucher):
        url = _at("finance:voucher_list", voucher.organisation)
        services.voucher_delete(voucher=voucher, actor=request.user)
        return _("Đã xóa chứng từ nháp."), url

    return _voucher_action(
        request,
        pk,
        title=_("Xóa chứng từ nháp"),
        message=_("Xóa hẳn chứng từ nháp này? (Chuyển tiền nội bộ: xóa cả phiếu đi kèm.)"),
        button=_("Xóa"),
        danger=True,
        run=run,
    )


@require_http_methods(["GET", "POST"])
def voucher_post(request, pk):
    def run(voucher):
        posted = services.voucher_post(voucher=voucher, actor=request.user)
        return _("Đã ghi sổ %(v)s.") % {"v": posted}, _voucher_url(posted)

    return _voucher_action(
        request,
        pk,
        title=_("Ghi sổ chứng từ"),
        message=_(
            "Ghi sổ sẽ cấp số phiếu và khóa chứng từ: sau đó không sửa, không xóa được, "
            "sai sót chỉ sửa bằng phiếu điều chỉnh."
        ),
        button=_("Ghi sổ"),
        run=run,
    )


def _reversal_refusal(voucher: Voucher, reversed_by: Voucher | None) -> str | None:
    """Why no reversing voucher can be made for `voucher` (the service says the same)."""
    if voucher.state != Voucher.State.POSTED:
        return _("Chỉ điều chỉnh chứng từ đã ghi sổ; bản nháp thì sửa trực tiếp.")
    if voucher.is_transfer:
        return _("Chuyển tiền nội bộ được điều chỉnh bằng một lần chuyển ngược lại.")
    if voucher.reverses_id:
        return _("Không điều chỉnh một phiếu điều chỉnh; hãy lập phiếu mới.")
    if reversed_by is not None:
        return _("Chứng từ này đã được điều chỉnh bởi %(v)s.") % {"v": reversed_by}
    return None


def voucher_reverse(request, pk):
    """Điều chỉnh: a posted voucher of the opposite kind that undoes this one."""
    voucher = _voucher(request, pk, Perm.MANAGE_FINANCE)
    org = voucher.organisation
    reversed_by = Voucher.objects.filter(reverses=voucher).first()
    if refusal := _reversal_refusal(voucher, reversed_by):
        messages.error(request, refusal)
        return redirect(_voucher_url(voucher))
    form = ReverseForm(posted(request))

    def save(form):
        reversal = services.voucher_reverse(
            voucher=voucher,
            day=form.cleaned_data["date"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
        return _voucher_url(reversal)

    return _books_form(
        request,
        org,
        form,
        title=_("Điều chỉnh %(v)s") % {"v": voucher.display_number},
        save=save,
        cancel_url=_voucher_url(voucher),
        crumbs=_voucher_crumbs(voucher, (_("Điều chỉnh"), "")),
        details=_voucher_summary(voucher),
        intro=_(
            "Phiếu điều chỉnh ngược loại, cùng tài khoản, mục và số tiền, được ghi sổ ngay; "
            "chứng từ gốc giữ nguyên."
        ),
        submit=_("Lập phiếu điều chỉnh"),
        confirm=_("Lập và ghi sổ phiếu điều chỉnh? Thao tác này không hoàn tác được."),
    )


@books_page(Perm.MANAGE_FINANCE)
def transfer_create(request, org):
    if Account.objects.filter(organisation=org).count() < 2:
        messages.info(
            request,
            _("Chuyển tiền nội bộ cần hai tài khoản: hãy thêm quỹ tiền mặt hoặc tiền gửi."),
        )
        return redirect(_at("finance:account_create", org))
    form = TransferForm(posted(request), organisation=org)

    def save(form):
        data = form.cleaned_data
        payment, _receipt = services.transfer_create(
            organisation=org,
            source=data["source"],
            destination=data["destination"],
            day=data["date"],
            amount=data["amount"],
            description=data["description"],
            actor=request.user,
        )
        return _voucher_url(payment)

    title = _("Chuyển tiền nội bộ")
    return _books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=_at("finance:index", org),
        crumbs=_crumbs(org, (title, "")),
        submit=_("Lưu nháp"),
        intro=_(
            "Rút tiền gửi về quỹ tiền mặt hoặc nộp tiền mặt vào tài khoản: một phiếu chi "
            "và một phiếu thu đi kèm, không tính vào thu, chi của công đoàn."
        ),
    )


# --- accounts and books ----------------------------------------------------------------------


def _account_form(request, org: Organisation, account: Account):
    form = AccountForm(posted(request), instance=account, organisation=org)

    def save(form):
        services.account_save(account=form.instance, actor=request.user)
        return _at("finance:index", org)

    title = _("Sửa tài khoản") if account.pk else _("Thêm tài khoản")
    return _books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=_at("finance:index", org),
        crumbs=_crumbs(org, (title, "")),
        history=history_entries(account) if account.pk else None,
    )


@books_page(Perm.MANAGE_FINANCE)
def account_create(request, org):
    return _account_form(request, org, Account(organisation=org))


def account_edit(request, pk):
    account = _row(request, Account.objects.all(), pk, Perm.MANAGE_FINANCE)
    # The form edits a copy: the service compares the submitted values with the stored ones.
    return _account_form(request, account.organisation, copy.copy(account))


def account_book(request, pk):
    """Sổ quỹ tiền mặt / sổ tiền gửi ngân hàng of a range (this month by default)."""
    account = _row(request, Account.objects.all(), pk, Perm.VIEW_FINANCE)
    org = account.organisation
    today = date.today()
    start, end = _range(
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
            "crumbs": _crumbs(org, (f"{title}: {account.name}", "")),
        },
    )


# --- reports ---------------------------------------------------------------------------------


@books_page()
def summary(request, org):
    """Báo cáo thu chi: the shape branch reports print, for any range (1 January to today)."""
    today = date.today()
    start, end = _range(request, date(today.year, 1, 1), today)
    report = selectors.finance_summary(org, start, end)
    return render(
        request,
        "finance/summary.html",
        {
            "title": _("Báo cáo thu chi"),
            "org": org,
            "report": report,
            "crumbs": _crumbs(org, (_("Báo cáo thu chi"), "")),
        },
    )


@books_page()
def by_month(request, org):
    """Thu, chi theo mục và theo tháng: each line's net amount per month of a year."""
    year = _year(request)
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
            "crumbs": _crumbs(org, (_("Thu, chi theo tháng"), "")),
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
            "close_url": _at("finance:period_close", org),
            "crumbs": _crumbs(org, (_("Khóa sổ"), "")),
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
        return _at("finance:periods", org)

    periods = _at("finance:periods", org)
    return _books_form(
        request,
        org,
        form,
        title=_("Khóa sổ một kỳ"),
        save=save,
        cancel_url=periods,
        crumbs=_crumbs(org, (_("Khóa sổ"), periods), (_("Khóa sổ một kỳ"), "")),
        submit=_("Khóa sổ"),
        intro=_(
            "Sau khi khóa sổ, không lập, sửa, xóa hay điều chỉnh chứng từ nào trong kỳ; "
            "chỉ quản trị viên mở lại được."
        ),
    )


@require_http_methods(["GET", "POST"])
def period_reopen(request, pk):
    """Mở lại sổ: administrators only (the history keeps who did it)."""
    period = _row(request, ClosedPeriod.objects.all(), pk, Perm.VIEW_FINANCE)
    if not access.is_admin(request.user):
        raise PermissionDenied
    org = period.organisation
    back = _at("finance:periods", org)
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
        crumbs=_crumbs(org, (_("Khóa sổ"), back), (_("Mở lại sổ"), "")),
    )
