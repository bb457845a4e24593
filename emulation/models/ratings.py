"""Xếp loại: the yearly ratings of members, groups and branches, and the monthly A/B/C grades."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member, Organisation


class Rating(models.TextChoices):
    """The yearly rating of a member, a group or a branch (xếp loại)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")


class OldWording(models.TextChoices):
    """The wording organisations were rated in before (vững mạnh...), kept as recorded and
    counted on the current scale through OLD_TO_RATING."""

    STRONG_EXCELLENT = "strong_excellent", _("Vững mạnh xuất sắc")
    STRONG = "strong", _("Vững mạnh")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Yếu")


OLD_TO_RATING = {
    OldWording.STRONG_EXCELLENT: Rating.EXCELLENT,
    OldWording.STRONG: Rating.GOOD,
    OldWording.FAIR: Rating.DONE,
    OldWording.AVERAGE: Rating.DONE,
    OldWording.WEAK: Rating.FAILED,
}


class MemberRating(models.Model):
    """Xếp loại đoàn viên: a member's rating for a year, entered per group."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("đoàn viên")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=16, choices=Rating.choices)
    # Where the member stood when rated: the subtree summaries count it there.
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại đoàn viên")
        verbose_name_plural = _("xếp loại đoàn viên")
        ordering = ["year", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="member_rating_once"),
        ]
        indexes = [models.Index(fields=["unit", "year", "rating"], name="member_rating_idx")]

    def __str__(self) -> str:
        return f"{self.member} {self.year}: {self.get_rating_display()}"


class MonthlyGrade(models.Model):
    """Phân hạng A/B/C of a member for a month (where a branch grades monthly)."""

    class Grade(models.TextChoices):
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="monthly_grades", verbose_name=_("đoàn viên")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    grade = models.CharField(_("hạng"), max_length=1, choices=Grade.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân hạng tháng")
        verbose_name_plural = _("phân hạng tháng")
        ordering = ["year", "month", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year", "month"], name="monthly_grade_once"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="monthly_grade_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.month:02d}/{self.year}: {self.grade}"


class OrganisationRating(models.Model):
    """Xếp loại tổ công đoàn, CĐCS: an organisation's rating for a year, given by the one above
    it. Older years may be recorded in the old wording; they count on the current scale."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=16, choices=Rating.choices)
    old_wording = models.CharField(
        _("xếp loại theo cách gọi cũ"), max_length=20, choices=OldWording.choices, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại đơn vị")
        verbose_name_plural = _("xếp loại đơn vị")
        ordering = ["year", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="organisation_rating_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.get_rating_display()}"

    def clean(self) -> None:
        if self.old_wording and OLD_TO_RATING[self.old_wording] != self.rating:
            raise ValidationError(
                {"old_wording": _("Cách gọi cũ không khớp với xếp loại đã chọn.")}
            )
