"""Dues (đoàn phí): the dated rules, members' salary bases, and what members paid."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation
from members.models.organisations import ScopedByOrganisationQuerySet

from .ledger import Voucher


class DuesRule(models.Model):
    """How much đoàn phí a member owes a month, from a date on: installation-wide (no
    organisation) or a branch's own, which then replaces the installation's from its date.

    Rates and shares are percentages (Decimal), amounts whole đồng: nothing of this is a
    constant in code, since the rules change (they did in 2025) and differ by sector.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống: áp dụng cho mọi đơn vị chưa có quy định riêng."),
    )
    effective_from = models.DateField(_("áp dụng từ ngày"))
    rate = models.DecimalField(
        _("mức đóng (% lương)"), max_digits=5, decimal_places=2, default=Decimal("1.00")
    )
    cap_percent = models.DecimalField(
        _("mức trần (% lương cơ sở)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống nếu không có mức trần."),
    )
    # Đồng: the state base salary (lương cơ sở) the cap is a percentage of.
    base_salary = models.BigIntegerField(_("lương cơ sở (đồng)"))
    # Đồng a month, for members without a salary basis.
    flat_amount = models.BigIntegerField(_("mức đóng cố định (đồng/tháng)"), default=0)
    kept_dues_percent = models.DecimalField(
        _("tỷ lệ đoàn phí để lại cơ sở (%)"), max_digits=5, decimal_places=2
    )
    kept_kpcd_percent = models.DecimalField(
        _("tỷ lệ kinh phí công đoàn để lại cơ sở (%)"), max_digits=5, decimal_places=2
    )
    note = models.CharField(_("căn cứ"), max_length=255, blank=True)

    history = HistoricalRecords()
    # A branch's own rules are in its officers' scope; the installation's are nobody's.
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định đoàn phí")
        verbose_name_plural = _("quy định đoàn phí")
        ordering = ["organisation", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "effective_from"], name="dues_rule_unique_date"
            ),
            models.UniqueConstraint(
                fields=["effective_from"],
                condition=Q(organisation__isnull=True),
                name="dues_rule_unique_default_date",
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0, base_salary__gte=0, flat_amount__gte=0),
                name="dues_rule_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rate}% từ {self.effective_from:%d/%m/%Y}"


class SalaryBasis(models.Model):
    """A member's salary basis for dues from a date on (whole đồng). Months before the first
    entry use the profile's current salary basis."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="salary_history", verbose_name=_("đoàn viên")
    )
    effective_from = models.DateField(_("từ ngày"))
    amount = models.BigIntegerField(_("lương làm căn cứ (đồng)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lương làm căn cứ đóng đoàn phí")
        verbose_name_plural = _("lương làm căn cứ đóng đoàn phí")
        ordering = ["member", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "effective_from"], name="salary_basis_unique_date"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="salary_basis_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.amount} từ {self.effective_from:%d/%m/%Y}"


class DuesPayment(models.Model):
    """Dues a member paid for one month, behind the receipt that collected them (often a
    batch: a group's month in one receipt). They count as paid once the receipt is posted."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="dues_payments", verbose_name=_("đoàn viên")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    # Whole đồng.
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    voucher = models.ForeignKey(
        Voucher,
        on_delete=models.CASCADE,
        related_name="dues_payments",
        verbose_name=_("phiếu thu"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đoàn phí đã nộp")
        verbose_name_plural = _("đoàn phí đã nộp")
        ordering = ["member", "year", "month"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_payment_positive"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="dues_payment_month_range"
            ),
            models.UniqueConstraint(
                fields=["voucher", "member", "year", "month"], name="dues_payment_once_per_receipt"
            ),
        ]
        indexes = [models.Index(fields=["member", "year", "month"], name="dues_payment_idx")]

    def __str__(self) -> str:
        return f"{self.member}: {self.month:02d}/{self.year}"
