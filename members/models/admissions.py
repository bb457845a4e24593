"""Admissions: a worker's application to join the union, a member recommended to the Party."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import Organisation, ScopedByOrganisationQuerySet
from .registry import Member


class AdmissionApplication(models.Model):
    """A worker's application to join (đơn xin gia nhập), decided by the BCH."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xét")
        APPROVED = "approved", _("Đã kết nạp")
        REJECTED = "rejected", _("Không kết nạp")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("tổ công đoàn / đơn vị"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Member.Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    submitted_on = models.DateField(_("ngày nộp đơn"))
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    member = models.OneToOneField(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn xin gia nhập")
        verbose_name_plural = _("đơn xin gia nhập")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.full_name


class PartyRecommendation(models.Model):
    """The BCH recommends an outstanding member to the Party (giới thiệu đoàn viên ưu tú)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang xem xét")
        ADMITTED = "admitted", _("Đã được kết nạp Đảng")
        NOT_ADMITTED = "not_admitted", _("Chưa được kết nạp")

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="party_recommendations",
        verbose_name=_("đoàn viên"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    recommended_on = models.DateField(_("ngày giới thiệu"))
    decision_no = models.CharField(_("số văn bản"), max_length=64, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("ngày kết nạp Đảng"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giới thiệu đoàn viên ưu tú cho Đảng")
        verbose_name_plural = _("giới thiệu đoàn viên ưu tú cho Đảng")
        ordering = ["-year", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="party_rec_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.year})"

    def clean(self) -> None:
        errors = {}
        if self.recommended_on:
            if self.recommended_on > date.today():
                errors["recommended_on"] = _("Ngày giới thiệu không được ở tương lai.")
            elif self.year and self.recommended_on.year != self.year:
                errors["recommended_on"] = _("Ngày giới thiệu phải thuộc năm đã chọn.")
        if self.outcome == self.Outcome.ADMITTED and not self.outcome_on:
            errors["outcome_on"] = _("Nhập ngày được kết nạp Đảng.")
        if self.outcome_on and (
            self.outcome_on > date.today()
            or (self.recommended_on and self.outcome_on < self.recommended_on)
        ):
            errors["outcome_on"] = _("Ngày kết nạp Đảng phải từ ngày giới thiệu đến hôm nay.")
        if errors:
            raise ValidationError(errors)
