"""Every write on the books, one function per use case (views, dues and the demo call these;
the import of past books, finance.ledger.importing, applies the same rules to many at once).

Rules that live here once:
- nothing dated in a closed period is created, changed, deleted, posted or reversed into it;
- posted vouchers never change: a mistake is corrected by a reversing voucher;
- numbers are given at posting, per branch, kind and year, without gaps or duplicates, under
  a row lock on the sequence (and a unique constraint behind it);
- every change is in the history (django-simple-history, `_history_user`).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.models import (
    Account,
    Attachment,
    Category,
    ClosedPeriod,
    Voucher,
    VoucherSequence,
)
from members.models import Organisation
from unionhub.audit import save_audited, stored_user
from unionhub.files import SCAN_TYPES, attach, delete_on_commit
from unionhub.formatting import vn_date

# What a user may set on a draft; number, state and the posting stamp are the services'.
VOUCHER_FIELDS = (
    "kind",
    "date",
    "account",
    "category",
    "amount",
    "counterparty_member",
    "counterparty",
    "description",
    "member",
)


def closed_period_for(organisation: Organisation, day: date) -> ClosedPeriod | None:
    """The closed month or year of `organisation`'s books that `day` falls in, if any."""
    return (
        ClosedPeriod.objects.filter(organisation=organisation, year=day.year)
        .filter(month__isnull=True)
        .first()
        or ClosedPeriod.objects.filter(
            organisation=organisation, year=day.year, month=day.month
        ).first()
    )


def closed_error(period: ClosedPeriod, day: date, field: str) -> ValidationError:
    """What a write dated `day` in the closed `period` is refused with, on `field`."""
    return ValidationError(
        {
            field: _("Kỳ %(period)s đã khóa sổ: không thể ghi chứng từ ngày %(day)s.")
            % {"period": period, "day": vn_date(day)}
        }
    )


def check_open(organisation: Organisation, day: date, field: str = "date") -> None:
    period = closed_period_for(organisation, day)
    if period is not None:
        raise closed_error(period, day, field)


def check_voucher(voucher: Voucher, *, transfer: bool = False) -> None:
    """The rules a draft must meet before it is saved (beyond the model's own)."""
    errors = {}
    account = voucher.account
    if account.organisation_id != voucher.organisation_id:
        errors["account"] = _("Tài khoản không thuộc đơn vị này.")
    elif voucher.date and voucher.date < account.opening_date:
        errors["date"] = _("Ngày chứng từ trước ngày số dư đầu kỳ của tài khoản (%(day)s).") % {
            "day": vn_date(account.opening_date)
        }
    branch = voucher.organisation.path
    for name in ("member", "counterparty_member"):
        person = getattr(voucher, name)
        if person is not None and not person.organisation.path.startswith(branch):
            errors[name] = _("Đoàn viên này không thuộc đơn vị.")
    expected_flow = (
        Category.Flow.INCOME if voucher.kind == Voucher.Kind.RECEIPT else Category.Flow.SPENDING
    )
    if voucher.reverses_id:
        # A reversal undoes the original in its own category: the flow is the original's.
        expected_flow = voucher.reverses.category.flow if voucher.reverses.category else None
    if transfer or voucher.transfer_pair_id or (voucher.reverses_id and expected_flow is None):
        if voucher.category_id:
            errors["category"] = _("Chuyển tiền nội bộ không thuộc mục thu chi nào.")
    elif voucher.category_id is None:
        errors["category"] = _("Chọn mục thu chi.")
    elif voucher.category.flow != expected_flow:
        errors["category"] = (
            _("Phiếu thu phải ghi vào một mục thu.")
            if expected_flow == Category.Flow.INCOME
            else _("Phiếu chi phải ghi vào một mục chi.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def voucher_create(*, organisation: Organisation, actor, **fields) -> Voucher:
    """A draft receipt or payment."""
    voucher = Voucher(organisation=organisation, **fields)
    missing = {
        name: _("Trường này không được để trắng.")
        for name in ("date", "account")
        if not getattr(voucher, f"{name}_id" if name == "account" else name)
    }
    if missing:
        raise ValidationError(missing)
    voucher.year = voucher.date.year
    check_open(organisation, voucher.date)
    check_voucher(voucher)
    save_audited(voucher, actor=actor)
    return voucher


def _locked(voucher: Voucher) -> Voucher:
    return Voucher.objects.select_for_update().get(pk=voucher.pk)


def _check_draft(voucher: Voucher) -> None:
    if voucher.state != Voucher.State.DRAFT:
        raise ValidationError(
            _("Chứng từ đã ghi sổ không sửa, không xóa được; hãy lập phiếu điều chỉnh.")
        )


@transaction.atomic
def voucher_update(*, voucher: Voucher, actor, **fields) -> Voucher:
    """Change a draft (never a posted voucher, never into or out of a closed period)."""
    voucher = _locked(voucher)
    _check_draft(voucher)
    if voucher.is_transfer:
        raise ValidationError(_("Chuyển tiền nội bộ: xóa bản nháp và lập lại."))
    if "amount" in fields and fields["amount"] != voucher.amount and voucher.dues_payments.exists():
        raise ValidationError(
            {"amount": _("Phiếu thu đoàn phí: số tiền là tổng các khoản trong bảng thu.")}
        )
    check_open(voucher.organisation, voucher.date)
    for name, value in fields.items():
        setattr(voucher, name, value)
    voucher.year = voucher.date.year
    check_open(voucher.organisation, voucher.date)
    check_voucher(voucher)
    save_audited(voucher, actor=actor)
    return voucher


@transaction.atomic
def voucher_delete(*, voucher: Voucher, actor) -> None:
    """Delete a draft (with its transfer pair); posted vouchers stay for ever."""
    voucher = _locked(voucher)
    _check_draft(voucher)
    check_open(voucher.organisation, voucher.date)
    pair = voucher.transfer_pair or Voucher.objects.filter(transfer_pair=voucher).first()
    for draft in filter(None, [voucher, pair]):
        draft._history_user = actor
        for attachment in draft.attachments.all():
            delete_on_commit(attachment)
    if pair is not None:
        Voucher.objects.filter(pk__in=[voucher.pk, pair.pk]).update(transfer_pair=None)
        pair.delete()
    voucher.delete()


def take_numbers(voucher: Voucher, count: int = 1) -> range:
    """The next `count` numbers of the voucher's branch, kind and year, under the row lock."""
    sequence, _created = VoucherSequence.objects.select_for_update().get_or_create(
        organisation_id=voucher.organisation_id, kind=voucher.kind, year=voucher.year
    )
    # get_or_create may have inserted the row without the lock: take it now.
    sequence = VoucherSequence.objects.select_for_update().get(pk=sequence.pk)
    first = sequence.last + 1
    sequence.last += count
    sequence.save(update_fields=["last"])
    return range(first, sequence.last + 1)


def _next_number(voucher: Voucher) -> int:
    return take_numbers(voucher)[0]


def _post(voucher: Voucher, actor) -> None:
    voucher.number = _next_number(voucher)
    voucher.state = Voucher.State.POSTED
    voucher.posted_at = timezone.now()
    voucher.posted_by = stored_user(actor)
    save_audited(voucher, actor=actor)


@transaction.atomic
def voucher_post(*, voucher: Voucher, actor) -> Voucher:
    """Ghi sổ: number the draft and freeze it (a transfer's two vouchers together)."""
    voucher = _locked(voucher)
    _check_draft(voucher)
    check_open(voucher.organisation, voucher.date)
    check_voucher(voucher)
    pair = voucher.transfer_pair or Voucher.objects.filter(transfer_pair=voucher).first()
    for each in sorted(filter(None, [voucher, pair]), key=lambda v: v.pk):
        _post(_locked(each) if each is pair else each, actor)
    return voucher


@transaction.atomic
def voucher_reverse(*, voucher: Voucher, day: date, actor, description: str = "") -> Voucher:
    """Correct a posted voucher with a posted voucher of the opposite kind that undoes it."""
    voucher = _locked(voucher)
    if voucher.state != Voucher.State.POSTED:
        raise ValidationError(_("Chỉ điều chỉnh chứng từ đã ghi sổ; bản nháp thì sửa trực tiếp."))
    if voucher.is_transfer or Voucher.objects.filter(transfer_pair=voucher).exists():
        raise ValidationError(
            _("Chuyển tiền nội bộ được điều chỉnh bằng một lần chuyển ngược lại.")
        )
    if voucher.reverses_id:
        raise ValidationError(_("Không điều chỉnh một phiếu điều chỉnh; hãy lập phiếu mới."))
    if Voucher.objects.filter(reverses=voucher).exists():
        raise ValidationError(_("Chứng từ này đã được điều chỉnh."))
    if day < voucher.date:
        raise ValidationError({"date": _("Ngày điều chỉnh không được trước ngày chứng từ gốc.")})
    check_open(voucher.organisation, day)
    opposite = (
        Voucher.Kind.PAYMENT if voucher.kind == Voucher.Kind.RECEIPT else Voucher.Kind.RECEIPT
    )
    reversal = Voucher(
        organisation=voucher.organisation,
        kind=opposite,
        date=day,
        year=day.year,
        account=voucher.account,
        category=voucher.category,
        amount=voucher.amount,
        counterparty_member=voucher.counterparty_member,
        counterparty=voucher.counterparty,
        member=voucher.member,
        reverses=voucher,
        description=description
        or _("Điều chỉnh %(voucher)s: %(reason)s")
        % {"voucher": voucher.display_number, "reason": voucher.description},
    )
    check_voucher(reversal)
    _post(reversal, actor)
    return reversal


@transaction.atomic
def transfer_create(
    *,
    organisation: Organisation,
    source: Account,
    destination: Account,
    day: date,
    amount: int,
    description: str,
    actor,
) -> tuple[Voucher, Voucher]:
    """Move money between two accounts of the branch: a draft payment and receipt, linked."""
    if source.pk == destination.pk:
        raise ValidationError({"destination": _("Chọn một tài khoản khác tài khoản chuyển đi.")})
    check_open(organisation, day)
    common = {"organisation": organisation, "date": day, "year": day.year, "amount": amount}
    payment = Voucher(kind=Voucher.Kind.PAYMENT, account=source, description=description, **common)
    check_voucher(payment, transfer=True)  # the account and the date, before any save
    save_audited(payment, actor=actor)
    receipt = Voucher(
        kind=Voucher.Kind.RECEIPT,
        account=destination,
        description=description,
        transfer_pair=payment,
        **common,
    )
    check_voucher(receipt)
    save_audited(receipt, actor=actor)
    payment.transfer_pair = receipt
    save_audited(payment, actor=actor)
    return payment, receipt


@transaction.atomic
def account_save(*, account: Account, actor) -> Account:
    """Open or change an account; its opening balance is fixed once vouchers use it."""
    if account.pk:
        stored = Account.objects.select_for_update().get(pk=account.pk)
        used = stored.vouchers.exists()
        if used and (
            stored.opening_balance != account.opening_balance
            or stored.opening_date != account.opening_date
        ):
            raise ValidationError(
                {"opening_balance": _("Tài khoản đã có chứng từ: không sửa số dư đầu kỳ được.")}
            )
    save_audited(account, actor=actor)
    return account


@transaction.atomic
def period_close(
    *, organisation: Organisation, year: int, month: int | None, actor
) -> ClosedPeriod:
    """Khóa sổ a month or a year: its drafts must be posted or deleted first."""
    drafts = Voucher.objects.filter(
        organisation=organisation, state=Voucher.State.DRAFT, date__year=year
    )
    if month:
        drafts = drafts.filter(date__month=month)
    if n := drafts.count():
        raise ValidationError(
            _("Còn %(n)s chứng từ nháp trong kỳ: ghi sổ hoặc xóa trước khi khóa sổ.") % {"n": n}
        )
    period = ClosedPeriod(organisation=organisation, year=year, month=month, closed_by=actor)
    save_audited(period, actor=actor)
    return period


@transaction.atomic
def period_reopen(*, period: ClosedPeriod, actor) -> None:
    """Mở lại sổ (administrators only, checked by the view); the history keeps who did it."""
    period._history_user = actor
    period.delete()


@transaction.atomic
def attachment_add(*, voucher: Voucher, upload: UploadedFile, actor) -> Attachment:
    """Attach a PDF, JPG or PNG to a voucher (a signed scan after posting is usual), unless
    its period is closed."""
    voucher = _locked(voucher)
    check_open(voucher.organisation, voucher.date, field="file")
    attachment = Attachment(voucher=voucher)
    attach(attachment, upload, SCAN_TYPES, actor=actor)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor) -> None:
    """Remove an attachment of a draft; a posted voucher keeps its documents."""
    voucher = _locked(attachment.voucher)
    _check_draft(voucher)
    check_open(voucher.organisation, voucher.date)
    delete_on_commit(attachment)
    attachment._history_user = actor
    attachment.delete()
