"""The books of a branch: accounts, categories, vouchers, closed periods.

Money is an integer number of đồng (the đồng has no minor unit): BigIntegerField, never floats.
Balances and totals are computed by the database from the posted vouchers, never stored.
"""

from datetime import date
from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation
from members.models.organisations import ScopedByOrganisationQuerySet


class Account(models.Model):
    """Where a branch keeps money: its cash box (tiền mặt) or a bank account (tiền gửi)."""

    class Kind(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        BANK = "bank", _("Tiền gửi ngân hàng")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=128)
    bank_account = models.CharField(_("số tài khoản"), max_length=64, blank=True)
    # Đồng. The balance on `opening_date`, when the branch started keeping its books here.
    opening_balance = models.BigIntegerField(_("số dư đầu kỳ (đồng)"), default=0)
    opening_date = models.DateField(_("ngày số dư đầu kỳ"))

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        ordering = ["organisation", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="account_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A line of income or spending (mục thu, mục chi), with a code, in a tree."""

    class Flow(models.TextChoices):
        INCOME = "income", _("Khoản thu")
        SPENDING = "spending", _("Khoản chi")

    code = models.CharField(_("mã"), max_length=16, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    flow = models.CharField(_("thu/chi"), max_length=8, choices=Flow.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc mục"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục thu chi")
        verbose_name_plural = _("mục thu chi")
        ordering = ["flow", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def clean(self) -> None:
        # Two levels: reports print each top-level line, its sub-lines summed into it.
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Chỉ chọn mục cấp trên cùng làm mục cha.")})
        if self.parent_id and self.parent.flow != self.flow:
            raise ValidationError({"parent": _("Mục cha phải cùng loại thu hoặc chi.")})


class VoucherQuerySet(ScopedByOrganisationQuerySet):
    def posted(self):
        return self.filter(state=Voucher.State.POSTED)


class Voucher(models.Model):
    """A receipt (phiếu thu) or a payment (phiếu chi).

    Drafts may be edited or deleted; posting gives the number (per branch, kind and year, with
    no gap) and freezes the voucher. A mistake is corrected by a reversing voucher. A transfer
    between two accounts is a payment and a receipt with no category, linked to each other:
    it moves money between books and is neither income nor spending.
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Phiếu thu")
        PAYMENT = "payment", _("Phiếu chi")

    class State(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        POSTED = "posted", _("Đã ghi sổ")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="vouchers", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại phiếu"), max_length=8, choices=Kind.choices)
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=State.choices, default=State.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveIntegerField(_("số phiếu"), null=True, blank=True, editable=False)
    date = models.DateField(_("ngày"))
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="vouchers", verbose_name=_("tài khoản")
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vouchers",
        verbose_name=_("mục thu chi"),
    )
    # Đồng, strictly positive: the kind says which way the money goes.
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    counterparty_member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nộp/nhận là đoàn viên"),
    )
    counterparty = models.CharField(_("người nộp/nhận tiền"), max_length=255, blank=True)
    description = models.CharField(_("lý do"), max_length=500)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vouchers",
        verbose_name=_("đoàn viên liên quan"),
        help_text=_("Đoàn viên được thăm hỏi, trợ cấp, khen thưởng..."),
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("điều chỉnh cho phiếu"),
    )
    transfer_pair = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyển khoản nội bộ với"),
    )
    posted_at = models.DateTimeField(_("ghi sổ lúc"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi sổ"),
        editable=False,
    )

    history = HistoricalRecords()
    objects = VoucherQuerySet.as_manager()

    class Meta:
        verbose_name = _("chứng từ")
        verbose_name_plural = _("chứng từ")
        ordering = ["organisation", "date", "kind", "number", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="voucher_amount_positive"),
            models.UniqueConstraint(
                fields=["organisation", "kind", "year", "number"], name="voucher_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(state="draft", number__isnull=True)
                | Q(state="posted", number__isnull=False),
                name="voucher_number_when_posted",
            ),
        ]
        indexes = [
            # Balances, books and the summary are sums read from this index alone.
            models.Index(
                fields=["account", "state", "date", "kind", "amount", "category"],
                name="voucher_sums_idx",
            ),
            models.Index(fields=["organisation", "state", "date"], name="voucher_org_date_idx"),
            # The voucher list: a branch's vouchers, newest first.
            models.Index(fields=["organisation", "-date", "-id"], name="voucher_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.display_number}"

    @property
    def display_number(self) -> str:
        """ "PT 0012/2026" for a posted receipt; "nháp" for a draft."""
        if self.number is None:
            return str(_("nháp"))
        prefix = "PT" if self.kind == self.Kind.RECEIPT else "PC"
        return f"{prefix} {self.number:04d}/{self.year}"

    @property
    def is_transfer(self) -> bool:
        return self.transfer_pair_id is not None

    @property
    def signed_amount(self) -> int:
        return self.amount if self.kind == self.Kind.RECEIPT else -self.amount


class VoucherSequence(models.Model):
    """The last number given per branch, kind and year: locked while a voucher is posted."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Voucher.Kind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year"], name="voucher_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class ClosedPeriod(models.Model):
    """A month (or a whole year, month empty) of a branch's books, closed to every write."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    closed_at = models.DateTimeField(_("khóa lúc"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người khóa"),
    )

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ đã khóa sổ")
        verbose_name_plural = _("kỳ đã khóa sổ")
        ordering = ["organisation", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "month"], name="closed_period_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(month__isnull=True),
                name="closed_year_unique",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="closed_period_month_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)

    def covers(self, day: date) -> bool:
        return day.year == self.year and (self.month is None or day.month == self.month)


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    """A random name under the branch and year: nothing of the uploaded name reaches the disk."""
    voucher = attachment.voucher
    suffix = PurePath(filename).suffix.lower()
    return f"vouchers/{voucher.organisation_id}/{voucher.year}/{uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A scanned or original document behind a voucher (PDF, JPG, PNG), served only through a
    permission-checked view, never from a public URL."""

    voucher = models.ForeignKey(
        Voucher, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("chứng từ")
    )
    file = models.FileField(_("tệp"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["voucher", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
