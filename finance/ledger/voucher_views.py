"""One voucher's pages: entering and editing a draft, reading it, posting, deleting, reversing.

Thin like the books' other pages (finance.ledger.views). A posted voucher is never offered for
editing: its edit and delete pages send the user back to it with a message, and the services
refuse anyway.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.models import Account, Voucher
from finance.pages import (
    at,
    books_form,
    books_page,
    finance_crumbs,
    scoped_row,
    scoped_voucher,
    voucher_crumbs,
    voucher_url,
)
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import history_entries
from unionhub.formatting import money, money_in_words, vn_date
from unionhub.pages import confirm_page, posted

from . import services
from .forms import ReverseForm, VoucherForm


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
        return redirect(at("finance:account_create", org))
    form = VoucherForm(posted(request), organisation=org, kind=kind)

    def save(form):
        voucher = services.voucher_create(
            organisation=org, actor=request.user, **_voucher_fields(form)
        )
        return voucher_url(voucher)

    title = _kind_title(kind, new=True)
    vouchers = at("finance:voucher_list", org)
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=vouchers,
        crumbs=finance_crumbs(org, (_("Chứng từ"), vouchers), (title, "")),
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
    return redirect(voucher_url(voucher))


def voucher_edit(request, pk):
    voucher = scoped_voucher(request, pk, Perm.MANAGE_FINANCE)
    if refusal := _refuse_unless_draft(request, voucher):
        return refusal
    if voucher.is_transfer:
        messages.error(request, _("Chuyển tiền nội bộ không sửa được: xóa bản nháp và lập lại."))
        return redirect(voucher_url(voucher))
    org = voucher.organisation
    form = VoucherForm(posted(request), organisation=org, kind=voucher.kind, voucher=voucher)

    def save(form):
        services.voucher_update(voucher=voucher, actor=request.user, **_voucher_fields(form))
        return voucher_url(voucher)

    return books_form(
        request,
        org,
        form,
        title=_kind_title(voucher.kind, new=False),
        save=save,
        cancel_url=voucher_url(voucher),
        crumbs=voucher_crumbs(voucher, (_("Sửa"), "")),
        submit=_("Lưu nháp"),
    )


def voucher_detail(request, pk):
    voucher = scoped_row(
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
            "crumbs": finance_crumbs(
                org, (_("Chứng từ"), at("finance:voucher_list", org)), (str(voucher), "")
            ),
        },
    )


def _voucher_action(request, pk, *, title, message, button, run, danger=False):
    """Delete or post: a confirmation page, then the service on POST, then back with a message."""
    voucher = scoped_voucher(request, pk, Perm.MANAGE_FINANCE)
    if refusal := _refuse_unless_draft(request, voucher, _("Chứng từ này đã được ghi sổ.")):
        return refusal
    if request.method == "POST":
        try:
            done_message, url = run(voucher)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(voucher_url(voucher))
        messages.success(request, done_message)
        return redirect(url)
    return confirm_page(
        request,
        title=title,
        message=message,
        button=button,
        url=request.path,
        cancel_url=voucher_url(voucher),
        danger=danger,
        crumbs=voucher_crumbs(voucher, (title, "")),
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
        url = at("finance:voucher_list", voucher.organisation)
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
        return _("Đã ghi sổ %(v)s.") % {"v": posted}, voucher_url(posted)

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
    voucher = scoped_voucher(request, pk, Perm.MANAGE_FINANCE)
    org = voucher.organisation
    reversed_by = Voucher.objects.filter(reverses=voucher).first()
    if refusal := _reversal_refusal(voucher, reversed_by):
        messages.error(request, refusal)
        return redirect(voucher_url(voucher))
    form = ReverseForm(posted(request))

    def save(form):
        reversal = services.voucher_reverse(
            voucher=voucher,
            day=form.cleaned_data["date"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
        return voucher_url(reversal)

    return books_form(
        request,
        org,
        form,
        title=_("Điều chỉnh %(v)s") % {"v": voucher.display_number},
        save=save,
        cancel_url=voucher_url(voucher),
        crumbs=voucher_crumbs(voucher, (_("Điều chỉnh"), "")),
        details=_voucher_summary(voucher),
        intro=_(
            "Phiếu điều chỉnh ngược loại, cùng tài khoản, mục và số tiền, được ghi sổ ngay; "
            "chứng từ gốc giữ nguyên."
        ),
        submit=_("Lập phiếu điều chỉnh"),
        confirm=_("Lập và ghi sổ phiếu điều chỉnh? Thao tác này không hoàn tác được."),
    )
