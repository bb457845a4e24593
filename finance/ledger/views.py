"""Pages of the books: the index (or, above the branches, the branches whose books the user
reads), the voucher list and transfers; one voucher's pages are in voucher_views.

Thin like the registry's views: resolve the branch or the row through the user's scope (404
outside it, finance.pages), check the write permission (403), validate a form, call one service
or selector.
"""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finance.models import Account, Voucher
from finance.pages import (
    BOOK_KEEPERS,
    PAGE_SIZE,
    at,
    books_form,
    books_page,
    finance_crumbs,
    requested_org,
    voucher_url,
)
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.dates import note_dropped_filters
from unionhub.pages import posted

from . import selectors, services
from .forms import TransferForm, VoucherFilterForm

# --- index -----------------------------------------------------------------------------------


def index(request):
    """Tài chính: the branch's accounts with today's balances and what to do next.

    For an upper union (or an administrator's root), the branches below whose books the
    user may open.
    """
    org = requested_org(request)
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
                "vouchers": at("finance:voucher_list", org),
                "drafts": at("finance:voucher_list", org, state=Voucher.State.DRAFT),
                "summary": at("finance:summary", org),
                "periods": at("finance:periods", org),
                "receipt": at("finance:voucher_create", org, kind=Voucher.Kind.RECEIPT),
                "payment": at("finance:voucher_create", org, kind=Voucher.Kind.PAYMENT),
                "transfer": at("finance:transfer_create", org),
                "account": at("finance:account_create", org),
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
    form.is_valid()  # a wrong value in one filter drops that filter only, and says so
    note_dropped_filters(request, form)
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
                "receipt": at("finance:voucher_create", org, kind=Voucher.Kind.RECEIPT),
                "payment": at("finance:voucher_create", org, kind=Voucher.Kind.PAYMENT),
                "clear": at("finance:voucher_list", org),
                "import": at("finance:voucher_import", org),
                # The same selection as the page shows.
                "export": at(
                    "finance:voucher_export",
                    org,
                    **{k: v for k, v in request.GET.items() if k not in ("org", "page")},
                ),
            },
            "crumbs": finance_crumbs(org, (_("Chứng từ"), "")),
        },
    )


@books_page(Perm.MANAGE_FINANCE)
def transfer_create(request, org):
    if Account.objects.filter(organisation=org).count() < 2:
        messages.info(
            request,
            _("Chuyển tiền nội bộ cần hai tài khoản: hãy thêm quỹ tiền mặt hoặc tiền gửi."),
        )
        return redirect(at("finance:account_create", org))
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
        return voucher_url(payment)

    title = _("Chuyển tiền nội bộ")
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=at("finance:index", org),
        crumbs=finance_crumbs(org, (title, "")),
        submit=_("Lưu nháp"),
        intro=_(
            "Rút tiền gửi về quỹ tiền mặt hoặc nộp tiền mặt vào tài khoản: một phiếu chi "
            "và một phiếu thu đi kèm, không tính vào thu, chi của công đoàn."
        ),
    )
