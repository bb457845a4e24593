"""Beside the vouchers: the yearly budget, charity drives and loans vouched for members.

Budgets are plans, not money: the actual side is always read from the posted vouchers. Drive
money (Ngày vì người nghèo, Quỹ Mái ấm Công đoàn, ...) is collected from members and passed
on; it is kept apart from the union's own books, so none of it is a voucher. Amounts are whole
đồng (BigIntegerField).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation
from members.models.organisations import ScopedByOrganisationQuerySet

from .ledger import Category


class BudgetLine(models.Model):
    """The amount a branch plans (dự toán) for one category in one year. A line on a parent
    category covers its sub-categories; the settlement (quyết toán) sets the year's posted
    vouchers against it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="budget_lines", verbose_name=_("mục")
    )
    # Đồng.
    amount = models.BigIntegerField(_("dự toán (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng dự toán")
        verbose_name_plural = _("dự toán")
        ordering = ["organisation", "year", "category__flow", "category__order", "category__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "category"], name="budget_line_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.category}"


class Drive(models.Model):
    """A charity drive a branch runs in a year ("Ngày vì người nghèo 2026"). Drives of the same
    name in different years are one row of the report's table of drives by year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="drives", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên quỹ, cuộc vận động"), max_length=200)
    started_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc vận động, quỹ xã hội")
        verbose_name_plural = _("cuộc vận động, quỹ xã hội")
        ordering = ["organisation", "-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "name"], name="drive_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class DriveContribution(models.Model):
    """What a member, or a group as a whole, gave to a drive."""

    drive = models.ForeignKey(
        Drive,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("cuộc vận động"),
    )
    date = models.DateField(_("ngày"))
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drive_contributions",
        verbose_name=_("đoàn viên"),
    )
    group = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tổ, công đoàn bộ phận"),
    )
    # Đồng.
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoản ủng hộ")
        verbose_name_plural = _("khoản ủng hộ")
        ordering = ["drive", "date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="drive_contribution_positive"),
            # From a member or from a group, never both, never neither.
            models.CheckConstraint(
                condition=Q(member__isnull=True, group__isnull=False)
                | Q(member__isnull=False, group__isnull=True),
                name="drive_contribution_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.drive}: {self.member or self.group}"

    def clean(self) -> None:
        if (self.member_id is None) == (self.group_id is None):
            raise ValidationError(_("Chọn một đoàn viên hoặc một tổ công đoàn."))


class DriveForward(models.Model):
    """Money of a drive passed on: to the upper union, the fund, or the people helped."""

    drive = models.ForeignKey(
        Drive, on_delete=models.CASCADE, related_name="forwards", verbose_name=_("cuộc vận động")
    )
    date = models.DateField(_("ngày"))
    recipient = models.CharField(_("nơi nhận"), max_length=255)
    # Đồng.
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoản chuyển đi")
        verbose_name_plural = _("khoản chuyển đi")
        ordering = ["drive", "date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="drive_forward_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.drive} → {self.recipient}"


class Loan(models.Model):
    """A loan a branch vouches for (tín chấp vay vốn): a member borrows from a lender (the
    social policy bank, a fund) on the union's word."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="loans", verbose_name=_("đoàn viên vay")
    )
    lender = models.CharField(_("nơi cho vay"), max_length=255)
    # Đồng.
    amount = models.BigIntegerField(_("số tiền vay (đồng)"))
    borrowed_on = models.DateField(_("ngày vay"))
    due_on = models.DateField(_("hạn trả"), null=True, blank=True)
    repaid_on = models.DateField(_("ngày trả hết"), null=True, blank=True)
    purpose = models.CharField(_("mục đích vay"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản vay tín chấp")
        verbose_name_plural = _("vay vốn tín chấp")
        ordering = ["organisation", "-borrowed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="loan_amount_positive"),
            models.CheckConstraint(
                condition=Q(repaid_on__isnull=True) | Q(repaid_on__gte=models.F("borrowed_on")),
                name="loan_repaid_after_borrowed",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "repaid_on"], name="loan_open_idx")]

    def __str__(self) -> str:
        return f"{self.member}: {self.amount}"

    def clean(self) -> None:
        if self.repaid_on and self.borrowed_on and self.repaid_on < self.borrowed_on:
            raise ValidationError({"repaid_on": _("Ngày trả không được trước ngày vay.")})
        if self.due_on and self.borrowed_on and self.due_on < self.borrowed_on:
            raise ValidationError({"due_on": _("Hạn trả không được trước ngày vay.")})
